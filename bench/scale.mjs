/**
 * The scale cases (issue 24): each tipkit command as a whole process against its bare baseline in the same run,
 * interleaved, on inputs generated here. Every process is started with `--import bench/usage.mjs`, which records its
 * CPU time (user + system, from process start) and peak resident memory; a case's figure is the median over its
 * runs, and its ratio is median tipkit CPU ÷ median baseline CPU. Growth is t(2N) ÷ t(N) of tipkit's CPU time.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateForResources, generateRawConfig, generateTopology, toHcl, toYaml } from './generate.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tipkit = join(root, 'bin/tipkit.js');
const bare = join(root, 'bench/bare.mjs');
const usage = join(root, 'bench/usage.mjs');

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const round = (x, d = 2) => Math.round(x * 10 ** d) / 10 ** d;

/** One process, its CPU time and peak memory (exit 0 or 1 — lint's "findings" — are both fine). */
function measure(args, cwd, usageFile) {
  rmSync(usageFile, { force: true });
  const r = spawnSync(process.execPath, ['--import', usage, ...args], { cwd, env: { ...process.env, BENCH_USAGE: usageFile }, stdio: ['ignore', 'ignore', 'pipe'], maxBuffer: 1 << 26 });
  if (r.status !== 0 && r.status !== 1) throw new Error(`${args.join(' ')} exited ${r.status}: ${String(r.stderr).slice(0, 2000)}`);
  return JSON.parse(readFileSync(usageFile, 'utf8'));
}

/** Runs tipkit and its baseline `runs` times, interleaved; medians of CPU ms and peak RSS (MB). */
function side(tipkitArgs, baselineArgs, cwd, runs) {
  const usageFile = join(cwd, '.usage.json');
  const t = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    t.push(measure(tipkitArgs, cwd, usageFile));
    b.push(measure(baselineArgs, cwd, usageFile));
  }
  const pick = (xs) => ({ cpuMs: round(median(xs.map((x) => x.cpuMs)), 1), rssMb: round(median(xs.map((x) => x.maxRssKb)) / 1024, 1) });
  const tipkitFigure = pick(t);
  const baselineFigure = pick(b);
  return { tipkit: tipkitFigure, baseline: baselineFigure, ratio: round(tipkitFigure.cpuMs / baselineFigure.cpuMs), memoryRatio: round(tipkitFigure.rssMb / baselineFigure.rssMb) };
}

/**
 * Every case; `quick` uses smaller N and fewer runs (CI-size). `log` gets a line per measurement.
 * Returns rows: { case, n, baselineName, tipkit, baseline, ratio, memoryRatio, growth?, target }.
 */
export function runScaleCases({ work, quick, log, only }) {
  const runs = quick ? 3 : 5;
  const rows = [];
  const want = (name) => !only || only.some((o) => name.startsWith(o));
  const dir = (name) => {
    const d = join(work, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const add = (row) => {
    rows.push(row);
    log(`  ${row.case} N=${row.n}: tipkit ${row.tipkit.cpuMs} ms CPU (${row.tipkit.rssMb} MB), ${row.baselineName} ${row.baseline.cpuMs} ms (${row.baseline.rssMb} MB): ${row.ratio}×${row.growth !== undefined ? `, growth 2N/N ${row.growth}` : ''}`);
  };
  const pair = (name, ns, make, target, baselineName) => {
    let previous;
    for (const n of ns) {
      const { cwd, tipkitArgs, baselineArgs } = make(n);
      const figure = side(tipkitArgs, baselineArgs, cwd, runs);
      const row = { case: name, n, baselineName, ...figure, target };
      if (previous && n === previous.n * 2) row.growth = round(figure.tipkit.cpuMs / previous.tipkit.cpuMs);
      add(row);
      previous = row;
    }
  };

  // YAML lint vs a yaml parse of the same file.
  if (want('lint-yaml'))
    pair(
      'lint-yaml',
      quick ? [250, 500] : [1000, 2000, 4000],
      (n) => {
        const cwd = dir(`yaml-${n}`);
        writeFileSync(join(cwd, 'tipkit.yaml'), toYaml(generateRawConfig(n)));
        return { cwd, tipkitArgs: [tipkit, 'lint', 'tipkit.yaml', '--format', 'json'], baselineArgs: [bare, 'yaml', 'tipkit.yaml'] };
      },
      { ratio: 1.5, growth: 2.2 },
      'yaml parse',
    );

  // HCL lint vs an hcl2json parse of the same file; resources as AWS counts them.
  if (want('lint-hcl'))
    pair(
      'lint-hcl',
      quick ? [1000, 2000] : [2500, 5000, 10000],
      (n) => {
        const cwd = dir(`hcl-${n}`);
        writeFileSync(join(cwd, 'main.tf'), toHcl(generateForResources(n).raw));
        return { cwd, tipkitArgs: [tipkit, 'lint', 'main.tf', '--format', 'json'], baselineArgs: [bare, 'hcl2json', 'main.tf'] };
      },
      { ratio: 2, growth: 2.2, memoryRatio: 2 },
      'hcl2json parse',
    );

  // access vs lint of the same config, per topology (1,000 applications; 2,000 for the growth, not in --quick).
  for (const topology of ['pairs', 'chains', 'ring', 'mesh'])
    if (want(`access-${topology}`))
      pair(
        `access-${topology}`,
        quick ? [1000] : [1000, 2000],
        (n) => {
          const cwd = dir(`access-${topology}-${n}`);
          writeFileSync(join(cwd, 'tipkit.yaml'), toYaml(generateTopology(topology, n)));
          return { cwd, tipkitArgs: [tipkit, 'access', 'tipkit.yaml', '--format', 'json', '--quiet'], baselineArgs: [tipkit, 'lint', 'tipkit.yaml', '--format', 'json'] };
        },
        { ratio: 1.5 },
        'lint',
      );

  // synth of 1,000 applications vs lint of the same config (and under 10 s).
  if (want('synth'))
    pair(
      'synth',
      quick ? [500] : [1000],
      (n) => {
        const cwd = dir(`synth-${n}`);
        writeFileSync(join(cwd, 'tipkit.yaml'), toYaml(generateRawConfig(n)));
        return { cwd, tipkitArgs: [tipkit, 'synth', '--config', 'tipkit.yaml', '--out', 'out', '--quiet'], baselineArgs: [tipkit, 'lint', 'tipkit.yaml', '--format', 'json'] };
      },
      { ratio: 5, seconds: 10 },
      'lint',
    );

  // Cold start: lint of a one-application file vs `node -e 0`.
  if (want('cold'))
    pair(
      'cold-lint',
      [1],
      (n) => {
        const cwd = dir('cold');
        writeFileSync(join(cwd, 'tipkit.yaml'), toYaml(generateRawConfig(n)));
        return { cwd, tipkitArgs: [tipkit, 'lint', 'tipkit.yaml'], baselineArgs: ['-e', '0'] };
      },
      { ratio: 2 },
      'node -e 0',
    );
  return rows;
}

/** The TypeScript reader's cases, when bench/typescript.mjs exists (another part of the bench owns them). */
export function runTypeScriptCases({ quick, log }) {
  const script = join(root, 'bench/typescript.mjs');
  if (!existsSync(script)) {
    log('  typescript: bench/typescript.mjs not present, skipped');
    return undefined;
  }
  const r = spawnSync(process.execPath, ['--expose-gc', script, '--json', ...(quick ? ['--quick'] : [])], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`bench/typescript.mjs exited ${r.status}`);
  // Its table first (printed as it is), its results as JSON on the last line (--json).
  const lines = String(r.stdout).trim().split('\n');
  for (const line of lines.slice(0, -1)) log(`  ${line}`);
  try {
    return JSON.parse(lines[lines.length - 1]);
  } catch {
    return { output: String(r.stdout) };
  }
}

/** A markdown table of the rows: ratio, growth and whether each target is met. */
export function scaleTable(rows) {
  const out = ['| case | N | tipkit CPU ms (MB) | baseline | baseline CPU ms (MB) | ratio | 2N/N | target | met |', '|---|---|---|---|---|---|---|---|---|'];
  for (const r of rows) {
    const t = r.target;
    const checks = [r.ratio <= t.ratio];
    if (t.growth !== undefined && r.growth !== undefined) checks.push(r.growth <= t.growth);
    if (t.memoryRatio !== undefined) checks.push(r.memoryRatio <= t.memoryRatio);
    if (t.seconds !== undefined) checks.push(r.tipkit.cpuMs <= t.seconds * 1000);
    const target = [`≤ ${t.ratio}×`, t.growth !== undefined ? `2N/N ≤ ${t.growth}` : '', t.memoryRatio !== undefined ? `memory ≤ ${t.memoryRatio}× (${r.memoryRatio}×)` : '', t.seconds !== undefined ? `< ${t.seconds} s` : ''].filter(Boolean).join(', ');
    out.push(`| ${r.case} | ${r.n} | ${r.tipkit.cpuMs} (${r.tipkit.rssMb}) | ${r.baselineName} | ${r.baseline.cpuMs} (${r.baseline.rssMb}) | ${r.ratio} | ${r.growth ?? ''} | ${target} | ${checks.every(Boolean) ? 'yes' : '**no**'} |`);
  }
  return out.join('\n');
}
