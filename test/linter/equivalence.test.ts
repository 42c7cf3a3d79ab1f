import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runRules } from '../../linter/engine.js';
import { allRules } from '../../linter/rules/index.js';
import { canonicalConfig } from '../../model/canonical.js';
import { fromRawInput, loadConfigFile, type LoadedConfig } from '../../inputs/load.js';
import { readTypeScriptFiles } from '../../inputs/typescript/index.js';
import type { RawConfig } from '../../model/types.js';
import { runCli } from '../helpers/cli.js';

/**
 * One setup written as tipkit.yaml, as cdktf TypeScript (read statically) and as the Terraform JSON that
 * `tipkit synth` makes of the YAML must lint the same: same rules, same resources, same messages — only the
 * file positions differ. The setup carries deliberate problems (see its header) so the comparison is not
 * between two empty lists.
 */
const setup = 'test/fixtures/ts/equivalence';
let out: string;

function synth(config: string, stack: string): string {
  const r = runCli(['synth', '--config', config, '--out', out, '--stack', stack]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  const dir = join(out, 'stacks', stack);
  expect(readdirSync(dir)).toContain('cdk.tf.json');
  return join(dir, 'cdk.tf.json');
}

/** What a finding says, without where it is. */
const gist = (loaded: LoadedConfig): string[] =>
  runRules(loaded, allRules)
    .map((f) => `${f.ruleId} | ${f.severity} | ${f.resource} | ${f.message}`)
    .sort();

const withoutRegion = (config: RawConfig): RawConfig => {
  const { Region: _region, ...instance } = config.instance ?? {};
  return { ...config, instance };
};

beforeAll(() => {
  out = mkdtempSync(join(tmpdir(), 'tipkit-equivalence-'));
});
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('YAML, cdktf TypeScript and synthesized Terraform JSON lint the same', () => {
  let yaml: LoadedConfig;
  let ts: LoadedConfig;
  let tfjson: LoadedConfig;

  beforeAll(async () => {
    yaml = await loadConfigFile(`${setup}/tipkit.yaml`);
    ts = await loadConfigFile(`${setup}/stack.ts`);
    tfjson = await loadConfigFile(synth(`${setup}/tipkit.yaml`, 'equivalence'));
  });

  it('reads each input completely (no skipped parts, no schema violations)', () => {
    expect([yaml.kind, ts.kind, tfjson.kind]).toEqual(['config', 'typescript', 'tfjson']);
    for (const loaded of [yaml, ts, tfjson]) {
      expect(loaded.notes).toEqual([]);
      expect(loaded.violations).toEqual([]);
    }
  });

  it('yields the same findings from each', () => {
    const expected = gist(yaml);
    // The deliberate problems are all found, once each.
    expect(expected.map((f) => f.split(' | ').slice(0, 3).join(' | '))).toEqual(
      [
        'access-scope-target-unresolved | error | applications/portal/AccessScopes/0/AuthorizedTargets/0',
        'assignment-required-without-assignments | warning | applications/portal',
        'iam-auth-method-missing | warning | applications/reports',
        'issuer-url-trailing-slash | warning | trustedTokenIssuers/corp-idp',
        'redirect-uri-insecure | error | applications/portal/Grants/0',
        'token-exchange-unreachable | warning | applications/reports/Grants/0',
        'token-issuer-unresolved | error | applications/portal/Grants/1/AuthorizedTokenIssuers/1',
      ].sort(),
    );
    expect(gist(ts)).toEqual(expected);
    expect(gist(tfjson)).toEqual(expected);
  });

  it('points each finding into its own file', () => {
    const files = (loaded: LoadedConfig) => new Set(runRules(loaded, allRules).map((f) => f.location.file));
    expect(files(yaml)).toEqual(new Set([`${setup}/tipkit.yaml`]));
    expect(files(ts)).toEqual(new Set([`${setup}/stack.ts`]));
    const insecure = (loaded: LoadedConfig) => runRules(loaded, allRules).find((f) => f.ruleId === 'redirect-uri-insecure')!.location;
    expect(insecure(yaml)).toMatchObject({ line: 33, column: 17 });
    // The second string literal in `redirectUris: ['https://…', 'http://…']`.
    expect(insecure(ts)).toMatchObject({ line: 50, column: 91 });
  });

  it('reduces to the same canonical config', () => {
    expect(canonicalConfig(ts.model)).toEqual(canonicalConfig(yaml.model));
    expect(canonicalConfig(tfjson.model)).toEqual(canonicalConfig(yaml.model));
  });
});

describe('the okta-tip example as YAML, TypeScript and Terraform JSON', () => {
  it('reduces to the same canonical config (the constructs have no Region)', async () => {
    const yaml = await loadConfigFile('examples/okta-tip/tipkit.yaml');
    const tfjson = await loadConfigFile(synth('examples/okta-tip/tipkit.yaml', 'okta'));
    const ts = fromRawInput('typescript', await readTypeScriptFiles(['test/fixtures/ts/okta-tip/stack.ts', 'test/fixtures/ts/okta-tip/settings.ts']));
    const expected = canonicalConfig(yaml.model);
    expect(canonicalConfig(tfjson.model)).toEqual(expected);
    expect(canonicalConfig(ts.model)).toEqual(withoutRegion(expected));
    expect(gist(ts)).toEqual(gist(yaml));
    expect(gist(tfjson)).toEqual(gist(yaml));
  });
});
