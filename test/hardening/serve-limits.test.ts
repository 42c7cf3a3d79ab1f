/**
 * serve's control plane and connections under hostile calls (issue 22, items 8, 10–12): a deeply nested or oversized
 * ActorPolicy is refused and changes nothing; a poisoned state file is refused at start with one line; a signature
 * that does not cover X-Amz-Target or Content-Type is refused (no replay as another operation); the state has a
 * cap; idle connections beyond the cap are shed, oldest first.
 */
import { connect, type Socket } from 'node:net';
import { mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CreateApplicationCommand, DescribeApplicationCommand, PutApplicationAuthenticationMethodCommand, PutApplicationGrantCommand } from '@aws-sdk/client-sso-admin';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe } from '../../emulator/start.js';
import { NodeSha256 } from '../../emulator/sigv4.js';
import { DEFAULT_STATE_CAPS } from '../../emulator/control-plane/control-plane.js';
import type { Principal } from '../../simulator/types.js';
import { principal, writeFixture } from '../emulator/helpers.js';
import { CUSTOM_PROVIDER, adminClient, rejection } from '../control-plane/helpers.js';
import { runMain } from './support.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
const policy = (statementCondition: unknown) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Backend' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*', Condition: statementCondition }],
});
/** `{"a":{"a":…}}` `depth` levels deep. */
const nested = (depth: number): unknown => {
  let v: unknown = 'x';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function start(opts: { stateFile?: string; maxConnections?: number } = {}) {
  const fixture = await writeFixture();
  const serve = await startServe({ scenario: fixture.scenarioFile, cwd: fixture.dir, stateFile: opts.stateFile && join(fixture.dir, opts.stateFile), maxConnections: opts.maxConnections });
  running.push(serve);
  const backend = principal(serve.input.scenario.principals, 'backend');
  return { fixture, serve, backend, admin: adminClient(serve.url, backend) };
}

describe('ActorPolicy limits (item 8)', () => {
  it('a policy nested 2,000 deep is refused, changes nothing, and later writes work', async () => {
    const { fixture, serve, admin } = await start({ stateFile: 'state.json' });
    const { ApplicationArn } = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'victim', ApplicationProviderArn: CUSTOM_PROVIDER }));
    const before = readFileSync(join(fixture.dir, 'state.json'), 'utf8');
    const err = await rejection(
      admin.send(new PutApplicationAuthenticationMethodCommand({ ApplicationArn, AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: policy(nested(2_000)) as never } } })),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/nests deeper than 64 levels/);
    expect(readFileSync(join(fixture.dir, 'state.json'), 'utf8')).toBe(before);
    expect(serve.controlPlane.snapshot().applications.find((a) => a.ApplicationArn === ApplicationArn)!.AuthenticationMethods).toEqual([]);
    await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'after', ApplicationProviderArn: CUSTOM_PROVIDER }));
    expect(statSync(join(fixture.dir, 'state.json')).size).toBeLessThan(64 * 1024);
  });

  it('a policy over IAM’s 10,240 characters is refused', async () => {
    const { admin } = await start();
    const { ApplicationArn } = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'big', ApplicationProviderArn: CUSTOM_PROVIDER }));
    const err = await rejection(
      admin.send(new PutApplicationAuthenticationMethodCommand({ ApplicationArn, AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: policy({ StringEquals: { 'aws:PrincipalTag/x': 'y'.repeat(11_000) } }) as never } } })),
    );
    expect(err.name).toBe('ValidationException');
    expect(err.message).toMatch(/less than or equal to 10240/);
  });

  it('a poisoned state file is refused at start with one line (exit 2)', async () => {
    const fixture = await writeFixture();
    const first = await startServe({ scenario: fixture.scenarioFile, cwd: fixture.dir, stateFile: 'state.json' });
    await first.close();
    const state = JSON.parse(readFileSync(join(fixture.dir, 'state.json'), 'utf8'));
    state.applications[0].AuthenticationMethods = [{ AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: policy(nested(2_000)) } } }];
    writeFileSync(join(fixture.dir, 'state.json'), JSON.stringify(state));
    const r = await runMain(['serve', '--scenario', fixture.scenarioFile, '--state', join(fixture.dir, 'state.json'), '--port', '0'], fixture.dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tipkit: .*state\.json: not a tipkit serve state file: it nests deeper than 64 levels\n$/);
  });
});

/** A request signed over only the headers named, then sent with `send` headers swapped in. */
async function partlySigned(url: string, who: Principal, target: string, body: string, signed: string[], send: Record<string, string> = {}) {
  const { host } = new URL(url);
  const all: Record<string, string> = { host, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target };
  const signer = new SignatureV4({ service: 'sso', region: 'us-east-1', credentials: { accessKeyId: who.accessKeyId!, secretAccessKey: who.secretAccessKey! }, sha256: NodeSha256 });
  const unsignable = new Set(Object.keys(all).filter((h) => !signed.includes(h)));
  const request = await signer.sign(new HttpRequest({ method: 'POST', protocol: 'http:', hostname: host.split(':')[0]!, port: Number(host.split(':')[1]), path: '/', headers: all, body }), { unsignableHeaders: unsignable });
  const res = await fetch(url, { method: 'POST', headers: { ...(request.headers as Record<string, string>), ...send }, body });
  return { status: res.status, type: res.headers.get('x-amzn-errortype'), body: (await res.json()) as Record<string, unknown> };
}

describe('SigV4 must cover X-Amz-Target and Content-Type (item 10)', () => {
  it('a signed DescribeApplication replayed as DeleteApplication is refused, and the application stays', async () => {
    const { serve, backend, admin } = await start();
    const { ApplicationArn } = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'kept', ApplicationProviderArn: CUSTOM_PROVIDER }));
    const body = JSON.stringify({ ApplicationArn });
    const r = await partlySigned(serve.url, backend, 'SWBExternalService.DescribeApplication', body, ['host', 'x-amz-date', 'content-type'], { 'x-amz-target': 'SWBExternalService.DeleteApplication' });
    expect(r.status).toBe(403);
    expect(r.type).toBe('IncompleteSignatureException');
    expect(String(r.body.message)).toMatch(/'x-amz-target' header must be signed/);
    expect((await admin.send(new DescribeApplicationCommand({ ApplicationArn }))).Name).toBe('kept');
  });

  it('an unsigned Content-Type is refused; a request signing all of them is answered', async () => {
    const { serve, backend } = await start();
    const body = JSON.stringify({ InstanceArn: INSTANCE });
    const unsigned = await partlySigned(serve.url, backend, 'SWBExternalService.ListApplications', body, ['host', 'x-amz-date', 'x-amz-target']);
    expect(unsigned.type).toBe('IncompleteSignatureException');
    const whole = await partlySigned(serve.url, backend, 'SWBExternalService.ListApplications', body, ['host', 'x-amz-date', 'x-amz-target', 'content-type']);
    expect(whole.status).toBe(200);
  });
});

describe('a write copies what it changes, and a failing write changes nothing (item 11)', () => {
  it('a grant put whose state file cannot be written leaves the application as it was; the next write works', async () => {
    const { fixture, serve, admin } = await start({ stateFile: 'state.json' });
    const { ApplicationArn } = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'cow', ApplicationProviderArn: CUSTOM_PROVIDER }));
    const before = serve.controlPlane.snapshot();
    // A directory in the state file's place: the rename that replaces it fails after the handler changed its copy.
    rmSync(join(fixture.dir, 'state.json'));
    mkdirSync(join(fixture.dir, 'state.json'));
    writeFileSync(join(fixture.dir, 'state.json', 'keep'), '');
    const grant = new PutApplicationGrantCommand({ ApplicationArn, GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: ['https://app.example.com/cb'] } } });
    expect((await rejection(admin.send(grant))).name).toBe('InternalServerException');
    expect(serve.controlPlane.snapshot()).toEqual(before);
    rmSync(join(fixture.dir, 'state.json'), { recursive: true });
    await admin.send(grant);
    expect(serve.controlPlane.snapshot().applications.find((a) => a.ApplicationArn === ApplicationArn)!.Grants).toHaveLength(1);
    expect(before.applications.find((a) => a.ApplicationArn === ApplicationArn)!.Grants).toHaveLength(0);
  });
});

describe('the state has a cap (item 11)', () => {
  it(`CreateApplication past ${DEFAULT_STATE_CAPS.applications} applications: ServiceQuotaExceededException, the state unchanged`, async () => {
    const fixture = await writeFixture();
    const first = await startServe({ scenario: fixture.scenarioFile, cwd: fixture.dir, stateFile: 'state.json' });
    await first.close();
    const state = JSON.parse(readFileSync(join(fixture.dir, 'state.json'), 'utf8'));
    const template = state.applications[0];
    while (state.applications.length < DEFAULT_STATE_CAPS.applications) {
      const i = state.applications.length;
      state.applications.push({ ...template, Name: `filler-${i}`, ApplicationArn: template.ApplicationArn.replace(/apl-[0-9a-f]{16}$/, `apl-${i.toString(16).padStart(16, '0')}`), Grants: [], AuthenticationMethods: [], AccessScopes: [], Assignments: [] });
    }
    writeFileSync(join(fixture.dir, 'state.json'), JSON.stringify(state));
    const serve = await startServe({ scenario: fixture.scenarioFile, cwd: fixture.dir, stateFile: 'state.json' });
    running.push(serve);
    const admin = adminClient(serve.url, principal(serve.input.scenario.principals, 'backend'));
    const err = await rejection(admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'one-too-many', ApplicationProviderArn: CUSTOM_PROVIDER })));
    expect(err.name).toBe('ServiceQuotaExceededException');
    expect(serve.controlPlane.snapshot().applications).toHaveLength(DEFAULT_STATE_CAPS.applications);
  });
});

describe('connections are capped (item 12)', () => {
  const open = (port: number): Promise<Socket> =>
    new Promise((ok, fail) => {
      const s = connect(port, '127.0.0.1', () => ok(s));
      s.on('error', fail);
    });

  it('past the cap the oldest idle connection is closed and the new one is answered', async () => {
    const { serve } = await start({ maxConnections: 5 });
    const idle: Socket[] = [];
    const closed: number[] = [];
    for (let i = 0; i < 5; i++) {
      const s = await open(serve.port);
      s.on('close', () => closed.push(i));
      idle.push(s);
    }
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toEqual([]);
    const res = await fetch(`${serve.url}/_tipkit/health`);
    expect(res.status).toBe(200);
    await new Promise((r) => setTimeout(r, 50));
    expect(closed).toEqual([0]);
    for (const s of idle) s.destroy();
  });
});
