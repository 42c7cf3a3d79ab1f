/** jmespath-invalid: `ClaimAttributePath` or `IdentityStoreAttributePath` is not a JMESPath Identity Center accepts. */
import { compile } from '@jmespath-community/jmespath';
import { ssoAdminShapes } from '../../model/generated/sso-admin-shapes.js';
import type { Rule } from '../types.js';
import { OIDC_JWT, claimViolations } from './support/paths.js';
import { issuerExample } from './support/examples.js';

/** The two attribute paths of an OidcJwtConfiguration, with the sso-admin pattern each must match. */
export const ATTRIBUTE_PATHS = [
  { key: 'ClaimAttributePath', modelKey: 'claimAttributePath', pattern: new RegExp(ssoAdminShapes.ClaimAttributePath.jsPattern, 'u') },
  { key: 'IdentityStoreAttributePath', modelKey: 'identityStoreAttributePath', pattern: new RegExp(ssoAdminShapes.JMESPath.jsPattern, 'u') },
] as const;

const parsed = new Map<string, string | undefined>();

/** The parser's complaint, or undefined when `expression` compiles. */
export function jmespathError(expression: string): string | undefined {
  // Two rules ask about every issuer, and issuers share a handful of paths: parse each once.
  if (parsed.has(expression)) return parsed.get(expression);
  let error: string | undefined;
  try {
    compile(expression);
  } catch (err) {
    error = (err as Error).message;
  }
  parsed.set(expression, error);
  return error;
}

export const rule: Rule = {
  meta: {
    id: 'jmespath-invalid',
    severity: 'error',
    summary: '`ClaimAttributePath` or `IdentityStoreAttributePath` is not valid JMESPath',
    docs: {
      why:
        'Both attribute paths are JMESPath expressions that Identity Center evaluates on the incoming JWT and on the ' +
        'identity-store user. It accepts only a small subset: one to three segments of letters (`email`, ' +
        '`emails.value`; the claim path may also join segments with `_`), no indexes, filters, functions or `:` ' +
        '(the sso-admin ClaimAttributePath and JMESPath shapes). Anything else is a ValidationException or, if it ' +
        'slips through, matches no user.',
      fix: 'Name the claim (`email`, `preferred_username`, `sub`) and the identity-store attribute (`emails.value`, `userName`) plainly.',
      bad: `trustedTokenIssuers:
${issuerExample({ claim: '"emails[0"' })}`,
      good: `trustedTokenIssuers:
${issuerExample()}`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_OidcJwtConfiguration.html',
    },
  },
  // A path outside the sso-admin pattern (brackets, digits, `:`, too many segments) is this rule's finding.
  claims: claimViolations(
    ...ATTRIBUTE_PATHS.map(({ key }) => ({ at: [...OIDC_JWT, key], keywords: ['pattern', 'minLength', 'maxLength', 'type'] })),
  ),
  describe(violation) {
    const path = violation.value;
    const key = violation.pointer[violation.pointer.length - 1];
    if (violation.keyword !== 'pattern' || typeof path !== 'string') return undefined;
    const shape = key === 'ClaimAttributePath' ? 'letters only, up to three segments joined by . or _' : 'letters only, up to three segments joined by .';
    return `${String(key)} '${path}' is not an attribute path Identity Center accepts (${shape}: the sso-admin pattern)`;
  },
  check({ model, report }) {
    for (const issuer of model.issuers) {
      for (const { key, modelKey, pattern } of ATTRIBUTE_PATHS) {
        const path = issuer.oidc?.[modelKey];
        // Paths the pattern rejects were reported through the claimed schema violation; the pattern admits
        // letters JMESPath does not (`é`), so what passes it is still compiled.
        if (path === undefined || !pattern.test(path)) continue;
        const error = jmespathError(path);
        if (error === undefined) continue;
        report({
          node: issuer,
          field: ['TrustedTokenIssuerConfiguration', 'OidcJwtConfiguration', key],
          message: `${key} of trusted token issuer '${issuer.name}' is not valid JMESPath: ${error}`,
        });
      }
    }
  },
};
