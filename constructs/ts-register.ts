/**
 * `node --import tipkit/dist/constructs/ts-register.js main.ts`: runs a cdktf TypeScript app without ts-node
 * (Node 20 cannot strip types). Registers ts-hooks.js, which transpiles .ts modules as they load, and turns
 * on source maps so stack traces — and so the TipkitChecks locations — name the TypeScript lines.
 */
import { register } from 'node:module';

process.setSourceMapsEnabled(true);
register('./ts-hooks.js', import.meta.url);
