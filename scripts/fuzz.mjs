#!/usr/bin/env node
// `npm run fuzz`: the property-based fuzz targets of test/hardening/fuzz-*.test.ts with FUZZ_RUNS cases per
// target (default 10,000; `npm test` runs a fast share), then the counts per target: cases run, crashes, outcomes.
// FUZZ_SEED=N replays a run. Exit 1 when a property failed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const repo = resolve(import.meta.dirname, '..');
const runs = process.env.FUZZ_RUNS ?? '10000';
const reportFile = join(mkdtempSync(join(tmpdir(), 'tipkit-fuzz-')), 'counts.jsonl');
const started = Date.now();
console.log(`fuzz: ${runs} cases per target${process.env.FUZZ_SEED ? `, seed ${process.env.FUZZ_SEED}` : ''}`);

const vitest = spawnSync(
  process.execPath,
  [join(repo, 'node_modules/vitest/vitest.mjs'), 'run', 'test/hardening/fuzz-', '--testTimeout=900000', '--hookTimeout=120000', '--reporter=dot'],
  { cwd: repo, stdio: 'inherit', env: { ...process.env, FUZZ_RUNS: runs, FUZZ_REPORT: reportFile } },
);

const counts = existsSync(reportFile) ? readFileSync(reportFile, 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l)) : [];
console.log('\ntarget'.padEnd(44), 'cases'.padStart(8), 'crashes'.padStart(8), ' outcomes');
for (const c of counts) console.log(c.target.padEnd(43), String(c.cases).padStart(8), String(c.crashes).padStart(8), ' ', JSON.stringify(c.outcomes));
const cases = counts.reduce((n, c) => n + c.cases, 0);
const crashes = counts.reduce((n, c) => n + c.crashes, 0);
console.log(`\ncases run: ${cases}, crashes: ${crashes}, targets: ${counts.length}, ${Math.round((Date.now() - started) / 1000)} s`);
process.exitCode = vitest.status === 0 && crashes === 0 ? 0 : 1;
