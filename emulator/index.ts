/** The emulator's entry point (`tipkit/emulator`): start `tipkit serve` in-process, e.g. from an app's own tests. */
export { startEmulator, DEFAULT_HOST, type EmulatorOptions, type RunningEmulator } from './server.js';
export { loadServeInput, type ServeInput } from './load.js';
export { streamLogger, type RequestLogEntry, type RequestLogger } from './log.js';
export { verifySignature, type SignatureCheck } from './sigv4.js';
