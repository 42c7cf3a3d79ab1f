/** createSimulator(): the SimulatorApi that `simulate` and `serve` both drive — one dispatch over the operations. */
import type { TipModel } from '../model/types.js';
import { InputError } from '../model/errors.js';
import type { SimulatorContext } from './context.js';
import { registerClient, startDeviceAuthorization } from './client-registration.js';
import { InternalServerException, OidcError } from './errors.js';
import { IdTokenSigner } from './id-token.js';
import { IdentityContextSealer } from './identity-context.js';
import { InternalFailure, StsError } from './sts-errors.js';
import { SessionStore } from './sessions.js';
import { assumeRole, getCallerIdentity } from './sts.js';
import { IdentityDirectory } from './identity.js';
import { IssuerKeyring } from './keys.js';
import { signScenarioJwt, type JwtSpec } from './scenario-jwt.js';
import { tokenEndpoint } from './token-endpoint.js';
import { TokenStore } from './tokens.js';
import { Trace } from './trace.js';
import { approveDevice, authorize } from './user-actions.js';
import type { CallOptions, CreateSimulatorOptions, Operation, OperationResult, Scenario, SimulatorApi } from './types.js';
import { OPERATIONS, STS_OPERATIONS } from './types.js';

export interface Simulator extends SimulatorApi {
  /** Sign a scenario `jwt:` assertion with the issuer's scenario key at the current simulated time. */
  signJwt(spec: JwtSpec, expiresInS: number, where?: InputError['location']): Promise<string>;
  /** The public JWK that verifies the idTokens of this run. */
  idTokenJwk(): Promise<Record<string, unknown>>;
  /** Internal state (for tests and `serve` diagnostics). */
  readonly context: SimulatorContext;
}

export async function createSimulator(model: TipModel, scenario: Scenario, opts: CreateSimulatorOptions): Promise<Simulator> {
  const ctx: SimulatorContext = {
    model,
    scenario,
    clock: opts.clock,
    allowNetwork: opts.allowNetwork ?? false,
    store: new TokenStore(),
    directory: new IdentityDirectory(scenario.identityStore),
    keyring: new IssuerKeyring(scenario.issuers, opts.allowNetwork ?? false, opts.fetchLimits),
    idTokens: new IdTokenSigner(),
    identityContexts: new IdentityContextSealer(),
    sessions: new SessionStore(),
    roles: model.roles,
    arnClientIds: opts.arnClientIds ?? false,
  };

  async function dispatch(operation: Operation, input: Record<string, unknown>, trace: Trace, callOpts: CallOptions): Promise<Record<string, unknown>> {
    switch (operation) {
      case 'CreateTokenWithIAM':
      case 'CreateToken':
        return tokenEndpoint(ctx, operation, input, trace, callOpts.callerArn);
      case 'RegisterClient':
        return registerClient(ctx, input, trace);
      case 'StartDeviceAuthorization':
        return startDeviceAuthorization(ctx, input, trace);
      case 'Authorize':
        return authorize(ctx, input, trace);
      case 'ApproveDevice':
        return approveDevice(ctx, input, trace);
      case 'AssumeRole':
        return assumeRole(ctx, input, trace, callOpts.callerArn);
      case 'GetCallerIdentity':
        return getCallerIdentity(ctx, input, trace, callOpts.callerArn);
    }
  }

  return {
    principals: scenario.principals,
    idTokenJwk: async () => (await ctx.idTokens.publicJwk()) as Record<string, unknown>,
    context: ctx,
    signJwt: (spec, expiresInS, where) => signScenarioJwt(spec, expiresInS, ctx.model, ctx.keyring, ctx.clock.now(), where),
    async call(operation, input, callOpts = {}): Promise<OperationResult> {
      const trace = new Trace();
      ctx.store.sweep(ctx.clock.now());
      try {
        if (!OPERATIONS.includes(operation)) throw new InternalServerException(`unknown operation ${String(operation)}`);
        const response = await dispatch(operation, input ?? {}, trace, callOpts);
        return { outcome: 'success', response, error: null, trace: trace.steps };
      } catch (err) {
        if (err instanceof OidcError || err instanceof StsError) return { outcome: 'error', response: null, error: err.toBody(), trace: trace.steps };
        if (err instanceof InputError) throw err;
        trace.steps.push({ check: 'internal', ok: false, detail: `simulator fault: ${(err as Error)?.message ?? String(err)}` });
        const fault = STS_OPERATIONS.includes(operation) ? new InternalFailure('internal error') : new InternalServerException('internal error');
        return { outcome: 'error', response: null, error: fault.toBody(), trace: trace.steps };
      }
    },
  };
}
