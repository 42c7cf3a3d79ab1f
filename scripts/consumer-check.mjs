#!/usr/bin/env node
/**
 * The consumer check (CI, after the tests): tipkit as a user gets it from npm, not as this checkout has it.
 *   1. `npm pack`; every relative link in README.md (and in the shipped docs/) resolves to a file in the tarball.
 *   2. A fresh project installs the tarball with what README says a consumer installs (cdktf, constructs,
 *      @cdktf/provider-aws) and the newest TypeScript.
 *   3. With no `terraform` on PATH, it synthesizes README's constructs snippet exactly as written, and an app
 *      using every exported construct with TipkitChecks, through `node --import tipkit/ts-register`; the newest
 *      `tsc --noEmit` accepts both; `npx tipkit synth` works on a shipped example.
 * Needs the npm registry. Usage: node scripts/consumer-check.mjs [--keep]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const keep = process.argv.includes('--keep');
const work = mkdtempSync(join(tmpdir(), 'tipkit-consumer-'));
const started = Date.now();
const failures = [];

const step = (what) => process.stdout.write(`consumer-check: ${what} (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
const fail = (what) => {
  failures.push(what);
  process.stdout.write(`consumer-check: FAIL ${what}\n`);
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
  if (r.error) throw r.error;
  return r;
}

try {
  // 1. The tarball and the links into it.
  // dist/ is what `npm test` (pretest) just compiled; packing does not compile it again (prepare is skipped).
  if (!existsSync(join(root, 'dist/index.js')) && run('npm', ['run', 'build'], { cwd: root }).status !== 0) throw new Error('npm run build failed');
  step('npm pack');
  const pack = run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root });
  if (pack.status !== 0) throw new Error(`npm pack failed:\n${pack.stderr}`);
  const [packed] = JSON.parse(pack.stdout.slice(pack.stdout.indexOf('[')));
  const tarball = join(work, packed.filename);
  const shipped = new Set(packed.files.map((f) => f.path));
  const resolvesInTarball = (target) => shipped.has(target) || [...shipped].some((f) => f.startsWith(`${target}/`));

  for (const doc of ['README.md', ...[...shipped].filter((f) => f.startsWith('docs/') && f.endsWith('.md'))]) {
    const text = readFileSync(join(root, doc), 'utf8');
    for (const [, link] of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      if (/^[a-z][a-z0-9+.-]*:/i.test(link) || link.startsWith('#')) continue;
      const target = posix.normalize(posix.join(posix.dirname(doc), decodeURI(link.split('#')[0])));
      if (target.startsWith('..')) fail(`${doc} links outside the package: ${link}`);
      else if (!resolvesInTarball(target.replace(/\/$/, ''))) fail(`${doc} links to ${link}, which the tarball does not ship`);
    }
  }
  for (const required of ['LICENSE', 'README.md', 'dist/index.js', 'dist/constructs/ts-register.js', 'model/schema/tipkit.schema.json']) {
    if (!shipped.has(required)) fail(`the tarball lacks ${required}`);
  }
  step(`${packed.filename}: ${shipped.size} files, README and docs links checked`);

  // 2. A fresh consumer project: what README's "Install" says, plus the newest TypeScript.
  const app = join(work, 'app');
  mkdirSync(app);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'tipkit-consumer', private: true, type: 'module' }, null, 2));
  writeFileSync(
    join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true } }, null, 2),
  );
  const install = readmeInstallLine();
  step(`npm install ${install.join(' ')} typescript@latest (the tarball for tipkit)`);
  const inst = run('npm', ['install', '--no-audit', '--no-fund', ...install.map((p) => (p === 'tipkit' ? tarball : p)), 'typescript@latest'], { cwd: app });
  if (inst.status !== 0) throw new Error(`npm install failed:\n${inst.stderr}`);
  const tsVersion = JSON.parse(readFileSync(join(app, 'node_modules/typescript/package.json'), 'utf8')).version;
  step(`installed; typescript ${tsVersion}`);

  // 3. Synthesize with no terraform on PATH.
  writeFileSync(join(app, 'readme.ts'), readmeConstructsSnippet());
  writeFileSync(join(app, 'all.ts'), everyConstructApp());
  const bin = join(work, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  const noTerraform = { ...process.env, PATH: `${bin}` };
  delete noTerraform.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  if (run('/bin/sh', ['-c', 'command -v terraform'], { env: noTerraform }).status === 0) throw new Error('the PATH for the check still finds terraform');

  for (const [file, expected] of [
    ['readme.ts', ['aws_ssoadmin_trusted_token_issuer', 'aws_ssoadmin_application', 'terraform_data']],
    ['all.ts', ['aws_ssoadmin_trusted_token_issuer', 'aws_ssoadmin_application', 'aws_ssoadmin_application_access_scope', 'aws_ssoadmin_application_assignment', 'terraform_data']],
  ]) {
    const out = join(work, `out-${file}`);
    const r = run(process.execPath, ['--import', 'tipkit/ts-register', file], { cwd: app, env: { ...noTerraform, CDKTF_OUTDIR: out } });
    if (r.status !== 0) {
      fail(`node --import tipkit/ts-register ${file} exited ${r.status}:\n${r.stderr}`);
      continue;
    }
    if (r.stderr.trim()) fail(`${file} printed on stderr:\n${r.stderr}`);
    const stacks = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).stacks;
    const types = new Set(Object.values(stacks).flatMap((stack) => Object.keys(JSON.parse(readFileSync(join(out, stack.synthesizedStackPath), 'utf8')).resource ?? {})));
    const missing = expected.filter((type) => !types.has(type));
    if (missing.length) fail(`${file}: no ${missing.join(', ')} synthesized`);
    step(`${file} synthesized without terraform (${Object.keys(stacks).length} stack${Object.keys(stacks).length === 1 ? '' : 's'})`);
  }

  const tsc = run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app });
  if (tsc.status !== 0) fail(`tsc ${tsVersion} --noEmit failed:\n${tsc.stdout}${tsc.stderr}`);
  else step(`tsc ${tsVersion} --noEmit accepts both apps`);

  // Every package entry a consumer imports, with a named export each (the layout may move files; the entries stay).
  const entries = {
    tipkit: ['IdentityCenterApplication', 'TipkitChecks'],
    'tipkit/model': ['loadConfigFile', 'buildModel', 'InputError', 'deriveApplicationArn'],
    'tipkit/linter': ['lintPaths', 'lintLoaded', 'loadPaths', 'ruleCatalog'],
    'tipkit/simulator': ['createSimulator', 'loadScenarioFile', 'simulate'],
    'tipkit/emulator': ['startEmulator', 'loadServeInput'],
    'tipkit/access': ['accessReview', 'computeAccessPaths', 'diffPaths'],
  };
  const probe = Object.entries(entries)
    .map(([entry, names]) => `{ const m = await import(${JSON.stringify(entry)}); for (const n of ${JSON.stringify(names)}) if (m[n] === undefined) missing.push(${JSON.stringify(entry)} + ' ' + n); }`)
    .join('\n');
  writeFileSync(join(app, 'entries.mjs'), `const missing = [];\n${probe}\nif (missing.length) { console.error('missing exports: ' + missing.join(', ')); process.exit(1); }\n`);
  const imported = run(process.execPath, ['entries.mjs'], { cwd: app, env: noTerraform });
  if (imported.status !== 0) fail(`the package entries do not import as documented:\n${imported.stderr}`);
  else step(`package entries import: ${Object.keys(entries).join(', ')}`);

  const cli = run(process.execPath, ['node_modules/tipkit/bin/tipkit.js', 'synth', '--config', 'node_modules/tipkit/examples/okta-tip/tipkit.yaml', '--out', join(work, 'out-cli')], {
    cwd: app,
    env: noTerraform,
  });
  if (cli.status !== 0) fail(`tipkit synth of the shipped example exited ${cli.status}: ${cli.stderr}`);
  else step('npx tipkit synth of the shipped okta-tip example');
} catch (err) {
  fail(err instanceof Error ? err.message : String(err));
} finally {
  if (!keep) rmSync(work, { recursive: true, force: true });
  else process.stdout.write(`consumer-check: kept ${work}\n`);
}

const seconds = ((Date.now() - started) / 1000).toFixed(1);
if (failures.length) {
  process.stdout.write(`consumer-check: ${failures.length} failure(s) in ${seconds} s\n`);
  process.exit(1);
}
process.stdout.write(`consumer-check: passed in ${seconds} s\n`);

/** The packages of README's `npm install …` line under "Install" (tipkit stands for the tarball). */
function readmeInstallLine() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const line = /^npm install (tipkit [^\n#]+)/m.exec(readme);
  if (!line) throw new Error('README.md has no `npm install tipkit …` line');
  return line[1].trim().split(/\s+/);
}

/** README's first ```ts block under "## Constructs", exactly as written. */
function readmeConstructsSnippet() {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('\n## Constructs'));
  const block = /```ts\n([\s\S]*?)```/.exec(section);
  if (!block) throw new Error('README.md has no ```ts block under "## Constructs"');
  return block[1];
}

/** Two stacks using every construct tipkit exports, TipkitChecks on both, an issuer passed across stacks. */
function everyConstructApp() {
  return `import { App, Aspects, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import type { Construct } from 'constructs';
import {
  ApplicationAccessScope,
  ApplicationAuthenticationMethod,
  ApplicationGrant,
  IdentityCenterApplication,
  TipkitChecks,
  TrustedTokenIssuer,
} from 'tipkit';

const instanceArn = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const identityStoreId = 'd-9067642ac7';
const actorPolicy = (role: string) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: \`arn:aws:iam::111122223333:role/\${role}\` }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
});

class IssuerStack extends TerraformStack {
  readonly okta: TrustedTokenIssuer;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    this.okta = new TrustedTokenIssuer(this, 'okta', {
      instanceArn,
      name: 'okta',
      trustedTokenIssuerConfiguration: {
        oidcJwtConfiguration: { issuerUrl: 'https://dev-123.okta.com/oauth2/default', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' },
      },
    });
  }
}

class AppsStack extends TerraformStack {
  constructor(scope: Construct, id: string, okta: TrustedTokenIssuer) {
    super(scope, id);
    new AwsProvider(this, 'aws', { region: 'us-east-1' });
    const localIssuer = new TrustedTokenIssuer(this, 'entra', {
      instanceArn,
      name: 'entra',
      trustedTokenIssuerType: 'OIDC_JWT',
      trustedTokenIssuerConfiguration: {
        oidcJwtConfiguration: { issuerUrl: 'https://login.example.com/tenant/v2.0', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value', jwksRetrievalOption: 'OPEN_ID_DISCOVERY' },
      },
    });
    const portal = new IdentityCenterApplication(this, 'portal', {
      instanceArn,
      identityStoreId,
      name: 'portal',
      assignments: [{ principalType: 'GROUP', principalId: 'analysts' }],
    });
    const query = new IdentityCenterApplication(this, 'query', { instanceArn, name: 'query', assignmentRequired: false });
    const wiki = new IdentityCenterApplication(this, 'wiki', { instanceArn, name: 'wiki', assignmentRequired: false });
    new ApplicationGrant(this, 'portal-jwt', {
      application: portal,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      grant: {
        jwtBearer: {
          authorizedTokenIssuers: [
            { trustedTokenIssuerArn: okta, authorizedAudiences: ['portal'] },
            { trustedTokenIssuerArn: localIssuer, authorizedAudiences: ['portal'] },
          ],
        },
      },
    });
    new ApplicationGrant(this, 'portal-refresh', { application: portal, grantType: 'refresh_token' });
    new ApplicationGrant(this, 'query-exchange', { application: query, grantType: 'urn:ietf:params:oauth:grant-type:token-exchange' });
    new ApplicationGrant(this, 'wiki-code', { application: wiki, grantType: 'authorization_code', grant: { authorizationCode: { redirectUris: ['https://wiki.example.com/cb'] } } });
    new ApplicationAccessScope(this, 'portal-scope', { application: portal, scope: 'redshift:connect', authorizedTargets: [query] });
    new ApplicationAccessScope(this, 'query-scope', { application: query, scope: 'redshift:connect' });
    new ApplicationAuthenticationMethod(this, 'portal-iam', { application: portal, authenticationMethod: { iam: { actorPolicy: actorPolicy('Backend') } } });
    new ApplicationAuthenticationMethod(this, 'query-iam', { application: query, authenticationMethodType: 'IAM', authenticationMethod: { iam: { actorPolicy: actorPolicy('Query') } } });
    new ApplicationAuthenticationMethod(this, 'wiki-iam', { application: wiki, authenticationMethod: { iam: { actorPolicy: actorPolicy('Wiki') } } });
  }
}

const app = new App();
const issuers = new IssuerStack(app, 'issuers');
const apps = new AppsStack(app, 'apps', issuers.okta);
for (const stack of [issuers, apps]) Aspects.of(stack).add(new TipkitChecks());
app.synth();
`;
}
