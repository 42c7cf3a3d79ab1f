/** `tipkit serve --state / --throttle` as a user runs them (bin/tipkit.js on the compiled CLI). */
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CreateApplicationCommand } from '@aws-sdk/client-sso-admin';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot, runCli } from '../helpers/cli.js';
import { writeFixture } from '../emulator/helpers.js';
import { CUSTOM_PROVIDER, adminClient } from './helpers.js';

beforeAll(() => ensureDistBuilt(), 180_000);

describe('tipkit serve --state', () => {
  it('--help documents the control plane and its flags', () => {
    const r = runCli(['serve', '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('--state FILE');
    expect(r.stdout).toContain('--throttle N');
    expect(r.stdout).toContain('sso-admin');
  });

  it('a state file that is not one is exit 2 with one line naming it; so is --throttle 0', async () => {
    const fixture = await writeFixture();
    const stateFile = join(fixture.dir, 'state.json');
    writeFileSync(stateFile, '[]');
    const r = runCli(['serve', '--scenario', fixture.scenarioFile, '--port', '0', '--state', stateFile]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toEqual([`tipkit: ${stateFile}: not a tipkit serve state file: expected a JSON object`]);
    const throttle = runCli(['serve', '--scenario', fixture.scenarioFile, '--port', '0', '--throttle', '0']);
    expect(throttle.code).toBe(2);
    expect(throttle.stderr).toContain('--throttle must be at least 1');
  });

  it('writes the state as calls change it and stops cleanly on SIGTERM', async () => {
    const fixture = await writeFixture();
    const stateFile = join(fixture.dir, 'state.json');
    const proc = spawn(process.execPath, [resolve(repoRoot, 'bin/tipkit.js'), 'serve', '--scenario', fixture.scenarioFile, '--port', '0', '--state', stateFile], {
      cwd: fixture.dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    proc.stderr!.on('data', (c) => (stderr += c));
    const exited = new Promise<number | null>((done) => proc.on('exit', (code) => done(code)));
    try {
      const url = await new Promise<string>((done, fail) => {
        let out = '';
        proc.stdout!.on('data', (c) => {
          out += c;
          const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m) done(m[1]!);
        });
        void exited.then((code) => fail(new Error(`serve exited ${code}: ${stderr}`)));
      });
      const admin = adminClient(url, { name: 'backend', arn: 'arn:aws:iam::111122223333:role/Backend', accessKeyId: 'AKIDBACKEND0000000001', secretAccessKey: 'backend-secret-key-for-tests' });
      await admin.send(new CreateApplicationCommand({ InstanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444', Name: 'from-cli', ApplicationProviderArn: CUSTOM_PROVIDER }));
      expect(JSON.parse(readFileSync(stateFile, 'utf8')).applications.map((a: { Name: string }) => a.Name)).toContain('from-cli');
    } finally {
      proc.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
    expect(stderr).toContain('control plane arn:aws:sso:::instance/ssoins-1111222233334444: 3 application(s), 1 trusted token issuer(s); state file');
    expect(stderr).toMatch(/sso-admin:CreateApplication/);
  });
});
