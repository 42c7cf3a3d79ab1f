/**
 * emulator/ — `tipkit serve` (`tipkit/emulator`): the SSO OIDC REST API, sso-admin and identity-store reads over
 * HTTP on 127.0.0.1, SigV4, the device and authorize pages, on top of the simulator. Start it in-process from an
 * app's own tests.
 *
 * May import: model/, inputs/ and simulator/ (their index files). Imported by: cli/.
 */
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
