/** redirect-uris-required: an authorization_code grant needs RedirectUris. */
import { rule } from '../../../linter/rules/redirect-uris-required.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const code = (member: string, grantType = 'authorization_code') => `${HEAD}applications:
  - Name: wiki
    Grants:
      - GrantType: ${grantType}
        Grant: { AuthorizationCode: ${member} }
`;

ruleTester.run(rule, {
  valid: [
    { name: 'one redirect URI', yaml: code('{ RedirectUris: [https://wiki.example.com/cb] }') },
    {
      name: 'grants of other types have none',
      yaml: `${HEAD}applications:
  - Name: wiki
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`,
    },
    { name: 'a mismatched member is grant-union-mismatch, not this', yaml: code('{}', 'refresh_token') },
  ],
  invalid: [
    { name: 'empty AuthorizationCode', yaml: code('{}'), errors: [{ line: 8, column: 37, messageIncludes: 'has no RedirectUris' }] },
    { name: 'empty RedirectUris list', yaml: code('{ RedirectUris: [] }'), errors: [{ line: 8, column: 53, messageIncludes: 'at least 1' }] },
    {
      name: 'RedirectUris with no value',
      yaml: `${HEAD}applications:
  - Name: wiki
    Grants:
      - GrantType: authorization_code
        Grant:
          AuthorizationCode:
            RedirectUris:
`,
      errors: [{ line: 10, messageIncludes: 'must be an array' }],
    },
  ],
});
