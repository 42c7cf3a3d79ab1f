/**
 * urn:ietf:params:oauth:grant-type:token-exchange (RFC 8693): the subject token must be an access token this
 * simulator issued to a different application, still valid, with a scope that the issuing application's
 * access scope authorizes for the requesting application (AuthorizedTargets).
 */
import { ACCESS_TOKEN_PREFIX, ACCESS_TOKEN_TYPE, checkTokenRegion, REFRESH_TOKEN_TYPE, accessScopesAuthorizing, applicationScopes, checkAssignment, clientHasGrant, findApplication, str } from '../context.js';
import { isoSeconds } from '../clock.js';
import { InvalidGrantException, InvalidRequestException, UnauthorizedClientException } from '../errors.js';
import { describeUser } from '../identity.js';
import type { Trace } from '../trace.js';
import type { GrantHandler } from './grant.js';

export const tokenExchangeGrant: GrantHandler = {
  grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
  operations: ['CreateTokenWithIAM'],
  async handle(req) {
    const { ctx, input, client } = req;
    const trace: Trace = req.trace; // explicitly typed, so trace.fail() narrows
    const app = client.app!;
    const now = ctx.clock.now();
    const subjectToken = str(input.subjectToken);
    if (!subjectToken) trace.fail('subject-token-type', 'the token-exchange grant needs `subjectToken`', InvalidRequestException);
    const subjectType = str(input.subjectTokenType);
    if (subjectType !== ACCESS_TOKEN_TYPE)
      trace.fail('subject-token-type', `subjectTokenType ${JSON.stringify(subjectType ?? null)} is not supported; only ${ACCESS_TOKEN_TYPE}`, InvalidRequestException);
    const requestedType = str(input.requestedTokenType) ?? ACCESS_TOKEN_TYPE;
    if (requestedType !== ACCESS_TOKEN_TYPE && requestedType !== REFRESH_TOKEN_TYPE)
      trace.fail('subject-token-type', `requestedTokenType ${requestedType} is not supported; only ${ACCESS_TOKEN_TYPE} or ${REFRESH_TOKEN_TYPE}`, InvalidRequestException);
    trace.pass('subject-token-type', `subject ${subjectType}, requested ${requestedType}${input.requestedTokenType === undefined ? ' (the default)' : ''}`);

    const rec = ctx.store.accessTokens.get(subjectToken);
    if (!rec) {
      checkTokenRegion(ctx, subjectToken, ACCESS_TOKEN_PREFIX, 'subject-token', trace);
      const hint = ctx.store.refreshTokens.has(subjectToken) ? ' (it is a refresh token)' : '';
      trace.fail('subject-token', `the subject token is not an access token issued by this simulator${hint}`, InvalidGrantException);
    }
    if (now >= rec.expiresAt) trace.fail('subject-token', `the subject token expired at ${isoSeconds(rec.expiresAt)} (now ${isoSeconds(now)})`, InvalidGrantException);
    if (rec.clientId === client.clientId)
      trace.fail('subject-token', `the subject token was issued to ${app.name} itself; token exchange needs a token of a different application`, InvalidGrantException);
    // The issuing application as it is now: `serve`'s control plane may have changed its access scopes since.
    const issuing = rec.app && (findApplication(ctx.model, rec.app.arn) ?? rec.app);
    trace.pass('subject-token', `an access token issued to ${issuing ? issuing.name : rec.clientId}, valid until ${isoSeconds(rec.expiresAt)}`);

    // A scope of the subject token must target the requesting application (by ARN, or its instance).
    const authorizing = issuing ? accessScopesAuthorizing(issuing, app, rec.scopes) : [];
    if (authorizing.length === 0) {
      const declared = (issuing?.accessScopes ?? []).map((s) => `${s.scope ?? '?'} → [${s.targets.map((t) => t.ref).join(', ')}]`).join('; ') || 'none';
      trace.fail(
        'subject-token-scope',
        `none of the subject token's scopes (${rec.scopes.join(', ')}) is an access scope of ${issuing?.name ?? rec.clientId} that authorizes ${app.name} (${app.arn}) as a target (declared: ${declared})`,
        InvalidGrantException,
      );
    }
    trace.pass('subject-token-scope', `scope ${authorizing.map((s) => s.scope).join(', ')} of ${issuing!.name} authorizes ${app.name}`);

    const user = ctx.directory.userById(rec.userId);
    if (!user) trace.fail('user', `user ${rec.userId} is no longer in the identity store`, InvalidGrantException);
    trace.pass('user', describeUser(user));
    checkAssignment(ctx, app, user, trace);

    const wantsRefresh = requestedType === REFRESH_TOKEN_TYPE;
    if (wantsRefresh && !clientHasGrant(client, 'refresh_token'))
      trace.fail('requested-token-type', `a refresh token was requested, but ${app.name} has no refresh_token grant`, UnauthorizedClientException);
    return {
      user,
      allowedScopes: applicationScopes(app),
      scopeSource: `application ${app.name}'s access scopes and the defaults`,
      authTime: rec.authTime,
      actor: rec.actor,
      issueRefreshToken: wantsRefresh,
      sessionEndsAt: rec.sessionEndsAt,
      idToken: { auditContext: false },
    };
  },
};
