/** access-scope-invalid: scopes follow the sso-admin Scope pattern. */
import { rule } from '../../../linter/rules/access-scope-invalid.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const scopes = (...list: string[]) => `${HEAD}applications:
  - Name: portal
    AccessScopes:
${list.map((s) => `      - Scope: ${JSON.stringify(s)}`).join('\n')}
`;

ruleTester.run(rule, {
  valid: [{ name: 'documented scopes', yaml: scopes('openid', 'redshift:connect', 's3:access_grants:read_write', 'sso:account:access') }],
  invalid: [
    {
      name: 'hyphens, a fourth segment, a dot',
      yaml: scopes('redshift:connect', 's3:access-grants:read-write', 'a:b:c:d', 'aws.read'),
      errors: [{ line: 8, column: 16, messageIncludes: 'pattern' }, { line: 9, column: 16 }, { line: 10, column: 16 }],
    },
    { name: 'not a string', yaml: `${HEAD}applications:\n  - Name: portal\n    AccessScopes:\n      - Scope: [openid]\n`, errors: [{ line: 7, column: 16, messageIncludes: 'string' }] },
  ],
});
