/**
 * Issue 12: the simulator decides as Identity Center and the OAuth RFCs do. Each test names its source; where AWS
 * is silent, the choice is listed in simulator/README.md ("Decisions").
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { SignJWT, exportJWK } from 'jose';
import { describe, expect, it } from 'vitest';
import { CLOCK_SKEW_LEEWAY_S } from '../../simulator/grants/jwt-bearer.js';
import { DEVICE_CODE, ISSUER_URL, JWT_BEARER, NOW_S, TOKEN_EXCHANGE, byName, login, privateJwkFile, refusal, runScenario, testConfig, testModel } from './helpers.js';

const VERIFIER = 'dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
const S256 = createHash('sha256').update(VERIFIER).digest('base64url');
/** What `aws sso login` registers (aws-cli awscli/customizations/sso/utils.py: the redirect URI without a port). */
const CLI_REDIRECT = 'http://127.0.0.1/oauth/callback';

const registerPublic = (name: string, input: Record<string, unknown> = {}) => ({
  name,
  operation: 'RegisterClient',
  input: { clientName: 'aws-cli', clientType: 'public', grantTypes: ['authorization_code', 'refresh_token'], redirectUris: [CLI_REDIRECT], ...input },
});
const authorizePublic = (name: string, reg: string, redirectUri: string) => ({
  name,
  operation: 'Authorize',
  input: { clientId: `\${${reg}.clientId}`, redirectUri, user: 'alice', codeChallenge: S256, codeChallengeMethod: 'S256' },
});
const redeemPublic = (name: string, reg: string, auth: string, redirectUri: string) => ({
  name,
  operation: 'CreateToken',
  input: { clientId: `\${${reg}.clientId}`, clientSecret: `\${${reg}.clientSecret}`, grantType: 'authorization_code', code: `\${${auth}.code}`, redirectUri, codeVerifier: VERIFIER },
});

describe('12.1 loopback redirect URIs match on any port (RFC 8252 §7.3)', () => {
  // RFC 8252 §7.3: "The authorization server MUST allow any port to be specified at the time of the request for
  // loopback IP redirect URIs". aws-cli registers http://127.0.0.1/oauth/callback and sends a random free port.
  it('a public client registered like `aws sso login` completes Authorize and CreateToken on a random port', async () => {
    const report = await runScenario([
      registerPublic('reg'),
      authorizePublic('auth', 'reg', 'http://127.0.0.1:53682/oauth/callback'),
      redeemPublic('token', 'reg', 'auth', 'http://127.0.0.1:53682/oauth/callback'),
      registerPublic('reg6', { redirectUris: ['http://[::1]/oauth/callback'] }),
      authorizePublic('auth6', 'reg6', 'http://[::1]:49152/oauth/callback'),
    ]);
    expect(byName(report, 'auth').outcome).toBe('success');
    expect(byName(report, 'auth').trace.find((s) => s.check === 'redirect-uri')!.detail).toMatch(/RFC 8252/);
    expect(byName(report, 'token').outcome).toBe('success');
    expect(byName(report, 'token').response!.refreshToken).toEqual(expect.any(String));
    expect(byName(report, 'auth6').outcome).toBe('success');
  });

  it('matches only the port: another path, https, localhost (not an IP literal) or another host are refused', async () => {
    const report = await runScenario([
      registerPublic('reg'),
      authorizePublic('path', 'reg', 'http://127.0.0.1:53682/other'),
      authorizePublic('https', 'reg', 'https://127.0.0.1:53682/oauth/callback'),
      authorizePublic('localhost', 'reg', 'http://localhost:53682/oauth/callback'),
      authorizePublic('host', 'reg', 'http://127.0.0.2.example.net:53682/oauth/callback'),
      registerPublic('reg-localhost', { redirectUris: ['http://localhost/oauth/callback'] }),
      authorizePublic('localhost-port', 'reg-localhost', 'http://localhost:53682/oauth/callback'),
    ]);
    for (const name of ['path', 'https', 'localhost', 'host', 'localhost-port'])
      expect(refusal(byName(report, name)), name).toMatchObject({ error: 'InvalidRequestException', check: 'redirect-uri' });
  });

  it("an application's RedirectUris match on any loopback port too (CreateTokenWithIAM)", async () => {
    const config = testConfig();
    const web = (config.applications as { Name: string; Grants: { Grant: { AuthorizationCode: { RedirectUris: string[] } } }[] }[]).find((a) => a.Name === 'web')!;
    web.Grants[0]!.Grant.AuthorizationCode.RedirectUris = [CLI_REDIRECT];
    const uri = 'http://127.0.0.1:61000/oauth/callback';
    const report = await runScenario(
      [
        { name: 'auth', operation: 'Authorize', input: { clientId: 'web', redirectUri: uri, user: 'alice', codeChallenge: S256, codeChallengeMethod: 'S256' } },
        { name: 'token', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'web', grantType: 'authorization_code', code: '${auth.code}', redirectUri: uri, codeVerifier: VERIFIER } },
      ],
      { model: testModel(config) },
    );
    expect(byName(report, 'token').outcome).toBe('success');
  });

  // RFC 6749 §4.1.3: the token request's redirect_uri must be "identical" to the authorization request's.
  it('CreateToken still needs the very URI used at Authorize (another port is another URI there)', async () => {
    const report = await runScenario([
      registerPublic('reg'),
      authorizePublic('auth', 'reg', 'http://127.0.0.1:53682/oauth/callback'),
      redeemPublic('token', 'reg', 'auth', 'http://127.0.0.1:53683/oauth/callback'),
    ]);
    expect(refusal(byName(report, 'token'))).toMatchObject({ error: 'InvalidGrantException', check: 'redirect-uri' });
  });
});

describe('12.2 the entitled application restricts redirect URIs (sso-oidc model, entitledApplicationArn)', () => {
  // sso-oidc model, RegisterClient.entitledApplicationArn: "the scopes, grants, and redirect URI available to this
  // client will be restricted by this application resource". Refused at RegisterClient (simulator/README.md).
  it('refuses at RegisterClient a redirect URI the entitled application does not have', async () => {
    const report = await runScenario([
      registerPublic('evil', { entitledApplicationArn: 'web', redirectUris: ['https://evil.example.net/cb'] }),
      registerPublic('none', { entitledApplicationArn: 'cli', redirectUris: ['https://web.example.com/cb'] }),
      registerPublic('ok', { entitledApplicationArn: 'web', redirectUris: ['https://web.example.com/cb'] }),
      authorizePublic('auth', 'ok', 'https://web.example.com/cb'),
    ]);
    expect(refusal(byName(report, 'evil'))).toMatchObject({ error: 'InvalidRedirectUriException', check: 'redirect-uris' });
    expect(refusal(byName(report, 'evil')).detail).toMatch(/not among the RedirectUris of the entitled application web/);
    expect(refusal(byName(report, 'none'))).toMatchObject({ error: 'InvalidRedirectUriException', check: 'redirect-uris' });
    expect(refusal(byName(report, 'none')).detail).toMatch(/no authorization_code grant/);
    expect(byName(report, 'ok').outcome).toBe('success');
    expect(byName(report, 'auth').outcome).toBe('success');
  });

  it('RegisterClient uses the linter redirect-uri-invalid checker: a wildcard or a fragment is refused', async () => {
    const report = await runScenario([
      registerPublic('wildcard', { redirectUris: ['https://*.example.com/cb'] }),
      registerPublic('fragment', { redirectUris: ['https://app.example.com/cb#x'] }),
    ]);
    expect(refusal(byName(report, 'wildcard'))).toMatchObject({ error: 'InvalidRedirectUriException', check: 'redirect-uris' });
    expect(refusal(byName(report, 'wildcard')).detail).toMatch(/wildcard/);
    expect(refusal(byName(report, 'fragment')).detail).toMatch(/fragment/);
  });
});

describe('12.3 device flow: AWS values, and refresh for sso-session clients', () => {
  const start = { name: 'dev', operation: 'StartDeviceAuthorization', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', startUrl: 'https://d-9067642ac7.awsapps.com/start' } };
  const poll = (name: string, after: string) => ({
    name,
    operation: 'CreateToken',
    after,
    input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: DEVICE_CODE, deviceCode: '${dev.deviceCode}' },
  });
  const approve = { name: 'approve', operation: 'ApproveDevice', input: { userCode: '${dev.userCode}', user: 'alice' } };

  // A StartDeviceAuthorization response in a public AWS CLI debug log (aws/aws-cli issue 5971) reads
  // "expiresIn":600,"interval":1 (tip-facts §8); a poll 1 s after the previous one is not too fast.
  it('answers expiresIn 600 and interval 1, and a poll one second later is pending, not slow_down', async () => {
    const report = await runScenario([{ name: 'reg', operation: 'RegisterClient', input: { clientName: 'cli', clientType: 'public' } }, start, poll('p1', '1s'), poll('p2', '1s'), poll('p3', '500ms')]);
    expect(byName(report, 'dev').response).toMatchObject({ expiresIn: 600, interval: 1 });
    expect(refusal(byName(report, 'p2'))).toMatchObject({ error: 'AuthorizationPendingException' });
    expect(refusal(byName(report, 'p3'))).toMatchObject({ error: 'SlowDownException', check: 'polling' });
  });

  // botocore SSOTokenProvider registers sso-session clients with scopes and no grantTypes, and their tokens refresh;
  // legacy profiles register without scopes and get no refresh token (tip-facts §8).
  it('a client registered the sso-session way (scopes, no grantTypes) gets a refresh token that refreshes; a legacy one does not', async () => {
    const flow = (input: Record<string, unknown>) => [{ name: 'reg', operation: 'RegisterClient', input: { clientName: 'botocore-client-x', clientType: 'public', ...input } }, start, approve, poll('token', '2s')];
    const session = await runScenario([
      ...flow({ scopes: ['sso:account:access'] }),
      { name: 'refresh', operation: 'CreateToken', after: '50m', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: 'refresh_token', refreshToken: '${token.refreshToken}' } },
    ]);
    expect(byName(session, 'token').response!.refreshToken).toEqual(expect.any(String));
    expect(byName(session, 'refresh').outcome).toBe('success');
    const legacy = await runScenario(flow({}));
    expect(byName(legacy, 'token').outcome).toBe('success');
    expect(byName(legacy, 'token').response!.refreshToken).toBeUndefined();
  });

  it('an sso-session client entitled to an application without the refresh_token grant gets no refresh token', async () => {
    const config = testConfig();
    const cli = (config.applications as { Name: string; Grants: unknown[] }[]).find((a) => a.Name === 'cli')!;
    cli.Grants = [{ GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: ['https://cli.example.com/cb'] } } }];
    const report = await runScenario(
      [{ name: 'reg', operation: 'RegisterClient', input: { clientName: 'c', clientType: 'public', scopes: ['sso:account:access'], entitledApplicationArn: 'cli' } }, start, approve, poll('token', '2s')],
      { model: testModel(config) },
    );
    expect(byName(report, 'token').outcome).toBe('success');
    expect(byName(report, 'token').response!.refreshToken).toBeUndefined();
  });
});

describe(`12.4 clock skew: ${CLOCK_SKEW_LEEWAY_S} s leeway (RFC 7519 §4.1.4–4.1.6 "some small leeway")`, () => {
  it('accepts iat/nbf a little ahead and exp a little behind; refuses them beyond the leeway', async () => {
    const report = await runScenario([
      login('iat-2s', { claims: { iat: NOW_S + 2, exp: NOW_S + 300 } }),
      login('nbf-30s', { claims: { nbf: NOW_S + 30 } }),
      login('exp-30s-ago', { claims: { iat: NOW_S - 600, exp: NOW_S - 30 } }),
      login('iat-future', { claims: { iat: NOW_S + CLOCK_SKEW_LEEWAY_S + 60, exp: NOW_S + 900 } }),
      login('nbf-future', { claims: { nbf: NOW_S + CLOCK_SKEW_LEEWAY_S + 60 } }),
      login('exp-past', { claims: { iat: NOW_S - 600, exp: NOW_S - CLOCK_SKEW_LEEWAY_S - 1 } }),
    ]);
    for (const name of ['iat-2s', 'nbf-30s', 'exp-30s-ago']) expect(byName(report, name).outcome, name).toBe('success');
    for (const name of ['iat-future', 'nbf-future', 'exp-past']) {
      expect(refusal(byName(report, name)), name).toMatchObject({ error: 'InvalidGrantException', check: 'lifetime' });
      expect(refusal(byName(report, name)).detail, name).toMatch(/leeway 60 s/);
    }
  });
});

describe('12.5 key selection', () => {
  // RFC 7517 §4.5: kid is OPTIONAL, so a verifier without one must pick among the keys that fit; jose's
  // JWKSMultipleMatchingKeys is iterable for exactly that.
  it('a token without kid verifies against a JWKS with two keys of its type; a third key is refused', async () => {
    const a = await privateJwkFile('ES256', 'a');
    const b = await privateJwkFile('ES256', 'b');
    const stranger = await privateJwkFile('ES256', 'c');
    const jwksFile = `${a.dir}/jwks.json`;
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(a.publicKey)), alg: 'ES256' }, { ...(await exportJWK(b.publicKey)), alg: 'ES256' }] }));
    const sign = (key: Parameters<SignJWT['sign']>[0]) =>
      new SignJWT({ email: 'alice@example.com', sub: 'sub-alice' }).setProtectedHeader({ alg: 'ES256' }).setIssuer(ISSUER_URL).setAudience('portal-aud').setIssuedAt(NOW_S).setExpirationTime(NOW_S + 300).sign(key);
    const lit = (name: string, assertion: string) => ({ name, operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion } });
    const report = await runScenario([lit('second-key', await sign(b.privateKey)), lit('first-key', await sign(a.privateKey)), lit('stranger', await sign(stranger.privateKey))], {
      extra: { issuers: { idp: { jwks: jwksFile } } },
    });
    expect(byName(report, 'second-key').outcome).toBe('success');
    expect(byName(report, 'first-key').outcome).toBe('success');
    expect(refusal(byName(report, 'stranger'))).toMatchObject({ error: 'InvalidGrantException', check: 'signature' });
  });
});

describe('12.7 sub (RFC 7523 §3: the JWT MUST contain sub)', () => {
  // AWS does not document its answer; tipkit accepts with a trace warning, because the spec's scenario `jwt:` has
  // no default sub (simulator/README.md, Decisions).
  it('accepts a JWT without sub with a warning in the trace, and names sub when present', async () => {
    const report = await runScenario([login('no-sub'), login('sub', { claims: { sub: 'sub-alice' } })]);
    expect(byName(report, 'no-sub').outcome).toBe('success');
    expect(byName(report, 'no-sub').trace.find((s) => s.check === 'subject')!.detail).toMatch(/^warning: .*RFC 7523 §3/);
    expect(byName(report, 'sub').trace.find((s) => s.check === 'subject')!.detail).toBe('sub sub-alice');
  });
});

describe('12.11 client lookup does not depend on the grant type', () => {
  // sso-oidc model, InvalidClientException: "the clientId or clientSecret in the request is invalid". The spec's §4
  // example fixes InvalidGrantException for a clientId the config names only as an access-scope target.
  it('answers the same for jwt-bearer and token exchange: named only as a target → InvalidGrant; named nowhere → InvalidClient', async () => {
    const config = testConfig();
    const portal = (config.applications as { Name: string; AccessScopes: { Scope: string; AuthorizedTargets?: string[] }[] }[])[0]!;
    portal.AccessScopes[0]!.AuthorizedTargets = ['warehouse', 'ghost-app'];
    const exchange = (name: string, clientId: string) => ({
      name,
      operation: 'CreateTokenWithIAM',
      caller: 'backend',
      input: { clientId, grantType: TOKEN_EXCHANGE, subjectToken: '${login.accessToken}', subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token' },
    });
    const bearer = (name: string, clientId: string) => ({ ...login(name), input: { ...login(name).input, clientId } });
    const report = await runScenario(
      [login('login'), exchange('x-ghost', 'ghost-app'), bearer('j-ghost', 'ghost-app'), exchange('x-nowhere', 'no-such-app'), bearer('j-nowhere', 'no-such-app')],
      { model: testModel(config) },
    );
    for (const name of ['x-ghost', 'j-ghost']) expect(refusal(byName(report, name)), name).toMatchObject({ error: 'InvalidGrantException', check: 'client' });
    for (const name of ['x-nowhere', 'j-nowhere']) expect(refusal(byName(report, name)), name).toMatchObject({ error: 'InvalidClientException', check: 'client' });
  });
});

describe('issue 13.6: only a string claim maps to a user', () => {
  it('refuses `email: 123` instead of matching a user whose email is "123"', async () => {
    const users = [{ UserId: 'u-num', UserName: 'num', Emails: [{ Value: '123' }] }];
    const config = testConfig();
    (config.applications as { AssignmentRequired: boolean }[])[0]!.AssignmentRequired = false;
    const report = await runScenario([login('number', { claims: { email: 123 } }), login('bool', { claims: { email: true } }), login('string', { claims: { email: '123' } })], {
      model: testModel(config),
      extra: { identityStore: { Users: users, Groups: [] } },
    });
    expect(refusal(byName(report, 'number'))).toMatchObject({ error: 'InvalidGrantException', check: 'user' });
    expect(refusal(byName(report, 'number')).detail).toMatch(/yields 123 \(a number\).*not a string/);
    expect(refusal(byName(report, 'bool')).detail).toMatch(/a boolean/);
    expect(byName(report, 'string').outcome).toBe('success');
  });
});
