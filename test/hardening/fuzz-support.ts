/**
 * Property-based fuzzing support: mutations of valid documents (wrong types, missing and unknown members,
 * huge strings, any unicode, deep nesting), the CLI invariants every case must keep, and the counts that
 * `npm run fuzz` prints. Runs per target: FUZZ_RUNS (default: the fast run in `npm test`).
 */
import { appendFileSync } from 'node:fs';
import fc from 'fast-check';
import { stringify } from 'yaml';
import { expect } from 'vitest';
import type { Captured } from './support.js';

/** Cases per target: FUZZ_RUNS overrides the fast default (each target's share of ≈1,000 in `npm test`). */
export const runs = (fastDefault: number): number => Number(process.env.FUZZ_RUNS ?? fastDefault);

/** fast-check settings: a fixed seed in CI unless FUZZ_SEED says otherwise, so a failure reproduces. */
export const fcOptions = (numRuns: number): fc.Parameters<unknown> => ({
  numRuns,
  seed: process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined,
  endOnFailure: true,
});

export interface Counter {
  target: string;
  cases: number;
  crashes: number;
  outcomes: Record<string, number>;
}

export const counter = (target: string): Counter => ({ target, cases: 0, crashes: 0, outcomes: {} });

/** Appends the target's counts to FUZZ_REPORT (read by scripts/fuzz.mjs). */
export function report(c: Counter): void {
  if (process.env.FUZZ_REPORT) appendFileSync(process.env.FUZZ_REPORT, `${JSON.stringify(c)}\n`);
}

/** Count a case; any exception it throws is a crash (and fails the property). */
export async function trackCase<T>(c: Counter, outcome: (r: T) => string, run: () => Promise<T>): Promise<T> {
  c.cases++;
  try {
    const r = await run();
    const o = outcome(r);
    c.outcomes[o] = (c.outcomes[o] ?? 0) + 1;
    return r;
  } catch (err) {
    c.crashes++;
    throw err;
  }
}

// ---- values ----

const deep = (depth: number, leaf: unknown, asMap: boolean): unknown => {
  let v = leaf;
  for (let i = 0; i < depth; i++) v = asMap ? { a: v } : [v];
  return v;
};

/** Values a hostile document puts where something else belongs. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.integer({ min: 1_000, max: 200_000 }).map((n) => 'x'.repeat(n)) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 10, max: 1_500 }), fc.boolean()).map(([d, m]) => deep(d, 1, m)) },
  { weight: 2, arbitrary: fc.constantFrom<unknown>(null, true, false, 0, -1, 1.5, 1e308, '', [], {}, 'arn:aws:sso:::instance/x', '${x.y}', 'eyJhbGciOiJub25lIn0.e30.', '\u0000', '\ufeff', '*', 'http://example.com/#x') },
);

type Path = (string | number)[];

function paths(value: unknown, path: Path = [], out: Path[] = [], depth = 0): Path[] {
  out.push(path);
  if (depth > 12) return out;
  if (Array.isArray(value)) value.forEach((v, i) => paths(v, [...path, i], out, depth + 1));
  else if (typeof value === 'object' && value !== null) for (const [k, v] of Object.entries(value)) paths(v, [...path, k], out, depth + 1);
  return out;
}

type Mutation = { kind: 'replace' | 'delete' | 'add' | 'duplicate'; at: number; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.record({
  kind: fc.constantFrom<Mutation['kind']>('replace', 'replace', 'delete', 'add', 'duplicate'),
  at: fc.nat(),
  key: fc.oneof(fc.constantFrom('Name', 'GrantType', 'Grant', 'IssuerUrl', 'version', 'extra', '<<', 'Tags', 'input', 'jwt'), fc.string({ unit: 'binary', maxLength: 12 })),
  value: hostileValue,
});

function apply(doc: unknown, m: Mutation): unknown {
  const all = paths(doc);
  const path = all[m.at % all.length]!;
  if (path.length === 0) return m.kind === 'replace' ? m.value : doc;
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], doc) as Record<string | number, unknown> | unknown[];
  const last = path[path.length - 1]!;
  if (m.kind === 'replace') (parent as Record<string | number, unknown>)[last] = m.value;
  else if (m.kind === 'delete') Array.isArray(parent) ? parent.splice(Number(last), 1) : delete parent[last as string];
  else if (m.kind === 'add' && !Array.isArray(parent)) parent[m.key] = m.value;
  else if (m.kind === 'duplicate' && Array.isArray(parent)) parent.push(structuredClone(parent[Number(last)]));
  return doc;
}

/** A valid document with 0–4 mutations (0 keeps some cases valid, so the deeper stages run too). */
export function mutated(base: unknown): fc.Arbitrary<unknown> {
  return fc.array(mutation, { maxLength: 4 }).map((ms) => ms.reduce((doc, m) => apply(doc, m), structuredClone(base)));
}

/** A document as YAML or JSON text (YAML cannot always be produced for very deep values; JSON then). */
export function serialize(doc: unknown, format: 'yaml' | 'json'): string {
  if (format === 'yaml') {
    try {
      return stringify(doc, { aliasDuplicateObjects: false, lineWidth: 0 });
    } catch {
      // fall through
    }
  }
  return JSON.stringify(doc, null, 1) ?? 'null';
}

/** Random edits of a text: inserted characters (any unicode, YAML syntax), deleted ranges, repeated lines. */
export function editedText(base: string): fc.Arbitrary<string> {
  const edit = fc.record({
    kind: fc.constantFrom('insert', 'delete', 'repeat'),
    at: fc.nat(),
    len: fc.nat({ max: 40 }),
    text: fc.oneof(fc.string({ unit: 'binary', maxLength: 8 }), fc.constantFrom(':', '- ', '&a ', '*a', '<<: *a', '{', '[', '"', "'", '\t', '\n', '  ', '# tipkit-ignore ', '!!binary ', '%YAML 1.1\n', '---\n', '\u0000', '\ufeff')),
  });
  return fc.array(edit, { minLength: 1, maxLength: 5 }).map((edits) =>
    edits.reduce((text, e) => {
      const at = e.at % (text.length + 1);
      if (e.kind === 'insert') return text.slice(0, at) + e.text + text.slice(at);
      if (e.kind === 'delete') return text.slice(0, at) + text.slice(at + e.len);
      const lines = text.split('\n');
      const i = e.at % lines.length;
      return [...lines.slice(0, i + 1), lines[i]!, ...lines.slice(i + 1)].join('\n');
    }, base),
  );
}

// ---- invariants ----

/**
 * What every CLI run keeps: exit 0, 1 or 2; no stack trace and no internal error; exit 2 is one line on
 * stderr that starts with a file name (and line:col where known).
 */
export function expectCliInvariants(r: Captured, files: string[]): void {
  expect([0, 1, 2], `exit ${r.code}; stderr: ${r.stderr.slice(0, 300)}`).toContain(r.code);
  expect(r.stderr, 'a stack trace without --debug').not.toMatch(/\n\s+at /);
  expect(r.stderr, `an internal error: ${r.stderr.slice(0, 500)}`).not.toMatch(/internal error/);
  if (r.code === 2) {
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines, r.stderr).toHaveLength(1);
    const named = files.some((f) => lines[0]!.startsWith(`tipkit: ${f}:`) || lines[0]!.startsWith(`tipkit: ${f} `));
    expect(named, `exit 2 without naming the file: ${lines[0]}`).toBe(true);
  }
}

/** A located finding or result has a file and a 1-based line and column. */
export function expectLocated(location: { file?: unknown; line?: unknown; column?: unknown }): void {
  expect(typeof location.file).toBe('string');
  expect(Number.isInteger(location.line) && (location.line as number) >= 1, JSON.stringify(location)).toBe(true);
  expect(Number.isInteger(location.column) && (location.column as number) >= 1, JSON.stringify(location)).toBe(true);
}
