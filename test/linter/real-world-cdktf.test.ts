/**
 * Real-world cdktf shapes (issue 10): each fixture under test/fixtures/real-world/cdktf-*, linted as `tipkit lint`
 * lints it, with exactly the findings expected (rule, place, severity) and no others.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../linter/index.js';
import { readTypeScriptFiles } from '../../inputs/typescript/index.js';
import { fromRawInput } from '../../inputs/load.js';
import { lintLoaded, type Finding } from '../../linter/index.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'real-world');

const show = (f: Finding): string => `${f.location.file}:${f.location.line}:${f.location.column} ${f.severity} ${f.ruleId}`;

interface Shape {
  name: string;
  /** What is linted, relative to test/fixtures/real-world. */
  paths: string[];
  findings: string[];
  /** Words each finding's message holds, by `file:line:col ruleId` (the message matters as much as the place). */
  messages?: Record<string, string>;
}

const shapes: Shape[] = [
  {
    name: 'provider bindings (lib submodule, cdktn, index namespace, .gen) read as the same HCL is',
    paths: ['cdktf-bindings/main.ts'],
    findings: ['cdktf-bindings/main.ts:58:54 error redirect-uri-insecure', 'cdktf-bindings/main.ts:73:28 error actor-policy-no-create-token'],
    messages: { 'cdktf-bindings/main.ts:73:28 error actor-policy-no-create-token': "it allows 'sso:CreateTokenWithIAM'" },
  },
  {
    name: 'the HCL twin of the bindings app',
    paths: ['cdktf-bindings/hcl'],
    findings: ['cdktf-bindings/hcl/main.tf:64:24 error redirect-uri-insecure', 'cdktf-bindings/hcl/main.tf:80:22 error actor-policy-no-create-token'],
  },
  {
    name: 'bindings with unknown values: noted, never missing; unread types named; a Redshift IdC application uses the issuer; an iterator expands',
    paths: ['cdktf-bindings-unknown'],
    findings: [
      'cdktf-bindings-unknown/main.ts:18:25 note input-skipped',
      'cdktf-bindings-unknown/main.ts:41:20 warning iam-auth-method-missing',
      'cdktf-bindings-unknown/main.ts:51:65 note input-skipped',
      // forEach: TerraformIterator.fromList(['red', 'blue']) makes the applications red and blue, as Terraform does.
      'cdktf-bindings-unknown/main.ts:57:13 warning assignment-required-without-assignments',
      'cdktf-bindings-unknown/main.ts:57:13 warning assignment-required-without-assignments',
      'cdktf-bindings-unknown/main.ts:63:7 note input-skipped',
      // 66:5, a permission set: nothing to do with TIP, so no note.
    ],
    messages: {
      'cdktf-bindings-unknown/main.ts:51:65 note input-skipped': 'domain.stringValue',
      'cdktf-bindings-unknown/main.ts:57:13 warning assignment-required-without-assignments': "application 'blue'",
      'cdktf-bindings-unknown/main.ts:63:7 note input-skipped': 'in a loop',
    },
  },
  {
    name: 'two independent apps side by side (same names, other instances) sharing a settings module',
    paths: ['cdktf-two-apps'],
    findings: [],
  },
  {
    name: 'two tipkit configs side by side (same names, other instances): each file is one configuration',
    paths: ['tipkit-configs'],
    findings: [],
  },
  {
    name: 'one of the two apps named alone',
    paths: ['cdktf-two-apps/envs/prod.ts'],
    findings: [],
  },
];

describe('real-world cdktf shapes', () => {
  for (const shape of shapes) {
    it(shape.name, async () => {
      const report = await lintPaths(shape.paths, { cwd: ROOT });
      expect(report.findings.map(show)).toEqual(shape.findings);
      for (const [at, words] of Object.entries(shape.messages ?? {})) {
        expect(report.findings.find((f) => show(f) === at)?.message).toContain(words);
      }
    });
  }

  it('the two apps read as ONE configuration would clash (what linting them apart avoids)', async () => {
    const files = ['dev', 'prod'].map((env) => join(ROOT, 'cdktf-two-apps', 'envs', `${env}.ts`));
    const merged = lintLoaded(fromRawInput('typescript', await readTypeScriptFiles([...files, join(ROOT, 'cdktf-two-apps', 'lib', 'settings.ts')])));
    expect(merged.findings.map((f) => f.ruleId)).toContain('issuer-unused');
  });

  it('provider bindings and the same HCL give the same findings (rule, resource, message)', async () => {
    const essence = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.resource} ${f.message}`).sort();
    const ts = await lintPaths(['cdktf-bindings/main.ts'], { cwd: ROOT });
    const hcl = await lintPaths(['cdktf-bindings/hcl'], { cwd: ROOT });
    expect(ts.findings.length).toBeGreaterThan(0);
    expect(essence(ts.findings)).toEqual(essence(hcl.findings));
  });
});
