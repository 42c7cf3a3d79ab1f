/** authorization_code (Authorize → CreateTokenWithIAM) with PKCE, and refresh_token, on an application client. */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { byName, refusal, runScenario } from './helpers.js';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const S256 = createHash('sha256').update(VERIFIER).digest('base64url');

const authorize = (name: string, input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  name,
  operation: 'Authorize',
  input: { clientId: 'web', redirectUri: 'https://web.example.com/cb', user: 'alice', codeChallenge: S256, codeChallengeMethod: 'S256', ...input },
  ...extra,
});
const redeem = (name: string, input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  name,
  operation: 'CreateTokenWithIAM',
  caller: 'backend',
  input: { clientId: 'web', grantType: 'authorization_code', code: '${auth.code}', redirectUri: 'https://web.example.com/cb', codeVerifier: VERIFIER, ...input },
  ...extra,
});

describe('authorization_code', () => {
  it('redeems a code with a matching S256 verifier; the code is single-use', async () => {
    const report = await runScenario([authorize('auth', { state: 's1' }), redeem('redeem', {}, { after: '10s' }), redeem('again')]);
    expect(byName(report, 'auth').response).toEqual({ code: expect.any(String), state: 's1' });
    const r = byName(report, 'redeem');
    expect(r.outcome).toBe('success');
    expect(r.response!.scope).toEqual(['openid', 'aws', 'sts:identity_context', 's3:access_grants:read_write']);
    expect(r.trace.map((s) => s.check)).toEqual(['input', 'client', 'caller', 'grant', 'code', 'redirect-uri', 'pkce', 'user', 'assignment', 'scope']);
    expect(refusal(byName(report, 'again'))).toMatchObject({ error: 'InvalidGrantException', check: 'code' });
    expect(refusal(byName(report, 'again')).detail).toMatch(/already redeemed/);
  });

  it('redeems a code issued without PKCE when no verifier is sent', async () => {
    const report = await runScenario([authorize('auth', { codeChallenge: undefined, codeChallengeMethod: undefined }), redeem('none', { codeVerifier: undefined })]);
    expect(byName(report, 'none').outcome).toBe('success');
  });

  // RFC 9700 §2.1.1: "ensuring that a token request containing a code_verifier parameter is accepted only if a
  // code_challenge parameter was present in the authorization request" (PKCE downgrade).
  it('refuses a codeVerifier for a code issued without a code challenge (PKCE downgrade, RFC 9700 §2.1.1)', async () => {
    const report = await runScenario([authorize('auth', { codeChallenge: undefined, codeChallengeMethod: undefined }), redeem('downgrade')]);
    expect(refusal(byName(report, 'downgrade'))).toMatchObject({ error: 'InvalidGrantException', check: 'pkce' });
    expect(refusal(byName(report, 'downgrade')).detail).toMatch(/downgrade/);
  });

  // RFC 9700 §2.1.1 (S256 is the only method that does not expose the verifier) and RFC 7636 §4.3 (an absent
  // method means plain); RFC 7636 §4.2: an S256 challenge is 43 base64url characters.
  it('Authorize refuses a plain challenge, a challenge without a method (plain), and a challenge that is not S256-shaped', async () => {
    const report = await runScenario([
      authorize('plain', { codeChallenge: 'plain-verifier-plain-verifier-plain-verifier-0', codeChallengeMethod: 'plain' }),
      authorize('no-method', { codeChallengeMethod: undefined }),
      authorize('short', { codeChallenge: 'abc' }),
    ]);
    for (const name of ['plain', 'no-method', 'short']) expect(refusal(byName(report, name)), name).toMatchObject({ error: 'InvalidRequestException', check: 'pkce' });
    expect(refusal(byName(report, 'no-method')).detail).toMatch(/means plain/);
  });

  // RFC 7636 §4.1: code_verifier = 43*128unreserved (A-Z a-z 0-9 - . _ ~).
  it('refuses a verifier outside 43–128 unreserved characters before comparing it', async () => {
    const report = await runScenario([
      authorize('auth'),
      redeem('short', { codeVerifier: 'x'.repeat(42) }),
      redeem('long', { codeVerifier: 'x'.repeat(129) }),
      redeem('reserved', { codeVerifier: `${'x'.repeat(42)}+` }),
      redeem('right'),
    ]);
    for (const name of ['short', 'long', 'reserved']) {
      expect(refusal(byName(report, name)), name).toMatchObject({ error: 'InvalidGrantException', check: 'pkce' });
      expect(refusal(byName(report, name)).detail, name).toMatch(/43 to 128 unreserved/);
    }
    expect(byName(report, 'right').outcome).toBe('success');
  });

  it('refuses a wrong or missing verifier at check pkce (InvalidGrantException), without consuming the code', async () => {
    const report = await runScenario([authorize('auth'), redeem('wrong', { codeVerifier: 'x'.repeat(43) }), redeem('missing', { codeVerifier: undefined }), redeem('right')]);
    expect(refusal(byName(report, 'wrong')).detail).toMatch(/does not match the S256 code challenge/);
    expect(refusal(byName(report, 'wrong'))).toMatchObject({ error: 'InvalidGrantException', check: 'pkce' });
    expect(refusal(byName(report, 'missing'))).toMatchObject({ error: 'InvalidGrantException', check: 'pkce' });
    expect(byName(report, 'right').outcome).toBe('success');
  });

  it('refuses an expired code (5 minutes) and an unknown code', async () => {
    const report = await runScenario([
      authorize('auth'),
      redeem('expired', {}, { after: '5m1s' }),
      redeem('unknown', { code: 'never-issued' }),
    ]);
    expect(refusal(byName(report, 'expired'))).toMatchObject({ error: 'InvalidGrantException', check: 'code' });
    expect(refusal(byName(report, 'expired')).detail).toMatch(/expired/);
    expect(refusal(byName(report, 'unknown'))).toMatchObject({ error: 'InvalidGrantException', check: 'code' });
  });

  it('refuses a redirectUri that differs from the one used at Authorize, even if registered', async () => {
    const report = await runScenario([authorize('auth'), redeem('other', { redirectUri: 'https://web.example.com/other' })]);
    expect(refusal(byName(report, 'other'))).toMatchObject({ error: 'InvalidGrantException', check: 'redirect-uri' });
  });

  it('Authorize refuses an unregistered redirect URI, an unknown user, an unassigned user, an unknown client and a bad scope', async () => {
    const report = await runScenario([
      authorize('redirect', { redirectUri: 'https://evil.example.net/cb' }),
      authorize('nobody', { user: 'mallory' }),
      authorize('unassigned', { user: 'bob' }),
      authorize('client', { clientId: 'no-such-app' }),
      authorize('no-grant', { clientId: 'portal' }),
      authorize('scope', { scope: ['redshift:connect'] }),
      authorize('method', { codeChallengeMethod: 'S512' }),
    ]);
    expect(refusal(byName(report, 'redirect'))).toMatchObject({ error: 'InvalidRequestException', check: 'redirect-uri' });
    expect(refusal(byName(report, 'nobody'))).toMatchObject({ error: 'AccessDeniedException', check: 'user' });
    expect(refusal(byName(report, 'unassigned'))).toMatchObject({ error: 'AccessDeniedException', check: 'assignment' });
    expect(refusal(byName(report, 'client'))).toMatchObject({ error: 'InvalidClientException', check: 'client' });
    expect(refusal(byName(report, 'no-grant'))).toMatchObject({ error: 'UnauthorizedClientException', check: 'grant' });
    expect(refusal(byName(report, 'scope'))).toMatchObject({ error: 'InvalidScopeException', check: 'scope' });
    expect(refusal(byName(report, 'method'))).toMatchObject({ error: 'InvalidRequestException', check: 'pkce' });
  });
});

describe('refresh_token', () => {
  const refresh = (name: string, token: string, extra: Record<string, unknown> = {}, input: Record<string, unknown> = {}) => ({
    name,
    operation: 'CreateTokenWithIAM',
    caller: 'backend',
    input: { clientId: 'portal', grantType: 'refresh_token', refreshToken: token, ...input },
    ...extra,
  });
  const loginReq = {
    name: 'login',
    operation: 'CreateTokenWithIAM',
    caller: 'backend',
    input: { clientId: 'portal', grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: { jwt: { issuer: 'idp', claims: { email: 'alice@example.com', aud: 'portal-aud' } } }, scope: ['redshift:connect'] },
  };

  it('with rotateRefreshTokens: refreshes, rotates the refresh token, and down-scopes only within the refresh token scopes', async () => {
    const report = await runScenario(
      [
        loginReq,
        refresh('r1', '${login.refreshToken}', { after: '59m' }),
        refresh('reuse', '${login.refreshToken}'),
        refresh('r2', '${r1.refreshToken}', {}, { scope: ['redshift:connect'] }),
        refresh('widen', '${r2.refreshToken}', {}, { scope: ['lakeformation:query'] }),
      ],
      { extra: { rotateRefreshTokens: true } },
    );
    expect(byName(report, 'r1').outcome).toBe('success');
    expect(byName(report, 'r1').response!.refreshToken).not.toBe(byName(report, 'login').response!.refreshToken);
    expect(refusal(byName(report, 'reuse'))).toMatchObject({ error: 'InvalidGrantException', check: 'refresh-token' });
    expect(byName(report, 'r2').outcome).toBe('success');
    expect(refusal(byName(report, 'widen'))).toMatchObject({ error: 'InvalidScopeException', check: 'scope' });
  });

  it('refuses an expired, unknown, access-token, or other-application refresh token', async () => {
    const report = await runScenario(
      [
        loginReq,
        refresh('other-app', '${login.refreshToken}', {}, { clientId: 'warehouse' }),
        refresh('access', '${login.accessToken}'),
        refresh('unknown', 'aor-not-ours'),
        refresh('expired', '${login.refreshToken}', { after: '2h1s' }),
      ],
      { extra: { lifetimes: { refreshToken: '2h' } } },
    );
    expect(refusal(byName(report, 'other-app'))).toMatchObject({ error: 'InvalidGrantException', check: 'refresh-token' });
    expect(refusal(byName(report, 'access')).detail).toMatch(/it is an access token/);
    expect(refusal(byName(report, 'unknown'))).toMatchObject({ error: 'InvalidGrantException', check: 'refresh-token' });
    expect(refusal(byName(report, 'expired')).detail).toMatch(/refresh token expired/);
  });

  it('refuses refresh on an application without the refresh_token grant (UnauthorizedClientException)', async () => {
    const report = await runScenario([loginReq, refresh('lake', '${login.refreshToken}', {}, { clientId: 'lake' })]);
    expect(refusal(byName(report, 'lake'))).toMatchObject({ error: 'UnauthorizedClientException', check: 'grant' });
  });
});
