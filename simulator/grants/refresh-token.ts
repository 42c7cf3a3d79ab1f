/** refresh_token: a refresh token this simulator issued to the same client, unexpired and not yet rotated. */
import { checkAssignment, str } from '../context.js';
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
      const hint = ctx.store.accessTokens.has(token) ? ' (it is an access token)' : '';
      trace.fail('refresh-token', `the refresh token was not issued by this simulator${hint}`, InvalidGrantException);
    }
    if (rec.clientId !== client.clientId) trace.fail('refresh-token', `the refresh token was issued to ${rec.clientId}, not to ${client.clientId}`, InvalidGrantException);
    if (rec.usedAt !== undefined)
      trace.fail('refresh-token', `the refresh token was already used at ${isoSeconds(rec.usedAt)} and replaced (refresh tokens rotate)`, InvalidGrantException);
    if (now >= rec.expiresAt) trace.fail('refresh-token', `the refresh token expired at ${isoSeconds(rec.expiresAt)} (now ${isoSeconds(now)})`, InvalidGrantException);
    trace.pass('refresh-token', `issued to ${client.clientId} at ${isoSeconds(rec.issuedAt)}, unused, valid until ${isoSeconds(rec.expiresAt)}`);

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
      commit: () => {
        rec.usedAt = now;
      },
    };
  },
};
