/**
 * model/ — the domain every room speaks: types, the schema and its check, build (raw config → model), ARNs, IAM
 * policies, redirect URIs, unknown values, source positions, errors. It reads no file.
 *
 * May import: nothing of tipkit's outside model/. Imported by every other room (any of its files).
 */
export * from './types.js';
export { PositionIndex, pointerKey } from './positions.js';
export { InputError, UsageError } from './errors.js';
export { buildModel, isObject } from './build.js';
export { canonicalConfig } from './canonical.js';
export { validateConfig, parsePointer, type SchemaViolation } from './schema.js';
export { deriveApplicationArn, deriveIssuerArn, isApplicationArn, isIssuerArn, isPrincipalId, isScopeTargetArn } from './arn.js';
export { ssoAdminShapes } from './generated/sso-admin-shapes.js';
