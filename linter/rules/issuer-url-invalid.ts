/** issuer-url-invalid: `IssuerUrl` is not an absolute https URL, or has a query, a fragment or a discovery suffix. */
import { ssoAdminShapes } from '../../model/generated/sso-admin-shapes.js';
import type { Rule } from '../types.js';
import { OIDC_JWT, claimViolations } from './support/paths.js';
import { parseAbsoluteUri } from '../../model/redirect-uri.js';
import { issuerExample } from './support/examples.js';

const ISSUER_URL_PATTERN = new RegExp(ssoAdminShapes.TrustedTokenIssuerUrl.jsPattern, 'u');
const DISCOVERY_SUFFIX = '/.well-known/openid-configuration';

/** What is wrong with an IssuerUrl that the sso-admin pattern already accepts (the pattern's own failures are claimed). */
export function issuerUrlProblems(issuerUrl: string): string[] {
  const url = parseAbsoluteUri(issuerUrl);
  if (!url) return ['is not an absolute URL'];
  const problems: string[] = [];
  if (url.protocol !== 'https:') problems.push(`uses ${url.protocol.slice(0, -1)}, not https`);
  if (url.port !== '' && url.port !== '443') problems.push(`uses port ${url.port}; Identity Center reaches OpenID discovery on port 443 only`);
  if (url.username !== '' || url.password !== '') problems.push('carries credentials (user:password@)');
  if (url.pathname.replace(/\/+$/, '').endsWith(DISCOVERY_SUFFIX)) problems.push(`ends in ${DISCOVERY_SUFFIX}; give the issuer itself, Identity Center appends the discovery path`);
  return problems;
}

export const rule: Rule = {
  meta: {
    id: 'issuer-url-invalid',
    severity: 'error',
    summary: '`IssuerUrl` is not an absolute `https` URL, or has a query or fragment',
    docs: {
      why:
        'Identity Center fetches `<IssuerUrl>/.well-known/openid-configuration` over https (ports 80/443 only) to find ' +
        'the keys that verify the issuer\'s JWTs, and compares `IssuerUrl` with each token\'s `iss`. It does not ' +
        'validate the URL when you save it, so a URL with a query, a fragment, plain http, another port or the ' +
        'discovery suffix already appended is accepted and then fails every token exchange.',
      fix: 'Set `IssuerUrl` to the issuer exactly as your IdP writes it in `iss`: `https://host/path`, no query, no fragment, no `/.well-known/…`.',
      bad: `trustedTokenIssuers:
${issuerExample({ issuerUrl: 'https://dev-123.okta.com/oauth2/default/.well-known/openid-configuration' })}`,
      good: `trustedTokenIssuers:
${issuerExample()}`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/trusted-token-issuer-configuration-settings.html',
    },
  },
  // The sso-admin TrustedTokenIssuerUrl pattern rejects a missing scheme, a query (?) and a fragment (#).
  claims: claimViolations(
    { at: [...OIDC_JWT, 'IssuerUrl'], keywords: ['pattern', 'minLength', 'maxLength', 'type'] },
    { at: OIDC_JWT, keywords: ['required'], missing: 'IssuerUrl' },
  ),
  describe(violation) {
    const url = violation.value;
    if (violation.keyword !== 'pattern' || typeof url !== 'string') return undefined;
    const why = url.includes('?')
      ? 'has a query (?…)'
      : url.includes('#')
        ? 'has a fragment (#…)'
        : !/^https?:\/\//.test(url)
          ? 'is not an absolute http(s) URL'
          : 'holds characters the sso-admin TrustedTokenIssuerUrl pattern does not allow';
    return `IssuerUrl '${url}' ${why}; it must be the issuer's absolute https URL, exactly as tokens carry it in iss`;
  },
  check({ model, report }) {
    for (const issuer of model.issuers) {
      const issuerUrl = issuer.oidc?.issuerUrl;
      if (issuerUrl === undefined || !ISSUER_URL_PATTERN.test(issuerUrl)) continue;
      const problems = issuerUrlProblems(issuerUrl);
      if (problems.length === 0) continue;
      report({
        node: issuer,
        field: ['TrustedTokenIssuerConfiguration', 'OidcJwtConfiguration', 'IssuerUrl'],
        message: `IssuerUrl of trusted token issuer '${issuer.name}' ${problems.join('; ')}`,
      });
    }
  },
};
