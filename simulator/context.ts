/** What every operation handler shares: the model, the scenario, the clock, and what has been issued. */
import type { IdentityStoreUser } from './types.js';
import type { AccessScopeNode, ApplicationNode, RoleNode, TipModel } from '../model/types.js';
import { AccessDeniedException, InvalidRequestRegionException } from './errors.js';
import type { IdentityDirectory } from './identity.js';
import type { IssuerKeyring } from './keys.js';
import type { IdTokenSigner } from './id-token.js';
import type { IdentityContextSealer } from './identity-context.js';
import type { SessionStore } from './sessions.js';
import type { Trace } from './trace.js';
import { tokenRegion, type RegisteredClient, type TokenStore } from './tokens.js';
import type { Clock, Scenario } from './types.js';

export interface SimulatorContext {
  model: TipModel;
  scenario: Scenario;
  clock: Clock;
  allowNetwork: boolean;
  store: TokenStore;
  directory: IdentityDirectory;
  keyring: IssuerKeyring;
  idTokens: IdTokenSigner;
  /** Seals and opens the identity context of CreateTokenWithIAM results (STS AssumeRole's ProvidedContexts). */
  identityContexts: IdentityContextSealer;
  /** Role sessions issued by AssumeRole. */
  sessions: SessionStore;
  /**
   * The config's IAM roles, fixed when the simulator is made: `serve`'s control plane replaces `model` as sso-admin
   * calls change it, but IAM is not part of that state.
   */
  readonly roles: readonly RoleNode[];
  /** Application clients by ARN only (`serve`, as on AWS's wire); `simulate` also takes a Name. */
  arnClientIds: boolean;
}

/** Scopes every CreateTokenWithIAM token may carry besides the application's access scopes. */
export const DEFAULT_SCOPES = ['openid', 'aws', 'sts:identity_context'];

export const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
export const REFRESH_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:refresh_token';

/** The caller of a token request: a declared application (CreateTokenWithIAM) or a registered public client (CreateToken). */
export interface OAuthClient {
  kind: 'application' | 'public';
  /** The application ARN, or the public clientId. */
  clientId: string;
  /** The application itself, or the public client's entitled application. */
  app?: ApplicationNode;
  registered?: RegisteredClient;
  label: string;
}

export function findApplication(model: TipModel, ref: string): ApplicationNode | undefined {
  return model.index.applicationByName.get(ref) ?? model.index.applicationByArn.get(ref);
}

/**
 * The application a request names as its client (CreateTokenWithIAM and Authorize `clientId`, RegisterClient
 * `entitledApplicationArn`): by ARN, and in `simulate` also by Name. `byNameOnly` is the application a Name would
 * have found where only ARNs count, so the refusal can say which ARN to send.
 */
export function clientApplication(ctx: SimulatorContext, ref: string): { app?: ApplicationNode; byNameOnly?: ApplicationNode } {
  if (!ctx.arnClientIds) return { app: findApplication(ctx.model, ref) };
  const app = ctx.model.index.applicationByArn.get(ref);
  return app ? { app } : { byNameOnly: ctx.model.index.applicationByName.get(ref) };
}

/** The refusal detail for an application Name sent where AWS takes the ARN. */
export const nameNotArn = (what: string, app: ApplicationNode): string =>
  `${what} ${app.name} is an application Name; AWS takes the application ARN here (${app.arn})`;

export const applicationClient = (app: ApplicationNode): OAuthClient => ({ kind: 'application', clientId: app.arn, app, label: `application ${app.name} (${app.arn})` });

export const publicClient = (c: RegisteredClient): OAuthClient => ({
  kind: 'public',
  clientId: c.clientId,
  app: c.entitledApp,
  registered: c,
  label: `public client ${c.clientName} (${c.clientId})`,
});

/** The application's access scopes plus the defaults. */
export function applicationScopes(app: ApplicationNode): string[] {
  const scopes = [...DEFAULT_SCOPES];
  for (const s of app.accessScopes) if (s.scope !== undefined && !scopes.includes(s.scope)) scopes.push(s.scope);
  return scopes;
}

/**
 * The grant types of a public client: those it registered; without `grantTypes`, the device code grant, plus
 * refresh_token when it registered scopes — botocore's sso-session registration (scopes, no grantTypes), whose
 * tokens refresh; the legacy registration (no scopes) gets no refresh token (tip-facts §8).
 */
export function registeredGrantTypes(c: RegisteredClient): string[] {
  if (c.grantTypes) return c.grantTypes;
  return c.scopes.length ? [DEVICE_CODE_GRANT, 'refresh_token'] : [DEVICE_CODE_GRANT];
}

/** Whether the client may use `grantType` (an application's grants; a public client's registered grant types). */
export function clientHasGrant(client: OAuthClient, grantType: string): boolean {
  if (client.kind === 'application') return client.app!.grants.some((g) => g.grantType === grantType);
  return registeredGrantTypes(client.registered!).includes(grantType);
}

/** Whether a token for this client comes with a refresh token: it has the grant, and so does its entitled application. */
export function mayIssueRefreshToken(client: OAuthClient): boolean {
  if (!clientHasGrant(client, 'refresh_token')) return false;
  return client.kind === 'application' || !client.app || client.app.grants.some((g) => g.grantType === 'refresh_token');
}

/** The RedirectUris of an application's authorization_code grant. */
export const applicationRedirectUris = (app: ApplicationNode): string[] => app.grants.find((g) => g.grantType === 'authorization_code')?.redirectUris ?? [];

/** Where the client may be redirected: its registered redirect URIs, or the application's RedirectUris. */
export function clientRedirectUris(client: OAuthClient): string[] {
  return client.kind === 'public' ? client.registered!.redirectUris : applicationRedirectUris(client.app!);
}

/** The scopes a client may be granted. */
export function clientScopes(client: OAuthClient): string[] {
  return client.kind === 'application' ? applicationScopes(client.app!) : client.registered!.scopes;
}

/** The assignment check (AccessDeniedException when the application requires assignments the user lacks). */
export function checkAssignment(ctx: SimulatorContext, app: ApplicationNode | undefined, user: IdentityStoreUser, trace: Trace): void {
  if (!app) return trace.pass('assignment', 'no application governs this client, so no assignment is required');
  const { ok, detail } = ctx.directory.assignment(app, user);
  if (ok) trace.pass('assignment', detail);
  else trace.fail('assignment', detail, AccessDeniedException);
}

/**
 * The access scopes of `issuing` that let a token it issued (carrying `tokenScopes`; all of its scopes when
 * omitted) be exchanged for a token of `target`: a scope the token carries whose AuthorizedTargets name the
 * target's ARN or its instance's ARN.
 */
export function accessScopesAuthorizing(issuing: ApplicationNode, target: ApplicationNode, tokenScopes?: readonly string[]): AccessScopeNode[] {
  return issuing.accessScopes.filter(
    (s) =>
      s.scope !== undefined &&
      (tokenScopes === undefined || tokenScopes.includes(s.scope)) &&
      s.targets.some((t) => t.arn === target.arn || (t.arn !== undefined && t.arn === target.instanceArn)),
  );
}

/**
 * Whether a public client entitled to `app` may use `grantType` beyond what it registered: the device code grant
 * always, authorization_code and refresh_token only when the application has that grant itself.
 */
export function entitledApplicationAllows(app: ApplicationNode, grantType: string): boolean {
  if (grantType !== 'refresh_token' && grantType !== 'authorization_code') return true;
  return app.grants.some((g) => g.grantType === grantType);
}

/** The Region of the instance (the simulator's endpoints name it). */
/** The Region when the config names none. */
export const DEFAULT_REGION = 'us-east-1';

export const instanceRegion = (ctx: SimulatorContext): string => ctx.model.instance.region ?? DEFAULT_REGION;

export const ACCESS_TOKEN_PREFIX = 'aoa';
export const REFRESH_TOKEN_PREFIX = 'aor';

/**
 * A token this instance does not know that another Region's instance issued (tokenRegion): InvalidRequestRegionException
 * with that Region's `endpoint` and `region`, as the sso-oidc model describes it.
 */
export function checkTokenRegion(ctx: SimulatorContext, token: string, prefix: string, check: string, trace: Trace): void {
  const region = tokenRegion(token, prefix);
  if (region === undefined || region === instanceRegion(ctx)) return;
  const endpoint = `https://oidc.${region}.amazonaws.com`;
  trace.fail(check, `the token was issued in ${region} and is usable only at ${endpoint}; this instance is in ${instanceRegion(ctx)}`, InvalidRequestRegionException, undefined, { endpoint, region });
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
