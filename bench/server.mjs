/**
 * Runs one server for the HTTP figure in its own process on 127.0.0.1 and prints `{"port":N}` once listening:
 * `node bench/server.mjs emulator SCENARIO` (tipkit serve) or `node bench/server.mjs oidc-provider`.
 */
import { createServer } from 'node:http';
import { OIDC_CLIENT } from './exchange-fixture.mjs';

async function startTipkit(scenarioFile) {
  const { loadServeInput, startEmulator } = await import('../dist/emulator/index.js');
  const input = await loadServeInput({ scenario: scenarioFile, cwd: process.cwd() });
  const emulator = await startEmulator({ model: input.model, scenario: input.scenario, port: 0, log: false });
  return emulator.port;
}

/** oidc-provider with its defaults and one confidential client allowed client_credentials (opaque access tokens). */
async function startOidcProvider() {
  const { default: Provider } = await import('oidc-provider');
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [{ ...OIDC_CLIENT, grant_types: ['client_credentials'], response_types: [], redirect_uris: [] }],
    features: { devInteractions: { enabled: false }, clientCredentials: { enabled: true } },
    scopes: ['openid', 'api:read'],
  });
  server.keepAliveTimeout = 5000;
  server.on('request', provider.callback());
  return port;
}

const [kind, scenarioFile] = process.argv.slice(2);
const port = kind === 'emulator' ? await startTipkit(scenarioFile) : await startOidcProvider();
process.stdout.write(`${JSON.stringify({ port })}\n`);
// The bench ends this process by closing stdin (or killing it by pid).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
