/**
 * RawConfig → TipModel. Tolerant by design: the linter runs on configs that break the schema, so a value of
 * the wrong type is left out of the typed field (the schema violation reports it) instead of throwing.
 * Name references are resolved here, once; unresolved ones are kept and marked.
 */
import { deriveApplicationArn, deriveIssuerArn, deriveRoleArn, isApplicationArn, isIssuerArn, isScopeTargetArn } from './arn.js';
import { PositionIndex } from './positions.js';
import { UnknownValues } from './unknown.js';
import {
  DEFAULT_APPLICATION_PROVIDER_ARN,
  GRANT_TYPES,
  type AccessScopeNode,
  type ApplicationNode,
  type AssignmentNode,
  type AuthenticationMethodNode,
  type AuthorizedTokenIssuerNode,
  type ConstructSuppression,
  type GrantNode,
  type IssuerNode,
  type ManagedApplicationNode,
  type ModelIndex,
  type NodePath,
  type PolicyDocument,
  type RawConfig,
  type RoleNode,
  type ScopeTargetNode,
  type Tag,
  type TipModel,
} from './types.js';

type Obj = Record<string, unknown>;

export const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.map((x) => (isObject(x) ? x : {})) : []);
const strings = (v: unknown): string[] | undefined => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : undefined);

export interface BuildOptions {
  positions?: PositionIndex;
  suppressions?: ConstructSuppression[];
  /** Places the reader could not read (RawInput.holes). */
  holes?: readonly NodePath[];
  /** AWS-managed applications a Terraform reader recognized (they live outside the tipkit.yaml shape). */
  managedApplications?: readonly ManagedApplicationInput[];
  /**
   * What to call application i when its Name is not known (RawInput.applicationLabels): the Terraform address or
   * CloudFormation logical id it was read from, rather than `#i`.
   */
  applicationLabels?: readonly (string | undefined)[];
  /** Roles a reader saw an integrated service assume with identity context (they live outside the tipkit.yaml shape). */
  roleUsages?: readonly RoleUsageInput[];
}

/**
 * A role that an integrated service assumes with identity context — an S3 Access Grants location's role, a Transfer
 * Family web app's identity bearer role, a Q Business web experience's role — as a reader recognized it.
 */
export interface RoleUsageInput {
  /** The role's RoleName or ARN (as the reader resolved the reference). */
  role: string;
  /** What uses it (`aws_transfer_web_app.files`). */
  reason: string;
  /** The service principal that assumes it (`transfer.amazonaws.com`). */
  servicePrincipal: string;
}

/** The service principals of the integrations that assume a role with identity context (their user guides' trust policies). */
export const IDENTITY_CONTEXT_SERVICES = {
  s3AccessGrants: 'access-grants.s3.amazonaws.com',
  transferWebApp: 'transfer.amazonaws.com',
  qBusinessWebExperience: 'application.qbusiness.amazonaws.com',
} as const;

/** What a reader records of an AWS-managed application; its positions are under ['managedApplications', i]. */
export interface ManagedApplicationInput {
  name: string;
  type: string;
  /** Issuer Names or ARNs, with their audiences, as a grant's AuthorizedTokenIssuers are written. */
  authorizedTokenIssuers: { TrustedTokenIssuerArn?: string; AuthorizedAudiences?: string[] }[];
  scopes: string[];
  /** What the resource gives as its Identity Center instance ARN, when it is a literal (under ['managedApplications', i, 'InstanceArn']). */
  instanceArn?: string;
}

export function buildModel(input: unknown, opts: BuildOptions = {}): TipModel {
  const raw: RawConfig = isObject(input) ? (input as RawConfig) : {};
  const positions = opts.positions ?? new PositionIndex('<memory>');
  const rawInstance = isObject(raw.instance) ? raw.instance : {};
  const instance = {
    pointer: ['instance'],
    resource: 'instance',
    instanceArn: str(rawInstance.InstanceArn),
    identityStoreId: str(rawInstance.IdentityStoreId),
    region: str(rawInstance.Region),
    sessionDuration: str(rawInstance.SessionDuration),
  };

  const index: ModelIndex = {
    issuerByName: new Map(),
    issuerByArn: new Map(),
    applicationByName: new Map(),
    applicationByArn: new Map(),
    managedApplicationByName: new Map(),
    roleByName: new Map(),
    roleByArn: new Map(),
  };

  const issuers: IssuerNode[] = objects(raw.trustedTokenIssuers).map((r, i) => {
    const name = str(r.Name) ?? `#${i}`;
    const declaredArn = str(r.TrustedTokenIssuerArn);
    const instanceArn = str(r.InstanceArn) ?? instance.instanceArn;
    const conf = isObject(r.TrustedTokenIssuerConfiguration) ? r.TrustedTokenIssuerConfiguration : undefined;
    const oidcRaw = conf && isObject(conf.OidcJwtConfiguration) ? conf.OidcJwtConfiguration : undefined;
    const node: IssuerNode = {
      pointer: ['trustedTokenIssuers', i],
      resource: `trustedTokenIssuers/${name}`,
      name,
      arn: declaredArn ?? deriveIssuerArn(instanceArn, name),
      arnDerived: declaredArn === undefined,
      type: str(r.TrustedTokenIssuerType),
      oidc: oidcRaw && {
        issuerUrl: str(oidcRaw.IssuerUrl),
        claimAttributePath: str(oidcRaw.ClaimAttributePath),
        identityStoreAttributePath: str(oidcRaw.IdentityStoreAttributePath),
        jwksRetrievalOption: str(oidcRaw.JwksRetrievalOption),
      },
      tags: tags(r.Tags),
      clientToken: str(r.ClientToken),
      raw: r,
    };
    if (!index.issuerByName.has(name)) index.issuerByName.set(name, node);
    if (!index.issuerByArn.has(node.arn)) index.issuerByArn.set(node.arn, node);
    return node;
  });

  const managedApplications = (opts.managedApplications ?? []).map((m, i): ManagedApplicationNode => {
    const pointer: NodePath = ['managedApplications', i];
    const resource = `managedApplications/${m.name}`;
    const node: ManagedApplicationNode = {
      pointer,
      resource,
      name: m.name,
      type: m.type,
      scopes: m.scopes,
      instanceArn: m.instanceArn,
      authorizedTokenIssuers: m.authorizedTokenIssuers.map((a, k) =>
        resolveIssuerRef(a.TrustedTokenIssuerArn, a.AuthorizedAudiences, [...pointer, 'AuthorizedTokenIssuers', k], `${resource}/AuthorizedTokenIssuers/${k}`, index),
      ),
    };
    if (!index.managedApplicationByName.has(m.name)) index.managedApplicationByName.set(m.name, node);
    return node;
  });

  // Applications first without their references, so targets can point at any application in the file.
  const rawApps = objects(raw.applications);
  const applications: ApplicationNode[] = rawApps.map((r, i) => {
    const name = str(r.Name) ?? opts.applicationLabels?.[i] ?? `#${i}`;
    const declaredArn = str(r.ApplicationArn);
    const instanceArn = str(r.InstanceArn) ?? instance.instanceArn;
    const node: ApplicationNode = {
      pointer: ['applications', i],
      resource: `applications/${name}`,
      name,
      arn: declaredArn ?? deriveApplicationArn(instanceArn, name),
      arnDerived: declaredArn === undefined,
      providerArn: str(r.ApplicationProviderArn) ?? DEFAULT_APPLICATION_PROVIDER_ARN,
      instanceArn,
      description: str(r.Description),
      status: str(r.Status),
      portalOptions: isObject(r.PortalOptions) ? r.PortalOptions : undefined,
      tags: tags(r.Tags),
      clientToken: str(r.ClientToken),
      grants: [],
      accessScopes: [],
      authenticationMethods: [],
      assignmentRequired: typeof r.AssignmentRequired === 'boolean' ? r.AssignmentRequired : true,
      assignments: [],
      raw: r,
    };
    if (!index.applicationByName.has(name)) index.applicationByName.set(name, node);
    if (!index.applicationByArn.has(node.arn)) index.applicationByArn.set(node.arn, node);
    return node;
  });

  applications.forEach((app, i) => {
    const r = rawApps[i]!;
    const base: NodePath = ['applications', i];
    app.grants = objects(r.Grants).map((g, j) => buildGrant(g, [...base, 'Grants', j], `${app.resource}/Grants/${j}`, index));
    app.accessScopes = objects(r.AccessScopes).map((s, j): AccessScopeNode => {
      const pointer = [...base, 'AccessScopes', j];
      const resource = `${app.resource}/AccessScopes/${j}`;
      const targets = Array.isArray(s.AuthorizedTargets) ? s.AuthorizedTargets : [];
      return {
        pointer,
        resource,
        scope: str(s.Scope),
        targets: targets.flatMap((t, k): ScopeTargetNode[] =>
          typeof t === 'string' ? [resolveTarget(t, [...pointer, 'AuthorizedTargets', k], `${resource}/AuthorizedTargets/${k}`, index)] : [],
        ),
      };
    });
    app.authenticationMethods = objects(r.AuthenticationMethods).map((m, j): AuthenticationMethodNode => {
      const method = isObject(m.AuthenticationMethod) ? m.AuthenticationMethod : undefined;
      const iam = method && isObject(method.Iam) ? method.Iam : undefined;
      return {
        pointer: [...base, 'AuthenticationMethods', j],
        resource: `${app.resource}/AuthenticationMethods/${j}`,
        type: str(m.AuthenticationMethodType),
        actorPolicy: iam && isObject(iam.ActorPolicy) ? iam.ActorPolicy : undefined,
        raw: m,
      };
    });
    app.assignments = objects(r.Assignments).map(
      (a, j): AssignmentNode => ({
        pointer: [...base, 'Assignments', j],
        resource: `${app.resource}/Assignments/${j}`,
        principalType: str(a.PrincipalType),
        principalId: str(a.PrincipalId),
      }),
    );
  });

  const roles = objects(raw.roles).map((r, i) => buildRole(r, i, instance.instanceArn, index));
  for (const usage of opts.roleUsages ?? []) {
    const role = index.roleByName.get(usage.role) ?? index.roleByArn.get(usage.role);
    // A declared IdentityContext stays the reason; a service's use adds who assumes it.
    if (role) role.identityContext = { reason: role.identityContext?.reason ?? `the role of ${usage.reason}`, servicePrincipal: usage.servicePrincipal };
  }

  const unknown = new UnknownValues(opts.holes);
  if (!unknown.none) markUnknownParts(unknown, issuers, applications, roles);

  return {
    version: raw.version,
    instance,
    issuers,
    applications,
    managedApplications,
    roles,
    index,
    raw,
    positions,
    suppressions: opts.suppressions ?? [],
    unknown,
  };
}

function markUnknownParts(unknown: UnknownValues, issuers: IssuerNode[], applications: ApplicationNode[], roles: RoleNode[]): void {
  const mark = (node: { pointer: NodePath; unknownParts?: boolean }): void => {
    if (unknown.hasUnknownParts(node.pointer)) node.unknownParts = true;
  };
  issuers.forEach(mark);
  roles.forEach(mark);
  for (const app of applications) {
    mark(app);
    for (const grant of app.grants) {
      mark(grant);
      grant.authorizedTokenIssuers?.forEach(mark);
    }
    for (const scope of app.accessScopes) {
      mark(scope);
      scope.targets.forEach(mark);
    }
    app.authenticationMethods.forEach(mark);
    app.assignments.forEach(mark);
  }
}

/** IAM's MaxSessionDuration when CreateRole is given none. */
export const DEFAULT_MAX_SESSION_DURATION = 3600;

/** A policy document as IAM takes it: an object, or a string holding a JSON object (CreateRole takes a string). */
export function policyDocument(v: unknown): { document?: PolicyDocument; unreadable: boolean } {
  if (isObject(v)) return { document: v, unreadable: false };
  if (typeof v !== 'string') return { unreadable: false };
  try {
    const parsed: unknown = JSON.parse(v);
    return isObject(parsed) ? { document: parsed, unreadable: false } : { unreadable: true };
  } catch {
    return { unreadable: true };
  }
}

function buildRole(r: Obj, i: number, instanceArn: string | undefined, index: ModelIndex): RoleNode {
  const name = str(r.RoleName) ?? `#${i}`;
  const declaredArn = str(r.Arn);
  const pointer: NodePath = ['roles', i];
  const trust = policyDocument(r.AssumeRolePolicyDocument);
  const node: RoleNode = {
    pointer,
    resource: `roles/${name}`,
    name,
    arn: declaredArn ?? deriveRoleArn(instanceArn, str(r.Path), name),
    arnDerived: declaredArn === undefined,
    trustPolicy: trust.document,
    trustPolicyUnreadable: trust.unreadable || undefined,
    permissionPolicies: objects(r.Policies).map((p, j) => ({
      pointer: [...pointer, 'Policies', j],
      resource: `roles/${name}/Policies/${str(p.PolicyName) ?? j}`,
      name: str(p.PolicyName),
      document: policyDocument(p.PolicyDocument).document,
    })),
    maxSessionDuration: typeof r.MaxSessionDuration === 'number' && Number.isInteger(r.MaxSessionDuration) ? r.MaxSessionDuration : DEFAULT_MAX_SESSION_DURATION,
    identityContext: r.IdentityContext === true ? { reason: 'declared with IdentityContext: true' } : undefined,
    raw: r,
  };
  if (!index.roleByName.has(name)) index.roleByName.set(name, node);
  if (!index.roleByArn.has(node.arn)) index.roleByArn.set(node.arn, node);
  return node;
}

function tags(v: unknown): Tag[] {
  return objects(v).flatMap((t) => (typeof t.Key === 'string' && typeof t.Value === 'string' ? [{ Key: t.Key, Value: t.Value }] : []));
}

function buildGrant(g: Obj, pointer: NodePath, resource: string, index: ModelIndex): GrantNode {
  const grant = g.Grant;
  const members = isObject(grant) ? Object.keys(grant) : [];
  const node: GrantNode = { pointer, resource, grantType: str(g.GrantType), grant, members };
  const body = (member: string): Obj | undefined => (isObject(grant) && isObject(grant[member]) ? (grant[member] as Obj) : undefined);
  const code = body('AuthorizationCode');
  if (code) node.redirectUris = strings(code.RedirectUris);
  const jwt = body('JwtBearer');
  if (jwt && Array.isArray(jwt.AuthorizedTokenIssuers)) {
    node.authorizedTokenIssuers = jwt.AuthorizedTokenIssuers.map((a, k) => {
      const at = isObject(a) ? a : {};
      const p = [...pointer, 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers', k];
      return resolveIssuerRef(str(at.TrustedTokenIssuerArn), strings(at.AuthorizedAudiences), p, `${resource}/AuthorizedTokenIssuers/${k}`, index);
    });
  }
  return node;
}

function resolveIssuerRef(
  ref: string | undefined,
  audiences: string[] | undefined,
  pointer: NodePath,
  resource: string,
  index: ModelIndex,
): AuthorizedTokenIssuerNode {
  const node: AuthorizedTokenIssuerNode = { pointer, resource, ref, audiences, resolution: 'unresolved' };
  if (ref === undefined) return node;
  const byName = index.issuerByName.get(ref);
  const byArn = index.issuerByArn.get(ref);
  if (byName) Object.assign(node, { resolution: 'name', issuer: byName, issuerArn: byName.arn });
  else if (byArn) Object.assign(node, { resolution: 'arn', issuer: byArn, issuerArn: byArn.arn });
  else if (isIssuerArn(ref)) Object.assign(node, { resolution: 'external', issuerArn: ref });
  return node;
}

function resolveTarget(ref: string, pointer: NodePath, resource: string, index: ModelIndex): ScopeTargetNode {
  const byName = index.applicationByName.get(ref);
  if (byName) return { pointer, resource, ref, resolution: 'name', application: byName, arn: byName.arn };
  const byArn = index.applicationByArn.get(ref);
  if (byArn) return { pointer, resource, ref, resolution: 'arn', application: byArn, arn: byArn.arn };
  if (isScopeTargetArn(ref) || isApplicationArn(ref)) return { pointer, resource, ref, resolution: 'external', arn: ref };
  // An AWS-managed application (its ARN is known only after apply): a target outside tipkit's applications.
  if (index.managedApplicationByName.has(ref)) return { pointer, resource, ref, resolution: 'external' };
  return { pointer, resource, ref, resolution: 'unresolved' };
}

export const KNOWN_GRANT_TYPES: readonly string[] = Object.values(GRANT_TYPES);
