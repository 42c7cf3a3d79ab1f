/** identity-store-attribute-unsupported: `IdentityStoreAttributePath` is not an attribute Identity Center can match on. */
import { ssoAdminShapes } from '../../model/generated/sso-admin-shapes.js';
import type { Rule } from '../types.js';
import { jmespathError } from './jmespath-invalid.js';
import { issuerExample } from './support/examples.js';

/**
 * Identity-store user attributes that identify exactly one user, as IdentityStoreAttributePath spells them
 * (SCIM-style camelCase paths into the identitystore `User` shape):
 * - `userName`, `emails.value`: the identitystore model (GetUserId, AlternateIdentifier.UniqueAttribute) says
 *   "the only valid paths are userName and emails.value" for a unique attribute; both are used with trusted
 *   token issuers in AWS documentation (S3 Access Grants: `userName`) and the Terraform docs (`emails.value`).
 * - `externalIds.id`: the other alternate identifier of a user (`ExternalId.Id`, required, unique per issuer).
 *   Seen with trusted token issuers only in third-party configurations, so it is allowed rather than flagged.
 * Everything else on the User shape (name.givenName, displayName, title, …) is neither unique nor a lookup key.
 * test/linter/rules/identity-store-attribute-unsupported.test.ts checks each path against the identitystore model.
 */
export const MATCHABLE_ATTRIBUTE_PATHS: readonly string[] = ['userName', 'emails.value', 'externalIds.id'];

const JMESPATH_PATTERN = new RegExp(ssoAdminShapes.JMESPath.jsPattern, 'u');
const byLowerCase = new Map(MATCHABLE_ATTRIBUTE_PATHS.map((p) => [p.toLowerCase(), p]));

export const rule: Rule = {
  meta: {
    id: 'identity-store-attribute-unsupported',
    severity: 'error',
    summary: '`IdentityStoreAttributePath` is not an attribute Identity Center can match on',
    docs: {
      why:
        'When a trusted token issuer\'s JWT is exchanged, Identity Center looks up the one identity-store user whose ' +
        'attribute at `IdentityStoreAttributePath` equals the claim at `ClaimAttributePath`. Only attributes that ' +
        'identify a single user work: `userName` and `emails.value` (the identitystore API\'s unique attributes) and ' +
        '`externalIds.id` (a user\'s external identifier). Paths are case-sensitive: `UserName` or `emails` match no ' +
        'user, and the exchange fails with InvalidGrantException.',
      fix: 'Map the claim onto `emails.value` (claim `email`), `userName` (e.g. claim `preferred_username`) or `externalIds.id` (claim `sub`).',
      bad: `trustedTokenIssuers:
${issuerExample({ attribute: 'name.givenName' })}`,
      good: `trustedTokenIssuers:
${issuerExample()}`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/trusted-token-issuer-configuration-settings.html',
    },
  },
  check({ model, report }) {
    for (const issuer of model.issuers) {
      const path = issuer.oidc?.identityStoreAttributePath;
      // Paths that are not valid (model-pattern) JMESPath are jmespath-invalid's.
      if (path === undefined || MATCHABLE_ATTRIBUTE_PATHS.includes(path) || !JMESPATH_PATTERN.test(path) || jmespathError(path) !== undefined) continue;
      const sameButCase = byLowerCase.get(path.toLowerCase());
      const hint = sameButCase ? `did you mean '${sameButCase}'? (paths are case-sensitive)` : `use one of: ${MATCHABLE_ATTRIBUTE_PATHS.join(', ')}`;
      report({
        node: issuer,
        field: ['TrustedTokenIssuerConfiguration', 'OidcJwtConfiguration', 'IdentityStoreAttributePath'],
        message: `IdentityStoreAttributePath '${path}' of trusted token issuer '${issuer.name}' is not an attribute Identity Center can match a user on; ${hint}`,
      });
    }
  },
};
