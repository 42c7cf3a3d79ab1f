import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';
import { CLEAN, ONE_ERROR, ONE_WARNING, SUPPRESSED_WARNING } from './configs.js';
import { project, runInProcess } from './run.js';
import { sarifValidator } from '../formatters/sarif-schema.js';

/** The built binary, as a user runs it. */
const spawnLint = (cwd: string, ...args: string[]) => runCli(['lint', ...args], { cwd });
/** The same command in-process (no build needed, much faster). */
const lint = (cwd: string, ...args: string[]) => runInProcess(['lint', ...args], cwd);
type JsonFinding = { ruleId: string; severity: string; location: { file: string; line: number; column: number }; suppression?: unknown };
const json = (stdout: string) => JSON.parse(stdout) as { findings: JsonFinding[]; suppressed: JsonFinding[]; summary: Record<string, number> };

describe('tipkit lint exit codes', async () => {
  it('0 for a clean config, 1 for an error, 0 for warnings only', async () => {
    const cwd = project({ 'clean.yaml': CLEAN, 'warn.yaml': ONE_WARNING, 'err.yaml': ONE_ERROR });
    expect(spawnLint(cwd, 'clean.yaml')).toMatchObject({ code: 0, stderr: '' });
    expect(spawnLint(cwd, 'warn.yaml').code).toBe(0);
    const failed = spawnLint(cwd, 'err.yaml', '--format', 'json');
    expect(failed.code).toBe(1);
    expect(json(failed.stdout).findings.map((f) => [f.ruleId, f.location])).toEqual([['grant-type-unknown', { file: 'err.yaml', line: 8, column: 20 }]]);
  });

  it('2 with one line naming file:line:col for YAML that does not parse, and no other output', async () => {
    const cwd = project({ 'good.yaml': ONE_ERROR, 'bad.yaml': 'version: 1\ninstance: [\n' });
    const r = spawnLint(cwd, '.', '--format', 'json');
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^tipkit: bad\.yaml:3:1: invalid YAML: .+\n$/);
  });

  it('2 for a missing path, an unknown flag, a bad --format', async () => {
    const cwd = project({ 'clean.yaml': CLEAN });
    expect(await lint(cwd, 'nope.yaml')).toMatchObject({ code: 2, stdout: '', stderr: 'tipkit: no such file: nope.yaml\n' });
    expect((await lint(cwd, '--frobnicate')).code).toBe(2);
    expect(await lint(cwd, '--format', 'xml')).toMatchObject({ code: 2, stderr: expect.stringContaining('--format must be one of text, json, sarif, github') });
  });

  it('suppressed findings do not count toward the exit code', async () => {
    const cwd = project({ 'tipkit.yaml': SUPPRESSED_WARNING });
    const r = await lint(cwd, '--max-warnings', '0', '--format', 'json');
    expect(r.code).toBe(0);
    const out = json(r.stdout);
    expect(out.summary).toEqual({ errors: 0, warnings: 0, notes: 0, files: 1, suppressed: 1 });
    expect(out.findings).toEqual([]);
    expect(out.suppressed).toMatchObject([{ ruleId: 'iam-auth-method-missing', suppression: { kind: 'comment', reason: 'tokens come from CreateToken' } }]);
    expect((await lint(cwd)).stdout).not.toContain('iam-auth-method-missing');
    expect((await lint(cwd, '--show-suppressed')).stdout).toContain('iam-auth-method-missing (suppressed: tokens come from CreateToken)');
  });
});

describe('tipkit lint options', async () => {
  it('--max-warnings N fails only above N', async () => {
    const cwd = project({ 'warn.yaml': ONE_WARNING });
    expect((await lint(cwd, '--max-warnings', '1')).code).toBe(0);
    expect((await lint(cwd, '--max-warnings', '0')).code).toBe(1);
    expect((await lint(cwd, '--max-warnings', 'many')).code).toBe(2);
  });

  it('--rule changes severities, and refuses unknown rules and levels', async () => {
    const cwd = project({ 'warn.yaml': ONE_WARNING, 'err.yaml': ONE_ERROR });
    const raised = await lint(cwd, 'warn.yaml', '--rule', 'iam-auth-method-missing=error', '--format', 'json');
    expect(raised.code).toBe(1);
    expect(json(raised.stdout).findings.map((f) => f.severity)).toEqual(['error']);
    const off = await lint(cwd, 'err.yaml', '--rule', 'grant-type-unknown=off', '--rule', 'iam-auth-method-missing=note', '--format', 'json');
    expect(off.code).toBe(0);
    expect(json(off.stdout).findings).toEqual([]);
    expect(await lint(cwd, '--rule', 'no-such-rule=off')).toMatchObject({ code: 2, stderr: "tipkit: --rule: unknown rule 'no-such-rule' (see: tipkit rules)\n" });
    expect((await lint(cwd, '--rule', 'grant-type-unknown=fatal')).code).toBe(2);
    expect((await lint(cwd, '--rule', 'grant-type-unknown')).code).toBe(2);
  });

  it('reads rule severities from .tipkitrc.json / --config-file; flags win; a bad rc file is exit 2', async () => {
    const cwd = project({ 'warn.yaml': ONE_WARNING, '.tipkitrc.json': '{ "rules": { "iam-auth-method-missing": "error" } }', 'lax.yaml': 'rules:\n  iam-auth-method-missing: off\n' });
    expect((await lint(cwd, 'warn.yaml')).code).toBe(1);
    expect((await lint(cwd, 'warn.yaml', '--rule', 'iam-auth-method-missing=warning')).code).toBe(0);
    expect((await lint(cwd, 'warn.yaml', '--config-file', 'lax.yaml', '--format', 'json')).stdout).toContain('"findings": []');
    const bad = project({ 'warn.yaml': ONE_WARNING, '.tipkitrc.yaml': 'rules:\n  iam-auth-method-missin: off\n' });
    expect(await lint(bad, 'warn.yaml')).toMatchObject({ code: 2, stdout: '', stderr: "tipkit: .tipkitrc.yaml:2:3: unknown rule 'iam-auth-method-missin' (see: tipkit rules)\n" });
  });

  it('--quiet reports errors only', async () => {
    const cwd = project({ 'warn.yaml': ONE_WARNING, 'err.yaml': ONE_ERROR });
    const out = json((await lint(cwd, '--quiet', '--format', 'json')).stdout);
    expect(out.findings.map((f) => f.ruleId)).toEqual(['grant-type-unknown']);
    expect(out.summary).toEqual({ errors: 1, warnings: 1, notes: 0, files: 2, suppressed: 0 });
  });

  it('--output writes the report atomically, and writes nothing when the input is unusable', async () => {
    const cwd = project({ 'err.yaml': ONE_ERROR });
    const r = await lint(cwd, '--format', 'sarif', '--output', 'out/report.sarif');
    expect(r).toMatchObject({ code: 1, stdout: '' });
    const sarif = JSON.parse(readFileSync(join(cwd, 'out/report.sarif'), 'utf8'));
    expect(sarif.runs[0].results[0].ruleId).toBe('grant-type-unknown');
    expect(readdirSync(join(cwd, 'out'))).toEqual(['report.sarif']);

    writeFileSync(join(cwd, 'broken.yaml'), 'version: 1\ninstance: [\n');
    const failed = await lint(cwd, '--format', 'json', '--output', 'out/second.json');
    expect(failed.code).toBe(2);
    expect(existsSync(join(cwd, 'out/second.json'))).toBe(false);
    expect(readdirSync(join(cwd, 'out'))).toEqual(['report.sarif']);
  });

  it('--format github prints workflow commands', async () => {
    const cwd = project({ 'err.yaml': ONE_ERROR, 'warn.yaml': ONE_WARNING });
    const r = await lint(cwd, '--format', 'github');
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')).toEqual([
      expect.stringMatching(/^::error file=err\.yaml,line=8,col=20,title=grant-type-unknown::'GrantType' must be one of/),
      expect.stringMatching(/^::warning file=warn\.yaml,line=7,col=5,title=iam-auth-method-missing::/),
      '',
    ]);
  });
});

describe('tipkit lint file discovery', async () => {
  it('walks the current directory by default, linting only tipkit configs', async () => {
    const cwd = project({
      'tipkit.yaml': ONE_WARNING,
      'scenario.yaml': 'version: 1\nconfig: ./tipkit.yaml\ninstance: {}\nrequests: []\n',
      '.github/workflows/ci.yml': 'name: ci\non: push\njobs: {}\n',
      'package.json': '{ "name": "x", "version": "1.0.0" }',
      'node_modules/dep/tipkit.yaml': ONE_ERROR,
      'cdktf.out/stacks/s/cdk.tf.json': '{ "resource": { "aws_ssoadmin_application": { "a": {} } } }',
      'nested/deeper/tipkit.json': JSON.stringify({ version: 1, applications: [{ Name: 'x', Grants: [{ GrantType: 'nope', Grant: { RefreshToken: {} } }] }] }),
    });
    const r = await lint(cwd, '--format', 'json');
    const out = json(r.stdout);
    expect(out.summary.files).toBe(2);
    expect([...new Set(out.findings.map((f) => f.location.file))].sort()).toEqual(['nested/deeper/tipkit.json', 'tipkit.yaml']);
    expect(r.code).toBe(1);
  });
});

describe('tipkit lint colour', () => {
  it('colours text only on a terminal and without NO_COLOR', async () => {
    const cwd = project({ 'err.yaml': ONE_ERROR });
    const saved = process.env.NO_COLOR;
    try {
      delete process.env.NO_COLOR;
      expect((await runInProcess(['lint'], cwd, true)).stdout).toContain('\x1b[31m');
      expect((await runInProcess(['lint'], cwd, false)).stdout).not.toContain('\x1b[');
      process.env.NO_COLOR = '1';
      expect((await runInProcess(['lint'], cwd, true)).stdout).not.toContain('\x1b[');
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    }
  });
});

describe('tipkit lint with nothing to lint', () => {
  it('exits 2 with one line and no report (a CI job pointed at the wrong directory fails)', async () => {
    const cwd = project({ 'README.md': '# nothing\n', 'ci.yml': 'on: push\n' });
    expect(await lint(cwd)).toEqual({ code: 2, stdout: '', stderr: 'tipkit: no tipkit config, Terraform or cdktf file found under . (--allow-empty makes that exit 0)\n' });
  });

  it('--allow-empty: says so on stderr and exits 0', async () => {
    const cwd = project({ 'README.md': '# nothing\n' });
    expect(await lint(cwd, '--allow-empty')).toEqual({
      code: 0,
      stdout: '0 problems (0 errors, 0 warnings, 0 notes) in 0 files\n',
      stderr: 'tipkit: no tipkit config, Terraform or cdktf file found under .\n',
    });
  });
});

describe('tipkit lint --format sarif', () => {
  it('is schema-valid with the real rule set, including suppressed results', async () => {
    const cwd = project({ 'a.yaml': SUPPRESSED_WARNING, 'b.yaml': ONE_ERROR });
    const r = await lint(cwd, '--format', 'sarif');
    expect(r.code).toBe(1);
    const log = JSON.parse(r.stdout);
    const validate = sarifValidator();
    expect(validate(log), JSON.stringify(validate.errors)).toBe(true);
    const run = log.runs[0];
    expect(run.tool.driver.rules.length).toBeGreaterThanOrEqual(22);
    expect(run.results.map((x: { ruleId: string; suppressions?: unknown[] }) => `${x.ruleId}${x.suppressions ? ' suppressed' : ''}`)).toEqual(['iam-auth-method-missing suppressed', 'grant-type-unknown']);
  });
});

describe('tipkit lint --config-file', () => {
  it('names a missing or broken rc file as given', async () => {
    const cwd = project({ 'warn.yaml': ONE_WARNING, 'bad-rc.json': '{ "rules": { "issuer-unused": "loud" } }' });
    expect(await lint(cwd, '--config-file', 'missing.json')).toMatchObject({ code: 2, stdout: '', stderr: 'tipkit: no such file: missing.json\n' });
    expect(await lint(cwd, '--config-file', 'bad-rc.json')).toMatchObject({ code: 2, stderr: "tipkit: bad-rc.json:1:31: rule 'issuer-unused' must be one of off, note, warning, error\n" });
  });
});
