/** grant-union-mismatch: exactly one Grant member, the one GrantType needs. */
import { rule } from '../../../linter/rules/grant-union-mismatch.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const grant = (grantType: string, grantYaml: string) => `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: ${grantType}
        Grant: ${grantYaml}
`;

ruleTester.run(rule, {
  valid: [
    { name: 'refresh_token with an empty RefreshToken member', yaml: grant('refresh_token', '{ RefreshToken: {} }') },
    { name: 'token exchange with an empty TokenExchange member', yaml: grant('urn:ietf:params:oauth:grant-type:token-exchange', '{ TokenExchange: {} }') },
    { name: 'authorization_code with AuthorizationCode', yaml: grant('authorization_code', '{ AuthorizationCode: { RedirectUris: [https://a.example.com/cb] } }') },
    { name: 'an unknown GrantType is grant-type-unknown, not a mismatch', yaml: grant('password', '{ RefreshToken: {} }') },
  ],
  invalid: [
    {
      name: 'member of another grant type',
      yaml: grant('refresh_token', '{ TokenExchange: {} }'),
      errors: [{ line: 8, column: 18, messageIncludes: "needs Grant member 'RefreshToken'" }],
    },
    {
      name: 'jwt-bearer GrantType holding AuthorizationCode',
      yaml: grant('urn:ietf:params:oauth:grant-type:jwt-bearer', '{ AuthorizationCode: { RedirectUris: [https://a.example.com/cb] } }'),
      errors: [{ line: 8, column: 18, messageIncludes: "'JwtBearer'" }],
    },
    {
      name: 'two members',
      yaml: grant('refresh_token', '{ RefreshToken: {}, TokenExchange: {} }'),
      errors: [{ line: 8, column: 16, messageIncludes: 'exactly one member' }],
    },
    { name: 'no member', yaml: grant('refresh_token', '{}'), errors: [{ line: 8, column: 16, messageIncludes: 'exactly one member' }] },
    {
      name: 'a member that is not in the union',
      yaml: grant('refresh_token', '{ Refresh: {} }'),
      errors: [{ line: 8, column: 18, messageIncludes: "unknown key 'Refresh'" }],
    },
    { name: 'Grant is not an object', yaml: grant('refresh_token', 'RefreshToken'), errors: [{ line: 8, column: 16, messageIncludes: 'object' }] },
    {
      name: 'Grant missing',
      yaml: `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
`,
      errors: [{ line: 7, column: 9, messageIncludes: "'Grant'" }],
    },
  ],
});
