/**
 * The sso-admin operations of trusted identity propagation, answered from (and applied to) the control-plane
 * state. Inputs arrive validated against the model (validate.ts); what is checked here is what the service
 * checks beyond the shapes: that resources exist, that names are free, that a grant's union member matches its
 * type, quotas.
 */
import { deriveApplicationArn, deriveIssuerArn } from '../../model/arn.js';
import { DEFAULT_APPLICATION_PROVIDER_ARN, GRANT_UNION_MEMBER, type GrantType } from '../../model/types.js';
import { IDENTITY_CENTER_QUOTAS } from '../../model/quotas.js';
import { str } from '../../simulator/index.js';
import { AccessDeniedException, ConflictException, IdempotentParameterMismatch, ResourceNotFoundException, ServiceQuotaExceededException, ValidationException } from './errors.js';
import {
  AWS_MANAGED_PROVIDERS,
  applicationProviders,
  describeApplicationProvider,
  listApplicationProviders,
  listInstances,
  listTagsForResource,
  tagResource,
  untagResource,
} from './instance-operations.js';
import { checkInstance, type Obj, type OperationContext, type OperationHandler } from './operation.js';
import { paginate } from './pagination.js';
import { accountOf, isCustomProvider, type ApplicationRecord, type ControlPlaneState, type IssuerRecord } from './state.js';

export { DEFAULT_QUOTAS, type ControlPlaneQuotas, type OperationContext, type OperationHandler } from './operation.js';
export { AWS_MANAGED_PROVIDERS } from './instance-operations.js';


const seconds = (ms: number): number => Math.floor(ms / 1000);

// ---------------------------------------------------------------------------------------------------------
// Lookups.

function application(ctx: OperationContext, arn: string): ApplicationRecord {
  const app = ctx.state.applications.find((a) => a.ApplicationArn === arn);
  if (!app) throw new ResourceNotFoundException(`Application ${arn} does not exist`);
  return ctx.own(ctx.state.applications, app);
}

/** Grants and authentication methods of AWS-managed applications belong to the service that manages them. */
function customApplication(ctx: OperationContext, arn: string, what: string): ApplicationRecord {
  const app = application(ctx, arn);
  if (!isCustomProvider(app.ApplicationProviderArn))
    throw new AccessDeniedException(`The ${what} of application ${arn} (provider ${app.ApplicationProviderArn}) are managed by AWS and cannot be read or changed through sso-admin`);
  return app;
}

function issuer(ctx: OperationContext, arn: string): IssuerRecord {
  const found = ctx.state.trustedTokenIssuers.find((i) => i.TrustedTokenIssuerArn === arn);
  if (!found) throw new ResourceNotFoundException(`Trusted token issuer ${arn} does not exist`);
  return ctx.own(ctx.state.trustedTokenIssuers, found);
}

function identityStoreArn(state: ControlPlaneState): string {
  return `arn:aws:identitystore::${state.instance.OwnerAccountId}:identitystore/${state.instance.IdentityStoreId}`;
}

/** A derived ARN that no resource holds yet (a renamed resource keeps its ARN, so a new one of the old name needs another). */
function freeArn(taken: (arn: string) => boolean, derive: (name: string) => string, name: string): string {
  for (let n = 1; ; n++) {
    const arn = derive(n === 1 ? name : `${name}#${n}`);
    if (!taken(arn)) return arn;
  }
}

/**
 * ClientToken idempotency: a repeated create with the same token and the same request returns the first result;
 * the same token with a different request "fails with an IdempotentParameterMismatch error" (the model's ClientToken doc).
 */
function replayed<T extends { ClientToken?: string }>(records: T[], input: Obj, same: (r: T) => boolean): T | undefined {
  const token = str(input.ClientToken);
  if (token === undefined) return undefined;
  const earlier = records.find((r) => r.ClientToken === token);
  if (earlier && !same(earlier)) throw new IdempotentParameterMismatch(`ClientToken ${token} was already used with different parameters`);
  return earlier;
}

// ---------------------------------------------------------------------------------------------------------
// Applications.

function describe(state: ControlPlaneState, app: ApplicationRecord): Obj {
  const out: Obj = {
    ApplicationArn: app.ApplicationArn,
    ApplicationProviderArn: app.ApplicationProviderArn,
    Name: app.Name,
    ApplicationAccount: accountOf(app.ApplicationArn),
    InstanceArn: app.InstanceArn,
    IdentityStoreArn: identityStoreArn(state),
    Status: app.Status,
    CreatedDate: app.CreatedDate,
  };
  if (state.instance.Region) out.CreatedFrom = state.instance.Region;
  if (app.PortalOptions) out.PortalOptions = app.PortalOptions;
  if (app.Description !== undefined) out.Description = app.Description;
  return out;
}

function nameTaken(ctx: OperationContext, name: string, except?: ApplicationRecord): void {
  // Names are how a tipkit config refers to an application, so the control plane keeps them unique.
  if (ctx.state.applications.some((a) => a !== except && a.Name === name)) throw new ConflictException(`An application named ${name} already exists in this instance`);
}

const createApplication: OperationHandler = (input, ctx) => {
  const instanceArn = input.InstanceArn as string;
  checkInstance(ctx, instanceArn, 'not-found');
  const provider = input.ApplicationProviderArn as string;
  if (!applicationProviders(ctx.state).includes(provider) && !AWS_MANAGED_PROVIDERS.includes(provider)) throw new ResourceNotFoundException(`Application provider ${provider} does not exist`);
  // CreateApplication (model doc): "This API does not support creating SAML 2.0 customer managed applications or
  // Amazon Web Services managed applications."
  if (!isCustomProvider(provider))
    throw new ValidationException(`Application provider ${provider} is an AWS managed application provider; CreateApplication creates customer managed OAuth 2.0 applications only (provider ${DEFAULT_APPLICATION_PROVIDER_ARN}); create an AWS managed application from its own service`);
  const same = (a: ApplicationRecord) => a.Name === input.Name && a.ApplicationProviderArn === provider && a.Description === input.Description;
  const earlier = replayed(ctx.state.applications, input, same);
  if (earlier) return { ApplicationArn: earlier.ApplicationArn, InstanceArn: earlier.InstanceArn, IdentityStoreArn: identityStoreArn(ctx.state) };
  const name = input.Name as string;
  nameTaken(ctx, name);
  const quota = ctx.quotas.applications;
  if (quota !== undefined && ctx.state.applications.length >= quota) throw new ServiceQuotaExceededException(`The instance already holds ${quota} applications, its quota`);
  const arn = freeArn((a) => ctx.state.applications.some((x) => x.ApplicationArn === a), (n) => deriveApplicationArn(instanceArn, n), name);
  const app: ApplicationRecord = {
    ApplicationArn: arn,
    Name: name,
    ApplicationProviderArn: provider,
    InstanceArn: instanceArn,
    Status: str(input.Status) ?? 'ENABLED',
    CreatedDate: seconds(ctx.now),
    Grants: [],
    AuthenticationMethods: [],
    AccessScopes: [],
    AssignmentRequired: true,
    Assignments: [],
  };
  if (input.Description !== undefined) app.Description = input.Description as string;
  if (input.PortalOptions !== undefined) app.PortalOptions = input.PortalOptions as Obj;
  if (input.Tags !== undefined) app.Tags = input.Tags as ApplicationRecord['Tags'];
  if (input.ClientToken !== undefined) app.ClientToken = input.ClientToken as string;
  ctx.state.applications.push(app);
  ctx.changed();
  return { ApplicationArn: arn, InstanceArn: instanceArn, IdentityStoreArn: identityStoreArn(ctx.state) };
};

const describeApplication: OperationHandler = (input, ctx) => describe(ctx.state, application(ctx, input.ApplicationArn as string));

const listApplications: OperationHandler = (input, ctx) => {
  checkInstance(ctx, input.InstanceArn as string, 'denied');
  const filter = (input.Filter ?? {}) as Obj;
  const apps = ctx.state.applications.filter(
    (a) =>
      (filter.ApplicationAccount === undefined || accountOf(a.ApplicationArn) === filter.ApplicationAccount) &&
      (filter.ApplicationProvider === undefined || a.ApplicationProviderArn === filter.ApplicationProvider),
  );
  const { page, nextToken } = paginate(apps, input, `ListApplications ${JSON.stringify(filter)}`, { default: 50, max: 50 });
  return { Applications: page.map((a) => describe(ctx.state, a)), ...(nextToken ? { NextToken: nextToken } : {}) };
};

const updateApplication: OperationHandler = (input, ctx) => {
  const app = application(ctx, input.ApplicationArn as string);
  if (input.Name !== undefined) nameTaken(ctx, input.Name as string, app);
  if (input.Name !== undefined) app.Name = input.Name as string;
  if (input.Description !== undefined) app.Description = input.Description as string;
  if (input.Status !== undefined) app.Status = input.Status as string;
  const portal = input.PortalOptions as Obj | undefined;
  if (portal?.SignInOptions !== undefined) app.PortalOptions = { ...(app.PortalOptions ?? {}), SignInOptions: portal.SignInOptions };
  ctx.changed();
  return {};
};

const deleteApplication: OperationHandler = (input, ctx) => {
  const app = application(ctx, input.ApplicationArn as string);
  ctx.state.applications.splice(ctx.state.applications.indexOf(app), 1);
  ctx.changed();
  return {};
};

// ---------------------------------------------------------------------------------------------------------
// Grants.

/** What the service checks beyond the Grant union's shape: the member matches GrantType, and its required parts. */
function checkGrant(grantType: string, grant: Obj): void {
  const expected = GRANT_UNION_MEMBER[grantType as GrantType];
  const [member] = Object.keys(grant);
  if (member !== expected) throw new ValidationException(`1 validation error detected: Value at 'grant' failed to satisfy constraint: grant type ${grantType} takes the ${expected} member, not ${member}`);
  const body = grant[member] as Obj;
  if (member === 'AuthorizationCode' && body.RedirectUris === undefined)
    throw new ValidationException("1 validation error detected: Value null at 'grant.authorizationCode.redirectUris' failed to satisfy constraint: Member must not be null");
  if (member === 'JwtBearer') {
    if (body.AuthorizedTokenIssuers === undefined)
      throw new ValidationException("1 validation error detected: Value null at 'grant.jwtBearer.authorizedTokenIssuers' failed to satisfy constraint: Member must not be null");
    const missing = (body.AuthorizedTokenIssuers as Obj[]).flatMap((t, i) =>
      ['TrustedTokenIssuerArn', 'AuthorizedAudiences'].filter((m) => t[m] === undefined).map((m) => `Value null at 'grant.jwtBearer.authorizedTokenIssuers.${i + 1}.member.${m.charAt(0).toLowerCase()}${m.slice(1)}' failed to satisfy constraint: Member must not be null`),
    );
    if (missing.length) throw new ValidationException(`${missing.length} validation error${missing.length === 1 ? '' : 's'} detected: ${missing.join('; ')}`);
  }
}

const putApplicationGrant: OperationHandler = (input, ctx) => {
  const app = customApplication(ctx, input.ApplicationArn as string, 'grants');
  const grantType = input.GrantType as string;
  const grant = input.Grant as Obj;
  checkGrant(grantType, grant);
  const existing = app.Grants.find((g) => g.GrantType === grantType);
  if (existing) existing.Grant = grant;
  else app.Grants.push({ GrantType: grantType, Grant: grant });
  ctx.changed();
  return {};
};

function grantOf(ctx: OperationContext, input: Obj) {
  const app = customApplication(ctx, input.ApplicationArn as string, 'grants');
  const grant = app.Grants.find((g) => g.GrantType === input.GrantType);
  if (!grant) throw new ResourceNotFoundException(`Application ${app.ApplicationArn} has no ${String(input.GrantType)} grant`);
  return { app, grant };
}

const getApplicationGrant: OperationHandler = (input, ctx) => ({ Grant: grantOf(ctx, input).grant.Grant });

const listApplicationGrants: OperationHandler = (input, ctx) => {
  const app = customApplication(ctx, input.ApplicationArn as string, 'grants');
  const { page, nextToken } = paginate(app.Grants, input, `ListApplicationGrants ${app.ApplicationArn}`, { default: 10 });
  return { Grants: page.map((g) => ({ GrantType: g.GrantType, Grant: g.Grant })), ...(nextToken ? { NextToken: nextToken } : {}) };
};

/** Marked idempotent in the model: deleting a grant that is not there succeeds (the application must exist). */
const deleteApplicationGrant: OperationHandler = (input, ctx) => {
  const app = customApplication(ctx, input.ApplicationArn as string, 'grants');
  const at = app.Grants.findIndex((g) => g.GrantType === input.GrantType);
  if (at < 0) return {};
  app.Grants.splice(at, 1);
  ctx.changed();
  return {};
};

// ---------------------------------------------------------------------------------------------------------
// Authentication methods.

const putApplicationAuthenticationMethod: OperationHandler = (input, ctx) => {
  const app = customApplication(ctx, input.ApplicationArn as string, 'authentication methods');
  const type = input.AuthenticationMethodType as string;
  const method = input.AuthenticationMethod as Obj;
  const existing = app.AuthenticationMethods.find((m) => m.AuthenticationMethodType === type);
  if (existing) existing.AuthenticationMethod = method;
  else app.AuthenticationMethods.push({ AuthenticationMethodType: type, AuthenticationMethod: method });
  ctx.changed();
  return {};
};

function methodOf(ctx: OperationContext, input: Obj) {
  const app = customApplication(ctx, input.ApplicationArn as string, 'authentication methods');
  const method = app.AuthenticationMethods.find((m) => m.AuthenticationMethodType === input.AuthenticationMethodType);
  if (!method) throw new ResourceNotFoundException(`Application ${app.ApplicationArn} has no ${String(input.AuthenticationMethodType)} authentication method`);
  return { app, method };
}

const getApplicationAuthenticationMethod: OperationHandler = (input, ctx) => ({ AuthenticationMethod: methodOf(ctx, input).method.AuthenticationMethod });

const listApplicationAuthenticationMethods: OperationHandler = (input, ctx) => {
  const app = customApplication(ctx, input.ApplicationArn as string, 'authentication methods');
  const { page, nextToken } = paginate(app.AuthenticationMethods, input, `ListApplicationAuthenticationMethods ${app.ApplicationArn}`, { default: 10 });
  return { AuthenticationMethods: page, ...(nextToken ? { NextToken: nextToken } : {}) };
};

const deleteApplicationAuthenticationMethod: OperationHandler = (input, ctx) => {
  const { app, method } = methodOf(ctx, input);
  app.AuthenticationMethods.splice(app.AuthenticationMethods.indexOf(method), 1);
  ctx.changed();
  return {};
};

// ---------------------------------------------------------------------------------------------------------
// Access scopes.

const putApplicationAccessScope: OperationHandler = (input, ctx) => {
  const app = application(ctx, input.ApplicationArn as string);
  const scope = input.Scope as string;
  const record = { Scope: scope, ...(input.AuthorizedTargets !== undefined ? { AuthorizedTargets: input.AuthorizedTargets as string[] } : {}) };
  const at = app.AccessScopes.findIndex((s) => s.Scope === scope);
  const quota = ctx.quotas.accessScopesPerApplication;
  if (at < 0 && quota !== undefined && app.AccessScopes.length >= quota)
    throw new ServiceQuotaExceededException(`Application ${app.ApplicationArn} already has ${quota} access scopes, its quota (${IDENTITY_CENTER_QUOTAS.accessScopesPerApplication.source})`);
  if (at >= 0) app.AccessScopes[at] = record;
  else app.AccessScopes.push(record);
  ctx.changed();
  return {};
};

function scopeOf(ctx: OperationContext, input: Obj) {
  const app = application(ctx, input.ApplicationArn as string);
  const scope = app.AccessScopes.find((s) => s.Scope === input.Scope);
  if (!scope) throw new ResourceNotFoundException(`Application ${app.ApplicationArn} has no access scope ${String(input.Scope)}`);
  return { app, scope };
}

const getApplicationAccessScope: OperationHandler = (input, ctx) => {
  const { scope } = scopeOf(ctx, input);
  return { Scope: scope.Scope, ...(scope.AuthorizedTargets ? { AuthorizedTargets: scope.AuthorizedTargets } : {}) };
};

const listApplicationAccessScopes: OperationHandler = (input, ctx) => {
  const app = application(ctx, input.ApplicationArn as string);
  const { page, nextToken } = paginate(app.AccessScopes, input, `ListApplicationAccessScopes ${app.ApplicationArn}`, { default: 10, max: 10 });
  return { Scopes: page, ...(nextToken ? { NextToken: nextToken } : {}) };
};

const deleteApplicationAccessScope: OperationHandler = (input, ctx) => {
  const { app, scope } = scopeOf(ctx, input);
  app.AccessScopes.splice(app.AccessScopes.indexOf(scope), 1);
  ctx.changed();
  return {};
};

// ---------------------------------------------------------------------------------------------------------
// Assignment configuration and assignments.

const putApplicationAssignmentConfiguration: OperationHandler = (input, ctx) => {
  application(ctx, input.ApplicationArn as string).AssignmentRequired = input.AssignmentRequired as boolean;
  ctx.changed();
  return {};
};

const getApplicationAssignmentConfiguration: OperationHandler = (input, ctx) => ({ AssignmentRequired: application(ctx, input.ApplicationArn as string).AssignmentRequired });

/** The principal must be a user or group of the identity store. */
function checkPrincipal(ctx: OperationContext, type: string, id: string): void {
  const known = type === 'GROUP' ? ctx.identityStore.Groups.some((g) => g.GroupId === id) : ctx.identityStore.Users.some((u) => u.UserId === id);
  if (!known) throw new ResourceNotFoundException(`${type === 'GROUP' ? 'Group' : 'User'} ${id} does not exist in identity store ${ctx.state.instance.IdentityStoreId}`);
}

const createApplicationAssignment: OperationHandler = (input, ctx) => {
  const app = application(ctx, input.ApplicationArn as string);
  const type = input.PrincipalType as string;
  const id = input.PrincipalId as string;
  checkPrincipal(ctx, type, id);
  if (app.Assignments.some((a) => a.PrincipalType === type && a.PrincipalId === id)) throw new ConflictException(`${type} ${id} is already assigned to application ${app.ApplicationArn}`);
  const quota = ctx.quotas.assignmentsPerApplication;
  if (quota !== undefined && app.Assignments.length >= quota) throw new ServiceQuotaExceededException(`Application ${app.ApplicationArn} already has ${quota} assignments, its quota`);
  app.Assignments.push({ PrincipalType: type, PrincipalId: id });
  ctx.changed();
  return {};
};

const deleteApplicationAssignment: OperationHandler = (input, ctx) => {
  const app = application(ctx, input.ApplicationArn as string);
  const at = app.Assignments.findIndex((a) => a.PrincipalType === input.PrincipalType && a.PrincipalId === input.PrincipalId);
  if (at < 0) throw new ResourceNotFoundException(`${String(input.PrincipalType)} ${String(input.PrincipalId)} is not assigned to application ${app.ApplicationArn}`);
  app.Assignments.splice(at, 1);
  ctx.changed();
  return {};
};

const listApplicationAssignments: OperationHandler = (input, ctx) => {
  const app = application(ctx, input.ApplicationArn as string);
  const { page, nextToken } = paginate(app.Assignments, input, `ListApplicationAssignments ${app.ApplicationArn}`, { default: 100 });
  return {
    ApplicationAssignments: page.map((a) => ({ ApplicationArn: app.ApplicationArn, PrincipalId: a.PrincipalId, PrincipalType: a.PrincipalType })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
};

// ---------------------------------------------------------------------------------------------------------
// Trusted token issuers.

const issuerUrlOf = (i: { TrustedTokenIssuerConfiguration?: unknown }): string | undefined =>
  str(((i.TrustedTokenIssuerConfiguration as Obj | undefined)?.OidcJwtConfiguration as Obj | undefined)?.IssuerUrl);

function issuerNameTaken(ctx: OperationContext, name: string, except?: IssuerRecord): void {
  if (ctx.state.trustedTokenIssuers.some((i) => i !== except && i.Name === name)) throw new ConflictException(`A trusted token issuer named ${name} already exists in this instance`);
}

const createTrustedTokenIssuer: OperationHandler = (input, ctx) => {
  const instanceArn = input.InstanceArn as string;
  checkInstance(ctx, instanceArn, 'denied');
  const same = (i: IssuerRecord) => i.Name === input.Name && JSON.stringify(i.TrustedTokenIssuerConfiguration) === JSON.stringify(input.TrustedTokenIssuerConfiguration);
  const earlier = replayed(ctx.state.trustedTokenIssuers, input, same);
  if (earlier) return { TrustedTokenIssuerArn: earlier.TrustedTokenIssuerArn };
  const name = input.Name as string;
  issuerNameTaken(ctx, name);
  // One issuer per IssuerUrl: two would leave a token's `iss` matching either (AWS's own check is unconfirmed).
  const url = issuerUrlOf(input);
  const sameUrl = ctx.state.trustedTokenIssuers.find((i) => issuerUrlOf(i) === url);
  if (sameUrl) throw new ConflictException(`Trusted token issuer ${sameUrl.Name} already has the IssuerUrl ${url}`);
  const quota = ctx.quotas.trustedTokenIssuers;
  if (quota !== undefined && ctx.state.trustedTokenIssuers.length >= quota) throw new ServiceQuotaExceededException(`The instance already holds ${quota} trusted token issuers, its quota`);
  const arn = freeArn((a) => ctx.state.trustedTokenIssuers.some((x) => x.TrustedTokenIssuerArn === a), (n) => deriveIssuerArn(instanceArn, n), name);
  const record: IssuerRecord = {
    TrustedTokenIssuerArn: arn,
    Name: name,
    TrustedTokenIssuerType: input.TrustedTokenIssuerType as string,
    TrustedTokenIssuerConfiguration: input.TrustedTokenIssuerConfiguration as Obj,
    CreatedDate: seconds(ctx.now),
  };
  if (input.Tags !== undefined) record.Tags = input.Tags as IssuerRecord['Tags'];
  if (input.ClientToken !== undefined) record.ClientToken = input.ClientToken as string;
  ctx.state.trustedTokenIssuers.push(record);
  ctx.changed();
  return { TrustedTokenIssuerArn: arn };
};

const describeTrustedTokenIssuer: OperationHandler = (input, ctx) => {
  const i = issuer(ctx, input.TrustedTokenIssuerArn as string);
  return { TrustedTokenIssuerArn: i.TrustedTokenIssuerArn, Name: i.Name, TrustedTokenIssuerType: i.TrustedTokenIssuerType, TrustedTokenIssuerConfiguration: i.TrustedTokenIssuerConfiguration };
};

const listTrustedTokenIssuers: OperationHandler = (input, ctx) => {
  checkInstance(ctx, input.InstanceArn as string, 'denied');
  const { page, nextToken } = paginate(ctx.state.trustedTokenIssuers, input, 'ListTrustedTokenIssuers', { default: 100 });
  return {
    TrustedTokenIssuers: page.map((i) => ({ TrustedTokenIssuerArn: i.TrustedTokenIssuerArn, Name: i.Name, TrustedTokenIssuerType: i.TrustedTokenIssuerType })),
    ...(nextToken ? { NextToken: nextToken } : {}),
  };
};

const updateTrustedTokenIssuer: OperationHandler = (input, ctx) => {
  const i = issuer(ctx, input.TrustedTokenIssuerArn as string);
  if (input.Name !== undefined) {
    issuerNameTaken(ctx, input.Name as string, i);
    i.Name = input.Name as string;
  }
  // The update shape has no IssuerUrl: the URL of an issuer cannot change, the other three members can.
  const update = (input.TrustedTokenIssuerConfiguration as Obj | undefined)?.OidcJwtConfiguration as Obj | undefined;
  if (update) {
    const current = (i.TrustedTokenIssuerConfiguration.OidcJwtConfiguration ?? {}) as Obj;
    i.TrustedTokenIssuerConfiguration = { ...i.TrustedTokenIssuerConfiguration, OidcJwtConfiguration: { ...current, ...update } };
  }
  ctx.changed();
  return {};
};

const deleteTrustedTokenIssuer: OperationHandler = (input, ctx) => {
  const i = issuer(ctx, input.TrustedTokenIssuerArn as string);
  ctx.state.trustedTokenIssuers.splice(ctx.state.trustedTokenIssuers.indexOf(i), 1);
  ctx.changed();
  return {};
};

export const SSO_ADMIN_HANDLERS: Record<string, OperationHandler> = {
  TagResource: tagResource,
  UntagResource: untagResource,
  ListTagsForResource: listTagsForResource,
  CreateApplication: createApplication,
  DescribeApplication: describeApplication,
  ListApplications: listApplications,
  UpdateApplication: updateApplication,
  DeleteApplication: deleteApplication,
  PutApplicationGrant: putApplicationGrant,
  GetApplicationGrant: getApplicationGrant,
  ListApplicationGrants: listApplicationGrants,
  DeleteApplicationGrant: deleteApplicationGrant,
  PutApplicationAuthenticationMethod: putApplicationAuthenticationMethod,
  GetApplicationAuthenticationMethod: getApplicationAuthenticationMethod,
  ListApplicationAuthenticationMethods: listApplicationAuthenticationMethods,
  DeleteApplicationAuthenticationMethod: deleteApplicationAuthenticationMethod,
  PutApplicationAccessScope: putApplicationAccessScope,
  GetApplicationAccessScope: getApplicationAccessScope,
  ListApplicationAccessScopes: listApplicationAccessScopes,
  DeleteApplicationAccessScope: deleteApplicationAccessScope,
  PutApplicationAssignmentConfiguration: putApplicationAssignmentConfiguration,
  GetApplicationAssignmentConfiguration: getApplicationAssignmentConfiguration,
  CreateApplicationAssignment: createApplicationAssignment,
  DeleteApplicationAssignment: deleteApplicationAssignment,
  ListApplicationAssignments: listApplicationAssignments,
  CreateTrustedTokenIssuer: createTrustedTokenIssuer,
  DescribeTrustedTokenIssuer: describeTrustedTokenIssuer,
  ListTrustedTokenIssuers: listTrustedTokenIssuers,
  UpdateTrustedTokenIssuer: updateTrustedTokenIssuer,
  DeleteTrustedTokenIssuer: deleteTrustedTokenIssuer,
  ListInstances: listInstances,
  ListApplicationProviders: listApplicationProviders,
  DescribeApplicationProvider: describeApplicationProvider,
};
