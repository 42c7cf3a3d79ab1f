/** Runs the built CLI (`bin/tipkit.js`, compiled by `pretest`) as a user would, and captures what it prints. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { resolve } from 'node:path';

export const repoRoot = resolve(import.meta.dirname, '../..');
const bin = resolve(repoRoot, 'bin/tipkit.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { cwd?: string; input?: string; env?: Record<string, string> } = {}): CliResult {
  const r = spawnSync(process.execPath, [bin, ...args], {
    cwd: opts.cwd ?? repoRoot,
    input: opts.input ?? '',
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...opts.env },
    timeout: 120_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/**
 * Rebuild dist/ when a source the CLI runs is newer than its compiled file: `npm test` has just built, a lone
 * `vitest run FILE` may not have. tsc emits even when an unrelated file has a type error.
 */
export function ensureDistBuilt(): void {
  const stale = ['emulator', 'simulator', 'model', 'inputs', 'cli', 'linter', 'constructs', 'access'].filter((dir) => existsSync(resolve(repoRoot, dir))).some((dir) =>
    (readdirSync(resolve(repoRoot, dir), { recursive: true }) as string[]).some((file) => {
      if (!file.endsWith('.ts') || file.endsWith('.d.ts')) return false;
      const built = resolve(repoRoot, 'dist', dir, file.replace(/\.ts$/, '.js'));
      return !existsSync(built) || statSync(built).mtimeMs < statSync(resolve(repoRoot, dir, file)).mtimeMs;
    }),
  );
  if (stale) spawnSync(process.execPath, [resolve(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'ignore' });
}
