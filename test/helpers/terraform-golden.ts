/**
 * Compares the Terraform evaluator with the golden file that scripts/record-terraform-golden.mjs recorded
 * from the real `terraform`: each expression is evaluated in the same configuration (prelude.tf) and sorted
 * into agree / conservative (tipkit says unknown where Terraform knows) / wrong.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { configurationScope } from '../../inputs/terraform/eval/configuration.js';
import { evaluateExpression } from '../../inputs/terraform/eval/evaluate.js';
import { typeOf, typesEqual, type Type } from '../../inputs/terraform/eval/types.js';
import { isKnown, isMap, isUnknown, type Value } from '../../inputs/terraform/eval/values.js';

export const GOLDEN_DIR = join(import.meta.dirname, '..', 'fixtures', 'terraform-golden');

export interface GoldenEntry {
  name: string;
  expr: string;
  value?: unknown;
  type?: Type;
  unknown?: unknown;
  known?: unknown;
  error?: { summary: string; detail: string };
}

export interface Verdict {
  name: string;
  expr: string;
  verdict: 'agree' | 'conservative' | 'wrong';
  why: string;
}

/** A value as JSON (sets as arrays), unknowns as a marker. */
function plain(v: Value): unknown {
  if (isUnknown(v)) return { '(unknown)': true };
  if (Array.isArray(v)) return v.map(plain);
  if (isMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]));
  return v;
}

function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  return ka.length === kb.length && ka.every((k) => Object.hasOwn(b, k) && deepEqual((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

/** Whether `v` agrees with a plan's partly known value: unknown exactly where `unknown` marks it. */
function agreesPartly(v: Value, known: unknown, unknown: unknown): boolean {
  if (unknown === true) return !isKnown(v);
  if (isUnknown(v)) return false;
  if (Array.isArray(v)) return Array.isArray(known) && v.length === known.length && v.every((x, i) => agreesPartly(x, known[i], Array.isArray(unknown) ? unknown[i] : false));
  if (isMap(v)) {
    const u = (typeof unknown === 'object' && unknown !== null ? unknown : {}) as Record<string, unknown>;
    const k = (typeof known === 'object' && known !== null ? known : {}) as Record<string, unknown>;
    return Object.keys(v).every((name) => agreesPartly(v[name]!, k[name], u[name] ?? false));
  }
  return deepEqual(v, known);
}

export function loadGolden(): { terraform: string; expressions: GoldenEntry[] } {
  return JSON.parse(readFileSync(join(GOLDEN_DIR, 'golden.json'), 'utf8'));
}

export async function compareWithGolden(): Promise<Verdict[]> {
  const { parse } = await import('@cdktf/hcl2json');
  const body = await parse('prelude.tf', readFileSync(join(GOLDEN_DIR, 'prelude.tf'), 'utf8'));
  const scope = configurationScope(body, { dir: GOLDEN_DIR, root: GOLDEN_DIR, paths: { module: '.', root: '.', cwd: GOLDEN_DIR } });
  return loadGolden().expressions.map((e) => {
    const v = evaluateExpression(e.expr, scope);
    const base = { name: e.name, expr: e.expr };
    if (e.error) {
      return isKnown(v) ? { ...base, verdict: 'wrong', why: `terraform: ${e.error.summary}; tipkit: ${JSON.stringify(plain(v))}` } : { ...base, verdict: 'agree', why: 'error → unknown' };
    }
    if (e.unknown !== undefined) {
      return agreesPartly(v, e.known, e.unknown)
        ? { ...base, verdict: 'agree', why: 'unknown at plan time' }
        : { ...base, verdict: isKnown(v) ? 'wrong' : 'conservative', why: `terraform plans ${JSON.stringify(e.known)} with unknown ${JSON.stringify(e.unknown)}; tipkit: ${JSON.stringify(plain(v))}` };
    }
    if (!isKnown(v)) return { ...base, verdict: 'conservative', why: `terraform: ${JSON.stringify(e.value)}; tipkit: unknown${v instanceof Object && 'reason' in v && v.reason ? ` (${String(v.reason)})` : ''}` };
    if (!deepEqual(plain(v), e.value)) return { ...base, verdict: 'wrong', why: `terraform: ${JSON.stringify(e.value)}; tipkit: ${JSON.stringify(plain(v))}` };
    const type = typeOf(v);
    const expected = e.value === null ? 'dynamic' : e.type!;
    if (e.value !== null && !typesEqual(type, expected)) return { ...base, verdict: 'wrong', why: `value agrees, type differs: terraform ${JSON.stringify(expected)}; tipkit ${JSON.stringify(type)}` };
    return { ...base, verdict: 'agree', why: 'same value and type' };
  }) as Verdict[];
}
