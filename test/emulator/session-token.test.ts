/**
 * x-amz-security-token with the real SDK: session credentials (an STS key with its session token) are scenario
 * principals with `SessionToken`; any other token — made up, sent with long-term keys, or missing for temporary
 * keys — is refused as AWS refuses it: HTTP 403 UnrecognizedClientException, "The security token included in the
 * request is invalid."
 */
import { CreateTokenWithIAMCommand, SSOOIDCClient } from '@aws-sdk/client-sso-oidc';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicationArn, idpToken, startFromFixture, writeFixture, type Fixture, type Started } from './helpers.js';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const SESSION = { accessKeyId: 'ASIASESSION000000001', secretAccessKey: 'session-secret-key-for-tests', sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLEsessionTOKEN' };

let fixture: Fixture;
let started: Started;
beforeAll(async () => {
  fixture = await writeFixture({
    scenario: (text) =>
      text.replace(
        'principals:\n',
        `principals:\n  session: { Arn: "arn:aws:iam::111122223333:role/Backend", AccessKeyId: ${SESSION.accessKeyId}, SecretAccessKey: ${SESSION.secretAccessKey}, SessionToken: ${SESSION.sessionToken} }\n`,
      ),
  });
  started = await startFromFixture(fixture);
});
afterAll(() => started?.emulator.close());

const client = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new SSOOIDCClient({ endpoint: started.emulator.url, region: 'us-east-1', maxAttempts: 1, credentials });
const login = async (credentials: Parameters<typeof client>[0]) =>
  client(credentials).send(new CreateTokenWithIAMCommand({ clientId: applicationArn(started.model, 'portal'), grantType: JWT_BEARER, assertion: await idpToken(fixture, { email: 'alice@example.com', aud: 'portal-aud' }) }));

async function refusal(credentials: Parameters<typeof client>[0]) {
  const err = (await login(credentials).then(
    () => undefined,
    (e: unknown) => e,
  )) as { name: string; message: string; $metadata: { httpStatusCode: number } } | undefined;
  expect(err, 'the request was accepted').toBeDefined();
  return err!;
}

describe('x-amz-security-token', () => {
  it('session credentials declared with SessionToken sign CreateTokenWithIAM (control)', async () => {
    const ok = await login(SESSION);
    expect(ok.tokenType).toBe('Bearer');
    expect(started.log.at(-1)).toMatchObject({ operation: 'CreateTokenWithIAM', status: 200, caller: 'arn:aws:iam::111122223333:role/Backend' });
  });

  const refused: [string, Parameters<typeof client>[0], RegExp][] = [
    ['a made-up token with the session key', { ...SESSION, sessionToken: `${SESSION.sessionToken}x` }, /is not principal session's SessionToken/],
    ['no token with the session key', { accessKeyId: SESSION.accessKeyId, secretAccessKey: SESSION.secretAccessKey }, /temporary credentials; the request sent no x-amz-security-token/],
    ['any token with long-term keys', { accessKeyId: 'AKIDBACKEND0000000001', secretAccessKey: 'backend-secret-key-for-tests', sessionToken: 'anything-at-all' }, /long-term keys .* sent an x-amz-security-token/],
  ];
  for (const [title, credentials, logged] of refused) {
    it(`${title}: 403 UnrecognizedClientException`, async () => {
      const err = await refusal(credentials);
      expect(err.name).toBe('UnrecognizedClientException');
      expect(err.$metadata.httpStatusCode).toBe(403);
      expect(err.message).toBe('The security token included in the request is invalid.');
      expect(started.log.at(-1)).toMatchObject({ status: 403, failedCheck: 'sigv4:session-token', detail: expect.stringMatching(logged) });
    });
  }

  it('long-term keys without a token still work (control)', async () => {
    expect((await login({ accessKeyId: 'AKIDBACKEND0000000001', secretAccessKey: 'backend-secret-key-for-tests' })).tokenType).toBe('Bearer');
  });
});
