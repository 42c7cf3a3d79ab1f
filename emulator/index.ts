/** The emulator's entry point (`tipkit/emulator`): start `tipkit serve` in-process, e.g. from an app's own tests. */
export { startEmulator, DEFAULT_HOST, type EmulatorOptions, type RunningEmulator } from './server.js';
export { loadServeInput, type ServeInput } from './load.js';
export { streamLogger, type RequestLogEntry, type RequestLogger } from './log.js';
export { verifySignature, type SignatureCheck } from './sigv4.js';
export { startServe, type StartServeOptions, type StartedServe } from './start.js';
export { ControlPlane, AWS_JSON_CONTENT_TYPE, type ControlPlaneOptions, type ThrottleOptions } from './control-plane/control-plane.js';
export type { ControlPlaneQuotas } from './control-plane/sso-admin.js';
export {
  readStateFile,
  writeStateFile,
  stateToRawConfig,
  stateToModel,
  type ControlPlaneState,
  type ApplicationRecord,
  type IssuerRecord,
  type InstanceRecord,
} from './control-plane/state.js';
