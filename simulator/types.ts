/**
 * The simulator's public contract, shared by `tipkit simulate` and the `tipkit serve` emulator (which must
 * call this same code, not a second implementation).
 */

export type Operation = 'CreateTokenWithIAM' | 'CreateToken' | 'RegisterClient' | 'StartDeviceAuthorization' | 'Authorize' | 'ApproveDevice' | StsOperation;

/** The STS operations of the identity-enhanced session step (spec §9). */
export type StsOperation = 'AssumeRole' | 'GetCallerIdentity';
export const STS_OPERATIONS: readonly Operation[] = ['AssumeRole', 'GetCallerIdentity'];

export const OPERATIONS: readonly Operation[] = ['CreateTokenWithIAM', 'CreateToken', 'RegisterClient', 'StartDeviceAuthorization', 'Authorize', 'ApproveDevice', ...STS_OPERATIONS];

/** One check made while handling a request, in order. */
export interface TraceStep {
  check: string;
  ok: boolean;
  detail: string;
}

/**
 * The wire body of an SSO OIDC error, plus its exception name. For STS (AssumeRole, GetCallerIdentity): `type` is the
 * <Code> STS writes (AccessDenied, ValidationError, ExpiredToken, …) and `error` its <Type> (Sender / Receiver).
 */
export interface OidcErrorBody {
  /** The AWS exception name: InvalidGrantException, … */
  type: string;
  /** snake_case code: invalid_grant, … */
  error: string;
  error_description: string;
  /** AccessDenied / InvalidRequest `reason`, InvalidRequestRegion `endpoint` and `region`. */
  [extra: string]: unknown;
}

export interface OperationResult {
  outcome: 'success' | 'error';
  /** The response members exactly as the sso-oidc model names them (camelCase). */
  response: Record<string, unknown> | null;
  error: OidcErrorBody | null;
  trace: TraceStep[];
}

/** The simulated clock. `simulate` steps it from the scenario's `now`; `serve` reads the wall clock. */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
}

export interface CallOptions {
  /** For CreateTokenWithIAM, AssumeRole, GetCallerIdentity: the IAM caller's ARN (the signer in `serve`, the scenario `caller` in `simulate`). */
  callerArn?: string;
}

/** An IAM caller of the scenario (`principals:`); `serve` accepts SigV4 signatures made with its keys. */
export interface Principal {
  name: string;
  arn: string;
  accessKeyId?: string;
  secretAccessKey?: string;
  /**
   * Temporary credentials (an `ASIA…` key from STS) carry one: a request signed with this principal's key must send it
   * as `x-amz-security-token`, and a request with long-term keys (no SessionToken here) must not send one.
   */
  sessionToken?: string;
}

/**
 * What `tipkit serve` and `tipkit simulate` both drive. simulator/index.ts exports:
 *   loadScenarioFile(file, { config?: string }) → Promise<LoadedScenario>   (InputError with file:line:col on bad input)
 *   emptyScenario(file?) → Scenario                                         (serve without --scenario)
 *   createSimulator(model, scenario, { clock, allowNetwork? }) → Promise<SimulatorApi>
 *   simulate(model, scenario, { allowNetwork? }) → Promise<SimulationReport> (the spec's JSON shape)
 */
export interface SimulatorApi {
  call(operation: Operation, input: Record<string, unknown>, opts?: CallOptions): Promise<OperationResult>;
  /** The scenario's principals (for SigV4 verification in `serve`). */
  readonly principals: readonly Principal[];
}

// ---------------------------------------------------------------------------------------------------------
// Scenario files (spec §4) and the simulation report.

/** IdentityStore DescribeUser shape (the members the simulator reads; others are kept as written). */
export interface IdentityStoreUser {
  UserId: string;
  UserName?: string;
  DisplayName?: string;
  Emails?: { Value?: string; Type?: string; Primary?: boolean }[];
  ExternalIds?: { Issuer: string; Id: string }[];
  [member: string]: unknown;
}

/** IdentityStore DescribeGroup shape plus `Members` (UserNames or UserIds). */
export interface IdentityStoreGroup {
  GroupId: string;
  DisplayName?: string;
  Members?: string[];
  [member: string]: unknown;
}

export interface IdentityStore {
  Users: IdentityStoreUser[];
  Groups: IdentityStoreGroup[];
}

/** Signing material standing in for an external IdP (`issuers.NAME`). Files are read at load time. */
export interface ScenarioIssuer {
  /** The issuer Name from the config. */
  name: string;
  generateKey?: 'RS256' | 'ES256';
  /** A private JWK (with `kid`): signs scenario JWTs; its public half verifies. */
  privateJwk?: Record<string, unknown>;
  /** A JWKS (public keys): verify only. */
  jwks?: { keys: Record<string, unknown>[] };
}

export interface Expectation {
  outcome?: 'success' | 'error';
  /** The AWS exception name. */
  error?: string;
  /** Response members that must be equal. */
  response?: Record<string, unknown>;
}

export interface ScenarioRequest {
  name: string;
  operation: Operation;
  /** A key of `principals` (CreateTokenWithIAM). */
  caller?: string;
  /** Milliseconds to advance the clock before this request (`after: 30s`). */
  afterMs: number;
  /** As written; `${NAME.FIELD}` references and `jwt:` assertions are resolved when the request runs. */
  input: Record<string, unknown>;
  expect?: Expectation;
  /** Index in `requests`. */
  index: number;
  /** Where the request is written. */
  location?: { file: string; line: number; column: number };
}

/** Token and code lifetimes, in seconds (scenario `lifetimes:`). */
export interface Lifetimes {
  accessToken: number;
  refreshToken: number;
  authorizationCode: number;
  deviceCode: number;
  deviceInterval: number;
  clientSecret: number;
  /**
   * The Identity Center session duration: how long a sign-in lasts before the user must sign in again. Refresh
   * tokens never outlive it (scenario `lifetimes.session`, else the config's `instance.SessionDuration`).
   */
  session: number;
}

export interface Scenario {
  file: string;
  /** The simulated clock at the first request (ms since the epoch). */
  now: number;
  identityStore: IdentityStore;
  issuers: Record<string, ScenarioIssuer>;
  principals: Principal[];
  requests: ScenarioRequest[];
  lifetimes: Lifetimes;
  /**
   * Whether a refresh replaces the refresh token (the used one is then refused). AWS documents no rotation and its
   * example answers with the refresh token that was sent, so the default is false.
   */
  rotateRefreshTokens: boolean;
}

export interface LoadedScenario {
  file: string;
  /** The config file used (`config:` relative to the scenario, or `--config`). */
  configFile: string;
  model: import('../model/types.js').TipModel;
  scenario: Scenario;
}

export interface CreateSimulatorOptions {
  clock: Clock;
  /**
   * Take application clients by ARN only, as AWS does on the wire (`serve`): CreateTokenWithIAM `clientId`,
   * Authorize `clientId` and RegisterClient `entitledApplicationArn`. `simulate` also accepts a Name.
   */
  arnClientIds?: boolean;
  /** Fetch OpenID discovery + JWKS for issuers without scenario keys. Never otherwise. */
  allowNetwork?: boolean;
  /** Limits on those fetches (tests lower them). */
  fetchLimits?: Partial<FetchLimits>;
}

export interface SimulateOptions {
  allowNetwork?: boolean;
}

export interface ExpectationResult {
  met: boolean;
  /** Why it was not met. */
  reason?: string;
}

export interface RequestResult {
  name: string;
  operation: Operation;
  /** `not-run`: a `${…}` reference could not be resolved because an earlier request failed. */
  outcome: 'success' | 'error' | 'not-run';
  response: Record<string, unknown> | null;
  error: OidcErrorBody | null;
  trace: TraceStep[];
  expectation: ExpectationResult;
}

export interface SimulationReport {
  tool: 'tipkit';
  command: 'simulate';
  results: RequestResult[];
  summary: { requests: number; succeeded: number; failed: number; expectationsMet: number; expectationsFailed: number };
}

/** How far `--allow-network` fetching of discovery and JWKS may go (keys.ts). */
export interface FetchLimits {
  timeoutMs: number;
  maxBytes: number;
  /** Redirects followed, each only to the same origin. */
  maxRedirects: number;
  /**
   * A `kid` missing from an issuer's fetched JWKS refetches it (the IdP may have rotated its keys), at most once per
   * this many ms per issuer, so tokens with made-up `kid`s cannot make tipkit hammer the IdP.
   */
  refetchCooldownMs: number;
}
