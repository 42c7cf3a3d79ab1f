/** What the role rules share: where a trust policy's parts are in the config, and the principal a trust entry names. */
import { assumeRoleContext, IDENTITY_CENTER_CONTEXT_PROVIDER, type ConditionContext, type TrustedPrincipal, type TrustPrincipal } from '../../../model/iam-policy.js';
import type { NodePath, RoleNode } from '../../../model/types.js';

/** A principal of no named account: stands for "anyone" when `*` is evaluated. */
export const ANY_CALLER: TrustPrincipal = { kind: 'aws', arn: 'arn:aws:iam::000000000000:role/any-principal' };

/** The caller an entry of a trust policy stands for (`*` → some principal nobody names). */
export const callerOf = (t: TrustedPrincipal): TrustPrincipal => (t.principal.kind === 'any' ? ANY_CALLER : t.principal);

/** The request context of an AssumeRole with an Identity Center context, by this caller. */
export const identityContextRequest = (caller: TrustPrincipal): ConditionContext => assumeRoleContext(caller, { providers: [IDENTITY_CENTER_CONTEXT_PROVIDER] });

/**
 * Where a part of the trust policy is: inside the mapping as written, or the AssumeRolePolicyDocument itself when
 * it is a JSON string (a position inside the string is not known).
 */
export function trustField(role: RoleNode, ...inside: NodePath): NodePath {
  return typeof role.raw.AssumeRolePolicyDocument === 'object' ? ['AssumeRolePolicyDocument', ...inside] : ['AssumeRolePolicyDocument'];
}

/** The `Statement` path of statement `index` (undefined: Statement is one object). */
export const statementPath = (index: number | undefined): NodePath => ['Statement', ...(index === undefined ? [] : [index])];
