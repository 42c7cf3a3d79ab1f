/**
 * The one token endpoint behind CreateTokenWithIAM and CreateToken (oidc-provider style): check the input
 * shape, resolve the client, check the caller (IAM) or the client secret, check the grant type is supported
 * and configured, dispatch to the grant's module, check the scopes, then mint the tokens.
 */
import { instanceId } from '../model/arn.js';
import {
  ACCESS_TOKEN_TYPE,
  REFRESH_TOKEN_TYPE,
  applicationClient,
  clientHasGrant,
  entitledApplicationAllows,
  registeredGrantTypes,
  ACCESS_TOKEN_PREFIX,
  REFRESH_TOKEN_PREFIX,
  clientApplication,
  instanceRegion,
  nameNotArn,
  publicClient,
  type OAuthClient,
  type SimulatorContext,
} from './context.js';
import {
  AccessDeniedException,
  InvalidClientException,
  InvalidGrantException,
  InvalidScopeException,
  UnauthorizedClientException,
  UnsupportedGrantTypeException,
} from './errors.js';
import { CREATE_TOKEN_WITH_IAM_ACTION, evaluatePolicy } from '../model/iam-policy.js';
import { authenticatePublicClient } from './client-registration.js';
import { checkInputShape } from './shapes.js';
import { regionalToken, type IssuedToken } from './tokens.js';
import type { Trace } from './trace.js';
import type { ApplicationNode } from '../model/types.js';
import type { GrantHandler, GrantOutcome, TokenOperation } from './grants/grant.js';
import { authorizationCodeGrant } from './grants/authorization-code.js';
import { deviceCodeGrant } from './grants/device-code.js';
import { jwtBearerGrant } from './grants/jwt-bearer.js';
import { refreshTokenGrant } from './grants/refresh-token.js';
import { tokenExchangeGrant } from './grants/token-exchange.js';

export const GRANT_HANDLERS: readonly GrantHandler[] = [authorizationCodeGrant, refreshTokenGrant, jwtBearerGrant, tokenExchangeGrant, deviceCodeGrant];


export async function tokenEndpoint(
  ctx: SimulatorContext,
  operation: TokenOperation,
  input: Record<string, unknown>,
  trace: Trace,
  callerArn: string | undefined,
): Promise<Record<string, unknown>> {
  checkInputShape(operation, input, trace);
  const client = operation === 'CreateTokenWithIAM' ? resolveApplicationClient(ctx, input, trace) : publicClient(authenticatePublicClient(ctx, input, trace));
  if (operation === 'CreateTokenWithIAM') checkCaller(client, callerArn, trace);

  const grantType = String(input.grantType);
  const handlers = GRANT_HANDLERS.filter((h) => h.operations.includes(operation));
  const handler = handlers.find((h) => h.grantType === grantType);
  if (!handler) trace.fail('grant', `grantType ${grantType} is not supported by ${operation} (supported: ${handlers.map((h) => h.grantType).join(', ')})`, UnsupportedGrantTypeException);
  if (!clientHasGrant(client, grantType)) {
    const configured = client.kind === 'application' ? client.app!.grants.map((g) => g.grantType).join(', ') : registeredGrantTypes(client.registered!).join(', ');
    trace.fail('grant', `${client.label} is not configured for ${grantType} (it has: ${configured || 'no grants'})`, UnauthorizedClientException);
  }
  if (client.kind === 'public' && client.app && !entitledApplicationAllows(client.app, grantType))
    trace.fail('grant', `the entitled application ${client.app.name} has no ${grantType} grant`, UnauthorizedClientException);
  trace.pass('grant', `${grantType} is configured for ${client.label}`);

  const outcome = await handler.handle({ ctx, operation, input, client, trace });
  const scopes = checkScopes(operation, input, outcome, trace);
  outcome.commit?.();
  return mint(ctx, operation, client, outcome, scopes);
}

function resolveApplicationClient(ctx: SimulatorContext, input: Record<string, unknown>, trace: Trace): OAuthClient {
  const clientId = String(input.clientId);
  const { app, byNameOnly } = clientApplication(ctx, clientId);
  // sso-oidc model, clientId: "This value is an application ARN that has OAuth grants configured."
  if (byNameOnly) trace.fail('client', nameNotArn('clientId', byNameOnly), InvalidClientException);
  if (!app) {
    // The lookup does not depend on the grant type. A clientId the config names only as an access-scope target is
    // an application managed elsewhere (an AWS-managed one, say): it may exist, but tipkit knows none of its grants,
    // so whatever the grant, it is refused as the spec's §4 example expects (InvalidGrantException). A clientId the
    // config names nowhere is an unknown client (InvalidClientException, sso-oidc model: "the clientId … is invalid").
    const namedBy = accessScopeNaming(ctx, clientId);
    if (namedBy)
      trace.fail('client', `clientId ${clientId} is only named as a target of ${namedBy}; no application by that name or ARN is declared, so tipkit knows no grant it could issue a token with`, InvalidGrantException);
    const known = ctx.model.applications.map((a) => a.name).join(', ') || 'none';
    trace.fail('client', `clientId ${clientId} is not the ${ctx.arnClientIds ? 'ARN' : 'Name or ARN'} of a declared application (declared: ${known})`, InvalidClientException);
  }
  trace.pass('client', `clientId resolves to application ${app.name} (${app.arn})`);
  return applicationClient(app);
}

/** "access scope S of application A" when an unresolved AuthorizedTargets entry is exactly `ref`. */
function accessScopeNaming(ctx: SimulatorContext, ref: string): string | undefined {
  for (const app of ctx.model.applications)
    for (const scope of app.accessScopes)
      if (scope.targets.some((t) => t.resolution === 'unresolved' && t.ref === ref)) return `access scope ${scope.scope ?? '?'} of ${app.name}`;
  return undefined;
}

/** The application's IAM authentication method must allow the caller to call sso-oauth:CreateTokenWithIAM. */
export function checkCaller(client: OAuthClient, callerArn: string | undefined, trace: Trace): void {
  const app = client.app!;
  if (!callerArn) trace.fail('caller', 'the request is not signed by an IAM principal (no caller)', AccessDeniedException);
  const decision = callerDecision(app, callerArn);
  if (decision.decision === 'no-iam-method') trace.fail('caller', `application ${app.name} has no IAM authentication method, so no caller may use CreateTokenWithIAM`, AccessDeniedException);
  const noteText = decision.notes.length ? `; note: ${decision.notes.join('; ')}` : '';
  if (decision.decision !== 'allow') trace.fail('caller', `${callerArn} may not call ${CREATE_TOKEN_WITH_IAM_ACTION} on ${app.name}: ${decision.detail}${noteText}`, AccessDeniedException);
  trace.pass('caller', `${callerArn} may call ${CREATE_TOKEN_WITH_IAM_ACTION} on ${app.name}: ${decision.detail}${noteText}`);
}

export interface CallerDecision {
  decision: 'allow' | 'explicit-deny' | 'implicit-deny' | 'no-iam-method';
  detail: string;
  notes: string[];
}

/**
 * Whether `callerArn` may call CreateTokenWithIAM on `app`: the ActorPolicies of its IAM authentication methods
 * decide (an explicit Deny in any wins; else one Allow suffices).
 */
export function callerDecision(app: ApplicationNode, callerArn: string): CallerDecision {
  const methods = app.authenticationMethods.filter((m) => m.type === 'IAM');
  if (methods.length === 0) return { decision: 'no-iam-method', detail: `application ${app.name} has no IAM authentication method`, notes: [] };
  const request = { principalArn: callerArn, action: CREATE_TOKEN_WITH_IAM_ACTION, resource: app.arn };
  const results = methods.map((m) => evaluatePolicy(m.actorPolicy, request));
  const notes = results.flatMap((r) => r.notes);
  const deny = results.find((r) => r.decision === 'explicit-deny');
  if (deny) return { decision: 'explicit-deny', detail: `${deny.detail} in its ActorPolicy`, notes };
  const allow = results.find((r) => r.decision === 'allow');
  if (allow) return { decision: 'allow', detail: `${allow.detail} in its ActorPolicy`, notes };
  return { decision: 'implicit-deny', detail: results.map((r) => r.detail).join('; '), notes };
}

function checkScopes(operation: TokenOperation, input: Record<string, unknown>, outcome: GrantOutcome, trace: Trace): string[] {
  const requested = Array.isArray(input.scope) ? (input.scope as string[]) : undefined;
  if (operation === 'CreateToken') {
    trace.pass('scope', `${outcome.allowedScopes.join(', ') || 'no scopes'} (${outcome.scopeSource}${requested ? '; CreateToken ignores `scope`' : ''})`);
    return outcome.allowedScopes;
  }
  if (requested === undefined) {
    trace.pass('scope', `no scope requested: all of ${outcome.scopeSource} (${outcome.allowedScopes.join(', ')})`);
    return outcome.allowedScopes;
  }
  const extra = requested.filter((s) => !outcome.allowedScopes.includes(s));
  if (extra.length) trace.fail('scope', `requested ${extra.join(', ')} not in ${outcome.scopeSource} (${outcome.allowedScopes.join(', ')})`, InvalidScopeException);
  trace.pass('scope', `${requested.join(', ')} ⊆ ${outcome.scopeSource}`);
  return [...new Set(requested)];
}

async function mint(
  ctx: SimulatorContext,
  operation: TokenOperation,
  client: OAuthClient,
  outcome: GrantOutcome,
  scopes: string[],
): Promise<Record<string, unknown>> {
  const now = ctx.clock.now();
  const { lifetimes } = ctx.scenario;
  // A refresh or an exchange continues the session of the token it started from; any other grant starts one.
  const sessionEndsAt = outcome.sessionEndsAt ?? now + lifetimes.session * 1000;
  const base = { clientId: client.clientId, app: client.app, userId: outcome.user.UserId, scopes, issuedAt: now, authTime: outcome.authTime, actor: outcome.actor, sessionEndsAt };
  const access: IssuedToken = { ...base, token: regionalToken(ACCESS_TOKEN_PREFIX, instanceRegion(ctx)), expiresAt: now + lifetimes.accessToken * 1000 };
  ctx.store.accessTokens.set(access.token, access);
  const response: Record<string, unknown> = { accessToken: access.token, tokenType: 'Bearer', expiresIn: lifetimes.accessToken };
  if (outcome.sameRefreshToken) response.refreshToken = outcome.sameRefreshToken.token;
  else if (outcome.issueRefreshToken) {
    // A refresh token never outlives the session: after it, the user signs in again.
    const refresh: IssuedToken = { ...base, token: regionalToken(REFRESH_TOKEN_PREFIX, instanceRegion(ctx)), expiresAt: Math.min(now + lifetimes.refreshToken * 1000, sessionEndsAt) };
    ctx.store.refreshTokens.set(refresh.token, refresh);
    response.refreshToken = refresh.token;
  }
  if (operation === 'CreateTokenWithIAM') {
    // The members of AWS's examples, in their order; the refresh example has no idToken and no awsAdditionalDetails.
    response.issuedTokenType = outcome.issueRefreshToken ? REFRESH_TOKEN_TYPE : ACCESS_TOKEN_TYPE;
    response.scope = scopes;
    if (outcome.idToken) {
      // Sealed for this run's STS, which opens it in AssumeRole's ProvidedContexts (simulator/identity-context.ts).
      const identityContext = await ctx.identityContexts.seal(
        {
          userId: access.userId,
          identityStoreId: ctx.model.instance.identityStoreId ?? 'd-0000000000',
          instanceArn: ctx.model.instance.instanceArn ?? `arn:aws:sso:::instance/${instanceId(undefined)}`,
          applicationArn: client.clientId,
        },
        now,
        access.expiresAt,
      );
      response.idToken = await ctx.idTokens.sign(ctx.model, access, client.clientId, { identityContext, ...outcome.idToken });
      response.awsAdditionalDetails = { identityContext };
    }
  }
  return response;
}
