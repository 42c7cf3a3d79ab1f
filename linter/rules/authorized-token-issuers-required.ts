/** authorized-token-issuers-required: a jwt-bearer grant has no `AuthorizedTokenIssuers`. */
import { GRANT_TYPES } from '../../model/types.js';
import type { Rule } from '../types.js';
import { JWT_BEARER, claimViolations, hasKey, valueAt } from './support/paths.js';

export const rule: Rule = {
  meta: {
    id: 'authorized-token-issuers-required',
    severity: 'error',
    summary: 'a jwt-bearer grant has no `AuthorizedTokenIssuers`',
    docs: {
      why:
        'A jwt-bearer grant trusts JWTs only from the trusted token issuers it lists. With none (or an empty list; the ' +
        'sso-admin shape needs 1–10) every CreateTokenWithIAM assertion is refused with InvalidGrantException.',
      fix: 'List the trusted token issuer (its Name in this file, or its ARN) and the audiences its tokens carry.',
      bad: `applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: {} }
`,
      good: `applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant:
          JwtBearer:
            AuthorizedTokenIssuers:
              - { TrustedTokenIssuerArn: "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666", AuthorizedAudiences: [portal] }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_JwtBearerGrant.html',
    },
  },
  claims: claimViolations({ at: [...JWT_BEARER, 'AuthorizedTokenIssuers'], keywords: ['minItems'] }),
  check({ model, report }) {
    for (const app of model.applications) {
      for (const grant of app.grants) {
        if (grant.grantType !== GRANT_TYPES.jwtBearer) continue;
        const member = valueAt(grant.grant, ['JwtBearer']);
        if (typeof member !== 'object' || member === null || Array.isArray(member) || hasKey(member, 'AuthorizedTokenIssuers')) continue;
        if (model.unknown.isUnknown([...grant.pointer, 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers'])) continue;
        report({
          node: grant,
          field: ['Grant', 'JwtBearer'],
          message: `the jwt-bearer grant of application '${app.name}' lists no AuthorizedTokenIssuers, so no assertion can be accepted`,
        });
      }
    }
  },
};
