// The pre-commit hook `tipkit-lint`, run as pre-commit runs it: the staged files are matched against the hook's
// `files`/`exclude` patterns; when one matches, `entry` (plus `args`, plus the file names when pass_filenames)
// runs in the repository root with the hook environment's bin directory first on PATH — here the tipkit a
// consumer's `npm install -g <packed tipkit>` would put there. (pre-commit itself is a Python tool that is not
// installed here; this test does what its `run` does for a node hook once the environment exists.)
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
  pass_filenames?: boolean;
  args?: string[];
}

const hooks = parse(readFileSync(join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'tipkit-lint')!;
const work = mkdtempSync(join(tmpdir(), 'tipkit-pre-commit-'));
const bin = join(work, 'env/bin');
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(() => {
  ensureDistBuilt();
  mkdirSync(bin, { recursive: true });
  symlinkSync(join(repoRoot, 'bin/tipkit.js'), join(bin, 'tipkit'));
});

function repo(files: Record<string, string>): string {
  const dir = mkdtempSync(join(work, 'repo-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const git = (...args: string[]) => spawnSync('git', args, { cwd: dir, encoding: 'utf8' });
  git('init', '-q');
  git('add', '.');
  return dir;
}

/** What `pre-commit run tipkit-lint` does with the staged files: skip, or run the entry. */
function runHook(dir: string, extraArgs: string[] = []): { ran: false } | { ran: true; code: number; output: string } {
  const staged = spawnSync('git', ['diff', '--cached', '--name-only'], { cwd: dir, encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
  // pre-commit's patterns are Python regexes searched (not matched) in the path; these are also JS regexes.
  const files = staged.filter((f) => new RegExp(hook.files).test(f) && !(hook.exclude && new RegExp(hook.exclude).test(f)));
  if (files.length === 0) return { ran: false };
  const [cmd, ...entryArgs] = hook.entry.split(/\s+/);
  const args = [...entryArgs, ...(hook.args ?? []), ...extraArgs, ...(hook.pass_filenames === false ? [] : files)];
  const r = spawnSync(cmd!, args, { cwd: dir, encoding: 'utf8', env: { ...process.env, PATH: `${bin}:${process.env.PATH}`, NO_COLOR: '1' } });
  return { ran: true, code: r.status ?? -1, output: r.stdout + r.stderr };
}

const config = readFileSync(join(repoRoot, 'examples/okta-tip/tipkit.yaml'), 'utf8');

describe('.pre-commit-hooks.yaml: tipkit-lint', () => {
  it('is a node hook on YAML, .tf, .tf.json, .ts and tipkit.json files', () => {
    expect(hook.language).toBe('node');
    const matches = (f: string) => new RegExp(hook.files).test(f) && !(hook.exclude && new RegExp(hook.exclude).test(f));
    for (const f of ['tipkit.yaml', 'infra/a.yml', 'main.tf', 'cdktf.out/stacks/x/cdk.tf.json', 'main.ts', 'tipkit.json']) expect(matches(f), f).toBe(true);
    for (const f of ['README.md', 'package.json', 'types.d.ts', 'main.tfvars']) expect(matches(f), f).toBe(false);
  });

  it('passes a clean repository, and a commit that changes only a CI workflow does not trip over it', () => {
    const dir = repo({ 'infra/tipkit.yaml': config, '.github/workflows/ci.yml': 'on: push\njobs: {}\n' });
    expect(runHook(dir)).toEqual({ ran: true, code: 0, output: '0 problems (0 errors, 0 warnings, 0 notes) in 1 file\n' });
  });

  it('fails the commit on a lint error, naming file, line and rule', () => {
    const bad = config.replace('IssuerUrl: https://dev-123.okta.com/oauth2/default', 'IssuerUrl: http://dev-123.okta.com/oauth2/default');
    expect(bad).not.toBe(config);
    const r = runHook(repo({ 'infra/tipkit.yaml': bad }));
    expect(r).toMatchObject({ ran: true, code: 1 });
    expect(r.ran && r.output).toMatch(/infra\/tipkit\.yaml\n\s+\d+:\d+\s+error\s+.*issuer-url-invalid/);
  });

  it('does not run when no matching file is staged', () => {
    expect(runHook(repo({ 'README.md': '# x\n' }))).toEqual({ ran: false });
  });

  it('args narrow the paths (a monorepo); a repository with no input at all fails, as a wrong path should', () => {
    const dir = repo({ 'infra/tipkit.yaml': config, 'other/ci.yml': 'on: push\n' });
    expect(runHook(dir, ['infra'])).toMatchObject({ ran: true, code: 0 });
    const none = runHook(dir, ['other']);
    expect(none).toMatchObject({ ran: true, code: 2 });
    expect(none.ran && none.output).toContain('tipkit: no tipkit config, Terraform or cdktf file found under other (--allow-empty makes that exit 0)');
  });
});
