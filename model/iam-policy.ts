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

// ---------------------------------------------------------------------------------------------------------
// Role trust policies (spec §9): who may call sts:AssumeRole and sts:SetContext on a role.
//
// Evaluated here, beyond what evaluatePolicy reads: `Service` principals (an AWS service principal such as
// transfer.amazonaws.com matches only that service); NotPrincipal is never honoured (IAM refuses it in a trust
// policy, "You cannot use the NotPrincipal element … in an IAM role trust policy", IAM User Guide, NotPrincipal),
// so such a statement applies to no one; and Condition blocks, with these operators: StringEquals,
// StringNotEquals, StringEqualsIgnoreCase, StringNotEqualsIgnoreCase, StringLike, StringNotLike, ArnEquals, ArnLike,
// ArnNotEquals, ArnNotLike, Bool, Null — each with an `IfExists` suffix and a `ForAnyValue:` / `ForAllValues:`
// prefix. A condition key is evaluated only when the request context says what it is (a value, or known to be
// absent); any other key, operator, or a policy variable (`${…}`) in a value makes the statement's condition
// unknown, and a decision that depends on it is `unknown` — never `allow`.

export const ASSUME_ROLE_ACTION = 'sts:AssumeRole';
export const SET_CONTEXT_ACTION = 'sts:SetContext';
/** The ProviderArn of an Identity Center context assertion in AssumeRole's ProvidedContexts. */
export const IDENTITY_CENTER_CONTEXT_PROVIDER = 'arn:aws:iam::aws:contextProvider/IdentityCenter';

/** The caller of AssumeRole: an IAM principal (user, role, assumed-role session, account root) or an AWS service. */
export type TrustPrincipal = { kind: 'aws'; arn: string } | { kind: 'service'; service: string };

/**
 * The request context a Condition is read against. A key with a value (a string, or a list for multivalued keys)
 * is present; `null` is known to be absent; a key that is not listed is unknown. Keys are matched case-insensitively.
 */
export type ConditionContext = Record<string, string | readonly string[] | null>;

export type TrustDecision = 'allow' | 'explicit-deny' | 'implicit-deny' | 'unknown';

export interface TrustRequest {
  principal: TrustPrincipal;
  action: string;
  context?: ConditionContext;
}

export interface TrustEvaluation {
  decision: TrustDecision;
  detail: string;
  /** What could not be evaluated, and statements IAM would not accept. */
  notes: string[];
}

/** How many value comparisons one evaluation may make before it gives up as `unknown` (hostile policies). */
export const TRUST_EVALUATION_BUDGET = 100_000;

class OverBudget extends Error {}

export const CONDITION_OPERATORS = [
  'StringEquals', 'StringNotEquals', 'StringEqualsIgnoreCase', 'StringNotEqualsIgnoreCase', 'StringLike', 'StringNotLike',
  'ArnEquals', 'ArnLike', 'ArnNotEquals', 'ArnNotLike', 'Bool', 'Null',
] as const;
type Operator = (typeof CONDITION_OPERATORS)[number];

const NEGATED: ReadonlySet<Operator> = new Set(['StringNotEquals', 'StringNotEqualsIgnoreCase', 'StringNotLike', 'ArnNotEquals', 'ArnNotLike']);

/** A positive operator's test of one request value against one policy value. */
function valueMatches(op: Operator, policyValue: string, requestValue: string): boolean {
  switch (op) {
    case 'StringEquals':
    case 'StringNotEquals':
      return policyValue === requestValue;
    case 'StringEqualsIgnoreCase':
    case 'StringNotEqualsIgnoreCase':
      return policyValue.toLowerCase() === requestValue.toLowerCase();
    case 'Bool':
      return policyValue.toLowerCase() === requestValue.toLowerCase();
    default:
      // StringLike and the Arn operators: `*` and `?` wildcards, case-sensitive (ARN segments compared whole).
      return wildcardMatch(policyValue, requestValue);
  }
}

type Tri = true | false | 'unknown';

/** One `Operator: { key: values }` block; `why` says what made it unknown. */
function evaluateOperator(rawOp: string, block: unknown, context: ConditionContext, spend: (n: number) => void): { result: Tri; why?: string } {
  const m = /^(ForAnyValue:|ForAllValues:)?([A-Za-z]+?)(IfExists)?$/.exec(rawOp);
  const op = m?.[2] as Operator | undefined;
  if (!m || !op || !CONDITION_OPERATORS.includes(op) || (op === 'Null' && (m[1] || m[3]))) return { result: 'unknown', why: `condition operator ${rawOp} is not evaluated` };
  if (typeof block !== 'object' || block === null || Array.isArray(block)) return { result: 'unknown', why: `condition ${rawOp} is not a mapping of keys to values` };
  const set = m[1];
  const ifExists = m[3] !== undefined;
  const lowerContext = new Map(Object.entries(context).map(([k, v]) => [k.toLowerCase(), v]));
  let result: Tri = true;
  for (const [key, rawValues] of Object.entries(block as Record<string, unknown>)) {
    const values = asList(rawValues).map((v) => (typeof v === 'boolean' || typeof v === 'number' ? String(v) : v));
    if (!values.every((v): v is string => typeof v === 'string')) return { result: 'unknown', why: `condition ${rawOp} ${key} has values that are not strings` };
    if (values.some((v) => v.includes('${'))) return { result: 'unknown', why: `condition ${rawOp} ${key} uses a policy variable, which is not evaluated` };
    if (!lowerContext.has(key.toLowerCase())) return { result: 'unknown', why: `condition key ${key} is not known for this request` };
    const present = lowerContext.get(key.toLowerCase())!;
    spend(values.length * (Array.isArray(present) ? Math.max(1, present.length) : 1));
    let holds: boolean;
    if (op === 'Null') holds = values.some((v) => v.toLowerCase() === String(present === null));
    else if (present === null) holds = ifExists || NEGATED.has(op) || set === 'ForAllValues:';
    else {
      const requestValues = typeof present === 'string' ? [present] : [...present];
      const positive = (rv: string) => values.some((pv) => valueMatches(op, pv, rv));
      if (set === 'ForAllValues:') holds = requestValues.every((rv) => (NEGATED.has(op) ? !positive(rv) : positive(rv)));
      else if (set === 'ForAnyValue:') holds = requestValues.some((rv) => (NEGATED.has(op) ? !positive(rv) : positive(rv)));
      else {
        if (requestValues.length !== 1) return { result: 'unknown', why: `condition key ${key} has several values; use ForAnyValue or ForAllValues` };
        holds = NEGATED.has(op) ? !positive(requestValues[0]!) : positive(requestValues[0]!);
      }
    }
    if (!holds) result = false;
  }
  return { result };
}

/** A statement's Condition: true when it holds, false when not, 'unknown' when it cannot be read here. */
export function evaluateCondition(condition: unknown, context: ConditionContext, spend: (n: number) => void = () => {}): { result: Tri; why?: string } {
  if (condition === undefined) return { result: true };
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return { result: 'unknown', why: 'Condition is not a mapping' };
  let unknownWhy: string | undefined;
  for (const [op, block] of Object.entries(condition as Record<string, unknown>)) {
    const r = evaluateOperator(op, block, context, spend);
    if (r.result === false) return { result: false };
    if (r.result === 'unknown') unknownWhy ??= r.why;
  }
  return unknownWhy ? { result: 'unknown', why: unknownWhy } : { result: true };
}

/** The `Service` entries of a Principal element. */
export function servicePrincipalEntries(principal: unknown): string[] {
  if (typeof principal !== 'object' || principal === null || Array.isArray(principal)) return [];
  return asList((principal as Record<string, unknown>).Service).filter((e): e is string => typeof e === 'string');
}

/** Whether a trust policy's Principal element names the caller. */
export function trustPrincipalMatches(principal: unknown, caller: TrustPrincipal): boolean {
  if (principal === '*') return true;
  if (caller.kind === 'service') return servicePrincipalEntries(principal).includes(caller.service) || awsPrincipalEntries(principal).includes('*');
  return principalMatches(principal, caller.arn);
}

/** The account an IAM caller belongs to (undefined for services). */
export const principalAccount = (p: TrustPrincipal): string | undefined => (p.kind === 'aws' ? accountOf(p.arn) : undefined);

/** aws:PrincipalArn as IAM sets it: a role session's is its role's ARN. */
export const principalArnKey = (arn: string): string => roleOfSession(arn) ?? arn;

/**
 * The request context of an AssumeRole call, as far as it is known: for an IAM caller its ARN and account and no
 * source service; for a service caller, nothing about the principal (the service sets aws:SourceAccount and
 * aws:SourceArn, which tipkit cannot know). `providers` are the ProviderArns of ProvidedContexts (undefined: unknown).
 */
export function assumeRoleContext(caller: TrustPrincipal, extra: { providers?: readonly string[]; roleSessionName?: string; sourceIdentity?: string | null } = {}): ConditionContext {
  const ctx: ConditionContext = {};
  if (caller.kind === 'aws') {
    ctx['aws:PrincipalArn'] = principalArnKey(caller.arn);
    ctx['aws:PrincipalAccount'] = principalAccount(caller) ?? null;
    ctx['aws:SourceAccount'] = null;
    ctx['aws:SourceArn'] = null;
    ctx['aws:PrincipalIsAWSService'] = 'false';
  } else ctx['aws:PrincipalIsAWSService'] = 'true';
  if (extra.providers !== undefined) ctx['sts:RequestContextProviders'] = extra.providers.length ? extra.providers : null;
  if (extra.roleSessionName !== undefined) ctx['sts:RoleSessionName'] = extra.roleSessionName;
  if (extra.sourceIdentity !== undefined) ctx['sts:SourceIdentity'] = extra.sourceIdentity;
  return ctx;
}

/** The decision of a role's trust policy on one request. */
export function evaluateTrustPolicy(policy: Record<string, unknown> | undefined, req: TrustRequest, budget = TRUST_EVALUATION_BUDGET): TrustEvaluation {
  const notes: string[] = [];
  if (!policy) return { decision: 'implicit-deny', detail: 'the role has no readable trust policy', notes };
  const context = req.context ?? {};
  let left = budget;
  const spend = (n: number) => {
    left -= n;
    if (left < 0) throw new OverBudget();
  };
  let allow: string | undefined;
  let allowUnknown: string | undefined;
  let denyUnknown: string | undefined;
  const misses: string[] = [];
  try {
    for (const { statement: s, index } of policyStatements(policy)) {
      spend(1);
      const label = statementLabel(s, index);
      if (s.NotPrincipal !== undefined) {
        notes.push(`${label} uses NotPrincipal, which IAM does not accept in a role trust policy; it applies to no one`);
        continue;
      }
      if (s.Principal === undefined) {
        misses.push(`${label}: no Principal (a trust policy statement needs one)`);
        continue;
      }
      if (!trustPrincipalMatches(s.Principal, req.principal)) {
        misses.push(`${label}: Principal does not name the caller`);
        continue;
      }
      const action = statementCoversAction(s, req.action);
      if (!action.covers) {
        misses.push(`${label}: ${action.why}`);
        continue;
      }
      const cond = evaluateCondition(s.Condition, context, spend);
      if (cond.result === false) {
        misses.push(`${label}: its Condition does not hold`);
        continue;
      }
      if (cond.result === 'unknown') notes.push(`${label}: ${cond.why}`);
      if (s.Effect === 'Deny') {
        if (cond.result === true) return { decision: 'explicit-deny', detail: `${label} explicitly denies ${req.action}`, notes };
        denyUnknown ??= label;
      } else if (s.Effect === 'Allow') {
        if (cond.result === true) allow ??= label;
        else allowUnknown ??= label;
      }
    }
  } catch (err) {
    if (!(err instanceof OverBudget)) throw err;
    return { decision: 'unknown', detail: `the trust policy needs more than ${budget} comparisons to decide; not evaluated`, notes };
  }
  if (allow && !denyUnknown) return { decision: 'allow', detail: `${allow} allows ${req.action}`, notes };
  if (allow || allowUnknown) {
    const why = denyUnknown ? `${denyUnknown} may deny it (its Condition cannot be evaluated)` : `${allowUnknown} allows it only under a Condition that cannot be evaluated`;
    return { decision: 'unknown', detail: `${req.action}: ${why}`, notes };
  }
  return { decision: 'implicit-deny', detail: misses.length ? `no statement allows ${req.action} (${misses.join('; ')})` : 'the trust policy has no statements', notes };
}

/** One principal an Allow statement of a trust policy names for an action. */
export interface TrustedPrincipal {
  principal: TrustPrincipal | { kind: 'any' };
  /** As written: `*`, an account id or ARN, or a service principal. */
  entry: string;
  statement: Statement;
  index: number | undefined;
}

/** The principals the Allow statements covering `action` name (what AssumeRole and SetContext are asked for). */
export function trustedPrincipals(policy: Record<string, unknown> | undefined, action: string): TrustedPrincipal[] {
  const out: TrustedPrincipal[] = [];
  for (const { statement, index } of policyStatements(policy)) {
    if (statement.Effect !== 'Allow' || statement.Principal === undefined || !statementCoversAction(statement, action).covers) continue;
    for (const e of awsPrincipalEntries(statement.Principal))
      if (typeof e === 'string' && principalEntryProblem(e) === undefined)
        out.push({ principal: e === '*' ? { kind: 'any' } : { kind: 'aws', arn: /^\d{12}$/.test(e) ? `arn:aws:iam::${e}:root` : e }, entry: e, statement, index });
    for (const e of servicePrincipalEntries(statement.Principal)) out.push({ principal: { kind: 'service', service: e }, entry: e, statement, index });
  }
  return out;
}
