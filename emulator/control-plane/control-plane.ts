/**
 * The control plane of `tipkit serve`: sso-admin (`X-Amz-Target: SWBExternalService.<Op>`, SigV4 service `sso`)
 * and identity-store reads (`AWSIdentityStore.<Op>`, service `identitystore`) over AWS JSON 1.1. Every request is
 * signed by a scenario principal, validated against the generated model, then applied to the state; after a
 * change the simulator decides from the new state and `--state FILE` is rewritten.
 */
import { existsSync } from 'node:fs';
import type { TipModel } from '../../model/types.js';
import type { Simulator, Clock, Scenario } from '../../simulator/index.js';
import { identityStoreApi } from '../generated/identitystore-api.js';
import { ssoAdminApi } from '../generated/sso-admin-api.js';
import { signatureRefusal, verifySignature } from '../sigv4.js';
import { invalidSecurityToken, sessionTokenProblem } from '../session-token.js';
import type { WireError } from '../wire.js';
import type { AwsJsonApi } from './api.js';
import { MAX_JSON_DEPTH, jsonNestsDeeperThan } from '../body.js';
import {
  ControlPlaneError,
  InternalServerException,
  SerializationException,
  ThrottlingException,
  UnknownOperationException,
  ValidationException,
  toAwsJsonError,
} from './errors.js';
import { IDENTITY_STORE_HANDLERS } from './identity-store.js';
import { DEFAULT_QUOTAS, SSO_ADMIN_HANDLERS, type ControlPlaneQuotas, type OperationContext, type OperationHandler } from './sso-admin.js';
import { readStateFile, stateFromModel, stateToModel, writeStateFile, type ControlPlaneState } from './state.js';
import { validateInput } from './validate.js';

export const AWS_JSON_CONTENT_TYPE = 'application/x-amz-json-1.1';

interface Service {
  /** How the request log names it (`sso-admin:PutApplicationGrant`). */
  label: string;
  api: AwsJsonApi;
  handlers: Record<string, OperationHandler>;
}

const SERVICES: Record<string, Service> = {
  [ssoAdminApi.metadata.targetPrefix]: { label: 'sso-admin', api: ssoAdminApi, handlers: SSO_ADMIN_HANDLERS },
  [identityStoreApi.metadata.targetPrefix]: { label: 'identitystore', api: identityStoreApi, handlers: IDENTITY_STORE_HANDLERS },
};

/** The state with new lists (and instance) but the same records: what a write starts from. */
function shallowCopy(state: ControlPlaneState): ControlPlaneState {
  return { ...state, instance: { ...state.instance }, trustedTokenIssuers: [...state.trustedTokenIssuers], applications: [...state.applications] };
}

/**
 * `own` for a write: a record still shared with the committed state is copied and the copy put in its place in the
 * write's list; one the write made or copied already is its own.
 */
function copyOnWrite(state: ControlPlaneState): OperationContext['own'] {
  const shared = new Set<object>([...state.applications, ...state.trustedTokenIssuers]);
  return (list, record) => {
    if (!shared.has(record)) return record;
    const copy = structuredClone(record);
    list[list.indexOf(record)] = copy;
    return copy;
  };
}

/** A token bucket per caller: `ratePerSecond` requests a second on average, `burst` at once. */
export interface ThrottleOptions {
  ratePerSecond: number;
  burst?: number;
}

/**
 * Caps on the state's size where Identity Center documents no quota (issuers and access scopes have their
 * documented ones, DEFAULT_QUOTAS): each write rebuilds the model and rewrites the state file, so its cost grows
 * with the state. Far above a development instance's use, low enough that one write stays in the tens of
 * milliseconds. `quotas` replaces what it names.
 */
export const DEFAULT_STATE_CAPS = { applications: 1_000, assignmentsPerApplication: 1_000 } as const satisfies ControlPlaneQuotas;

export interface ControlPlaneOptions {
  /** Keep the state in this file across restarts (read at start when it exists; rewritten after every change). */
  stateFile?: string;
  /** Answer ThrottlingException beyond this rate (none by default). */
  throttle?: ThrottleOptions;
  /** Over the defaults (DEFAULT_QUOTAS: Identity Center's documented ones). */
  quotas?: ControlPlaneQuotas;
}

export type { ServiceRequest as ControlPlaneRequest, ServiceAnswer as ControlPlaneAnswer } from '../service-call.js';
import type { ServiceRequest as ControlPlaneRequest, ServiceAnswer as ControlPlaneAnswer } from '../service-call.js';

export class ControlPlane {
  private state: ControlPlaneState;
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  private constructor(
    state: ControlPlaneState,
    private readonly scenario: Scenario,
    private readonly simulator: Simulator,
    private readonly clock: Clock,
    private readonly opts: ControlPlaneOptions,
  ) {
    this.state = state;
  }

  /**
   * The state from `opts.stateFile` when it exists, else from the config; the simulator then decides from it.
   * Throws InputError when the state file is not one.
   */
  static create(model: TipModel, scenario: Scenario, simulator: Simulator, clock: Clock, opts: ControlPlaneOptions = {}): ControlPlane {
    const fromFile = opts.stateFile !== undefined && existsSync(opts.stateFile);
    const state = fromFile ? readStateFile(opts.stateFile!) : stateFromModel(model, scenario.identityStore, clock.now());
    const plane = new ControlPlane(state, scenario, simulator, clock, opts);
    plane.commit(state, !fromFile);
    return plane;
  }

  /** A copy of the current state (the shape `--state FILE` holds). */
  snapshot(): ControlPlaneState {
    return structuredClone(this.state);
  }

  /** The current state as the model the SSO OIDC side decides from. */
  model(): TipModel {
    return this.simulator.context.model;
  }

  /**
   * `next` becomes the state: its model is built and the state file written first (either failing leaves the state
   * as it was), then the simulator decides from it.
   */
  private commit(next: ControlPlaneState, persist: boolean): void {
    // The model first: a state the SSO OIDC side cannot decide from is never written nor kept.
    const model = stateToModel(next);
    if (persist && this.opts.stateFile !== undefined) writeStateFile(this.opts.stateFile, next);
    this.state = next;
    this.simulator.context.model = model;
  }

  async handle(req: ControlPlaneRequest, requestId: string): Promise<ControlPlaneAnswer> {
    const target = String(req.headers['x-amz-target'] ?? '');
    const [prefix = '', operation = ''] = target.split('.', 2);
    const service = SERVICES[prefix];
    const answer = (status: number, body: unknown, extra: Partial<ControlPlaneAnswer> = {}): ControlPlaneAnswer => ({
      status,
      headers: { 'content-type': AWS_JSON_CONTENT_TYPE, ...(extra.errorType ? { 'x-amzn-errortype': extra.errorType } : {}) },
      body: JSON.stringify(body),
      operation: service ? `${service.label}:${operation}` : target || '-',
      ...extra,
    });
    const fail = (err: ControlPlaneError, extra: Partial<ControlPlaneAnswer> = {}): ControlPlaneAnswer => {
      const wire = toAwsJsonError(service?.api ?? ssoAdminApi, err, requestId);
      return answer(wire.status, wire.body, { errorType: wire.type, detail: err.message, ...extra });
    };

    if (!service || !Object.hasOwn(service.handlers, operation) || req.method !== 'POST' || req.path !== '/') {
      return fail(new UnknownOperationException(`No operation ${target} at ${req.method} ${req.path} (this control plane answers POST / with ${Object.keys(SERVICES).map((p) => `${p}.<Operation>`).join(' or ')})`));
    }

    // The signature first, as AWS's front end checks it before reading the body.
    const signingName = service.api.metadata.signingName;
    const check = await verifySignature(req, this.scenario.principals, { now: this.clock.now(), region: this.state.instance.Region, service: signingName });
    // Refused at AWS's front end, as on the SSO OIDC side: UnrecognizedClientException / InvalidSignatureException …
    const frontEnd = (refusal: WireError, detail: string): ControlPlaneAnswer =>
      answer(refusal.status, { __type: refusal.type, message: String(refusal.body.message ?? '') }, { errorType: refusal.type, detail });
    if (!check.ok) return frontEnd(signatureRefusal(check), `sigv4:${check.reason}`);
    const tokenProblem = sessionTokenProblem(req.headers, check.principal);
    if (tokenProblem) return frontEnd(invalidSecurityToken(), `sigv4:session-token: ${tokenProblem}`);
    const caller = check.principal.arn;
    if (!this.admit(check.principal.accessKeyId!)) return fail(new ThrottlingException('Rate exceeded'), { caller });

    try {
      const contentType = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
      if (contentType !== AWS_JSON_CONTENT_TYPE) throw new SerializationException(`Content-Type must be ${AWS_JSON_CONTENT_TYPE} (got ${contentType || 'none'})`);
      let body: unknown;
      const text = req.body.toString('utf8');
      // As on the SSO OIDC side: every walk after parsing (validation, copies, the model, the state file) recurses per level.
      if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw new ValidationException(`The request body nests deeper than ${MAX_JSON_DEPTH} levels`);
      try {
        body = req.body.length === 0 ? {} : JSON.parse(text);
      } catch {
        throw new SerializationException('The request body is not valid JSON');
      }
      const def = service.api.operations[operation]!;
      const input = def.input ? validateInput(service.api, def.input, body, { acceptPattern: (shape, value) => this.isScenarioId(shape, value) }) : {};
      const output = this.run(operation, service.handlers[operation]!, input);
      return answer(200, output, { caller });
    } catch (err) {
      if (err instanceof ControlPlaneError) return fail(err, { caller });
      return fail(new InternalServerException('An internal error occurred in tipkit serve'), { caller, detail: `internal error: ${(err as Error)?.message ?? String(err)}` });
    }
  }

  /**
   * Runs an operation. One that writes works on a copy of the state, which becomes the state only when the call
   * succeeds (and the state file was written): a failing call leaves nothing half-done. The copy is shallow — its
   * lists are new, their records shared — and a record is copied only when the operation takes it to change it
   * (`own`), so a write copies what it changes, not the whole state.
   */
  private run(operation: string, handler: OperationHandler, input: Record<string, unknown>): Record<string, unknown> {
    const writes = /^(Create|Update|Delete|Put|Tag|Untag)/.test(operation);
    let changed = false;
    const ctx: OperationContext = {
      state: writes ? shallowCopy(this.state) : this.state,
      now: this.clock.now(),
      identityStore: this.scenario.identityStore,
      quotas: { ...DEFAULT_STATE_CAPS, ...DEFAULT_QUOTAS, ...this.opts.quotas },
      changed: () => (changed = true),
      own: writes ? copyOnWrite(this.state) : (_list, record) => record,
    };
    const output = handler(input, ctx);
    if (changed) {
      if (!writes) throw new Error(`${operation} changed the state without working on a copy`);
      this.commit(ctx.state, true);
    }
    return output;
  }

  /** The scenario's own user and group ids are accepted where the model wants identity-store ids. */
  private isScenarioId(shape: string, value: string): boolean {
    if (shape !== 'ResourceId' && shape !== 'PrincipalId') return false;
    const store = this.scenario.identityStore;
    return store.Users.some((u) => u.UserId === value) || store.Groups.some((g) => g.GroupId === value);
  }

  private admit(key: string): boolean {
    const throttle = this.opts.throttle;
    if (!throttle) return true;
    const burst = throttle.burst ?? Math.max(1, throttle.ratePerSecond);
    const now = this.clock.now();
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * throttle.ratePerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }
}
