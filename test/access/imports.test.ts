/** access/ never loads cdktf: every module reachable from it and from its command imports neither cdktf nor the provider bindings. */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';

const SPECIFIER = /(?:^|[\s;])(?:import|export)\s(?!type\s)[^'"`;]*?from\s*['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Every bare package a module graph imports, statically or dynamically, with the file that does. */
function packagesReachable(entries: string[]): Map<string, string> {
  const seen = new Set<string>();
  const packages = new Map<string, string>();
  const pending = entries.map((e) => resolve(repoRoot, e));
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const spec = m[1] ?? m[2]!;
      if (spec.startsWith('.')) pending.push(resolve(dirname(file), spec.replace(/\.js$/, '.ts')));
      else if (!packages.has(spec)) packages.set(spec, file);
    }
  }
  return packages;
}

describe('access/ imports', () => {
  it('reach neither cdktf nor @cdktf/provider-aws', () => {
    const packages = packagesReachable(['cli/commands/access.ts', 'access/index.ts']);
    expect(packages.size).toBeGreaterThan(3); // the walk did find the graph (yaml, ajv, jose, …)
    const cdktf = [...packages].filter(([spec]) => spec === 'cdktf' || spec.startsWith('cdktf/') || spec.startsWith('@cdktf/provider-aws'));
    expect(cdktf).toEqual([]);
  });
});
