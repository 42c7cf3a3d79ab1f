// The GitHub Action, tested the way actions are tested without GitHub: action.yml's steps run in order, each
// `run` step under bash with the environment GitHub gives it (GITHUB_OUTPUT fresh per step, GITHUB_STEP_SUMMARY,
// GITHUB_EVENT_NAME/PATH of a pull request), `${{ }}` expressions evaluated from inputs and earlier outputs, and
// `uses` steps recorded with their evaluated inputs instead of run. The consumer is a temporary git repository
// with a base commit and a pull-request commit, and tipkit installed as `npm install tipkit` would link it.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';

interface Step {
  id?: string;
  if?: string;
  uses?: string;
  with?: Record<string, string>;
  run?: string;
  shell?: string;
  env?: Record<string, string>;
  'working-directory'?: string;
}
interface ActionYml {
  inputs: Record<string, { default?: string }>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

const action = parse(readFileSync(join(repoRoot, 'action.yml'), 'utf8')) as ActionYml;
const work = mkdtempSync(join(tmpdir(), 'tipkit-action-'));
const repo = join(work, 'repo');
let baseSha = '';

afterAll(() => rmSync(work, { recursive: true, force: true }));

const git = (...args: string[]): string => {
  const r = spawnSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: repo, encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim();
};

beforeAll(() => {
  ensureDistBuilt();
  mkdirSync(join(repo, 'infra'), { recursive: true });
  const config = readFileSync(join(repoRoot, 'examples/okta-tip/tipkit.yaml'), 'utf8').replace(/^# yaml-language-server.*\n/, '');
  writeFileSync(join(repo, 'infra/tipkit.yaml'), config);
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-qm', 'base');
  baseSha = git('rev-parse', 'HEAD');
  // The pull request: a second audience for the jwt-bearer grant (wider access) and an issuer nobody uses (a warning).
  const widened = config
    .replace('AuthorizedAudiences: [0oa1analytics]', 'AuthorizedAudiences: [0oa1analytics, 0oa1mobile]')
    .replace(
      'applications:\n',
      `  - Name: spare-issuer
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration:
        IssuerUrl: https://spare.example.com
        ClaimAttributePath: email
        IdentityStoreAttributePath: emails.value
        JwksRetrievalOption: OPEN_ID_DISCOVERY
applications:\n`,
    );
  expect(widened).not.toBe(config);
  writeFileSync(join(repo, 'infra/tipkit.yaml'), widened);
  git('commit', '-qam', 'widen');
  // What `npm install tipkit` leaves in a project: node_modules/.bin/tipkit linked to the package's bin.
  mkdirSync(join(repo, 'node_modules/.bin'), { recursive: true });
  symlinkSync(join(repoRoot, 'bin/tipkit.js'), join(repo, 'node_modules/.bin/tipkit'));
  mkdirSync(join(repo, 'empty'));
});

interface Run {
  summary: string;
  log: string;
  outputs: Record<string, string>;
  uploads: { uses: string; with: Record<string, string> }[];
  /** The exit code of the first failing step, or 0. */
  code: number;
}

/** A pull_request (or push) event as GitHub writes it to GITHUB_EVENT_PATH, reduced to what the action reads. */
function eventFile(kind: 'pull_request' | 'push'): string {
  const file = join(work, `${kind}.json`);
  const event = kind === 'pull_request' ? { action: 'synchronize', number: 7, pull_request: { number: 7, base: { ref: 'main', sha: baseSha }, head: { ref: 'widen', sha: git('rev-parse', 'HEAD') } } } : { ref: 'refs/heads/main', after: baseSha };
  writeFileSync(file, JSON.stringify(event));
  return file;
}

function runAction(inputs: Record<string, string>, event: 'pull_request' | 'push' = 'pull_request'): Run {
  const given = Object.fromEntries(Object.entries(action.inputs).map(([name, spec]) => [name, inputs[name] ?? spec.default ?? '']));
  for (const name of Object.keys(inputs)) expect(action.inputs, `action.yml has no input '${name}'`).toHaveProperty(name);
  const steps: Record<string, Record<string, string>> = {};
  const summaryFile = join(work, `summary-${Math.random().toString(36).slice(2)}.md`);
  writeFileSync(summaryFile, '');
  const ctx = { inputs: given, steps, github: { action_path: repoRoot, workspace: repo } };
  const run: Run = { summary: '', log: '', outputs: {}, uploads: [], code: 0 };

  for (const [i, step] of action.runs.steps.entries()) {
    if (step.if !== undefined && !truthy(evaluate(step.if, ctx))) continue;
    if (step.uses) {
      run.uploads.push({ uses: step.uses, with: Object.fromEntries(Object.entries(step.with ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)])) });
      continue;
    }
    expect(step.shell, `step ${i} of a composite action needs shell:`).toBe('bash');
    const outputFile = join(work, `output-${i}-${Math.random().toString(36).slice(2)}`);
    writeFileSync(outputFile, '');
    const env: Record<string, string> = {
      PATH: process.env.PATH ?? '',
      HOME: process.env.HOME ?? work,
      GITHUB_ACTIONS: 'true',
      GITHUB_WORKSPACE: repo,
      GITHUB_ACTION_PATH: repoRoot,
      GITHUB_EVENT_NAME: event,
      GITHUB_EVENT_PATH: eventFile(event),
      GITHUB_OUTPUT: outputFile,
      GITHUB_STEP_SUMMARY: summaryFile,
      ...Object.fromEntries(Object.entries(step.env ?? {}).map(([k, v]) => [k, interpolate(String(v), ctx)])),
    };
    const cwd = join(repo, interpolate(step['working-directory'] ?? '.', ctx));
    // GitHub runs `shell: bash` as bash --noprofile --norc -eo pipefail {0}.
    const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run!], { cwd, env, encoding: 'utf8' });
    run.log += r.stdout + r.stderr;
    if (step.id) steps[step.id] = { outputs: parseOutputs(readFileSync(outputFile, 'utf8')) } as never;
    if (r.status !== 0) {
      run.code = r.status ?? -1;
      break;
    }
  }
  run.summary = readFileSync(summaryFile, 'utf8');
  run.outputs = Object.fromEntries(Object.entries(action.outputs).map(([name, o]) => [name, interpolate(o.value, ctx)]));
  return run;
}

function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split('\n').filter(Boolean)) {
    const eq = line.indexOf('=');
    expect(eq, `GITHUB_OUTPUT line without '=': ${line}`).toBeGreaterThan(0);
    out[line.slice(0, eq)] = line.slice(eq + 1);
  }
  return out;
}

type Ctx = { inputs: Record<string, string>; steps: Record<string, Record<string, string>>; github: Record<string, string> };

/** `${{ expr }}` in a string; an expression this evaluator does not know fails the test rather than vanish. */
function interpolate(text: string, ctx: Ctx): string {
  return text.replace(/\$\{\{(.*?)\}\}/g, (_, expr: string) => String(evaluate(expr, ctx)));
}

/** The few expression forms action.yml uses: contexts, string literals, ==, !=, &&. */
function evaluate(expr: string, ctx: Ctx): string | boolean {
  const e = expr.trim().replace(/^\$\{\{(.*)\}\}$/s, '$1').trim();
  if (e.includes('&&')) return e.split('&&').every((part) => truthy(evaluate(part, ctx)));
  const cmp = /^(.+?)\s*(==|!=)\s*(.+)$/.exec(e);
  if (cmp) {
    const [a, b] = [evaluate(cmp[1]!, ctx), evaluate(cmp[3]!, ctx)];
    return cmp[2] === '==' ? a === b : a !== b;
  }
  if (/^'.*'$/.test(e)) return e.slice(1, -1);
  const ref = /^(inputs|github)\.([\w-]+)$/.exec(e) ?? /^(steps)\.([\w-]+)\.outputs\.([\w-]+)$/.exec(e);
  if (!ref) throw new Error(`the test's expression evaluator does not know: ${e}`);
  if (ref[1] === 'steps') return (ctx.steps[ref[2]!] as unknown as { outputs: Record<string, string> } | undefined)?.outputs[ref[3]!] ?? '';
  const value = (ctx[ref[1] as 'inputs' | 'github'] as Record<string, string>)[ref[2]!];
  if (value === undefined) throw new Error(`no ${ref[1]}.${ref[2]}`);
  return value;
}

const truthy = (v: string | boolean): boolean => v !== '' && v !== false;

describe('action.yml', () => {
  it('is a composite action on a pinned Node major, its inputs passed through env (never pasted into scripts)', () => {
    expect(action.runs.using).toBe('composite');
    expect(action.runs.steps[0]!.uses).toMatch(/^actions\/setup-node@v\d+$/);
    expect(action.inputs['node-version']!.default).toBe('20');
    for (const step of action.runs.steps) if (step.run) expect(step.run).not.toMatch(/\$\{\{/);
    expect(Object.keys(action.inputs)).toEqual(expect.arrayContaining(['paths', 'format', 'fail-on', 'base', 'upload-sarif']));
  });

  it('on a pull request: annotations in the log, totals and the access diff (with Mermaid) in the job summary, outputs set', () => {
    const r = runAction({ paths: 'infra' });
    expect(r.code, r.log).toBe(0);
    expect(r.log).toMatch(/^::warning file=infra\/tipkit\.yaml,line=\d+,/m);
    expect(r.log).toContain('issuer-unused');
    expect(r.summary).toMatch(/^## tipkit lint\n\n⚠️ \*\*0 errors, 1 warning, 0 notes\*\* in 1 file\./m);
    expect(r.summary).toMatch(/\| warning \| `issuer-unused` \| `infra\/tipkit\.yaml:\d+:\d+` \| no jwt-bearer grant authorizes trusted token issuer 'spare-issuer'/);
    expect(r.summary).toContain('## Access review');
    expect(r.summary).toContain(`compared with \`${baseSha}\``);
    expect(r.summary).toMatch(/widened|0oa1mobile/);
    expect(r.summary).toContain('```mermaid');
    expect(r.outputs).toMatchObject({ errors: '0', warnings: '1', notes: '0', files: '1', 'sarif-file': '' });
    expect(Number(r.outputs['new-access'])).toBeGreaterThan(0);
    expect(r.uploads.map((u) => u.uses)).toEqual(['actions/setup-node@v4']);
  });

  it('fail-on: warning fails the job (in the last step, after the upload) with one error line', () => {
    const r = runAction({ paths: 'infra', 'fail-on': 'warning', 'upload-sarif': 'true' });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/^::error title=tipkit::tipkit lint: 0 error\(s\), 1 warning\(s\), 0 note\(s\) \(fail-on: warning\)$/m);
    const upload = r.uploads.find((u) => u.uses.startsWith('github/codeql-action/upload-sarif@'));
    expect(upload?.with).toMatchObject({ sarif_file: join(repo, 'tipkit.sarif'), category: 'tipkit' });
    const sarif = JSON.parse(readFileSync(join(repo, 'tipkit.sarif'), 'utf8'));
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((x: { ruleId: string }) => x.ruleId)).toEqual(['issuer-unused']);
  });

  it('fail-on-new-access fails on the widened audience; base: none lists the paths without a diff', () => {
    const strict = runAction({ paths: 'infra', 'fail-on-new-access': 'true' });
    expect(strict.code).toBe(1);
    expect(strict.log).toMatch(/::error title=tipkit::tipkit access: \d+ new or wider access path\(s\) compared with [0-9a-f]{40}/);
    const plain = runAction({ paths: 'infra', base: 'none' });
    expect(plain.code, plain.log).toBe(0);
    expect(plain.summary).toContain('## Access review');
    expect(plain.summary).not.toContain('compared with');
    expect(plain.outputs['new-access']).toBe('');
  });

  it('on a push there is no base: the access review lists the paths, fail-on-new-access says it needs one', () => {
    const r = runAction({ paths: 'infra', 'fail-on-new-access': 'true' }, 'push');
    expect(r.code).toBe(1);
    expect(r.log).toContain('fail-on-new-access needs a base');
    expect(r.summary).toContain('## Access review');
  });

  it('paths with nothing to lint fail the job (a CI job pointed at the wrong directory is not green)', () => {
    const r = runAction({ paths: 'empty' });
    expect(r.code).toBe(1);
    expect(r.log).toMatch(/::error title=tipkit::tipkit lint could not use its input: tipkit: no tipkit config, Terraform or cdktf file found under empty/);
    expect(r.summary).toContain('**Unusable input:**');
  });

  it('a bad input value stops the step with one line', () => {
    const r = runAction({ paths: 'infra', 'fail-on': 'sometimes' });
    expect(r.code).toBe(2);
    expect(r.log).toContain("::error title=tipkit::input fail-on must be one of error, warning, note, never (got 'sometimes')");
  });
});
