/** issuer-url-trailing-slash: `IssuerUrl` ends in `/`, and tokens' `iss` must match it exactly. */
import type { Rule } from '../types.js';
import { issuerExample } from './support/examples.js';

export const rule: Rule = {
  meta: {
    id: 'issuer-url-trailing-slash',
    severity: 'warning',
    summary: '`IssuerUrl` ends in `/` (tokens\' `iss` must match it exactly)',
    docs: {
      why:
        'Identity Center compares the JWT `iss` claim with `IssuerUrl` character for character. Most IdPs (Okta, Entra ' +
        'ID, Cognito) issue `iss` without a trailing slash, so `https://idp.example.com/` refuses all their tokens. ' +
        'Some (Auth0) do end `iss` in `/`: then the slash is right, and a suppression with that reason documents it. ' +
        'IssuerUrl cannot be changed after the issuer is created.',
      fix: 'Copy `IssuerUrl` from the `issuer` member of the IdP\'s discovery document, byte for byte.',
      bad: `trustedTokenIssuers:
${issuerExample({ issuerUrl: 'https://dev-123.okta.com/oauth2/default/' })}`,
      good: `trustedTokenIssuers:
${issuerExample()}`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/setuptrustedtokenissuer.html',
    },
  },
  check({ model, report }) {
    for (const issuer of model.issuers) {
      const issuerUrl = issuer.oidc?.issuerUrl;
      if (!issuerUrl?.endsWith('/')) continue;
      report({
        node: issuer,
        field: ['TrustedTokenIssuerConfiguration', 'OidcJwtConfiguration', 'IssuerUrl'],
        message: `IssuerUrl of trusted token issuer '${issuer.name}' ends in '/'; tokens are accepted only if their iss ends in '/' too`,
      });
    }
  },
};
