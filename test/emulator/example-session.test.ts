/**
 * examples/identity-enhanced-session/app.mjs as an application runs it: `tipkit serve` (the built CLI) with the
 * example's scenario, then the script with the real SSO OIDC and STS clients — token, identity-enhanced session,
 * GetCallerIdentity.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../inputs/index.js';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';

let child: ChildProcess | undefined;
let url = '';
const adminToken = randomBytes(24).toString('hex');

beforeAll(async () => {
  ensureDistBuilt();
  child = spawn(process.execPath, [resolve(repoRoot, 'bin/tipkit.js'), 'serve', '--scenario', 'examples/identity-enhanced-session/scenario.yaml', '--port', '0'], {
    cwd: repoRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, TIPKIT_ADMIN_TOKEN: adminToken },
  });
  url = await new Promise<string>((done, fail) => {
    let out = '';
    child!.stdout!.on('data', (c) => {
      out += c;
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) done(m[1]!);
    });
    child!.on('exit', (code) => fail(new Error(`serve exited ${code}`)));
  });
}, 180_000);
afterAll(() => {
  if (child && child.exitCode === null) child.kill('SIGTERM');
});

describe('examples/identity-enhanced-session/app.mjs', () => {
  it('gets a token, an identity-enhanced session of DataReader, and that session as its caller identity', async () => {
    const run = (env: Record<string, string>) =>
      new Promise<{ code: number; stdout: string; stderr: string }>((done) =>
        execFile(process.execPath, ['examples/identity-enhanced-session/app.mjs'], { cwd: repoRoot, env: { PATH: process.env.PATH, ...env } }, (err, stdout, stderr) =>
          done({ code: err ? 1 : 0, stdout, stderr }),
        ),
      );
    const { model } = await loadConfigFile('examples/identity-enhanced-session/tipkit.yaml');
    const keys = { AWS_ACCESS_KEY_ID: 'AKIAPORTALBACKEND01', AWS_SECRET_ACCESS_KEY: 'portal-backend-example-secret', AWS_REGION: 'us-east-1', APPLICATION_ARN: model.index.applicationByName.get('data-portal')!.arn };
    const r = await run({ ...keys, TIPKIT_ENDPOINT: url, TIPKIT_ADMIN_TOKEN: adminToken });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    expect(out).toMatchObject({ session: 'arn:aws:sts::111122223333:assumed-role/DataReader/alice', callerIdentity: 'arn:aws:sts::111122223333:assumed-role/DataReader/alice' });
    expect(out.scope).toContain('sts:identity_context');

    // Signed as a principal the application's ActorPolicy does not name: CreateTokenWithIAM refuses it, and the script fails.
    const intruder = await run({ ...keys, AWS_ACCESS_KEY_ID: 'AKIASOMEONEELSE0001', AWS_SECRET_ACCESS_KEY: 'someone-else-example-secret', TIPKIT_ENDPOINT: url, TIPKIT_ADMIN_TOKEN: adminToken });
    expect(intruder.code).toBe(1);
    expect(intruder.stderr).toMatch(/AccessDeniedException/);
  });
});
