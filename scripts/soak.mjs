#!/usr/bin/env node
// `npm run soak`: `tipkit serve` (the built CLI) under concurrency 50 for 60 s on 127.0.0.1 with a mix of valid
// and invalid SSO OIDC requests; prints requests, 5xx count and the server's resident memory after warm-up and
// at the end. Exit 1 on any 5xx, unexpected status, or memory growth over 20 %. The load driver is exported for
// the test-sized run in test/hardening/load.test.ts.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';

const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
const ISSUER_URL = 'https://idp.example.com';
/** The soak application's ARN: serve, as AWS, takes application clients by ARN only. */
const PORTAL_ARN = 'arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-50a4b0c7e1d2f3a4';
export const SOAK_PRINCIPAL = { accessKeyId: 'AKIDSOAK0000000000001', secretAccessKey: 'soak-secret-access-key-0000000000000000' };

/** A config + scenario (short lifetimes, so what is issued expires and is evicted during the run) and a signed assertion. */
export async function writeSoakFixture(dir = mkdtempSync(join(tmpdir(), 'tipkit-soak-'))) {
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  writeFileSync(join(dir, 'idp.jwk.json'), JSON.stringify({ ...(await exportJWK(privateKey)), kid: 'soak-key', alg: 'ES256' }));
  const iam = (role) => ({
    AuthenticationMethodType: 'IAM',
    AuthenticationMethod: { Iam: { ActorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: role }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } } },
  });
  const role = 'arn:aws:iam::111122223333:role/SoakBackend';
  const config = {
    version: 1,
    instance: { InstanceArn: 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d', IdentityStoreId: 'd-9067642ac7', Region: 'us-east-1' },
    trustedTokenIssuers: [
      {
        Name: 'idp',
        TrustedTokenIssuerType: 'OIDC_JWT',
        TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { IssuerUrl: ISSUER_URL, ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY' } },
      },
    ],
    applications: [
      {
        Name: 'portal',
        ApplicationArn: PORTAL_ARN,
        Grants: [
          { GrantType: JWT_BEARER, Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: 'idp', AuthorizedAudiences: ['portal-aud'] }] } } },
          { GrantType: 'refresh_token', Grant: { RefreshToken: {} } },
        ],
        AssignmentRequired: false,
        AccessScopes: [{ Scope: 'redshift:connect' }],
        AuthenticationMethods: [iam(role)],
      },
    ],
  };
  const scenario = {
    version: 1,
    config: './tipkit.json',
    lifetimes: { accessToken: '2s', refreshToken: '2s', authorizationCode: '2s', deviceCode: '2s', clientSecret: '2s', deviceInterval: '1s' },
    identityStore: { Users: [{ UserId: 'u-alice', UserName: 'alice', Emails: [{ Value: 'alice@example.com', Primary: true }] }] },
    issuers: { idp: { privateJwk: './idp.jwk.json' } },
    principals: { backend: { Arn: role, AccessKeyId: SOAK_PRINCIPAL.accessKeyId, SecretAccessKey: SOAK_PRINCIPAL.secretAccessKey } },
    requests: [],
  };
  writeFileSync(join(dir, 'tipkit.json'), JSON.stringify(config, null, 2));
  writeFileSync(join(dir, 'scenario.json'), JSON.stringify(scenario, null, 2));
  // No jti, so one assertion serves the whole run (a jti would be refused as a replay after its first use).
  const assertion = await new SignJWT({ email: 'alice@example.com' })
    .setProtectedHeader({ alg: 'ES256', kid: 'soak-key', typ: 'JWT' })
    .setIssuer(ISSUER_URL)
    .setAudience('portal-aud')
    .setIssuedAt()
    .setExpirationTime('2h')
    .sign(privateKey);
  return { dir, scenarioFile: join(dir, 'scenario.json'), assertion };
}

/** What each kind of request must answer (status class); anything else counts as unexpected. */
const EXPECTED = {
  'iam-jwt-bearer': [200],
  'iam-refresh': [200],
  register: [200],
  'device-start': [200],
  'device-poll': [400],
  health: [200],
  'bad-json': [400],
  'bad-signature': [400, 403],
  'garbage-assertion': [400],
  'unknown-operation': [400, 404, 405],
  'wrong-content-type': [400, 415],
  oversize: [413],
};

/**
 * Drive `url` with `concurrency` workers until `requests` have been sent or `durationMs` has passed,
 * whichever is first. Returns counts by kind and status.
 */
export async function runLoad({ url, assertion, concurrency = 50, requests = Infinity, durationMs = Infinity, principal = SOAK_PRINCIPAL }) {
  const target = new URL(url);
  const signer = (secret) => new SignatureV4({ service: 'sso-oauth', region: 'us-east-1', credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: secret }, sha256: Sha256 });
  const good = signer(principal.secretAccessKey);
  const bad = signer(`${principal.secretAccessKey}-wrong`);
  const stats = { requests: 0, byStatus: {}, byKind: {}, status5xx: 0, unexpected: [], errors: [] };
  const deadline = Date.now() + durationMs;
  let budget = requests;

  const send = async (kind, path, init) => {
    const res = await fetch(`${url}${path}`, init);
    const text = await res.text();
    stats.requests++;
    stats.byStatus[res.status] = (stats.byStatus[res.status] ?? 0) + 1;
    stats.byKind[kind] = (stats.byKind[kind] ?? 0) + 1;
    if (res.status >= 500) stats.status5xx++;
    if (!EXPECTED[kind].includes(res.status) && stats.unexpected.length < 20) stats.unexpected.push(`${kind}: ${res.status} ${text.slice(0, 200)}`);
    return { status: res.status, json: () => JSON.parse(text) };
  };
  const json = (body) => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: typeof body === 'string' ? body : JSON.stringify(body) });
  const signed = async (s, body) => {
    const req = await s.sign(
      new HttpRequest({ method: 'POST', protocol: 'http:', hostname: target.hostname, port: Number(target.port), path: '/token', query: { aws_iam: 't' }, headers: { host: target.host, 'content-type': 'application/json' }, body }),
    );
    return { method: 'POST', headers: req.headers, body };
  };
  const bigBody = JSON.stringify({ clientId: 'x', pad: 'x'.repeat(2 * 1024 * 1024) });

  /** One step of a worker: a few requests of one kind (a device flow is three). */
  const steps = [
    [30, async () => {
      const r = await send('iam-jwt-bearer', '/token?aws_iam=t', await signed(good, JSON.stringify({ clientId: PORTAL_ARN, grantType: JWT_BEARER, assertion })));
      if (r.status === 200 && Math.random() < 0.3) {
        const refreshToken = r.json().refreshToken;
        await send('iam-refresh', '/token?aws_iam=t', await signed(good, JSON.stringify({ clientId: PORTAL_ARN, grantType: 'refresh_token', refreshToken })));
      }
    }],
    [15, async () => {
      const reg = await send('register', '/client/register', json({ clientName: `soak-${Math.random()}`, clientType: 'public' }));
      if (reg.status !== 200) return;
      const { clientId, clientSecret } = reg.json();
      const dev = await send('device-start', '/device_authorization', json({ clientId, clientSecret, startUrl: 'https://example.awsapps.com/start' }));
      if (dev.status !== 200) return;
      await send('device-poll', '/token', json({ clientId, clientSecret, grantType: DEVICE_CODE, deviceCode: dev.json().deviceCode }));
    }],
    [10, () => send('health', '/_tipkit/health', { method: 'GET' })],
    [10, () => send('bad-json', '/token', json('{"clientId": "portal", '))],
    [10, async () => send('bad-signature', '/token?aws_iam=t', await signed(bad, JSON.stringify({ clientId: PORTAL_ARN, grantType: JWT_BEARER, assertion })))],
    [10, async () => send('garbage-assertion', '/token?aws_iam=t', await signed(good, JSON.stringify({ clientId: PORTAL_ARN, grantType: JWT_BEARER, assertion: `${'e'.repeat(Math.floor(Math.random() * 500))}.x.y` })))],
    [5, () => send('unknown-operation', '/no/such/operation', json({}))],
    [5, () => send('wrong-content-type', '/client/register', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'clientName=x' })],
    [1, async () => {
      try {
        await send('oversize', '/client/register', json(bigBody));
      } catch (err) {
        // The server answers 413 and closes before the upload ends; the client may see the close instead.
        if (!['EPIPE', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(err?.cause?.code)) throw err;
        stats.requests++;
        stats.byKind.oversize = (stats.byKind.oversize ?? 0) + 1;
        stats.byStatus['closed'] = (stats.byStatus['closed'] ?? 0) + 1;
      }
    }],
  ];
  const total = steps.reduce((n, [w]) => n + w, 0);
  const pick = () => {
    let r = Math.random() * total;
    for (const [w, step] of steps) if ((r -= w) < 0) return step;
    return steps[0][1];
  };

  const worker = async () => {
    while (budget > 0 && Date.now() < deadline) {
      budget--;
      try {
        await pick()();
      } catch (err) {
        if (stats.errors.length < 20) stats.errors.push(String(err?.cause?.code ?? err?.message ?? err));
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return stats;
}

/** Resident memory of a process in KiB (Linux /proc, else ps). */
function rssKiB(pid) {
  return Number(execFileSync('ps', ['-o', 'rss=', '-p', String(pid)], { encoding: 'utf8' }).trim());
}

async function main() {
  const durationMs = Number(process.env.SOAK_SECONDS ?? 60) * 1000;
  const warmupMs = Math.min(15_000, durationMs / 4);
  const concurrency = Number(process.env.SOAK_CONCURRENCY ?? 50);
  const repo = resolve(import.meta.dirname, '..');
  const fixture = await writeSoakFixture();
  const child = spawn(process.execPath, [join(repo, 'bin/tipkit.js'), 'serve', '--scenario', fixture.scenarioFile, '--port', '0', '--quiet'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((ok, fail) => {
    createInterface({ input: child.stdout }).on('line', (line) => {
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(line);
      if (m) ok(m[1]);
    });
    child.on('exit', (code) => fail(new Error(`tipkit serve exited with ${code} before listening`)));
  });
  console.log(`soak: tipkit serve at ${url}, concurrency ${concurrency}, ${durationMs / 1000} s (warm-up ${warmupMs / 1000} s)`);
  try {
    const warm = await runLoad({ url, assertion: fixture.assertion, concurrency, durationMs: warmupMs });
    const rssStart = rssKiB(child.pid);
    const run = await runLoad({ url, assertion: fixture.assertion, concurrency, durationMs: durationMs - warmupMs });
    const rssEnd = rssKiB(child.pid);
    const requests = warm.requests + run.requests;
    const status5xx = warm.status5xx + run.status5xx;
    const unexpected = [...warm.unexpected, ...run.unexpected];
    const errors = [...warm.errors, ...run.errors];
    const growth = (rssEnd - rssStart) / rssStart;
    console.log(`requests: ${requests} (${Math.round(requests / (durationMs / 1000))}/s)`);
    console.log(`by status: ${JSON.stringify(Object.fromEntries(Object.keys({ ...warm.byStatus, ...run.byStatus }).map((s) => [s, (warm.byStatus[s] ?? 0) + (run.byStatus[s] ?? 0)])))}`);
    console.log(`by kind: ${JSON.stringify(run.byKind)}`);
    console.log(`5xx: ${status5xx}`);
    console.log(`unexpected statuses: ${unexpected.length}${unexpected.length ? `\n  ${unexpected.join('\n  ')}` : ''}`);
    console.log(`client errors: ${errors.length}${errors.length ? ` (${[...new Set(errors)].join(', ')})` : ''}`);
    console.log(`memory (RSS): after warm-up ${(rssStart / 1024).toFixed(1)} MiB, end ${(rssEnd / 1024).toFixed(1)} MiB (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)}%)`);
    const ok = status5xx === 0 && unexpected.length === 0 && errors.length === 0 && growth <= 0.2;
    console.log(ok ? 'soak: OK' : 'soak: FAILED');
    process.exitCode = ok ? 0 : 1;
  } finally {
    child.kill('SIGTERM');
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await main();
