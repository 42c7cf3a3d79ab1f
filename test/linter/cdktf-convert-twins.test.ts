/**
 * `cdktf convert` twins (issue 19, item 3): an HCL fixture and the same setup in the shapes `cdktf convert`
 * writes (Token.asString/asList wrappers, Fn.* calls, TerraformLocal, TerraformVariable with a default,
 * overrideLogicalId, TerraformIterator as forEach) give the same findings — rule, resource and message — and the TypeScript is fully read.
 */
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths, type Finding } from '../../linter/index.js';

const ROOT = resolve(import.meta.dirname, '../fixtures/real-world');

/** [what, the HCL directory, the cdktf-convert-style TypeScript] */
const twins: [string, string, string][] = [
  ['provider bindings: issuer, application, grants, scope, IAM method', 'cdktf-bindings/hcl', 'cdktf-convert/main.ts'],
  ['TerraformIterator.fromList / fromMap as forEach: one resource per element', 'cdktf-convert-iterator/hcl', 'cdktf-convert-iterator/main.ts'],
];

/** Rule, resource and message; a message's `(line N)` points into its own file, so the number is left out. */
const essence = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.resource} ${f.message.replace(/\(line \d+\)/g, '(line N)')}`).sort();

describe('cdktf convert twins of HCL fixtures', () => {
  it.each(twins)('%s', async (_, hcl, ts) => {
    const fromHcl = await lintPaths([join(ROOT, hcl)], { cwd: ROOT });
    const fromTs = await lintPaths([join(ROOT, ts)], { cwd: ROOT });
    expect(fromHcl.findings.length).toBeGreaterThan(0);
    expect(fromTs.findings.filter((f) => f.ruleId === 'input-skipped').map((f) => f.message)).toEqual([]);
    expect(essence(fromTs.findings)).toEqual(essence(fromHcl.findings));
  });
});
