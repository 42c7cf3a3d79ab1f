/** authorization_code: redeem a code from an earlier Authorize (unused, unexpired, same client and redirect URI, PKCE). */
import { createHash, timingSafeEqual } from 'node:crypto';
import { checkAssignment, clientHasGrant, clientRedirectUris, str } from '../context.js';
import { isoSeconds } from '../clock.js';
import { InvalidGrantException, InvalidRequestException } from '../errors.js';
import { describeUser } from '../identity.js';
import type { Trace } from '../trace.js';
import type { GrantHandler } from './grant.js';

const sameString = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** RFC 7636 §4.6: BASE64URL(SHA256(verifier)) for S256, the verifier itself for plain. */
export const pkceChallenge = (verifier: string, method: 'S256' | 'plain'): string =>
  method === 'S256' ? createHash('sha256').update(verifier, 'ascii').digest('base64url') : verifier;

export const authorizationCodeGrant: GrantHandler = {
  grantType: 'authorization_code',
  operations: ['CreateTokenWithIAM', 'CreateToken'],
  async handle(req) {
    const { ctx, input, client } = req;
    const trace: Trace = req.trace; // explicitly typed, so trace.fail() narrows
    const now = ctx.clock.now();
    const code = str(input.code);
    if (!code) trace.fail('code', 'the authorization_code grant needs `code`', InvalidRequestException);
    const rec = ctx.store.codes.get(code);
    if (!rec) trace.fail('code', 'the code was not issued by an Authorize of this simulator (unknown or evicted)', InvalidGrantException);
    if (rec.clientId !== client.clientId) trace.fail('code', `the code was issued to ${rec.clientId}, not to ${client.clientId}`, InvalidGrantException);
    if (rec.usedAt !== undefined) trace.fail('code', `the code was already redeemed at ${isoSeconds(rec.usedAt)} (codes are single-use)`, InvalidGrantException);
    if (now >= rec.expiresAt) trace.fail('code', `the code expired at ${isoSeconds(rec.expiresAt)} (now ${isoSeconds(now)})`, InvalidGrantException);
    trace.pass('code', `issued to ${client.clientId} at ${isoSeconds(rec.issuedAt)}, unused, valid until ${isoSeconds(rec.expiresAt)}`);

    const redirectUri = str(input.redirectUri);
    if (redirectUri !== rec.redirectUri)
      trace.fail('redirect-uri', `redirectUri ${JSON.stringify(redirectUri ?? null)} is not the one used at Authorize (${rec.redirectUri})`, InvalidGrantException);
    const registered = clientRedirectUris(client);
    if (!registered.includes(redirectUri))
      trace.fail('redirect-uri', `redirectUri ${redirectUri} is not among the grant's RedirectUris (${registered.join(', ') || 'none'})`, InvalidGrantException);
    trace.pass('redirect-uri', `${redirectUri} matches the Authorize request and the registered RedirectUris`);

    const verifier = str(input.codeVerifier);
    if (rec.codeChallenge !== undefined) {
      const method = rec.codeChallengeMethod ?? 'plain';
      if (verifier === undefined) trace.fail('pkce', `Authorize used a ${method} code challenge, but no codeVerifier was sent`, InvalidGrantException);
      if (!sameString(pkceChallenge(verifier, method), rec.codeChallenge))
        trace.fail('pkce', `codeVerifier does not match the ${method} code challenge of the Authorize request`, InvalidGrantException);
      trace.pass('pkce', `codeVerifier matches the ${method} code challenge`);
    } else trace.pass('pkce', verifier === undefined ? 'Authorize used no code challenge' : 'Authorize used no code challenge; codeVerifier is ignored');

    const user = ctx.directory.userById(rec.userId);
    if (!user) trace.fail('user', `user ${rec.userId} is no longer in the identity store`, InvalidGrantException);
    trace.pass('user', `${describeUser(user)} signed in at Authorize`);
    checkAssignment(ctx, client.app, user, trace);
    return {
      user,
      allowedScopes: rec.scopes,
      scopeSource: 'the scopes approved at Authorize',
      authTime: rec.issuedAt,
      issueRefreshToken: clientHasGrant(client, 'refresh_token'),
      commit: () => {
        rec.usedAt = now;
      },
    };
  },
};
