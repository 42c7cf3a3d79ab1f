import { readdirSync, readFileSync } from 'node:fs';
import { defineConfig } from 'vitest/config';

/**
 * Two projects. `unit` runs in-process (`npm run test:quick`, the edit loop); `slow` holds every test file that
 * starts processes — the built CLI, tsc, terraform, the AWS CLI, a browser, npm — and the fuzz, flood and
 * type-checking runs, which dominate `npm test`. A file is put in `slow` by what it does, so a new test that
 * spawns a process lands there without anyone listing it.
 */
const STARTS_PROCESSES = /\b(runCli|runCliAsync|spawnSync|execFile|execFileSync|execSync|ensureDistBuilt|awsCliMissing|playwright|chromium)\b|\b(spawn|fork)\(/;
const HEAVY = ['test/constructs/grant-typing.test.ts', 'test/hardening/load.test.ts', 'test/hardening/register-flood.test.ts', 'test/hardening/fuzz-config.test.ts', 'test/hardening/fuzz-http.test.ts', 'test/hardening/fuzz-simulator.test.ts'];

const testFiles = (readdirSync('test', { recursive: true }) as string[]).filter((f) => f.endsWith('.test.ts')).map((f) => `test/${f.split('\\').join('/')}`);
export const slowTestFiles = [...new Set([...testFiles.filter((f) => STARTS_PROCESSES.test(readFileSync(f, 'utf8'))), ...HEAVY])].sort();

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // CI has 2 cores; the emulator and browser tests start servers of their own.
    maxWorkers: 2,
    projects: [
      { extends: true, test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: slowTestFiles } },
      { extends: true, test: { name: 'slow', include: slowTestFiles } },
    ],
  },
});
