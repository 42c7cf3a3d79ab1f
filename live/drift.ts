/**
 * Declared vs live, per resource and field. Both sides are brought to the same form first — the canonical config
 * of the declared model, the pulled config of the live instance — with references written as Names where the
 * live instance knows them, so `okta-prod` and its ARN compare equal. ARNs themselves are not compared (a config
 * may leave them to be derived). Lists whose order AWS does not keep (audiences, redirect URIs, targets) compare
 * as sets; grants, scopes, methods and assignments are matched by their key, not their position.
 */
import { canonicalConfig } from '../model/canonical.js';
import { buildModel, isObject } from '../model/build.js';
import type { RawConfig, TipModel } from '../model/types.js';
import type { LiveInstance } from './read.js';
import { liveToConfig } from './to-config.js';

type Obj = Record<string, unknown>;

export type DriftKind = 'trustedTokenIssuer' | 'application' | 'grant' | 'accessScope' | 'authenticationMethod' | 'assignment';
export type DriftStatus = 'in-sync' | 'missing' | 'unexpected' | 'changed';

export interface DriftChange {
  /** Field path inside the resource: `Grant.JwtBearer.AuthorizedTokenIssuers[okta-prod].AuthorizedAudiences`. */
  path: string;
  /** null where the side has no value. */
  declared: unknown;
  live: unknown;
}

export interface DriftResource {
  kind: DriftKind;
  /** `analytics-portal`, or for what belongs to an application `analytics-portal/refresh_token`. */
  name: string;
  /** missing: declared, not live; unexpected: live, not declared; changed: both, with `changes`. */
  status: DriftStatus;
  changes: DriftChange[];
}

interface Side {
  issuers: Map<string, Obj>;
  applications: Map<string, AppSide>;
}

interface AppSide {
  fields: Obj;
  awsManaged: boolean;
  grants: Map<string, Obj>;
  scopes: Map<string, Obj>;
  methods: Map<string, Obj>;
  assignments: Set<string>;
}

const DEFAULT_STATUS = 'ENABLED';

export function compareWithLive(declared: TipModel, live: LiveInstance): DriftResource[] {
  const pulled = liveToConfig(live);
  const refs = liveReferences(live, pulled.config);
  const declaredSide = sideOf(canonicalConfig(declared), refs);
  const liveSide = sideOf(canonicalConfig(buildModel(pulled.config)), refs);
  // AWS-managed applications are compared only when the config declares one (by Name); their grants are AWS's.
  for (const m of pulled.awsManaged)
    if (declaredSide.applications.has(m.Name) && !liveSide.applications.has(m.Name))
      liveSide.applications.set(m.Name, { fields: { ApplicationProviderArn: m.ApplicationProviderArn }, awsManaged: true, grants: new Map(), scopes: new Map(), methods: new Map(), assignments: new Set() });

  const out: DriftResource[] = [];
  const ignoreTags = !live.tagsRead;
  compareMaps(out, 'trustedTokenIssuer', '', declaredSide.issuers, liveSide.issuers, (d, l) => fieldChanges(d, l, ignoreTags ? ['Tags'] : []));
  for (const name of union(declaredSide.applications, liveSide.applications)) {
    const d = declaredSide.applications.get(name);
    const l = liveSide.applications.get(name);
    if (!d || !l) {
      out.push({ kind: 'application', name, status: d ? 'missing' : 'unexpected', changes: [] });
      continue;
    }
    const skip = [...(ignoreTags || l.awsManaged ? ['Tags'] : []), ...(d.fields.PortalOptions === undefined ? ['PortalOptions'] : [])];
    if (l.awsManaged) skip.push('Description', 'Status', 'AssignmentRequired');
    const changes = fieldChanges(d.fields, l.fields, skip);
    out.push({ kind: 'application', name, status: changes.length ? 'changed' : 'in-sync', changes });
    if (l.awsManaged) continue;
    compareMaps(out, 'grant', `${name}/`, d.grants, l.grants, (a, b) => fieldChanges(a, b, []));
    compareMaps(out, 'accessScope', `${name}/`, d.scopes, l.scopes, (a, b) => fieldChanges(a, b, []));
    compareMaps(out, 'authenticationMethod', `${name}/`, d.methods, l.methods, (a, b) => fieldChanges(a, b, []));
    for (const key of [...new Set([...d.assignments, ...l.assignments])].sort())
      out.push({ kind: 'assignment', name: `${name}/${key}`, status: !l.assignments.has(key) ? 'missing' : !d.assignments.has(key) ? 'unexpected' : 'in-sync', changes: [] });
  }
  return out;
}

interface References {
  /** Live issuer ARN → its Name in the pulled config. */
  issuer: Map<string, string>;
  /** Live custom application ARN → Name. */
  application: Map<string, string>;
  /** `USER/<id>` → the name the pulled config uses for it. */
  principal: Map<string, string>;
}

function liveReferences(live: LiveInstance, pulled: RawConfig): References {
  const issuer = new Map<string, string>();
  for (const i of pulled.trustedTokenIssuers ?? []) if (typeof i.TrustedTokenIssuerArn === 'string') issuer.set(i.TrustedTokenIssuerArn, String(i.Name));
  const application = new Map<string, string>();
  for (const a of pulled.applications ?? []) if (typeof a.ApplicationArn === 'string') application.set(a.ApplicationArn, String(a.Name));
  const principal = new Map<string, string>();
  for (const [id, name] of live.userNames) principal.set(`USER/${id}`, name);
  for (const [id, name] of live.groupNames) principal.set(`GROUP/${id}`, name);
  return { issuer, application, principal };
}

function sideOf(config: RawConfig, refs: References): Side {
  const issuers = new Map<string, Obj>();
  for (const i of config.trustedTokenIssuers ?? []) {
    const { Name, TrustedTokenIssuerArn: _arn, ...fields } = i;
    issuers.set(String(Name), fields);
  }
  const applications = new Map<string, AppSide>();
  for (const a of config.applications ?? []) {
    const { Name, ApplicationArn: _arn, Grants, AccessScopes, AuthenticationMethods, Assignments, ...fields } = a;
    fields.Status ??= DEFAULT_STATUS;
    const grants = new Map<string, Obj>();
    for (const g of (Grants as Obj[] | undefined) ?? []) grants.set(String(g.GrantType), { Grant: issuerRefs(g.Grant, refs) });
    const scopes = new Map<string, Obj>();
    for (const s of (AccessScopes as Obj[] | undefined) ?? [])
      scopes.set(String(s.Scope), { AuthorizedTargets: (s.AuthorizedTargets as string[] | undefined)?.map((t) => refs.application.get(t) ?? t) ?? null });
    const methods = new Map<string, Obj>();
    for (const m of (AuthenticationMethods as Obj[] | undefined) ?? []) methods.set(String(m.AuthenticationMethodType), { AuthenticationMethod: m.AuthenticationMethod });
    const assignments = new Set<string>();
    for (const x of (Assignments as Obj[] | undefined) ?? []) {
      const key = `${String(x.PrincipalType)}/${String(x.PrincipalId)}`;
      assignments.add(refs.principal.has(key) ? `${String(x.PrincipalType)}/${refs.principal.get(key)}` : key);
    }
    applications.set(String(Name), { fields, awsManaged: false, grants, scopes, methods, assignments });
  }
  return { issuers, applications };
}

/** A jwt-bearer grant's issuer ARNs as the live issuer Names they belong to. */
function issuerRefs(grant: unknown, refs: References): unknown {
  if (!isObject(grant) || !isObject(grant.JwtBearer) || !Array.isArray(grant.JwtBearer.AuthorizedTokenIssuers)) return grant;
  const issuers = grant.JwtBearer.AuthorizedTokenIssuers.map((a) =>
    isObject(a) && typeof a.TrustedTokenIssuerArn === 'string' ? { ...a, TrustedTokenIssuerArn: refs.issuer.get(a.TrustedTokenIssuerArn) ?? a.TrustedTokenIssuerArn } : a,
  );
  return { ...grant, JwtBearer: { ...grant.JwtBearer, AuthorizedTokenIssuers: issuers } };
}

function union<K>(a: Map<K, unknown>, b: Map<K, unknown>): K[] {
  return [...new Set([...a.keys(), ...b.keys()])].sort((x, y) => (String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0));
}

function compareMaps(out: DriftResource[], kind: DriftKind, prefix: string, declared: Map<string, Obj>, live: Map<string, Obj>, diff: (d: Obj, l: Obj) => DriftChange[]): void {
  for (const key of union(declared, live)) {
    const d = declared.get(key);
    const l = live.get(key);
    if (!d || !l) out.push({ kind, name: `${prefix}${key}`, status: d ? 'missing' : 'unexpected', changes: [] });
    else {
      const changes = diff(d, l);
      out.push({ kind, name: `${prefix}${key}`, status: changes.length ? 'changed' : 'in-sync', changes });
    }
  }
}

function fieldChanges(declared: Obj, live: Obj, skip: readonly string[]): DriftChange[] {
  const changes: DriftChange[] = [];
  for (const key of [...new Set([...Object.keys(declared), ...Object.keys(live)])].sort()) {
    if (skip.includes(key)) continue;
    diffValue(key, declared[key], live[key], changes);
  }
  return changes;
}

const isScalar = (v: unknown): boolean => v === null || ['string', 'number', 'boolean'].includes(typeof v);

/** A list of objects that name themselves (authorized issuers) is matched by that name, shown as `[name]`. */
const IDENTIFYING_KEYS = ['TrustedTokenIssuerArn'];

function diffValue(path: string, declared: unknown, live: unknown, out: DriftChange[]): void {
  const d = declared ?? null;
  const l = live ?? null;
  if (Array.isArray(d) && Array.isArray(l)) {
    if (d.every(isScalar) && l.every(isScalar)) {
      if (!sameJson([...d].sort(), [...l].sort())) out.push({ path, declared: d, live: l });
      return;
    }
    const idKey = IDENTIFYING_KEYS.find((k) => [...d, ...l].every((x) => isObject(x) && typeof x[k] === 'string'));
    if (idKey) {
      const byId = (list: unknown[]): Map<string, Obj> => new Map(list.map((x) => [String((x as Obj)[idKey]), x as Obj]));
      const dm = byId(d);
      const lm = byId(l);
      for (const id of union(dm, lm)) {
        const { [idKey]: _a, ...dRest } = dm.get(id) ?? {};
        const { [idKey]: _b, ...lRest } = lm.get(id) ?? {};
        if (!dm.has(id) || !lm.has(id)) out.push({ path: `${path}[${id}]`, declared: dm.get(id) ?? null, live: lm.get(id) ?? null });
        else for (const key of [...new Set([...Object.keys(dRest), ...Object.keys(lRest)])].sort()) diffValue(`${path}[${id}].${key}`, dRest[key], lRest[key], out);
      }
      return;
    }
    if (d.length !== l.length) {
      out.push({ path, declared: d, live: l });
      return;
    }
    d.forEach((x, i) => diffValue(`${path}[${i}]`, x, l[i], out));
    return;
  }
  if (isObject(d) && isObject(l)) {
    for (const key of [...new Set([...Object.keys(d), ...Object.keys(l)])].sort()) diffValue(`${path}.${key}`, d[key], l[key], out);
    return;
  }
  if (!sameJson(d, l)) out.push({ path, declared: d, live: l });
}

/** Equal as JSON values, whatever the order of object keys. */
function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
}
