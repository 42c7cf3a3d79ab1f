/** authorization_code: redeem a code from an earlier Authorize (unused, unexpired, same client and redirect URI, PKCE). */
import { createHash } from 'node:crypto';
import { constantTimeEqual } from '../../model/constant-time.js';
import { matchingRedirectUri } from '../../model/redirect-uri.js';
import { checkAssignment, clientRedirectUris, mayIssueRefreshToken, str } from '../context.js';
import { isoSeconds } from '../clock.js';
import { InvalidGrantException, InvalidRequestException } from '../errors.js';
import { describeUser } from '../identity.js';
import type { Trace } from '../trace.js';
import type { GrantHandler } from './grant.js';

/** RFC 7636 §4.6: the S256 challenge of a verifier, BASE64URL(SHA256(ASCII(verifier))). */
export const pkceChallenge = (verifier: string): string => createHash('sha256').update(verifier, 'ascii').digest('base64url');

/** RFC 7636 §4.1: code_verifier = 43*128unreserved, unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
export const CODE_VERIFIER = /^[A-Za-z0-9\-._~]{43,128}$/;

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

    // RFC 6749 §4.1.3: "identical" to the Authorize request's; and still allowed for the client (a loopback URI
    // on any port, RFC 8252 §7.3).
    const redirectUri = str(input.redirectUri);
    // RFC 6749 §4.1.3 makes redirect_uri required when Authorize had one (Authorize always has one here); a missing
    // required parameter is invalid_request (§5.2), a different one invalid_grant.
    if (redirectUri === undefined) trace.fail('redirect-uri', `the authorization_code grant needs \`redirectUri\` (the one used at Authorize: ${rec.redirectUri})`, InvalidRequestException);
    if (redirectUri !== rec.redirectUri)
      trace.fail('redirect-uri', `redirectUri ${JSON.stringify(redirectUri ?? null)} is not the one used at Authorize (${rec.redirectUri})`, InvalidGrantException);
    const registered = clientRedirectUris(client);
    if (!matchingRedirectUri(registered, redirectUri))
      trace.fail('redirect-uri', `redirectUri ${redirectUri} is not among the grant's RedirectUris (${registered.join(', ') || 'none'})`, InvalidGrantException);
    trace.pass('redirect-uri', `${redirectUri} matches the Authorize request and the registered RedirectUris`);

    const verifier = str(input.codeVerifier);
    if (rec.codeChallenge !== undefined) {
      if (verifier === undefined) trace.fail('pkce', 'Authorize used an S256 code challenge, but no codeVerifier was sent', InvalidGrantException);
      if (!CODE_VERIFIER.test(verifier))
        trace.fail('pkce', `codeVerifier must be 43 to 128 unreserved characters (A-Z a-z 0-9 - . _ ~, RFC 7636 §4.1); got ${verifier.length} characters`, InvalidGrantException);
      if (!constantTimeEqual(pkceChallenge(verifier), rec.codeChallenge))
        trace.fail('pkce', 'codeVerifier does not match the S256 code challenge of the Authorize request', InvalidGrantException);
      trace.pass('pkce', 'codeVerifier matches the S256 code challenge');
    } else {
      // RFC 9700 §2.1.1 (PKCE downgrade): a code_verifier is accepted only if Authorize carried a code_challenge.
      if (verifier !== undefined) trace.fail('pkce', 'codeVerifier sent, but Authorize used no code challenge (a PKCE downgrade, RFC 9700 §2.1.1)', InvalidGrantException);
      trace.pass('pkce', 'Authorize used no code challenge, and no codeVerifier was sent');
    }

    const user = ctx.directory.userById(rec.userId);
    if (!user) trace.fail('user', `user ${rec.userId} is no longer in the identity store`, InvalidGrantException);
    trace.pass('user', `${describeUser(user)} signed in at Authorize`);
    checkAssignment(ctx, client.app, user, trace);
    return {
      user,
      allowedScopes: rec.scopes,
      scopeSource: 'the scopes approved at Authorize',
      authTime: rec.issuedAt,
      issueRefreshToken: mayIssueRefreshToken(client),
      // The session began when the user signed in at Authorize.
      sessionEndsAt: rec.issuedAt + ctx.scenario.lifetimes.session * 1000,
      idToken: { auditContext: true },
      commit: () => {
        rec.usedAt = now;
      },
    };
  },
};
