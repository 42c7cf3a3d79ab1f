/** token-exchange-unreachable: a token-exchange application some access scope targets. */
import { rule } from '../../../linter/rules/token-exchange-unreachable.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const target = (targets: string) => `${HEAD}applications:
  - Name: redshift-app
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:token-exchange
        Grant: { TokenExchange: {} }
  - Name: portal
    AccessScopes:
      - Scope: redshift:connect
        AuthorizedTargets: ${targets}
`;

ruleTester.run(rule, {
  valid: [
    { name: 'targeted by Name', yaml: target('[redshift-app]') },
    { name: 'targeted through the instance ARN', yaml: target('["arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d"]') },
    {
      name: 'targeted by its own ARN',
      yaml: target('["arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1a2b3c4d5e6f7a8b"]').replace(
        '  - Name: redshift-app\n',
        '  - Name: redshift-app\n    ApplicationArn: arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1a2b3c4d5e6f7a8b\n',
      ),
    },
  ],
  invalid: [
    { name: 'the scope targets something else', yaml: target('[portal]'), errors: [{ line: 7, column: 20, messageIncludes: "application 'redshift-app' accepts token exchange" }] },
    {
      name: 'another instance ARN',
      yaml: target('["arn:aws:sso:::instance/ssoins-1111222233334444"]'),
      errors: [{ line: 7, column: 20 }],
    },
    {
      name: 'no access scopes anywhere',
      yaml: `${HEAD}applications:
  - Name: redshift-app
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:token-exchange
        Grant: { TokenExchange: {} }
`,
      errors: [{ line: 7, column: 20 }],
    },
  ],
});
