/** The shared model: types, schema, loaders. No cdktf, no ts-morph at import time. */
export * from './types.js';
export { PositionIndex, pointerKey } from './positions.js';
export { InputError, UsageError } from './errors.js';
export { buildModel, isObject } from './build.js';
export { canonicalConfig } from './canonical.js';
export { validateConfig, parsePointer, type SchemaViolation } from './schema.js';
export { parseDocumentFile, parseDocumentText, readSourceFile, DEFAULT_MAX_INPUT_BYTES, type ParsedDocument } from '../inputs/yaml/parse.js';
export { loadConfigFile, loadConfigText, loadValidConfigFile, fromRawInput, inputKind, type LoadedConfig, type RawInput, type InputKind } from '../inputs/load.js';
export { deriveApplicationArn, deriveIssuerArn, isApplicationArn, isIssuerArn, isPrincipalId, isScopeTargetArn } from './arn.js';
export { ssoAdminShapes } from './generated/sso-admin-shapes.js';
