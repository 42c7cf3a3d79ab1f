#!/usr/bin/env node
/**
 * The consumer check (CI, after the tests): tipkit as a user gets it from npm, not as this checkout has it.
 *   1. `npm pack`; every relative link in README.md (and in the shipped docs/) resolves to a file in the tarball.
 *      The packed package.json has no install script.
 *   2. Two fresh "type": "module" projects install the tarball as the docs say — README's Install for CDK for
 *      Terraform (cdktf, constructs, @cdktf/provider-aws), docs/cdk-terrain.md for CDK Terrain (cdktn, …) — with
 *      the newest TypeScript.
 *   3. In each, with no `terraform` on PATH: README's constructs snippet (its CDK imports renamed for cdktn) and an
 *      app using every exported construct with TipkitChecks synthesize through `node --import tipkit/ts-register`,
 *      into stacks of that library; the newest `tsc --noEmit` accepts both; `tipkit synth` works on a shipped
 *      example; `tipkit init` writes a starter that lints and simulates.
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
  // dist/ is what `npm test` (pretest) just compiled; packing does not compile it again (--ignore-scripts skips prepack).
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
  for (const required of ['LICENSE', 'README.md', 'dist/index.js', 'dist/constructs/ts-register.js', 'dist/constructs/cdk.js', 'model/schema/tipkit.schema.json']) {
    if (!shipped.has(required)) fail(`the tarball lacks ${required}`);
  }
  step(`${packed.filename}: ${shipped.size} files, README and docs links checked`);

  const packedPkg = JSON.parse(run('tar', ['-xzOf', tarball, 'package/package.json']).stdout);
  const installScripts = ['preinstall', 'install', 'postinstall', 'prepare'].filter((k) => packedPkg.scripts?.[k] !== undefined);
  if (installScripts.length) fail(`the packed package.json has install scripts (npm 11 warns about them in consumers): ${installScripts.join(', ')}`);

  // 2–3. A fresh consumer project per CDK library, installed as the docs say, synthesized with no terraform on PATH.
  const bin = join(work, 'bin');
  mkdirSync(bin);
  symlinkSync(process.execPath, join(bin, 'node'));
  const noTerraform = { ...process.env, PATH: `${bin}` };
  delete noTerraform.CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS;
  delete noTerraform.TIPKIT_CDK;
  if (run('/bin/sh', ['-c', 'command -v terraform'], { env: noTerraform }).status === 0) throw new Error('the PATH for the check still finds terraform');

  const cdktfInstall = docInstallLine('README.md', 'cdktf');
  const cdktnInstall = docInstallLine('docs/cdk-terrain.md', 'cdktn');
  const toCdktn = (code) => code.replaceAll("from 'cdktf'", "from 'cdktn'").replaceAll('@cdktf/provider-aws/', '@cdktn/provider-aws/');
  for (const [lib, packages, adapt] of [
    ['cdktf', cdktfInstall, (code) => code],
    ['cdktn', cdktnInstall, toCdktn],
  ]) {
    const app = join(work, `app-${lib}`);
    mkdirSync(app);
    // README's Install: the consumer project is an ES module project.
    writeFileSync(join(app, 'package.json'), JSON.stringify({ name: `tipkit-consumer-${lib}`, private: true, type: 'module' }, null, 2));
    writeFileSync(
      join(app, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, noEmit: true, skipLibCheck: true } }, null, 2),
    );
    step(`${lib}: npm install ${packages.join(' ')} typescript@latest (the tarball for tipkit)`);
    const inst = run('npm', ['install', '--no-audit', '--no-fund', tarball, ...packages, 'typescript@latest'], { cwd: app });
    if (inst.status !== 0) {
      fail(`${lib}: npm install failed:\n${inst.stderr}`);
      continue;
    }
    const installedVersion = (name) => JSON.parse(readFileSync(join(app, 'node_modules', name, 'package.json'), 'utf8')).version;
    const tsVersion = installedVersion('typescript');
    for (const other of ['cdktf', 'cdktn'].filter((o) => o !== lib)) if (existsSync(join(app, 'node_modules', other))) fail(`${lib}: installing tipkit also installed ${other}`);
    step(`${lib}: installed ${lib} ${installedVersion(lib)}; typescript ${tsVersion}`);

    writeFileSync(join(app, 'readme.ts'), adapt(readmeConstructsSnippet()));
    writeFileSync(join(app, 'all.ts'), adapt(everyConstructApp()));
    for (const [file, expected] of [
      ['readme.ts', ['aws_ssoadmin_trusted_token_issuer', 'aws_ssoadmin_application', 'terraform_data']],
      ['all.ts', ['aws_ssoadmin_trusted_token_issuer', 'aws_ssoadmin_application', 'aws_ssoadmin_application_access_scope', 'aws_ssoadmin_application_assignment', 'terraform_data']],
    ]) {
      const out = join(work, `out-${lib}-${file}`);
      const r = run(process.execPath, ['--import', 'tipkit/ts-register', file], { cwd: app, env: { ...noTerraform, CDKTF_OUTDIR: out } });
      if (r.status !== 0) {
        fail(`${lib}: node --import tipkit/ts-register ${file} exited ${r.status}:\n${r.stderr}`);
        continue;
      }
      if (r.stderr.trim()) fail(`${lib}: ${file} printed on stderr:\n${r.stderr}`);
      const stacks = JSON.parse(readFileSync(join(out, 'manifest.json'), 'utf8')).stacks;
      const synthesized = Object.values(stacks).map((stack) => JSON.parse(readFileSync(join(out, stack.synthesizedStackPath), 'utf8')));
      const types = new Set(synthesized.flatMap((stack) => Object.keys(stack.resource ?? {})));
      const missing = expected.filter((type) => !types.has(type));
      if (missing.length) fail(`${lib}: ${file}: no ${missing.join(', ')} synthesized`);
      // The stacks are the app's library's: its version is in their metadata.
      const versions = [...new Set(synthesized.map((stack) => stack['//']?.metadata?.version))];
      if (versions.length !== 1 || versions[0] !== installedVersion(lib)) fail(`${lib}: ${file}: stacks synthesized by ${versions.join(', ')}, not ${lib} ${installedVersion(lib)}`);
      step(`${lib}: ${file} synthesized without terraform (${Object.keys(stacks).length} stack${Object.keys(stacks).length === 1 ? '' : 's'})`);
    }

    const tsc = run(process.execPath, [join(app, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json'], { cwd: app });
    if (tsc.status !== 0) fail(`${lib}: tsc ${tsVersion} --noEmit failed:\n${tsc.stdout}${tsc.stderr}`);
    else step(`${lib}: tsc ${tsVersion} --noEmit accepts both apps`);

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
    if (imported.status !== 0) fail(`${lib}: the package entries do not import as documented:\n${imported.stderr}`);
    else step(`${lib}: package entries import: ${Object.keys(entries).join(', ')}`);

    const tipkit = (...args) => run(process.execPath, ['node_modules/tipkit/bin/tipkit.js', ...args], { cwd: app, env: noTerraform });
    const cli = tipkit('synth', '--config', 'node_modules/tipkit/examples/okta-tip/tipkit.yaml', '--out', join(work, `out-${lib}-cli`));
    if (cli.status !== 0) fail(`${lib}: tipkit synth of the shipped example exited ${cli.status}: ${cli.stderr}`);
    else step(`${lib}: tipkit synth of the shipped okta-tip example`);

    // The first hour: init, then lint and simulate what it wrote, with the modeline pointing into node_modules.
    const init = tipkit('init', 'tip');
    const lint = tipkit('lint', 'tip');
    const sim = tipkit('simulate', 'tip/scenario.yaml');
    const modeline = existsSync(join(app, 'tip/tipkit.yaml')) ? readFileSync(join(app, 'tip/tipkit.yaml'), 'utf8').split('\n')[0] : '';
    if (init.status !== 0 || lint.status !== 0 || sim.status !== 0) fail(`${lib}: tipkit init/lint/simulate exited ${init.status}/${lint.status}/${sim.status}: ${init.stderr}${lint.stderr}${sim.stderr}`);
    else if (modeline !== '# yaml-language-server: $schema=../node_modules/tipkit/model/schema/tipkit.schema.json' || !existsSync(join(app, 'node_modules/tipkit/model/schema/tipkit.schema.json')))
      fail(`${lib}: tipkit init wrote the modeline ${modeline}`);
    else step(`${lib}: tipkit init, lint and simulate`);
  }
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

/** The packages after the tarball in a doc's `npm install ../tipkit/tipkit-VERSION.tgz …` line that names LIB. */
function docInstallLine(doc, lib) {
  const text = readFileSync(join(root, doc), 'utf8');
  const line = [...text.matchAll(/^npm install \.\.\/tipkit\/tipkit-[\d.]+\.tgz ([^\n#]+)/gm)].map((m) => m[1].trim().split(/\s+/)).find((pkgs) => pkgs.some((p) => p === lib || p.startsWith(`${lib}@`)));
  if (!line) throw new Error(`${doc} has no \`npm install ../tipkit/tipkit-VERSION.tgz …\` line with ${lib}`);
  return line;
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
