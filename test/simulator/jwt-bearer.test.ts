/** jwt-bearer: the success path, every refusal (error name + failing check), and hostile assertions. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeJwt } from 'jose';
import { BACKEND, ISSUER_URL, JWT_BEARER, NOW_S, byName, login, privateJwkFile, refusal, runScenario, testConfig, testModel } from './helpers.js';

describe('jwt-bearer', () => {
  it('exchanges a valid assertion for tokens with the model member names and an idToken carrying the identity context', async () => {
    const report = await runScenario([login('ok', {}, { scope: ['redshift:connect'] })]);
    const r = byName(report, 'ok');
    expect(r.outcome).toBe('success');
    expect(r.error).toBeNull();
    const res = r.response!;
    expect(Object.keys(res).sort()).toEqual(['accessToken', 'awsAdditionalDetails', 'expiresIn', 'idToken', 'issuedTokenType', 'refreshToken', 'scope', 'tokenType'].sort());
    expect(res).toMatchObject({ tokenType: 'Bearer', expiresIn: 3600, scope: ['redshift:connect'], issuedTokenType: 'urn:ietf:params:oauth:token-type:refresh_token' });
    expect(String(res.accessToken)).toMatch(/^aoa[A-Za-z0-9_-]{40,}$/);
    expect(String(res.refreshToken)).toMatch(/^aor[A-Za-z0-9_-]{40,}$/);
    const claims = decodeJwt(String(res.idToken));
    expect(claims.iss).toBe('https://identitycenter.amazonaws.com/ssoins-7223e2ee1a2b3c4d');
    expect(claims.sub).toBe('u-alice');
    expect(claims.aud).toBe(testModel().index.applicationByName.get('portal')!.arn);
    expect(claims['aws:identity_store_id']).toBe('d-9067642ac7');
    expect(claims['aws:instance_arn']).toBe('arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d');
    expect(claims['sts:identity_context']).toBe((res.awsAdditionalDetails as { identityContext: string }).identityContext);
    expect(claims.act).toEqual({ sub: testModel().index.issuerByName.get('idp')!.arn });
    expect(claims.auth_time).toBe('2026-11-23T12:00:00Z');
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(r.trace.map((s) => s.check)).toEqual(['input', 'client', 'caller', 'grant', 'assertion', 'algorithm', 'issuer', 'signature', 'lifetime', 'subject', 'audience', 'jti', 'user', 'assignment', 'scope']);
    expect(r.trace.every((s) => s.ok)).toBe(true);
    expect(r.expectation).toEqual({ met: true });
  });

  it('grants every configured scope plus the defaults when scope is absent', async () => {
    const r = byName(await runScenario([login('ok')]), 'ok');
    expect(r.response!.scope).toEqual(['openid', 'aws', 'sts:identity_context', 'redshift:connect', 'lakeformation:query']);
  });

  it('issues no refresh token when the application has no refresh_token grant', async () => {
    const config = testConfig();
    const portal = (config.applications as { Grants: unknown[] }[])[0]!;
    portal.Grants = portal.Grants.slice(0, 1);
    const r = byName(await runScenario([login('ok')], { model: testModel(config) }), 'ok');
    expect(r.outcome).toBe('success');
    expect(r.response!.refreshToken).toBeUndefined();
    expect(r.response!.issuedTokenType).toBe('urn:ietf:params:oauth:token-type:access_token');
  });

  const refusals: [string, Record<string, unknown>, string, string, RegExp][] = [
    ['wrong iss', { claims: { iss: 'https://evil.example.com' } }, 'InvalidGrantException', 'issuer', /not the IssuerUrl/],
    ['iss with an extra trailing slash', { claims: { iss: `${ISSUER_URL}/` } }, 'InvalidGrantException', 'issuer', /trailing slash/],
    ['wrong aud', { claims: { aud: 'other-aud' } }, 'InvalidGrantException', 'audience', /AuthorizedAudiences/],
    ['expired', { claims: { exp: NOW_S - 60, iat: NOW_S - 600 } }, 'InvalidGrantException', 'lifetime', /expired/],
    ['expired by a negative expiresIn', { expiresIn: -60 }, 'InvalidGrantException', 'lifetime', /expired/],
    ['expired by a negative expiresIn duration', { expiresIn: '-5m' }, 'InvalidGrantException', 'lifetime', /expired/],
    ['not yet valid (nbf)', { claims: { nbf: NOW_S + 600 } }, 'InvalidGrantException', 'lifetime', /nbf/],
    ['issued in the future', { claims: { iat: NOW_S + 600, exp: NOW_S + 900 } }, 'InvalidGrantException', 'lifetime', /future/],
    ['no exp', { claims: { exp: undefined } }, 'InvalidGrantException', 'lifetime', /exp/],
    ['alg none', { header: { alg: 'none' } }, 'InvalidGrantException', 'algorithm', /not allowed/],
    ['HS256 keyed with the issuer public key', { header: { alg: 'HS256' } }, 'InvalidGrantException', 'algorithm', /not allowed/],
    ['unknown kid', { header: { kid: 'not-a-known-kid' } }, 'InvalidGrantException', 'signature', /no key .* matches/],
    ['no matching user', { claims: { email: 'nobody@example.com' } }, 'InvalidGrantException', 'user', /no user matches claim email = "nobody@example.com" against identity-store attribute emails.value/],
    ['two matching users', { claims: { email: 'twin@example.com' } }, 'InvalidGrantException', 'user', /2 users match/],
    ['claim missing', { claims: { email: undefined } }, 'InvalidGrantException', 'user', /yields null/],
    ['user not assigned', { claims: { email: 'bob@example.com' } }, 'AccessDeniedException', 'assignment', /not assigned to portal/],
  ];
  for (const [title, jwt, error, check, detail] of refusals) {
    it(`refuses ${title} with ${error} at check ${check}`, async () => {
      // `null` removes a default claim (`claims: { exp: null }`).
      const jwtSpec = JSON.parse(JSON.stringify(jwt, (_, v) => (v === undefined ? null : v)));
      const report = await runScenario([login('r', jwtSpec, {}), { ...login('r2'), expect: { outcome: 'success' } }]);
      const got = refusal(byName(report, 'r'));
      expect(got).toMatchObject({ error, check });
      expect(got.detail).toMatch(detail);
      expect(byName(report, 'r').outcome).toBe('error');
      expect(byName(report, 'r2').outcome).toBe('success');
    });
  }

  it('refuses a jti already exchanged, but only after a successful exchange', async () => {
    const report = await runScenario([login('first', { claims: { jti: 'j-1' } }), login('again', { claims: { jti: 'j-1' } }), login('other', { claims: { jti: 'j-2' } })]);
    expect(byName(report, 'first').outcome).toBe('success');
    expect(refusal(byName(report, 'again'))).toMatchObject({ error: 'InvalidGrantException', check: 'jti' });
    expect(byName(report, 'other').outcome).toBe('success');
  });

  it('refuses a garbage assertion with the AWS error (not a scenario error)', async () => {
    const report = await runScenario([{ name: 'g', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion: 'not-a-jwt' } }]);
    expect(refusal(byName(report, 'g'))).toMatchObject({ error: 'InvalidGrantException', check: 'assertion' });
    expect(byName(report, 'g').error).toMatchObject({ error: 'invalid_grant' });
  });

  it('refuses a 1 MB assertion before parsing it', async () => {
    const report = await runScenario([login('big', { claims: { pad: 'x'.repeat(1024 * 1024) } })]);
    expect(refusal(byName(report, 'big'))).toMatchObject({ error: 'InvalidRequestException', check: 'assertion' });
  });

  it('refuses a missing assertion with InvalidRequestException', async () => {
    const report = await runScenario([{ name: 'm', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER } }]);
    expect(refusal(byName(report, 'm'))).toMatchObject({ error: 'InvalidRequestException', check: 'assertion' });
  });

  it('refuses when there are no keys for the issuer and the network is off', async () => {
    const report = await runScenario([login('r')], { extra: { issuers: {} } }).catch((e: Error) => e);
    // A `jwt:` needs a scenario key, so test with a literal token signed by a key the simulator does not know.
    expect(report).toBeInstanceOf(Error);
    const { privateKey } = await generateKeyPair('ES256');
    const token = await new SignJWT({ email: 'alice@example.com' }).setProtectedHeader({ alg: 'ES256' }).setIssuer(ISSUER_URL).setAudience('portal-aud').setIssuedAt(NOW_S).setExpirationTime(NOW_S + 300).sign(privateKey);
    const r = byName(await runScenario([{ name: 'lit', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion: token } }], { extra: { issuers: {} } }), 'lit');
    expect(refusal(r)).toMatchObject({ error: 'InvalidGrantException', check: 'signature' });
    expect(refusal(r).detail).toMatch(/network is off/);
  });

  it('verifies a token signed with a privateJwk file, and one checked against a jwks file (verify only)', async () => {
    const key = await privateJwkFile('ES256', 'file-key-1');
    const ok = byName(await runScenario([login('ok')], { extra: { issuers: { idp: { privateJwk: key.file } } } }), 'ok');
    expect(ok.outcome).toBe('success');
    expect(ok.trace.find((s) => s.check === 'signature')!.detail).toMatch(/file-key-1/);

    const { writeFileSync } = await import('node:fs');
    const jwksFile = `${key.dir}/jwks.json`;
    writeFileSync(jwksFile, JSON.stringify({ keys: [{ ...(await exportJWK(key.publicKey)), kid: 'file-key-1', alg: 'ES256' }] }));
    const token = await new SignJWT({ email: 'alice@example.com' }).setProtectedHeader({ alg: 'ES256', kid: 'file-key-1' }).setIssuer(ISSUER_URL).setAudience('portal-aud').setIssuedAt(NOW_S).setExpirationTime(NOW_S + 300).sign(key.privateKey);
    const lit = (assertion: string) => ({ name: 'lit', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion } });
    expect(byName(await runScenario([lit(token)], { extra: { issuers: { idp: { jwks: jwksFile } } } }), 'lit').outcome).toBe('success');
    const tampered = token.slice(0, -6) + (token.endsWith('AAAAAA') ? 'BBBBBB' : 'AAAAAA');
    expect(refusal(byName(await runScenario([lit(tampered)], { extra: { issuers: { idp: { jwks: jwksFile } } } }), 'lit'))).toMatchObject({ error: 'InvalidGrantException', check: 'signature' });
  });

  describe('key-reference headers are ignored and never fetched', () => {
    let server: Server;
    let hits = 0;
    let base = '';
    let attackerJwks: unknown;
    beforeAll(async () => {
      const { publicKey } = await generateKeyPair('RS256', { extractable: true });
      attackerJwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'attacker', alg: 'RS256' }] };
      server = createServer((req, res) => {
        hits++;
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(attackerJwks));
      });
      await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

    it('refuses tokens signed by an attacker key named by jku, x5u or an embedded jwk — with zero requests to the named URLs', async () => {
      const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
      const attackerJwk = { ...(await exportJWK(publicKey)), kid: 'attacker', alg: 'RS256' };
      const sign = (header: Record<string, unknown>) =>
        new SignJWT({ email: 'alice@example.com' })
          .setProtectedHeader({ alg: 'RS256', kid: 'attacker', ...header })
          .setIssuer(ISSUER_URL)
          .setAudience('portal-aud')
          .setIssuedAt(NOW_S)
          .setExpirationTime(NOW_S + 300)
          .sign(privateKey);
      const tokens = [await sign({ jku: `${base}/jwks.json` }), await sign({ x5u: `${base}/cert.pem` }), await sign({ jwk: attackerJwk })];
      const requests = tokens.map((assertion, i) => ({ name: `h${i}`, operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion } }));
      // Even with the network allowed: the issuer has a scenario key, and header keys are never used.
      const report = await runScenario(requests, { allowNetwork: true });
      for (const r of report.results) {
        expect(refusal(r)).toMatchObject({ error: 'InvalidGrantException', check: 'signature' });
        expect(r.trace.find((s) => s.check === 'algorithm')!.detail).toMatch(/ignored/);
      }
      expect(hits).toBe(0);
    });
  });

  it('accepts a caller that is an assumed-role session of the allowed role', async () => {
    const r = byName(
      await runScenario([{ ...login('s'), caller: 'session' }], {
        extra: { principals: { session: { Arn: `${BACKEND.replace(':iam:', ':sts:').replace(':role/', ':assumed-role/')}/my-session` } } },
      }),
      's',
    );
    expect(r.outcome).toBe('success');
  });
});
