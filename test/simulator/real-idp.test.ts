/**
 * A real OIDC provider (the `oidc-provider` package) on 127.0.0.1 mints a JWT access token with
 * client_credentials and a resource indicator; the simulator, with allowNetwork, verifies it through OpenID
 * discovery and JWKS. Without allowNetwork it must not fetch anything.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadScenarioText, simulate } from '../../simulator/index.js';
import { BACKEND, JWT_BEARER, refusal, testConfig, testModel } from './helpers.js';

const RESOURCE = 'urn:tipkit:test-api';
let server: Server;
let issuer = '';
let requests = 0;

beforeAll(async () => {
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingJwk = { ...(await exportJWK(privateKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' };
  server = createServer();
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'svc-client', client_secret: 'svc-secret', grant_types: ['client_credentials'], redirect_uris: [], response_types: [] }],
    jwks: { keys: [signingJwk] },
    features: {
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => RESOURCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'api:read', audience: 'portal-aud', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
  });
  const callback = provider.callback();
  server.on('request', (req, res) => {
    requests++;
    callback(req, res);
  });
});

afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

async function mintToken(): Promise<string> {
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('svc-client:svc-secret').toString('base64')}` },
    body: new URLSearchParams({ grant_type: 'client_credentials', resource: RESOURCE, scope: 'api:read' }),
  });
  const body = (await res.json()) as { access_token?: string };
  if (!body.access_token) throw new Error(`no token: ${JSON.stringify(body)}`);
  return body.access_token;
}

function scenarioText(assertion: string): string {
  return JSON.stringify({
    version: 1,
    now: new Date(Math.floor(Date.now() / 1000) * 1000).toISOString(),
    // client_credentials tokens have sub = client_id; map it to a user's UserName.
    identityStore: { Users: [{ UserId: 'u-svc', UserName: 'svc-client' }], Groups: [{ GroupId: 'g', DisplayName: 'analysts', Members: ['svc-client'] }] },
    principals: { backend: { Arn: BACKEND } },
    requests: [{ name: 'login', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion } }],
  });
}

describe('a real OIDC provider on 127.0.0.1', () => {
  it('verifies its JWT access token through OpenID discovery and JWKS with allowNetwork', async () => {
    const token = await mintToken();
    const model = testModel(testConfig({ issuerUrl: issuer, claimPath: 'sub', storePath: 'userName' }));
    const loaded = await loadScenarioText(scenarioText(token), 'scenario.json', { model });
    const report = await simulate(loaded.model, loaded.scenario, { allowNetwork: true });
    const r = report.results[0]!;
    expect(r.error).toBeNull();
    expect(r.outcome).toBe('success');
    expect(r.trace.find((s) => s.check === 'signature')!.detail).toBe(`verified with JWKS ${issuer}/jwks (OpenID discovery)`);
    expect(r.trace.find((s) => s.check === 'user')!.detail).toMatch(/svc-client/);
  });

  it('without allowNetwork, refuses the same token and makes no request', async () => {
    const token = await mintToken();
    const before = requests;
    const model = testModel(testConfig({ issuerUrl: issuer, claimPath: 'sub', storePath: 'userName' }));
    const loaded = await loadScenarioText(scenarioText(token), 'scenario.json', { model });
    const report = await simulate(loaded.model, loaded.scenario);
    expect(refusal(report.results[0]!)).toMatchObject({ error: 'InvalidGrantException', check: 'signature' });
    expect(requests).toBe(before);
  });

  it('refuses when the discovery document names a different issuer (trailing slash)', async () => {
    const token = await mintToken();
    const model = testModel(testConfig({ issuerUrl: `${issuer}/`, claimPath: 'sub', storePath: 'userName' }));
    const loaded = await loadScenarioText(scenarioText(token), 'scenario.json', { model });
    const report = await simulate(loaded.model, loaded.scenario, { allowNetwork: true });
    // The token's iss has no trailing slash: the exact-match issuer check refuses before any fetch.
    expect(refusal(report.results[0]!)).toMatchObject({ error: 'InvalidGrantException', check: 'issuer' });
  });
});
