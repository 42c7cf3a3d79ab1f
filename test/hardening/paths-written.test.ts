/**
 * Files written where a name says (issue 22, items 13–14): a git tree with `..` entries must not make
 * `access --base` write outside its temporary checkout, and `synth` must not write or delete through a
 * symbolic link in its output path.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { runMain } from './support.js';

const config = readFileSync(resolve(repoRoot, 'examples/okta-tip/tipkit.yaml'), 'utf8');
const hasGit = spawnSync('git', ['--version']).status === 0;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tipkit-written-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!hasGit)('access --base: a tree whose entries escape the checkout', () => {
  const git = (cwd: string, args: string[], input?: string): string => {
    const r = spawnSync('git', args, { cwd, input, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@e', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@e' } });
    if (r.status !== 0) throw new Error(`git ${args.join(' ')}: ${r.stderr}`);
    return r.stdout.trim();
  };

  it('refuses the commit with one line and writes nothing outside the temporary directory', async () => {
    const repo = join(dir, 'repo');
    const temp = join(dir, 'tmp');
    mkdirSync(repo);
    mkdirSync(temp);
    git(repo, ['init', '-q', '.']);
    writeFileSync(join(repo, 'tipkit.yaml'), config);
    git(repo, ['add', 'tipkit.yaml']);
    git(repo, ['commit', '-qm', 'config']);
    // A tree git itself would never make (fsck refuses it), but `git mktree` writes: `../pwned.yaml` beside the checkout.
    const blob = git(repo, ['hash-object', '-w', '--stdin'], config);
    const inner = git(repo, ['mktree'], `100644 blob ${blob}\tpwned.yaml\n`);
    const top = git(repo, ['mktree'], `040000 tree ${inner}\t..\n100644 blob ${blob}\ttipkit.yaml\n`);
    const commit = git(repo, ['commit-tree', top, '-m', 'hostile']);

    const savedTmp = process.env.TMPDIR;
    process.env.TMPDIR = temp; // the checkout is made in here; `..` of it is `temp` itself
    try {
      const r = await runMain(['access', '--base', commit], repo);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^tipkit: .*tree entry '\.\.\/pwned\.yaml' .*outside/);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
    } finally {
      process.env.TMPDIR = savedTmp;
      if (savedTmp === undefined) delete process.env.TMPDIR;
    }
    expect(readdirSync(temp)).toEqual([]);
    expect(existsSync(join(dir, 'pwned.yaml'))).toBe(false);
  });
});

describe('synth: a symbolic link in the output path', () => {
  beforeEach(() => writeFileSync(join(dir, 'tipkit.yaml'), config));

  it('cdktf.out/stacks links elsewhere: exit 2, nothing there written or deleted', async () => {
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(join(elsewhere, 'tipkit'), { recursive: true });
    writeFileSync(join(elsewhere, 'tipkit', 'precious.txt'), 'keep me');
    mkdirSync(join(dir, 'cdktf.out'));
    symlinkSync(elsewhere, join(dir, 'cdktf.out', 'stacks'));
    const r = await runMain(['synth', '--config', 'tipkit.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`tipkit: ${join('cdktf.out', 'stacks')}: is a symbolic link; synth does not write through links in its output path\n`);
    expect(readdirSync(join(elsewhere, 'tipkit'))).toEqual(['precious.txt']);
    expect(readdirSync(elsewhere)).toEqual(['tipkit']);
  });

  it('the output directory itself, the stack directory or the manifest is a link: refused alike', async () => {
    const elsewhere = join(dir, 'elsewhere');
    mkdirSync(elsewhere);
    writeFileSync(join(elsewhere, 'manifest.json'), 'keep me');
    symlinkSync(elsewhere, join(dir, 'out-link'));
    let r = await runMain(['synth', '--config', 'tipkit.yaml', '--out', 'out-link'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tipkit: out-link: is a symbolic link/);

    mkdirSync(join(dir, 'out', 'stacks'), { recursive: true });
    symlinkSync(elsewhere, join(dir, 'out', 'stacks', 'tipkit'));
    r = await runMain(['synth', '--config', 'tipkit.yaml', '--out', 'out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tipkit: out\/stacks\/tipkit: is a symbolic link/);

    rmSync(join(dir, 'out', 'stacks', 'tipkit'));
    symlinkSync(join(elsewhere, 'manifest.json'), join(dir, 'out', 'manifest.json'));
    r = await runMain(['synth', '--config', 'tipkit.yaml', '--out', 'out'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tipkit: out\/manifest\.json: is a symbolic link/);
    expect(readFileSync(join(elsewhere, 'manifest.json'), 'utf8')).toBe('keep me');
    expect(readdirSync(elsewhere)).toEqual(['manifest.json']);
  });

  it('a plain output path is still written', async () => {
    const r = await runMain(['synth', '--config', 'tipkit.yaml', '--quiet'], dir);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(existsSync(join(dir, 'cdktf.out', 'stacks', 'tipkit', 'cdk.tf.json'))).toBe(true);
  });
});
