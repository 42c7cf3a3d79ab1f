/** `tipkit serve` as a user runs it (bin/tipkit.js on the compiled CLI): start, answer, stop on SIGTERM; refuse bad input. */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot, runCli } from '../helpers/cli.js';
import { writeFixture } from './helpers.js';

// The compiled CLI must reflect the current sources.
beforeAll(() => ensureDistBuilt(), 180_000);

let child: ChildProcess | undefined;
afterEach(() => {
  if (child && child.exitCode === null) child.kill('SIGKILL');
  child = undefined;
});

/** Spawns `tipkit serve …`; resolves with the URL once it prints its listening line. */
function serve(args: string[], env: Record<string, string> = {}): Promise<{ url: string; stdout: () => string; stderr: () => string; exited: Promise<number | null> }> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (env.TIPKIT_ADMIN_TOKEN === undefined) delete childEnv.TIPKIT_ADMIN_TOKEN;
  const proc = spawn(process.execPath, [resolve(repoRoot, 'bin/tipkit.js'), 'serve', ...args], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'], env: childEnv });
  child = proc;
  let stdout = '';
  let stderr = '';
  proc.stderr!.on('data', (c) => (stderr += c));
  const exited = new Promise<number | null>((done) => proc.on('exit', (code) => done(code)));
  return new Promise((resolveStart, reject) => {
    proc.stdout!.on('data', (c) => {
      stdout += c;
      const m = /tipkit serve listening on (http:\/\/127\.0\.0\.1:\d+)\ntipkit serve admin token: .*\n/.exec(stdout);
      if (m) resolveStart({ url: m[1]!, stdout: () => stdout, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited ${code} before listening: ${stderr}`)));
  });
}

describe('tipkit serve', () => {
  it('listens on 127.0.0.1, logs JSON lines, and exits 0 on SIGTERM', async () => {
    const fixture = await writeFixture();
    const server = await serve(['--scenario', fixture.scenarioFile, '--port', '0', '--json-log']);
    const reg = await fetch(`${server.url}/client/register`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ clientName: 'cli-test', clientType: 'public' }),
    });
    expect(reg.status).toBe(200);
    const { clientSecret } = (await reg.json()) as { clientSecret: string };

    child!.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    const logLines = server.stderr().split('\n').filter((l) => l.startsWith('{'));
    const entry = JSON.parse(logLines.find((l) => l.includes('RegisterClient'))!);
    expect(entry).toMatchObject({ operation: 'RegisterClient', status: 200, outcome: 'success', method: 'POST', path: '/client/register' });
    expect(server.stderr()).not.toContain(clientSecret);
  });

  it('prints a fresh admin token per run, which the admin routes require', async () => {
    const fixture = await writeFixture();
    const server = await serve(['--scenario', fixture.scenarioFile, '--port', '0', '--quiet']);
    const token = /tipkit serve admin token: (\S+)\n/.exec(server.stdout())![1]!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    const approve = (authorization?: string) =>
      fetch(`${server.url}/_tipkit/approve-device`, { method: 'POST', headers: { 'content-type': 'application/json', ...(authorization ? { authorization } : {}) }, body: '{"userCode":"BCDF-GHJK","user":"alice"}' });
    expect((await approve()).status).toBe(401);
    // Past the token check, the simulator answers: no such code.
    const known = await approve(`Bearer ${token}`);
    expect(known.status).toBe(400);
    expect(known.headers.get('x-amzn-errortype')).toMatch(/Exception$/);
    child!.kill('SIGTERM');
    expect(await server.exited).toBe(0);
  });

  it('takes the admin token from TIPKIT_ADMIN_TOKEN without printing it, and refuses one with spaces', async () => {
    const fixture = await writeFixture();
    const token = 'test-admin-token-0123456789';
    const server = await serve(['--scenario', fixture.scenarioFile, '--port', '0', '--quiet'], { TIPKIT_ADMIN_TOKEN: token });
    expect(server.stdout()).toContain('tipkit serve admin token: from TIPKIT_ADMIN_TOKEN\n');
    expect(server.stdout()).not.toContain(token);
    const res = await fetch(`${server.url}/_tipkit/jwt`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"issuer":"corp-idp"}' });
    expect(res.status).toBe(200);
    child!.kill('SIGTERM');
    expect(await server.exited).toBe(0);

    const bad = runCli(['serve', '--scenario', fixture.scenarioFile, '--port', '0'], { env: { TIPKIT_ADMIN_TOKEN: 'two words' } });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toBe('tipkit: TIPKIT_ADMIN_TOKEN must be visible ASCII characters without spaces (unset it for a random token)\n');
  });

  it('a config that cannot be read is exit 2 with one line naming the file', () => {
    const r = runCli(['serve', '--config', 'does/not/exist.yaml', '--port', '0']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/exist\.yaml/);
  });

  it('a bad flag value is exit 2', () => {
    const r = runCli(['serve', '--port', 'eighty']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--port/);
  });
});
