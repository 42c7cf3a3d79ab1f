/** Shared by the hardening tests: a fresh compiled CLI, an in-process `main()` with captured output, small HTTP servers on 127.0.0.1. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { main } from '../../cli/main.js';
import type { Io } from '../../cli/io.js';
import { repoRoot } from '../helpers/cli.js';

/** Rebuild dist/ when a source the CLI runs is newer than its compiled file (`npm test` has just built; a lone run may not have). */
export function ensureDistBuilt(): void {
  const stale = ['emulator', 'simulator', 'model', 'cli', 'linter'].some((dir) =>
    (readdirSync(resolve(repoRoot, dir), { recursive: true }) as string[]).some((file) => {
      if (!file.endsWith('.ts') || file.endsWith('.d.ts')) return false;
      const built = resolve(repoRoot, 'dist', dir, file.replace(/\.ts$/, '.js'));
      return !existsSync(built) || statSync(built).mtimeMs < statSync(resolve(repoRoot, dir, file)).mtimeMs;
    }),
  );
  if (stale) spawnSync(process.execPath, [resolve(repoRoot, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'ignore' });
}

export interface Captured {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tipkit ARGV` in this process, as the binary runs it but with output captured (much faster than spawning). */
export async function runMain(argv: string[], cwd: string): Promise<Captured> {
  let stdout = '';
  let stderr = '';
  const io: Io = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), isTTY: false, cwd };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

export interface TestServer {
  url: string;
  /** Requests received, by path. */
  hits: Map<string, number>;
  close(): Promise<void>;
}

/** An HTTP server on 127.0.0.1 whose handler may misbehave (stall, flood, redirect). */
export async function testServer(handler: (req: IncomingMessage, res: ServerResponse, url: string) => void): Promise<TestServer> {
  const hits = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    handler(req, res, url);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    hits,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        server.closeAllConnections();
      }),
  };
}
