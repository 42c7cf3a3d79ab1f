/** issuer-duplicate-url: two trusted token issuers of one instance share an `IssuerUrl`. */
import type { IssuerNode } from '../../model/types.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'issuer-duplicate-url',
    severity: 'error',
    summary: 'two issuers of one instance share an `IssuerUrl`',
    docs: {
      why:
        'Identity Center picks the trusted token issuer of a JWT by its `iss`. Two issuers with one IssuerUrl in one ' +
        'instance are ambiguous: the second CreateTrustedTokenIssuer conflicts with the first, or tokens are checked ' +
        'against the other issuer\'s attribute mapping.',
      fix: 'Keep one trusted token issuer per IdP issuer URL and authorize it on every application that needs it.',
      bad: `trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://dev-123.okta.com/oauth2/default, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
  - Name: okta-again
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://dev-123.okta.com/oauth2/default, ClaimAttributePath: sub, IdentityStoreAttributePath: userName, JwksRetrievalOption: OPEN_ID_DISCOVERY }
`,
      good: `trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://dev-123.okta.com/oauth2/default, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_CreateTrustedTokenIssuer.html',
    },
  },
  check({ model, report }) {
    const byInstanceAndUrl = new Map<string, IssuerNode>();
    for (const issuer of model.issuers) {
      const issuerUrl = issuer.oidc?.issuerUrl;
      if (issuerUrl === undefined) continue;
      const instanceArn = typeof issuer.raw.InstanceArn === 'string' ? issuer.raw.InstanceArn : (model.instance.instanceArn ?? '');
      const key = `${instanceArn}\u0000${issuerUrl}`;
      const first = byInstanceAndUrl.get(key);
      if (!first) {
        byInstanceAndUrl.set(key, issuer);
        continue;
      }
      report({
        node: issuer,
        field: ['TrustedTokenIssuerConfiguration', 'OidcJwtConfiguration', 'IssuerUrl'],
        message: `trusted token issuers '${first.name}' and '${issuer.name}' share IssuerUrl ${issuerUrl} in one instance`,
      });
    }
  },
};
