/** token-issuer-unresolved: `TrustedTokenIssuerArn` names no declared issuer and is not a well-formed ARN. */
import { ssoAdminShapes } from '../../model/generated/sso-admin-shapes.js';
import type { Rule } from '../types.js';
import { AUTHORIZED_TOKEN_ISSUER, claimViolations, hasKey, valueAt } from './support/paths.js';

export const rule: Rule = {
  meta: {
    id: 'token-issuer-unresolved',
    severity: 'error',
    summary: '`TrustedTokenIssuerArn` names no declared issuer and is not a well-formed ARN',
    docs: {
      why:
        'In tipkit.yaml a jwt-bearer grant may name a trusted token issuer declared in the same file, or give the ARN ' +
        'of one that exists already. A value that is neither (a typo in the Name, a truncated ARN) cannot be turned ' +
        'into the TrustedTokenIssuerArn that PutApplicationGrant needs.',
      fix: 'Use the `Name` of an issuer under `trustedTokenIssuers`, or a full `arn:aws:sso::ACCOUNT:trustedTokenIssuer/ssoins-…/tti-…` ARN.',
      bad: `trustedTokenIssuers:
  - Name: okta-prod
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://dev-123.okta.com/oauth2/default, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: okta-prd, AuthorizedAudiences: [portal] }] } }
`,
      good: `trustedTokenIssuers:
  - Name: okta-prod
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://dev-123.okta.com/oauth2/default, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: okta-prod, AuthorizedAudiences: [portal] }] } }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_AuthorizedTokenIssuer.html',
    },
  },
  claims: claimViolations({ at: [...AUTHORIZED_TOKEN_ISSUER, 'TrustedTokenIssuerArn'], keywords: ['minLength'] }),
  check({ model, report }) {
    const declared = [...model.index.issuerByName.keys()];
    const hint = declared.length ? `; declared issuers: ${declared.slice(0, 5).join(', ')}${declared.length > 5 ? ', …' : ''}` : '; no trusted token issuers are declared';
    for (const app of model.applications) {
      for (const grant of app.grants) {
        for (const issuer of grant.authorizedTokenIssuers ?? []) {
          if (issuer.resolution !== 'unresolved') continue;
          if (issuer.ref === undefined) {
            // A value of the wrong type is the schema's; only a missing member is ours.
            // A reference the reader could not read (an issuer whose name is `var.x`) is unknown, not missing.
            if (!hasKey(valueAt(model.raw, issuer.pointer), 'TrustedTokenIssuerArn') && !model.unknown.isUnknown([...issuer.pointer, 'TrustedTokenIssuerArn'])) {
              report({ node: issuer, message: `an authorized token issuer of application '${app.name}' has no TrustedTokenIssuerArn${hint}` });
            }
            continue;
          }
          if (issuer.ref === '') continue; // the schema's minLength, claimed above
          const what = issuer.ref.startsWith('arn:')
            ? `'${issuer.ref}' is not a well-formed TrustedTokenIssuerArn (pattern ${ssoAdminShapes.TrustedTokenIssuerArn.pattern})`
            : `'${issuer.ref}' is not the Name of a declared trusted token issuer, nor an issuer ARN${hint}`;
          report({ node: issuer, field: ['TrustedTokenIssuerArn'], message: what });
        }
      }
    }
    // An AWS-managed application (Redshift's authorized_token_issuer) authorizes issuers as a jwt-bearer grant does.
    for (const managed of model.managedApplications) {
      for (const issuer of managed.authorizedTokenIssuers) {
        if (issuer.resolution !== 'unresolved' || issuer.ref === undefined) continue;
        const what =
          issuer.ref === ''
            ? 'an empty TrustedTokenIssuerArn'
            : issuer.ref.startsWith('arn:')
              ? `'${issuer.ref}', which is not a well-formed TrustedTokenIssuerArn (pattern ${ssoAdminShapes.TrustedTokenIssuerArn.pattern})`
              : `'${issuer.ref}', which is not a declared trusted token issuer nor an issuer ARN${hint}`;
        report({ node: issuer, field: ['TrustedTokenIssuerArn'], message: `an authorized token issuer of ${managed.type} '${managed.name}' has ${what}` });
      }
    }
  },
};
