/** The scenario's user actions, which have no API of their own: Authorize (sign in, approve, get a code) and ApproveDevice. */
import { applicationClient, checkAssignment, clientHasGrant, clientRedirectUris, clientScopes, clientApplication, nameNotArn, publicClient, str, type OAuthClient, type SimulatorContext } from './context.js';
import { isoSeconds } from './clock.js';
import { isHttpUri, short } from './client-limits.js';
import { matchingRedirectUri } from '../model/redirect-uri.js';
import {
  AccessDeniedException,
  ExpiredTokenException,
  InvalidClientException,
  InvalidGrantException,
  InvalidRequestException,
  InvalidScopeException,
  UnauthorizedClientException,
} from './errors.js';
import { describeUser } from './identity.js';
import { checkInputShape } from './shapes.js';
import { opaque } from './tokens.js';
import type { Trace } from './trace.js';
import type { IdentityStoreUser } from './types.js';

/** BASE64URL(SHA256(verifier)): 32 bytes, 43 characters without padding. */
const S256_CHALLENGE = /^[A-Za-z0-9_-]{43}$/;

function signIn(ctx: SimulatorContext, ref: string, trace: Trace): IdentityStoreUser {
  const user = ctx.directory.findUser(ref);
  if (!user) trace.fail('user', `no user with UserName or UserId ${ref} in the identity store`, AccessDeniedException);
  trace.pass('user', `${describeUser(user)} signs in`);
  return user;
}

export function authorize(ctx: SimulatorContext, input: Record<string, unknown>, trace: Trace): Record<string, unknown> {
  checkInputShape('Authorize', input, trace);
  const clientId = String(input.clientId);
  const { app, byNameOnly } = clientApplication(ctx, clientId);
  if (byNameOnly) trace.fail('client', nameNotArn('clientId', byNameOnly), InvalidClientException);
  const registered = app ? undefined : ctx.store.clients.get(clientId);
  if (!app && !registered) trace.fail('client', `clientId ${clientId} is neither a declared application nor a registered client`, InvalidClientException);
  const client: OAuthClient = app ? applicationClient(app) : publicClient(registered!);
  trace.pass('client', client.label);
  if (!clientHasGrant(client, 'authorization_code')) trace.fail('grant', `${client.label} is not configured for authorization_code`, UnauthorizedClientException);
  trace.pass('grant', `authorization_code is configured for ${client.label}`);

  const redirectUri = String(input.redirectUri);
  // A registered client cannot hold one (RegisterClient refuses it), but a config's application RedirectUris could.
  if (!isHttpUri(redirectUri)) trace.fail('redirect-uri', `redirectUri ${short(redirectUri)} is not an http or https URI`, InvalidRequestException);
  const registeredUris = clientRedirectUris(client);
  const matched = matchingRedirectUri(registeredUris, redirectUri);
  if (!matched)
    trace.fail('redirect-uri', `redirectUri ${redirectUri} is not among the registered redirect URIs (${registeredUris.join(', ') || 'none'})`, InvalidRequestException);
  trace.pass('redirect-uri', matched === redirectUri ? `${redirectUri} is registered` : `${redirectUri} matches the registered ${matched} (a loopback redirect URI may use any port, RFC 8252 §7.3)`);

  // PKCE (RFC 7636): only S256. RFC 9700 §2.1.1 tells clients not to use `plain` (it exposes the verifier in the
  // front channel), and an absent method means plain (RFC 7636 §4.3).
  const challenge = str(input.codeChallenge);
  const method = str(input.codeChallengeMethod);
  if (method !== undefined && challenge === undefined) trace.fail('pkce', 'codeChallengeMethod without codeChallenge', InvalidRequestException);
  if (challenge !== undefined && method !== 'S256')
    trace.fail('pkce', `codeChallengeMethod ${method === undefined ? 'absent (which means plain, RFC 7636 §4.3)' : method} is refused; only S256 (RFC 9700 §2.1.1)`, InvalidRequestException);
  if (challenge !== undefined && !S256_CHALLENGE.test(challenge))
    trace.fail('pkce', `codeChallenge is not an S256 challenge (43 base64url characters, RFC 7636 §4.2), got ${challenge.length} characters`, InvalidRequestException);
  if (client.kind === 'public' && challenge === undefined) trace.fail('pkce', 'public clients must use PKCE (codeChallenge)', InvalidRequestException);
  trace.pass('pkce', challenge === undefined ? 'no code challenge' : 'S256 code challenge');

  const user = signIn(ctx, String(input.user), trace);
  checkAssignment(ctx, client.app, user, trace);

  const allowed = clientScopes(client);
  const requested = input.scope as string[] | undefined;
  const extra = (requested ?? []).filter((s) => !allowed.includes(s));
  if (extra.length) trace.fail('scope', `requested ${extra.join(', ')} not in ${allowed.join(', ')}`, InvalidScopeException);
  const scopes = requested ? [...new Set(requested)] : allowed;
  trace.pass('scope', scopes.join(', ') || 'no scopes');

  const now = ctx.clock.now();
  const code = {
    code: opaque('', 32),
    clientId: client.clientId,
    app: client.app,
    userId: user.UserId,
    redirectUri,
    scopes,
    codeChallenge: challenge,
    issuedAt: now,
    expiresAt: now + ctx.scenario.lifetimes.authorizationCode * 1000,
  };
  ctx.store.codes.set(code.code, code);
  return input.state === undefined ? { code: code.code } : { code: code.code, state: input.state };
}

export function approveDevice(ctx: SimulatorContext, input: Record<string, unknown>, trace: Trace): Record<string, unknown> {
  checkInputShape('ApproveDevice', input, trace);
  const userCode = String(input.userCode).trim().toUpperCase();
  const deviceCode = ctx.store.deviceByUserCode.get(userCode);
  const device = deviceCode === undefined ? undefined : ctx.store.devices.get(deviceCode);
  if (!device) trace.fail('user-code', `user code ${userCode} was not issued by StartDeviceAuthorization`, InvalidGrantException);
  const now = ctx.clock.now();
  if (now >= device.expiresAt) trace.fail('user-code', `user code ${userCode} expired at ${isoSeconds(device.expiresAt)} (now ${isoSeconds(now)})`, ExpiredTokenException);
  if (device.approvedUserId !== undefined || device.usedAt !== undefined) trace.fail('user-code', `user code ${userCode} was already approved`, InvalidGrantException);
  trace.pass('user-code', `valid until ${isoSeconds(device.expiresAt)}`);

  const user = signIn(ctx, String(input.user), trace);
  const client = ctx.store.clients.get(device.clientId);
  checkAssignment(ctx, client?.entitledApp, user, trace);
  device.approvedUserId = user.UserId;
  return { approved: true };
}
