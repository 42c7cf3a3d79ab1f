import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ruleCatalog } from '../../../linter/index.js';
import { ruleDocFiles } from '../../../linter/formatters/rule-docs.js';
import { runCli } from '../../helpers/cli.js';
import { runInProcess } from './run.js';

const SPEC_RULES = [
  'grant-union-mismatch', 'grant-type-unknown', 'redirect-uris-required', 'redirect-uri-invalid', 'redirect-uri-insecure',
  'authorized-token-issuers-required', 'authorized-audiences-required', 'token-issuer-unresolved', 'duplicate-grant',
  'issuer-url-invalid', 'issuer-url-trailing-slash', 'issuer-duplicate-url', 'jmespath-invalid', 'identity-store-attribute-unsupported',
  'issuer-config-union-mismatch', 'issuer-unused', 'token-exchange-unreachable', 'iam-auth-method-missing',
  'access-scope-target-unresolved', 'secret-in-config', 'assignment-required-without-assignments', 'schema-violation',
];

describe('tipkit rules', () => {
  it('lists every rule with its severity and summary', () => {
    const r = runCli(['rules']);
    expect(r.code).toBe(0);
    for (const rule of ruleCatalog()) expect(r.stdout).toMatch(new RegExp(`^${rule.meta.id} +${rule.meta.severity} +\\S`, 'm'));
    const listed = JSON.parse(runCli(['rules', '--format', 'json']).stdout).rules as { id: string; severity: string }[];
    expect(listed.map((x) => x.id)).toEqual(expect.arrayContaining([...SPEC_RULES, 'suppression-reason-missing', 'suppression-unknown-rule', 'input-skipped']));
    expect(listed.find((x) => x.id === 'issuer-url-trailing-slash')!.severity).toBe('warning');
  });

  it('prints one rule\'s documentation, and exits 2 for an unknown id', () => {
    const r = runCli(['rules', 'redirect-uri-insecure']);
    expect(r.code).toBe(0);
    for (const heading of ['Why:', 'How to fix:', 'Fires on:', 'Passes:', 'Reference: https://']) expect(r.stdout).toContain(heading);
    expect(runCli(['rules', 'nope'])).toMatchObject({ code: 2, stdout: '', stderr: "tipkit: unknown rule 'nope' (run tipkit rules for the list)\n" });
  });

  it('--write-docs writes the same pages as the committed docs/rules', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-docs-'));
    expect((await runInProcess(['rules', '--write-docs', dir], process.cwd())).code).toBe(0);
    const expected = ruleDocFiles(ruleCatalog());
    expect(readdirSync(dir).sort()).toEqual([...expected.keys()].sort());
    for (const [name, content] of expected) expect(readFileSync(join(dir, name), 'utf8')).toBe(content);
  });
});

describe('docs/rules', () => {
  it('is up to date with the rule metadata (regenerate: npm run build && node scripts/gen-rule-docs.mjs)', () => {
    const expected = ruleDocFiles(ruleCatalog());
    const committed = readdirSync('docs/rules').filter((f) => f.endsWith('.md')).sort();
    expect(committed).toEqual([...expected.keys()].sort());
    for (const [name, content] of expected) expect(readFileSync(join('docs/rules', name), 'utf8'), `docs/rules/${name} is stale`).toBe(content);
  });
});
