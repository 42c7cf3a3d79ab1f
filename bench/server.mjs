/**
 * Runs one server for the HTTP figure in its own process on 127.0.0.1 and prints `{"port":N}` once listening:
 * `node bench/server.mjs emulator SCENARIO` (tipkit serve), `node bench/server.mjs oidc-provider` (opaque access tokens)
 * or `node bench/server.mjs oidc-provider-jwt` (RS256-signed JWT access tokens, a signature per request as the emulator makes),
 * or `node bench/server.mjs bare-jose IDP_PRIVATE_JWK` (the bare jose server, serve's baseline).
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

/**
 * The bare limit of serve: node:http, reads the JSON body, verifies the assertion with jose (the IdP's public key,
 * iss, aud, exp) and signs an ES256 token, as the emulator must at least do per request.
 */
async function startBareJose(privateJwkFile) {
  const { readFileSync } = await import('node:fs');
  const { importJWK, jwtVerify, SignJWT, generateKeyPair } = await import('jose');
  const { ISSUER_URL, AUDIENCE, APPLICATION } = await import('./exchange-fixture.mjs');
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = JSON.parse(readFileSync(privateJwkFile, 'utf8'));
  const publicKey = await importJWK(publicJwk, publicJwk.alg);
  const { privateKey } = await generateKeyPair('ES256');
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
        const { payload } = await jwtVerify(body.assertion, publicKey, { issuer: ISSUER_URL, audience: AUDIENCE });
        const idToken = await new SignJWT({ 'sts:identity_context': 'x' }).setProtectedHeader({ alg: 'ES256', kid: 'k', typ: 'JWT' }).setIssuer('https://identitycenter.amazonaws.com/ssoins-7223e2ee1a2b3c4d').setSubject(String(payload.email)).setAudience(APPLICATION).setIssuedAt().setExpirationTime('1h').sign(privateKey);
        const text = JSON.stringify({ accessToken: 'x', tokenType: 'Bearer', expiresIn: 3600, idToken });
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) }).end(text);
      } catch (err) {
        res.writeHead(400).end(String(err));
      }
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server.address().port;
}

const [kind, file] = process.argv.slice(2);
const port = kind === 'emulator' ? await startTipkit(file) : kind === 'bare-jose' ? await startBareJose(file) : await startOidcProvider(kind === 'oidc-provider-jwt');
process.stdout.write(`${JSON.stringify({ port })}\n`);
// The bench ends this process by closing stdin (or killing it by pid).
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
