/** schema-violation: the fallback for what breaks the schema and no specific rule claims. */
import { readFileSync } from 'node:fs';
import { rule } from '../../../linter/rules/schema-violation.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'the okta-tip example', yaml: readFileSync('examples/okta-tip/tipkit.yaml', 'utf8') },
    {
      name: 'problems a specific rule claims are not reported here',
      yaml: `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: jwt-bearer
        Grant: { RefreshToken: {}, TokenExchange: {} }
    AccessScopes:
      - Scope: s3:access-grants
        AuthorizedTargets: [""]
`,
    },
  ],
  invalid: [
    {
      name: 'an unknown key, at the key',
      yaml: `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
        Scopes: [openid]
`,
      errors: [{ line: 9, column: 9, messageIncludes: "unknown key 'Scopes'" }],
    },
    { name: 'a typo in a top-level key', yaml: `${HEAD}application:\n  - Name: portal\n`, errors: [{ line: 4, column: 1, messageIncludes: "unknown key 'application'" }] },
    { name: 'a wrong type', yaml: `${HEAD}applications:\n  - Name: portal\n    AssignmentRequired: "yes"\n`, errors: [{ line: 6, column: 25, messageIncludes: 'boolean' }] },
    { name: 'version missing', yaml: HEAD.replace('version: 1\n', '') + 'applications: []\n', errors: [{ line: 1, column: 1, messageIncludes: "'version'" }] },
    { name: 'an instance ARN that breaks the pattern', yaml: HEAD.replace('ssoins-7223e2ee1a2b3c4d', 'ssoins-123'), errors: [{ line: 3, column: 16, messageIncludes: 'pattern' }] },
  ],
});
