/**
 * Issue 21 (fidelity, round 3): the SSO OIDC side decides as Identity Center and the OAuth RFCs do. Each test
 * names its source; where AWS is silent, the choice is in simulator/README.md ("Decisions").
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeJwt } from 'jose';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../model/errors.js';
import { loadScenarioFile, loadScenarioText } from '../../simulator/index.js';
import { ACCESS_TOKEN_TYPE, JWT_BEARER, TOKEN_EXCHANGE, baseScenario, byName, login, refusal, runScenario, testConfig, testModel } from './helpers.js';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const S256 = createHash('sha256').update(VERIFIER).digest('base64url');
const CLI_REDIRECT = 'http://127.0.0.1/oauth/callback';

const refresh = (name: string, token: string, extra: Record<string, unknown> = {}) => ({
  name,
  operation: 'CreateTokenWithIAM',
  caller: 'backend',
  input: { clientId: 'portal', grantType: 'refresh_token', refreshToken: token },
  ...extra,
});
const exchange = (name: string, input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  name,
  operation: 'CreateTokenWithIAM',
  caller: 'backend',
  input: { clientId: 'warehouse', grantType: TOKEN_EXCHANGE, subjectToken: '${login.accessToken}', subjectTokenType: ACCESS_TOKEN_TYPE, ...input },
  ...extra,
});
const authorizeWeb = (name: string) => ({ name, operation: 'Authorize', input: { clientId: 'web', redirectUri: 'https://web.example.com/cb', user: 'alice', codeChallenge: S256, codeChallengeMethod: 'S256' } });
const redeemWeb = (name: string, input: Record<string, unknown> = {}) => ({
  name,
  operation: 'CreateTokenWithIAM',
  caller: 'backend',
  input: { clientId: 'web', grantType: 'authorization_code', code: '${auth.code}', redirectUri: 'https://web.example.com/cb', codeVerifier: VERIFIER, ...input },
});
const register = (name: string, input: Record<string, unknown> = {}) => ({ name, operation: 'RegisterClient', input: { clientName: 'aws-cli', clientType: 'public', ...input } });

/** A config whose instance sets `SessionDuration`. */
function configWith(instance: Record<string, unknown>) {
  const config = testConfig();
  config.instance = { ...(config.instance as object), ...instance };
  return testModel(config);
}

describe('1. the session duration caps refresh (IAM Identity Center user guide, "Configure the duration of … user sessions"; tip-facts §9)', () => {
  it('a session refreshed every 7 hours still ends after 8 hours (the default), for CreateTokenWithIAM', async () => {
    const report = await runScenario(
      [login('login'), refresh('at-7h', '${login.refreshToken}', { after: '7h' }), refresh('at-8h', '${at-7h.refreshToken}', { after: '1h' })],
      { extra: { lifetimes: { refreshToken: '24h' } } },
    );
    expect(byName(report, 'at-7h').outcome).toBe('success');
    expect(refusal(byName(report, 'at-8h'))).toMatchObject({ error: 'InvalidGrantException', check: 'refresh-token' });
    expect(refusal(byName(report, 'at-8h')).detail).toMatch(/the session ended at 2026-11-23T20:00:00Z .*sign in again/);
  });

  it('with rotation, each new refresh token still ends with the session', async () => {
    const report = await runScenario(
      [login('login'), refresh('r1', '${login.refreshToken}', { after: '4h' }), refresh('r2', '${r1.refreshToken}', { after: '3h59m' }), refresh('r3', '${r2.refreshToken}', { after: '2m' })],
      { extra: { rotateRefreshTokens: true, lifetimes: { refreshToken: '24h' } } },
    );
    expect(byName(report, 'r2').outcome).toBe('success');
    expect(refusal(byName(report, 'r3')).detail).toMatch(/the session ended/);
  });

  it("the config's instance.SessionDuration sets it; the scenario's lifetimes.session overrides it", async () => {
    const model = configWith({ SessionDuration: '1h' });
    const fromConfig = await runScenario([login('login'), refresh('late', '${login.refreshToken}', { after: '61m' })], { model });
    expect(refusal(byName(fromConfig, 'late')).detail).toMatch(/session ended/);
    const overridden = await runScenario([login('login'), refresh('late', '${login.refreshToken}', { after: '61m' })], { model, extra: { lifetimes: { session: '2h' } } });
    expect(byName(overridden, 'late').outcome).toBe('success');
  });

  it('a session duration outside 15 minutes to 90 days is refused at load (tip-facts §2.2)', async () => {
    const text = JSON.stringify(baseScenario([], { lifetimes: { session: '10m' } }));
    await expect(loadScenarioText(text, join(tmpdir(), 's.json'), { model: testModel() })).rejects.toThrow(/lifetimes.session must be from 15m to 90d/);
    const err = await loadScenarioText(JSON.stringify(baseScenario([])), join(tmpdir(), 's.json'), { model: configWith({ SessionDuration: '91d' }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).message).toMatch(/instance.SessionDuration must be a duration from 15m to 90d/);

    // From files: the config's line and column (exit 2 from the CLI).
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-session-'));
    writeFileSync(join(dir, 'tipkit.yaml'), 'version: 1\ninstance:\n  InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d\n  SessionDuration: 5m\n');
    writeFileSync(join(dir, 'scenario.yaml'), 'version: 1\nrequests: []\n');
    const fromFile = (await loadScenarioFile(join(dir, 'scenario.yaml')).catch((e: unknown) => e)) as InputError;
    expect(fromFile.format()).toBe(`${join(dir, 'tipkit.yaml')}:4:20: instance.SessionDuration must be a duration from 15m to 90d, as Identity Center allows (got "5m")`);
  });

  it('CreateToken (a public client, authorization_code with PKCE) refreshes within the session and not after it', async () => {
    const report = await runScenario([
      register('reg', { grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [CLI_REDIRECT], scopes: ['sso:account:access'] }),
      { name: 'auth', operation: 'Authorize', input: { clientId: '${reg.clientId}', redirectUri: 'http://127.0.0.1:4321/oauth/callback', user: 'alice', codeChallenge: S256, codeChallengeMethod: 'S256' } },
      {
        name: 'token',
        operation: 'CreateToken',
        input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: 'authorization_code', code: '${auth.code}', redirectUri: 'http://127.0.0.1:4321/oauth/callback', codeVerifier: VERIFIER },
      },
      { name: 'ok', operation: 'CreateToken', after: '7h', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: 'refresh_token', refreshToken: '${token.refreshToken}' } },
      { name: 'late', operation: 'CreateToken', after: '1h', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: 'refresh_token', refreshToken: '${ok.refreshToken}' } },
    ]);
    expect(byName(report, 'ok').outcome).toBe('success');
    expect(refusal(byName(report, 'late'))).toMatchObject({ error: 'InvalidGrantException', check: 'refresh-token' });
  });
});

describe('2 and 4. refresh responses (sso-oidc model example "Refresh Token grant with IAM authentication"; tip-facts §9)', () => {
  it('answers exactly accessToken, expiresIn, issuedTokenType, refreshToken, scope, tokenType — no idToken, no awsAdditionalDetails', async () => {
    const report = await runScenario([login('login'), refresh('r', '${login.refreshToken}', { after: '55m' })]);
    expect(Object.keys(byName(report, 'r').response!).sort()).toEqual(['accessToken', 'expiresIn', 'issuedTokenType', 'refreshToken', 'scope', 'tokenType']);
  });

  it('by default returns the refresh token that was sent, so two processes refreshing from one cached token both succeed', async () => {
    const report = await runScenario([login('login'), refresh('first', '${login.refreshToken}', { after: '55m' }), refresh('second', '${login.refreshToken}')]);
    expect(byName(report, 'first').response!.refreshToken).toBe(byName(report, 'login').response!.refreshToken);
    expect(byName(report, 'second').outcome).toBe('success');
  });

  it('rotateRefreshTokens: true replaces it and refuses the old one (InvalidGrantException)', async () => {
    const report = await runScenario([login('login'), refresh('first', '${login.refreshToken}', { after: '55m' }), refresh('second', '${login.refreshToken}')], { extra: { rotateRefreshTokens: true } });
    expect(byName(report, 'first').response!.refreshToken).not.toBe(byName(report, 'login').response!.refreshToken);
    expect(refusal(byName(report, 'second')).detail).toMatch(/already used .* rotates refresh tokens/);
  });
});

describe('8. token exchange refusals are InvalidGrantException (RFC 8693 §2.2.2 says invalid_request; no AWS evidence either way, the sso-oidc model calls a bad grant InvalidGrantException)', () => {
  it('unknown, expired, same-application and out-of-scope subject tokens', async () => {
    const report = await runScenario([
      login('login'),
      exchange('unknown', { subjectToken: 'aoa-unknown' }),
      exchange('exchanged'),
      exchange('same-app', { subjectToken: '${exchanged.accessToken}' }),
      exchange('out-of-scope', { clientId: 'lake' }),
      exchange('expired', {}, { after: '1h1s' }),
    ]);
    for (const name of ['unknown', 'same-app', 'out-of-scope', 'expired']) expect(byName(report, name).error?.type, name).toBe('InvalidGrantException');
  });
});

describe('9. a missing redirectUri (RFC 6749 §4.1.3, §5.2: a missing required parameter is invalid_request)', () => {
  it('is InvalidRequestException; a different one stays InvalidGrantException', async () => {
    const report = await runScenario([authorizeWeb('auth'), redeemWeb('missing', { redirectUri: undefined }), redeemWeb('other', { redirectUri: 'https://web.example.com/other' })]);
    expect(refusal(byName(report, 'missing'))).toMatchObject({ error: 'InvalidRequestException', check: 'redirect-uri' });
    expect(refusal(byName(report, 'other'))).toMatchObject({ error: 'InvalidGrantException', check: 'redirect-uri' });
  });
});

describe('11. idToken claims follow the examples claim by claim (tip-facts §2.3; S3 Access Grants guide jwt-bearer example)', () => {
  it('jwt-bearer: act and sts:audit_context; authorization_code: sts:audit_context, no act; token exchange: neither', async () => {
    const report = await runScenario([login('login'), exchange('exchanged'), authorizeWeb('auth'), redeemWeb('code')]);
    const claims = (name: string) => decodeJwt(String(byName(report, name).response!.idToken));
    const jwt = claims('login');
    expect(jwt.act).toEqual({ sub: expect.stringMatching(/:trustedTokenIssuer\//) });
    expect(jwt['sts:audit_context']).toEqual(expect.any(String));
    const code = claims('code');
    expect(code.act).toBeUndefined();
    expect(code['sts:audit_context']).toEqual(expect.any(String));
    const exchanged = claims('exchanged');
    expect(exchanged.act).toBeUndefined();
    expect(exchanged['sts:audit_context']).toBeUndefined();
    for (const c of [jwt, code, exchanged]) expect(c['sts:identity_context']).toEqual(expect.any(String));
  });
});

describe('12. RegisterClient inputs (sso-oidc model member docs; RFC 7591 §2, §3.2.2)', () => {
  it('issuerUrl that is not an https URL: InvalidRequestException; authorization_code without redirectUris: InvalidClientMetadataException', async () => {
    const report = await runScenario([
      register('bad-issuer', { issuerUrl: 'not a url' }),
      register('good-issuer', { issuerUrl: 'https://identitycenter.amazonaws.com/ssoins-7223e2ee1a2b3c4d' }),
      register('no-redirect', { grantTypes: ['authorization_code'] }),
      register('any-scope', { scopes: ['made:up:scope'] }),
    ]);
    expect(refusal(byName(report, 'bad-issuer'))).toMatchObject({ error: 'InvalidRequestException', check: 'issuer-url' });
    expect(byName(report, 'good-issuer').outcome).toBe('success');
    expect(refusal(byName(report, 'no-redirect'))).toMatchObject({ error: 'InvalidClientMetadataException', check: 'redirect-uris' });
    // A documented choice: without an entitled application, any scope registers (the model constrains none).
    expect(byName(report, 'any-scope').outcome).toBe('success');
  });
});

describe('14. InvalidRequestRegionException (sso-oidc model: "a token … issued by and only usable by calling IAM Identity Center endpoints in another region")', () => {
  it('a refresh or subject token issued by an instance in another Region names that Region and its endpoint', async () => {
    const eu = await runScenario([login('login')], { model: configWith({ Region: 'eu-west-1' }) });
    const { refreshToken, accessToken } = byName(eu, 'login').response! as { refreshToken: string; accessToken: string };
    const us = await runScenario([refresh('refresh', refreshToken), exchange('exchange', { subjectToken: accessToken })]);
    for (const name of ['refresh', 'exchange'])
      expect(byName(us, name).error).toMatchObject({ type: 'InvalidRequestRegionException', error: 'invalid_request', endpoint: 'https://oidc.eu-west-1.amazonaws.com', region: 'eu-west-1' });
  });
});

describe('jwt-bearer tokens still look opaque', () => {
  it('the Region inside a token is not readable as text', async () => {
    const report = await runScenario([login('login', {}, { grantType: JWT_BEARER })]);
    expect(String(byName(report, 'login').response!.accessToken)).toMatch(/^aoa[A-Za-z0-9_-]{40,}$/);
    expect(String(byName(report, 'login').response!.accessToken)).not.toContain('us-east-1');
  });
});
