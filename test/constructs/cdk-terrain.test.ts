// CDK Terrain (`cdktn`, the community fork of CDK for Terraform): tipkit's constructs and TipkitChecks work in a
// cdktn app with the same imports from tipkit. They are made of the app's own library (constructs/cdk.ts picks
// it), so the synthesized stack is cdktn's — and the cdktf examples still synthesize with cdktf in the same
// checkout, where both libraries are installed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chooseCdkLibrary, type CdkLibrary } from '../../constructs/cdk.js';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'tipkit-cdktn-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureDistBuilt());

const version = (pkg: string): string => (JSON.parse(readFileSync(join(repoRoot, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;

function synth(entry: string, env: Record<string, string> = {}) {
  const out = join(work, entry.replace(/\W+/g, '-'));
  const r = spawnSync(process.execPath, ['--import', 'tipkit/ts-register', entry], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CDKTF_OUTDIR: out, ...env },
    timeout: 120_000,
  });
  const stack = (name: string) => JSON.parse(readFileSync(join(out, 'stacks', name, 'cdk.tf.json'), 'utf8')) as { '//': { metadata: { version: string } }; resource: Record<string, unknown> };
  return { ...r, stack };
}

describe('which CDK library the constructs are made of', () => {
  const both = (): boolean => true;
  const only = (lib: CdkLibrary) => (l: CdkLibrary) => l === lib;
  it.each([
    ['TIPKIT_CDK wins', 'cdktn', both, ['cdktf'], ['cdktf'], 'cdktn'],
    ['the only one installed', undefined, only('cdktn'), [], [], 'cdktn'],
    ['the only one installed, whatever package.json says', undefined, only('cdktf'), [], ['cdktn'], 'cdktf'],
    ['both installed: the one the app loaded', undefined, both, ['cdktn'], ['cdktf', 'cdktn'], 'cdktn'],
    ['both installed, none loaded: package.json names cdktn only', undefined, both, [], ['cdktn', 'constructs'], 'cdktn'],
    ['both installed, none loaded, both named: cdktf', undefined, both, [], ['cdktf', 'cdktn'], 'cdktf'],
  ] as const)('%s', (_, given, installed, loaded, deps, expected) => {
    expect(chooseCdkLibrary(given, installed, loaded, deps)).toBe(expected);
  });

  it('a TIPKIT_CDK that names neither is refused', () => {
    expect(() => chooseCdkLibrary('cdk', () => true, [], [])).toThrow("TIPKIT_CDK must be cdktf or cdktn (got 'cdk')");
  });
});

describe('a CDK Terrain app', () => {
  it('examples/cdk-terrain/main.ts synthesizes with cdktn: every resource, tipkit’s terraform_data, no finding', () => {
    const r = synth('examples/cdk-terrain/main.ts');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const stack = r.stack('tipkit');
    expect(stack['//'].metadata.version).toBe(version('cdktn'));
    expect(Object.keys(stack.resource).sort()).toEqual([
      'aws_ssoadmin_application',
      'aws_ssoadmin_application_assignment',
      'aws_ssoadmin_application_assignment_configuration',
      'aws_ssoadmin_trusted_token_issuer',
      'terraform_data',
    ]);
  });

  it('TipkitChecks reports in a cdktn app as in a cdktf app: warnings listed, an error fails synth', () => {
    const run = (file: string) => synth(file, {});
    const tn = run('test/constructs/fixtures/cdk-terrain/findings.ts');
    const tf = run('test/constructs/fixtures/agree/findings.ts');
    expect(tn.status).toBe(1);
    expect(tn.stderr).toMatch(/^\[WARN\] \[findings\/unused\] issuer-unused: /m);
    expect(tn.stderr).toContain('[findings/code] redirect-uri-insecure: ');
    // The same lines, but for where each finding is (the fixtures differ in their first lines).
    const withoutPlace = (s: string) => s.replace(/ \(\/[^()]*:\d+:\d+\)$/gm, '');
    expect(withoutPlace(tn.stderr)).toBe(withoutPlace(tf.stderr));
  });

  it('the cdktf example in the same checkout still synthesizes with cdktf', () => {
    const r = synth('examples/okta-tip/main.ts');
    expect(r.status, r.stderr).toBe(0);
    expect(r.stack('tipkit')['//'].metadata.version).toBe(version('cdktf'));
  });

  it('TIPKIT_CDK naming the other library makes the mismatch visible rather than silent', () => {
    const r = synth('examples/cdk-terrain/main.ts', { TIPKIT_CDK: 'cdktf' });
    expect(r.status).not.toBe(0);
  });
});
