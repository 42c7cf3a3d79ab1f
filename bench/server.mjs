/**
 * Runs one server for the HTTP figure in its own process on 127.0.0.1 and prints `{"port":N}` once listening:
 * `node bench/server.mjs emulator SCENARIO` (tipkit serve), `node bench/server.mjs oidc-provider` (opaque access tokens)
 * or `node bench/server.mjs oidc-provider-jwt` (RS256-signed JWT access tokens, a signature per request as the emulator makes).
 */
import { createServer } from 'node:http';
import { OIDC_CLIENT } from './exchange-fixture.mjs';

async function startTipkit(scenarioFile) {
  const { loadServeInput, startEmulator } = await import('../dist/emulator/index.js');
  const input = await loadServeInput({ scenario: scenarioFile, cwd: process.cwd() });
  const emulator = await startEmulator({ model: input.model, scenario: input.scenario, port: 0, log: false });
  return emulator.port;
}

/** oidc-provider with its defaults and one confidential client allowed client_credentials; `jwt`: JWT access tokens. */
async function startOidcProvider(jwt) {
  const { default: Provider } = await import('oidc-provider');
  const { exportJWK, generateKeyPair } = await import('jose');
  const server = createServer();
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = server.address().port;
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const provider = new Provider(`http://127.0.0.1:${port}`, {
    clients: [{ ...OIDC_CLIENT, grant_types: ['client_credentials'], response_types: [], redirect_uris: [] }],
    jwks: { keys: [{ ...(await exportJWK(privateKey)), kid: 'bench-rs256', alg: 'RS256', use: 'sig' }] },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      ...(jwt
        ? {
            resourceIndicators: {
              enabled: true,
              defaultResource: () => 'urn:bench:api',
              useGrantedResource: () => true,
              getResourceServerInfo: () => ({ scope: 'api:read', audience: 'bench-api', accessTokenFormat: 'jwt', jwt: { sign: { alg: 'RS256' } } }),
            },
          }
        : {}),
    },
    scopes: ['openid', 'api:read'],
  });
  server.keepAliveTimeout = 5000;
  server.on('request', provider.callback());
  return port;
}

const [kind, scenarioFile] = process.argv.slice(2);
const port = kind === 'emulator' ? await startTipkit(scenarioFile) : await startOidcProvider(kind === 'oidc-provider-jwt');
process.stdout.write(`${JSON.stringify({ port })}\n`);
// The bench ends this process by closing stdin (or killing it by pid).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
