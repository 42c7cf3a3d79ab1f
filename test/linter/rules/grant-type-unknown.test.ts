/** grant-type-unknown: fires on the GrantType value, instead of schema-violation. */
import { rule } from '../../../linter/rules/grant-type-unknown.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    {
      name: 'all four grant types, spelled out',
      yaml: `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: authorization_code
        Grant: { AuthorizationCode: { RedirectUris: [https://portal.example.com/cb] } }
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: x, AuthorizedAudiences: [a] }] } }
      - GrantType: urn:ietf:params:oauth:grant-type:token-exchange
        Grant: { TokenExchange: {} }
`,
    },
  ],
  invalid: [
    {
      name: 'the short OIDC name instead of the URN',
      yaml: `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: jwt-bearer
        Grant: { RefreshToken: {} }
`,
      errors: [{ line: 7, column: 20, messageIncludes: 'urn:ietf:params:oauth:grant-type:jwt-bearer' }],
    },
    {
      name: 'device_code is a CreateToken grant, not an sso-admin one',
      yaml: `${HEAD}applications:
  - Name: cli
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:device_code
        Grant: { RefreshToken: {} }
`,
      errors: [{ line: 7, column: 20 }],
    },
    {
      // ajv reports both the type and the enum for a non-string; both are this rule's, none is schema-violation.
      name: 'a GrantType that is not a string',
      yaml: `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: 42
        Grant: { RefreshToken: {} }
`,
      errors: [
        { line: 7, column: 20, messageIncludes: 'must be a string' },
      ],
    },
    {
      name: 'a grant without GrantType',
      yaml: `${HEAD}applications:
  - Name: portal
    Grants:
      - Grant: { RefreshToken: {} }
`,
      errors: [{ line: 7, column: 9, messageIncludes: "'GrantType'" }],
    },
  ],
});
