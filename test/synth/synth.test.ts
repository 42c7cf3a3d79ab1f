// `tipkit synth` end to end (the built CLI): the Terraform JSON of each example, the round trip back to the
// same config, the example cdktf apps (main.ts) against their tipkit.yaml, and refusing bad input untouched.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalConfig } from '../../model/canonical.js';
import { lintLoaded } from '../../linter/index.js';
import { loadConfigFile, type LoadedConfig } from '../../inputs/load.js';
import { repoRoot, runCli } from '../helpers/cli.js';

const EXAMPLES = ['okta-tip', 'web-app', 'device-cli', 'identity-enhanced-session'] as const;
const work = mkdtempSync(join(tmpdir(), 'tipkit-synth-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let counter = 0;
const freshDir = (label: string): string => {
  const dir = join(work, `${label}-${counter++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
};

type Obj = Record<string, any>;
const readJson = (file: string): Obj => JSON.parse(readFileSync(file, 'utf8')) as Obj;

/** Every file under dir with its content: what "untouched" is compared by. */
function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p)] = readFileSync(p, 'utf8');
    }
  };
  if (existsSync(dir)) walk(dir);
  return out;
}

function synthExample(example: string): { out: string; tf: Obj; stdout: string } {
  const out = freshDir(example);
  const r = runCli(['synth', '--config', `examples/${example}/tipkit.yaml`, '--out', out]);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return { out, tf: readJson(join(out, 'stacks/tipkit/cdk.tf.json')), stdout: r.stdout };
}

/** What linting reports, without locations (they differ by file): rule, resource, severity, suppressed or not. */
const lintSummary = (loaded: LoadedConfig): string[] =>
  lintLoaded(loaded).findings.map((f) => `${f.ruleId} ${f.resource} ${f.severity}${f.suppression ? ' suppressed' : ''}`).sort();

/** The terraform_data resources of the file that perform `marker`. */
const calls = (tf: Obj, marker: string): Obj[] => Object.values((tf.resource?.terraform_data ?? {}) as Obj).filter((r: Obj) => r.input?.tipkit === marker);

describe.each(EXAMPLES)('tipkit synth examples/%s', (example) => {
  let out: string;
  let tf: Obj;
  let stdout: string;
  beforeAll(() => ({ out, tf, stdout } = synthExample(example)));

  it('writes the stack JSON and the manifest, one line per file', () => {
    expect(stdout.trim().split('\n')).toEqual([`wrote ${join(out, 'stacks/tipkit/cdk.tf.json')}`, `wrote ${join(out, 'manifest.json')}`]);
    expect(readJson(join(out, 'manifest.json')).stacks.tipkit.synthesizedStackPath).toBe('stacks/tipkit/cdk.tf.json');
    expect(readdirSync(work).filter((f) => f.startsWith('.tipkit-tmp'))).toEqual([]);
  });

  it('declares applications (and issuers) with provider resources, the Region on the provider', async () => {
    const { model } = await loadConfigFile(`examples/${example}/tipkit.yaml`);
    const names = Object.values(tf.resource.aws_ssoadmin_application as Obj).map((r: Obj) => r.name);
    expect(names).toEqual(model.applications.map((a) => a.name));
    const issuers = Object.values((tf.resource.aws_ssoadmin_trusted_token_issuer ?? {}) as Obj).map((r: Obj) => r.name);
    expect(issuers).toEqual(model.issuers.map((i) => i.name));
    expect(tf.provider.aws).toEqual([{ region: model.instance.region }]);
  });

  it('puts every grant with one terraform_data resource running put-application-grant with the exact request', async () => {
    const { model } = await loadConfigFile(`examples/${example}/tipkit.yaml`);
    const appKeys = new Map(Object.entries(tf.resource.aws_ssoadmin_application as Obj).map(([key, r]) => [(r as Obj).name as string, key]));
    const issuerKeys = new Map(Object.entries((tf.resource.aws_ssoadmin_trusted_token_issuer ?? {}) as Obj).map(([key, r]) => [(r as Obj).name as string, key]));
    const expected = model.applications.flatMap((app) =>
      app.grants.map((g) => ({
        ApplicationArn: `\${aws_ssoadmin_application.${appKeys.get(app.name)}.application_arn}`,
        GrantType: g.grantType,
        // Issuers declared in the file are referenced by their resource's ARN.
        Grant: JSON.parse(JSON.stringify(g.grant), (k, v) => (k === 'TrustedTokenIssuerArn' && issuerKeys.has(v) ? `\${aws_ssoadmin_trusted_token_issuer.${issuerKeys.get(v)}.arn}` : v)),
      })),
    );
    const grants = calls(tf, 'PutApplicationGrant');
    expect(grants.map((g) => g.input.request)).toEqual(expected);
    for (const g of grants) {
      const [put, del] = g.provisioner.map((p: Obj) => p['local-exec']);
      expect(put.command).toBe(`aws sso-admin put-application-grant --region "$AWS_REGION" --cli-input-json "$TIPKIT_REQUEST"`);
      expect(put.environment.TIPKIT_REQUEST).toBe('${jsonencode(self.input.request)}');
      expect(g.input.region).toBe(model.instance.region);
      expect(del.when).toBe('destroy');
      expect(del.command).toMatch(/^aws sso-admin delete-application-grant --region "\$AWS_REGION" --application-arn "\$TIPKIT_APPLICATION_ARN" --grant-type "\$TIPKIT_GRANT_TYPE"$/);
      // A changed request replaces the resource, so the grant is put again.
      expect(g.triggers_replace).toEqual(g.input);
    }
    const methods = calls(tf, 'PutApplicationAuthenticationMethod');
    expect(methods.length).toBe(model.applications.reduce((n, a) => n + a.authenticationMethods.length, 0));
  });

  it('loads back to the same canonical config (round trip)', async () => {
    const fromYaml = await loadConfigFile(`examples/${example}/tipkit.yaml`);
    const fromJson = await loadConfigFile(join(out, 'stacks/tipkit/cdk.tf.json'));
    expect(fromJson.violations).toEqual([]);
    expect(fromJson.notes).toEqual([]);
    expect(canonicalConfig(fromJson.model)).toEqual(canonicalConfig(fromYaml.model));
    // The config's tipkit-ignore comments travel as construct suppressions: linting either reports the same.
    expect(lintSummary(fromJson)).toEqual(lintSummary(fromYaml));
  });

  it('has an example cdktf app (main.ts) that synthesizes the same setup as its tipkit.yaml', async () => {
    const appOut = freshDir(`${example}-app`);
    const r = spawnSync(process.execPath, ['--import', resolve(repoRoot, 'dist/constructs/ts-register.js'), `examples/${example}/main.ts`], {
      cwd: repoRoot,
      encoding: 'utf8',
      env: { ...process.env, CDKTF_OUTDIR: appOut },
      timeout: 120_000,
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const fromApp = await loadConfigFile(join(appOut, 'stacks/tipkit/cdk.tf.json'));
    const fromYaml = await loadConfigFile(`examples/${example}/tipkit.yaml`);
    expect(fromApp.notes).toEqual([]);
    expect(canonicalConfig(fromApp.model)).toEqual(canonicalConfig(fromYaml.model));
    expect(lintSummary(fromApp)).toEqual(lintSummary(fromYaml));
  });
});

describe('tipkit synth round trip beyond the examples', () => {
  it('keeps order (not alphabetical), external ARNs, ids, tags, portal options and status', async () => {
    const dir = freshDir('rich');
    const config = join(dir, 'rich.yaml');
    writeFileSync(
      config,
      `version: 1
instance: { InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d, IdentityStoreId: d-9067642ac7 }
trustedTokenIssuers:
  - Name: zeta-idp
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://zeta.example.com, ClaimAttributePath: sub, IdentityStoreAttributePath: externalIds.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
    Tags: [{ Key: team, Value: data }, { Key: cost-center, Value: "42" }]
  - Name: alpha-idp
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration: { IssuerUrl: https://alpha.example.com, ClaimAttributePath: email, IdentityStoreAttributePath: emails.value, JwksRetrievalOption: OPEN_ID_DISCOVERY }
applications:
  - Name: zeta
    ApplicationProviderArn: arn:aws:sso::aws:applicationProvider/custom
    Status: DISABLED
    Tags: [{ Key: b, Value: "2" }, { Key: a, Value: "1" }]
    PortalOptions: { Visibility: DISABLED, SignInOptions: { Origin: IDENTITY_CENTER } }
    AssignmentRequired: false
    Assignments:
      - { PrincipalType: USER, PrincipalId: 9067642ac7-1234abcd-12ab-34cd-56ef-1234567890ab }
      - { PrincipalType: GROUP, PrincipalId: admins }
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:token-exchange
        Grant: { TokenExchange: {} }
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant:
          JwtBearer:
            AuthorizedTokenIssuers:
              - { TrustedTokenIssuerArn: alpha-idp, AuthorizedAudiences: [a1, a2] }
              - TrustedTokenIssuerArn: arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-12345678-1234-1234-1234-123456789012
                AuthorizedAudiences: [ext]
              - { TrustedTokenIssuerArn: zeta-idp, AuthorizedAudiences: [z] }
    AccessScopes:
      - Scope: sso:account:access
      - Scope: redshift:connect
        AuthorizedTargets: [alpha, arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1234567890abcdef]
  - Name: alpha
    Description: second, though it sorts first
    Grants:
      - GrantType: authorization_code
        Grant: { AuthorizationCode: { RedirectUris: [https://alpha.example.com/z, https://alpha.example.com/a] } }
`,
    );
    const out = join(dir, 'out');
    const r = runCli(['synth', '--config', config, '--out', out, '--quiet']);
    expect(r.stderr).toBe('');
    const fromYaml = await loadConfigFile(config);
    const fromJson = await loadConfigFile(join(out, 'stacks/tipkit/cdk.tf.json'));
    expect(fromJson.notes).toEqual([]);
    expect(canonicalConfig(fromJson.model)).toEqual(canonicalConfig(fromYaml.model));
    expect(fromJson.model.applications.map((a) => a.name)).toEqual(['zeta', 'alpha']);
    // No Region: the provider has none and the CLI calls take the environment's.
    expect(canonicalConfig(fromJson.model).instance).toEqual({ InstanceArn: 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d', IdentityStoreId: 'd-9067642ac7' });
  });
});

describe('tipkit synth options', () => {
  it('honours --stack, --quiet and CDKTF_OUTDIR', () => {
    const out = freshDir('env');
    const r = runCli(['synth', '--config', 'examples/device-cli/tipkit.yaml', '--stack', 'identity', '--quiet'], { env: { CDKTF_OUTDIR: out } });
    expect(r).toMatchObject({ code: 0, stdout: '', stderr: '' });
    expect(readJson(join(out, 'stacks/identity/cdk.tf.json')).resource.aws_ssoadmin_application).toBeDefined();
    expect(Object.keys(readJson(join(out, 'manifest.json')).stacks)).toEqual(['identity']);
  });

  it('reads tipkit.yaml in the working directory by default and writes cdktf.out there', () => {
    const dir = freshDir('cwd');
    writeFileSync(join(dir, 'tipkit.yaml'), readFileSync(join(repoRoot, 'examples/web-app/tipkit.yaml')));
    const r = runCli(['synth'], { cwd: dir, env: { CDKTF_OUTDIR: '' } });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('wrote cdktf.out/stacks/tipkit/cdk.tf.json\nwrote cdktf.out/manifest.json\n');
    expect(existsSync(join(dir, 'cdktf.out/stacks/tipkit/cdk.tf.json'))).toBe(true);
  });

  it('an output place that cannot be written, and a config over --max-input-bytes, are one line and exit 2', () => {
    const dir = freshDir('unwritable');
    writeFileSync(join(dir, 'a-file'), 'not a directory');
    const through = runCli(['synth', '--config', 'examples/okta-tip/tipkit.yaml', '--out', join(dir, 'a-file', 'out')]);
    expect(through).toMatchObject({ code: 2, stdout: '' });
    expect(through.stderr).toMatch(/^tipkit: .*a-file\/out: cannot write the output \(E[A-Z]+\)/);
    expect(through.stderr.split('\n')).toHaveLength(2);
    const big = runCli(['synth', '--config', 'examples/okta-tip/tipkit.yaml', '--out', join(dir, 'o'), '--max-input-bytes', '100']);
    expect(big).toMatchObject({ code: 2, stderr: expect.stringMatching(/over the 100-byte limit/) });
    expect(existsSync(join(dir, 'o'))).toBe(false);
  });

  it('refuses an unknown flag and a bad stack name with exit 2', () => {
    expect(runCli(['synth', '--bogus'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^tipkit: synth: unknown option '--bogus'/) });
    expect(runCli(['synth', '--stack', '../x'])).toMatchObject({ code: 2, stderr: expect.stringMatching(/^tipkit: synth: --stack must start with a letter/) });
  });
});

describe('tipkit synth refuses input it cannot use, and writes nothing', () => {
  const okta = readFileSync(join(repoRoot, 'examples/okta-tip/tipkit.yaml'), 'utf8');
  const web = readFileSync(join(repoRoot, 'examples/web-app/tipkit.yaml'), 'utf8');
  const lineOf = (text: string, needle: string): number => text.split('\n').findIndex((l) => l.includes(needle)) + 1;
  const elevenUris = web.replace(
    '              - http://127.0.0.1:8080/oauth/callback\n',
    Array.from({ length: 10 }, (_, i) => `              - https://wiki.example.com/cb/${i}\n`).join(''),
  );
  const cases: { name: string; file: string; text?: string; line?: number; message: RegExp }[] = [
    {
      name: 'an unknown key',
      file: 'unknown-key.yaml',
      text: okta.replace('    Description: Analytics portal backend\n', '    Description: Analytics portal backend\n    Descriptoin: typo\n'),
      line: lineOf(okta, 'Description: Analytics portal backend') + 1,
      message: /Descriptoin/,
    },
    {
      name: 'a bad GrantType',
      file: 'grant-type.yaml',
      text: okta.replace('GrantType: refresh_token', 'GrantType: password'),
      line: lineOf(okta, 'GrantType: refresh_token'),
      message: /GrantType|grant type|must be equal to one of/i,
    },
    { name: '11 redirect URIs', file: 'uris.yaml', text: elevenUris, line: lineOf(elevenUris, 'RedirectUris:') + 1, message: /10|more than|maxItems/i },
    {
      name: 'an InstanceArn that breaks its pattern',
      file: 'instance.yaml',
      text: okta.replace('InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d', 'InstanceArn: arn:aws:sso:::instance/nope'),
      line: lineOf(okta, 'InstanceArn:'),
      message: /pattern|InstanceArn/,
    },
    { name: 'invalid YAML', file: 'invalid.yaml', text: 'version: 1\ninstance: [\n', message: /invalid YAML/ },
    {
      name: 'a principal name without an IdentityStoreId',
      file: 'no-store.yaml',
      text: okta.replace('  IdentityStoreId: d-9067642ac7\n', ''),
      line: lineOf(okta, 'PrincipalId: analysts') - 1,
      message: /PrincipalId 'analysts' .*IdentityStoreId/,
    },
  ];

  let previous: string;
  beforeAll(() => {
    previous = freshDir('previous');
    expect(runCli(['synth', '--config', 'examples/device-cli/tipkit.yaml', '--out', previous, '--quiet']).code).toBe(0);
  });

  it('a missing config: exit 2, `no such file: PATH`, the previous output untouched', () => {
    const out = join(freshDir('missing'), 'out');
    cpSync(previous, out, { recursive: true });
    const before = snapshot(out);
    const config = join(work, 'missing.yaml');
    const r = runCli(['synth', '--config', config, '--out', out]);
    expect(r).toMatchObject({ code: 2, stdout: '', stderr: `tipkit: no such file: ${config}\n` });
    expect(snapshot(out)).toEqual(before);
  });

  it.each(cases)('$name: exit 2, one line with file:line:col, the previous output untouched', ({ file, text, line, message }) => {
    const dir = freshDir('bad');
    const out = join(dir, 'out');
    cpSync(previous, out, { recursive: true });
    const before = snapshot(out);
    expect(Object.keys(before)).toEqual(['manifest.json', 'stacks/tipkit/cdk.tf.json']);
    const config = join(dir, file);
    if (text !== undefined) writeFileSync(config, text);

    const r = runCli(['synth', '--config', config, '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.split('\n')).toHaveLength(2); // one line and its newline
    // file:line:col where a position is known (a missing file has none).
    const m = /^tipkit: (.+?)(?::(\d+):(\d+))?: (.+)$/.exec(r.stderr.trim());
    expect(m, r.stderr).not.toBeNull();
    expect(m![1]).toBe(config);
    if (text !== undefined) expect(m![2]).toBeDefined();
    if (line !== undefined) expect(Number(m![2])).toBe(line);
    expect(m![4]).toMatch(message);
    expect(snapshot(out)).toEqual(before);
    expect(readdirSync(dir).sort()).toEqual([file, 'out'].filter((f) => f === 'out' || text !== undefined).sort());
  });
});
