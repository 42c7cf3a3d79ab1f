/**
 * A real OpenID provider (oidc-provider on 127.0.0.1) issues a JWT; `serve` with allowNetwork fetches its discovery
 * document and JWKS, exchanges the JWT for an Identity Center token (jwt-bearer) and passes it on (token exchange).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { CreateTokenWithIAMCommand } from '@aws-sdk/client-sso-oidc';
import { exportJWK, generateKeyPair } from 'jose';
import Provider from 'oidc-provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationArn, oidcClient, principal, startFromFixture, writeFixture, type Started } from './helpers.js';

let idpServer: Server;
let issuer: string;
let started: Started | undefined;

beforeAll(async () => {
  // Listen first: the provider's issuer must name its port.
  idpServer = createServer();
  await new Promise<void>((resolve) => idpServer.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(idpServer.address() as AddressInfo).port}`;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(issuer, {
    clients: [{ client_id: 'portal-backend', client_secret: 'portal-backend-secret', grant_types: ['client_credentials'], response_types: [], redirect_uris: [] }],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'idp-key-1', alg: 'RS256', use: 'sig' }] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => 'urn:tipkit:portal',
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({ scope: 'portal', audience: 'portal-aud', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
      },
    },
    // The attribute Identity Center maps to a user (ClaimAttributePath: email).
    extraTokenClaims: () => ({ email: 'alice@example.com' }),
  });
  idpServer.on('request', provider.callback());
});

afterAll(async () => {
  await started?.emulator.close();
  await new Promise((resolve) => idpServer?.close(resolve));
});

async function idpAccessToken(): Promise<string> {
  const res = await fetch(`${issuer}/token`, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      authorization: `Basic ${Buffer.from('portal-backend:portal-backend-secret').toString('base64')}`,
    },
    body: new URLSearchParams({ grant_type: 'client_credentials', scope: 'portal' }),
  });
  const body = (await res.json()) as { access_token?: string };
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.access_token!;
}

describe('a real OIDC provider as the trusted token issuer', () => {
  it('its JWT becomes an Identity Center token, which is exchanged for a second application', async () => {
    const fixture = await writeFixture({
      config: (t) => t.replace('IssuerUrl: https://idp.example.com', `IssuerUrl: ${issuer}`),
      // No scenario key for the issuer: its keys come from the provider's discovery + JWKS.
      scenario: (t) => t.replace(/^issuers:\n(?: {2}.*\n)+/m, ''),
    });
    started = await startFromFixture(fixture, { allowNetwork: true });

    const jwt = await idpAccessToken();
    expect(jwt.split('.')).toHaveLength(3);

    const client = oidcClient(started.emulator.url, principal(started.principals, 'backend'));
    const login = await client.send(
      new CreateTokenWithIAMCommand({ clientId: applicationArn(started.model, 'portal'), grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: jwt }),
    );
    expect(login.accessToken).toEqual(expect.any(String));

    const exchanged = await client.send(
      new CreateTokenWithIAMCommand({
        clientId: applicationArn(started.model, 'query-app'),
        grantType: 'urn:ietf:params:oauth:grant-type:token-exchange',
        subjectToken: login.accessToken,
        subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token',
        requestedTokenType: 'urn:ietf:params:oauth:token-type:access_token',
      }),
    );
    expect(exchanged.accessToken).toEqual(expect.any(String));
    expect(exchanged.accessToken).not.toBe(login.accessToken);
  });
});
