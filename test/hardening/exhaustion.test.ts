/**
 * Small hostile inputs must not take down a CI job (issue 22, items 1–4): each row is linted (or simulated, or
 * served) by the built CLI in a child process with a heap ceiling and a kill timer, and must finish with its
 * exit code and one clear line — not a heap abort, not a hang, not "internal error".
 *
 * The ceilings are generous on purpose (a shared 2-core machine): they catch "runs for minutes" and "needs
 * gigabytes", not speed; bench/ measures speed. Rows for the HCL and TypeScript evaluators go in the same table.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';
import { runBounded, TIME_CEILING_MS } from '../helpers/bounded-run.js';


interface ExhaustionRow {
  title: string;
  /** Makes the row's files in its own empty directory (the command runs there). */
  setup: (dir: string) => void;
  argv: string[];
  /** The exit codes that count as handled. */
  exit: number[];
  /** What stderr must say (after `tipkit: `), when the row is refused. */
  stderr?: RegExp;
}

const okta = resolve(repoRoot, 'examples/okta-tip');
const config = readFileSync(join(okta, 'tipkit.yaml'), 'utf8');
const scenario = readFileSync(join(okta, 'scenario.yaml'), 'utf8');
const hasMkfifo = process.platform !== 'win32';
const hasProc = process.platform === 'linux';

const write = (name: string, text: string | Buffer) => (dir: string) => writeFileSync(join(dir, name), text);
const link = (name: string, target: string) => (dir: string) => symlinkSync(target, join(dir, name));
const fifo = (name: string) => (dir: string) => {
  const r = spawnSyncQuiet('mkfifo', [join(dir, name)]);
  if (r !== 0) throw new Error('mkfifo failed');
};
const all =
  (...steps: ((dir: string) => void)[]) =>
  (dir: string) => {
    for (const step of steps) step(dir);
  };

function spawnSyncQuiet(cmd: string, args: string[]): number {
  return spawnSync(cmd, args, { stdio: 'ignore' }).status ?? -1;
}

/** A scenario next to a copy of the example config, with `edit` applied to its text. */
const scenarioWith = (edit: (text: string) => string) => all(write('tipkit.yaml', config), write('scenario.yaml', edit(scenario)));

const NOT_REGULAR = /^tipkit: .*: not a regular file \(devices, FIFOs and sockets are not read\)$/;

/** YAML inputs (item 1). */
const yamlRows: ExhaustionRow[] = [
  {
    title: 'YAML: a 10 MB one-line list of 5 million numbers',
    setup: write('list.yaml', `version: 1\nx: [${'1,'.repeat(5_000_000 - 1)}1]\n`),
    argv: ['lint', 'list.yaml'],
    exit: [2],
    stderr: /^tipkit: list\.yaml:2:\d+: invalid YAML: the document holds more than 250000 nodes, over tipkit's limit$/,
  },
  {
    // The worst case that is read: it must still fit the ceilings.
    title: 'YAML: a one-line list just under the node limit (249,000 numbers)',
    setup: write('under.yaml', `version: 1\nx: [${'1,'.repeat(249_000 - 1)}1]\n`),
    argv: ['lint', 'under.yaml'],
    exit: [1],
  },
  {
    // Over the node limit before its aliases are even counted.
    title: 'YAML: 99 aliases to a 1-million-item anchor',
    setup: write('aliases.yaml', `version: 1\na: &a [${'1,'.repeat(1_000_000 - 1)}1]\nb: [${Array(99).fill('*a').join(', ')}]\n`),
    argv: ['lint', 'aliases.yaml'],
    exit: [2],
    stderr: /^tipkit: aliases\.yaml:2:\d+: invalid YAML: the document holds more than 250000 nodes, over tipkit's limit$/,
  },
  {
    title: 'YAML: 99 aliases to a 50,000-item anchor (the alias limit counts the nodes they stand for)',
    setup: write('expand.yaml', `version: 1\na: &a [${'1,'.repeat(50_000 - 1)}1]\nb: [${Array(99).fill('*a').join(', ')}]\n`),
    argv: ['lint', 'expand.yaml'],
    exit: [2],
    stderr: /^tipkit: expand\.yaml:3:\d+: invalid YAML: aliases expand to more than 250000 nodes in all, over tipkit's limit; repeat fewer values$/,
  },
  {
    title: 'JSON: a 10 MB one-line list of 5 million numbers',
    setup: write('list.json', `{"version":1,"x":[${'1,'.repeat(5_000_000 - 1)}1]}`),
    argv: ['lint', 'list.json'],
    exit: [2],
    stderr: /^tipkit: list\.json:1:\d+: invalid JSON: the document holds more than 500000 values, over tipkit's limit$/,
  },
  {
    title: 'YAML: an alias bomb (billion laughs)',
    setup: write(
      'laughs.yaml',
      ['version: 1', 'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`), 'i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]', ''].join('\n'),
    ),
    argv: ['lint', 'laughs.yaml'],
    exit: [2],
  },
];

/** What is not a regular file, everywhere a file is read (item 4). */
const fileKindRows: ExhaustionRow[] = [
  { title: 'lint input: a symlink to /dev/zero', setup: link('zero.yaml', '/dev/zero'), argv: ['lint', 'zero.yaml'], exit: [2], stderr: NOT_REGULAR },
  { title: 'lint input: /dev/zero named directly as a JSON file', setup: link('zero.json', '/dev/zero'), argv: ['lint', 'zero.json', '--format', 'json'], exit: [2], stderr: NOT_REGULAR },
  ...(hasMkfifo
    ? [
        { title: 'lint input: a FIFO nobody writes to', setup: fifo('fifo.yaml'), argv: ['lint', 'fifo.yaml'], exit: [2], stderr: NOT_REGULAR },
        { title: 'lint input: a symlink to a FIFO', setup: all(fifo('fifo'), link('via-link.tf', 'fifo')), argv: ['lint', 'via-link.tf'], exit: [2], stderr: NOT_REGULAR },
        { title: 'scenario: a FIFO', setup: fifo('scenario.yaml'), argv: ['simulate', 'scenario.yaml'], exit: [2], stderr: NOT_REGULAR },
        {
          title: 'scenario config: a FIFO',
          setup: all(fifo('tipkit.yaml'), write('scenario.yaml', scenario)),
          argv: ['simulate', 'scenario.yaml'],
          exit: [2],
          stderr: NOT_REGULAR,
        },
        { title: 'serve --config: a FIFO', setup: fifo('tipkit.yaml'), argv: ['serve', '--config', 'tipkit.yaml', '--port', '0'], exit: [2], stderr: NOT_REGULAR },
      ]
    : []),
  {
    title: 'scenario config: a symlink to /dev/zero',
    setup: all(link('zero.yaml', '/dev/zero'), write('scenario.yaml', scenario.replace('config: ./tipkit.yaml', 'config: ./zero.yaml'))),
    argv: ['simulate', 'scenario.yaml'],
    exit: [2],
    stderr: NOT_REGULAR,
  },
  {
    title: 'key file: a private JWK that is /dev/zero',
    setup: all(link('key.json', '/dev/zero'), scenarioWith((t) => t.replace('generateKey: RS256', 'privateJwk: ./key.json'))),
    argv: ['simulate', 'scenario.yaml'],
    exit: [2],
    stderr: /^tipkit: .*not a regular file/,
  },
  {
    title: 'key file: a JWKS that is /dev/urandom',
    setup: all(link('jwks.json', '/dev/urandom'), scenarioWith((t) => t.replace('generateKey: RS256', 'jwks: ./jwks.json'))),
    argv: ['simulate', 'scenario.yaml'],
    exit: [2],
    stderr: /^tipkit: .*not a regular file/,
  },
  {
    title: 'cdktf.json beside a TypeScript app: a symlink to /dev/zero',
    setup: all(link('cdktf.json', '/dev/zero'), write('package.json', '{}'), write('main.ts', readFileSync(join(okta, 'main.ts'), 'utf8'))),
    argv: ['lint', '.'],
    exit: [0, 1],
  },
  ...(hasProc
    ? [
        // /proc files are regular files whose stat size is 0: reading stops at the limit whatever stat said.
        { title: 'lint input: a symlink to /proc/self/status, under a 100-byte limit', setup: link('proc.yaml', '/proc/self/status'), argv: ['lint', 'proc.yaml', '--max-input-bytes', '100'], exit: [2], stderr: /^tipkit: proc\.yaml: file is more than 100 bytes, over the 100-byte limit/ },
        { title: 'lint input: a symlink to /proc/self/status', setup: link('proc.yaml', '/proc/self/status'), argv: ['lint', 'proc.yaml'], exit: [1, 2] },
        { title: 'key file: /proc/self/mem', setup: all(link('key.json', '/proc/self/mem'), scenarioWith((t) => t.replace('generateKey: RS256', 'privateJwk: ./key.json'))), argv: ['simulate', 'scenario.yaml'], exit: [2] },
      ]
    : []),
];

// The HCL and TypeScript evaluators' rows (issue 22, items 2–3) join as arrays of their own.
const exhaustionRows: ExhaustionRow[] = [...yamlRows, ...fileKindRows];

let work: string;
beforeAll(() => {
  ensureDistBuilt();
  work = mkdtempSync(join(tmpdir(), 'tipkit-exhaustion-'));
});
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('hostile small inputs finish within the time and heap ceilings', () => {
  exhaustionRows.forEach((row, i) => {
    it(row.title, async () => {
      const dir = join(work, `row-${i}`);
      mkdirSync(dir);
      row.setup(dir);
      const r = await runBounded(row.argv, dir);
      expect(r.killed, `still running after ${TIME_CEILING_MS} ms`).toBe(false);
      expect(r.signal, `ended by ${r.signal}: ${r.stderr.slice(-500)}`).toBeNull();
      expect(r.stderr).not.toMatch(/internal error|heap out of memory|\n\s+at /i);
      expect(row.exit, `exit ${r.code}: ${r.stderr.slice(0, 500)}`).toContain(r.code);
      if (row.stderr) {
        expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
        expect(r.stderr.trimEnd()).toMatch(row.stderr);
      }
    }, TIME_CEILING_MS + 30_000);
  });
});
