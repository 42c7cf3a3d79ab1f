/** authorized-audiences-required: an authorized token issuer has no (or an empty) audience. */
import type { Rule } from '../types.js';
import { AUTHORIZED_TOKEN_ISSUER, claimViolations, hasKey, valueAt } from './support/paths.js';

export const rule: Rule = {
  meta: {
    id: 'authorized-audiences-required',
    severity: 'error',
    summary: 'an authorized token issuer has no (or an empty) audience',
    docs: {
      why:
        'Identity Center accepts a JWT from a trusted token issuer only when its `aud` claim is one of the ' +
        '`AuthorizedAudiences` listed for that issuer on the jwt-bearer grant (RFC 7523). No audiences, an empty list ' +
        'or a blank audience means every assertion is refused with InvalidGrantException.',
      fix: 'Add the audience your IdP puts in `aud` for this application (often its client id, e.g. `0oa1analytics`).',
      bad: `applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666", AuthorizedAudiences: [] }] } }
`,
      good: `applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666", AuthorizedAudiences: [0oa1portal] }] } }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_AuthorizedTokenIssuer.html',
    },
  },
  claims: claimViolations(
    { at: [...AUTHORIZED_TOKEN_ISSUER, 'AuthorizedAudiences'], keywords: ['minItems'] },
    { at: [...AUTHORIZED_TOKEN_ISSUER, 'AuthorizedAudiences', '*'], keywords: ['minLength'] },
  ),
  check({ model, report }) {
    for (const app of model.applications) {
      for (const grant of app.grants) {
        for (const issuer of grant.authorizedTokenIssuers ?? []) {
          const raw = valueAt(model.raw, issuer.pointer);
          const who = issuer.ref ? `trusted token issuer '${issuer.ref}'` : 'a trusted token issuer';
          if (!hasKey(raw, 'AuthorizedAudiences')) {
            if (model.unknown.isUnknown([...issuer.pointer, 'AuthorizedAudiences'])) continue;
            report({ node: issuer, message: `${who} of application '${app.name}' has no AuthorizedAudiences, so no token's aud can match` });
            continue;
          }
          const audiences = valueAt(raw, ['AuthorizedAudiences']);
          if (!Array.isArray(audiences)) continue;
          audiences.forEach((audience, k) => {
            // '' breaks the schema's minLength (claimed above); a blank one passes it but matches no real aud either.
            if (typeof audience === 'string' && audience !== '' && audience.trim() === '') {
              report({ node: issuer, field: ['AuthorizedAudiences', k], message: `audience ${k + 1} of ${who} is blank` });
            }
          });
        }
      }
    }
    // An AWS-managed application's issuers (Redshift's authorized_token_issuer) need audiences as a grant's do.
    for (const managed of model.managedApplications) {
      for (const issuer of managed.authorizedTokenIssuers) {
        if (model.unknown.hasUnknownParts([...issuer.pointer, 'AuthorizedAudiences'])) continue;
        const who = issuer.ref ? `trusted token issuer '${issuer.ref}'` : 'a trusted token issuer';
        if (issuer.audiences === undefined || issuer.audiences.length === 0) {
          report({ node: issuer, message: `${who} of ${managed.type} '${managed.name}' has no authorized audiences, so no token's aud can match` });
          continue;
        }
        issuer.audiences.forEach((audience, k) => {
          if (audience.trim() === '') report({ node: issuer, field: ['AuthorizedAudiences', k], message: `audience ${k + 1} of ${who} of ${managed.type} '${managed.name}' is empty` });
        });
      }
    }
  },
};
