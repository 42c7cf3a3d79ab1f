/**
 * Scenario files (spec §4): parse with positions, check against the scenario schema, then check what a
 * schema cannot — references to the config, to principals, to scenario issuers and to earlier requests —
 * so that a broken scenario is one `file:line:col: message` and exit 2, before any request runs.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { InputError } from '../model/errors.js';
import { loadValidConfigFile, parseDocumentFile, parseDocumentText, readSourceFile } from '../inputs/index.js';
import type { PositionIndex } from '../model/positions.js';
import { toViolations } from '../model/schema.js';
import type { NodePath, TipModel } from '../model/types.js';
import { parseDuration, parseSignedDuration, parseTimestamp } from './clock.js';
import { OIDC_ERRORS } from './errors.js';
import { STS_ERROR_CODES } from './sts-errors.js';
import { JWT_SPEC_SCHEMA, scenarioSchema } from './scenario-schema.js';
import { inputMembers, outputMembers } from './shapes.js';
import { checkPrivateJwk, parseKeyFile, type KeyFile } from './key-file.js';
import { STS_OPERATIONS } from './types.js';
import type {
  Expectation,
  IdentityStoreGroup,
  IdentityStoreUser,
  Lifetimes,
  LoadedScenario,
  Operation,
  Principal,
  Scenario,
  ScenarioIssuer,
  ScenarioRequest,
} from './types.js';

/** The simulated clock when a scenario gives no `now` (the wall clock is never read). */
/**
 * Without `now`, a scenario starts at the wall-clock second it is loaded (read once; the run then steps its own
 * clock): a literal token from a real IdP is then checked against the time it was minted for. Set `now` for
 * a run that gives the same result every time.
 */
const loadTime = (): number => Math.floor(Date.now() / 1000) * 1000;

export const DEFAULT_LIFETIMES: Lifetimes = {
  accessToken: 3600,
  refreshToken: 8 * 3600,
  authorizationCode: 300,
  deviceCode: 600,
  deviceInterval: 1,
  clientSecret: 90 * 86400,
  session: 8 * 3600,
};

/**
 * The range Identity Center allows for its session duration (user guide, "Configure the duration of … user
 * sessions": 15 minutes to 90 days; tip-facts §2.2).
 */
export const SESSION_DURATION_RANGE_S = { min: 15 * 60, max: 90 * 86400 } as const;

/** Refresh tokens rotate only when a scenario asks (`rotateRefreshTokens: true`). */
export const DEFAULT_ROTATE_REFRESH_TOKENS = false;

/**
 * The config's `instance.SessionDuration` in seconds (the default when absent); InputError naming the config when it
 * is outside what Identity Center allows.
 */
export function configSessionSeconds(model: TipModel, configFile: string): number {
  const written = model.instance.sessionDuration;
  if (written === undefined) return DEFAULT_LIFETIMES.session;
  const ms = parseDuration(written);
  const s = ms === undefined ? undefined : ms / 1000;
  if (s === undefined || s < SESSION_DURATION_RANGE_S.min || s > SESSION_DURATION_RANGE_S.max)
    throw new InputError(`instance.SessionDuration must be a duration from 15m to 90d, as Identity Center allows (got ${JSON.stringify(written)})`, {
      ...model.positions.locate(['instance', 'SessionDuration']),
      file: configFile,
    });
  return s;
}

/** Longest duration accepted (`after`, lifetimes, `expiresIn`), and the latest simulated time: dates stay printable. */
const MAX_DURATION_MS = 100 * 365 * 86_400_000;
const LATEST_TIME_MS = Date.parse('9999-12-31T23:59:59Z');

/** A duration in ms, or undefined when it is not one or is over a century. */
const boundedDuration = (v: unknown): number | undefined => {
  const ms = parseDuration(v);
  return ms !== undefined && ms <= MAX_DURATION_MS ? ms : undefined;
};

/** A JWT's expiresIn: a duration either way (below zero: already expired), at most a century. */
const boundedJwtLifetime = (v: unknown): number | undefined => {
  const ms = parseSignedDuration(v);
  return ms !== undefined && Math.abs(ms) <= MAX_DURATION_MS ? ms : undefined;
};

/** A caller may also be written as the IAM (or assumed-role STS) ARN itself. */
export const IAM_CALLER_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:(iam|sts)::\d{12}:[\w+=,.@/-]+$/;

/** `${NAME.FIELD}` (FIELD may be a dotted path into the response). */
export const REFERENCE_RE = /\$\{([^}]*)\}/g;
const REFERENCE_BODY_RE = /^([A-Za-z0-9_-]+)((?:\.[A-Za-z0-9_]+)+)$/;

/** Members whose value may be `jwt: {…}` (signed by the simulator when the request runs). */
export const JWT_MEMBERS = ['assertion', 'subjectToken'];

type Obj = Record<string, unknown>;

let validators: { scenario: ValidateFunction; jwt: ValidateFunction } | undefined;
function schemaValidators() {
  if (!validators) {
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, strictRequired: false, allowUnionTypes: true });
    validators = { scenario: ajv.compile(scenarioSchema), jwt: ajv.compile(JWT_SPEC_SCHEMA) };
  }
  return validators;
}

export interface LoadScenarioOptions {
  /** A config file that overrides the scenario's `config:` (relative to the working directory). */
  config?: string;
  /** Load the config from this model instead of a file. */
  model?: TipModel;
  /** Largest file read (bytes): the scenario, its config and key files. */
  maxInputBytes?: number;
}

export async function loadScenarioFile(file: string, opts: LoadScenarioOptions = {}): Promise<LoadedScenario> {
  const { value, positions } = parseDocumentFile(file, { maxBytes: opts.maxInputBytes });
  return loadScenarioDocument(value, positions, file, opts);
}

export async function loadScenarioText(text: string, file: string, opts: LoadScenarioOptions = {}): Promise<LoadedScenario> {
  const { value, positions } = parseDocumentText(text, file);
  return loadScenarioDocument(value, positions, file, opts);
}

/** A scenario with no users, keys, principals or requests (`serve` without --scenario). */
export function emptyScenario(file = '<none>', model?: TipModel): Scenario {
  const lifetimes = { ...DEFAULT_LIFETIMES, ...(model ? { session: configSessionSeconds(model, file) } : {}) };
  return { file, now: loadTime(), identityStore: { Users: [], Groups: [] }, issuers: {}, principals: [], requests: [], lifetimes, rotateRefreshTokens: DEFAULT_ROTATE_REFRESH_TOKENS };
}

async function loadScenarioDocument(value: unknown, positions: PositionIndex, file: string, opts: LoadScenarioOptions): Promise<LoadedScenario> {
  const at = (path: NodePath) => positions.locate(path);
  const atKey = (path: NodePath) => positions.locateKey(path);
  const fail = (message: string, path: NodePath, key = false): never => {
    throw new InputError(message, key ? atKey(path) : at(path));
  };

  const { scenario: validate, jwt: validateJwt } = schemaValidators();
  const top = typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Obj) : {};
  if (top.requests === undefined && (top.instance !== undefined || top.applications !== undefined || top.trustedTokenIssuers !== undefined))
    fail('this is a tipkit config, not a scenario: give it with --config, and give simulate a scenario (version, requests)', []);
  if (!validate(value)) {
    const v = toViolations(validate.errors ?? [])[0]!;
    const at = v.pointer.reduce<unknown>((node, key) => (node as Record<string | number, unknown> | undefined)?.[key], value);
    if (v.pointer.at(-1) === 'expect' && typeof at === 'string')
      fail(`scenario: 'expect' must be a mapping; write \`expect: { outcome: ${at} }\``, v.pointer);
    fail(`scenario: ${v.message}`, v.pointer, v.atKey);
  }
  const doc = value as Obj;
  const baseDir = dirname(resolve(file));

  // The config: --config, else `config:` relative to the scenario, else tipkit.yaml beside it.
  let configFile: string;
  if (opts.config !== undefined) configFile = opts.config;
  else if (typeof doc.config === 'string') configFile = resolve(baseDir, doc.config);
  else if (opts.model === undefined) {
    configFile = resolve(baseDir, 'tipkit.yaml');
    if (!existsSync(configFile)) fail('the scenario names no config (add `config: ./tipkit.yaml` or pass --config)', []);
  } else configFile = '<model>';
  if (typeof doc.config === 'string' && opts.config === undefined && (!existsSync(configFile) || statSync(configFile).isDirectory()))
    fail(`config file ${doc.config || `""`} not found (relative to the scenario)`, ['config']);
  const model = opts.model ?? (await loadValidConfigFile(configFile, { maxBytes: opts.maxInputBytes })).model;

  const now = doc.now === undefined ? loadTime() : parseTimestamp(doc.now);
  if (now === undefined) fail(`'now' must be an RFC 3339 timestamp such as 2026-11-23T12:00:00Z (got ${JSON.stringify(doc.now)})`, ['now']);

  const lifetimes = { ...DEFAULT_LIFETIMES, session: configSessionSeconds(model, configFile) };
  for (const [k, v] of Object.entries((doc.lifetimes as Obj | undefined) ?? {})) {
    const ms = boundedDuration(v);
    if (ms === undefined || ms <= 0) fail(`lifetimes.${k} must be a duration such as 30s, 5m, 1h, at most 100 years (got ${JSON.stringify(v)})`, ['lifetimes', k]);
    lifetimes[k as keyof Lifetimes] = ms! / 1000;
    if (k === 'session' && (ms! / 1000 < SESSION_DURATION_RANGE_S.min || ms! / 1000 > SESSION_DURATION_RANGE_S.max))
      fail(`lifetimes.session must be from 15m to 90d, the range Identity Center allows (got ${JSON.stringify(v)})`, ['lifetimes', k]);
  }
  const rotateRefreshTokens = typeof doc.rotateRefreshTokens === 'boolean' ? doc.rotateRefreshTokens : DEFAULT_ROTATE_REFRESH_TOKENS;

  const identityStore = loadIdentityStore(doc, fail);
  const issuers = await loadIssuers(doc, model, baseDir, fail, opts.maxInputBytes);
  const principals: Principal[] = Object.entries((doc.principals as Record<string, Obj> | undefined) ?? {}).map(([name, p]) => ({
    name,
    arn: String(p.Arn),
    accessKeyId: p.AccessKeyId as string | undefined,
    secretAccessKey: p.SecretAccessKey as string | undefined,
    sessionToken: p.SessionToken as string | undefined,
  }));

  const requests: ScenarioRequest[] = [];
  /** Request name → its operation, for the requests before the one being read. */
  const names = new Map<string, Operation>();
  let clockMs = now!;
  for (const [i, r] of (doc.requests as Obj[]).entries()) {
    const base: NodePath = ['requests', i];
    const name = typeof r.name === 'string' ? r.name : `request-${i + 1}`;
    if (names.has(name)) fail(`request name '${name}' is used twice`, [...base, 'name']);
    const operation = r.operation as Operation;
    if (r.caller !== undefined && !principals.some((p) => p.name === r.caller) && !IAM_CALLER_ARN.test(String(r.caller)))
      fail(`caller '${String(r.caller)}' is neither one of the principals (${principals.map((p) => p.name).join(', ') || 'none declared'}) nor an IAM role or user ARN`, [...base, 'caller']);
    let afterMs = 0;
    if (r.after !== undefined) {
      const ms = boundedDuration(r.after);
      if (ms === undefined) fail(`'after' must be a duration such as 30s, 5m, 1h, at most 100 years (got ${JSON.stringify(r.after)})`, [...base, 'after']);
      afterMs = ms!;
      clockMs += afterMs;
      if (clockMs > LATEST_TIME_MS) fail(`'after' moves the simulated clock past the year 9999`, [...base, 'after']);
    }
    const input = (r.input as Obj | undefined) ?? {};
    const allowed = inputMembers(operation);
    for (const key of Object.keys(input))
      if (!allowed.includes(key)) fail(`unknown ${operation} input member '${key}'; expected one of: ${allowed.join(', ')}`, [...base, 'input', key], true);
    const expect = r.expect as Expectation | undefined;
    if (STS_OPERATIONS.includes(operation)) {
      if (expect?.error !== undefined && !STS_ERROR_CODES.includes(expect.error))
        fail(`expect.error '${expect.error}' is not an STS error code (${STS_ERROR_CODES.join(', ')})`, [...base, 'expect', 'error']);
      if (r.caller === undefined) fail(`${operation} needs a caller (one of the principals, or an IAM role or user ARN): STS answers signed requests only`, base);
    } else if (expect?.error !== undefined && !(expect.error in OIDC_ERRORS))
      fail(`expect.error '${expect.error}' is not an SSO OIDC exception (${Object.keys(OIDC_ERRORS).join(', ')})`, [...base, 'expect', 'error']);
    if (expect?.error !== undefined && expect.outcome === 'success') fail("expect.error goes with outcome 'error'", [...base, 'expect', 'outcome']);

    for (const member of JWT_MEMBERS) {
      const v = input[member];
      const path = [...base, 'input', member];
      if (typeof v === 'object' && v !== null) {
        if (!validateJwt(v)) {
          const viol = toViolations(validateJwt.errors ?? [])[0]!;
          fail(`${member}: ${viol.message}`, [...path, ...viol.pointer], viol.atKey);
        }
        const spec = (v as { jwt: Obj }).jwt;
        const issuer = issuers[String(spec.issuer)];
        if (!issuer) fail(`jwt issuer '${String(spec.issuer)}' is not one of the scenario's issuers (${Object.keys(issuers).join(', ') || 'none declared'})`, [...path, 'jwt', 'issuer']);
        if (!issuer!.generateKey && !issuer!.privateJwk) fail(`jwt issuer '${String(spec.issuer)}' has only a JWKS (verify only); give it generateKey or privateJwk to sign`, [...path, 'jwt', 'issuer']);
        if (spec.expiresIn !== undefined && boundedJwtLifetime(spec.expiresIn) === undefined) fail(`jwt.expiresIn must be a duration (seconds, or like 5m; negative for an already expired token), at most 100 years (got ${JSON.stringify(spec.expiresIn)})`, [...path, 'jwt', 'expiresIn']);
      } else if (member === 'assertion' && typeof v === 'string' && !v.includes('${') && expect?.outcome === 'success' && !wellFormedJwt(v)) {
        // A garbage assertion is what a request expecting an error tests; one expected to succeed is a scenario mistake.
        fail('assertion is not a well-formed JWT (three base64url parts with JSON header and payload), but the request expects success', path);
      }
    }
    checkReferences(input, [...base, 'input'], names, fail);
    requests.push({ name, operation, caller: r.caller as string | undefined, afterMs, input, expect, index: i, location: at(base) });
    names.set(name, operation);
  }

  return { file, configFile, model, scenario: { file, now: now!, identityStore, issuers, principals, requests, lifetimes, rotateRefreshTokens } };
}

export function wellFormedJwt(token: string): boolean {
  try {
    if (token.split('.').length !== 3) return false;
    decodeProtectedHeader(token);
    decodeJwt(token);
    return true;
  } catch {
    return false;
  }
}

function checkReferences(value: unknown, path: NodePath, earlier: Map<string, Operation>, fail: (m: string, p: NodePath) => never): void {
  if (typeof value === 'string') {
    for (const m of value.matchAll(REFERENCE_RE)) {
      const ref = REFERENCE_BODY_RE.exec(m[1]!);
      if (!ref) fail(`reference '${m[0]}' must look like \${NAME.FIELD}`, path);
      const operation = earlier.get(ref![1]!);
      if (!operation) fail(`reference '${m[0]}' names no earlier request (earlier: ${[...earlier.keys()].join(', ') || 'none'})`, path);
      const field = ref![2]!.slice(1).split('.')[0]!;
      const fields = outputMembers(operation!);
      if (!fields.includes(field)) fail(`reference '${m[0]}': a ${operation} response has no '${field}'; its fields: ${fields.join(', ')}`, path);
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => checkReferences(v, [...path, i], earlier, fail));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) checkReferences(v, [...path, k], earlier, fail);
}

function loadIdentityStore(doc: Obj, fail: (m: string, p: NodePath) => never): Scenario['identityStore'] {
  const raw = (doc.identityStore as Obj | undefined) ?? {};
  const Users = ((raw.Users as IdentityStoreUser[] | undefined) ?? []).map((u) => ({ ...u, UserId: u.UserId ?? `user-${u.UserName}` }));
  const seen = new Set<string>();
  Users.forEach((u, i) => {
    for (const [key, v] of [['UserId', u.UserId], ['UserName', u.UserName]] as const) {
      if (v === undefined) continue;
      if (seen.has(v)) fail(`${key} '${v}' is used by two users (a user is found by UserId or UserName)`, ['identityStore', 'Users', i, key]);
      seen.add(v);
    }
  });
  const Groups = ((raw.Groups as IdentityStoreGroup[] | undefined) ?? []).map((g) => ({ ...g, GroupId: g.GroupId ?? `group-${g.DisplayName}` }));
  Groups.forEach((g, i) =>
    (g.Members ?? []).forEach((m, j) => {
      if (!Users.some((u) => u.UserId === m || u.UserName === m)) fail(`group member '${m}' is not the UserName or UserId of a user`, ['identityStore', 'Groups', i, 'Members', j]);
    }),
  );
  return { Users, Groups };
}

/** A key file as a JSON object: unreadable → at the scenario's `path`; not JSON → in the key file, without its content. */
function readKeyFile(file: string, what: string, path: NodePath, fail: (m: string, p: NodePath) => never, maxBytes?: number): KeyFile {
  let text: string;
  try {
    text = readSourceFile(file, { maxBytes });
  } catch (err) {
    return fail(`${file}: ${(err as InputError).message}`, path);
  }
  return parseKeyFile(file, text, what);
}

async function loadIssuers(doc: Obj, model: TipModel, baseDir: string, fail: (m: string, p: NodePath, key?: boolean) => never, maxBytes?: number): Promise<Record<string, ScenarioIssuer>> {
  const out: Record<string, ScenarioIssuer> = {};
  const keyChecks: (() => Promise<void>)[] = [];
  for (const [name, spec] of Object.entries((doc.issuers as Record<string, Obj> | undefined) ?? {})) {
    const path: NodePath = ['issuers', name];
    if (!model.index.issuerByName.has(name))
      fail(`issuer '${name}' is not a trusted token issuer Name in the config (${[...model.index.issuerByName.keys()].join(', ') || 'none declared'})`, path, true);
    const issuer: ScenarioIssuer = { name };
    if (spec.generateKey) issuer.generateKey = spec.generateKey as 'RS256' | 'ES256';
    if (typeof spec.privateJwk === 'string') {
      const key = readKeyFile(resolve(baseDir, spec.privateJwk), 'a private JWK file', [...path, 'privateJwk'], fail, maxBytes);
      const jwk = key.value;
      if (typeof jwk.kty !== 'string' || typeof jwk.d !== 'string') fail(`${spec.privateJwk} is not a private JWK (needs kty and d)`, [...path, 'privateJwk']);
      if (jwk.kty === 'oct') fail(`${spec.privateJwk} is a symmetric key; trusted token issuers sign with asymmetric keys`, [...path, 'privateJwk']);
      keyChecks.push(() => checkPrivateJwk(key));
      issuer.privateJwk = jwk;
    }
    if (typeof spec.jwks === 'string') {
      const jwks = readKeyFile(resolve(baseDir, spec.jwks), 'a JWKS file', [...path, 'jwks'], fail, maxBytes).value;
      if (!Array.isArray(jwks.keys) || jwks.keys.some((k) => typeof k !== 'object' || k === null)) fail(`${spec.jwks} is not a JWKS (needs a "keys" list)`, [...path, 'jwks']);
      issuer.jwks = jwks as { keys: Obj[] };
    }
    out[name] = issuer;
  }
  for (const check of keyChecks) await check();
  return out;
}
