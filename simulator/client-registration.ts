/** RegisterClient and StartDeviceAuthorization: public clients of the device-code and PKCE flows. */
import { DEVICE_CODE_GRANT, applicationRedirectUris, applicationScopes, clientApplication, instanceRegion, nameNotArn, publicClient, registeredGrantTypes, str, type SimulatorContext } from './context.js';
import { matchingRedirectUri, redirectUriProblems } from '../model/redirect-uri.js';
import { constantTimeEqual } from '../model/constant-time.js';
import { isoSeconds } from './clock.js';
import {
  InvalidClientException,
  InvalidClientMetadataException,
  InvalidRedirectUriException,
  InvalidRequestException,
  InvalidScopeException,
  UnauthorizedClientException,
  UnsupportedGrantTypeException,
} from './errors.js';
import { checkInputShape } from './shapes.js';
import { checkRegistrationLimits, keepClient, keepDeviceAuthorization, short } from './client-limits.js';
import { IdTokenSigner } from './id-token.js';
import { opaque, type RegisteredClient } from './tokens.js';
import type { Trace } from './trace.js';

const PUBLIC_CLIENT_GRANTS = ['authorization_code', DEVICE_CODE_GRANT, 'refresh_token'];
/** Scopes per access-token request (tip-facts §6.1). */
const MAX_SCOPES = 25;

const region = instanceRegion;

const isHttpsUrl = (value: string): boolean => {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
};

export function registerClient(ctx: SimulatorContext, input: Record<string, unknown>, trace: Trace): Record<string, unknown> {
  checkInputShape('RegisterClient', input, trace);
  checkRegistrationLimits(input, trace);
  if (input.clientType !== 'public') trace.fail('client-type', `clientType ${JSON.stringify(input.clientType)} is not supported; only public`, InvalidClientMetadataException);
  trace.pass('client-type', 'public');

  const grantTypes = input.grantTypes as string[] | undefined;
  const unsupported = (grantTypes ?? []).filter((g) => !PUBLIC_CLIENT_GRANTS.includes(g));
  if (unsupported.length) trace.fail('grant-types', `${unsupported.join(', ')} cannot be registered (supported: ${PUBLIC_CLIENT_GRANTS.join(', ')})`, UnsupportedGrantTypeException);
  const scopesGiven = Array.isArray(input.scopes) && input.scopes.length > 0;
  trace.pass(
    'grant-types',
    grantTypes ? grantTypes.join(', ') : scopesGiven ? 'none given, with scopes (an sso-session client): device code and refresh_token' : 'none given, no scopes (a legacy client): the device code grant only',
  );

  const entitledRef = str(input.entitledApplicationArn);
  const entitled = entitledRef === undefined ? {} : clientApplication(ctx, entitledRef);
  const entitledApp = entitled.app;
  if (entitled.byNameOnly) trace.fail('entitled-application', nameNotArn('entitledApplicationArn', entitled.byNameOnly), InvalidRequestException);
  if (entitledRef !== undefined && !entitledApp) trace.fail('entitled-application', `entitledApplicationArn ${entitledRef} is not a declared application`, InvalidRequestException);
  trace.pass('entitled-application', entitledApp ? `restricted by application ${entitledApp.name} (${entitledApp.arn})` : 'none');

  // The model: "The IAM Identity Center Issuer URL associated with an instance" — an https URL (the example is
  // https://identitycenter.amazonaws.com/ssoins-…); anything else is a bad input.
  const issuerUrl = str(input.issuerUrl);
  if (issuerUrl !== undefined && !isHttpsUrl(issuerUrl)) trace.fail('issuer-url', `issuerUrl ${short(issuerUrl)} is not an https URL (an Identity Center issuer URL looks like ${IdTokenSigner.issuer(ctx.model)})`, InvalidRequestException);
  if (issuerUrl !== undefined) trace.pass('issuer-url', issuerUrl);

  // The same checker as the linter's redirect-uri-invalid rule, so what lints clean registers.
  const redirectUris = (input.redirectUris as string[] | undefined) ?? [];
  // RFC 7591 §2: redirect_uris is required for redirect-based flows; missing client metadata is invalid_client_metadata (§3.2.2).
  if (grantTypes?.includes('authorization_code') && redirectUris.length === 0)
    trace.fail('redirect-uris', 'the authorization_code grant needs at least one redirect URI (redirectUris), RFC 7591 §2', InvalidClientMetadataException);
  for (const uri of redirectUris) {
    const problems = redirectUriProblems(uri);
    if (problems.length) trace.fail('redirect-uris', `redirect URI ${JSON.stringify(uri)} ${problems.join('; ')}`, InvalidRedirectUriException);
  }
  // sso-oidc model, RegisterClient entitledApplicationArn: "the scopes, grants, and redirect URI available to this
  // client will be restricted by this application resource". Refused here, at registration, rather than at Authorize:
  // RegisterClient is the operation the model lists InvalidRedirectUriException for, and the client learns at once.
  if (entitledApp && redirectUris.length) {
    const allowed = applicationRedirectUris(entitledApp);
    const outside = redirectUris.filter((uri) => !matchingRedirectUri(allowed, uri));
    if (outside.length)
      trace.fail(
        'redirect-uris',
        `${outside.join(', ')} not among the RedirectUris of the entitled application ${entitledApp.name} (${allowed.join(', ') || 'it has no authorization_code grant'})`,
        InvalidRedirectUriException,
      );
  }
  trace.pass('redirect-uris', redirectUris.length ? redirectUris.join(', ') + (entitledApp ? ` (allowed by ${entitledApp.name})` : '') : 'none');

  const scopes = [...new Set((input.scopes as string[] | undefined) ?? [])];
  if (scopes.length > MAX_SCOPES) trace.fail('scope', `${scopes.length} scopes, more than ${MAX_SCOPES}`, InvalidScopeException);
  if (entitledApp) {
    const allowed = applicationScopes(entitledApp);
    const extra = scopes.filter((s) => !allowed.includes(s));
    if (extra.length) trace.fail('scope', `${extra.join(', ')} not among ${entitledApp.name}'s access scopes (${allowed.join(', ')})`, InvalidScopeException);
  }
  trace.pass('scope', scopes.length ? scopes.join(', ') : 'none');

  const now = ctx.clock.now();
  const client: RegisteredClient = {
    clientId: opaque('sim', 16),
    clientSecret: opaque('simsecret', 48),
    clientName: String(input.clientName),
    grantTypes,
    scopes,
    redirectUris,
    entitledApp,
    issuedAt: now,
    secretExpiresAt: now + ctx.scenario.lifetimes.clientSecret * 1000,
  };
  keepClient(ctx.store, client, trace);
  // The members of AWS's RegisterClient example (sso-oidc examples-1.json): four, no endpoints, even for a client
  // that registers authorization_code.
  return {
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    clientIdIssuedAt: Math.floor(now / 1000),
    clientSecretExpiresAt: Math.floor(client.secretExpiresAt / 1000),
  };
}

/** Resolve a public client by id and secret (InvalidClientException). */
export function authenticatePublicClient(ctx: SimulatorContext, input: Record<string, unknown>, trace: Trace): RegisteredClient {
  const clientId = String(input.clientId);
  const registered = ctx.store.clients.get(clientId);
  if (!registered) trace.fail('client', `clientId ${clientId} was not issued by RegisterClient`, InvalidClientException);
  if (typeof input.clientSecret !== 'string' || !constantTimeEqual(registered.clientSecret, input.clientSecret)) trace.fail('client', `clientSecret is not the secret issued to ${clientId}`, InvalidClientException);
  if (ctx.clock.now() >= registered.secretExpiresAt) trace.fail('client', `the client secret expired at ${isoSeconds(registered.secretExpiresAt)}`, InvalidClientException);
  trace.pass('client', `${publicClient(registered).label}, secret valid until ${isoSeconds(registered.secretExpiresAt)}`);
  return registered;
}

export function startDeviceAuthorization(ctx: SimulatorContext, input: Record<string, unknown>, trace: Trace): Record<string, unknown> {
  checkInputShape('StartDeviceAuthorization', input, trace);
  const client = authenticatePublicClient(ctx, input, trace);
  const grants = registeredGrantTypes(client);
  if (!grants.includes(DEVICE_CODE_GRANT)) trace.fail('grant', `client ${client.clientName} did not register the device code grant (${grants.join(', ')})`, UnauthorizedClientException);
  trace.pass('grant', 'the client may use the device code grant');
  const startUrl = String(input.startUrl);
  let ok = false;
  try {
    ok = new URL(startUrl).protocol === 'https:';
  } catch {
    ok = false;
  }
  if (!ok) trace.fail('start-url', `startUrl ${JSON.stringify(startUrl)} is not an https URL`, InvalidRequestException);
  trace.pass('start-url', startUrl);

  const now = ctx.clock.now();
  const { deviceCode: lifetime, deviceInterval } = ctx.scenario.lifetimes;
  const userCode = ctx.store.newUserCode();
  const device = { deviceCode: opaque('', 48), userCode, clientId: client.clientId, issuedAt: now, expiresAt: now + lifetime * 1000, interval: deviceInterval };
  keepDeviceAuthorization(ctx.store, device, trace);
  const verificationUri = `https://device.sso.${region(ctx)}.amazonaws.com/`;
  return {
    deviceCode: device.deviceCode,
    userCode,
    verificationUri,
    verificationUriComplete: `${verificationUri}?user_code=${userCode}`,
    expiresIn: lifetime,
    interval: deviceInterval,
  };
}
