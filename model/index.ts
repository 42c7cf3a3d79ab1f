/** model/ — the domain every room speaks: types, schema, build, ARNs, IAM policies, redirect URIs, unknown values, errors. It reads no file and imports nothing of tipkit's outside model/. */
export * from './types.js';
export { PositionIndex, pointerKey } from './positions.js';
export { InputError, UsageError } from './errors.js';
export { buildModel, isObject } from './build.js';
export { canonicalConfig } from './canonical.js';
export { validateConfig, parsePointer, type SchemaViolation } from './schema.js';
export { deriveApplicationArn, deriveIssuerArn, isApplicationArn, isIssuerArn, isPrincipalId, isScopeTargetArn } from './arn.js';
export { ssoAdminShapes } from './generated/sso-admin-shapes.js';
