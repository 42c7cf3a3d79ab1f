/**
 * The one reader of an application's ActorPolicy (its resource-based "application policy"), used by the simulator
 * to decide a CreateTokenWithIAM call and by the linter to find policies that allow no one.
 *
 * Evaluated: Effect; Principal / NotPrincipal ("*", {AWS: "*"}, an account id, arn:aws:iam::ACCT:root,
 * an exact principal ARN — an sts assumed-role session also matches its role's ARN); Action / NotAction
 * (`*` and `?` wildcards, case-insensitive); Resource / NotResource ("*" or ARNs with wildcards, matched
 * against the application's ARN); an explicit Deny wins over any Allow; no matching Allow is an implicit deny.
 * A principal ARN with `*` or `?` never matches: IAM does not expand wildcards in the Principal element ("You
 * cannot use a wildcard to match part of a principal name or ARN", IAM User Guide, AWS JSON policy elements:
 * Principal). Not evaluated: Condition blocks (a statement with a Condition is evaluated as if the condition held,
 * and the result says so), Service / Federated / CanonicalUser principals (they never match an IAM caller),
 * policy variables, and the caller's own identity policy (IAM, not Identity Center, enforces that).
 */
import { wildcardMatch } from './wildcard.js';

/** The action an ActorPolicy governs (the SSO OIDC signing namespace is sso-oauth, not sso). */
export const CREATE_TOKEN_WITH_IAM_ACTION = 'sso-oauth:CreateTokenWithIAM';

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

export type Statement = Record<string, unknown>;

export const asList = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

/** The policy's statements that are objects, with their index in `Statement` (undefined when it is one object). */
export function policyStatements(policy: Record<string, unknown> | undefined): { statement: Statement; index: number | undefined }[] {
  if (!policy) return [];
  const raw = policy.Statement;
  return asList(raw)
    .map((s, i) => ({ statement: s as Statement, index: Array.isArray(raw) ? i : undefined }))
    .filter(({ statement: s }) => typeof s === 'object' && s !== null && !Array.isArray(s));
}

export const statementLabel = (s: Statement, i: number | undefined): string => (typeof s.Sid === 'string' ? `statement ${s.Sid}` : `statement ${i ?? 0}`);

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
export const actionMatches = (pattern: string, action: string): boolean => wildcardMatch(pattern, action, true);

const accountOf = (arn: string): string | undefined => /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];

/** arn:aws:sts::ACCT:assumed-role/ROLE/SESSION → arn:aws:iam::ACCT:role/ROLE (paths are not in session ARNs). */
function roleOfSession(arn: string): string | undefined {
  const m = /^arn:([^:]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : undefined;
}

/**
 * Why an `AWS` principal entry can never match a caller, or undefined when it can. `"*"` alone is everyone; any
 * other `*` or `?` is taken literally by IAM, and no principal's ARN or account id contains one.
 */
export function principalEntryProblem(entry: string): string | undefined {
  if (entry === '*') return undefined;
  if (/[*?]/.test(entry))
    return `IAM does not expand wildcards in a Principal (only "*" alone means everyone), so '${entry}' matches no caller; name the role ARN, or use "*" with a Condition on aws:PrincipalArn`;
  return undefined;
}

function principalEntryMatches(entry: string, caller: string): boolean {
  if (entry === '*') return true;
  if (principalEntryProblem(entry)) return false;
  const account = accountOf(caller);
  if (/^\d{12}$/.test(entry)) return entry === account;
  const root = /^arn:[^:]+:iam::(\d{12}):root$/.exec(entry);
  if (root) return root[1] === account;
  if (entry === caller) return true;
  const role = roleOfSession(caller);
  if (role && entry.replace(/:role\/.*\//, ':role/') === role) return true;
  return false;
}

/** The `AWS` entries of a Principal element (`"*"` as a bare string counts as `{AWS: "*"}`). */
export function awsPrincipalEntries(principal: unknown): unknown[] {
  if (principal === '*') return ['*'];
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return [];
  return asList((principal as Record<string, unknown>).AWS);
}

function principalMatches(principal: unknown, caller: string): boolean {
  return awsPrincipalEntries(principal).some((e) => typeof e === 'string' && principalEntryMatches(e, caller));
}

/** Whether any IAM caller at all can match this Principal element. */
const principalMatchesSomeone = (principal: unknown): boolean =>
  awsPrincipalEntries(principal).some((e) => typeof e === 'string' && principalEntryProblem(e) === undefined);

const principalIsEveryone = (principal: unknown): boolean => awsPrincipalEntries(principal).includes('*');

const actionsMatch = (actions: unknown, action: string): boolean => asList(actions).some((a) => typeof a === 'string' && actionMatches(a, action));

const resourcesMatch = (resources: unknown, resource: string): boolean => asList(resources).some((r) => typeof r === 'string' && wildcardMatch(r, resource));

/** Whether the statement covers `action` (Action / NotAction), or why not. */
export function statementCoversAction(s: Statement, action: string): { covers: boolean; why: string } {
  if (s.Action !== undefined) return actionsMatch(s.Action, action) ? { covers: true, why: '' } : { covers: false, why: `Action does not match ${action}` };
  if (s.NotAction !== undefined) return actionsMatch(s.NotAction, action) ? { covers: false, why: `NotAction matches ${action}` } : { covers: true, why: '' };
  return { covers: false, why: 'no Action' };
}

/** Whether the statement covers `resource` (Resource / NotResource), or why not. */
export function statementCoversResource(s: Statement, resource: string): { covers: boolean; why: string } {
  if (s.Resource !== undefined) return resourcesMatch(s.Resource, resource) ? { covers: true, why: '' } : { covers: false, why: 'Resource does not match the application ARN' };
  if (s.NotResource !== undefined) return resourcesMatch(s.NotResource, resource) ? { covers: false, why: 'NotResource matches the application ARN' } : { covers: true, why: '' };
  return { covers: false, why: 'no Resource' };
}

function statementApplies(s: Statement, req: PolicyRequest): { applies: boolean; why: string } {
  if (s.Principal !== undefined) {
    if (!principalMatches(s.Principal, req.principalArn)) return { applies: false, why: 'Principal does not name the caller' };
  } else if (s.NotPrincipal !== undefined) {
    if (principalMatches(s.NotPrincipal, req.principalArn)) return { applies: false, why: 'NotPrincipal names the caller' };
  } else return { applies: false, why: 'no Principal (a resource policy statement needs one)' };
  const action = statementCoversAction(s, req.action);
  if (!action.covers) return { applies: false, why: action.why };
  const resource = statementCoversResource(s, req.resource);
  if (!resource.covers) return { applies: false, why: resource.why };
  return { applies: true, why: 'matches' };
}

/** The decision for one request. */
export function evaluatePolicy(policy: Record<string, unknown> | undefined, req: PolicyRequest): PolicyEvaluation {
  const notes: string[] = [];
  if (!policy) return { decision: 'implicit-deny', detail: 'no ActorPolicy', notes };
  let allow: string | undefined;
  const misses: string[] = [];
  for (const { statement: s, index } of policyStatements(policy)) {
    const label = statementLabel(s, index);
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

/** A principal entry of an Allow statement that can never match (for the linter to point at). */
export interface DeadPrincipal {
  statement: Statement;
  /** Index in `Statement` (undefined when Statement is one object). */
  index: number | undefined;
  /** Index in the `AWS` list (undefined when it is one string). */
  entryIndex: number | undefined;
  entry: string;
  problem: string;
}

export interface PolicyReach {
  /** Whether some IAM caller can be allowed `action` on `resource`. */
  allowsSomeone: boolean;
  /** Why no one is allowed (when allowsSomeone is false). */
  why: string;
  /** Principal entries of statements covering the action that can never match. */
  deadPrincipals: DeadPrincipal[];
}

/**
 * Who the policy can allow `action` on `resource` (undefined resource: any), read the way evaluatePolicy reads it:
 * an Allow that covers the action and resource with a Principal some caller can match (or a NotPrincipal), and no
 * unconditional Deny of the same action for everyone.
 */
export function policyReach(policy: Record<string, unknown> | undefined, action: string, resource: string | undefined): PolicyReach {
  const deadPrincipals: DeadPrincipal[] = [];
  const statements = policyStatements(policy);
  const covering = statements.filter(({ statement: s }) => statementCoversAction(s, action).covers);
  for (const { statement, index } of covering) {
    const principal = statement.Principal;
    if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) continue;
    const raw = (principal as Record<string, unknown>).AWS;
    asList(raw).forEach((entry, k) => {
      const problem = typeof entry === 'string' ? principalEntryProblem(entry) : undefined;
      if (problem) deadPrincipals.push({ statement, index, entryIndex: Array.isArray(raw) ? k : undefined, entry: entry as string, problem });
    });
  }
  const resourceOk = (s: Statement) => resource === undefined || statementCoversResource(s, resource).covers;
  const allows = covering.filter(({ statement: s }) => s.Effect === 'Allow');
  if (allows.length === 0) return { allowsSomeone: false, why: `no Allow statement covers '${action}'`, deadPrincipals };
  const denyAll = covering.find(
    ({ statement: s }) => s.Effect === 'Deny' && s.Condition === undefined && s.Principal !== undefined && principalIsEveryone(s.Principal) && resourceOk(s),
  );
  if (denyAll) return { allowsSomeone: false, why: `${statementLabel(denyAll.statement, denyAll.index)} denies it to everyone`, deadPrincipals };
  const reachable = allows.filter(({ statement: s }) => resourceOk(s) && (s.Principal !== undefined ? principalMatchesSomeone(s.Principal) : s.NotPrincipal !== undefined));
  if (reachable.length) return { allowsSomeone: true, why: '', deadPrincipals };
  const { statement: s, index } = allows[0]!;
  const label = statementLabel(s, index);
  let why: string;
  if (!resourceOk(s)) why = `${label} allows it only on ${JSON.stringify(s.Resource ?? s.NotResource)}, not on the application (${resource})`;
  else if (s.Principal === undefined && s.NotPrincipal === undefined) why = `${label} has no Principal (a resource policy statement needs one)`;
  else why = `${label} names no principal that can match a caller`;
  return { allowsSomeone: false, why, deadPrincipals };
}
