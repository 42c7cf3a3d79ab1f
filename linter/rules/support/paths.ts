/** Pointer patterns into a tipkit config ('*' = any one segment), shared by the rules' `claims`. */
import type { SchemaViolation } from '../../../model/schema.js';
import type { NodePath } from '../../../model/types.js';

export type PathPattern = readonly (string | number)[];

export const APPLICATION: PathPattern = ['applications', '*'];
export const GRANT: PathPattern = [...APPLICATION, 'Grants', '*'];
export const AUTHORIZATION_CODE: PathPattern = [...GRANT, 'Grant', 'AuthorizationCode'];
export const JWT_BEARER: PathPattern = [...GRANT, 'Grant', 'JwtBearer'];
export const AUTHORIZED_TOKEN_ISSUER: PathPattern = [...JWT_BEARER, 'AuthorizedTokenIssuers', '*'];
export const ACCESS_SCOPE: PathPattern = [...APPLICATION, 'AccessScopes', '*'];
export const ISSUER: PathPattern = ['trustedTokenIssuers', '*'];
export const ISSUER_CONFIGURATION: PathPattern = [...ISSUER, 'TrustedTokenIssuerConfiguration'];
export const OIDC_JWT: PathPattern = [...ISSUER_CONFIGURATION, 'OidcJwtConfiguration'];

export function matchesPattern(pointer: NodePath, pattern: PathPattern): boolean {
  return pointer.length === pattern.length && pattern.every((seg, i) => seg === '*' || seg === pointer[i]);
}

/** Schema violations a rule reports as its own finding: these ajv keywords at this pointer. */
export interface ClaimSpec {
  at: PathPattern;
  keywords: readonly string[];
  /** For `required`: the missing member (the pointer then names the object that lacks it). */
  missing?: string;
}

export function claimViolations(...specs: ClaimSpec[]): (violation: SchemaViolation) => boolean {
  return (v) =>
    specs.some(
      (s) => s.keywords.includes(v.keyword) && matchesPattern(v.pointer, s.at) && (s.missing === undefined || v.params.missingProperty === s.missing),
    );
}

/** The value at `pointer` below `root`, or undefined. */
export function valueAt(root: unknown, pointer: NodePath): unknown {
  let cur: unknown = root;
  for (const seg of pointer) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[seg];
  }
  return cur;
}

export const hasKey = (obj: unknown, key: string): boolean =>
  typeof obj === 'object' && obj !== null && !Array.isArray(obj) && Object.prototype.hasOwnProperty.call(obj, key);
