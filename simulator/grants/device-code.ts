/** urn:ietf:params:oauth:grant-type:device_code (RFC 8628): poll for the tokens of a device authorization the user approved. */
import { checkAssignment, clientScopes, mayIssueRefreshToken, str } from '../context.js';
import { isoSeconds } from '../clock.js';
import {
  AuthorizationPendingException,
  ExpiredTokenException,
  InvalidGrantException,
  InvalidRequestException,
  SlowDownException,
} from '../errors.js';
import { describeUser } from '../identity.js';
import type { Trace } from '../trace.js';
import type { GrantHandler } from './grant.js';

/** RFC 8628 §3.5: each slow_down adds 5 seconds to the polling interval. */
const SLOW_DOWN_STEP_S = 5;

export const deviceCodeGrant: GrantHandler = {
  grantType: 'urn:ietf:params:oauth:grant-type:device_code',
  operations: ['CreateToken'],
  async handle(req) {
    const { ctx, input, client } = req;
    const trace: Trace = req.trace; // explicitly typed, so trace.fail() narrows
    const now = ctx.clock.now();
    const deviceCode = str(input.deviceCode);
    if (!deviceCode) trace.fail('device-code', 'the device_code grant needs `deviceCode`', InvalidRequestException);
    const rec = ctx.store.devices.get(deviceCode);
    if (!rec) trace.fail('device-code', 'the device code was not issued by StartDeviceAuthorization of this simulator', InvalidGrantException);
    if (rec.clientId !== client.clientId) trace.fail('device-code', `the device code was issued to client ${rec.clientId}, not ${client.clientId}`, InvalidGrantException);
    if (rec.usedAt !== undefined) trace.fail('device-code', `the device code was already exchanged at ${isoSeconds(rec.usedAt)} (single use)`, InvalidGrantException);
    if (now >= rec.expiresAt) trace.fail('device-code', `the device authorization expired at ${isoSeconds(rec.expiresAt)} (now ${isoSeconds(now)})`, ExpiredTokenException);
    trace.pass('device-code', `issued to ${client.clientId}, valid until ${isoSeconds(rec.expiresAt)}`);

    const last = rec.lastPollAt;
    rec.lastPollAt = now;
    if (last !== undefined && now - last < rec.interval * 1000) {
      const waited = (now - last) / 1000;
      rec.interval += SLOW_DOWN_STEP_S;
      trace.fail('polling', `polled ${waited}s after the previous poll, faster than the ${rec.interval - SLOW_DOWN_STEP_S}s interval (now ${rec.interval}s)`, SlowDownException);
    }
    trace.pass('polling', last === undefined ? 'first poll' : `${(now - last) / 1000}s since the previous poll (interval ${rec.interval}s)`);

    if (rec.approvedUserId === undefined) trace.fail('approval', `the user has not approved user code ${rec.userCode} yet`, AuthorizationPendingException);
    const user = ctx.directory.userById(rec.approvedUserId);
    if (!user) trace.fail('approval', `user ${rec.approvedUserId} is no longer in the identity store`, InvalidGrantException);
    trace.pass('approval', `${describeUser(user)} approved user code ${rec.userCode}`);
    checkAssignment(ctx, client.app, user, trace);
    return {
      user,
      allowedScopes: clientScopes(client),
      scopeSource: 'the scopes registered by the client',
      authTime: now,
      issueRefreshToken: mayIssueRefreshToken(client),
      commit: () => {
        rec.usedAt = now;
      },
    };
  },
};
