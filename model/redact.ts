/** Shortening secrets for display: enough of a token, secret or key to tell two apart, never enough to use one. */

/** `aoaK3fQ…x9Zw`; 16 characters or fewer (user codes, short ids) are left as they are. */
export function shortenSecret(value: string): string {
  return value.length > 16 ? `${value.slice(0, 6)}…${value.slice(-4)}` : value;
}

const JWT = /\beyJ[\w-]*\.[\w-]*\.[\w-]*/g;
/** Long opaque strings: access/refresh tokens, client secrets, device codes. ARNs and URLs contain ':' or '/' and survive. */
const OPAQUE = /(?<![\w:/.-])[\w-]{32,}(?![\w:/.-])/g;
/** Random base64url mixes upper case, lower case and digits; identifiers such as a GUID `aud` or a client id do not. */
const looksRandom = (s: string): boolean => /[A-Z]/.test(s) && /[a-z]/.test(s) && /\d/.test(s);

/** Free text with anything that looks like a token shortened; identifiers (aud, client ids, GUIDs) stay whole. */
export function scrubSecrets(text: string): string {
  return text.replace(JWT, shortenSecret).replace(OPAQUE, (s) => (looksRandom(s) ? shortenSecret(s) : s));
}
