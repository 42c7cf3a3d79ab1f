/** The real @aws-sdk/client-sso-oidc against `tipkit serve`: device flow, CreateTokenWithIAM, and modelled errors. */
import {
  CreateTokenCommand,
  CreateTokenWithIAMCommand,
  RegisterClientCommand,
  StartDeviceAuthorizationCommand,
} from '@aws-sdk/client-sso-oidc';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { adminPost, applicationArn, idpToken, oidcClient, principal, rejection, startFromFixture, writeFixture, type Fixture, type Started } from './helpers.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

let fixture: Fixture;
let started: Started;

beforeAll(async () => {
  fixture = await writeFixture();
  started = await startFromFixture(fixture);
});
afterAll(async () => {
  await started?.emulator.close();
});

describe('device authorization flow', () => {
  it('RegisterClient → StartDeviceAuthorization → pending → approve → CreateToken', async () => {
    const client = oidcClient(started.emulator.url);
    const reg = await client.send(
      new RegisterClientCommand({
        clientName: 'data-cli',
        clientType: 'public',
        grantTypes: ['urn:ietf:params:oauth:grant-type:device_code', 'refresh_token'],
        scopes: ['sso:account:access'],
        entitledApplicationArn: applicationArn(started.model, 'data-cli'),
      }),
    );
    expect(reg.clientId).toEqual(expect.any(String));
    expect(reg.clientSecret).toEqual(expect.any(String));

    const device = await client.send(
      new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: 'https://d-1234567890.awsapps.com/start' }),
    );
    expect(device.verificationUri).toBe(`${started.emulator.url}/device`);
    expect(device.verificationUriComplete).toBe(`${started.emulator.url}/device?user_code=${encodeURIComponent(device.userCode!)}`);

    const poll = () =>
      client.send(
        new CreateTokenCommand({
          clientId: reg.clientId,
          clientSecret: reg.clientSecret,
          grantType: 'urn:ietf:params:oauth:grant-type:device_code',
          deviceCode: device.deviceCode,
        }),
      );
    const pending = await rejection(poll());
    expect(pending.name).toBe('AuthorizationPendingException');
    expect(pending.$metadata.httpStatusCode).toBe(400);
    expect(pending.error).toBe('authorization_pending');

    const approved = await adminPost(started.emulator, '/_tipkit/approve-device', { userCode: device.userCode, user: 'alice' });
    expect(approved.status).toBe(200);
    expect(approved.body).toEqual({ approved: true });

    // A well-behaved client waits `interval` seconds between polls (faster is SlowDownException).
    expect(device.interval).toBe(1);
    await sleep(device.interval! * 1000);
    const token = await poll();
    expect(token.accessToken).toEqual(expect.any(String));
    expect(token.tokenType).toBe('Bearer');
    expect(token.expiresIn).toBeGreaterThan(0);
  });

  it('polling faster than the interval is SlowDownException', async () => {
    // An hour-long interval: the second poll is too fast however slow this machine is (the test does not time).
    const patient = await startFromFixture(await writeFixture({ scenario: (t) => t.replace('{ deviceInterval: 1s }', '{ deviceInterval: 1h }') }));
    onTestFinished(() => patient.emulator.close());
    const client = oidcClient(patient.emulator.url);
    const reg = await client.send(new RegisterClientCommand({ clientName: 'impatient', clientType: 'public' }));
    const device = await client.send(
      new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: 'https://d-1234567890.awsapps.com/start' }),
    );
    const poll = () =>
      client.send(new CreateTokenCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: device.deviceCode }));
    expect((await rejection(poll())).name).toBe('AuthorizationPendingException');
    const slow = await rejection(poll());
    expect(slow.name).toBe('SlowDownException');
    expect(slow.error).toBe('slow_down');
  });

  it('a wrong client secret is InvalidClientException with HTTP 401', async () => {
    const client = oidcClient(started.emulator.url);
    const reg = await client.send(new RegisterClientCommand({ clientName: 'other', clientType: 'public' }));
    const err = await rejection(
      client.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: 'not-the-secret', startUrl: 'https://d-1234567890.awsapps.com/start' })),
    );
    expect(err.name).toBe('InvalidClientException');
    expect(err.$metadata.httpStatusCode).toBe(401);
    expect(err.error).toBe('invalid_client');
    expect(err.$metadata.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('CreateTokenWithIAM', () => {
  it('with an assertion minted by POST /_tipkit/jwt (the scenario issuer plays the IdP)', async () => {
    const minted = await adminPost(started.emulator, '/_tipkit/jwt', { issuer: 'corp-idp', claims: { email: 'alice@example.com', aud: 'portal-aud' } });
    expect(minted.status).toBe(200);
    const client = oidcClient(started.emulator.url, principal(started.principals, 'backend'));
    const login = await client.send(new CreateTokenWithIAMCommand({ clientId: applicationArn(started.model, 'portal'), grantType: JWT_BEARER, assertion: String(minted.body.jwt) }));
    expect(login.tokenType).toBe('Bearer');
    const unknown = await adminPost(started.emulator, '/_tipkit/jwt', { issuer: 'nobody' });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    expect((await adminPost(started.emulator, '/_tipkit/jwt', { claims: {} })).status).toBe(400);
  });

  it('jwt-bearer with an assertion from the scenario issuer, then token exchange to a second application', async () => {
    const client = oidcClient(started.emulator.url, principal(started.principals, 'backend'));
    const assertion = await idpToken(fixture, { email: 'alice@example.com', aud: 'portal-aud', sub: '00u-alice' });
    const login = await client.send(
      new CreateTokenWithIAMCommand({ clientId: applicationArn(started.model, 'portal'), grantType: JWT_BEARER, assertion }),
    );
    expect(login.accessToken).toEqual(expect.any(String));
    expect(login.tokenType).toBe('Bearer');
    expect(login.idToken).toEqual(expect.any(String));

    const exchanged = await client.send(
      new CreateTokenWithIAMCommand({
        clientId: applicationArn(started.model, 'query-app'),
        grantType: TOKEN_EXCHANGE,
        subjectToken: login.accessToken,
        subjectTokenType: ACCESS_TOKEN_TYPE,
        requestedTokenType: ACCESS_TOKEN_TYPE,
      }),
    );
    expect(exchanged.accessToken).toEqual(expect.any(String));
    expect(exchanged.issuedTokenType).toBe(ACCESS_TOKEN_TYPE);

    const entry = started.log.find((e) => e.operation === 'CreateTokenWithIAM' && e.outcome === 'success');
    expect(entry?.caller).toBe('arn:aws:iam::111122223333:role/Backend');
    // The log never carries a token in full.
    expect(JSON.stringify(started.log)).not.toContain(login.accessToken);
  });

  it('a principal the ActorPolicy does not allow gets AccessDeniedException', async () => {
    const client = oidcClient(started.emulator.url, principal(started.principals, 'intruder'));
    const assertion = await idpToken(fixture, { email: 'alice@example.com', aud: 'portal-aud' });
    const err = await rejection(client.send(new CreateTokenWithIAMCommand({ clientId: applicationArn(started.model, 'portal'), grantType: JWT_BEARER, assertion })));
    expect(err.name).toBe('AccessDeniedException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.error).toBe('access_denied');
    expect(err.error_description).toEqual(expect.any(String));
  });

  it('a wrong audience is InvalidGrantException', async () => {
    const client = oidcClient(started.emulator.url, principal(started.principals, 'backend'));
    const assertion = await idpToken(fixture, { email: 'alice@example.com', aud: 'someone-else' });
    const err = await rejection(client.send(new CreateTokenWithIAMCommand({ clientId: applicationArn(started.model, 'portal'), grantType: JWT_BEARER, assertion })));
    expect(err.name).toBe('InvalidGrantException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.error).toBe('invalid_grant');
    expect(err.error_description).toMatch(/aud/i);
  });

  it('an unknown access key is refused before the simulator runs', async () => {
    const client = oidcClient(started.emulator.url, { name: 'stranger', arn: 'arn:aws:iam::999999999999:role/X', accessKeyId: 'AKIDUNKNOWN', secretAccessKey: 'x' });
    const before = started.log.length;
    const err = await rejection(client.send(new CreateTokenWithIAMCommand({ clientId: applicationArn(started.model, 'portal'), grantType: JWT_BEARER, assertion: 'x.y.z' })));
    // AWS's front end: an unknown access key is 403 UnrecognizedClientException (issue 12.8; sigv4-refusals.test.ts).
    expect(err.name).toBe('UnrecognizedClientException');
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toMatch(/security token included in the request is invalid/);
    expect(started.log.slice(before).at(-1)?.failedCheck).toBe('sigv4:unknown-key');
  });

  it('a known key with the wrong secret is refused as a signature mismatch', async () => {
    const backend = principal(started.principals, 'backend');
    const client = oidcClient(started.emulator.url, { ...backend, secretAccessKey: 'wrong-secret' });
    const err = await rejection(client.send(new CreateTokenWithIAMCommand({ clientId: applicationArn(started.model, 'portal'), grantType: JWT_BEARER, assertion: 'x.y.z' })));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toMatch(/signature we calculated does not match/);
  });

  it('a signature scoped to another region is refused', async () => {
    const client = oidcClient(started.emulator.url, principal(started.principals, 'backend'), 'eu-west-1');
    const err = await rejection(client.send(new CreateTokenWithIAMCommand({ clientId: applicationArn(started.model, 'portal'), grantType: JWT_BEARER, assertion: 'x.y.z' })));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.message).toMatch(/valid region: 'us-east-1'/);
  });
});
