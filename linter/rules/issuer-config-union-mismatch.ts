/** issuer-config-union-mismatch: the issuer configuration does not match `TrustedTokenIssuerType`. */
import type { Rule } from '../types.js';
import { ISSUER, ISSUER_CONFIGURATION, claimViolations, valueAt } from './support/paths.js';
import { ssoAdminShapes } from '../../model/generated/sso-admin-shapes.js';
import { issuerExample } from './support/examples.js';

/** TrustedTokenIssuerType → the TrustedTokenIssuerConfiguration union member it needs (the sso-admin model pairs them by name only). */
export const ISSUER_UNION_MEMBER: Readonly<Record<string, string>> = { OIDC_JWT: 'OidcJwtConfiguration' };
const UNION_MEMBERS = new Set(Object.keys(ssoAdminShapes.TrustedTokenIssuerConfiguration.members));

export const rule: Rule = {
  meta: {
    id: 'issuer-config-union-mismatch',
    severity: 'error',
    summary: 'the issuer configuration does not match `TrustedTokenIssuerType`',
    docs: {
      why:
        '`TrustedTokenIssuerConfiguration` is a union that must hold exactly the one member for ' +
        '`TrustedTokenIssuerType` (today only `OIDC_JWT` → `OidcJwtConfiguration`). A missing, empty, extra or ' +
        'other member, or an unknown type, is rejected by CreateTrustedTokenIssuer with a ValidationException.',
      fix: 'Set `TrustedTokenIssuerType: OIDC_JWT` and put the settings under `TrustedTokenIssuerConfiguration.OidcJwtConfiguration`.',
      bad: `trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      IssuerUrl: https://dev-123.okta.com/oauth2/default
`,
      good: `trustedTokenIssuers:
${issuerExample()}`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_TrustedTokenIssuerConfiguration.html',
    },
  },
  claims: claimViolations(
    { at: ISSUER_CONFIGURATION, keywords: ['type', 'minProperties', 'maxProperties'] },
    { at: [...ISSUER_CONFIGURATION, '*'], keywords: ['additionalProperties'] },
    { at: ISSUER, keywords: ['required'], missing: 'TrustedTokenIssuerConfiguration' },
    { at: [...ISSUER, 'TrustedTokenIssuerType'], keywords: ['enum', 'type'] },
    { at: ISSUER, keywords: ['required'], missing: 'TrustedTokenIssuerType' },
  ),
  check({ model, report }) {
    // The schema reports unknown members; this catches a known member under the wrong type (when the union grows).
    for (const issuer of model.issuers) {
      const expected = issuer.type !== undefined ? ISSUER_UNION_MEMBER[issuer.type] : undefined;
      const configuration = valueAt(issuer.raw, ['TrustedTokenIssuerConfiguration']);
      if (!expected || typeof configuration !== 'object' || configuration === null || Array.isArray(configuration)) continue;
      const members = Object.keys(configuration);
      const [member] = members;
      if (members.length !== 1 || !member || !UNION_MEMBERS.has(member) || member === expected) continue;
      report({
        node: issuer,
        field: ['TrustedTokenIssuerConfiguration', member],
        atKey: true,
        message: `TrustedTokenIssuerType '${issuer.type}' needs configuration member '${expected}', but it holds '${member}'`,
      });
    }
  },
};
