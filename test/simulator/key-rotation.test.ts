/**
 * Issue 12.5, with --allow-network: a `kid` missing from the fetched JWKS refetches it once before refusing — the
 * IdP may have rotated its keys (OpenID Connect Core 1.0 §10.1.1: "the verifier … should re-retrieve the JWK Set
 * when it encounters an unfamiliar kid"), rate-limited so tokens with made-up kids cannot hammer the IdP. An IdP
 * on 127.0.0.1 serves discovery and a JWKS the test rotates.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SteppingClock, createSimulator, loadScenarioText } from '../../simulator/index.js';
import { BACKEND, JWT_BEARER, NOW, baseScenario, testConfig, testModel } from './helpers.js';

let server: Server;
let issuer = '';
let jwks: { keys: Record<string, unknown>[] } = { keys: [] };
let jwksFetches = 0;
let jwksDown = false;
const keyA = await generateKeyPair('ES256', { extractable: true });
const keyB = await generateKeyPair('ES256', { extractable: true });
const publicJwk = async (k: CryptoKey, kid: string) => ({ ...(await exportJWK(k)), kid, alg: 'ES256', use: 'sig' });

beforeAll(async () => {
  server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    if (req.url === '/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/jwks` }));
    if (req.url === '/jwks') {
      jwksFetches++;
      if (jwksDown) return res.writeHead(503).end('{}');
      return res.end(JSON.stringify(jwks));
    }
    res.writeHead(404).end('{}');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

const now = Date.parse(NOW) / 1000;
const token = (key: CryptoKey, kid: string) =>
  new SignJWT({ email: 'alice@example.com', sub: 'sub-alice' }).setProtectedHeader({ alg: 'ES256', kid }).setIssuer(issuer).setAudience('portal-aud').setIssuedAt(now).setExpirationTime(now + 300).sign(key);

async function simulator(refetchCooldownMs?: number) {
  const model = testModel(testConfig({ issuerUrl: issuer }));
  const loaded = await loadScenarioText(JSON.stringify(baseScenario([], { issuers: {} })), 'scenario.json', { model });
  const sim = await createSimulator(loaded.model, loaded.scenario, {
    clock: new SteppingClock(Date.parse(NOW)),
    allowNetwork: true,
    fetchLimits: refetchCooldownMs === undefined ? {} : { refetchCooldownMs },
  });
  return (assertion: string) => sim.call('CreateTokenWithIAM', { clientId: 'portal', grantType: JWT_BEARER, assertion }, { callerArn: BACKEND });
}

describe('JWKS refetch on an unknown kid (key rotation)', () => {
  it('refetches once and verifies a token signed with the new key; a made-up kid costs one refetch, then is refused', async () => {
    jwks = { keys: [await publicJwk(keyA.publicKey, 'a')] };
    jwksFetches = 0;
    const call = await simulator(0);
    expect((await call(await token(keyA.privateKey, 'a'))).outcome).toBe('success');
    expect(jwksFetches).toBe(1);

    jwks = { keys: [await publicJwk(keyA.publicKey, 'a'), await publicJwk(keyB.publicKey, 'b')] };
    const rotated = await call(await token(keyB.privateKey, 'b'));
    expect(rotated.outcome).toBe('success');
    expect(rotated.trace.find((s) => s.check === 'signature')!.detail).toMatch(/refetched after kid "b" was not in the cached JWKS/);
    expect(jwksFetches).toBe(2);

    const madeUp = await call(await token(keyB.privateKey, 'no-such-kid'));
    expect(madeUp.error?.type).toBe('InvalidGrantException');
    expect(madeUp.trace.at(-1)).toMatchObject({ check: 'signature', ok: false });
    expect(jwksFetches).toBe(3);
  });

  it('does not refetch again within the cooldown (30 s by default): the token is refused and the IdP is not asked', async () => {
    jwks = { keys: [await publicJwk(keyA.publicKey, 'a')] };
    jwksFetches = 0;
    const call = await simulator();
    expect((await call(await token(keyA.privateKey, 'a'))).outcome).toBe('success');
    jwks = { keys: [await publicJwk(keyB.publicKey, 'b')] };
    const r = await call(await token(keyB.privateKey, 'b'));
    expect(r.error?.type).toBe('InvalidGrantException');
    expect(r.trace.at(-1)!.detail).toMatch(/not refetched: the JWKS was fetched \d+ s ago; it is refetched at most once per 30 s/);
    expect(jwksFetches).toBe(1);
  });

  it('a refetch that fails keeps the keys that worked: the unknown kid is refused, known keys still verify', async () => {
    jwks = { keys: [await publicJwk(keyA.publicKey, 'a')] };
    jwksFetches = 0;
    const call = await simulator(0);
    expect((await call(await token(keyA.privateKey, 'a'))).outcome).toBe('success');
    jwksDown = true;
    try {
      const r = await call(await token(keyB.privateKey, 'b'));
      expect(r.trace.at(-1)!.detail).toMatch(/not refetched: refetching the JWKS failed: .* answered HTTP 503/);
      expect((await call(await token(keyA.privateKey, 'a'))).outcome).toBe('success');
      expect(jwksFetches).toBe(2);
    } finally {
      jwksDown = false;
    }
  });
});
