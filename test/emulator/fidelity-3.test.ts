/**
 * Issue 21 (fidelity, round 3), the SSO OIDC wire of `tipkit serve` through the real @aws-sdk/client-sso-oidc:
 * application clients are ARNs, token responses are not cacheable. Each test names its source.
 */
import { CreateTokenWithIAMCommand, RegisterClientCommand } from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPost, applicationArn, idpToken, oidcClient, principal, rejection, startFromFixture, writeFixture, type Fixture, type Started } from './helpers.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

let fixture: Fixture;
let started: Started;
beforeAll(async () => {
  fixture = await writeFixture();
  started = await startFromFixture(fixture);
});
afterAll(() => started?.emulator.close());

describe('3. application clients are ARNs on the wire (sso-oidc model, CreateTokenWithIAM clientId: "This value is an application ARN that has OAuth grants configured")', () => {
  it('CreateTokenWithIAM takes the ARN; the Name is InvalidClientException naming the ARN to send', async () => {
    const client = oidcClient(started.emulator.url, principal(started.principals, 'backend'));
    const portal = applicationArn(started.model, 'portal');
    const assertion = () => idpToken(fixture, { email: 'alice@example.com', aud: 'portal-aud' });
    expect((await client.send(new CreateTokenWithIAMCommand({ clientId: portal, grantType: JWT_BEARER, assertion: await assertion() }))).accessToken).toEqual(expect.any(String));
    const byName = await rejection(client.send(new CreateTokenWithIAMCommand({ clientId: 'portal', grantType: JWT_BEARER, assertion: await assertion() })));
    expect(byName.name).toBe('InvalidClientException');
    expect(byName.$metadata.httpStatusCode).toBe(401);
    expect(byName.error_description).toContain(`AWS takes the application ARN here (${portal})`);
  });

  it("RegisterClient's entitledApplicationArn by Name is InvalidRequestException; Authorize's client_id by Name is InvalidClientException", async () => {
    const client = oidcClient(started.emulator.url);
    const entitled = await rejection(client.send(new RegisterClientCommand({ clientName: 'c', clientType: 'public', scopes: ['sso:account:access'], entitledApplicationArn: 'data-cli' })));
    expect(entitled.name).toBe('InvalidRequestException');
    expect(entitled.error_description).toContain(applicationArn(started.model, 'data-cli'));
    const ok = await client.send(new RegisterClientCommand({ clientName: 'c', clientType: 'public', scopes: ['sso:account:access'], entitledApplicationArn: applicationArn(started.model, 'data-cli') }));
    expect(ok.clientId).toEqual(expect.any(String));

    const authorize = await adminPost(started.emulator, '/_tipkit/authorize', { clientId: 'data-cli', redirectUri: 'http://127.0.0.1:53682/oauth/callback', user: 'alice' });
    expect(authorize.status).toBe(401);
    expect(authorize.headers.get('x-amzn-errortype')).toBe('InvalidClientException');
  });
});

describe('10. token responses are not cacheable (RFC 6749 §5.1: Cache-Control: no-store, Pragma: no-cache)', () => {
  it('on a token, and on a token refusal; not on RegisterClient', async () => {
    const post = (path: string, body: unknown) => fetch(`${started.emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const reg = await post('/client/register', { clientName: 'c', clientType: 'public', scopes: ['sso:account:access'] });
    expect(reg.status).toBe(200);
    expect(reg.headers.get('cache-control')).toBeNull();
    const { clientId, clientSecret } = (await reg.json()) as { clientId: string; clientSecret: string };
    const start = (await (await post('/device_authorization', { clientId, clientSecret, startUrl: 'https://example.awsapps.com/start' })).json()) as { deviceCode: string; userCode: string };
    const pending = await post('/token', { clientId, clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: start.deviceCode });
    expect(pending.headers.get('x-amzn-errortype')).toBe('AuthorizationPendingException');
    expect(pending.headers.get('cache-control')).toBe('no-store');
    expect(pending.headers.get('pragma')).toBe('no-cache');
    expect((await adminPost(started.emulator, '/_tipkit/approve-device', { userCode: start.userCode, user: 'alice' })).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1100)); // the device interval is 1 s
    const token = await post('/token', { clientId, clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: start.deviceCode });
    expect(token.status).toBe(200);
    expect(token.headers.get('cache-control')).toBe('no-store');
    expect(token.headers.get('pragma')).toBe('no-cache');
  });
});
