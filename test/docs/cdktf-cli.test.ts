// `npx -p cdktf-cli@0.21.0 cdktf synth`, as README and examples/okta-tip/main.ts document it: the `cdktf`
// command lives in the cdktf-cli package (not in cdktf), which is ~420 MB and so no dev dependency. The test runs
// that command's binary from TIPKIT_CDKTF_CLI, or a `cdktf` on PATH (`npm i -g cdktf-cli@0.21.0`); where there
// is none it is skipped, saying so. CHECKPOINT_DISABLE=1 keeps it off HashiCorp's version-check server.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';

const DOCUMENTED = 'npx -p cdktf-cli@0.21.0 cdktf synth';
const onPath = spawnSync('/bin/sh', ['-c', 'command -v cdktf'], { encoding: 'utf8' }).stdout.trim();
const cdktf = process.env.TIPKIT_CDKTF_CLI || onPath;
const version = cdktf ? spawnSync(cdktf, ['--version'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } }).stdout.trim().split('\n')[0] : '';
const missing = !cdktf ? 'no cdktf CLI here (set TIPKIT_CDKTF_CLI or install cdktf-cli@0.21.0)' : version !== '0.21.0' ? `the cdktf CLI at ${cdktf} is ${version || 'unreadable'}, not 0.21.0` : undefined;

const out = mkdtempSync(join(tmpdir(), 'tipkit-cdktf-cli-'));
afterAll(() => rmSync(out, { recursive: true, force: true }));
beforeAll(() => ensureDistBuilt());

describe('cdktf synth with the cdktf CLI', () => {
  it('is documented as the cdktf-cli package, never as a bare `npx cdktf`', () => {
    for (const file of ['README.md', 'docs/cdktf.md', 'examples/okta-tip/main.ts']) {
      const text = readFileSync(join(repoRoot, file), 'utf8');
      expect(text, file).not.toMatch(/npx cdktf /);
    }
    expect(readFileSync(join(repoRoot, 'README.md'), 'utf8')).toContain(DOCUMENTED);
    expect(JSON.parse(readFileSync(join(repoRoot, 'cdktf.json'), 'utf8')).app).toBe('node --import ./dist/constructs/ts-register.js examples/okta-tip/main.ts');
  });

  it.skipIf(missing !== undefined)(`synthesizes the okta-tip example through cdktf.json${missing ? ` (skipped: ${missing})` : ''}`, () => {
    const r = spawnSync(cdktf, ['synth', '--output', out], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1', CI: '1' }, timeout: 300_000 });
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toContain('Generated Terraform code for the stacks: tipkit');
    const stack = JSON.parse(readFileSync(join(out, 'stacks/tipkit/cdk.tf.json'), 'utf8')) as { resource: Record<string, unknown> };
    expect(Object.keys(stack.resource)).toEqual(expect.arrayContaining(['aws_ssoadmin_application', 'aws_ssoadmin_trusted_token_issuer', 'terraform_data']));
  });
});
