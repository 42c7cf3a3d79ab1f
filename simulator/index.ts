/**
 * simulator/ — `tipkit/simulator`: dry-run SSO OIDC token requests against a tipkit config (used by `simulate`,
 * `serve` and users' tests); one module per grant type in grants/; the decisions access review shares.
 *
 * May import: model/, inputs/ (its index). Imported by: access/, emulator/ and cli/, through this file.
 */
export * from './types.js';
export { loadScenarioFile, loadScenarioText, emptyScenario, DEFAULT_LIFETIMES, type LoadScenarioOptions } from './scenario.js';
export { createSimulator, type Simulator } from './simulator.js';
export { simulate, evaluateExpectation, resolveReferences } from './run.js';
export { formatText, redactReport, shortenToken } from './report.js';
export { SteppingClock, wallClock, parseDuration, parseTimestamp } from './clock.js';
export * from './errors.js';
export { evaluatePolicy, type PolicyEvaluation, type Decision } from '../model/iam-policy.js';
export { wildcardMatch } from '../model/wildcard.js';
export { GRANT_HANDLERS } from './token-endpoint.js';
export { CREATE_TOKEN_WITH_IAM_ACTION } from '../model/iam-policy.js';
export { IdTokenSigner } from './id-token.js';
export { MAX_ASSERTION_LENGTH } from './grants/jwt-bearer.js';
// The decisions access review shares with the simulator (the same code decides both), and what serve builds on.
export { callerDecision } from './token-endpoint.js';
export { accessScopesAuthorizing, applicationClient, applicationScopes, clientHasGrant, DEVICE_CODE_GRANT, entitledApplicationAllows, str } from './context.js';
export { authorizedIssuers } from './grants/jwt-bearer.js';
export { assignmentGate, IdentityDirectory } from './identity.js';
export { ssoOidcModel } from './generated/sso-oidc-model.js';
// STS (AssumeRole with ProvidedContexts, GetCallerIdentity): what serve's STS endpoint builds on.
export { stsModel } from './generated/sts-model.js';
export { StsError, stsErrorStatus, STS_ERROR_CODES } from './sts-errors.js';
export { MAX_LIVE_SESSIONS, type RoleSession } from './sessions.js';
