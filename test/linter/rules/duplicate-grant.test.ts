/** duplicate-grant: one grant per (application, grant type). */
import { rule } from '../../../linter/rules/duplicate-grant.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    {
      name: 'the same grant type on two applications',
      yaml: `${HEAD}applications:
  - Name: a
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
  - Name: b
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`,
    },
  ],
  invalid: [
    {
      name: 'refresh_token twice',
      yaml: `${HEAD}applications:
  - Name: a
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
      - GrantType: urn:ietf:params:oauth:grant-type:token-exchange
        Grant: { TokenExchange: {} }
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`,
      errors: [{ line: 11, column: 20, messageIncludes: 'already declared for application \'a\' (line 7)' }],
    },
    {
      name: 'three of a kind: each repeat reported',
      yaml: `${HEAD}applications:
  - Name: a
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`,
      errors: [{ line: 9 }, { line: 11 }],
    },
  ],
});
