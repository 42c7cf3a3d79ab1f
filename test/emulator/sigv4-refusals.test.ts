/**
 * Issue 12.8: SigV4 refusals as AWS's front end sends them, seen through the real @aws-sdk/client-sso-oidc.
 * Source: tip-facts §8 (AWS JSON/REST front ends: UnrecognizedClientException for an unknown access key,
 * InvalidSignatureException for a bad signature and, with "Signature expired", for a stale date; HTTP 403) and the
 * SDK's own behaviour: @aws-sdk/core's SigV4 signer sets systemClockOffset from the error response's Date header
 * and marks the error clockSkewCorrected, which the retry strategy retries. The ActorPolicy refusal stays the
 * modelled AccessDeniedException (400), which sdk.test.ts covers.
 */
import { CreateTokenWithIAMCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationArn, idpToken, principal, rejection, startFromFixture, writeFixture, type Fixture, type Started } from './helpers.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
/** The client's clock is this far behind: beyond the 5-minute window AWS allows a signature. */
const SKEW_MS = -10 * 60 * 1000;

let fixture: Fixture;
let started: Started;

beforeAll(async () => {
  fixture = await writeFixture();
  started = await startFromFixture(fixture);
});
afterAll(async () => {
  await started?.emulator.close();
});

function skewedClient(maxAttempts: number, credentials = principal(started.principals, 'backend')): SSOOIDCClient {
  return new SSOOIDCClient({
    endpoint: started.emulator.url,
    region: 'us-east-1',
    maxAttempts,
    systemClockOffset: SKEW_MS,
    credentials: { accessKeyId: credentials.accessKeyId!, secretAccessKey: credentials.secretAccessKey! },
  });
}

const login = async () =>
  new CreateTokenWithIAMCommand({
    clientId: applicationArn(started.model, 'portal'),
    grantType: JWT_BEARER,
    assertion: await idpToken(fixture, { email: 'alice@example.com', aud: 'portal-aud' }),
  });

describe('SigV4 refusals through the real SDK', () => {
  it('a stale signature is 403 InvalidSignatureException "Signature expired", with the server time in Date', async () => {
    const err = await rejection(skewedClient(1).send(await login()));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toMatch(/^Signature expired: \d{8}T\d{6}Z is now earlier than \d{8}T\d{6}Z \(\d{8}T\d{6}Z - 5 min\.\)$/);
    expect(err.$response.headers.date).toEqual(expect.any(String));
    expect(started.log.at(-1)?.failedCheck).toBe('sigv4:skew');
  });

  it("the SDK corrects its clock from that answer and its retry succeeds (the SDK's clock-skew correction)", async () => {
    const client = skewedClient(3);
    const before = started.log.length;
    const out = await client.send(await login());
    expect(out.accessToken).toEqual(expect.any(String));
    const attempts = started.log.slice(before);
    // Without the correction every attempt would be signed 10 minutes back and refused the same way.
    expect(attempts[0]).toMatchObject({ status: 403, failedCheck: 'sigv4:skew' });
    expect(attempts.at(-1)!.status).toBe(200);
    // The offset now points at the server's clock (within a few seconds of none), not 10 minutes back.
    expect(Math.abs(client.config.systemClockOffset!)).toBeLessThan(60_000);
  });

  it('an unknown access key is 403 UnrecognizedClientException, and is not retried as skew', async () => {
    const stranger = { ...principal(started.principals, 'backend'), accessKeyId: 'AKIDNOSUCHKEY0000000' };
    const before = started.log.length;
    const err = await rejection(skewedClient(3, stranger).send(await login()));
    expect(err.name).toBe('UnrecognizedClientException');
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toBe('The security token included in the request is invalid.');
    expect(started.log.slice(before).map((e) => e.failedCheck)).toEqual(['sigv4:unknown-key']);
  });

  it('a wrong secret is 403 InvalidSignatureException with AWS\'s mismatch message', async () => {
    const wrong = { ...principal(started.principals, 'backend'), secretAccessKey: 'not-the-secret' };
    const client = new SSOOIDCClient({ endpoint: started.emulator.url, region: 'us-east-1', maxAttempts: 1, credentials: { accessKeyId: wrong.accessKeyId!, secretAccessKey: wrong.secretAccessKey } });
    const err = await rejection(client.send(await login()));
    expect(err.name).toBe('InvalidSignatureException');
    expect(err.$metadata.httpStatusCode).toBe(403);
    expect(err.message).toMatch(/^The request signature we calculated does not match the signature you provided/);
  });
});
