/**
 * Structural checks on an untrusted JWT before any key is looked up: what jose would quietly accept or
 * interpret differently from other parsers (duplicate claims, `b64`, nested tokens, odd `kid`s, claim types).
 * Each returns why the token is refused, or undefined.
 */

/** Longest `kid` accepted; real IdPs use thumbprints and UUIDs, far shorter. */
export const MAX_KID_LENGTH = 256;

/** `kid`s are opaque names; one that looks like a path or carries control characters is an injection attempt. */
const UNSAFE_KID = /\.\.|[/\\]|[\u0000-\u001f\u007f]/;

/** Why a compact token with this many dot-separated parts is not a signed JWT, or undefined for 3. */
export function compactFormProblem(parts: number): string | undefined {
  if (parts === 3) return undefined;
  if (parts === 5) return 'it has 5 dot-separated parts: a JWE (an encrypted token), where a signed JWT (JWS) is expected';
  return `it has ${parts} dot-separated parts, not 3`;
}

/** Why this protected header is refused, or undefined. */
export function headerProblem(header: Record<string, unknown>): string | undefined {
  if ('enc' in header) return 'the header has `enc`: a JWE (an encrypted token), where a signed JWT (JWS) is expected';
  if ('crit' in header) {
    const names = Array.isArray(header.crit) ? header.crit.map(String).join(', ') : JSON.stringify(header.crit);
    return `the header marks extensions as critical (crit: ${names}); none is understood, so the token must be refused (RFC 7515 §4.1.11)`;
  }
  if ('b64' in header) return 'the header has `b64` (RFC 7797 unencoded payload), which a JWT must not use';
  if (typeof header.cty === 'string' && header.cty.toUpperCase() === 'JWT') return 'the header has cty JWT: a nested JWT, which is not accepted as an assertion';
  if (header.kid !== undefined) {
    if (typeof header.kid !== 'string') return `kid must be a string (got ${JSON.stringify(header.kid)})`;
    if (header.kid.length > MAX_KID_LENGTH) return `kid is ${header.kid.length} characters, over the ${MAX_KID_LENGTH}-character limit`;
    if (UNSAFE_KID.test(header.kid)) return `kid ${JSON.stringify(header.kid)} holds path or control characters`;
  }
  return undefined;
}

const STRING_CLAIMS = ['iss', 'sub', 'jti'];
const NUMERIC_DATE_CLAIMS = ['exp', 'nbf', 'iat'];
/** 9999-12-31T23:59:59Z in seconds: a later date cannot be a real token's, and cannot be printed. */
const LATEST_NUMERIC_DATE = 253_402_300_799;

/** Why the registered claims have the wrong types (RFC 7519 §4.1), or undefined. */
export function claimTypeProblem(claims: Record<string, unknown>): string | undefined {
  for (const name of STRING_CLAIMS)
    if (claims[name] !== undefined && typeof claims[name] !== 'string') return `claim ${name} must be a string (got ${JSON.stringify(claims[name])})`;
  const aud = claims.aud;
  if (aud !== undefined && typeof aud !== 'string' && !(Array.isArray(aud) && aud.every((a) => typeof a === 'string')))
    return `claim aud must be a string or a list of strings (got ${JSON.stringify(aud)})`;
  for (const name of NUMERIC_DATE_CLAIMS) {
    const v = claims[name];
    if (v !== undefined && (typeof v !== 'number' || !Number.isFinite(v))) return `claim ${name} must be a number of seconds (got ${JSON.stringify(v)})`;
    if (typeof v === 'number' && (v < 0 || v > LATEST_NUMERIC_DATE)) return `claim ${name} is ${v}, outside the years 1970 to 9999`;
  }
  return undefined;
}

/**
 * The first member name that appears twice in one object of `json` (already known to parse), or undefined.
 * JSON.parse keeps the last duplicate while other parsers keep the first, so a token with duplicates could
 * mean one thing to the IdP and another here (RFC 7519 §4: such a JWT must be rejected).
 */
export function duplicateMember(json: string): string | undefined {
  const frames: { keys: Set<string> | undefined; expectKey: boolean }[] = [];
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (c === '{') frames.push({ keys: new Set(), expectKey: true });
    else if (c === '[') frames.push({ keys: undefined, expectKey: false });
    else if (c === '}' || c === ']') frames.pop();
    else if (c === ',') {
      const top = frames[frames.length - 1];
      if (top?.keys) top.expectKey = true;
    } else if (c === '"') {
      let j = i + 1;
      while (j < json.length && json[j] !== '"') j += json[j] === '\\' ? 2 : 1;
      const top = frames[frames.length - 1];
      if (top?.keys && top.expectKey) {
        const key = JSON.parse(json.slice(i, j + 1)) as string;
        if (top.keys.has(key)) return key;
        top.keys.add(key);
        top.expectKey = false;
      }
      i = j;
    }
  }
  return undefined;
}
