/** access-scope-target-unresolved: scope targets are declared applications or ARNs. */
import { rule } from '../../../linter/rules/access-scope-target-unresolved.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const targets = (...list: string[]) => `${HEAD}applications:
  - Name: redshift-app
  - Name: portal
    AccessScopes:
      - Scope: redshift:connect
        AuthorizedTargets:
${list.map((t) => `          - ${JSON.stringify(t)}`).join('\n')}
`;

ruleTester.run(rule, {
  valid: [
    { name: 'a declared Name', yaml: targets('redshift-app') },
    { name: 'an application ARN', yaml: targets('arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1a2b3c4d5e6f7a8b') },
    { name: 'an instance ARN', yaml: targets('arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d') },
  ],
  invalid: [
    {
      name: 'a typo',
      yaml: targets('redshift-app', 'redshfit-app'),
      errors: [{ line: 11, column: 13, messageIncludes: "targets 'redshfit-app', which is neither a declared application" }],
    },
    { name: 'a malformed ARN', yaml: targets('arn:aws:sso::111122223333:application/apl-1'), errors: [{ line: 10, column: 13 }] },
    { name: 'an empty target', yaml: targets(''), errors: [{ line: 10, column: 13 }] },
  ],
});
