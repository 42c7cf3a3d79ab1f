/**
 * The Terraform evaluator against real Terraform: every expression of test/fixtures/terraform-golden, with the
 * value (and type) `terraform plan` gave it, recorded by scripts/record-terraform-golden.mjs. tipkit must
 * give the same value and type, or say unknown: where Terraform says unknown or raises an error, and where
 * only Terraform can know (listed below, each with its reason). A known value that differs is always wrong.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FUNCTIONS, RUN_TIME_FUNCTIONS, UNEVALUATED_FUNCTIONS } from '../../inputs/terraform/eval/functions/index.js';
import { compareWithGolden, GOLDEN_DIR, loadGolden } from '../helpers/terraform-golden.js';

/** Where tipkit says unknown though Terraform knows the value, and why that is right for tipkit. */
const UNKNOWN_BY_DESIGN: Record<string, string> = {
  op_big: 'an integer past 2^53: tipkit computes with doubles, so it leaves such numbers unknown instead of rounding them',
  enc_jsonencode_int_big: 'the same: 12345678901234567890 has more digits than a double holds',
  terraform_workspace: 'the workspace is chosen when Terraform runs',
  enc_base64gzip: "Go's gzip writer's exact bytes are not reproduced, so base64gzip() is not evaluated",
  file_abspath_rel: 'abspath() depends on the directory Terraform runs in',
};

describe('the Terraform evaluator agrees with terraform', () => {
  it('has a golden file of at least 300 expressions recorded by terraform', () => {
    const golden = loadGolden();
    expect(golden.expressions.length).toBeGreaterThanOrEqual(300);
    expect(golden.terraform).toMatch(/^1\.\d+\.\d+/);
  });

  it('calls every function tipkit implements at least once in the corpus', () => {
    const corpus = loadGolden().expressions.map((e) => e.expr).join('\n') + readFileSync(join(GOLDEN_DIR, 'files', 'policy.json.tftpl'), 'utf8');
    expect(Object.keys(FUNCTIONS).filter((name) => !new RegExp(`\\b${name}\\(`).test(corpus))).toEqual([]);
  });

  it('docs/terraform.md names every function: implemented, known only at run time, or not evaluated', () => {
    const docs = readFileSync(join(import.meta.dirname, '..', '..', 'docs', 'terraform.md'), 'utf8');
    expect([...Object.keys(FUNCTIONS), ...RUN_TIME_FUNCTIONS, ...UNEVALUATED_FUNCTIONS, 'try', 'can'].filter((name) => !docs.includes(`\`${name}\``))).toEqual([]);
  });

  it('gives every golden expression the value and type terraform gives it, or says unknown where it must', async () => {
    const verdicts = await compareWithGolden();
    const wrong = verdicts.filter((v) => v.verdict === 'wrong').map((v) => `${v.name} = ${v.expr}\n    ${v.why}`);
    expect(wrong).toEqual([]);
    const conservative = Object.fromEntries(verdicts.filter((v) => v.verdict === 'conservative').map((v) => [v.name, v.why]));
    // Exactly the listed ones: a new unknown is a regression, a listed one that now agrees should leave the list.
    expect(Object.keys(conservative).sort()).toEqual(Object.keys(UNKNOWN_BY_DESIGN).sort());
    const agree = verdicts.filter((v) => v.verdict === 'agree').length;
    expect(agree).toBe(verdicts.length - Object.keys(UNKNOWN_BY_DESIGN).length);
  });
});

const terraformMissing = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0 ? undefined : 'terraform is not on PATH';

describe.skipIf(terraformMissing !== undefined)(`the golden file is what terraform records today${terraformMissing ? ` (skipped: ${terraformMissing})` : ''}`, () => {
  it('re-records the corpus with the real terraform and finds the same answers', () => {
    const out = mkdtempSync(join(tmpdir(), 'tipkit-golden-'));
    try {
      const file = join(out, 'golden.json');
      const run = spawnSync(process.execPath, [join(import.meta.dirname, '..', '..', 'scripts', 'record-terraform-golden.mjs'), '--corpus', GOLDEN_DIR, '--out', file], { encoding: 'utf8', timeout: 120_000 });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      const fresh = JSON.parse(readFileSync(file, 'utf8'));
      const committed = loadGolden();
      // Stale when the corpus (expressions.txt, prelude.tf, files/) changed without re-recording.
      expect(fresh.expressions).toEqual(committed.expressions);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 150_000);
});
