/**
 * The effective trust paths of a configuration: every way to obtain an Identity Center token for an application.
 * The decisions are the simulator's own (imported, never re-stated): which issuers a jwt-bearer grant authorizes,
 * who the ActorPolicy lets call, who is assigned, which access scopes authorize an exchange, what a public client
 * entitled to an application may do, which scopes a token carries, when a refresh token is issued.
 */
import { GRANT_TYPES, type ApplicationNode, type NodePath, type SourceLocation, type TipModel } from '../model/types.js';
import { applicationClient, applicationScopes, clientHasGrant, DEVICE_CODE_GRANT, entitledApplicationAllows, authorizedIssuers, assignmentGate, DEFAULT_LIFETIMES } from '../simulator/index.js';
import { isLoopbackHost, parseAbsoluteUri } from '../model/redirect-uri.js';
import { actorPolicyCallers, type Callers } from './callers.js';
import { exchangeReaches, summaryNote, type ExchangeStats } from './exchange.js';
import { rolesReachable, type RoleReach } from './roles.js';

/** Where a path comes from. */
export type FromKind = 'issuer' | 'application' | 'sign-in' | 'public-client';

/** The `from` of paths that start with a user signing in (authorization_code redeemed by an IAM caller). */
export const SIGN_IN = 'user sign-in';
/** The `from` of paths open to public clients (RegisterClient with entitledApplicationArn). */
export const PUBLIC_CLIENT = 'public client';

export interface RedirectUri {
  uri: string;
  /** Not https, and not http to a loopback host (127.0.0.1, [::1], localhost). */
  insecure: boolean;
}

export interface RefreshLifetime {
  /** Each access token (CreateTokenWithIAM answers expiresIn 3600). */
  accessTokenSeconds: number;
  /** How long refreshing can go on: the user's interactive session (8 h by default, 15 min to 90 days). */
  refreshTokenSeconds: number;
}

export interface AccessPath {
  /** Stable identity of the path across two versions of a config (grant type, from, to, what it extends). */
  key: string;
  from: string;
  fromKind: FromKind;
  /** The application a token is issued for (its Name). */
  to: string;
  /** The grant type used (as PutApplicationGrant and CreateToken spell it). */
  grantType: string;
  /** jwt-bearer: the AuthorizedAudiences for the issuer. */
  audiences: string[];
  /** IAM principals the ActorPolicy lets call CreateTokenWithIAM (`*`: any); empty for public clients. */
  callers: string[];
  /** `everyone` when the application does not require assignments, else the assigned `USER x` / `GROUP y`. */
  users: 'everyone' | string[];
  /** Scopes the issued token may carry. */
  scopes: string[];
  /** token-exchange: the shortest chain of applications, from the token holder to `to`. */
  via: string[];
  /** token-exchange: every application some chain from `from` to `to` passes through (besides both ends). */
  chainSteps: string[];
  /** authorization_code: the redirect URIs the code may be sent to. */
  redirectUris: RedirectUri[];
  /** jwt-bearer: the issuer's IssuerUrl and its claim → identity-store mapping. */
  issuerUrl?: string;
  mapping?: string;
  /** refresh_token: the grant type whose tokens this path extends, and for how long. */
  extends?: string;
  refresh?: RefreshLifetime;
  /** token-exchange chains summarized (too many holder → application pairs to list): this path is one direct step;
   * `reachedFrom` applications' tokens reach `to` through some chain; `component` applications (the holder's strongly
   * connected component) reach each other. */
  chainSummary?: { reachedFrom: number; component: number };
  /** The grant that opens the path (file as displayed, 1-based line and column). */
  source: SourceLocation;
  /** Also involved: the access scope that authorizes the last exchange step. */
  related: { location: SourceLocation; what: string }[];
  /** Things the evaluation could not decide (an ActorPolicy Condition, assumed to hold). */
  notes: string[];
  /**
   * Roles the path's callers can assume with the token's identity context (AssumeRole with ProvidedContexts): the
   * identity-enhanced sessions the path leads on to.
   */
  roles: RoleReach[];
}

export interface PathOptions {
  /** How a file is shown (default: as loaded). */
  display?: (file: string) => string;
  /** Filled in: the token-exchange graph's work and whether its chains were summarized. */
  stats?: ExchangeStats;
  /** Holder → application pairs listed before token-exchange chains are summarized (default: exchangePairBudget). */
  exchangeBudget?: number;
}

const sortedUnique = (xs: Iterable<string>): string[] => [...new Set(xs)].sort();

/** Neither https nor http to a loopback host: the linter's redirect-uri checks decide (redirect-uri-insecure). */
export function redirectUriInsecure(uri: string): boolean {
  const url = parseAbsoluteUri(uri);
  if (!url) return true;
  return !(url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname)));
}

export const shortGrantType = (grantType: string): string =>
  grantType === GRANT_TYPES.jwtBearer ? 'jwt-bearer' : grantType === GRANT_TYPES.tokenExchange ? 'token-exchange' : grantType === DEVICE_CODE_GRANT ? 'device_code' : grantType;

interface AppFacts {
  app: ApplicationNode;
  callers: Callers;
  users: 'everyone' | string[];
  scopes: string[];
  refreshable: boolean;
  exchangeGrant?: NodePath;
}

/** Every trust path of one configuration, sorted by application, grant type and origin. */
export function computeAccessPaths(model: TipModel, opts: PathOptions = {}): AccessPath[] {
  const display = opts.display ?? ((f: string) => f);
  const locate = (pointer: NodePath): SourceLocation => {
    const at = model.positions.locate(pointer);
    return { file: display(at.file), line: at.line, column: at.column };
  };
  const lifetime: RefreshLifetime = { accessTokenSeconds: DEFAULT_LIFETIMES.accessToken, refreshTokenSeconds: DEFAULT_LIFETIMES.refreshToken };

  const facts = new Map<ApplicationNode, AppFacts>();
  for (const app of model.applications) {
    // A stand-in for an application known only by an unknown ARN (its children were read, the rest is unknown):
    // no trust path can be claimed for it.
    if (model.unknown.isUnknown(app.pointer)) continue;
    const gate = assignmentGate(app);
    facts.set(app, {
      app,
      callers: actorPolicyCallers(app),
      users: gate === 'everyone' ? 'everyone' : sortedUnique(gate.map((a) => `${a.principalType ?? 'PRINCIPAL'} ${a.principalId}`)),
      scopes: applicationScopes(app),
      refreshable: clientHasGrant(applicationClient(app), GRANT_TYPES.refreshToken),
      exchangeGrant: app.grants.find((g) => g.grantType === GRANT_TYPES.tokenExchange)?.pointer,
    });
  }
  /** Someone may hold a token of the application: an assignment gate that lets at least one principal through. */
  const usable = (f: AppFacts): boolean => f.users === 'everyone' || f.users.length > 0;
  /** CreateTokenWithIAM can succeed for it: usable, and its ActorPolicy allows some caller. */
  const iamUsable = (f: AppFacts): boolean => usable(f) && f.callers.callers.length > 0;

  const paths: AccessPath[] = [];
  const base = (f: AppFacts, rest: Pick<AccessPath, 'from' | 'fromKind' | 'grantType' | 'source'> & Partial<AccessPath>): AccessPath => {
    const path: AccessPath = {
      key: '',
      to: f.app.name,
      audiences: [],
      callers: [],
      users: f.users,
      scopes: f.scopes,
      via: [],
      chainSteps: [],
      redirectUris: [],
      related: [],
      notes: [],
      roles: [],
      ...rest,
    };
    path.key = pathKey(path);
    return path;
  };
  const withRefresh = (f: AppFacts, path: AccessPath): void => {
    paths.push(path);
    if (!f.refreshable) return;
    const grant = f.app.grants.find((g) => g.grantType === GRANT_TYPES.refreshToken)!;
    paths.push(base(f, { ...path, grantType: GRANT_TYPES.refreshToken, extends: path.grantType, refresh: lifetime, source: locate(grant.pointer), related: [{ location: path.source, what: `the ${shortGrantType(path.grantType)} path it extends` }] }));
  };

  for (const f of facts.values()) {
    const { app } = f;
    if (!usable(f)) continue;
    const iamNotes = f.callers.notes;
    if (iamUsable(f)) {
      // jwt-bearer: each declared issuer the grant authorizes, when a JWT's iss picks it (the first with its IssuerUrl).
      const issuers = authorizedIssuers(app);
      for (const entry of issuers) {
        const url = entry.issuer.oidc?.issuerUrl;
        const oidc = entry.issuer.oidc;
        if (url === undefined || !oidc?.claimAttributePath || !oidc.identityStoreAttributePath) continue;
        if (issuers.find((a) => a.issuer.oidc?.issuerUrl === url) !== entry) continue;
        if (!entry.audiences || entry.audiences.length === 0) continue;
        withRefresh(
          f,
          base(f, {
            from: entry.issuer.name,
            fromKind: 'issuer',
            grantType: GRANT_TYPES.jwtBearer,
            audiences: sortedUnique(entry.audiences),
            callers: f.callers.callers,
            issuerUrl: url,
            mapping: `${oidc.claimAttributePath} → ${oidc.identityStoreAttributePath}`,
            source: locate(entry.pointer),
            notes: iamNotes,
          }),
        );
      }
      // authorization_code redeemed through CreateTokenWithIAM by the application's backend.
      const code = app.grants.find((g) => g.grantType === GRANT_TYPES.authorizationCode);
      if (code && code.redirectUris && code.redirectUris.length > 0) {
        withRefresh(
          f,
          base(f, {
            from: SIGN_IN,
            fromKind: 'sign-in',
            grantType: GRANT_TYPES.authorizationCode,
            callers: f.callers.callers,
            redirectUris: code.redirectUris.map((uri) => ({ uri, insecure: redirectUriInsecure(uri) })),
            source: locate(code.pointer),
            notes: iamNotes,
          }),
        );
      }
    }
    // Public clients entitled to the application (CreateToken, no IAM caller): device code always, authorization code
    // when the application has that grant, restricted to its redirect URIs.
    const appLocation = locate(app.pointer);
    for (const grantType of [DEVICE_CODE_GRANT, GRANT_TYPES.authorizationCode]) {
      if (!entitledApplicationAllows(app, grantType)) continue;
      const grant = app.grants.find((g) => g.grantType === grantType);
      const redirectUris = (grant?.redirectUris ?? []).map((uri) => ({ uri, insecure: redirectUriInsecure(uri) }));
      withRefresh(f, base(f, { from: PUBLIC_CLIENT, fromKind: 'public-client', grantType, redirectUris, source: grant ? locate(grant.pointer) : appLocation }));
    }
  }

  paths.push(...exchangePaths(facts, iamUsable, locate, lifetime, opts.stats ?? { work: 0, pairs: 0, summarized: false }, opts.exchangeBudget));
  // The step after the token: the roles the token's IAM holders can assume with its identity context.
  if (model.roles.length > 0) for (const p of paths) if (p.callers.length > 0) p.roles = rolesReachable(model.roles, p.callers);
  return paths.sort(comparePaths);
}

/** token-exchange paths, from the reachability graph of access/exchange.ts (summarized past its budget). */
function exchangePaths(
  facts: Map<ApplicationNode, AppFacts>,
  iamUsable: (f: AppFacts) => boolean,
  locate: (p: NodePath) => SourceLocation,
  lifetime: RefreshLifetime,
  stats: ExchangeStats,
  budget: number | undefined,
): AccessPath[] {
  const paths: AccessPath[] = [];
  for (const reach of exchangeReaches([...facts.values()], iamUsable, stats, budget)) {
    const c = reach.target;
    const last = reach.via[reach.via.length - 2]!;
    const summary = summaryNote(reach);
    const path: AccessPath = {
      key: '',
      from: reach.origin.app.name,
      fromKind: 'application',
      to: c.app.name,
      grantType: GRANT_TYPES.tokenExchange,
      audiences: [],
      callers: c.callers.callers,
      users: c.users,
      scopes: c.scopes,
      via: reach.via.map((x) => x.app.name),
      chainSteps: reach.chainSteps.map((x) => x.app.name).sort(),
      redirectUris: [],
      source: locate(c.exchangeGrant!),
      related: [{ location: locate(reach.scope), what: `the access scope of ${last.app.name} that authorizes ${c.app.name}` }],
      notes: summary ? [...c.callers.notes, summary] : c.callers.notes,
      roles: [],
      ...(reach.summary ? { chainSummary: reach.summary } : {}),
    };
    path.key = pathKey(path);
    paths.push(path);
    if (c.refreshable) {
      const grant = c.app.grants.find((g) => g.grantType === GRANT_TYPES.refreshToken)!;
      const refresh: AccessPath = { ...path, grantType: GRANT_TYPES.refreshToken, extends: path.grantType, refresh: lifetime, source: locate(grant.pointer), related: [{ location: path.source, what: 'the token-exchange path it extends' }] };
      refresh.key = pathKey(refresh);
      paths.push(refresh);
    }
  }
  return paths;
}

export function pathKey(p: Pick<AccessPath, 'grantType' | 'from' | 'to' | 'extends'>): string {
  return [p.to, p.extends ?? p.grantType, p.extends ? p.grantType : '', p.from].join('\u0000');
}

const GRANT_ORDER = [GRANT_TYPES.jwtBearer, GRANT_TYPES.authorizationCode, DEVICE_CODE_GRANT, GRANT_TYPES.tokenExchange, GRANT_TYPES.refreshToken] as string[];
export function comparePaths(a: AccessPath, b: AccessPath): number {
  if (a.to !== b.to) return a.to < b.to ? -1 : 1;
  const ga = GRANT_ORDER.indexOf(a.extends ?? a.grantType) * 2 + (a.extends ? 1 : 0);
  const gb = GRANT_ORDER.indexOf(b.extends ?? b.grantType) * 2 + (b.extends ? 1 : 0);
  if (ga !== gb) return ga - gb;
  return a.from < b.from ? -1 : a.from > b.from ? 1 : 0;
}
