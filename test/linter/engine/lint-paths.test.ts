import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError } from '../../../model/errors.js';
import { loadConfigFile } from '../../../inputs/load.js';
import { displayPath, lintLoaded, lintPaths } from '../../../linter/index.js';
import { iamAuthMethodMissing, testRules } from './test-rules.js';

describe('lintPaths', () => {
  it('reads a TypeScript file together with the files it imports, so consts resolve across files', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tipkit-paths-'));
    cpSync('test/fixtures/ts/okta-tip', join(cwd, 'app'), { recursive: true });
    const report = await lintPaths(['.'], { cwd });
    expect(report.files.sort()).toEqual(['app/settings.ts', 'app/stack.ts']);
    expect(report.findings.filter((f) => f.ruleId === 'input-skipped')).toEqual([]);
    expect(report.summary).toEqual({ errors: 0, warnings: 0, notes: 0, files: 2 });
  });

  it('reads an HCL module directory as one input, and ignores modules without Identity Center resources', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tipkit-paths-'));
    cpSync('test/fixtures/hcl/split', join(cwd, 'infra'), { recursive: true });
    writeFileSync(join(cwd, 'infra/variables.tf'), 'variable "region" { default = "us-east-1" }\n');
    writeFileSync(join(cwd, 'other.tf'), 'resource "aws_s3_bucket" "b" {}\n');
    const report = await lintPaths([], { cwd });
    expect(report.files).toEqual(['infra/apps.tf', 'infra/issuers.tf', 'infra/variables.tf']);
    // The issuer in issuers.tf is authorized by the grant in apps.tf: no issuer-unused across the split.
    expect(report.findings.map((f) => f.ruleId)).not.toContain('issuer-unused');
    expect(report.findings.map((f) => f.location.file)).toContain('infra/issuers.tf');
  });

  it('names unusable files relative to cwd', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tipkit-paths-'));
    writeFileSync(join(cwd, 'tipkit.yaml'), 'version: 1\ninstance: {\n');
    const err = await lintPaths(['.'], { cwd }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).format()).toMatch(/^tipkit\.yaml:3:1: invalid YAML/);
  });

  it('runs the given rules with severities, and keeps the source text for carets', async () => {
    const report = await lintPaths(['test/linter/engine/fixtures/two-apps.yaml'], { cwd: process.cwd(), rules: testRules, severities: { 'refresh-token-seen': 'off' } });
    expect(report.findings.map((f) => f.ruleId)).toEqual(['iam-auth-method-missing', 'schema-violation', 'grant-type-unknown', 'iam-auth-method-missing']);
    expect(report.summary).toEqual({ errors: 2, warnings: 2, notes: 0, files: 1 });
    expect(report.sources.get('test/linter/engine/fixtures/two-apps.yaml')).toContain('Name: alpha');
  });

  it('displays files relative to cwd when inside it', () => {
    expect(displayPath('/a/b', '/a/b/c/d.yaml')).toBe('c/d.yaml');
    expect(displayPath('/a/b', '/a/x.yaml')).toBe('/a/x.yaml');
    expect(displayPath('/a/b', 'rel/x.yaml')).toBe('rel/x.yaml');
  });
});

describe('lintLoaded (the aspect API)', () => {
  it('returns plain findings for a loaded input, with the default rule set or the given one', async () => {
    const loaded = await loadConfigFile('test/linter/engine/fixtures/two-apps.yaml');
    const { findings } = lintLoaded(loaded);
    expect(findings.map((f) => f.ruleId)).toContain('grant-type-unknown');
    expect(findings.every((f) => !('pointer' in f))).toBe(true);
    expect(lintLoaded(loaded, { rules: [iamAuthMethodMissing], severities: { 'iam-auth-method-missing': 'error' } }).findings.map((f) => `${f.severity} ${f.resource}`)).toEqual([
      'error applications/alpha',
      'error applications/beta',
    ]);
  });
});

describe('lintPaths on walked files it cannot read', () => {
  it('skips a walked file over the size limit or not UTF-8, but refuses a named one', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tipkit-paths-'));
    writeFileSync(join(cwd, 'package-lock.json'), `{ "version": 1, "applications": "${'x'.repeat(2000)}" }`);
    writeFileSync(join(cwd, 'latin1.yaml'), Buffer.from([0x76, 0x65, 0x72, 0x73, 0x69, 0x6f, 0x6e, 0x3a, 0x20, 0xe9, 0x0a]));
    const report = await lintPaths(['.'], { cwd, maxInputBytes: 1000 });
    expect(report.summary.files).toBe(0);
    await expect(lintPaths(['package-lock.json'], { cwd, maxInputBytes: 1000 })).rejects.toThrowError(/over the 1000-byte limit/);
  });
});
