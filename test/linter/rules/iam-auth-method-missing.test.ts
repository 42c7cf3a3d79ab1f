/** iam-auth-method-missing: grants need an IAM authentication method for CreateTokenWithIAM. */
import { rule } from '../../../linter/rules/iam-auth-method-missing.js';
import { HEAD, iamMethodYaml, ruleTester } from '../../helpers/rule-tester.js';

const app = `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`;

ruleTester.run(rule, {
  valid: [
    { name: 'with an IAM method', yaml: app + iamMethodYaml() },
    { name: 'no grants, nothing to call', yaml: `${HEAD}applications:\n  - Name: portal\n` },
  ],
  invalid: [
    { name: 'grants without any method', yaml: app, errors: [{ line: 6, column: 5, messageIncludes: "application 'portal' has grants but no IAM authentication method" }] },
    {
      name: 'a method of an unknown type does not count',
      yaml: app + iamMethodYaml().replace('AuthenticationMethodType: IAM', 'AuthenticationMethodType: OIDC'),
      errors: [{ line: 6, column: 5 }],
    },
  ],
});
