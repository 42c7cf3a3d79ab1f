/**
 * Reports a pull request can spoof (issue 22, items 5–7): a name holding a newline and a Markdown fence, raw HTML,
 * ESC sequences (screen clearing, OSC 8 links), U+202E or CR/LF `::error` must reach no report as markup, a
 * terminal sequence or a forged workflow command; and a 1 MB one-line file must not be echoed whole.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { formatDriftText } from '../../cli/commands/drift.js';
import { repoRoot } from '../helpers/cli.js';
import { runMain } from './support.js';

const okta = readFileSync(resolve(repoRoot, 'examples/okta-tip/tipkit.yaml'), 'utf8');
/** A Mermaid fence closer and a heading, HTML, an image, ESC [2J and an OSC 8 link, RLO, CR/LF with a workflow command, a pipe. */
const HOSTILE = '"r\\n```\\n# <img src=x onerror=a()> ![i](h) \\e[2J\\e]8;;h\\e\\\\ \\u202e \\r\\n::error::f|"';
const HOSTILE_VALUE = parse(HOSTILE) as string;

/** Characters a terminal or log viewer acts on (a line break only between lines, a tab only in a shown source line). */
const ACTIVE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tipkit-spoof-'));
  // The hostile name as an application (access) and as an undeclared access-scope target (a lint finding quotes it).
  writeFileSync(join(dir, 'apps.yaml'), okta.replaceAll('redshift-app', HOSTILE));
  writeFileSync(join(dir, 'lint.yaml'), okta.replace('AuthorizedTargets: [redshift-app]', `AuthorizedTargets: [${HOSTILE}]`));
});

function expectInert(text: string): void {
  expect(text).not.toMatch(ACTIVE);
  for (const line of text.split('\n')) expect(line).not.toMatch(/^\s*::/);
}

describe('text formats escape control, C1 and bidi characters in names', () => {
  it('lint --format text', async () => {
    const r = await runMain(['lint', 'lint.yaml'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('access-scope-target-unresolved');
    expect(r.stdout).toContain("targets 'r\\u000a```\\u000a# ");
    expectInert(r.stdout);
  });

  it('lint --format github: CR/LF encoded as GitHub does, ESC and RLO escaped too', async () => {
    const r = await runMain(['lint', 'lint.yaml', '--format', 'github'], dir);
    expect(r.code).toBe(1);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines.every((l) => /^::(error|warning|notice) file=lint\.yaml,/.test(l))).toBe(true);
    expect(r.stdout).toContain('%0D%0A::error::f|');
    expect(r.stdout).toContain('\\u001b[2J');
    expect(r.stdout).not.toMatch(ACTIVE);
  });

  it('access --format text', async () => {
    const r = await runMain(['access', 'apps.yaml'], dir);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('r\\u000a```');
    expectInert(r.stdout);
  });

  it('drift text', () => {
    const text = formatDriftText(
      [{ kind: 'application', name: HOSTILE_VALUE, status: 'changed', changes: [{ path: `Description\u001b[2J`, declared: `a\u009b31m`, live: 'b\u202e' }] }],
      3,
      'tipkit\r\n::error::x.yaml',
      'arn:aws:sso:::instance/ssoins-1',
    );
    expect(text).toContain('r\\u000a```');
    expectInert(text);
  });
});

describe('access --format markdown escapes every name in every Markdown context', () => {
  let md: string;
  beforeAll(async () => {
    const r = await runMain(['access', 'apps.yaml', '--format', 'markdown'], dir);
    expect(r.code).toBe(0);
    md = r.stdout;
  });

  it('the Mermaid fence stays closed: one opening and one closing fence, labels on one line', () => {
    const fences = md.split('\n').filter((l) => l.startsWith('```'));
    expect(fences).toEqual(['```mermaid', '```']);
    const graph = md.slice(md.indexOf('```mermaid'), md.lastIndexOf('```'));
    for (const line of graph.split('\n').slice(2)) if (line.trim()) expect(line).toMatch(/^ {2}(n\d+\b|linkStyle )/);
  });

  it('no heading, HTML tag or image from a name', () => {
    const headings = md.split('\n').filter((l) => /^\s*#/.test(l));
    expect(headings.every((h) => /^#{2,3} (Access review|Trust paths|New access|Less access)/.test(h))).toBe(true);
    // Backslash-escaped markup is literal text in CommonMark.
    expect(md).not.toMatch(/(?<!\\)<img/i);
    expect(md).not.toMatch(/(?<!\\)!(?<!\\)\[i/);
    expect(md).toContain('\\<img');
    expectInert(md);
  });

  it('table rows keep their columns (a pipe in a name is a cell character)', () => {
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| to |'));
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.match(/(?<!\\)\|/g)).toHaveLength(9);
  });
});

describe('a one-line file is not echoed whole (item 7)', () => {
  it('lint --format text cuts the shown line around the column, with an ellipsis', async () => {
    const config = parse(readFileSync(join(dir, 'lint.yaml'), 'utf8')) as Record<string, unknown>;
    const json = JSON.stringify(config);
    // 1 MB of spaces on the one line, before the finding and after it.
    const pad = ' '.repeat(500_000);
    writeFileSync(join(dir, 'one-line.json'), `{${pad}${json.slice(1, -1)}${pad}}`);
    const r = await runMain(['lint', 'one-line.json'], dir);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('access-scope-target-unresolved');
    expect(r.stdout.length).toBeLessThan(10_000);
    const shown = r.stdout.split('\n').filter((l) => /^\s+1 \| /.test(l));
    expect(shown.length).toBeGreaterThan(0);
    for (const line of shown) expect(line).toMatch(/^\s+1 \| ….*…$/);
    // The caret still points at the finding's column within the cut line.
    const lines = r.stdout.split('\n');
    const at = lines.findIndex((l) => l.includes('access-scope-target-unresolved'));
    const source = lines[at + 1]!;
    const caret = lines[at + 2]!;
    expect(source.slice(caret.indexOf('^'))).toMatch(/^"r\\n```/);
  });
});
