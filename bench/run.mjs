/**
 * `npm run bench`: measures lint, the CLI's cold start, TypeScript lint, the simulator's jwt-bearer exchange and
 * the emulator's HTTP throughput, each side by side with its bare limit or a real peer in the same run, then
 * prints a table and writes bench/results.json. Run on compiled code (dist/). Without `--only`: the scale cases of
 * bench/scale.mjs (7), bench/typescript.mjs when present (8), simulate (4) and serve against a bare jose server (5);
 * `--quick` makes them CI-size. `--only 1,4` runs some figures (`--only 6`: access beside lint on a 10k config).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';
import { Ajv } from 'ajv';
import autocannon from 'autocannon';
import { importJWK, jwtVerify, SignJWT, generateKeyPair, decodeJwt } from 'jose';
import YAML from 'yaml';
import { generateForResources, toTerraformJson, toYaml, writeConstructProject } from './generate.mjs';
import { AUDIENCE, CALLER, JWT_BEARER, APPLICATION, OIDC_CLIENT, signAssertions, signedCreateTokenWithIam, writeExchangeFixture } from './exchange-fixture.mjs';
import { runScaleCases, runTypeScriptCases, scaleTable } from './scale.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = (p) => join(root, 'dist', p);
const { lintPaths } = await import(dist('linter/index.js'));
const { configSchema } = await import(dist('model/generated/config-schema.js'));
const { loadScenarioFile, createSimulator } = await import(dist('simulator/index.js'));

const only = (() => {
  const i = process.argv.indexOf('--only');
  return i < 0 ? undefined : new Set(process.argv[i + 1].split(',').map(Number));
})();
/** `--quick`: CI-size (smaller inputs, fewer runs, shorter HTTP runs, no oidc-provider peers); under 2 minutes. */
const quick = process.argv.includes('--quick');
const runs = (n) => (quick ? Math.min(n, 3) : n);
const work = mkdtempSync(join(tmpdir(), 'tipkit-bench-'));

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const gc = () => globalThis.gc?.();
/** CPU time of this process (user + system, every thread: WebCrypto's work runs off the main thread) while `fn` runs,
 * in ms: on a shared machine wall time measures the neighbours; CPU time measures the work. */
async function timed(fn) {
  gc();
  const t = process.cpuUsage();
  await fn();
  const d = process.cpuUsage(t);
  return (d.user + d.system) / 1000;
}
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
const log = (s) => process.stderr.write(`${s}\n`);

const figures = {};

// ---------------------------------------------------------------------------------------------------------
// 1. lint of large configs vs yaml parse + ajv validate of the same file.
async function lintScaling() {
  const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: true, verbose: true });
  ajv.addKeyword({ keyword: 'x-union' });
  const validate = ajv.compile(configSchema);
  const sizes = [1000, 5000, 10000, 20000];
  const rows = [];
  const files = {};
  for (const size of sizes) {
    const g = generateForResources(size);
    const file = join(work, `config-${size}.yaml`);
    writeFileSync(file, toYaml(g.raw));
    files[size] = { file, raw: g.raw, applications: g.applications, resources: g.resources };
  }
  const lint = (file) => lintPaths([file], { cwd: work, maxInputBytes: 1 << 30 });
  const bare = async (file) => {
    const { readFileSync } = await import('node:fs');
    const value = YAML.parse(readFileSync(file, 'utf8'));
    if (!validate(value)) throw new Error(`generated config breaks the schema: ${JSON.stringify(validate.errors?.[0])}`);
  };
  // Warm up both paths (module loading, schema compile, JIT) before anything is timed.
  for (let i = 0; i < 3; i++) {
    await lint(files[1000].file);
    await bare(files[1000].file);
  }
  for (const size of sizes) {
    const { file, applications, resources } = files[size];
    const n = size >= 10000 ? runs(3) : runs(5);
    const lintMs = [];
    const bareMs = [];
    let findings = 0;
    for (let r = 0; r < n; r++) {
      lintMs.push(await timed(async () => (findings = (await lint(file)).findings.length)));
      bareMs.push(await timed(() => bare(file)));
    }
    const row = { resources, applications, issuers: Math.max(1, Math.floor(applications / 10)), findings, lintMs: round(median(lintMs), 1), bareMs: round(median(bareMs), 1), runs: n };
    row.ratio = round(row.lintMs / row.bareMs);
    rows.push(row);
    log(`  lint ${resources} resources: ${row.lintMs} ms, bare ${row.bareMs} ms, ratio ${row.ratio}`);
  }
  const at = (n) => rows.find((r) => r.resources >= n && r.resources < n * 1.01);
  // The same config as synthesized Terraform JSON: must lint to the same findings.
  const tfFile = join(work, 'config-5000.tf.json');
  writeFileSync(tfFile, JSON.stringify(toTerraformJson(files[5000].raw), null, 2));
  const tfFindings = (await lintPaths([tfFile], { cwd: work, maxInputBytes: 1 << 30 })).findings;
  const yamlFindings = (await lint(files[5000].file)).findings;
  const key = (fs) => fs.map((f) => `${f.ruleId} ${f.resource}`).sort().join('\n');
  if (key(tfFindings) !== key(yamlFindings)) throw new Error('the Terraform JSON and the YAML config lint to different findings');
  const tfMs = [];
  for (let r = 0; r < runs(3); r++) tfMs.push(await timed(() => lintPaths([tfFile], { cwd: work, maxInputBytes: 1 << 30 })));
  figures.lint = {
    what: 'lintPaths() on one generated tipkit.yaml vs YAML.parse + ajv validate (same schema, compiled once) of the same file, in-process, warm',
    rows,
    ratioAt10k: at(10000).ratio,
    scaling20kOver10k: round(at(20000).lintMs / at(10000).lintMs),
    terraformJson5k: { resources: files[5000].resources, lintMs: round(median(tfMs), 1), sameFindingsAsYaml: true },
    targets: { ratioAt10k: 2.0, scaling20kOver10k: 2.2 },
  };
}

// ---------------------------------------------------------------------------------------------------------
// 2. cold `tipkit lint` of the bundled example vs `node -e 0`, process wall time.
function wall(args, cwd = root) {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return ms;
}
async function coldStart() {
  const example = 'examples/okta-tip/tipkit.yaml';
  const n = runs(15);
  const tip = [];
  const bare = [];
  const dir = [];
  wall(['bin/tipkit.js', 'lint', example]);
  for (let i = 0; i < n; i++) {
    tip.push(wall(['bin/tipkit.js', 'lint', example]));
    bare.push(wall(['-e', '0']));
  }
  for (let i = 0; i < runs(3); i++) dir.push(wall(['bin/tipkit.js', 'lint', 'examples/okta-tip']));
  figures.coldStart = {
    what: `process wall time of \`tipkit lint ${example}\` vs \`node -e 0\` (median of ${n}, interleaved)`,
    tipkitLintMs: round(median(tip), 1),
    nodeMs: round(median(bare), 1),
    ratio: round(median(tip) / median(bare)),
    directoryWithMainTsMs: round(median(dir), 1),
    target: { ratio: 6.0 },
  };
  log(`  cold lint ${figures.coldStart.tipkitLintMs} ms vs node -e 0 ${figures.coldStart.nodeMs} ms: ${figures.coldStart.ratio}×`);
}

// ---------------------------------------------------------------------------------------------------------
// 3. static TypeScript lint (ts-morph) of 200 generated construct files.
async function typescriptLint() {
  const count = 200;
  const dir = join(work, 'cdktf-app');
  writeConstructProject(dir, count);
  const ms = [];
  for (let i = 0; i < runs(3); i++) ms.push(wall(['bin/tipkit.js', 'lint', dir, '--format', 'json']));
  const out = spawnSync(process.execPath, ['bin/tipkit.js', 'lint', dir, '--format', 'json'], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const report = JSON.parse(out.stdout);
  if (report.summary.files !== count + 1) throw new Error(`expected ${count + 1} files linted, got ${report.summary.files}`);
  const seconds = median(ms) / 1000;
  figures.typescript = {
    what: `\`tipkit lint\` (a process) of a cdktf app with ${count} construct files (+ the settings file they import), read statically with ts-morph`,
    files: count,
    findings: report.findings.length,
    seconds: round(seconds),
    filesPerSecond: round(count / seconds, 1),
  };
  log(`  typescript ${count} files: ${figures.typescript.seconds} s (${figures.typescript.filesPerSecond} files/s)`);
}

// ---------------------------------------------------------------------------------------------------------
// 4. jwt-bearer exchanges through the simulator vs bare jose (jwtVerify + SignJWT with the same keys).
async function exchanges() {
  figures.exchange = { what: 'sequential CreateTokenWithIAM jwt-bearer calls on createSimulator() (fixed clock, fresh simulator per run, each assertion a new jti) vs jose.jwtVerify of the same assertion + SignJWT of an ES256 idToken', rows: [], target: { ratio: 0.5 } };
  for (const alg of ['RS256', 'ES256']) {
    const dir = mkdtempSync(join(work, `exchange-${alg}-`));
    const fixture = await writeExchangeFixture(dir, alg);
    const { model, scenario } = await loadScenarioFile(fixture.scenarioFile);
    const now = Date.now();
    const count = quick ? 300 : 1000;
    const assertions = await signAssertions(fixture, count, now);
    const clock = { now: () => now };
    // Bare: the issuer's public key imported once, an ES256 key for the idToken (the simulator's idToken algorithm).
    const publicKey = fixture.publicKey;
    const { privateKey: idKey } = await generateKeyPair('ES256');
    const bare = async () => {
      for (const a of assertions) {
        const { payload } = await jwtVerify(a, publicKey, { algorithms: [alg], currentDate: new Date(now), issuer: payload0.iss, audience: AUDIENCE });
        await new SignJWT({ 'sts:identity_context': 'x', act: { sub: 'issuer' } })
          .setProtectedHeader({ alg: 'ES256', kid: 'k', typ: 'JWT' })
          .setIssuer('https://identitycenter.amazonaws.com/ssoins-7223e2ee1a2b3c4d')
          .setSubject(String(payload.email))
          .setAudience(APPLICATION)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(idKey);
      }
    };
    const payload0 = decodeJwt(assertions[0]);
    const simulated = async (sim) => {
      for (const assertion of assertions) {
        const r = await sim.call('CreateTokenWithIAM', { clientId: APPLICATION, grantType: JWT_BEARER, assertion, scope: ['redshift:connect'] }, { callerArn: CALLER.arn });
        if (r.outcome !== 'success') throw new Error(`exchange failed: ${JSON.stringify(r.error)}`);
      }
    };
    const fresh = async () => {
      const sim = await createSimulator(model, scenario, { clock });
      await sim.idTokenJwk(); // make the per-run idToken key outside the timing
      await sim.context.keyring.signingKey('corp-idp');
      return sim;
    };
    await simulated(await fresh());
    await bare();
    const simMs = [];
    const bareMs = [];
    for (let r = 0; r < runs(5); r++) {
      const sim = await fresh();
      simMs.push(await timed(() => simulated(sim)));
      bareMs.push(await timed(bare));
    }
    const row = { alg, exchanges: count, simulatorPerSecond: round((count / median(simMs)) * 1000, 0), josePerSecond: round((count / median(bareMs)) * 1000, 0) };
    row.ratio = round(row.simulatorPerSecond / row.josePerSecond);
    // The issue's form of the same figure: time per request ÷ bare jose's (target ≤ 2).
    row.perRequestRatio = round(row.josePerSecond / row.simulatorPerSecond);
    figures.exchange.rows.push(row);
    log(`  exchange ${alg}: simulator ${row.simulatorPerSecond}/s, jose ${row.josePerSecond}/s, ratio ${row.ratio}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// 5. the emulator's CreateTokenWithIAM over HTTP vs oidc-provider's token endpoint, autocannon on 127.0.0.1.
const CONNECTIONS = 32;
const SECONDS = quick ? 2 : 5;

async function startServer(args) {
  // BENCH_PROFILE_DIR=DIR: the servers write a V8 CPU profile there (node --cpu-prof) when they exit.
  const profile = process.env.BENCH_PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE_DIR] : [];
  const child = spawn(process.execPath, [...profile, join(root, 'bench/server.mjs'), ...args], { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise((resolveLine, reject) => {
    createInterface({ input: child.stdout }).once('line', resolveLine);
    child.once('exit', (code) => reject(new Error(`server ${args[0]} exited ${code}`)));
  });
  return { port: JSON.parse(line).port, stop: () => new Promise((r) => (child.once('exit', r), child.stdin.end())) };
}

/** autocannon against 127.0.0.1, each request taken from `next()` (bounded by time and by the pool). */
function load(port, next, seconds, amount) {
  return new Promise((resolveRun, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}`,
        connections: CONNECTIONS,
        pipelining: 1,
        duration: seconds,
        ...(amount ? { amount } : {}),
        requests: [{ setupRequest: (req) => ({ ...req, ...next() }) }],
      },
      (err, result) => (err ? reject(err) : resolveRun(result)),
    );
    if (amount) setTimeout(() => instance.stop(), seconds * 1000);
  });
}

const summarize = (result) => ({
  requestsPerSecond: round(result.requests.total / result.duration, 0),
  p50Ms: result.latency.p50,
  p99Ms: result.latency.p99,
  requests: result.requests.total,
  non2xx: result.non2xx,
  errors: result.errors,
});

async function http() {
  const dir = mkdtempSync(join(work, 'serve-'));
  const fixture = await writeExchangeFixture(dir, 'RS256');
  const emulator = await startServer(['emulator', fixture.scenarioFile]);
  const bareJose = await startServer(['bare-jose', join(dir, 'idp.private.jwk.json')]);
  const oidc = quick ? undefined : await startServer(['oidc-provider']);
  const oidcJwt = quick ? undefined : await startServer(['oidc-provider-jwt']);
  const host = `127.0.0.1:${emulator.port}`;

  // Every emulator request is distinct (a new jti, its own SigV4 signature), pre-signed before the timed window.
  const pool = async (size) => {
    const assertions = await signAssertions(fixture, size, Date.now());
    const requests = [];
    for (const a of assertions) requests.push(await signedCreateTokenWithIam(host, a));
    let i = 0;
    return { next: () => requests[i++] ?? requests[requests.length - 1], size };
  };
  const oidcRequest = {
    method: 'POST',
    path: '/token',
    headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${OIDC_CLIENT.client_id}:${OIDC_CLIENT.client_secret}`).toString('base64')}` },
    body: 'grant_type=client_credentials&scope=api%3Aread',
  };
  const oidcNext = () => oidcRequest;

  // Warm-up (JIT, connections) and a first estimate of the emulator's rate to size its request pools.
  const warm = await pool(3000);
  const warmResult = await load(emulator.port, warm.next, 2, warm.size);
  const bareWarm = await pool(3000);
  await load(bareJose.port, bareWarm.next, 2, bareWarm.size);
  if (oidc) {
    await load(oidc.port, oidcNext, 2);
    const jwtWarm = await load(oidcJwt.port, oidcNext, 2);
    if (jwtWarm.non2xx > 0) throw new Error('oidc-provider (JWT access tokens) refused the warm-up requests');
  }
  let rate = Math.max(200, warmResult.requests.total / warmResult.duration);

  const emuRuns = [];
  const bareRuns = [];
  const oidcRuns = [];
  const oidcJwtRuns = [];
  for (let r = 0; r < runs(3); r++) {
    const p = await pool(Math.ceil(rate * SECONDS * 2) + 500);
    const e = await load(emulator.port, p.next, SECONDS, p.size);
    if (e.non2xx > 0 || e.errors > 0) throw new Error(`emulator answered ${e.non2xx} non-2xx responses and ${e.errors} errors`);
    log(`  run ${r + 1}: pool ${p.size}, sent ${e.requests.total} in ${e.duration} s`);
    emuRuns.push(summarize(e));
    rate = Math.max(rate, e.requests.total / e.duration);
    // The bare jose server gets its own pool of the same requests (fresh assertions; it checks no jti, but alike).
    const bp = await pool(Math.ceil(rate * SECONDS * 4) + 500);
    const b = await load(bareJose.port, bp.next, SECONDS, bp.size);
    if (b.non2xx > 0 || b.errors > 0) throw new Error(`the bare jose server answered ${b.non2xx} non-2xx responses and ${b.errors} errors`);
    bareRuns.push(summarize(b));
    if (!oidc) continue;
    const o = await load(oidc.port, oidcNext, SECONDS);
    if (o.non2xx > 0 || o.errors > 0) throw new Error(`oidc-provider answered ${o.non2xx} non-2xx responses and ${o.errors} errors`);
    oidcRuns.push(summarize(o));
    const j = await load(oidcJwt.port, oidcNext, SECONDS);
    if (j.non2xx > 0 || j.errors > 0) throw new Error(`oidc-provider (JWT) answered ${j.non2xx} non-2xx responses and ${j.errors} errors`);
    oidcJwtRuns.push(summarize(j));
  }
  await emulator.stop();
  await bareJose.stop();
  await oidc?.stop();
  await oidcJwt?.stop();
  const pick = (rows) => ({
    requestsPerSecond: median(rows.map((r) => r.requestsPerSecond)),
    p50Ms: median(rows.map((r) => r.p50Ms)),
    p99Ms: median(rows.map((r) => r.p99Ms)),
    runs: rows,
  });
  figures.http = {
    what: `autocannon, ${CONNECTIONS} keep-alive connections, ${SECONDS} s per run on 127.0.0.1; emulator: SigV4-signed CreateTokenWithIAM jwt-bearer (RS256 IdP token, distinct jti per request); oidc-provider: client_credentials with client_secret_basic, opaque access tokens (its default; the target peer) and, for context, RS256 JWT access tokens`,
    emulator: pick(emuRuns),
    bareJose: pick(bareRuns),
    ...(oidc ? { oidcProvider: pick(oidcRuns), oidcProviderJwtAccessTokens: pick(oidcJwtRuns) } : {}),
    target: { bareJoseRatio: 0.5, p99Ratio: 2 },
  };
  const h = figures.http;
  h.bareJoseRatio = round(h.emulator.requestsPerSecond / h.bareJose.requestsPerSecond);
  h.p99Ratio = round(h.emulator.p99Ms / h.bareJose.p99Ms);
  log(`  http: emulator ${h.emulator.requestsPerSecond}/s (p99 ${h.emulator.p99Ms} ms) vs bare jose server ${h.bareJose.requestsPerSecond}/s (p99 ${h.bareJose.p99Ms} ms): ${h.bareJoseRatio}, p99 ${h.p99Ratio}×`);
  if (oidc) {
    h.ratio = round(h.emulator.requestsPerSecond / h.oidcProvider.requestsPerSecond);
    h.ratioJwtAccessTokens = round(h.emulator.requestsPerSecond / h.oidcProviderJwtAccessTokens.requestsPerSecond);
    log(`  … vs oidc-provider ${h.oidcProvider.requestsPerSecond}/s (${h.ratio}), JWT access tokens ${h.oidcProviderJwtAccessTokens.requestsPerSecond}/s`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// 6. `access` (every trust path, from the same loading as lint) on the 10k-resource config, beside lint of it.
async function access() {
  const { readAccessPaths } = await import(dist('access/load.js'));
  const g = generateForResources(10000);
  const file = join(work, 'access-10k.yaml');
  writeFileSync(file, toYaml(g.raw));
  const opts = { cwd: work, maxInputBytes: 1 << 30 };
  const lint = () => lintPaths([file], opts);
  const paths = () => readAccessPaths([file], opts);
  for (let i = 0; i < 2; i++) {
    await lint();
    await paths();
  }
  const lintMs = [];
  const accessMs = [];
  let count = 0;
  for (let r = 0; r < runs(5); r++) {
    lintMs.push(await timed(lint));
    accessMs.push(await timed(async () => (count = (await paths()).paths.length)));
  }
  // The path computation alone, on a model loaded once.
  const { computeAccessPaths } = await import(dist('access/paths.js'));
  const { loadConfigFile } = await import(dist('inputs/load.js'));
  const loaded = await loadConfigFile(file, { maxBytes: 1 << 30 });
  const computeMs = [];
  for (let r = 0; r < runs(5); r++) computeMs.push(await timed(() => computeAccessPaths(loaded.model)));
  figures.access = {
    computeOnlyMs: 0,
    what: 'readAccessPaths() (discover, load, schema, every trust path) vs lintPaths() on the same generated tipkit.yaml, in-process, warm, interleaved',
    resources: g.resources,
    applications: g.applications,
    paths: count,
    accessMs: round(median(accessMs), 1),
    lintMs: round(median(lintMs), 1),
    runs: runs(5),
  };
  figures.access.ratio = round(figures.access.accessMs / figures.access.lintMs);
  figures.access.computeOnlyMs = round(median(computeMs), 1);
  log(`  access ${g.resources} resources: ${figures.access.accessMs} ms (${count} paths), lint ${figures.access.lintMs} ms, ratio ${figures.access.ratio}; the paths alone ${figures.access.computeOnlyMs} ms`);
}

// ---------------------------------------------------------------------------------------------------------
const steps = [
  [1, 'lint scaling', lintScaling],
  [2, 'cold start', coldStart],
  [3, 'typescript lint', typescriptLint],
  [4, 'jwt-bearer exchange', exchanges],
  [5, 'emulator http', http],
  [6, 'access vs lint', access],
  [7, 'scale cases (issue 24): whole processes vs bare baselines', scale],
  [8, 'typescript cases (bench/typescript.mjs)', typescriptCases],
];
/** Without --only: the scale cases, the TypeScript cases, the simulator and the server (figures 7, 8, 4, 5). */
const DEFAULT_FIGURES = new Set([7, 8, 4, 5]);

async function scale() {
  const rows = runScaleCases({ work, quick, log });
  figures.scale = { what: 'whole processes (node --import bench/usage.mjs): CPU time user+system and peak RSS, median of runs, tipkit and baseline interleaved', quick, rows };
}
async function typescriptCases() {
  const ts = runTypeScriptCases({ quick, log });
  if (ts) figures.typescriptCases = ts;
}
const started = Date.now();
try {
  for (const [n, name, fn] of steps) {
    if (only ? !only.has(n) : !DEFAULT_FIGURES.has(n)) continue;
    log(`[${n}] ${name}`);
    await fn();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const results = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().map((c) => c.model).filter((m, i, all) => all.indexOf(m) === i).map((model) => ({ model, count: cpus().filter((c) => c.model === model).length })), node: process.version, platform: `${process.platform} ${process.arch}` },
  durationSeconds: round((Date.now() - started) / 1000, 1),
  figures,
};
if (!only && !quick) writeFileSync(join(root, 'bench/results.json'), `${JSON.stringify(results, null, 2)}\n`);
printTable(results);

function printTable({ figures: f }) {
  const lines = [];
  const row = (name, value, peer, ratio, target) => lines.push([name.padEnd(44), String(value).padStart(14), String(peer).padStart(14), String(ratio).padStart(8), String(target).padStart(10)].join(' '));
  row('figure', 'tipkit', 'bare / peer', 'ratio', 'target');
  if (f.lint) {
    for (const r of f.lint.rows) row(`1. lint ${r.resources} resources (ms)`, r.lintMs, r.bareMs, r.ratio, r.resources >= 10000 && r.resources < 10100 ? '≤ 2.0' : '');
    row('1. lint t(20k) ÷ t(10k)', '', '', f.lint.scaling20kOver10k, '≤ 2.2');
    row(`1. lint Terraform JSON ${f.lint.terraformJson5k.resources} resources (ms)`, f.lint.terraformJson5k.lintMs, '', '', '');
  }
  if (f.coldStart) {
    row('2. cold tipkit lint example (ms) vs node -e 0', f.coldStart.tipkitLintMs, f.coldStart.nodeMs, f.coldStart.ratio, '≤ 6.0');
    row('2. cold tipkit lint examples/okta-tip (ms)', f.coldStart.directoryWithMainTsMs, '', '', '');
  }
  if (f.typescript) row(`3. TypeScript lint ${f.typescript.files} files (s; files/s)`, f.typescript.seconds, `${f.typescript.filesPerSecond}/s`, '', '');
  if (f.exchange) for (const r of f.exchange.rows) row(`4. simulate jwt-bearer ${r.alg}: per request ÷ jose`, r.simulatorPerSecond, r.josePerSecond, r.perRequestRatio, '≤ 2.0');
  if (f.http) {
    row('5. serve req/s ÷ bare jose server', f.http.emulator.requestsPerSecond, f.http.bareJose.requestsPerSecond, f.http.bareJoseRatio, '≥ 0.5');
    row('5. serve p99 (ms) ÷ bare jose server', f.http.emulator.p99Ms, f.http.bareJose.p99Ms, f.http.p99Ratio, '≤ 2.0');
  }
  if (f.http?.oidcProvider) {
    row('5. HTTP token requests/s vs oidc-provider', f.http.emulator.requestsPerSecond, f.http.oidcProvider.requestsPerSecond, f.http.ratio, '');
    row('5. HTTP p50 / p99 latency (ms)', `${f.http.emulator.p50Ms} / ${f.http.emulator.p99Ms}`, `${f.http.oidcProvider.p50Ms} / ${f.http.oidcProvider.p99Ms}`, '', '');
    const jwt = f.http.oidcProviderJwtAccessTokens;
    row('5. … vs oidc-provider, JWT access tokens (req/s)', f.http.emulator.requestsPerSecond, jwt.requestsPerSecond, f.http.ratioJwtAccessTokens, '');
    row('5. … its p50 / p99 latency (ms)', '', `${jwt.p50Ms} / ${jwt.p99Ms}`, '', '');
  }
  if (f.access) {
    row(`6. access ${f.access.resources} resources (ms) vs lint`, f.access.accessMs, f.access.lintMs, f.access.ratio, '');
    row(`6. … computing the ${f.access.paths} paths alone (ms)`, f.access.computeOnlyMs, '', '', '');
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  if (f.scale) process.stdout.write(`\n${scaleTable(f.scale.rows)}\n`);
  if (f.typescriptCases) process.stdout.write(`\nTypeScript cases (bench/typescript.mjs):\n${JSON.stringify(f.typescriptCases, null, 2)}\n`);
}
