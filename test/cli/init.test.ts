// `tipkit init`: a starter that works as written — the config lints clean, the scenario simulates — with a schema modeline that resolves from where the file is, and a workflow for the action.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot, runCli } from '../helpers/cli.js';

const work = mkdtempSync(join(tmpdir(), 'tipkit-init-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureDistBuilt());

/** A consumer project: tipkit in node_modules (as npm links a tarball install), a git repository. */
function project(name: string): string {
  const dir = join(work, name);
  mkdirSync(join(dir, 'node_modules'), { recursive: true });
  mkdirSync(join(dir, '.git'));
  symlinkSync(repoRoot, join(dir, 'node_modules/tipkit'));
  return dir;
}

const modeline = (file: string): string => /^# yaml-language-server: \$schema=(\S+)\n/.exec(readFileSync(file, 'utf8'))?.[1] ?? '';

describe('tipkit init', () => {
  it('writes tipkit.yaml and scenario.yaml that lint clean and simulate, the modeline pointing into node_modules', () => {
    const dir = project('root');
    const r = runCli(['init'], { cwd: dir });
    expect(r).toMatchObject({ code: 0, stdout: 'wrote tipkit.yaml\nwrote scenario.yaml\n', stderr: '' });
    expect(modeline(join(dir, 'tipkit.yaml'))).toBe('./node_modules/tipkit/model/schema/tipkit.schema.json');
    expect(JSON.parse(readFileSync(resolve(dir, modeline(join(dir, 'tipkit.yaml'))), 'utf8')).$id).toContain('tipkit.schema.json');
    expect(runCli(['lint', 'tipkit.yaml'], { cwd: dir }).code).toBe(0);
    const sim = runCli(['simulate', 'scenario.yaml'], { cwd: dir });
    expect(sim.code, sim.stdout + sim.stderr).toBe(0);
    expect(sim.stdout).toMatch(/expectations: \d+ met, 0 failed/);
  });

  it('in a subdirectory the modeline climbs to the project node_modules; --github-workflow lands at the git root', () => {
    const dir = project('sub');
    const r = runCli(['init', 'infra/tip', '--example', 'web-app', '--github-workflow'], { cwd: dir });
    expect(r.stdout).toBe('wrote infra/tip/tipkit.yaml\nwrote infra/tip/scenario.yaml\nwrote .github/workflows/tipkit.yml\n');
    const config = join(dir, 'infra/tip/tipkit.yaml');
    expect(modeline(config)).toBe('../../node_modules/tipkit/model/schema/tipkit.schema.json');
    expect(readFileSync(config, 'utf8')).toContain(readFileSync(join(repoRoot, 'examples/web-app/tipkit.yaml'), 'utf8').split('\n').slice(1).join('\n'));
    const wf = parse(readFileSync(join(dir, '.github/workflows/tipkit.yml'), 'utf8'));
    const step = wf.jobs.tipkit.steps.find((s: { uses?: string }) => s.uses?.startsWith('tipkit-dev/tipkit@'));
    expect(step.with).toEqual({ paths: 'infra/tip', 'fail-on': 'error', 'upload-sarif': true });
    // Every input the workflow passes is one the action declares.
    const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8'));
    for (const input of Object.keys(step.with)) expect(action.inputs).toHaveProperty(input);
    expect(wf.permissions).toEqual({ contents: 'read', 'security-events': 'write' });
    expect(runCli(['simulate', 'infra/tip/scenario.yaml'], { cwd: dir }).code).toBe(0);
  });

  it('with a package-lock.json the workflow installs the project first (the action then uses its tipkit)', () => {
    const dir = project('npm');
    writeFileSync(join(dir, 'package-lock.json'), '{}');
    runCli(['init', '--github-workflow'], { cwd: dir });
    const steps = parse(readFileSync(join(dir, '.github/workflows/tipkit.yml'), 'utf8')).jobs.tipkit.steps as { run?: string; uses?: string }[];
    expect(steps.map((s) => s.run ?? s.uses)).toEqual(['actions/checkout@v4', 'actions/setup-node@v4', 'npm ci', 'tipkit-dev/tipkit@main']);
  });

  it('refuses to overwrite (exit 2, nothing written) unless --force', () => {
    const dir = project('again');
    writeFileSync(join(dir, 'scenario.yaml'), 'mine\n');
    const r = runCli(['init'], { cwd: dir });
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: 'tipkit: init: scenario.yaml already exists (--force overwrites); nothing was written\n' });
    expect(readFileSync(join(dir, 'scenario.yaml'), 'utf8')).toBe('mine\n');
    expect(() => readFileSync(join(dir, 'tipkit.yaml'))).toThrow();
    expect(runCli(['init', '--force', '-q'], { cwd: dir })).toMatchObject({ code: 0, stdout: '' });
    expect(readFileSync(join(dir, 'scenario.yaml'), 'utf8')).not.toBe('mine\n');
  });

  it('an unknown example or a file as DIR is one line, exit 2', () => {
    const dir = project('bad');
    expect(runCli(['init', '--example', 'nope'], { cwd: dir }).stderr).toMatch(/^tipkit: init: --example must be one of .*okta-tip.* \(got 'nope'\)\n$/);
    writeFileSync(join(dir, 'file'), '');
    expect(runCli(['init', 'file'], { cwd: dir })).toMatchObject({ code: 2, stderr: 'tipkit: init: file is not a directory\n' });
  });
});
