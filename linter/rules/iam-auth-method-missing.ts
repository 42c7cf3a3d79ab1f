/** iam-auth-method-missing: an application has grants but no IAM authentication method. */
import type { ApplicationNode } from '../../model/types.js';
import type { Rule } from '../types.js';

/** Grants only CreateTokenWithIAM accepts: an application with one is called by a backend, with IAM. */
const IAM_ONLY_GRANTS = new Set(['urn:ietf:params:oauth:grant-type:jwt-bearer', 'urn:ietf:params:oauth:grant-type:token-exchange']);

/**
 * Scopes Identity Center grants to public clients (RegisterClient / CreateToken) and not as TIP scopes of
 * CreateTokenWithIAM (tip-facts §6.1 against §6.2; `redshift:connect` is both, so it is not here).
 */
const PUBLIC_CLIENT_SCOPE = /^(sso:account:access|codewhisperer:\w+|codecatalyst:read_write|verified_access:application:connect|datazone:domain:access|nosqlworkbench:datamodeladviser|transform:read_write)$/;

/**
 * An application the config shows is used by public clients through `entitledApplicationArn`: no grant that only
 * CreateTokenWithIAM accepts, and an access scope that only public clients are given.
 */
export function servesPublicClients(app: ApplicationNode): boolean {
  return app.grants.every((g) => !IAM_ONLY_GRANTS.has(String(g.grantType))) && app.accessScopes.some((s) => s.scope !== undefined && PUBLIC_CLIENT_SCOPE.test(s.scope));
}

export const rule: Rule = {
  meta: {
    id: 'iam-auth-method-missing',
    severity: 'warning',
    summary: 'an application has grants but no IAM authentication method, so CreateTokenWithIAM is denied',
    docs: {
      why:
        'CreateTokenWithIAM is allowed only for IAM principals named in the application\'s actor policy, set with ' +
        'PutApplicationAuthenticationMethod (type IAM). Without one, every grant of the application is unusable from ' +
        'a backend. Public clients (a CLI registered with RegisterClient and `entitledApplicationArn`) get their tokens ' +
        'from CreateToken instead, and need no IAM method. tipkit recognizes such an application when none of its ' +
        'grants is one only CreateTokenWithIAM accepts (jwt-bearer, token-exchange) and one of its access scopes is a ' +
        'scope Identity Center gives public clients (`sso:account:access`, `codewhisperer:*`, `codecatalyst:read_write`, ' +
        '`verified_access:application:connect`, `datazone:domain:access`, `nosqlworkbench:datamodeladviser`, ' +
        '`transform:read_write`), and does not report it. For any other application used only by public clients, ' +
        'suppress the finding with `# tipkit-ignore iam-auth-method-missing: a public client` above it.',
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
      if (app.grants.length === 0 || app.authenticationMethods.some((m) => m.type === 'IAM') || servesPublicClients(app)) continue;
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
