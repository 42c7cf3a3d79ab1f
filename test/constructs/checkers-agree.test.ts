// The construct types, the TipkitChecks aspect and `tipkit lint main.ts` judge one construct tree alike: on each
// fixture app the compiler accepts the props, and the aspect (run on the synthesized app) and the static reader
// (the same file, never run) report the same findings. Also: on the `node --import tipkit/ts-register` route
// the aspect's warnings are printed, and a cross-stack issuer reference is a reference to its construct.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lintLoaded } from '../../linter/index.js';
import { loadConfigFile } from '../../inputs/load.js';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';

const dir = resolve(import.meta.dirname, 'fixtures/agree');
const fixture = (name: string): string => join(dir, `${name}.ts`);
const work = mkdtempSync(join(tmpdir(), 'tipkit-agree-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
beforeAll(() => ensureDistBuilt());

/** Type errors of the fixture as a consumer's `tsc --noEmit` (strict, NodeNext) reports them. */
function typeErrors(file: string): string[] {
  const program = ts.createProgram([file], {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

interface AppRun {
  status: number | null;
  stderr: string;
  /** `severity rule: message` of every stack's annotations, without the construct's location. */
  findings: string[];
}

const LEVEL: Record<string, string> = { '@cdktf/error': 'error', '@cdktf/warn': 'warning', '@cdktf/info': 'note' };

function runApp(name: string, env: Record<string, string> = { CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: 'true' }): AppRun {
  const out = join(work, name);
  const r = spawnSync(process.execPath, ['--import', 'tipkit/ts-register', fixture(name)], {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, CDKTF_OUTDIR: out, ...env },
    timeout: 120_000,
  });
  let findings: string[] = [];
  try {
    const manifest = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')) as { stacks: Record<string, { annotations: { level: string; message: string }[] }> };
    findings = Object.values(manifest.stacks)
      .flatMap((s) => s.annotations)
      .map((a) => `${LEVEL[a.level] ?? a.level} ${a.message.replace(/ \([^()]*:\d+:\d+\)$/, '')}`)
      .sort();
  } catch {
    // No manifest: the run failed; its status and stderr say why.
  }
  return { status: r.status, stderr: r.stderr, findings };
}

async function lintFindings(name: string): Promise<string[]> {
  const { findings } = lintLoaded(await loadConfigFile(fixture(name)));
  return findings.map((f) => `${f.severity} ${f.ruleId}: ${f.message}`).sort();
}

describe('types, TipkitChecks and tipkit lint agree', () => {
  for (const name of ['defaults', 'findings']) {
    it(`${name}.ts: compiles, and the aspect reports what lint reports`, async () => {
      expect(typeErrors(fixture(name))).toEqual([]);
      const app = runApp(name);
      expect(app.stderr).toBe('');
      expect(app.status).toBe(0);
      expect(app.findings).toEqual(await lintFindings(name));
    });
  }

  it('every optional prop left out is a valid request: no schema finding from either checker', async () => {
    const lint = await lintFindings('defaults');
    expect(lint).toEqual(['warning assignment-required-without-assignments: ' + "application 'portal' requires assignments (AssignmentRequired defaults to true) but has none, so every user is refused"]);
    expect(runApp('defaults').findings).toEqual(lint);
  });

  it('findings.ts is not vacuous: both report its error and warnings', async () => {
    expect((await lintFindings('findings')).map((f) => f.split(':')[0])).toEqual([
      'error redirect-uri-insecure',
      'warning iam-auth-method-missing',
      'warning issuer-unused',
    ]);
  });
});

describe('TipkitChecks on the node --import tipkit/ts-register route', () => {
  it('prints warnings as cdktf lists annotations, and fails on an error without a stack trace', () => {
    const r = runApp('findings', {});
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/^\[WARN\] \[findings\/unused\] issuer-unused: no jwt-bearer grant authorizes trusted token issuer 'unused'/m);
    expect(r.stderr).toMatch(/^\[WARN\] \[findings\/wiki\] iam-auth-method-missing: /m);
    expect(r.stderr).toContain('Encountered Annotations with level "ERROR":\n[findings/code] redirect-uri-insecure: ');
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  it('prints nothing under the cdktf CLI, which prints the manifest itself', () => {
    expect(runApp('findings').stderr).toBe('');
  });
});

describe('a cross-stack reference', () => {
  it('an issuer declared in one stack and passed to another is that issuer: no finding in either stack', () => {
    expect(typeErrors(fixture('cross-stack'))).toEqual([]);
    const app = runApp('cross-stack');
    expect(app.stderr).toBe('');
    expect(app.status).toBe(0);
    expect(app.findings).toEqual([]);
    const portal = readFileSync(join(work, 'cross-stack', 'stacks/portal/cdk.tf.json'), 'utf8');
    expect(portal).toContain('terraform_remote_state');
  });

  it('the static reader cannot follow the constructor argument: it notes the value as unknown, and reports no missing or unused issuer', async () => {
    expect(await lintFindings('cross-stack')).toEqual([
      expect.stringMatching(/^note input-skipped: skipped a value that cannot be read without running the code: `issuer` /),
    ]);
  });
});
