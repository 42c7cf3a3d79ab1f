/**
 * The built CLI in a child process with a heap ceiling, killed (and reported) past a time ceiling: how the hardening
 * tables run hostile small inputs (exhaustion, hcl-exhaustion, typescript-exhaustion). The ceilings catch "runs for
 * minutes" and "needs gigabytes", not speed.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { repoRoot } from './cli.js';

export const HEAP_CEILING_MB = 512;
export const TIME_CEILING_MS = 60_000;
/** Kept of stdout (a JSON report); more is drained and dropped. Kept of stderr: its head is what a failure shows. */
const MAX_STDOUT = 64 * 1024 * 1024;
const MAX_STDERR = 64 * 1024;

export interface BoundedOutcome {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Still running at the time ceiling, so killed. */
  killed: boolean;
  stdout: string;
  stderr: string;
  ms: number;
}

export function runBounded(argv: readonly string[], cwd: string, ceilings: { heapMb?: number; timeMs?: number } = {}): Promise<BoundedOutcome> {
  const started = Date.now();
  const child = spawn(process.execPath, [`--max-old-space-size=${ceilings.heapMb ?? HEAP_CEILING_MB}`, resolve(repoRoot, 'bin/tipkit.js'), ...argv], {
    cwd,
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    if (stdout.length < MAX_STDOUT) stdout += d;
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => {
    if (stderr.length < MAX_STDERR) stderr += d;
  });
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill('SIGKILL');
  }, ceilings.timeMs ?? TIME_CEILING_MS);
  return new Promise((done) =>
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      done({ code, signal, killed, stdout, stderr, ms: Date.now() - started });
    }),
  );
}
