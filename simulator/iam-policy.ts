/**
 * A small evaluator for an application's ActorPolicy (its resource-based "application policy").
 *
 * Evaluated: Effect; Principal / NotPrincipal ("*", {AWS: "*"}, an account id, arn:aws:iam::ACCT:root,
 * an exact principal ARN — an sts assumed-role session also matches its role's ARN); Action / NotAction
 * (`*` and `?` wildcards, case-insensitive); Resource / NotResource ("*" or ARNs with wildcards, matched
 * against the application's ARN); an explicit Deny wins over any Allow; no matching Allow is an implicit deny.
 * Not evaluated: Condition blocks (a statement with a Condition is evaluated as if the condition held, and
 * the result says so), Service / Federated / CanonicalUser principals (they never match an IAM caller),
 * policy variables, and the caller's own identity policy (IAM, not Identity Center, enforces that).
 */
import { wildcardMatch } from '../model/wildcard.js';

export type Decision = 'allow' | 'explicit-deny' | 'implicit-deny';

export interface PolicyRequest {
  principalArn: string;
  action: string;
  resource: string;
}

export interface PolicyEvaluation {
  decision: Decision;
  /** Which statement decided (Sid or index), and what was compared. */
  detail: string;
  /** Things the evaluator could not evaluate (Conditions). */
  notes: string[];
}

type Statement = Record<string, unknown>;

const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** IAM-style wildcard match: `*` any run, `?` one character (linear time, no regular expression). */
export { wildcardMatch };

const accountOf = (arn: string): string | undefined => /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];

/** arn:aws:sts::ACCT:assumed-role/ROLE/SESSION → arn:aws:iam::ACCT:role/ROLE (paths are not in session ARNs). */
function roleOfSession(arn: string): string | undefined {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined;
}

function principalEntryMatches(entry: string, caller: string): boolean {
  if (entry === '*') return true;
  const account = accountOf(caller);
  if (/^\d{12}$/.test(entry)) return entry === account;
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry);
  if (root) return root[1] === account;
  if (entry === caller) return true;
  const role = roleOfSession(caller);
  if (role && entry.replace(/:role\/.*\//, ':role/') === role) return true;
  return false;
}

function principalMatches(principal: unknown, caller: string): boolean {
  if (principal === '*') return true;
  if (typeof principal !== 'object' || principal === null) return false;
  const aws = (principal as Record<string, unknown>).AWS;
  return asList(aws).some((e) => typeof e === 'string' && principalEntryMatches(e, caller));
}

const actionMatches = (actions: unknown, action: string): boolean =>
  asList(actions).some((a) => typeof a === 'string' && wildcardMatch(a, action, true));

const resourceMatches = (resources: unknown, resource: string): boolean =>
  asList(resources).some((r) => typeof r === 'string' && wildcardMatch(r, resource));

function statementApplies(s: Statement, req: PolicyRequest): { applies: boolean; why: string } {
  if (s.Principal !== undefined) {
    if (!principalMatches(s.Principal, req.principalArn)) return { applies: false, why: 'Principal does not name the caller' };
  } else if (s.NotPrincipal !== undefined) {
    if (principalMatches(s.NotPrincipal, req.principalArn)) return { applies: false, why: 'NotPrincipal names the caller' };
  } else return { applies: false, why: 'no Principal (a resource policy statement needs one)' };
  if (s.Action !== undefined) {
    if (!actionMatches(s.Action, req.action)) return { applies: false, why: `Action does not match ${req.action}` };
  } else if (s.NotAction !== undefined) {
    if (actionMatches(s.NotAction, req.action)) return { applies: false, why: `NotAction matches ${req.action}` };
  } else return { applies: false, why: 'no Action' };
  if (s.Resource !== undefined) {
    if (!resourceMatches(s.Resource, req.resource)) return { applies: false, why: 'Resource does not match the application ARN' };
  } else if (s.NotResource !== undefined) {
    if (resourceMatches(s.NotResource, req.resource)) return { applies: false, why: 'NotResource matches the application ARN' };
  } else return { applies: false, why: 'no Resource' };
  return { applies: true, why: 'matches' };
}

export function evaluatePolicy(policy: Record<string, unknown> | undefined, req: PolicyRequest): PolicyEvaluation {
  const notes: string[] = [];
  if (!policy) return { decision: 'implicit-deny', detail: 'no ActorPolicy', notes };
  const statements = asList(policy.Statement).filter((s): s is Statement => typeof s === 'object' && s !== null && !Array.isArray(s));
  let allow: string | undefined;
  const misses: string[] = [];
  for (const [i, s] of statements.entries()) {
    const label = typeof s.Sid === 'string' ? `statement ${s.Sid}` : `statement ${i}`;
    const { applies, why } = statementApplies(s, req);
    if (!applies) {
      misses.push(`${label}: ${why}`);
      continue;
    }
    if (s.Condition !== undefined) notes.push(`${label} has a Condition, which is not evaluated (assumed to hold)`);
    if (s.Effect === 'Deny') return { decision: 'explicit-deny', detail: `${label} explicitly denies it`, notes };
    if (s.Effect === 'Allow' && allow === undefined) allow = label;
  }
  if (allow !== undefined) return { decision: 'allow', detail: `${allow} allows it`, notes };
  return { decision: 'implicit-deny', detail: misses.length ? `no statement allows it (${misses.join('; ')})` : 'the policy has no statements', notes };
}
