/** Shared by the hardening tests: a fresh compiled CLI, an in-process `main()` with captured output, small HTTP servers on 127.0.0.1. */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { main } from '../../cli/main.js';
import type { Io } from '../../cli/io.js';

export { ensureDistBuilt } from '../helpers/cli.js';

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
