/** Runs the CLI in-process against a temporary project (fast); the exit-code tests also spawn the real binary. */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { main } from '../../../cli/main.js';
import type { CliResult } from '../../helpers/cli.js';

export function project(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tipkit-lint-cli-'));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

export async function runInProcess(args: string[], cwd: string, isTTY = false): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY, cwd });
  return { code, stdout, stderr };
}
