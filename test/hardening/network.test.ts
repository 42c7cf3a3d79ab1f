/**
 * Network safety: lint never touches the network; with --allow-network, discovery and JWKS fetches are
 * https-only (http only to loopback), follow no redirect to another host, time out, cap the body and are
 * fetched once per run. Misbehaving IdPs are small servers on 127.0.0.1.
 */
import { spawnSync } from 'node:child_process';
import { resolve } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fetchIssuerJson, IssuerKeyring, DEFAULT_FETCH_LIMITS } from '../../simulator/keys.js';
import { repoRoot } from '../helpers/cli.js';
import { byName, JWT_BEARER, NOW_S, refusal, runScenario, testConfig, testModel } from '../simulator/helpers.js';
import { ensureDistBuilt, testServer, type TestServer } from './support.js';

const preload = resolve(import.meta.dirname, 'fixtures/no-network.mjs');
const node = (args: string[]) => spawnSync(process.execPath, ['--import', preload, ...args], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 120_000 });

describe('lint never touches the network', () => {
  beforeAll(() => ensureDistBuilt(), 180_000);

  it('the preload does catch network use (control: fetch, http and dns in a child)', () => {
    const script = `
      const attempts = [() => fetch('http://127.0.0.1:9/'), () => require('node:http').get('http://127.0.0.1:9/'), () => require('node:dns').lookup('example.com', () => {})];
      for (const a of attempts) { try { Promise.resolve(a()).catch(() => {}); } catch {} }`;
    const r = node(['-e', script]);
    expect(r.stderr.match(/NETWORK-ATTEMPT/g)?.length).toBe(3);
  });

  it('lints the examples and every fixture kind (YAML, JSON, Terraform JSON, HCL, TypeScript) in all formats without a network attempt', () => {
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const r = node(['bin/tipkit.js', 'lint', 'examples', 'test/fixtures', '--format', format]);
      expect(r.stderr).not.toMatch(/NETWORK-ATTEMPT/);
      expect(r.stderr).not.toMatch(/internal error/);
      expect([0, 1]).toContain(r.status);
      expect(r.stdout.length).toBeGreaterThan(100);
    }
    // Four full CLI runs over every fixture kind (TypeScript ones load ts-morph): on a shared 2-core machine this
    // alone took over the suite's 60 s default.
  }, 240_000);
});

describe('issuer fetches (--allow-network)', () => {
  let server: TestServer | undefined;
  afterEach(async () => {
    await server?.close();
    server = undefined;
  });

  it('refuses plain http to a non-loopback host without sending anything', async () => {
    await expect(fetchIssuerJson('http://idp.example.com/.well-known/openid-configuration')).rejects.toThrow(/is not https \(or http to a loopback host\)/);
    await expect(fetchIssuerJson('file:///etc/passwd')).rejects.toThrow(/is not https/);
  });

  it('gives up on a server that does not answer in time (the limit is the configurable 5 s)', async () => {
    expect(DEFAULT_FETCH_LIMITS.timeoutMs).toBe(5000);
    server = await testServer(() => {
      /* never answers */
    });
    await expect(fetchIssuerJson(`${server.url}/slow`, { ...DEFAULT_FETCH_LIMITS, timeoutMs: 150 })).rejects.toThrow(/did not answer within 150 ms/);
  });

  it('gives up on a body that trickles in slower than the time limit', async () => {
    server = await testServer((_, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys":[');
    });
    await expect(fetchIssuerJson(`${server.url}/trickle`, { ...DEFAULT_FETCH_LIMITS, timeoutMs: 150 })).rejects.toThrow(/did not answer within 150 ms/);
  });

  it('refuses a body over 1 MiB, whether declared or streamed without a length', async () => {
    expect(DEFAULT_FETCH_LIMITS.maxBytes).toBe(1024 * 1024);
    const big = `{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`;
    server = await testServer((req, res) => {
      if (req.url === '/declared') res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(big) });
      else res.writeHead(200, { 'content-type': 'application/json' }); // chunked
      res.end(big);
    });
    await expect(fetchIssuerJson(`${server.url}/declared`)).rejects.toThrow(/answered 2097162 bytes, over the 1048576-byte limit/);
    await expect(fetchIssuerJson(`${server.url}/chunked`)).rejects.toThrow(/answered more than 1048576 bytes/);
  });

  it('follows a redirect within the same origin, but none to another host', async () => {
    const elsewhere = await testServer((_, res) => res.end('{"stolen":true}'));
    try {
      server = await testServer((req, res, url) => {
        if (req.url === '/same') res.writeHead(302, { location: `${url}/doc` }).end();
        else if (req.url === '/away') res.writeHead(302, { location: `${elsewhere.url}/doc` }).end();
        else if (req.url === '/loop') res.writeHead(302, { location: '/loop' }).end();
        else res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}');
      });
      expect(await fetchIssuerJson(`${server.url}/same`)).toEqual({ ok: true });
      await expect(fetchIssuerJson(`${server.url}/away`)).rejects.toThrow(/redirects to http:\/\/127\.0\.0\.1:\d+\/doc, another host/);
      await expect(fetchIssuerJson(`${server.url}/loop`)).rejects.toThrow(/redirects more than 3 times/);
      expect(elsewhere.hits.size).toBe(0);
    } finally {
      await elsewhere.close();
    }
  });

  it('a failing issuer costs one fetch per run, not one per request', async () => {
    server = await testServer((_, res) => res.writeHead(503).end());
    const model = testModel(testConfig({ issuerUrl: server.url }));
    const keyring = new IssuerKeyring({}, true);
    const issuer = model.index.issuerByName.get('idp')!;
    const [a, b] = await Promise.all([keyring.verificationKeys(issuer), keyring.verificationKeys(issuer)]);
    const c = await keyring.verificationKeys(issuer);
    for (const r of [a, b, c]) expect(r).toMatchObject({ missing: expect.stringMatching(/answered HTTP 503/) });
    expect(server.hits.get('/.well-known/openid-configuration')).toBe(1);
  });

  it('fetches discovery and JWKS once per run and verifies with them; refuses a JWKS that redirects to another host', async () => {
    const { privateKey, publicKey } = await generateKeyPair('ES256', { extractable: true });
    const jwks = { keys: [{ ...(await exportJWK(publicKey)), kid: 'net-1', alg: 'ES256' }] };
    const attacker = await testServer((_, res) => res.end(JSON.stringify(jwks)));
    let jwksPath = '/jwks';
    server = await testServer((req, res, url) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/.well-known/openid-configuration') res.end(JSON.stringify({ issuer: url, jwks_uri: `${url}${jwksPath}` }));
      else if (req.url === '/jwks') res.end(JSON.stringify(jwks));
      else res.writeHead(302, { location: `${attacker.url}/jwks` }).end();
    });
    try {
      const model = testModel(testConfig({ issuerUrl: server.url }));
      const token = () =>
        new SignJWT({ email: 'alice@example.com' }).setProtectedHeader({ alg: 'ES256', kid: 'net-1' }).setIssuer(server!.url).setAudience('portal-aud').setIssuedAt(NOW_S).setExpirationTime(NOW_S + 300).setJti(crypto.randomUUID()).sign(privateKey);
      const req = async (name: string) => ({ name, operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion: await token() } });
      const report = await runScenario([await req('one'), await req('two')], { model, allowNetwork: true, extra: { issuers: {} } });
      expect(byName(report, 'one').outcome).toBe('success');
      expect(byName(report, 'two').outcome).toBe('success');
      expect(server.hits.get('/.well-known/openid-configuration')).toBe(1);
      expect(server.hits.get('/jwks')).toBe(1);

      jwksPath = '/redirect';
      const refused = byName(await runScenario([await req('three')], { model, allowNetwork: true, extra: { issuers: {} } }), 'three');
      expect(refusal(refused)).toMatchObject({ error: 'InvalidGrantException', check: 'signature' });
      expect(refusal(refused).detail).toMatch(/another host/);
      expect(attacker.hits.size).toBe(0);
    } finally {
      await attacker.close();
    }
  });
});
