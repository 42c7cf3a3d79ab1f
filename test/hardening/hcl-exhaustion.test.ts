/**
 * Small Terraform files that multiply their own size (issue 22, item 2). Each is linted by the compiled CLI in
 * a child process with a heap ceiling and a time ceiling: it must finish with a normal report (exit 0 or 1),
 * say once which budget stopped the evaluation, and never abort. Terraform itself limits none of this.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt } from './support.js';
import { runBounded } from '../helpers/bounded-run.js';

/** Far above what these inputs need once bounded, far below what they took unbounded (4 GB, 120 s+). */
const HEAP_MB = 384;
const TIME_MS = 60_000;

const application = (extra: string): string => `resource "aws_ssoadmin_application" "app" {
  instance_arn             = "arn:aws:sso:::instance/ssoins-1f2e3d4c5b6a7980"
  name                     = "app"
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
${extra}}
`;

const HOSTILE: { name: string; tf: string; budget: RegExp }[] = [
  {
    name: 'count = 300000000 (a 300-byte file)',
    tf: application('  count = 300000000\n'),
    budget: /budget of 10,000 instances/,
  },
  {
    name: '40 locals, each concat(local.l, local.l)',
    tf: `locals {\n  l0 = ["https://a.example.com/cb"]\n${Array.from({ length: 40 }, (_, i) => `  l${i + 1} = concat(local.l${i}, local.l${i})`).join('\n')}\n}\n${application('')}
resource "aws_ssoadmin_application_grant" "code" {
  application_arn = aws_ssoadmin_application.app.application_arn
  grant_type      = "authorization_code"
  grant {
    authorization_code {
      redirect_uris = local.l40
    }
  }
}
`,
    budget: /evaluation budget of 1,000,000 values/,
  },
  {
    name: 'jsonencode of a map doubling over 40 levels',
    tf: `locals {\n  m0 = { Effect = "Allow" }\n${Array.from({ length: 40 }, (_, i) => `  m${i + 1} = { a = local.m${i}, b = local.m${i} }`).join('\n')}\n}\n${application('')}
resource "aws_ssoadmin_application_authentication_method" "iam" {
  application_arn            = aws_ssoadmin_application.app.application_arn
  authentication_method_type = "IAM"
  authentication_method {
    iam {
      actor_policy = jsonencode(local.m40)
    }
  }
}
`,
    budget: /evaluation budget of 1,000,000 values/,
  },
];

let dir: string;
beforeAll(() => {
  ensureDistBuilt();
  dir = mkdtempSync(join(tmpdir(), 'tipkit-hcl-exhaustion-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('HCL that multiplies its own size is bounded', () => {
  it.each(HOSTILE)('$name: a report within the heap and time ceilings, one note naming the budget', async ({ name, tf, budget }) => {
    const caseDir = join(dir, name.replace(/\W+/g, '-'));
    mkdirSync(caseDir, { recursive: true });
    writeFileSync(join(caseDir, 'main.tf'), tf);
    const run = await runBounded(['lint', caseDir, '--format', 'json'], dir, { heapMb: HEAP_MB, timeMs: TIME_MS });
    expect(run.killed, `still running after ${TIME_MS} ms`).toBe(false);
    expect(run.signal, `killed: ${run.stderr.slice(0, 400)}`).toBeNull();
    expect(run.stderr).not.toMatch(/heap|Maximum call stack|internal error/i);
    expect([0, 1]).toContain(run.code);
    const report = JSON.parse(run.stdout) as { findings: { message: string }[] };
    const named = report.findings.filter((f) => budget.test(f.message));
    expect(named.length, JSON.stringify(report.findings.map((f) => f.message)).slice(0, 2000)).toBe(1);
  }, TIME_MS + 30_000);
});
