/**
 * Fuzzing the loader and linter: mutated configs (structured: wrong types, missing/unknown members, huge and
 * unicode strings, deep nesting) and edited config text, through `tipkit lint` in-process, in every format.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { parse } from 'yaml';
import { afterAll, describe, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { testConfig } from '../simulator/helpers.js';
import { counter, editedText, expectCliInvariants, expectLocated, fcOptions, mutated, report, runs, serialize, trackCase } from './fuzz-support.js';
import { runMain } from './support.js';

const examples = ['okta-tip', 'web-app', 'device-cli'].map((e) => readFileSync(resolve(repoRoot, 'examples', e, 'tipkit.yaml'), 'utf8'));
const bases = [...examples.map((t) => parse(t) as unknown), testConfig()];
const dir = mkdtempSync(join(tmpdir(), 'tipkit-fuzz-config-'));
const FORMATS = ['json', 'text', 'sarif', 'github'] as const;

async function lintCase(text: string, file: string, format: (typeof FORMATS)[number]) {
  writeFileSync(join(dir, file), text);
  const r = await runMain(['lint', file, '--format', format], dir);
  expectCliInvariants(r, [file]);
  if (r.code !== 2 && format === 'json') {
    const out = JSON.parse(r.stdout) as { findings: { location: Record<string, unknown> }[]; summary: { errors: number } };
    for (const f of out.findings) expectLocated(f.location);
    if (r.code === 1) expectLocated(out.findings[0]!.location);
  }
  if (r.code !== 2 && format === 'sarif') JSON.parse(r.stdout);
  return r;
}

describe('fuzz: loader → linter', () => {
  const structured = counter('config (mutated structure, lint)');
  const text = counter('config (edited text, lint)');
  afterAll(() => {
    report(structured);
    report(text);
  });

  it('mutated configs: exit 0/1 with located findings, or exit 2 with one located line', async () => {
    const arb = fc.tuple(fc.nat({ max: bases.length - 1 }).chain((i) => mutated(bases[i])), fc.constantFrom('yaml', 'json') as fc.Arbitrary<'yaml' | 'json'>, fc.constantFrom(...FORMATS));
    await fc.assert(
      fc.asyncProperty(arb, async ([doc, syntax, format]) => void (await trackCase(structured, (r) => `exit ${r.code}`, () => lintCase(serialize(doc, syntax), `case.${syntax}`, format)))),
      fcOptions(runs(300)),
    );
  });

  it('edited config text (any unicode, YAML syntax, anchors, BOMs, NULs): the same invariants', async () => {
    const arb = fc.tuple(fc.nat({ max: examples.length - 1 }).chain((i) => editedText(examples[i]!)), fc.constantFrom(...FORMATS));
    await fc.assert(
      fc.asyncProperty(arb, async ([t, format]) => void (await trackCase(text, (r) => `exit ${r.code}`, () => lintCase(t, 'case.yaml', format)))),
      fcOptions(runs(300)),
    );
  });
});
