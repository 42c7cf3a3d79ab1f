/** refresh-token-without-source: a refresh_token grant, but no grant of the application ever yields a refresh token. */
import { GRANT_TYPES } from '../../model/types.js';
import type { Rule } from '../types.js';

/** Grants whose CreateTokenWithIAM response can carry a refresh token (SDK examples; token exchange on request). */
const YIELDS_REFRESH_TOKEN = new Set<string>([GRANT_TYPES.authorizationCode, GRANT_TYPES.jwtBearer, GRANT_TYPES.tokenExchange]);

export const rule: Rule = {
  meta: {
    id: 'refresh-token-without-source',
    severity: 'warning',
    summary: 'an application used with CreateTokenWithIAM has a refresh_token grant but no grant that issues refresh tokens',
    docs: {
      why:
        'A refresh_token grant only redeems refresh tokens that the same application was issued earlier, by its ' +
        'authorization_code, jwt-bearer or token-exchange grant. An IAM-authenticated application with refresh_token ' +
        'alone can never be given a refresh token to redeem. (Public clients that get refresh tokens from CreateToken, ' +
        'such as a device-code CLI, have no IAM authentication method and are not flagged.)',
      fix: 'Add the grant the application signs users in with (authorization_code or jwt-bearer), or drop the refresh_token grant.',
      bad: `applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod: { Iam: { ActorPolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/Portal }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }] } } }
`,
      good: `applications:
  - Name: portal
    Grants:
      - GrantType: authorization_code
        Grant: { AuthorizationCode: { RedirectUris: [https://portal.example.com/callback] } }
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod: { Iam: { ActorPolicy: { Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/Portal }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }] } } }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/OIDCAPIReference/API_CreateTokenWithIAM.html',
    },
  },
  check({ model, report }) {
    for (const app of model.applications) {
      if (!app.authenticationMethods.some((m) => m.type === 'IAM')) continue;
      const refresh = app.grants.find((g) => g.grantType === GRANT_TYPES.refreshToken);
      if (!refresh || app.grants.some((g) => g.grantType !== undefined && YIELDS_REFRESH_TOKEN.has(g.grantType))) continue;
      // A grant whose type could not be read may be the source.
      if (model.unknown.hasUnknownParts([...app.pointer, 'Grants', '*', 'GrantType'])) continue;
      report({
        node: refresh,
        field: ['GrantType'],
        message: `application '${app.name}' has a refresh_token grant but no authorization_code, jwt-bearer or token-exchange grant, so it is never issued a refresh token to redeem`,
      });
    }
  },
};
