/**
 * STS AssumeRole with ProvidedContexts — the step after the token (spec §9) — and GetCallerIdentity, decided as STS
 * decides them: the input against the STS model's shapes; the role among the config's `roles`; its trust policy
 * (the one IAM policy reader) allowing the caller sts:AssumeRole and, with a context, sts:SetContext; the context
 * from the Identity Center context provider, sealed by this run for this instance and not expired; the session
 * duration within the role's maximum (an hour when a role session assumes a role: role chaining). Choices where
 * AWS is silent are in simulator/README.md ("Identity-enhanced sessions").
 */
import { createHash, randomBytes } from 'node:crypto';
import { assumeRoleContext, evaluateTrustPolicy, IDENTITY_CENTER_CONTEXT_PROVIDER, type TrustEvaluation, ASSUME_ROLE_ACTION, SET_CONTEXT_ACTION } from '../model/iam-policy.js';
import type { RoleNode } from '../model/types.js';
import type { SimulatorContext } from './context.js';
import { isoSeconds } from './clock.js';
import { stsModel } from './generated/sts-model.js';
import type { IdentityContextClaims } from './identity-context.js';
import { AccessDenied, ExpiredToken, InvalidParameterValue, ValidationError } from './sts-errors.js';
import type { Trace } from './trace.js';
import type { RoleSession } from './sessions.js';

/** Role chaining caps a session at one hour (STS AssumeRole, DurationSeconds). */
export const ROLE_CHAINING_MAX_SECONDS = 3600;
/** STS's default DurationSeconds. */
export const DEFAULT_DURATION_SECONDS = 3600;
type Obj = Record<string, unknown>;
interface MemberInfo {
  readonly type: string;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly member?: MemberInfo;
  readonly members?: Readonly<Record<string, MemberInfo>>;
}

/** camelCase member path as STS writes it in a validation message (`roleSessionName`, `providedContexts.1.member.providerArn`). */
const wireName = (m: string) => m.charAt(0).toLowerCase() + m.slice(1);

/** Every constraint a value breaks, in STS's words ("Value '…' at 'x' failed to satisfy constraint: …"). */
function violations(info: MemberInfo, value: unknown, at: string, out: string[]): void {
  const shown = typeof value === 'string' ? `'${value.length > 64 ? `${value.slice(0, 64)}…` : value}'` : Array.isArray(value) ? `list of ${value.length}` : JSON.stringify(value);
  const fail = (what: string): void => {
    out.push(`Value ${shown} at '${at}' failed to satisfy constraint: Member must ${what}`);
  };
  switch (info.type) {
    case 'string':
      if (typeof value !== 'string') return fail('be a string');
      if (info.min !== undefined && value.length < info.min) fail(`have length greater than or equal to ${info.min}`);
      if (info.max !== undefined && value.length > info.max) fail(`have length less than or equal to ${info.max}`);
      if (info.pattern && !new RegExp(info.pattern, 'u').test(value)) fail(`satisfy regular expression pattern: ${info.pattern.slice(4, -2)}`);
      return;
    case 'integer':
      if (!Number.isInteger(value)) return fail('be an integer');
      if (info.min !== undefined && (value as number) < info.min) fail(`have value greater than or equal to ${info.min}`);
      if (info.max !== undefined && (value as number) > info.max) fail(`have value less than or equal to ${info.max}`);
      return;
    case 'list':
      if (!Array.isArray(value)) return fail('be a list');
      if (info.min !== undefined && value.length < info.min) fail(`have length greater than or equal to ${info.min}`);
      if (info.max !== undefined && value.length > info.max) fail(`have length less than or equal to ${info.max}`);
      value.slice(0, 100).forEach((v, i) => violations(info.member!, v, `${at}.${i + 1}.member`, out));
      return;
    case 'structure':
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('be a structure');
      for (const [k, v] of Object.entries(value as Obj)) if (info.members?.[k] && v !== undefined) violations(info.members[k], v, `${at}.${wireName(k)}`, out);
      return;
  }
}

/** The STS model's checks of an input: required members, types, lengths, patterns, counts → ValidationError. */
export function checkStsInput(operation: keyof typeof stsModel.operations, input: Obj, trace: Trace): void {
  const op = stsModel.operations[operation];
  const members = op.input as unknown as Record<string, MemberInfo>;
  const unknown = Object.keys(input).filter((k) => !(k in members));
  if (unknown.length) trace.fail('input', `${operation} has no member ${unknown.join(', ')}`, InvalidParameterValue, `${operation} has no parameter ${unknown.join(', ')}`);
  const out: string[] = [];
  for (const m of op.required as readonly string[]) if (input[m] === undefined || input[m] === null) out.push(`Value null at '${wireName(m)}' failed to satisfy constraint: Member must not be null`);
  for (const [m, v] of Object.entries(input)) if (v !== undefined && v !== null) violations(members[m]!, v, wireName(m), out);
  if (out.length) trace.fail('input', out.join('; '), ValidationError, `${out.length} validation error${out.length > 1 ? 's' : ''} detected: ${out.join('; ')}`);
  trace.pass('input', `matches the STS ${operation} request shape (required: ${(op.required as readonly string[]).join(', ') || 'none'})`);
}

const accountOf = (arn: string) => /^arn:[^:]+:(?:iam|sts)::(\d{12}):/.exec(arn)?.[1];
const isRoleSession = (arn: string) => /^arn:[^:]+:sts::\d{12}:assumed-role\//.test(arn);

/** AROA + 17 characters derived from the role ARN: the same role always has the same id. */
export function roleId(roleArn: string): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  return 'AROA' + [...createHash('sha256').update(roleArn).digest().subarray(0, 17)].map((b) => alphabet[b % 32]).join('');
}

const randomKey = (prefix: string, n: number) => prefix + [...randomBytes(n)].map((b) => 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[b % 32]).join('');

function describe(e: TrustEvaluation): string {
  return `${e.detail}${e.notes.length ? ` (${e.notes.join('; ')})` : ''}`;
}

export async function assumeRole(ctx: SimulatorContext, input: Obj, trace: Trace, callerArn: string | undefined): Promise<Obj> {
  checkStsInput('AssumeRole', input, trace);
  if (!callerArn) trace.fail('caller', 'AssumeRole needs a signed caller (a scenario `caller`, or the SigV4 signer in serve)', AccessDenied, 'The request must be signed by an IAM principal');
  const caller = callerArn!;
  const roleArn = input.RoleArn as string;
  const sessionName = input.RoleSessionName as string;
  const denied = (action: string) => `User: ${caller} is not authorized to perform: ${action} on resource: ${roleArn}`;
  trace.pass('caller', `signed by ${caller}`);

  const role: RoleNode | undefined = ctx.roles.find((r) => r.arn === roleArn);
  if (!role) trace.fail('role', `${roleArn} is not one of the config's roles (${ctx.roles.map((r) => r.arn).join(', ') || 'none declared'})`, AccessDenied, denied(ASSUME_ROLE_ACTION));
  trace.pass('role', `role ${role!.name} (${roleArn}), MaxSessionDuration ${role!.maxSessionDuration} s`);

  // The contexts: at most one per provider, from the Identity Center provider, opened with this run's key.
  const contexts = (input.ProvidedContexts as { ProviderArn?: string; ContextAssertion?: string }[] | undefined) ?? [];
  const providers = contexts.map((c) => c.ProviderArn ?? '');
  const principal = { kind: 'aws' as const, arn: caller };
  const context = assumeRoleContext(principal, { providers, roleSessionName: sessionName, sourceIdentity: (input.SourceIdentity as string | undefined) ?? null });

  const assume = evaluateTrustPolicy(role!.trustPolicy, { principal, action: ASSUME_ROLE_ACTION, context });
  if (assume.decision !== 'allow') trace.fail('trust-assume-role', `${ASSUME_ROLE_ACTION}: ${assume.decision} — ${describe(assume)}`, AccessDenied, denied(ASSUME_ROLE_ACTION));
  trace.pass('trust-assume-role', `${ASSUME_ROLE_ACTION}: allow — ${describe(assume)}`);
  if (contexts.length) {
    const set = evaluateTrustPolicy(role!.trustPolicy, { principal, action: SET_CONTEXT_ACTION, context });
    if (set.decision !== 'allow') trace.fail('trust-set-context', `${SET_CONTEXT_ACTION}: ${set.decision} — ${describe(set)}`, AccessDenied, denied(SET_CONTEXT_ACTION));
    trace.pass('trust-set-context', `${SET_CONTEXT_ACTION}: allow — ${describe(set)}`);
  }

  let identity: IdentityContextClaims | undefined;
  if (contexts.length) {
    const foreign = providers.find((p) => p !== IDENTITY_CENTER_CONTEXT_PROVIDER);
    if (foreign !== undefined) trace.fail('context-provider', `ProviderArn ${foreign} is not the Identity Center context provider (${IDENTITY_CENTER_CONTEXT_PROVIDER})`, InvalidParameterValue, `Unsupported context provider: ${foreign}`);
    if (contexts.length > 1) trace.fail('context-provider', `${contexts.length} contexts from ${IDENTITY_CENTER_CONTEXT_PROVIDER}: a session holds one identity context`, InvalidParameterValue, `ProvidedContexts may hold one context per provider (${contexts.length} from ${IDENTITY_CENTER_CONTEXT_PROVIDER})`);
    trace.pass('context-provider', IDENTITY_CENTER_CONTEXT_PROVIDER);
    const opened = await ctx.identityContexts.open(contexts[0]!.ContextAssertion ?? '', ctx.clock.now());
    if (!opened.ok) {
      if (opened.reason === 'expired') trace.fail('context-assertion', opened.detail, ExpiredToken, 'The context assertion that was passed is expired. Get a new identity context from CreateTokenWithIAM and retry the request.');
      trace.fail('context-assertion', opened.detail, InvalidParameterValue, 'The context assertion could not be verified');
    }
    const claims = (opened as Extract<typeof opened, { ok: true }>).claims;
    const instance = ctx.model.instance.instanceArn;
    if (instance !== undefined && claims.instanceArn !== instance)
      trace.fail('context-assertion', `issued for instance ${claims.instanceArn}, not ${instance}`, InvalidParameterValue, 'The context assertion could not be verified');
    identity = claims;
    trace.pass('context-assertion', `issued by ${claims.instanceArn} for user ${claims.userId} (identity store ${claims.identityStoreId}) via ${claims.applicationArn}, valid until ${new Date((opened as { expiresAt: number }).expiresAt).toISOString()}`);
  }

  const duration = (input.DurationSeconds as number | undefined) ?? DEFAULT_DURATION_SECONDS;
  if (isRoleSession(caller) && duration > ROLE_CHAINING_MAX_SECONDS)
    trace.fail('duration', `${duration} s > ${ROLE_CHAINING_MAX_SECONDS} s: the caller is a role session (role chaining)`, ValidationError, 'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  if (duration > role!.maxSessionDuration)
    trace.fail('duration', `${duration} s > the role's MaxSessionDuration ${role!.maxSessionDuration} s`, ValidationError, 'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.');
  trace.pass('duration', `${duration} s ≤ ${isRoleSession(caller) ? `${ROLE_CHAINING_MAX_SECONDS} s (role chaining)` : `MaxSessionDuration ${role!.maxSessionDuration} s`}`);

  const account = accountOf(roleArn) ?? '000000000000';
  const assumedRoleId = `${roleId(roleArn)}:${sessionName}`;
  const sessionArn = `arn:${/^arn:([^:]+):/.exec(roleArn)?.[1] ?? 'aws'}:sts::${account}:assumed-role/${role!.name}/${sessionName}`;
  const expiresAt = ctx.clock.now() + duration * 1000;
  const session: RoleSession = {
    principal: { name: sessionArn, arn: sessionArn, accessKeyId: randomKey('ASIA', 16), secretAccessKey: randomBytes(30).toString('base64'), sessionToken: randomBytes(96).toString('base64') },
    roleArn,
    assumedRoleId,
    account,
    expiresAt,
    identity,
  };
  ctx.sessions.add(session);
  trace.pass(
    'session',
    identity
      ? `identity-enhanced session ${sessionArn} for user ${identity.userId} of identity store ${identity.identityStoreId}, until ${new Date(expiresAt).toISOString()}`
      : `role session ${sessionArn} (no identity context), until ${new Date(expiresAt).toISOString()}`,
  );
  const response: Obj = {
    Credentials: { AccessKeyId: session.principal.accessKeyId, SecretAccessKey: session.principal.secretAccessKey, SessionToken: session.principal.sessionToken, Expiration: isoSeconds(expiresAt) },
    AssumedRoleUser: { AssumedRoleId: assumedRoleId, Arn: sessionArn },
  };
  if (typeof input.SourceIdentity === 'string') response.SourceIdentity = input.SourceIdentity;
  return response;
}

/** GetCallerIdentity: who signed — a session this run issued (its assumed-role ARN), or a scenario principal as declared. */
export function getCallerIdentity(ctx: SimulatorContext, input: Obj, trace: Trace, callerArn: string | undefined): Obj {
  checkStsInput('GetCallerIdentity', input, trace);
  if (!callerArn) trace.fail('caller', 'GetCallerIdentity needs a signed caller', AccessDenied, 'The request must be signed by an IAM principal');
  const session = ctx.sessions.byArn(callerArn!);
  if (session) {
    trace.pass('caller', `session ${callerArn} of role ${session.roleArn}${session.identity ? ` (identity-enhanced: user ${session.identity.userId})` : ''}`);
    return { UserId: session.assumedRoleId, Account: session.account, Arn: callerArn };
  }
  trace.pass('caller', `principal ${callerArn}`);
  const account = accountOf(callerArn!) ?? '000000000000';
  const id = callerArn!.includes(':role/') || callerArn!.includes(':assumed-role/') ? roleId(callerArn!) : `AIDA${roleId(callerArn!).slice(4)}`;
  return { UserId: id, Account: account, Arn: callerArn };
}
