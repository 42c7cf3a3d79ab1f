/**
 * STS on `tipkit serve` (spec §9) with the real @aws-sdk/client-sts and the AWS CLI: the identity context serve's
 * CreateTokenWithIAM returns is accepted by its AssumeRole, and the identity-enhanced credentials sign
 * GetCallerIdentity; refusals come back as the SDK's named errors, XML as STS writes it.
 */
import { spawnSync } from 'node:child_process';
import { CreateTokenWithIAMCommand } from '@aws-sdk/client-sso-oidc';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { SignatureV4 } from '@smithy/signature-v4';
import { HttpRequest } from '@smithy/protocol-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeInput } from '../../emulator/load.js';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
import { NodeSha256 } from '../../emulator/sigv4.js';
import type { RequestLogEntry } from '../../emulator/log.js';
import type { Principal } from '../../simulator/types.js';
import { adminPost, applicationArn, oidcClient, principal, rejection } from './helpers.js';

const ROLE = 'arn:aws:iam::111122223333:role/DataReader';
const IDC = 'arn:aws:iam::aws:contextProvider/IdentityCenter';
const SESSION_ARN = 'arn:aws:sts::111122223333:assumed-role/DataReader/alice';

let emulator: RunningEmulator;
let principals: readonly Principal[];
/** serve takes application ARNs as clientId, as AWS's wire does (tipkit derives this one from the instance and Name). */
let portalArn: string;
const log: RequestLogEntry[] = [];

beforeAll(async () => {
  const input = await loadServeInput({ scenario: 'examples/identity-enhanced-session/scenario.yaml', cwd: process.cwd() });
  principals = input.scenario.principals;
  portalArn = applicationArn(input.model, 'data-portal');
  emulator = await startEmulator({ model: input.model, scenario: input.scenario, port: 0, log: (e) => log.push(e) });
});
afterAll(async () => {
  await emulator?.close();
});

const sts = (credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) =>
  new STSClient({ endpoint: emulator.url, region: 'us-east-1', maxAttempts: 1, credentials });
const keysOf = (p: Principal) => ({ accessKeyId: p.accessKeyId!, secretAccessKey: p.secretAccessKey! });

/** Sign Alice in the way the portal backend does: an IdP JWT, then CreateTokenWithIAM (jwt-bearer). */
async function identityContext(): Promise<string> {
  const minted = await adminPost(emulator, '/_tipkit/jwt', { issuer: 'okta-prod', claims: { email: 'alice@example.com', aud: '0oa1dataportal', sub: 'alice', jti: crypto.randomUUID() } });
  const token = await oidcClient(emulator.url, principal(principals, 'backend')).send(
    new CreateTokenWithIAMCommand({ clientId: portalArn, grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: String(minted.body.jwt) }),
  );
  const claims = JSON.parse(Buffer.from(token.idToken!.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
  expect(claims['sts:identity_context']).toBe(token.awsAdditionalDetails!.identityContext);
  return token.awsAdditionalDetails!.identityContext!;
}

describe('STS with @aws-sdk/client-sts', () => {
  it('AssumeRole with the identity context → an identity-enhanced session whose GetCallerIdentity is the assumed-role ARN', async () => {
    const context = await identityContext();
    const assumed = await sts(keysOf(principal(principals, 'backend'))).send(
      new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'alice', DurationSeconds: 900, ProvidedContexts: [{ ProviderArn: IDC, ContextAssertion: context }] }),
    );
    expect(assumed.AssumedRoleUser).toEqual({ AssumedRoleId: expect.stringMatching(/^AROA[A-Z2-7]{17}:alice$/), Arn: SESSION_ARN });
    expect(assumed.Credentials!.AccessKeyId).toMatch(/^ASIA/);
    expect(assumed.Credentials!.Expiration).toBeInstanceOf(Date);
    expect(assumed.Credentials!.Expiration!.getTime() - Date.now()).toBeGreaterThan(890_000);
    expect(assumed.$metadata.httpStatusCode).toBe(200);

    const session = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! };
    const who = await sts(session).send(new GetCallerIdentityCommand({}));
    expect({ Arn: who.Arn, Account: who.Account, UserId: who.UserId }).toEqual({ Arn: SESSION_ARN, Account: '111122223333', UserId: assumed.AssumedRoleUser!.AssumedRoleId });
    expect(log.filter((e) => e.operation.startsWith('sts:')).map((e) => `${e.operation} ${e.status}`).slice(-2)).toEqual(['sts:AssumeRole 200', 'sts:GetCallerIdentity 200']);

    // The same keys without their session token are not that session.
    const noToken = await rejection(sts({ accessKeyId: session.accessKeyId, secretAccessKey: session.secretAccessKey }).send(new GetCallerIdentityCommand({})));
    expect(noToken.name).toBe('InvalidClientTokenId');
  });

  it('GetCallerIdentity with a scenario principal returns its ARN', async () => {
    const who = await sts(keysOf(principal(principals, 'backend'))).send(new GetCallerIdentityCommand({}));
    expect(who.Arn).toBe('arn:aws:iam::111122223333:role/PortalBackend');
  });

  it.each([
    ['a caller the trust policy does not name', 'intruder', {}, 'AccessDenied', 403, /User: arn:aws:iam::999988887777:role\/SomeoneElse is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::111122223333:role\/DataReader/],
    ['a forged assertion', 'backend', { ProvidedContexts: [{ ProviderArn: IDC, ContextAssertion: 'forged-context-assertion' }] }, 'InvalidParameterValue', 400, /could not be verified/],
    ['a duration over MaxSessionDuration', 'backend', { DurationSeconds: 10800 }, 'ValidationError', 400, /exceeds the MaxSessionDuration/],
    ['a role ARN with XML in it (escaped, so the SDK still reads the error)', 'backend', { RoleArn: 'arn:aws:iam::111122223333:role/<x>&</Message>' }, 'AccessDenied', 403, /on resource: arn:aws:iam::111122223333:role\/<x>&<\/Message>$/],
    ['six contexts', 'backend', { ProvidedContexts: Array.from({ length: 6 }, () => ({ ProviderArn: IDC, ContextAssertion: 'abcd' })) }, 'ValidationError', 400, /providedContexts.*less than or equal to 5/],
  ])('refuses %s: %s', async (_what, who, input, name, status, message) => {
    const context = await identityContext();
    const err = await rejection(
      sts(keysOf(principal(principals, who))).send(new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'alice', ProvidedContexts: [{ ProviderArn: IDC, ContextAssertion: context }], ...input })),
    );
    expect(err.name).toBe(name);
    expect(err.$metadata.httpStatusCode).toBe(status);
    expect(err.message).toMatch(message);
    expect(err.Type).toBe('Sender');
  });

  it('refuses signatures as STS front end does: unknown key, wrong secret, wrong service', async () => {
    expect((await rejection(sts({ accessKeyId: 'AKIANOBODY0000000000', secretAccessKey: 'x' }).send(new GetCallerIdentityCommand({})))).name).toBe('InvalidClientTokenId');
    const backend = principal(principals, 'backend');
    expect((await rejection(sts({ accessKeyId: backend.accessKeyId!, secretAccessKey: 'wrong' }).send(new GetCallerIdentityCommand({})))).name).toBe('SignatureDoesNotMatch');
    const signer = new SignatureV4({ service: 'sso-oauth', region: 'us-east-1', credentials: keysOf(backend), sha256: NodeSha256 });
    const url = new URL(emulator.url);
    const body = 'Action=GetCallerIdentity&Version=2011-06-15';
    const signed = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' }, body }));
    const res = await fetch(`${emulator.url}/`, { method: 'POST', headers: signed.headers as Record<string, string>, body });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('text/xml');
    const xml = await res.text();
    expect(xml).toMatch(/^<ErrorResponse xmlns="https:\/\/sts\.amazonaws\.com\/doc\/2011-06-15\/">/);
    expect(xml).toMatch(/<Type>Sender<\/Type>\s*<Code>SignatureDoesNotMatch<\/Code>\s*<Message>Credential should be scoped to correct service: 'sts'/);
    expect(xml).toMatch(/<RequestId>[0-9a-f-]{36}<\/RequestId>/);
  });

  it('answers an unknown Action or Version with InvalidAction, in XML', async () => {
    const backend = principal(principals, 'backend');
    const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials: keysOf(backend), sha256: NodeSha256 });
    const url = new URL(emulator.url);
    for (const body of ['Action=GetSessionToken&Version=2011-06-15', 'Action=GetCallerIdentity&Version=2099-01-01']) {
      const signed = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' }, body }));
      const res = await fetch(`${emulator.url}/`, { method: 'POST', headers: signed.headers as Record<string, string>, body });
      expect(res.status).toBe(400);
      expect(await res.text()).toMatch(/<Code>InvalidAction<\/Code>\s*<Message>Could not find operation/);
    }
  });
});

/** Why the AWS CLI cannot run `aws sts assume-role --provided-contexts` here, or undefined. */
function awsStsCliMissing(): string | undefined {
  const skeleton = spawnSync('aws', ['sts', 'assume-role', '--generate-cli-skeleton'], { encoding: 'utf8' });
  if (skeleton.error || skeleton.status !== 0) return 'the AWS CLI (`aws`) is not on PATH';
  if (!skeleton.stdout.includes('ProvidedContexts')) return 'this AWS CLI has no `--provided-contexts` for `aws sts assume-role`';
  return undefined;
}
const cliMissing = awsStsCliMissing();

describe('STS with the AWS CLI', () => {
  it.skipIf(cliMissing)(`aws sts assume-role --provided-contexts, then aws sts get-caller-identity with the session${cliMissing ? ` (skipped: ${cliMissing})` : ''}`, async () => {
    const context = await identityContext();
    const backend = principal(principals, 'backend');
    const env = (c: { accessKeyId: string; secretAccessKey: string; sessionToken?: string }) => ({
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      AWS_ACCESS_KEY_ID: c.accessKeyId,
      AWS_SECRET_ACCESS_KEY: c.secretAccessKey,
      ...(c.sessionToken ? { AWS_SESSION_TOKEN: c.sessionToken } : {}),
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: '/dev/null',
      AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    });
    const run = (args: string[], creds: Parameters<typeof env>[0]) =>
      new Promise<{ status: number | null; stdout: string; stderr: string }>((resolve) => {
        // Asynchronous: the emulator answers from this process.
        import('node:child_process').then(({ execFile }) =>
          execFile('aws', [...args, '--endpoint-url', emulator.url, '--output', 'json'], { env: env(creds) }, (err, stdout, stderr) =>
            resolve({ status: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
          ),
        );
      });
    const assumed = await run(['sts', 'assume-role', '--role-arn', ROLE, '--role-session-name', 'alice', '--provided-contexts', JSON.stringify([{ ProviderArn: IDC, ContextAssertion: context }])], keysOf(backend));
    expect(assumed.stderr).toBe('');
    const out = JSON.parse(assumed.stdout) as { Credentials: Record<string, string>; AssumedRoleUser: { Arn: string } };
    expect(out.AssumedRoleUser.Arn).toBe(SESSION_ARN);
    const who = await run(['sts', 'get-caller-identity'], { accessKeyId: out.Credentials.AccessKeyId!, secretAccessKey: out.Credentials.SecretAccessKey!, sessionToken: out.Credentials.SessionToken! });
    expect(JSON.parse(who.stdout)).toMatchObject({ Arn: SESSION_ARN, Account: '111122223333' });

    const denied = await run(['sts', 'assume-role', '--role-arn', ROLE, '--role-session-name', 'alice', '--provided-contexts', JSON.stringify([{ ProviderArn: IDC, ContextAssertion: 'forged-context-assertion' }])], keysOf(backend));
    expect(denied.status).not.toBe(0);
    expect(denied.stderr).toMatch(/An error occurred \(InvalidParameterValue\) when calling the AssumeRole operation: The context assertion could not be verified/);
  });
});

describe('an identity-enhanced session past its Expiration', () => {
  it('is refused with ExpiredToken (403), as STS answers expired session credentials', async () => {
    const input = await loadServeInput({ scenario: 'examples/identity-enhanced-session/scenario.yaml', cwd: process.cwd() });
    let offset = 0;
    const clock = { now: () => Date.now() + offset };
    const own = await startEmulator({ model: input.model, scenario: input.scenario, port: 0, clock });
    try {
      const backend = principal(input.scenario.principals, 'backend');
      const minted = await adminPost(own, '/_tipkit/jwt', { issuer: 'okta-prod', claims: { email: 'alice@example.com', aud: '0oa1dataportal', sub: 'alice' } });
      const token = await oidcClient(own.url, backend).send(new CreateTokenWithIAMCommand({ clientId: applicationArn(input.model, 'data-portal'), grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: String(minted.body.jwt) }));
      const client = new STSClient({ endpoint: own.url, region: 'us-east-1', maxAttempts: 1, credentials: keysOf(backend) });
      const assumed = await client.send(
        new AssumeRoleCommand({ RoleArn: ROLE, RoleSessionName: 'alice', DurationSeconds: 900, ProvidedContexts: [{ ProviderArn: IDC, ContextAssertion: token.awsAdditionalDetails!.identityContext! }] }),
      );
      const credentials = { accessKeyId: assumed.Credentials!.AccessKeyId!, secretAccessKey: assumed.Credentials!.SecretAccessKey!, sessionToken: assumed.Credentials!.SessionToken! };
      const call = async () => {
        // Signed at the emulator's (moved) clock, so the signature's date is current for it.
        const signer = new SignatureV4({ service: 'sts', region: 'us-east-1', credentials, sha256: NodeSha256 });
        const url = new URL(own.url);
        const body = 'Action=GetCallerIdentity&Version=2011-06-15';
        const signed = await signer.sign(
          new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/', headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' }, body }),
          { signingDate: new Date(clock.now()) },
        );
        const res = await fetch(`${own.url}/`, { method: 'POST', headers: signed.headers as Record<string, string>, body });
        return { status: res.status, text: await res.text() };
      };
      expect((await call()).status).toBe(200);
      offset = 901_000;
      const late = await call();
      expect(late.status).toBe(403);
      expect(late.text).toMatch(/<Code>ExpiredToken<\/Code>\s*<Message>The security token included in the request is expired<\/Message>/);
    } finally {
      await own.close();
    }
  });
});
