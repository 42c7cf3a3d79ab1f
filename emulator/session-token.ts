/**
 * `x-amz-security-token` on a SigV4 request: session credentials (an STS `ASIA…` key with its session token) are
 * scenario principals too, declared with `SessionToken`. AWS looks the token up with the access key, so a token
 * that does not belong to the key — a made-up one, one sent with long-term keys, or none with temporary keys — is
 * refused as UnrecognizedClientException, "The security token included in the request is invalid." (HTTP 403).
 */
import { constantTimeEqual } from '../model/constant-time.js';
import type { Principal } from '../simulator/index.js';
import { parseAuthorization } from './sigv4.js';
import type { WireError } from './wire.js';

export const INVALID_SECURITY_TOKEN = 'The security token included in the request is invalid.';

/** Why the request's security token does not go with the principal that signed it (for the log), or undefined. */
export function sessionTokenProblem(headers: Record<string, string | string[] | undefined>, principal: Principal): string | undefined {
  const sent = headers['x-amz-security-token'];
  const token = Array.isArray(sent) ? sent.join(',') : sent;
  if (token === undefined) return principal.sessionToken === undefined ? undefined : `principal ${principal.name} has temporary credentials; the request sent no x-amz-security-token`;
  if (principal.sessionToken === undefined) return `principal ${principal.name} has long-term keys (no SessionToken in the scenario), but the request sent an x-amz-security-token`;
  const signed = parseAuthorization(String(headers.authorization ?? ''))?.signedHeaders ?? [];
  if (!signed.includes('x-amz-security-token')) return 'x-amz-security-token is not among the signed headers';
  if (!constantTimeEqual(token, principal.sessionToken)) return `x-amz-security-token is not principal ${principal.name}'s SessionToken`;
  return undefined;
}

export const invalidSecurityToken = (): WireError => ({ status: 403, type: 'UnrecognizedClientException', body: { message: INVALID_SECURITY_TOKEN } });
