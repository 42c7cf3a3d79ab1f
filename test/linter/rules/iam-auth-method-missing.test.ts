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
    // Issue 12.10: an application used only by public clients through entitledApplicationArn (CreateToken) needs no
    // IAM method; the config shows that use by a public-client scope (tip-facts §6.1) and no IAM-only grant.
    { name: 'used by public clients: sso:account:access, refresh_token only', yaml: `${app}    AccessScopes:\n      - Scope: sso:account:access\n` },
  ],
  invalid: [
    { name: 'grants without any method', yaml: app, errors: [{ line: 6, column: 5, messageIncludes: "application 'portal' has grants but no IAM authentication method" }] },
    {
      name: 'a method of an unknown type does not count',
      yaml: app + iamMethodYaml().replace('AuthenticationMethodType: IAM', 'AuthenticationMethodType: OIDC'),
      errors: [{ line: 6, column: 5 }],
    },
    {
      name: 'a public-client scope does not excuse a jwt-bearer grant (only CreateTokenWithIAM takes it)',
      yaml: `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1", AuthorizedAudiences: [a] }] } }
    AccessScopes:
      - Scope: sso:account:access
`,
      errors: [{ line: 6, column: 5 }],
    },
    { name: 'a TIP scope (redshift:connect) is no sign of public clients', yaml: `${app}    AccessScopes:\n      - Scope: redshift:connect\n`, errors: [{ line: 6, column: 5 }] },
  ],
});
