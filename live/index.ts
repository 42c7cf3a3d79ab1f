/**
 * live/ — the client side of pull and drift: SDK clients for a real Identity Center instance (or `tipkit serve`),
 * reading it into a tipkit config, and comparing declared with live.
 *
 * May import: model/, inputs/ (its index). Imported by: cli/ (`tipkit aws`, `pull`, `drift`).
 */
export { AwsCallError, call, describeAwsFailure, identityStoreClient, quietSdkNodeWarning, regionFromEnvironment, ssoAdminClient, type AwsFailure, type LiveClientOptions } from './client.js';
export { readLiveInstance, type LiveApplication, type LiveInstance, type LiveIssuer } from './read.js';
export { liveToConfig, type AwsManagedApplication, type PulledConfig } from './to-config.js';
export { compareWithLive, type DriftChange, type DriftKind, type DriftResource, type DriftStatus } from './drift.js';
