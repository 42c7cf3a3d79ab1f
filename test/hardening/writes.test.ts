/**
 * No partial writes: `--output` and `synth` write to a temporary path and rename it into place, so a failure
 * — bad input, an output path that cannot be made, a rename that fails mid-way — leaves the previous output
 * as it was and no temporary file behind.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { ensureDistBuilt, runMain } from './support.js';

const okta = resolve(repoRoot, 'examples/okta-tip');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tipkit-writes-'));
  writeFileSync(join(dir, 'good.yaml'), readFileSync(join(okta, 'tipkit.yaml')));
  writeFileSync(join(dir, 'broken.yaml'), 'version: 1\ninstance: [\n');
});

const leftovers = (d: string) => readdirSync(d).filter((f) => f.includes('tipkit-tmp'));

const commands: [string, (out: string, input: 'good' | 'broken') => string[]][] = [
  ['lint --output', (out, input) => ['lint', join(dir, `${input}.yaml`), '--format', 'json', '--output', out]],
  ['simulate --output', (out, input) => ['simulate', join(okta, 'scenario.yaml'), '--config', join(dir, `${input}.yaml`), '--format', 'json', '--output', out]],
];

describe.each(commands)('%s', (_, argv) => {
  it('writes the report; a later run on broken input exits 2 and leaves it as it was', async () => {
    const out = join(dir, 'report.json');
    const first = await runMain(argv(out, 'good'), dir);
    expect([0, 1]).toContain(first.code);
    const before = readFileSync(out, 'utf8');
    expect(JSON.parse(before).tool).toBe('tipkit');
    const second = await runMain(argv(out, 'broken'), dir);
    expect(second.code).toBe(2);
    expect(readFileSync(out, 'utf8')).toBe(before);
    expect(leftovers(dir)).toEqual([]);
  });

  it('an output path whose directory cannot be created: exit 2, one clear line, nothing written', async () => {
    writeFileSync(join(dir, 'blocker'), 'a file, not a directory');
    const r = await runMain(argv(join(dir, 'blocker', 'sub', 'report.json'), 'good'), dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tipkit: ${join(dir, 'blocker', 'sub', 'report.json')}: cannot write the output file (ENOTDIR); nothing was written\n`);
    expect(readFileSync(join(dir, 'blocker'), 'utf8')).toBe('a file, not a directory');
  });

  it('a rename that fails after the temporary file was written (the target is a directory): the target and directory are as before', async () => {
    const target = join(dir, 'report.json');
    mkdirSync(target);
    writeFileSync(join(target, 'keep.txt'), 'kept');
    const r = await runMain(argv(target, 'good'), dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/cannot write the output file \((EISDIR|EEXIST|ENOTEMPTY|EPERM)\); nothing was written/);
    expect(readdirSync(target)).toEqual(['keep.txt']);
    expect(leftovers(dir)).toEqual([]);
  });
});

describe('synth (tested from outside; the command is the cdktf helper\'s)', () => {
  it('broken config: exit 2 and an earlier output untouched', async () => {
    const out = join(dir, 'cdktf.out');
    expect((await runMain(['synth', '--config', join(dir, 'good.yaml'), '--out', out, '--quiet'], dir)).code).toBe(0);
    const stack = join(out, 'stacks', 'tipkit', 'cdk.tf.json');
    const before = readFileSync(stack, 'utf8');
    const r = await runMain(['synth', '--config', join(dir, 'broken.yaml'), '--out', out], dir);
    expect(r.code).toBe(2);
    expect(readFileSync(stack, 'utf8')).toBe(before);
    expect(leftovers(dir)).toEqual([]);
  }, 60_000);

  // Stack and manifest are swapped in together, so a manifest that cannot be replaced leaves both as they were.
  it('a failure after synthesis started (manifest.json cannot be replaced) leaves the earlier stack as it was', async () => {
    const out = join(dir, 'cdktf.out');
    expect((await runMain(['synth', '--config', join(dir, 'good.yaml'), '--out', out, '--quiet'], dir)).code).toBe(0);
    const stack = join(out, 'stacks', 'tipkit', 'cdk.tf.json');
    const before = readFileSync(stack, 'utf8');
    // A different config, so a partial write would show; then make the last rename fail.
    writeFileSync(join(dir, 'changed.yaml'), readFileSync(join(dir, 'good.yaml'), 'utf8').replace('Analytics portal backend', 'Changed description'));
    const manifest = join(out, 'manifest.json');
    const { rmSync } = await import('node:fs');
    rmSync(manifest);
    mkdirSync(join(manifest, 'blocker'), { recursive: true });
    const r = await runMain(['synth', '--config', join(dir, 'changed.yaml'), '--out', out], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toMatch(/\n\s+at /);
    expect(readFileSync(stack, 'utf8')).toBe(before);
    expect(existsSync(join(manifest, 'blocker'))).toBe(true);
    expect(leftovers(dir)).toEqual([]);
  }, 60_000);
});

describe('a reader that closes the pipe early (`tipkit lint | head -1`)', () => {
  beforeAll(() => ensureDistBuilt(), 180_000);

  it('ends quietly: no EPIPE stack trace', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'bin/tipkit.js'), 'lint', 'examples', 'test/fixtures', '--format', 'sarif'], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    child.stdout.once('data', () => child.stdout.destroy());
    const code = await new Promise((ok) => child.on('exit', ok));
    expect(stderr).not.toMatch(/EPIPE|\n\s+at /);
    expect([0, 1]).toContain(code);
  });
});
