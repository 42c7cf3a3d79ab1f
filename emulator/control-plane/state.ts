/**
 * The control plane's state: the instance, its trusted token issuers and applications (with grants,
 * authentication methods, access scopes, assignment configuration and assignments) in the sso-admin request
 * shapes, every reference an ARN. It starts from the config, changes with every call, and is what the SSO OIDC
 * side decides from (as a TipModel, rebuilt after each change). `--state FILE` keeps it across restarts.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { derivedAccount } from '../../model/arn.js';
import { buildModel, isObject } from '../../model/build.js';
import { InputError } from '../../model/errors.js';
import { readSourceFile } from '../../inputs/index.js';
import { MAX_JSON_DEPTH, jsonNestsDeeperThan } from '../body.js';
import { DEFAULT_APPLICATION_PROVIDER_ARN, type RawConfig, type Tag, type TipModel } from '../../model/types.js';
import type { IdentityStore } from '../../simulator/index.js';

type Obj = Record<string, unknown>;

export interface GrantRecord {
  GrantType: string;
  Grant: Obj;
}

export interface AuthenticationMethodRecord {
  AuthenticationMethodType: string;
  AuthenticationMethod: Obj;
}

export interface AccessScopeRecord {
  Scope: string;
  AuthorizedTargets?: string[];
}

export interface AssignmentRecord {
  PrincipalType: string;
  PrincipalId: string;
}

export interface ApplicationRecord {
  ApplicationArn: string;
  Name: string;
  ApplicationProviderArn: string;
  InstanceArn: string;
  Status: string;
  Description?: string;
  PortalOptions?: Obj;
  Tags?: Tag[];
  /** Epoch seconds. */
  CreatedDate: number;
  ClientToken?: string;
  Grants: GrantRecord[];
  AuthenticationMethods: AuthenticationMethodRecord[];
  AccessScopes: AccessScopeRecord[];
  AssignmentRequired: boolean;
  Assignments: AssignmentRecord[];
}

export interface IssuerRecord {
  TrustedTokenIssuerArn: string;
  Name: string;
  TrustedTokenIssuerType: string;
  TrustedTokenIssuerConfiguration: Obj;
  Tags?: Tag[];
  CreatedDate: number;
  ClientToken?: string;
}

export interface InstanceRecord {
  InstanceArn: string;
  IdentityStoreId: string;
  OwnerAccountId: string;
  Region?: string;
  /** The config's `instance.SessionDuration`, kept so the simulator decides from it after a restart. */
  SessionDuration?: string;
  Tags?: Tag[];
  CreatedDate: number;
}

export interface ControlPlaneState {
  /** Format of the state file. */
  version: 1;
  instance: InstanceRecord;
  trustedTokenIssuers: IssuerRecord[];
  applications: ApplicationRecord[];
}

/** A placeholder identity store for configs that name none (AWS's pattern accepts it). */
const DEFAULT_IDENTITY_STORE_ID = 'd-0000000000';

const clone = <T>(v: T): T => structuredClone(v);

/** The application account: the one in its ARN (`arn:aws:sso::123456789012:application/…`). */
export const accountOf = (arn: string): string | undefined => /^arn:[^:]+:sso::(\d{12}):/.exec(arn)?.[1];

/**
 * The state a config describes: declared ARNs or the derived ones, references (issuer and target Names, group
 * DisplayNames and UserNames of assignments) turned into what the API holds (ARNs, identity-store ids).
 */
export function stateFromModel(model: TipModel, identityStore: IdentityStore, now: number): ControlPlaneState {
  const created = Math.floor(now / 1000);
  // The schema requires InstanceArn; a model built by hand may lack it.
  const instanceArn = model.instance.instanceArn ?? 'arn:aws:sso:::instance/ssoins-0000000000000000';
  const state: ControlPlaneState = {
    version: 1,
    instance: {
      InstanceArn: instanceArn,
      IdentityStoreId: model.instance.identityStoreId ?? DEFAULT_IDENTITY_STORE_ID,
      OwnerAccountId: derivedAccount(instanceArn),
      ...(model.instance.region ? { Region: model.instance.region } : {}),
      ...(model.instance.sessionDuration ? { SessionDuration: model.instance.sessionDuration } : {}),
      CreatedDate: created,
    },
    trustedTokenIssuers: model.issuers.map((issuer) => {
      const raw = issuer.raw;
      return withoutUndefined({
        TrustedTokenIssuerArn: issuer.arn,
        Name: issuer.name,
        TrustedTokenIssuerType: issuer.type ?? 'OIDC_JWT',
        TrustedTokenIssuerConfiguration: isObject(raw.TrustedTokenIssuerConfiguration) ? clone(raw.TrustedTokenIssuerConfiguration) : {},
        Tags: issuer.tags.length ? clone(issuer.tags) : undefined,
        CreatedDate: created,
      });
    }),
    applications: model.applications.map((app) => {
      const raw = app.raw;
      return withoutUndefined({
        ApplicationArn: app.arn,
        Name: app.name,
        ApplicationProviderArn: app.providerArn,
        InstanceArn: app.instanceArn ?? instanceArn,
        Status: app.status ?? 'ENABLED',
        Description: app.description,
        PortalOptions: app.portalOptions && clone(app.portalOptions),
        Tags: app.tags.length ? clone(app.tags) : undefined,
        CreatedDate: created,
        Grants: app.grants.map((g) => {
          const grant: Obj = isObject(g.grant) ? clone(g.grant) : {};
          const jwt = grant.JwtBearer;
          if (isObject(jwt) && Array.isArray(jwt.AuthorizedTokenIssuers) && g.authorizedTokenIssuers) {
            jwt.AuthorizedTokenIssuers = jwt.AuthorizedTokenIssuers.map((a, k) => {
              const arn = g.authorizedTokenIssuers![k]?.issuerArn;
              return isObject(a) && arn ? { ...a, TrustedTokenIssuerArn: arn } : a;
            });
          }
          return { GrantType: g.grantType ?? '', Grant: grant };
        }),
        AuthenticationMethods: app.authenticationMethods.map((m) => ({
          AuthenticationMethodType: m.type ?? 'IAM',
          AuthenticationMethod: isObject(m.raw.AuthenticationMethod) ? clone(m.raw.AuthenticationMethod) : {},
        })),
        AccessScopes: app.accessScopes.map((s, j) => {
          const written = (raw.AccessScopes as Obj[] | undefined)?.[j];
          const hasTargets = isObject(written) && Array.isArray(written.AuthorizedTargets);
          return withoutUndefined({ Scope: s.scope ?? '', AuthorizedTargets: hasTargets ? s.targets.map((t) => t.arn ?? t.ref) : undefined });
        }),
        AssignmentRequired: app.assignmentRequired,
        Assignments: app.assignments.map((a) => ({
          PrincipalType: a.principalType ?? 'USER',
          PrincipalId: principalIdOf(identityStore, a.principalType, a.principalId ?? ''),
        })),
      });
    }),
  };
  return state;
}

/** A group DisplayName or UserName (the config allows them) as the identity-store id; ids and unknowns as written. */
function principalIdOf(store: IdentityStore, type: string | undefined, ref: string): string {
  if (type === 'GROUP') return (store.Groups.find((g) => g.GroupId === ref) ?? store.Groups.find((g) => g.DisplayName === ref))?.GroupId ?? ref;
  return (store.Users.find((u) => u.UserId === ref) ?? store.Users.find((u) => u.UserName === ref))?.UserId ?? ref;
}

function withoutUndefined<T extends object>(o: T): T {
  for (const k of Object.keys(o) as (keyof T)[]) if (o[k] === undefined) delete o[k];
  return o;
}

/**
 * The state as a tipkit config document: what the simulator decides from. References are written as Names where
 * they name a resource of the state (so traces read as they do for the config), else as the ARN held.
 */
export function stateToRawConfig(state: ControlPlaneState): RawConfig {
  const issuerNames = new Map<string, string>();
  for (const i of state.trustedTokenIssuers) if (!issuerNames.has(i.TrustedTokenIssuerArn)) issuerNames.set(i.TrustedTokenIssuerArn, i.Name);
  const appNames = new Map<string, string>();
  for (const a of state.applications) if (!appNames.has(a.ApplicationArn)) appNames.set(a.ApplicationArn, a.Name);
  return {
    version: 1,
    instance: withoutUndefined({ InstanceArn: state.instance.InstanceArn, IdentityStoreId: state.instance.IdentityStoreId, Region: state.instance.Region, SessionDuration: state.instance.SessionDuration }),
    trustedTokenIssuers: state.trustedTokenIssuers.map((i) =>
      withoutUndefined({
        Name: i.Name,
        TrustedTokenIssuerArn: i.TrustedTokenIssuerArn,
        TrustedTokenIssuerType: i.TrustedTokenIssuerType,
        TrustedTokenIssuerConfiguration: clone(i.TrustedTokenIssuerConfiguration),
        Tags: i.Tags && clone(i.Tags),
      }),
    ),
    applications: state.applications.map((a) =>
      withoutUndefined({
        Name: a.Name,
        ApplicationArn: a.ApplicationArn,
        ApplicationProviderArn: a.ApplicationProviderArn,
        Description: a.Description,
        Status: a.Status,
        PortalOptions: a.PortalOptions && clone(a.PortalOptions),
        Tags: a.Tags && clone(a.Tags),
        Grants: a.Grants.map((g) => {
          const grant = clone(g.Grant);
          const jwt = grant.JwtBearer;
          if (isObject(jwt) && Array.isArray(jwt.AuthorizedTokenIssuers)) {
            jwt.AuthorizedTokenIssuers = jwt.AuthorizedTokenIssuers.map((t) =>
              isObject(t) && typeof t.TrustedTokenIssuerArn === 'string' ? { ...t, TrustedTokenIssuerArn: issuerNames.get(t.TrustedTokenIssuerArn) ?? t.TrustedTokenIssuerArn } : t,
            );
          }
          return { GrantType: g.GrantType, Grant: grant };
        }),
        AccessScopes: a.AccessScopes.map((s) => withoutUndefined({ Scope: s.Scope, AuthorizedTargets: s.AuthorizedTargets?.map((t) => appNames.get(t) ?? t) })),
        AuthenticationMethods: clone(a.AuthenticationMethods),
        AssignmentRequired: a.AssignmentRequired,
        Assignments: clone(a.Assignments),
      }),
    ),
  };
}

/** The TipModel of the state, for the simulator. */
export function stateToModel(state: ControlPlaneState): TipModel {
  return buildModel(stateToRawConfig(state));
}

export const isCustomProvider = (providerArn: string): boolean => /:applicationProvider\/custom$/.test(providerArn) || providerArn === DEFAULT_APPLICATION_PROVIDER_ARN;

/** Largest state file read back (bytes): a state within the control plane's caps (DEFAULT_STATE_CAPS) is smaller. */
export const MAX_STATE_FILE_BYTES = 256 * 1024 * 1024;

/** Reads a state file written by `--state`; InputError (exit 2) when it is not one. */
export function readStateFile(file: string): ControlPlaneState {
  const text = readSourceFile(file, { maxBytes: MAX_STATE_FILE_BYTES });
  // A state poisoned by a deeply nested document (before the control plane limited nesting) must not crash serve.
  if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) throw new InputError(`not a tipkit serve state file: it nests deeper than ${MAX_JSON_DEPTH} levels`, { file });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new InputError(`cannot read the control-plane state: ${(err as Error).message}`, { file });
  }
  const problem = stateProblem(doc);
  if (problem) throw new InputError(`not a tipkit serve state file: ${problem}`, { file });
  try {
    stateToModel(doc as ControlPlaneState);
  } catch (err) {
    if (err instanceof InputError) throw new InputError(`not a usable tipkit serve state file: ${err.message}`, { file });
    throw new InputError(`not a usable tipkit serve state file: ${(err as Error).message}`, { file });
  }
  return doc as ControlPlaneState;
}

function stateProblem(doc: unknown): string | undefined {
  if (!isObject(doc)) return 'expected a JSON object';
  if (doc.version !== 1) return `version must be 1 (got ${JSON.stringify(doc.version ?? null)})`;
  if (!isObject(doc.instance) || typeof doc.instance.InstanceArn !== 'string' || typeof doc.instance.IdentityStoreId !== 'string') return 'instance needs InstanceArn and IdentityStoreId';
  if (!Array.isArray(doc.trustedTokenIssuers) || !doc.trustedTokenIssuers.every((i) => isObject(i) && typeof i.TrustedTokenIssuerArn === 'string' && typeof i.Name === 'string'))
    return 'trustedTokenIssuers must be a list of issuers with TrustedTokenIssuerArn and Name';
  const lists = ['Grants', 'AuthenticationMethods', 'AccessScopes', 'Assignments'];
  if (
    !Array.isArray(doc.applications) ||
    !doc.applications.every((a) => isObject(a) && typeof a.ApplicationArn === 'string' && typeof a.Name === 'string' && lists.every((l) => Array.isArray(a[l])))
  )
    return `applications must be a list of applications with ApplicationArn, Name and the lists ${lists.join(', ')}`;
  return undefined;
}

/** Writes the state so a reader (or a crash) never sees half a file: a temp file beside it, then a rename. */
export function writeStateFile(file: string, state: ControlPlaneState): void {
  const temp = join(dirname(file), `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    writeFileSync(temp, JSON.stringify(state, null, 2) + '\n', { mode: 0o600 });
    renameSync(temp, file);
  } catch (err) {
    if (existsSync(temp)) rmSync(temp, { force: true });
    throw err;
  }
}
