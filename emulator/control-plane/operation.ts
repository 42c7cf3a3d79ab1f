/** What every control-plane operation handler shares: its context, its quotas, and the instance check. */
import { IDENTITY_CENTER_QUOTAS } from '../../model/quotas.js';
import type { IdentityStore } from '../../simulator/index.js';
import { AccessDeniedException, ResourceNotFoundException } from './errors.js';
import type { ControlPlaneState } from './state.js';

export type Obj = Record<string, unknown>;

/**
 * How many of each resource an instance may hold. Trusted token issuers and access scopes default to Identity
 * Center's documented quotas (model/quotas.ts); applications and assignments have no documented quota, so unset
 * means no limit.
 */
export interface ControlPlaneQuotas {
  applications?: number;
  trustedTokenIssuers?: number;
  assignmentsPerApplication?: number;
  accessScopesPerApplication?: number;
}

export const DEFAULT_QUOTAS: Readonly<ControlPlaneQuotas> = {
  trustedTokenIssuers: IDENTITY_CENTER_QUOTAS.trustedTokenIssuers.limit,
  accessScopesPerApplication: IDENTITY_CENTER_QUOTAS.accessScopesPerApplication.limit,
};

export interface OperationContext {
  state: ControlPlaneState;
  /** Milliseconds since the epoch. */
  now: number;
  identityStore: IdentityStore;
  quotas: ControlPlaneQuotas;
  /** Called by every operation that changed the state. */
  changed(): void;
  /**
   * The record as this operation may change it: in a write, a copy put in its place in `list` (the state's lists are
   * copies, its records shared with the state until changed); in a read, the record itself.
   */
  own<T extends object>(list: T[], record: T): T;
}

export type OperationHandler = (input: Obj, ctx: OperationContext) => Obj;

/** The instance an InstanceArn names; operations without ResourceNotFoundException in their model deny instead. */
export function checkInstance(ctx: OperationContext, instanceArn: string, notFound: 'not-found' | 'denied'): void {
  if (instanceArn === ctx.state.instance.InstanceArn) return;
  const message = `Instance ${instanceArn} does not exist or is not visible to the caller (this control plane holds ${ctx.state.instance.InstanceArn})`;
  throw notFound === 'not-found' ? new ResourceNotFoundException(message) : new AccessDeniedException(message);
}

