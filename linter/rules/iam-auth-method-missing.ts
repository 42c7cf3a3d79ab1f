/** iam-auth-method-missing: an application has grants but no IAM authentication method. */
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'iam-auth-method-missing',
    severity: 'warning',
    summary: 'an application has grants but no IAM authentication method, so CreateTokenWithIAM is denied',
    docs: {
      why:
        'CreateTokenWithIAM is allowed only for IAM principals named in the application\'s actor policy, set with ' +
        'PutApplicationAuthenticationMethod (type IAM). Without one, every grant of the application is unusable from ' +
        'a backend. Public clients that get tokens through CreateToken (device code) need no IAM method: suppress the ' +
        'finding with that reason.',
      fix: 'Add an `AuthenticationMethods` entry of type IAM whose ActorPolicy allows `sso-oauth:CreateTokenWithIAM` for the calling role.',
      bad: `applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`,
      good: `applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod:
          Iam:
            ActorPolicy:
              Version: "2012-10-17"
              Statement:
                - Effect: Allow
                  Principal: { AWS: arn:aws:iam::111122223333:role/PortalBackend }
                  Action: sso-oauth:CreateTokenWithIAM
                  Resource: "*"
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/iam-auth-access-using-resource-based-policies.html',
    },
  },
  check({ model, report }) {
    for (const app of model.applications) {
      if (app.grants.length === 0 || app.authenticationMethods.some((m) => m.type === 'IAM')) continue;
      // An authentication method the reader could not read (or not attach to its application) may be the IAM one.
      if (model.unknown.hasUnknownParts([...app.pointer, 'AuthenticationMethods'])) continue;
      // At the Grants key, so a suppression comment above the application (or above Grants) covers it.
      report({
        node: app,
        field: ['Grants'],
        atKey: true,
        message: `application '${app.name}' has grants but no IAM authentication method, so CreateTokenWithIAM is denied for every caller`,
      });
    }
  },
};
