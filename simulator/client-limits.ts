/**
 * What RegisterClient keeps, bounded. RegisterClient is unauthenticated and a registration lives as long as its
 * secret (90 days by default), so without limits a caller could grow the store without end (300 requests with a
 * 1 MB clientName added ~300 MB to `serve`). The sso-oidc model sets no length or count on `clientName`,
 * `redirectUris` or `scopes`; these are tipkit's, chosen from neighbouring AWS limits, and listed in docs/serve.md.
 */
import { InvalidClientMetadataException, InvalidRedirectUriException, InvalidScopeException } from './errors.js';
import type { DeviceAuthorization, RegisteredClient, TokenStore } from './tokens.js';
import type { Trace } from './trace.js';

export const CLIENT_LIMITS = {
  /** Characters in clientName (as sso-admin's TrustedTokenIssuerName, 1–255). */
  clientName: 255,
  /** Entries in redirectUris (as sso-admin's AuthorizationCodeGrant RedirectUris, 1–10). */
  redirectUris: 10,
  /** Entries in scopes: the 25 scopes a client may request per token (Identity Center's public-client scope table). */
  scopes: 25,
  /** Characters per scope (sso-admin's Scope is up to three 50-character segments). */
  scopeLength: 152,
  /** Registered clients kept at once; registering one more evicts the oldest. */
  liveClients: 1000,
  /**
   * Device authorizations kept at once (each lives 10 minutes). StartDeviceAuthorization needs only a registered
   * client, so without a cap one client could add records as fast as it can call; one more evicts the oldest.
   */
  liveDeviceAuthorizations: 10_000,
} as const;

/** http and https only: a `javascript:` or `data:` redirect would run in whatever page follows it. */
const HTTP_SCHEME = /^https?:/i;
export const isHttpUri = (uri: string): boolean => HTTP_SCHEME.test(uri);

/** A value for a trace line: never the whole of a long one. */
export const short = (value: string): string => JSON.stringify(value.length > 80 ? `${value.slice(0, 80)}…` : value);

/** Refuses a registration over the limits, before anything else looks at its lists. */
export function checkRegistrationLimits(input: Record<string, unknown>, trace: Trace): void {
  const name = String(input.clientName);
  if (name.length === 0 || name.length > CLIENT_LIMITS.clientName) {
    trace.fail('client-name', `clientName is ${name.length} characters; it must be 1–${CLIENT_LIMITS.clientName}`, InvalidClientMetadataException);
  }
  const redirectUris = (input.redirectUris as string[] | undefined) ?? [];
  if (redirectUris.length > CLIENT_LIMITS.redirectUris) {
    trace.fail('redirect-uris', `${redirectUris.length} redirectUris; at most ${CLIENT_LIMITS.redirectUris}`, InvalidClientMetadataException);
  }
  for (const uri of redirectUris) {
    if (!isHttpUri(uri)) trace.fail('redirect-uris', `redirect URI ${short(uri)} is not an http or https URI`, InvalidRedirectUriException);
  }
  const scopes = (input.scopes as string[] | undefined) ?? [];
  if (scopes.length > CLIENT_LIMITS.scopes) trace.fail('scope', `${scopes.length} scopes, more than ${CLIENT_LIMITS.scopes}`, InvalidScopeException);
  for (const scope of scopes) {
    if (scope.length === 0 || scope.length > CLIENT_LIMITS.scopeLength) {
      trace.fail('scope', `scope ${short(scope)} is ${scope.length} characters; each must be 1–${CLIENT_LIMITS.scopeLength}`, InvalidScopeException);
    }
  }
  trace.pass('limits', `clientName, ${redirectUris.length} redirect URI(s) and ${scopes.length} scope(s) within tipkit's limits`);
}

/**
 * Keeps `client`, evicting the oldest registrations beyond CLIENT_LIMITS.liveClients. Eviction rather than refusal:
 * a flood then costs the displaced clients a new RegisterClient (they get InvalidClientException, as for an expired
 * secret), whereas refusing new clients would lock every new login out until the flood's secrets expire.
 */
export function keepClient(store: TokenStore, client: RegisteredClient, trace: Trace): void {
  let evicted = 0;
  for (const clientId of store.clients.keys()) {
    if (store.clients.size < CLIENT_LIMITS.liveClients) break;
    store.clients.delete(clientId);
    evicted++;
  }
  store.clients.set(client.clientId, client);
  trace.pass('capacity', evicted ? `${CLIENT_LIMITS.liveClients} clients registered; the oldest was evicted` : `${store.clients.size} of at most ${CLIENT_LIMITS.liveClients} clients registered`);
}

/**
 * Keeps `device`, evicting the oldest pending authorizations beyond CLIENT_LIMITS.liveDeviceAuthorizations, for the
 * reason keepClient evicts: a flood costs the displaced users a new sign-in (their poll gets InvalidGrantException,
 * as for an unknown device code), never a refusal of every new one.
 */
export function keepDeviceAuthorization(store: TokenStore, device: DeviceAuthorization, trace: Trace): void {
  let evicted = 0;
  for (const [deviceCode, old] of store.devices) {
    if (store.devices.size < CLIENT_LIMITS.liveDeviceAuthorizations) break;
    store.devices.delete(deviceCode);
    store.deviceByUserCode.delete(old.userCode);
    evicted++;
  }
  store.devices.set(device.deviceCode, device);
  store.deviceByUserCode.set(device.userCode, device.deviceCode);
  const limit = CLIENT_LIMITS.liveDeviceAuthorizations;
  trace.pass('capacity', evicted ? `${limit} device authorizations pending; the oldest was evicted` : `${store.devices.size} of at most ${limit} device authorizations pending`);
}
