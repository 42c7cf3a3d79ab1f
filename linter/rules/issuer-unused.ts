/** issuer-unused: no jwt-bearer grant authorizes a declared trusted token issuer. */
import type { IssuerNode } from '../../model/types.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'issuer-unused',
    severity: 'warning',
    summary: 'no jwt-bearer grant authorizes the issuer',
    docs: {
      why:
        'A trusted token issuer only takes effect through an application\'s jwt-bearer grant that lists it under ' +
        '`AuthorizedTokenIssuers`. An issuer no grant names is dead configuration, or a sign that a grant names the ' +
        'wrong issuer.',
      fix: 'Authorize the issuer on the application that exchanges its tokens, or remove it.',
      bad: `trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://dev-123.okta.com/oauth2/default, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
`,
      good: `trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://dev-123.okta.com/oauth2/default, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [portal] }] } }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_JwtBearerGrant.html',
    },
  },
  check({ model, report }) {
    // A grant's issuer reference the reader could not read may name any issuer: none is called unused then.
    if (model.unknown.hasUnknownParts(['applications', '*', 'Grants', '*', 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers', '*', 'TrustedTokenIssuerArn'])) return;
    const authorized = new Set<IssuerNode>();
    for (const app of model.applications) {
      for (const grant of app.grants) {
        for (const ati of grant.authorizedTokenIssuers ?? []) {
          if (ati.issuer) authorized.add(ati.issuer);
          // An issuer reference the reader could not read (e.g. a construct passed in) may be any of them.
          else if (model.unknown.isUnknown([...ati.pointer, 'TrustedTokenIssuerArn'])) return;
        }
      }
    }
    // AWS-managed applications (aws_redshift_idc_application's authorized_token_issuer_list) authorize issuers too.
    for (const managed of model.managedApplications) {
      for (const ati of managed.authorizedTokenIssuers) {
        if (ati.issuer) authorized.add(ati.issuer);
        else if (model.unknown.isUnknown([...ati.pointer, 'TrustedTokenIssuerArn'])) return;
      }
    }
    for (const issuer of model.issuers) {
      if (authorized.has(issuer)) continue;
      report({ node: issuer, field: ['Name'], message: `no jwt-bearer grant authorizes trusted token issuer '${issuer.name}', so its tokens are accepted nowhere` });
    }
  },
};
