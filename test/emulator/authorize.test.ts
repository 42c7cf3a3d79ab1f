/** The authorization_code flow through `serve`: the /authorize page (or the admin endpoint), then CreateToken with PKCE. */
import { createHash, randomBytes } from 'node:crypto';
import { CreateTokenCommand, RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPost, pageCookie, applicationArn, oidcClient, startFromFixture, writeFixture, type Started } from './helpers.js';

const REDIRECT = 'http://127.0.0.1:53682/oauth/callback';
let started: Started;

beforeAll(async () => {
  started = await startFromFixture(await writeFixture());
});
afterAll(async () => {
  await started?.emulator.close();
});

async function registerPkceClient() {
  const client = oidcClient(started.emulator.url);
  const reg = await client.send(
    new RegisterClientCommand({
      clientName: 'ide-plugin',
      clientType: 'public',
      grantTypes: ['authorization_code', 'refresh_token'],
      redirectUris: [REDIRECT],
      scopes: ['sso:account:access'],
      entitledApplicationArn: applicationArn(started.model, 'data-cli'),
    }),
  );
  const verifier = randomBytes(32).toString('base64url');
  const challenge = createHash('sha256').update(verifier).digest('base64url');
  return { client, reg, verifier, challenge };
}

describe('authorization_code with PKCE', () => {
  it('the /authorize page signs a user in and redirects to the client with code and state', async () => {
    const { client, reg, verifier, challenge } = await registerPkceClient();
    // AWS's RegisterClient example answers four members, no endpoints: the client knows the authorize URL.
    expect(reg.authorizationEndpoint).toBeUndefined();
    const query = new URLSearchParams({
      response_type: 'code',
      client_id: reg.clientId!,
      redirect_uri: REDIRECT,
      scopes: 'sso:account:access',
      state: 'st-123',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const cookie = await pageCookie(started.emulator);
    const page = await fetch(`${started.emulator.url}/authorize?${query}`, { headers: { cookie } });
    expect(page.status).toBe(200);
    // The form may end in a redirect to the client, so its origin is allowed as a form target.
    expect(page.headers.get('content-security-policy')).toContain("form-action 'self' http://127.0.0.1:53682");
    const html = await page.text();
    const form = new URLSearchParams();
    for (const m of html.matchAll(/<input type="hidden" name="([a-z_]+)" value="([^"]*)">/g)) form.set(m[1]!, m[2]!.replace(/&amp;/g, '&'));
    form.set('user', 'alice');

    const submitted = await fetch(`${started.emulator.url}/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: form,
      redirect: 'manual',
    });
    expect(submitted.status).toBe(302);
    const location = new URL(submitted.headers.get('location')!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect(location.searchParams.get('state')).toBe('st-123');

    const token = await client.send(
      new CreateTokenCommand({
        clientId: reg.clientId,
        clientSecret: reg.clientSecret,
        grantType: 'authorization_code',
        code: location.searchParams.get('code')!,
        redirectUri: REDIRECT,
        codeVerifier: verifier,
      }),
    );
    expect(token.accessToken).toEqual(expect.any(String));
  });

  it('a refused sign-in shows the error and never redirects', async () => {
    const { reg, challenge } = await registerPkceClient();
    const cookie = await pageCookie(started.emulator);
    const page = await (await fetch(`${started.emulator.url}/authorize?client_id=${reg.clientId}&redirect_uri=${encodeURIComponent(REDIRECT)}`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(page)![1]!;
    // mallory is not in the analysts group that data-cli is assigned to.
    const res = await fetch(`${started.emulator.url}/authorize`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie },
      body: new URLSearchParams({ csrf, client_id: reg.clientId!, redirect_uri: REDIRECT, code_challenge: challenge, code_challenge_method: 'S256', user: 'mallory' }),
      redirect: 'manual',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('location')).toBeNull();
    expect(await res.text()).toMatch(/role="alert">AccessDeniedException/);
  });

  it('the admin endpoint returns the code as JSON, and refusals as the modelled error', async () => {
    const { client, reg, verifier, challenge } = await registerPkceClient();
    const ok = await adminPost(started.emulator, '/_tipkit/authorize', {
      clientId: reg.clientId, redirectUri: REDIRECT, user: 'alice', state: 's1', codeChallenge: challenge, codeChallengeMethod: 'S256',
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ code: expect.any(String), state: 's1' });
    const token = await client.send(
      new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'authorization_code', code: String(ok.body.code), redirectUri: REDIRECT, codeVerifier: verifier }),
    );
    expect(token.accessToken).toEqual(expect.any(String));

    const refused = await adminPost(started.emulator, '/_tipkit/authorize', { clientId: reg.clientId, redirectUri: 'http://127.0.0.1:1/elsewhere', user: 'alice', codeChallenge: challenge });
    expect(refused.status).toBe(400);
    expect(refused.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    expect(refused.body.error).toBe('invalid_request');
  });
});
