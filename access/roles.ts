/**
 * The roles a path's token holders can assume with the token's identity context (spec §9): for each IAM caller the
 * application's ActorPolicy lets call CreateTokenWithIAM, the roles whose trust policy allows it both
 * `sts:AssumeRole` and `sts:SetContext` with an Identity Center context — the decision the simulator's AssumeRole
 * makes (model/iam-policy.ts evaluateTrustPolicy). A decision that depends on a condition tipkit cannot evaluate
 * keeps the role, marked conditional: a reviewer must see what may be reachable.
 */
import { ASSUME_ROLE_ACTION, assumeRoleContext, evaluateTrustPolicy, IDENTITY_CENTER_CONTEXT_PROVIDER, SET_CONTEXT_ACTION, type TrustDecision } from '../model/iam-policy.js';
import type { RoleNode } from '../model/types.js';
import { representativeCaller } from './callers.js';

export interface RoleReach {
  /** The role's RoleName. */
  name: string;
  arn: string;
  /** Reachable only if a condition tipkit cannot evaluate holds. */
  conditional: boolean;
}

function decide(role: RoleNode, callerArn: string): TrustDecision {
  const principal = { kind: 'aws' as const, arn: callerArn };
  const context = assumeRoleContext(principal, { providers: [IDENTITY_CENTER_CONTEXT_PROVIDER] });
  const decisions = [ASSUME_ROLE_ACTION, SET_CONTEXT_ACTION].map((action) => evaluateTrustPolicy(role.trustPolicy, { principal, action, context }).decision);
  if (decisions.every((d) => d === 'allow')) return 'allow';
  return decisions.some((d) => d === 'implicit-deny' || d === 'explicit-deny') ? 'implicit-deny' : 'unknown';
}

/** Sorted by name; a role reachable by one caller outright is not conditional. */
export function rolesReachable(roles: readonly RoleNode[], callers: readonly string[]): RoleReach[] {
  const out: RoleReach[] = [];
  for (const role of roles) {
    if (!role.trustPolicy) continue;
    const decisions = callers.map((c) => decide(role, representativeCaller(c)));
    if (decisions.includes('allow')) out.push({ name: role.name, arn: role.arn, conditional: false });
    else if (decisions.includes('unknown')) out.push({ name: role.name, arn: role.arn, conditional: true });
  }
  return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}
