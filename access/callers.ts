/**
 * Who may call CreateTokenWithIAM for an application: the principals its ActorPolicies name in Allow statements,
 * each kept only when the simulator's own caller decision (simulator/token-endpoint.ts callerDecision) allows a
 * representative caller of it — so an explicit Deny, a Resource that does not match the application, or a wrong
 * Action removes it exactly as it would refuse a signed request.
 */
import type { ApplicationNode } from '../model/types.js';
import { callerDecision } from '../simulator/index.js';

/** Any principal of any account (`*`, or an Allow with NotPrincipal). */
export const ANY_PRINCIPAL = '*';

/** An account that no policy names: stands for "some principal" when `*` is evaluated. */
const UNNAMED_ACCOUNT = '000000000000';

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The principals an Allow statement names (`*` for Principal "*", {AWS: "*"} or NotPrincipal). */
function namedPrincipals(statement: Record<string, unknown>): string[] {
  if (statement.Principal === undefined) return statement.NotPrincipal !== undefined ? [ANY_PRINCIPAL] : [];
  if (statement.Principal === '*') return [ANY_PRINCIPAL];
  if (!isObject(statement.Principal)) return [];
  return asList(statement.Principal.AWS).filter((e): e is string => typeof e === 'string');
}

/** A caller ARN that the entry names and nothing more specific does: account ids become the account's root. */
export function representativeCaller(entry: string): string {
  if (entry === ANY_PRINCIPAL) return `arn:aws:iam::${UNNAMED_ACCOUNT}:role/any-principal`;
  if (/^\d{12}$/.test(entry)) return `arn:aws:iam::${entry}:root`;
  return entry;
}

export interface Callers {
  /** Sorted; `*` means any IAM principal. Empty: nobody can call CreateTokenWithIAM for the application. */
  callers: string[];
  /** What the evaluation could not decide (Conditions assumed to hold). */
  notes: string[];
}

export function actorPolicyCallers(app: ApplicationNode): Callers {
  const candidates = new Set<string>();
  for (const method of app.authenticationMethods) {
    if (method.type !== 'IAM' || !method.actorPolicy) continue;
    for (const statement of asList(method.actorPolicy.Statement)) {
      if (isObject(statement) && statement.Effect === 'Allow') for (const p of namedPrincipals(statement)) candidates.add(p);
    }
  }
  const callers: string[] = [];
  const notes = new Set<string>();
  for (const candidate of candidates) {
    const decision = callerDecision(app, representativeCaller(candidate));
    if (decision.decision !== 'allow') continue;
    callers.push(candidate);
    for (const n of decision.notes) notes.add(n);
  }
  return { callers: callers.sort(), notes: [...notes] };
}
