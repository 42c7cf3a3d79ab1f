/**
 * The simulator's public contract, shared by `tipkit simulate` and the `tipkit serve` emulator (which must
 * call this same code, not a second implementation).
 */

export type Operation = 'CreateTokenWithIAM' | 'CreateToken' | 'RegisterClient' | 'StartDeviceAuthorization' | 'Authorize' | 'ApproveDevice';

export const OPERATIONS: readonly Operation[] = ['CreateTokenWithIAM', 'CreateToken', 'RegisterClient', 'StartDeviceAuthorization', 'Authorize', 'ApproveDevice'];

/** One check made while handling a request, in order. */
export interface TraceStep {
  check: string;
  ok: boolean;
  detail: string;
}

/** The wire body of an SSO OIDC error, plus its exception name. */
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
  /** For CreateTokenWithIAM: the IAM caller's ARN (the signer in `serve`, the scenario `caller` in `simulate`). */
  callerArn?: string;
}

/** An IAM caller of the scenario (`principals:`); `serve` accepts SigV4 signatures made with its keys. */
export interface Principal {
  name: string;
  arn: string;
  accessKeyId?: string;
  secretAccessKey?: string;
}

/**
 * What `tipkit serve` and `tipkit simulate` both drive. simulator/index.ts exports:
 *   loadScenarioFile(file, { config?: string }) → LoadedScenario        (InputError with file:line:col on bad input)
 *   createSimulator(model, scenario, { clock, allowNetwork? }) → SimulatorApi
 *   simulate(model, scenario, { allowNetwork? }) → SimulationReport     (the spec's JSON shape)
 */
export interface SimulatorApi {
  call(operation: Operation, input: Record<string, unknown>, opts?: CallOptions): Promise<OperationResult>;
  /** The scenario's principals (for SigV4 verification in `serve`). */
  readonly principals: readonly Principal[];
}
