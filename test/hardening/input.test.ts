/**
 * Hostile YAML/JSON input through every command that reads a file (lint, simulate, serve, synth): alias bombs,
 * 10k-deep nesting, a 50 MB file, duplicate keys, a BOM, non-UTF-8 bytes, merge keys. Each is refused with one
 * `file:line:col: message` line and exit 2 — or handled — never a stack trace.
 */
import { copyFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../helpers/cli.js';
import { runMain } from './support.js';

const okta = resolve(repoRoot, 'examples/okta-tip');
const validConfig = readFileSync(join(okta, 'tipkit.yaml'), 'utf8');
let dir: string;

const laughs = ['a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]', ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`), 'i: [*h, *h, *h, *h, *h, *h, *h, *h, *h]'].join('\n');

/** name → [file name, contents, expected stderr after `tipkit: `] */
const hostile: Record<string, [string, string | Buffer, RegExp]> = {
  'an alias bomb (billion laughs)': ['bomb.yaml', `version: 1\n${laughs}\n`, /^bomb\.yaml:1:1: invalid YAML: Excessive alias count indicates a resource exhaustion attack$/],
  '10,000-deep flow nesting': ['deep.yaml', `version: 1\ninstance: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`, /^deep\.yaml:2:\d+: invalid YAML: the document nests too deeply to read$/],
  '10,000-deep JSON nesting': ['deep.json', `{"version":1,"instance":${'{"a":'.repeat(10_000)}1${'}'.repeat(10_000)}}`, /^deep\.json:1:\d+: invalid JSON: the document nests too deeply to read$/],
  '10,000-deep block nesting': ['block.yaml', `version: 1\ninstance:\n  ${'- '.repeat(10_000)}1\n`, /^block\.yaml:\d+:\d+: invalid YAML: the document nests too deeply to read$/],
  'a duplicate key': ['dup.yaml', validConfig.replace('version: 1\n', 'version: 1\nversion: 1\n'), /^dup\.yaml:\d+:1: invalid YAML: Map keys must be unique$/],
  'a duplicate key in JSON': ['dup.json', '{"version":1,"version":2}', /^dup\.json:1:\d+: invalid JSON: Map keys must be unique$/],
  // yaml turns these into cyclic objects; every walk after loading (schema, rules, the secret scan) followed them forever.
  'a self-referential alias': ['cycle.yaml', 'version: 1\napplications: &a [*a]\n', /^cycle\.yaml:2:19: invalid YAML: alias \*a refers to the node that contains it \(a cycle\); repeat the values instead$/],
  'two aliases into their own map': ['cycle2.yaml', 'version: 1\ninstance: &i\n  Name: x\n  a: [*i, *i]\n', /^cycle2\.yaml:4:7: invalid YAML: alias \*i refers to the node that contains it/],
  'a merge key into its own map': ['merge-cycle.yaml', 'version: 1\ninstance: &i\n  Name: x\n  <<: *i\n', /^merge-cycle\.yaml:4:7: invalid YAML: alias \*i refers to the node that contains it/],
  'non-UTF-8 bytes': ['latin1.yaml', Buffer.concat([Buffer.from('version: 1\ninstance:\n  Name: caf'), Buffer.from([0xe9]), Buffer.from('\n')]), /^latin1\.yaml:3:12: file is not valid UTF-8 \(save it as UTF-8\)$/],
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tipkit-hostile-'));
  for (const [file, contents] of Object.values(hostile)) writeFileSync(join(dir, file), contents);
  // A scenario beside each, and the okta example's keys, so `simulate` and `serve` read the hostile config.
  writeFileSync(join(dir, 'big.yaml'), Buffer.alloc(50 * 1024 * 1024, '#'));
});

/** Every way a config reaches tipkit. */
const commands: [string, (file: string) => string[]][] = [
  ['lint', (file) => ['lint', file]],
  ['lint --format sarif', (file) => ['lint', file, '--format', 'sarif']],
  ['simulate (the scenario itself)', (file) => ['simulate', file]],
  ['simulate --config', (file) => ['simulate', join(okta, 'scenario.yaml'), '--config', file]],
  ['serve --config', (file) => ['serve', '--config', file, '--port', '0']],
  ['serve --scenario', (file) => ['serve', '--scenario', file, '--port', '0']],
  ['synth --config', (file) => ['synth', '--config', file, '--out', join(dir, 'out')]],
];

describe.each(commands)('%s', (_, argv) => {
  for (const [title, [file, , expected]] of Object.entries(hostile)) {
    // A scenario file is checked against the scenario schema only after parsing, so the parse errors are the same.
    it(`refuses ${title} with exit 2 and one located line`, async () => {
      const r = await runMain(argv(join(dir, file)), dir);
      expect(r.code).toBe(2);
      const lines = r.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]!.replace(/^tipkit: /, '').replace(`${dir}/`, '')).toMatch(expected);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }

  it('refuses a 50 MB file by its size without reading it, naming --max-input-bytes', async () => {
    const r = await runMain(argv(join(dir, 'big.yaml')), dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/big\.yaml: file is 52428800 bytes, over the 10485760-byte limit \(raise it with --max-input-bytes\)\n$/);
  });
});

describe('--max-input-bytes', () => {
  it('lowers and raises the limit for lint, simulate and serve', async () => {
    const config = join(okta, 'tipkit.yaml');
    const scenario = join(okta, 'scenario.yaml');
    const size = (file: string) => statSync(file).size;
    for (const [argv, first] of [[['lint', config], config], [['simulate', scenario, '--config', config], scenario]] as const) {
      const small = await runMain([...argv, '--max-input-bytes', '100'], dir);
      expect(small.code).toBe(2);
      expect(small.stderr).toBe(`tipkit: ${first}: file is ${size(first)} bytes, over the 100-byte limit (raise it with --max-input-bytes)\n`);
      expect((await runMain([...argv, '--max-input-bytes', String(Math.max(size(config), size(scenario)))], dir)).code).toBe(0);
    }
    // A limit that admits a small scenario but not the config it names: the config is held to it too.
    const tiny = join(dir, 'tiny-scenario.yaml');
    writeFileSync(tiny, `version: 1\nconfig: ${config}\nrequests: []\n`);
    const between = await runMain(['simulate', tiny, '--max-input-bytes', String(size(tiny))], dir);
    expect(between).toMatchObject({ code: 2, stderr: `tipkit: ${config}: file is ${size(config)} bytes, over the ${size(tiny)}-byte limit (raise it with --max-input-bytes)\n` });
    const serve = await runMain(['serve', '--config', config, '--port', '0', '--max-input-bytes', '100'], dir);
    expect(serve.code).toBe(2);
    expect(serve.stderr).toContain('over the 100-byte limit');
  });

  it('refuses a value that is not a whole number', async () => {
    const r = await runMain(['simulate', join(okta, 'scenario.yaml'), '--max-input-bytes', '10MB'], dir);
    expect(r).toMatchObject({ code: 2, stderr: "tipkit: --max-input-bytes takes a whole number (got '10MB')\n" });
  });
});

describe('input that is handled', () => {
  it('a BOM: the file lints as without one, with the same positions', async () => {
    const plain = join(dir, 'plain.yaml');
    const bom = join(dir, 'bom.yaml');
    const bad = validConfig.replace('IssuerUrl: https://dev-123.okta.com/oauth2/default', 'IssuerUrl: http://dev-123.okta.com/oauth2/default');
    writeFileSync(plain, bad);
    writeFileSync(bom, `\ufeff${bad}`);
    const a = JSON.parse((await runMain(['lint', plain, '--format', 'json'], dir)).stdout);
    const b = JSON.parse((await runMain(['lint', bom, '--format', 'json'], dir)).stdout);
    expect(a.findings.length).toBeGreaterThan(0);
    expect(b.findings.map((f: { location: unknown }) => f.location)).toEqual(a.findings.map((f: { location: { file: string } }) => ({ ...f.location, file: 'bom.yaml' })));
  });

  it('merge keys: merged members are linted where the merge is (a merged bad IssuerUrl is found)', async () => {
    const file = join(dir, 'merge.yaml');
    writeFileSync(
      file,
      validConfig.replace(
        '      OidcJwtConfiguration:\n        IssuerUrl: https://dev-123.okta.com/oauth2/default\n',
        '      OidcJwtConfiguration:\n        <<: { IssuerUrl: "ftp://dev-123.okta.com/oauth2/default" }\n',
      ),
    );
    const r = await runMain(['lint', file, '--format', 'json'], dir);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as { ruleId: string; location: { line: number } }[];
    expect(findings.find((f) => f.ruleId === 'issuer-url-invalid')).toBeDefined();
  });

  it('a scenario whose key file is not UTF-8 or is huge is refused at the scenario line that names it', async () => {
    const sdir = mkdtempSync(join(tmpdir(), 'tipkit-hostile-keys-'));
    copyFileSync(join(okta, 'tipkit.yaml'), join(sdir, 'tipkit.yaml'));
    writeFileSync(join(sdir, 'key.json'), Buffer.from([0x7b, 0xff, 0x7d]));
    writeFileSync(join(sdir, 'scenario.yaml'), 'version: 1\nconfig: ./tipkit.yaml\nissuers:\n  okta-prod:\n    privateJwk: ./key.json\nrequests: []\n');
    const r = await runMain(['simulate', join(sdir, 'scenario.yaml')], sdir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/scenario\.yaml:5:17: .*key\.json: file is not valid UTF-8/);
    const small = await runMain(['simulate', join(sdir, 'scenario.yaml'), '--max-input-bytes', '200'], sdir);
    expect(small.stderr).toMatch(/over the 200-byte limit/);
  });
});

describe('found by fuzzing', () => {
  it('an IAM action pattern of 100k characters or many wildcards: linted, no regex blow-up', async () => {
    const config = parse(validConfig) as { applications: { AuthenticationMethods: { AuthenticationMethod: { Iam: { ActorPolicy: { Statement: { Action: unknown }[] } } } }[] }[] };
    const statement = config.applications[0]!.AuthenticationMethods[0]!.AuthenticationMethod.Iam.ActorPolicy.Statement[0]!;
    for (const action of ['x'.repeat(100_000), `${'*a'.repeat(5_000)}*`]) {
      statement.Action = action;
      const file = join(dir, 'actions.json');
      writeFileSync(file, JSON.stringify(config));
      const r = await runMain(['lint', file, '--format', 'json'], dir);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('actor-policy-no-create-token');
    }
  });

  it('a scenario with `config: ""` is refused at its config line', async () => {
    const file = join(dir, 'empty-config-scenario.yaml');
    writeFileSync(file, 'version: 1\nconfig: ""\nrequests: []\n');
    const r = await runMain(['simulate', file], dir);
    expect(r).toMatchObject({ code: 2, stderr: `tipkit: ${file}:2:9: config file "" not found (relative to the scenario)\n` });
  });

  it('a scenario whose `after` would move the clock past the year 9999 is refused at that request', async () => {
    const file = join(dir, 'far-future.yaml');
    writeFileSync(file, `version: 1\nconfig: ${join(okta, 'tipkit.yaml')}\nrequests:\n  - { name: a, operation: RegisterClient, after: 1e308, input: { clientName: c, clientType: public } }\n  - { name: b, operation: RegisterClient, after: 36000d, input: { clientName: c, clientType: public } }\n`);
    const r = await runMain(['simulate', file], dir);
    expect(r).toMatchObject({ code: 2, stderr: `tipkit: ${file}:4:50: 'after' must be a duration such as 30s, 5m, 1h, at most 100 years (got 1e+308)\n` });
    writeFileSync(file, `version: 1\nconfig: ${join(okta, 'tipkit.yaml')}\nnow: 9999-01-01T00:00:00Z\nrequests:\n  - { name: b, operation: RegisterClient, after: 36500d, input: { clientName: c, clientType: public } }\n`);
    expect((await runMain(['simulate', file], dir)).stderr).toMatch(/far-future\.yaml:5:\d+: 'after' moves the simulated clock past the year 9999/);
  });
});

describe('cyclic scenarios', () => {
  const config = join(okta, 'tipkit.yaml');
  const register = 'operation: RegisterClient, input: { clientName: c, clientType: public }';
  const cases: [string, string][] = [
    ['scopes', `requests:\n  - { name: a, ${register.replace('clientType: public', 'clientType: public, scopes: &s [*s]')} }\n`],
    ['jwt.claims', `requests:\n  - name: a\n    operation: CreateTokenWithIAM\n    caller: backend\n    input:\n      clientId: analytics-portal\n      grantType: urn:ietf:params:oauth:grant-type:jwt-bearer\n      assertion:\n        jwt: { issuer: okta-prod, claims: &s { email: alice@example.com, nested: *s } }\n`],
    ['expect', `requests:\n  - { name: a, ${register}, expect: &s { outcome: success, response: *s } }\n`],
  ];
  /** line:col of the alias `*s` in the file. */
  const aliasAt = (text: string) => {
    const before = text.slice(0, text.indexOf('*s'));
    return `${before.split('\n').length}:${before.length - before.lastIndexOf('\n')}`;
  };
  for (const [what, requests] of cases) {
    it(`a cyclic ${what} is refused at the alias with exit 2`, async () => {
      const file = join(dir, `cyclic-${what}.yaml`);
      const text = `version: 1\nconfig: ${config}\n${requests}`;
      writeFileSync(file, text);
      const r = await runMain(['simulate', file], dir);
      expect(r).toMatchObject({ code: 2, stdout: '' });
      expect(r.stderr).toBe(`tipkit: ${file}:${aliasAt(text)}: invalid YAML: alias *s refers to the node that contains it (a cycle); repeat the values instead\n`);
    });
  }
});

describe('messages stay one line', () => {
  it('an unknown key holding a newline and a NUL is escaped in the one-line message', async () => {
    const file = join(dir, 'newline-key.json');
    writeFileSync(file, JSON.stringify({ version: 1, requests: [{ operation: 'RegisterClient', 'bad\nkey\u0000': 1 }] }));
    const r = await runMain(['simulate', file], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tipkit: .*newline-key\.json:1:\d+: scenario: unknown key 'bad\\u000akey\\u0000' in item 0 of requests; expected one of: .*\n$/);
  });
});
