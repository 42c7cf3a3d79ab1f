/**
 * `node --import tipkit/ts-register main.ts`: runs a cdktf TypeScript app without ts-node (Node 20 cannot strip
 * types). Registers ts-hooks.js, which transpiles .ts modules as they load, and turns on source maps so stack
 * traces — and so the TipkitChecks locations — name the TypeScript lines.
 *
 * `cdktf synth` prints the annotations of a synth itself; run straight with node, cdktf only writes them to
 * manifest.json and fails on an error annotation with a stack trace. So on this route TipkitChecks prints its
 * warnings (PRINT_ANNOTATIONS), and a failed synth or an unsupported compiler is its message, exit 1.
 */
import { register } from 'node:module';
import { inspect } from 'node:util';
import { PRINT_ANNOTATIONS } from './annotations-output.js';

process.setSourceMapsEnabled(true);
(globalThis as Record<symbol, unknown>)[PRINT_ANNOTATIONS] = true;
register('./ts-hooks.js', import.meta.url);

process.on('uncaughtException', (err: unknown) => {
  const message = err instanceof Error ? err.message : '';
  const expected = message.startsWith('Encountered Annotations with level "ERROR"') || (err as { code?: string } | undefined)?.code === 'UnsupportedTypeScript';
  process.stderr.write(expected ? `${message.trimEnd()}\n` : `${inspect(err)}\n`);
  process.exit(1);
});
