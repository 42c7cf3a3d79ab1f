/**
 * Small hostile cdktf TypeScript must not take down a CI job (issue 22, item 3): each row is linted by the built
 * CLI in a child process with a heap ceiling and a kill timer, and must end with a report (exit 0 or 1) whose
 * notes name the reader's limit — not a heap abort, a hang, or "internal error: Maximum call stack size exceeded".
 *
 * The ceilings are generous on purpose (a shared 2-core machine): they catch "runs for minutes" and "needs
 * gigabytes", not speed; bench/ measures speed. Beside exhaustion.test.ts (file kinds, YAML) and
 * hcl-exhaustion.test.ts (the Terraform evaluator), these rows also check the note each report holds.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TS_LIMITS } from '../../inputs/typescript/budget.js';
import { ensureDistBuilt } from '../helpers/cli.js';
import { runBounded, TIME_CEILING_MS } from '../helpers/bounded-run.js';


const INSTANCE = 'arn:aws:sso:::instance/ssoins-1234567890abcdef';
const head = `import { App, TerraformStack } from 'cdktf';\nimport { IdentityCenterApplication } from 'tipkit';\nconst app = new App();\nconst stack = new TerraformStack(app, 's');\n`;
const application = (id: string, extra: string) =>
  `new IdentityCenterApplication(stack, '${id}', { instanceArn: '${INSTANCE}', name: '${id}', applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom', ${extra} });\n`;
const chain = (count: number, first: string, next: (prev: string) => string, name = 'c') =>
  [`const ${name}0 = ${first};`, ...Array.from({ length: count }, (_, i) => `const ${name}${i + 1} = ${next(`${name}${i}`)};`)].join('\n') + '\n';

const limit = (n: number) => n.toLocaleString('en-US');
const ONE_VALUE = new RegExp(`more than ${limit(TS_LIMITS.valueNodes)} values \\(the reader's limit for one value\\)`);
const ONE_STRING = new RegExp(`a string of more than ${limit(TS_LIMITS.stringLength)} characters`);
const TOTAL = new RegExp(`budget of ${limit(TS_LIMITS.totalNodes)} values for these files`);

interface Row {
  title: string;
  source: string;
  /** One of the report's notes must match. */
  note: RegExp;
  /** Notes the report may hold (default 10): values past a limit are not reported element by element. */
  maxNotes?: number;
}

const rows: Row[] = [
  {
    title: 'const aN = [...aN-1, ...aN-1], 30 levels (was: internal error, call stack exceeded)',
    source: head + chain(30, "['https://x.example.com/cb']", (p) => `[...${p}, ...${p}]`) + application('spread', 'portalOptions: { signInOptions: { origin: "APPLICATION", applicationUrl: c30[0] } }'),
    note: ONE_VALUE,
  },
  {
    title: 'JSON.stringify of an object doubling over 40 levels (was: 77 s and 1.4 GB at 20)',
    source: head + chain(40, '{ x: 1 }', (p) => `{ a: ${p}, b: ${p} }`) + application('json', 'description: JSON.stringify(c40)'),
    note: ONE_VALUE,
  },
  {
    title: 'a template string doubling over 40 levels',
    source: head + chain(40, "'ab'", (p) => `\`\${${p}}\${${p}}\``) + application('template', 'description: c40'),
    note: ONE_STRING,
  },
  {
    title: 'string + doubling over 40 levels',
    source: head + chain(40, "'ab'", (p) => `${p} + ${p}`) + application('plus', 'description: c40'),
    note: ONE_STRING,
  },
  {
    title: '200 applications each using one 90,000-element const (the total budget)',
    source: head + chain(1, `[${Array(30_000).fill("'a'").join(',')}]`, (p) => `[...${p}, ...${p}, ...${p}]`) + Array.from({ length: 200 }, (_, i) => application(`a${i}`, `tags: { t: 'x' }, portalOptions: { visibility: 'ENABLED', list: c1 }`)).join(''),
    note: TOTAL,
  },
  {
    title: 'nesting built across 100 consts, each used once (shared values cannot nest without bound)',
    source: head + chain(100, '{ x: 1 }', (p) => `{ a: ${p} }`) + Array.from({ length: 100 }, (_, i) => application(`n${i}`, `description: JSON.stringify(c${i + 1})`)).join(''),
    note: /nested too deeply/,
    // Each JSON.stringify past the limit is one value that cannot be encoded.
    maxNotes: 100,
  },
  {
    title: 'consts that refer to each other',
    source: head + 'const a: string[] = [...b];\nconst b: string[] = [...a];\n' + application('cycle', 'description: a[0]'),
    note: /refers to itself|nested too deeply/,
  },
];

let work: string;
beforeAll(() => {
  ensureDistBuilt();
  work = mkdtempSync(join(tmpdir(), 'tipkit-ts-exhaustion-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hostile cdktf TypeScript finishes within the time and heap ceilings, the value unknown with a note', () => {
  rows.forEach((row, i) => {
    it(row.title, async () => {
      const dir = join(work, `row-${i}`);
      mkdirSync(dir);
      writeFileSync(join(dir, 'main.ts'), row.source);
      const r = await runBounded(['lint', 'main.ts', '--format', 'json'], dir);
      expect(r.killed, `still running after ${TIME_CEILING_MS} ms`).toBe(false);
      expect(r.signal, `ended by ${r.signal}: ${r.stderr.slice(-500)}`).toBeNull();
      expect(r.stderr).not.toMatch(/internal error|heap out of memory|\n\s+at /i);
      expect([0, 1], `exit ${r.code}: ${r.stderr.slice(0, 500)}`).toContain(r.code);
      const messages = (JSON.parse(r.stdout) as { findings: { ruleId: string; message: string }[] }).findings.filter((f) => f.ruleId === 'input-skipped').map((f) => f.message);
      // The value is unknown with a note naming the limit: one note where it was passed (a doubling that starts
      // again from the unknown part passes it again a few levels on), not a note per element.
      expect(messages.some((m) => row.note.test(m)), messages.slice(0, 5).join('\n')).toBe(true);
      expect(messages.length, messages.slice(0, 12).join('\n')).toBeLessThanOrEqual(row.maxNotes ?? 10);
    }, TIME_CEILING_MS + 120_000);
  });
});
