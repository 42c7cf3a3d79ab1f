/**
 * urn:ietf:params:oauth:grant-type:jwt-bearer: a trusted token issuer's JWT, verified with jose — exact
 * `iss` match, asymmetric signature with the issuer's keys (never keys named in the token's own header),
 * audience, lifetime on the simulated clock, jti replay — then the user it maps to and that user's assignment.
 */
import { decodeJwt, decodeProtectedHeader, errors as joseErrors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { GRANT_TYPES, type ApplicationNode, type AuthorizedTokenIssuerNode } from '../../model/types.js';
import { applicationScopes, checkAssignment, clientHasGrant, str } from '../context.js';
import { isoSeconds } from '../clock.js';
import { InvalidGrantException, InvalidRequestException } from '../errors.js';
import { describeUser, searchJmespath } from '../identity.js';
import { ASYMMETRIC_ALGS } from '../keys.js';
import { claimTypeProblem, compactFormProblem, duplicateMember, headerProblem } from '../jwt-structure.js';
import type { Trace } from '../trace.js';
import type { GrantHandler } from './grant.js';

/** Largest assertion accepted (characters). Identity Center's own limit is not published; 64 KiB is far above real IdP tokens. */
export const MAX_ASSERTION_LENGTH = 64 * 1024;

/** Header members that name keys; a verifier that trusted them would let the token choose its own key. */
const KEY_REFERENCE_HEADERS = ['jku', 'x5u', 'jwk', 'x5c'];

const audiences = (aud: JWTPayload['aud']): string[] => (aud === undefined ? [] : Array.isArray(aud) ? aud : [aud]);

export type AuthorizedIssuer = AuthorizedTokenIssuerNode & { issuer: NonNullable<AuthorizedTokenIssuerNode['issuer']> };

/**
 * The declared trusted token issuers the application's jwt-bearer grant authorizes (its first jwt-bearer grant,
 * as Identity Center keeps one grant per type), in order: a JWT's `iss` picks the first whose IssuerUrl equals it.
 */
export function authorizedIssuers(app: ApplicationNode): AuthorizedIssuer[] {
  const grant = app.grants.find((g) => g.grantType === GRANT_TYPES.jwtBearer);
  return (grant?.authorizedTokenIssuers ?? []).filter((a): a is AuthorizedIssuer => !!a.issuer);
}

/**
 * How far a token's `iat` / `nbf` may be ahead of the simulator's clock, and its `exp` behind it: an IdP's clock
 * and this one are never exactly in step (RFC 7519 §4.1.4 allows "some small leeway"). Identity Center's value is
 * not documented; 60 s is the usual verifier default.
 */
export const CLOCK_SKEW_LEEWAY_S = 60;

type VerifyOptions = Parameters<typeof jwtVerify>[2];

/**
 * jwtVerify, trying each key of the JWKS that could have signed the token when several could (a token without
 * `kid` against a JWKS with two keys of its type; jose then throws JWKSMultipleMatchingKeys, which iterates them).
 */
async function verifyWithEachCandidate(assertion: string, getKey: JWTVerifyGetKey, options: VerifyOptions): Promise<void> {
  try {
    await jwtVerify(assertion, getKey, options);
  } catch (err) {
    if (!(err instanceof joseErrors.JWKSMultipleMatchingKeys)) throw err;
    let last: unknown = err;
    for await (const key of err) {
      try {
        await jwtVerify(assertion, key, options);
        return;
      } catch (e) {
        if (!(e instanceof joseErrors.JWSSignatureVerificationFailed)) throw e;
        last = e;
      }
    }
    throw last;
  }
}

export const jwtBearerGrant: GrantHandler = {
  grantType: GRANT_TYPES.jwtBearer,
  operations: ['CreateTokenWithIAM'],
  async handle(req) {
    const { ctx, input, client } = req;
    const trace: Trace = req.trace; // explicitly typed, so trace.fail() narrows
    const app = client.app!;
    const now = ctx.clock.now();
    const assertion = str(input.assertion);
    if (assertion === undefined || assertion === '') trace.fail('assertion', 'the jwt-bearer grant needs `assertion`', InvalidRequestException);
    if (assertion.length > MAX_ASSERTION_LENGTH)
      trace.fail('assertion', `the assertion is ${assertion.length} characters, over the ${MAX_ASSERTION_LENGTH}-character limit`, InvalidRequestException);

    // Structure (RFC 7523 §3.1: an invalid JWT is invalid_grant).
    let header: ReturnType<typeof decodeProtectedHeader>;
    let claims: JWTPayload;
    try {
      const partsProblem = compactFormProblem(assertion.split('.').length);
      if (partsProblem) throw new Error(partsProblem);
      header = decodeProtectedHeader(assertion);
      claims = decodeJwt(assertion);
    } catch (err) {
      return trace.fail('assertion', `the assertion is not a well-formed JWT: ${(err as Error).message}`, InvalidGrantException);
    }
    const payloadJson = Buffer.from(assertion.split('.')[1]!, 'base64url').toString('utf8');
    const duplicate = duplicateMember(payloadJson) ?? duplicateMember(Buffer.from(assertion.split('.')[0]!, 'base64url').toString('utf8'));
    const structure =
      headerProblem(header) ?? claimTypeProblem(claims) ?? (duplicate !== undefined ? `member ${JSON.stringify(duplicate)} appears twice (parsers disagree on which one counts)` : undefined);
    if (structure) trace.fail('assertion', `the assertion is refused: ${structure}`, InvalidGrantException);
    trace.pass('assertion', `a JWT (alg ${String(header.alg)}${header.kid ? `, kid ${header.kid}` : ''})`);

    if (typeof header.alg !== 'string' || !ASYMMETRIC_ALGS.includes(header.alg))
      trace.fail('algorithm', `alg ${JSON.stringify(header.alg ?? null)} is not allowed; only asymmetric algorithms (${ASYMMETRIC_ALGS.join(', ')})`, InvalidGrantException);
    const keyRefs = KEY_REFERENCE_HEADERS.filter((h) => h in header);
    trace.pass('algorithm', `${header.alg} is asymmetric${keyRefs.length ? `; header ${keyRefs.join(', ')} ignored (keys come only from the issuer's configuration, never from the token)` : ''}`);

    // Issuer: `iss` must equal an authorized issuer's IssuerUrl exactly.
    const authorized = authorizedIssuers(app);
    const iss = claims.iss;
    const entry = authorized.find((a) => a.issuer.oidc?.issuerUrl === iss);
    if (!entry) {
      const urls = authorized.map((a) => `${a.issuer.name}: ${a.issuer.oidc?.issuerUrl ?? '(no IssuerUrl)'}`);
      const near = authorized.find((a) => typeof iss === 'string' && a.issuer.oidc?.issuerUrl?.replace(/\/$/, '') === iss.replace(/\/$/, ''));
      const why = near ? ` — it differs from ${near.issuer.name}'s IssuerUrl only by a trailing slash, and the match is exact` : '';
      trace.fail('issuer', `iss ${JSON.stringify(iss ?? null)} is not the IssuerUrl of any trusted token issuer authorized by the grant (${urls.join('; ') || 'none'})${why}`, InvalidGrantException);
    }
    const issuer = entry.issuer;
    trace.pass('issuer', `iss equals the IssuerUrl of trusted token issuer ${issuer.name} (${issuer.arn})`);

    // Signature (and lifetime, which jose checks against the simulated clock, with CLOCK_SKEW_LEEWAY_S).
    let keys = await ctx.keyring.verificationKeys(issuer);
    if ('missing' in keys) trace.fail('signature', keys.missing, InvalidGrantException);
    const options = { algorithms: ASYMMETRIC_ALGS, currentDate: new Date(now), requiredClaims: ['exp'], clockTolerance: CLOCK_SKEW_LEEWAY_S };
    let refetched = '';
    for (let attempt = 0; ; attempt++) {
      try {
        await verifyWithEachCandidate(assertion, keys.getKey, options);
        break;
      } catch (err) {
        // jose checks claims only after the signature verified.
        if (err instanceof joseErrors.JWTExpired || err instanceof joseErrors.JWTClaimValidationFailed) trace.pass('signature', `verified with ${keys.source}${refetched}`);
        if (err instanceof joseErrors.JWTExpired)
          trace.fail('lifetime', `the JWT expired at ${isoSeconds(Number(claims.exp) * 1000)} (now ${isoSeconds(now)}, leeway ${CLOCK_SKEW_LEEWAY_S} s)`, InvalidGrantException);
        if (err instanceof joseErrors.JWTClaimValidationFailed)
          trace.fail('lifetime', `claim ${err.claim} check failed: ${err.message} (now ${isoSeconds(now)}, leeway ${CLOCK_SKEW_LEEWAY_S} s)`, InvalidGrantException);
        if (err instanceof joseErrors.JWKSNoMatchingKey) {
          const noKey = `no key of ${keys.source} matches the token's header (kid ${JSON.stringify(header.kid ?? null)}, alg ${header.alg})`;
          // Key rotation: an IdP publishes a new key before it signs with it, so a fetched JWKS may be stale.
          if (attempt === 0 && keys.fetched) {
            const again = await ctx.keyring.refetchVerificationKeys(issuer);
            if (!('skipped' in again)) {
              keys = again;
              refetched = ` (refetched after kid ${JSON.stringify(header.kid ?? null)} was not in the cached JWKS)`;
              continue;
            }
            trace.fail('signature', `${noKey}; not refetched: ${again.skipped}`, InvalidGrantException);
          }
          trace.fail('signature', `${noKey}${refetched}`, InvalidGrantException);
        }
        trace.fail('signature', `signature check with ${keys.source}${refetched} failed: ${(err as Error).message}`, InvalidGrantException);
      }
    }
    trace.pass('signature', `verified with ${keys.source}${refetched}`);
    if (typeof claims.iat === 'number' && claims.iat * 1000 > now + CLOCK_SKEW_LEEWAY_S * 1000)
      trace.fail('lifetime', `the JWT was issued in the future (iat ${isoSeconds(claims.iat * 1000)}, now ${isoSeconds(now)}, leeway ${CLOCK_SKEW_LEEWAY_S} s)`, InvalidGrantException);
    trace.pass('lifetime', `valid until ${isoSeconds(Number(claims.exp) * 1000)}${claims.nbf !== undefined ? `, not before ${isoSeconds(claims.nbf * 1000)}` : ''} (now ${isoSeconds(now)}, leeway ${CLOCK_SKEW_LEEWAY_S} s)`);

    // RFC 7523 §3 item 2: the JWT MUST contain `sub`. Identity Center's answer is not documented, and the spec's
    // scenario `jwt:` has no default `sub`; a token without one is accepted with a warning (simulator/README.md).
    trace.pass('subject', typeof claims.sub === 'string' ? `sub ${claims.sub}` : 'warning: the JWT has no sub claim, which RFC 7523 §3 requires; real IdPs always send one, and Identity Center may refuse it');

    // Audience.
    const aud = audiences(claims.aud);
    const allowed = entry.audiences ?? [];
    const hit = aud.find((a) => allowed.includes(a));
    if (hit === undefined)
      trace.fail('audience', `aud ${JSON.stringify(claims.aud ?? null)} is not among the AuthorizedAudiences for ${issuer.name} (${allowed.join(', ') || 'none'})`, InvalidGrantException);
    trace.pass('audience', `aud ${hit} is authorized for ${issuer.name}`);

    // Replay: a jti is exchanged once.
    const jtiKey = typeof claims.jti === 'string' ? `${iss} ${claims.jti}` : undefined;
    if (jtiKey !== undefined && ctx.store.exchangedJtis.has(jtiKey)) trace.fail('jti', `jti ${claims.jti} was already exchanged`, InvalidGrantException);
    trace.pass('jti', jtiKey === undefined ? 'the JWT has no jti (replay cannot be detected)' : `jti ${claims.jti} not seen before`);

    // User mapping: ClaimAttributePath (JMESPath over the claims) → IdentityStoreAttributePath.
    const claimPath = issuer.oidc?.claimAttributePath;
    const storePath = issuer.oidc?.identityStoreAttributePath;
    if (!claimPath || !storePath) trace.fail('user', `issuer ${issuer.name} has no ClaimAttributePath / IdentityStoreAttributePath`, InvalidGrantException);
    let value: unknown;
    try {
      value = searchJmespath(claimPath, claims);
    } catch (err) {
      trace.fail('user', `ClaimAttributePath ${claimPath} is not valid JMESPath: ${(err as Error).message}`, InvalidGrantException);
    }
    // A string only: a number, boolean or object compared as text would map `email: 123` to a user whose email is "123".
    if (typeof value !== 'string')
      trace.fail('user', `ClaimAttributePath ${claimPath} yields ${JSON.stringify(value ?? null)} (${value === null || value === undefined ? 'nothing' : Array.isArray(value) ? 'a list' : `a ${typeof value}`}) from the JWT, not a string; only a string claim maps to a user`, InvalidGrantException);
    let matches;
    try {
      matches = ctx.directory.usersWithAttribute(storePath, value);
    } catch (err) {
      return trace.fail('user', `IdentityStoreAttributePath ${storePath} cannot be evaluated: ${(err as Error).message}`, InvalidGrantException);
    }
    const compared = `claim ${claimPath} = ${JSON.stringify(value)} against identity-store attribute ${storePath}`;
    if (matches.length === 0) trace.fail('user', `no user matches ${compared}`, InvalidGrantException);
    if (matches.length > 1) trace.fail('user', `${matches.length} users match ${compared} (${matches.map(describeUser).join(', ')}); exactly one must`, InvalidGrantException);
    const user = matches[0]!;
    trace.pass('user', `${describeUser(user)} matches ${compared}`);

    checkAssignment(ctx, app, user, trace);
    return {
      user,
      allowedScopes: applicationScopes(app),
      scopeSource: `application ${app.name}'s access scopes and the defaults`,
      authTime: typeof claims.iat === 'number' ? claims.iat * 1000 : now,
      actor: issuer.arn,
      issueRefreshToken: clientHasGrant(client, 'refresh_token'),
      // AWS's jwt-bearer example (S3 Access Grants guide) shows `act` and `sts:audit_context`.
      idToken: { act: issuer.arn, auditContext: true },
      commit: () => {
        if (jtiKey !== undefined) ctx.store.exchangedJtis.set(jtiKey, Number(claims.exp) * 1000);
      },
    };
  },
};
