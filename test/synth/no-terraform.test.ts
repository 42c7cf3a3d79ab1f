// Synthesizing writes JSON and needs no Terraform: `tipkit synth`, `npm start` and a cdktf app run with
// `node --import tipkit/ts-register` all work with a PATH that has no `terraform`. Where a terraform is on PATH
// it must be 1.4 or newer (terraform_data), as cdktf's own check demanded: a fake binary stands for an old one.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot, runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'tipkit-no-terraform-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A PATH directory holding `node` and, if given, a fake `terraform` printing `Terraform vVERSION`. */
function pathWith(terraformVersion?: string): string {
  const dir = join(work, `bin-${terraformVersion ?? 'none'}`);
  if (existsSync(dir)) return dir;
  mkdirSync(dir);
  symlinkSync(process.execPath, join(dir, 'node'));
  if (terraformVersion) {
    writeFileSync(join(dir, 'terraform'), `#!/bin/sh\necho "Terraform v${terraformVersion}"\necho "on linux_amd64"\n`);
    chmodSync(join(dir, 'terraform'), 0o755);
  }
  return dir;
}

const env = (path: string, out: string): Record<string, string> => ({ PATH: path, CDKTF_OUTDIR: out });

beforeAll(() => ensureDistBuilt());

describe('synth without terraform on PATH', () => {
  it('the PATH used here really has no terraform', () => {
    const r = spawnSync('/bin/sh', ['-c', 'command -v terraform'], { env: { PATH: pathWith() }, encoding: 'utf8' });
    expect(r.status).not.toBe(0);
  });

  it('tipkit synth writes the Terraform JSON', () => {
    const out = join(work, 'synth');
    const r = runCli(['synth', '--config', 'examples/okta-tip/tipkit.yaml', '--out', out], { env: env(pathWith(), out) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(out, 'stacks/tipkit/cdk.tf.json'), 'utf8')).toContain('"tipkit": "PutApplicationGrant"');
  });

  it('npm start (scripts/start.mjs) synthesizes, lints and simulates the example', () => {
    const out = join(work, 'start');
    const r = spawnSync(process.execPath, ['scripts/start.mjs'], { cwd: repoRoot, env: { ...process.env, ...env(pathWith(), out), NO_COLOR: '1' }, encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('All steps passed');
    expect(existsSync(join(out, 'stacks/tipkit/cdk.tf.json'))).toBe(true);
  });

  it('a cdktf app with the constructs runs under node --import tipkit/ts-register', () => {
    const out = join(work, 'app');
    const r = spawnSync(process.execPath, ['--import', 'tipkit/ts-register', 'examples/okta-tip/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...env(pathWith(), out) },
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(readFileSync(join(out, 'stacks/tipkit/cdk.tf.json'), 'utf8')).toContain('"terraform_data"');
  });
});

describe('a terraform on PATH is checked', () => {
  it('1.3 is refused: terraform_data needs 1.4', () => {
    const out = join(work, 'old');
    const r = runCli(['synth', '--config', 'examples/okta-tip/tipkit.yaml', '--out', out], { env: env(pathWith('1.3.9'), out) });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe("tipkit: the terraform on PATH is 1.3.9; tipkit's grants and authentication methods are terraform_data resources, which need Terraform 1.4 or newer\n");
    expect(existsSync(join(out, 'stacks'))).toBe(false);
  });

  it('1.9 passes', () => {
    const out = join(work, 'new');
    const r = runCli(['synth', '--config', 'examples/okta-tip/tipkit.yaml', '--out', out], { env: env(pathWith('1.9.8'), out) });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
  });
});
