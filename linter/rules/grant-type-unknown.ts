/** grant-type-unknown: `GrantType` is none of the four PutApplicationGrant grant types. */
import type { Rule } from '../types.js';
import { GRANT, claimViolations } from './support/paths.js';

export const rule: Rule = {
  meta: {
    id: 'grant-type-unknown',
    severity: 'error',
    summary: '`GrantType` is none of the four grant types',
    docs: {
      why:
        'PutApplicationGrant accepts exactly four grant types (the sso-admin GrantType enum). Any other value is ' +
        'rejected with a ValidationException, and the OIDC grant names (`jwt-bearer`, `device_code`) are not the ' +
        'sso-admin ones.',
      fix:
        'Use one of `authorization_code`, `refresh_token`, `urn:ietf:params:oauth:grant-type:jwt-bearer` or ' +
        '`urn:ietf:params:oauth:grant-type:token-exchange`, spelled out in full.',
      bad: `applications:
  - Name: portal
    Grants:
      - GrantType: jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666", AuthorizedAudiences: [portal] }] } }
`,
      good: `applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666", AuthorizedAudiences: [portal] }] } }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutApplicationGrant.html',
    },
  },
  // The schema's GrantType enum is the whole check; claiming it keeps the finding under this name for every input kind.
  claims: claimViolations({ at: [...GRANT, 'GrantType'], keywords: ['enum', 'type'] }, { at: GRANT, keywords: ['required'], missing: 'GrantType' }),
  check() {},
};
