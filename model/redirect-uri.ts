/**
 * Redirect URIs and loopback hosts, one definition for the linter, RegisterClient, Authorize and the token
 * endpoint (and for `serve` / `--allow-network`, which ask whether a host is this machine).
 */

/** RFC 3986 §3.1: an absolute URI starts with `scheme:`. */
const SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

/** The parsed URI when `text` is absolute (has a scheme, parses, and names a host for http/https), else undefined. */
export function parseAbsoluteUri(text: string): URL | undefined {
  if (!SCHEME.test(text) || /\s/.test(text)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if ((url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === '') return undefined;
  return url;
}

const bare = (host: string): string => host.toLowerCase().replace(/^\[(.*)\]$/, '$1');

/**
 * A loopback IP literal: 127.0.0.0/8 or ::1, as a URL hostname (`[::1]`) or a bare host (`::1`). RFC 8252 §7.3
 * names these (not `localhost`) as the redirect targets whose port the server must not pin.
 */
export function isLoopbackIp(host: string): boolean {
  const h = bare(host);
  return h === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

/** A loopback IP literal or `localhost`: a host that is this machine (plain http to it does not leave it). */
export const isLoopbackHost = (host: string): boolean => isLoopbackIp(host) || bare(host) === 'localhost';

/**
 * tipkit's limit, not AWS's: the sso-admin `URI` shape has no length constraint in this model version. 1024 is the
 * limit AWS documents for OAuth callback URLs elsewhere (Amazon Cognito CreateUserPoolClient `CallbackURLs` items,
 * 1–1024 characters), and longer redirect URIs are a sign of state smuggled into the URI.
 */
export const MAX_REDIRECT_URI_LENGTH = 1024;

/** Why `uri` cannot be a redirect URI (RFC 6749 §3.1.2: absolute, no fragment; exact match, so no wildcard); [] when it can. */
export function redirectUriProblems(uri: string): string[] {
  const problems: string[] = [];
  if (uri.length > MAX_REDIRECT_URI_LENGTH) problems.push(`is ${uri.length} characters long, over tipkit's limit of ${MAX_REDIRECT_URI_LENGTH}`);
  if (!parseAbsoluteUri(uri)) problems.push('is not an absolute URI (scheme://host/path)');
  if (uri.includes('#')) problems.push('has a fragment (#…), which OAuth 2.0 forbids in redirect URIs');
  if (uri.includes('*')) problems.push('contains a wildcard (*); redirect URIs are compared exactly');
  return problems;
}

/** `http://127.0.0.1:PORT/…` and `http://[::1]:PORT/…` with the port taken out; undefined for any other URI. */
function loopbackWithoutPort(uri: string): string | undefined {
  const url = parseAbsoluteUri(uri);
  if (!url || url.protocol !== 'http:' || !isLoopbackIp(url.hostname)) return undefined;
  url.port = '';
  return url.href;
}

/**
 * Whether a requested redirect URI matches a registered one: exactly (RFC 6749 §3.1.2.3), or — for http loopback
 * IP literals only — ignoring the port, because RFC 8252 §7.3 requires the server to allow any port for them (a
 * native app such as `aws sso login` registers `http://127.0.0.1/oauth/callback` and listens on a free port).
 */
export function redirectUriMatches(registered: string, requested: string): boolean {
  if (registered === requested) return true;
  const a = loopbackWithoutPort(registered);
  return a !== undefined && a === loopbackWithoutPort(requested);
}

/** The first of `registered` that `requested` matches, or undefined. */
export const matchingRedirectUri = (registered: readonly string[], requested: string): string | undefined =>
  registered.find((r) => redirectUriMatches(r, requested));
