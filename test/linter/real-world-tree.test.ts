/**
 * A finding must not depend on which other files are linted (issue 10 item 3). The whole real-world fixture tree
 * is linted at once, then each part as a user would lint it alone: every fixture directory, and every
 * TypeScript, tipkit config or Terraform JSON file by name. Each file must get exactly the findings it gets alone.
 */
import { readdirSync } from 'node:fs';
import { extname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { lintPaths, type Finding, type LintReport } from '../../linter/index.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'real-world');
const show = (f: Finding): string => `${f.location.file}:${f.location.line}:${f.location.column} ${f.ruleId} ${f.message}`;
const within = (findings: readonly Finding[], prefix: string): string[] =>
  findings.filter((f) => f.location.file === prefix || f.location.file.startsWith(`${prefix}/`)).map(show).sort();

describe('the whole real-world tree lints each file as it lints alone', () => {
  let tree: LintReport;
  beforeAll(async () => {
    tree = await lintPaths(['.'], { cwd: ROOT });
  }, 120_000);

  it('reads the fixtures (both cdktf and Terraform ones)', () => {
    expect(tree.files.some((f) => f.endsWith('.ts'))).toBe(true);
    expect(tree.files.some((f) => f.endsWith('.tf'))).toBe(true);
    expect(tree.findings.length).toBeGreaterThan(0);
  });

  for (const dir of readdirSync(ROOT, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name)) {
    it(`${dir}/ alone`, async () => {
      const alone = await lintPaths([dir], { cwd: ROOT });
      expect(tree.files.filter((f) => f.startsWith(`${dir}/`)).sort()).toEqual([...alone.files].sort());
      expect(within(tree.findings, dir)).toEqual(within(alone.findings, dir));
    }, 60_000);
  }

  it('each TypeScript, config and Terraform JSON file named alone', async () => {
    const named = tree.files.filter((f) => ['.ts', '.yaml', '.yml', '.json'].includes(extname(f)));
    expect(named.length).toBeGreaterThan(0);
    for (const file of named) {
      const alone = await lintPaths([file], { cwd: ROOT });
      expect(within(tree.findings, file), file).toEqual(within(alone.findings, file));
    }
  }, 120_000);
});
