/**
 * TypeScript lint beside a bare ts-morph parse of the same files (issue 24): a cdktf app of N applications
 * (each with a jwt-bearer grant naming an issuer, an access scope, an IAM authentication method and an
 * assignment), written in one file and in 200 files, for N = 100 … 2,000 (`--quick`: 100 … 400). In one process,
 * interleaved and warm, each size is timed as `lintPaths()` of the app (discovery, the static reader, the model,
 * every rule) and as a bare ts-morph parse of the same files (read the text, `createSourceFile` in an in-memory
 * project, no type check). CPU time (user + system), median of several runs. Prints the ratio lint ÷ parse per
 * size and the growth t(2N) ÷ t(N); targets: ratio ≤ 1.5, growth ≤ 2.2.
 *
 *   npx tsc -p tsconfig.build.json && node --expose-gc bench/typescript.mjs [--quick] [--runs 5]
 *   node bench/typescript.mjs --write DIR N FILES    # only write one app (to profile: node --cpu-prof bin/tipkit.js lint DIR)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { INSTANCE_ARN, IDENTITY_STORE_ID } from './generate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { lintPaths } = await import(join(root, 'dist/linter/index.js'));
const { Project } = await import('ts-morph');

const quick = process.argv.includes('--quick');
const runsAt = process.argv.indexOf('--runs');
const runs = runsAt > 0 ? Number(process.argv[runsAt + 1]) : quick ? 3 : 5;
const sizes = quick ? [100, 200, 400] : [100, 200, 400, 1000, 2000];
const FILES = 200;
const TARGET = { ratio: 1.5, growth: 2.2 };

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const HEAD = `import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { ApplicationAccessScope, ApplicationAuthenticationMethod, ApplicationGrant, IdentityCenterApplication, TrustedTokenIssuer } from 'tipkit';
`;

/** The constructs of applications [from, to) and their issuers (one per ten applications; named with the file's prefix), as statements. */
function body(from, to, prefix) {
  const out = [];
  for (let k = Math.floor(from / 10); from < to && k * 10 < to; k++) {
    out.push(`    const idp${k} = new TrustedTokenIssuer(this, 'idp-${prefix}${k}', {
      instanceArn: INSTANCE_ARN,
      name: 'idp-${prefix}${k}',
      trustedTokenIssuerType: 'OIDC_JWT',
      trustedTokenIssuerConfiguration: { oidcJwtConfiguration: { issuerUrl: 'https://idp-${prefix}${k}.example.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value', jwksRetrievalOption: 'OPEN_ID_DISCOVERY' } },
    });`);
  }
  for (let i = from; i < to; i++) {
    out.push(`    const app${i} = new IdentityCenterApplication(this, 'app-${i}', {
      instanceArn: INSTANCE_ARN,
      identityStoreId: IDENTITY_STORE_ID,
      name: 'app-${i}',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      assignmentRequired: true,
      assignments: [{ principalType: 'GROUP', principalId: 'analysts-${i % 7}' }],
    });
    new ApplicationGrant(this, 'app-${i}-jwt', {
      application: app${i},
      grantType: '${JWT_BEARER}',
      grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: idp${Math.floor(i / 10)}, authorizedAudiences: ['aud-${i}'] }] } },
    });
    new ApplicationAccessScope(this, 'app-${i}-scope', { application: app${i}, scope: 'redshift:connect' });
    new ApplicationAuthenticationMethod(this, 'app-${i}-iam', {
      application: app${i},
      authenticationMethodType: 'IAM',
      authenticationMethod: { iam: { actorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/App${i}' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } } },
    });`);
  }
  return out.join('\n');
}

const stack = (name, from, to, settings, prefix) =>
  `${HEAD}import { IDENTITY_STORE_ID, INSTANCE_ARN } from '${settings}';\n\nexport class ${name} extends TerraformStack {\n  constructor(scope: Construct, id: string) {\n    super(scope, id);\n${body(from, to, prefix)}\n  }\n}\n`;
const SETTINGS = `export const INSTANCE_ARN = '${INSTANCE_ARN}';\nexport const IDENTITY_STORE_ID = '${IDENTITY_STORE_ID}';\n`;

/** An app of n applications in `files` files (+ settings.ts and a main.ts that imports every stack): its file paths. */
function writeApp(dir, n, files) {
  mkdirSync(join(dir, 'stacks'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), '{ "name": "bench-ts", "private": true, "type": "module" }\n');
  writeFileSync(join(dir, 'settings.ts'), SETTINGS);
  const paths = [join(dir, 'settings.ts')];
  const names = [];
  for (let f = 0; f < files; f++) {
    const from = Math.floor((n * f) / files);
    const to = Math.floor((n * (f + 1)) / files);
    const file = join(dir, 'stacks', `stack-${f}.ts`);
    writeFileSync(file, stack(`Stack${f}`, from, to, '../settings.js', files > 1 ? `${f}-` : ''));
    paths.push(file);
    names.push(f);
  }
  const main = `import { App } from 'cdktf';\n${names.map((f) => `import { Stack${f} } from './stacks/stack-${f}.js';`).join('\n')}\nconst app = new App();\n${names.map((f) => `new Stack${f}(app, 'stack-${f}');`).join('\n')}\napp.synth();\n`;
  writeFileSync(join(dir, 'main.ts'), main);
  paths.push(join(dir, 'main.ts'));
  return paths;
}

const writeAt = process.argv.indexOf('--write');
if (writeAt > 0) {
  const [dir, n, files] = process.argv.slice(writeAt + 1);
  writeApp(resolve(dir), Number(n), Number(files));
  process.exit(0);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
/** CPU milliseconds (user + system) of one call. */
async function cpu(fn) {
  globalThis.gc?.();
  const before = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(before);
  return (d.user + d.system) / 1000;
}
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** The baseline: what any static reader must do at least — read each file and parse it with ts-morph. */
function bareParse(paths) {
  const project = new Project({ useInMemoryFileSystem: true, skipAddingFilesFromTsConfig: true, skipFileDependencyResolution: true, compilerOptions: { noLib: true, noResolve: true } });
  let statements = 0;
  for (const p of paths) statements += project.createSourceFile(p, readFileSync(p, 'utf8'), { overwrite: true }).compilerNode.statements.length;
  return statements;
}

const work = mkdtempSync(join(tmpdir(), 'tipkit-bench-ts-'));
const results = [];
try {
  for (const layout of [{ name: 'one file', files: 1 }, { name: `${FILES} files`, files: FILES }]) {
    const rows = [];
    for (const n of sizes) {
      const dir = join(work, `${layout.files}-${n}`);
      const paths = writeApp(dir, n, layout.files);
      let findings;
      const lint = async () => {
        const report = await lintPaths([dir]);
        findings = report.findings.length;
        if (report.summary.files < paths.length - 2) throw new Error(`expected the ${paths.length - 2} stack files linted, got ${report.summary.files}`);
      };
      await lint(); // warm: module loading and JIT are not part of either figure
      bareParse(paths);
      const lintMs = [];
      const parseMs = [];
      for (let r = 0; r < runs; r++) {
        parseMs.push(await cpu(() => bareParse(paths)));
        lintMs.push(await cpu(lint));
      }
      const row = { n, files: paths.length, findings, lintMs: round(median(lintMs), 1), parseMs: round(median(parseMs), 1) };
      row.ratio = round(row.lintMs / row.parseMs);
      rows.push(row);
      process.stderr.write(`  ${layout.name} N=${n}: lint ${row.lintMs} ms, parse ${row.parseMs} ms, ${row.ratio}× (${findings} findings)\n`);
    }
    for (let i = 1; i < rows.length; i++) {
      const prev = rows.find((r) => r.n * 2 === rows[i].n) ?? rows[i - 1];
      rows[i].growth = round(rows[i].lintMs / prev.lintMs / (rows[i].n / prev.n / 2), 2);
      rows[i].growthFrom = prev.n;
    }
    results.push({ layout: layout.name, rows });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const lines = ['| layout | N | files | lint ms | parse ms | lint ÷ parse | t(2N) ÷ t(N) |', '|---|---|---|---|---|---|---|'];
let met = true;
for (const { layout, rows } of results) {
  for (const r of rows) {
    const growth = r.growth === undefined ? '' : r.growthFrom * 2 === r.n ? String(r.growth) : `${r.growth} (from ${r.growthFrom}, per doubling)`;
    lines.push(`| ${layout} | ${r.n} | ${r.files} | ${r.lintMs} | ${r.parseMs} | ${r.ratio} | ${growth} |`);
    if (r.ratio > TARGET.ratio || (r.growth ?? 0) > TARGET.growth) met = false;
  }
}
console.log(lines.join('\n'));
console.log(`\ntargets: lint ÷ parse ≤ ${TARGET.ratio}, t(2N) ÷ t(N) ≤ ${TARGET.growth}: ${met ? 'met' : 'NOT met'}`);
if (process.argv.includes('--json')) console.log(JSON.stringify(results));
