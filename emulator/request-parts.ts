/** Small readers of a request's parts for serve: the target URL, /authorize parameters, origins for a CSP. */
import type { OperationResult } from '../simulator/index.js';
import type { AuthorizeRequest } from './pages.js';

export const BASE = 'http://emulator.invalid';
/** A century: /_tipkit/jwt's expiresIn limit (negative mints an already expired token). */
export const MAX_MINT_SECONDS = 100 * 365 * 86_400;

/** The request target as a URL: a path (`//x` stays a path, not a host), or absolute; undefined when malformed. */
export function requestUrl(target: string | undefined): URL | undefined {
  try {
    return target === undefined ? new URL(BASE) : target.startsWith('/') ? new URL(`${BASE}${target}`) : new URL(target);
  } catch {
    return undefined;
  }
}

/** AWS's /authorize parameters: `scopes` space- or comma-separated (`scope` accepted too). */
export function authorizeRequest(get: (name: string) => string | undefined): AuthorizeRequest {
  const scopes = (get('scopes') ?? get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
  return {
    clientId: get('client_id') ?? '',
    redirectUri: get('redirect_uri') ?? '',
    scopes,
    state: get('state'),
    codeChallenge: get('code_challenge'),
    codeChallengeMethod: get('code_challenge_method'),
  };
}

export function describeFailure(result: OperationResult): string {
  return `${result.error?.type ?? 'Error'}: ${result.error?.error_description ?? 'refused'}`;
}

/** `http://127.0.0.1:3000` for a CSP source list; undefined for anything that is not a plain http(s) URL. */
export function originOf(uri: string | undefined): string | undefined {
  if (!uri) return undefined;
  try {
    const u = new URL(uri);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.origin : undefined;
  } catch {
    return undefined;
  }
}
