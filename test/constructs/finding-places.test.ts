// TipkitChecks reports each finding where `tipkit lint` of the same file reports it — at the value in the
// construct's props (a redirect URI, a Name), or at the props of the construct — not at its `new`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot, runCli } from '../helpers/cli.js';

const FIXTURE = 'test/constructs/fixtures/agree/findings.ts';
const out = mkdtempSync(join(tmpdir(), 'tipkit-places-'));
beforeAll(() => ensureDistBuilt());
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('where TipkitChecks places a finding', () => {
  it('at the same line and column as tipkit lint', () => {
    const lint = JSON.parse(runCli(['lint', FIXTURE, '--format', 'json']).stdout) as { findings: { ruleId: string; location: { line: number; column: number } }[] };
    const linted = lint.findings.map((f) => `${f.ruleId} ${f.location.line}:${f.location.column}`).sort();
    expect(linted).toEqual(['iam-auth-method-missing 19:59', 'issuer-unused 14:9', 'redirect-uri-insecure 20:136']);

    const synth = spawnSync(process.execPath, ['--import', 'tipkit/ts-register', FIXTURE], { cwd: repoRoot, encoding: 'utf8', env: { ...process.env, CDKTF_OUTDIR: out } });
    expect(synth.status).toBe(1); // the redirect URI is an error
    const reported = [...synth.stderr.matchAll(/\] ([a-z-]+): .*\(.*findings\.ts:(\d+):(\d+)\)$/gm)].map((m) => `${m[1]} ${m[2]}:${m[3]}`).sort();
    expect(reported).toEqual(linted);
  });
});
