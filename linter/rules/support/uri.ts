/** URI checks shared by the redirect-URI and issuer-URL rules (WHATWG URL parsing after an RFC 3986 scheme check). */

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

/** Hosts an OAuth redirect may reach over plain http (RFC 8252 §7.3 loopback redirection). */
const LOOPBACK_HOSTS = new Set(['127.0.0.1', '[::1]', 'localhost']);

export const isLoopbackHost = (hostname: string): boolean => LOOPBACK_HOSTS.has(hostname.toLowerCase());
