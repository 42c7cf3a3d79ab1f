/**
 * Issue 13.5: a scenario's key files. `privateJwk: /etc/passwd` must never print any of that file; a corrupted
 * private JWK (a `d` that is not the key of `x`/`y`, a `crv` that does not fit) is refused at load with its place in
 * the key file (FILE:LINE:COL) and exit 2, not as `internal error: Invalid keyData` at the first signature.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { InputError } from '../../model/errors.js';
import { loadScenarioText } from '../../simulator/index.js';
import { jsonErrorOffset } from '../../simulator/key-file.js';
import { ensureDistBuilt, runCli } from '../helpers/cli.js';
import { baseScenario, login, testConfig, testModel } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'tipkit-keyfiles-'));
const SECRET_TEXT = 'root:x:0:0:root:/root:/bin/bash\nsecret-line-two\n';

async function loadError(issuer: Record<string, unknown>): Promise<InputError> {
  try {
    await loadScenarioText(JSON.stringify(baseScenario([login('l')], { issuers: { idp: issuer } })), join(dir, 'scenario.json'), { model: testModel() });
  } catch (err) {
    if (err instanceof InputError) return err;
    throw err;
  }
  throw new Error('expected the scenario to be refused');
}

/** A private JWK file, pretty-printed one member per line, after `edit`. */
async function jwkFile(name: string, edit: (jwk: Record<string, unknown>) => Record<string, unknown>): Promise<string> {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(edit({ ...(await exportJWK(privateKey)), kid: name, alg: 'ES256' }), null, 2));
  return file;
}

describe('key files never show their content', () => {
  it('privateJwk pointing at a non-JSON file names the file and position, and none of its text', async () => {
    const file = join(dir, 'passwd');
    writeFileSync(file, SECRET_TEXT);
    const err = await loadError({ privateJwk: file });
    expect(err.format()).toBe(`${file}:1:1: a private JWK file is not valid JSON here (the file's content is not shown)`);
    expect(err.format()).not.toMatch(/root|secret-line/);
  });

  it('the same for a JWKS file, located at the first character that breaks JSON', async () => {
    const file = join(dir, 'broken-jwks.json');
    writeFileSync(file, '{\n  "keys": [\n    { "kty": "EC", "d": "secret-d-value" ,, }\n  ]\n}\n');
    const err = await loadError({ jwks: file });
    expect(err.location).toMatchObject({ file, line: 3, column: 43 }); // the second comma
    expect(err.format()).not.toMatch(/secret-d-value/);
  });

  it('jsonErrorOffset agrees with JSON.parse on what is JSON', () => {
    for (const ok of ['{}', '[1, 2.5e3, "a\\u00e9", true, null, {"a": [false]}]', ' {"a":{"b":{"c":[]}}} '])
      expect(jsonErrorOffset(ok), ok).toBeUndefined();
    for (const [bad, at] of [['{"a":1,}', 7], ['{"a" 1}', 5], ['[1,]', 3], ['{"a":tru}', 5], ['{', 1], ['"abc', 4], ['{} x', 3], ['[01]', 2]] as const)
      expect(jsonErrorOffset(bad), bad).toBe(at);
    // Deep nesting is scanned without recursion.
    expect(jsonErrorOffset('['.repeat(200_000) + ']'.repeat(200_000))).toBeUndefined();
  });
});

describe('a corrupted private JWK is refused at load, located in the key file', () => {
  it('a d that is not a key (bad d) points at d', async () => {
    const file = await jwkFile('bad-d.json', (jwk) => ({ ...jwk, d: 'AAAA' }));
    const err = await loadError({ privateJwk: file });
    expect(err.format()).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+:\\d+: private JWK cannot be imported: the key material`));
    expect(err.location!.line).toBe(6); // {, kty, x, y, crv, d — one member per line
    expect(err.format()).not.toMatch(/Invalid keyData|AAAA/);
  });

  it('a d of another key (the pair does not match) is refused too', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const otherD = (await exportJWK(privateKey)).d;
    const err = await loadError({ privateJwk: await jwkFile('other-d.json', (jwk) => ({ ...jwk, d: otherD })) });
    expect(err.message).toMatch(/cannot be imported/);
    expect(err.format()).not.toContain(otherD!);
  });

  it('a crv that does not fit points at crv', async () => {
    const file = await jwkFile('wrong-crv.json', (jwk) => ({ ...jwk, crv: 'P-384' }));
    const err = await loadError({ privateJwk: file });
    expect(err.message).toBe('private JWK cannot be imported: crv "P-384" does not fit kty EC and alg ES256');
    expect(err.location!.line).toBe(5);
  });

  describe('through the CLI', () => {
    beforeAll(() => ensureDistBuilt());
    it('exits 2 with the located message, no stack trace, no internal error', async () => {
      const file = await jwkFile('cli-bad-d.json', (jwk) => ({ ...jwk, d: 'AAAA' }));
      const config = join(dir, 'tipkit.json');
      writeFileSync(config, JSON.stringify(testConfig()));
      const scenario = join(dir, 'cli-scenario.json');
      writeFileSync(scenario, JSON.stringify({ ...baseScenario([login('l')], { issuers: { idp: { privateJwk: file } } }), config: './tipkit.json' }));
      const r = runCli(['simulate', scenario]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`cli-bad-d\\.json:6:\\d+: private JWK cannot be imported`));
      expect(r.stderr).not.toMatch(/internal error|Invalid keyData|\n\s+at /);
    });
  });
});
