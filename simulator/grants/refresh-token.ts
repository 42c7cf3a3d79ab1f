/**
 * refresh_token: a refresh token this simulator issued to the same client, unexpired, within its Identity Center
 * session, and (when the scenario rotates refresh tokens) not yet used.
 */
import { REFRESH_TOKEN_PREFIX, checkAssignment, checkTokenRegion, str } from '../context.js';
import { isoSeconds } from '../clock.js';
import { InvalidGrantException, InvalidRequestException } from '../errors.js';
import { describeUser } from '../identity.js';
import type { Trace } from '../trace.js';
import type { GrantHandler } from './grant.js';

export const refreshTokenGrant: GrantHandler = {
  grantType: 'refresh_token',
  operations: ['CreateTokenWithIAM', 'CreateToken'],
  async handle(req) {
    const { ctx, input, client } = req;
    const trace: Trace = req.trace; // explicitly typed, so trace.fail() narrows
    const now = ctx.clock.now();
    const token = str(input.refreshToken);
    if (!token) trace.fail('refresh-token', 'the refresh_token grant needs `refreshToken`', InvalidRequestException);
    const rec = ctx.store.refreshTokens.get(token);
    if (!rec) {
      checkTokenRegion(ctx, token, REFRESH_TOKEN_PREFIX, 'refresh-token', trace);
      const hint = ctx.store.accessTokens.has(token) ? ' (it is an access token)' : '';
      trace.fail('refresh-token', `the refresh token was not issued by this simulator${hint}`, InvalidGrantException);
    }
    if (rec.clientId !== client.clientId) trace.fail('refresh-token', `the refresh token was issued to ${rec.clientId}, not to ${client.clientId}`, InvalidGrantException);
    const rotate = ctx.scenario.rotateRefreshTokens;
    if (rotate && rec.usedAt !== undefined)
      trace.fail('refresh-token', `the refresh token was already used at ${isoSeconds(rec.usedAt)} and replaced (this scenario rotates refresh tokens)`, InvalidGrantException);
    // The session duration caps every session (IAM Identity Center user guide, "Configure the duration of … user sessions").
    if (now >= rec.sessionEndsAt)
      trace.fail('refresh-token', `the session ended at ${isoSeconds(rec.sessionEndsAt)} (session duration ${ctx.scenario.lifetimes.session}s); the user must sign in again`, InvalidGrantException);
    if (now >= rec.expiresAt) trace.fail('refresh-token', `the refresh token expired at ${isoSeconds(rec.expiresAt)} (now ${isoSeconds(now)})`, InvalidGrantException);
    trace.pass('refresh-token', `issued to ${client.clientId} at ${isoSeconds(rec.issuedAt)}${rotate ? ', unused' : ''}, valid until ${isoSeconds(rec.expiresAt)}, session until ${isoSeconds(rec.sessionEndsAt)}`);

    const user = ctx.directory.userById(rec.userId);
    if (!user) trace.fail('user', `user ${rec.userId} is no longer in the identity store`, InvalidGrantException);
    trace.pass('user', describeUser(user));
    checkAssignment(ctx, client.app, user, trace);
    return {
      user,
      allowedScopes: rec.scopes,
      scopeSource: "the refresh token's scopes",
      authTime: rec.authTime,
      actor: rec.actor,
      issueRefreshToken: true,
      sessionEndsAt: rec.sessionEndsAt,
      ...(rotate ? {} : { sameRefreshToken: rec }),
      commit: () => {
        rec.usedAt = now;
      },
    };
  },
};
