/**
 * No leaks: tokens, client secrets, secret access keys and private keys never appear whole in any output —
 * lint text/json/sarif/github, simulate text/json (also --verbose), and the serve request log (text and JSON).
 * Planted values are searched for; issued values (random per run) are searched for by their shape.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeInput } from '../../emulator/load.js';
import { streamLogger } from '../../emulator/log.js';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
import { baseScenario, BACKEND, ISSUER_URL, JWT_BEARER, NOW_S, TOKEN_EXCHANGE, ACCESS_TOKEN_TYPE, DEVICE_CODE, testConfig } from '../simulator/helpers.js';
import { runMain } from './support.js';

const SECRET_ACCESS_KEY = 'PLANTEDsecretACCESSkey0123456789abcdefXYZ';
const CLIENT_SECRET = 'PLANTEDclientSECRET0123456789abcdefghijklmnopqrstuvwxyz';
const CONFIG_TOKEN = 'PLANTEDbearer0123456789abcdefghijklmnopqrs';

/** Whole issued values, by shape: opaque access/refresh tokens, client secrets, JWTs (idTokens, assertions). */
const ISSUED = [/\baoa[A-Za-z0-9_-]{40,}/, /\baor[A-Za-z0-9_-]{40,}/, /simsecret[A-Za-z0-9_-]{40,}/, /eyJ[\w-]{10,}\.eyJ[\w-]{10,}\.[\w-]{20,}/];

let dir: string;
let privateD: string;
let planted: string[];

function expectNoLeak(output: string, where: string, opts: { issued?: boolean } = {}): void {
  for (const value of planted) expect(output.includes(value), `${where} holds the planted ${value.slice(0, 12)}…`).toBe(false);
  if (opts.issued === false) return;
  for (const shape of ISSUED) expect(output, `${where} holds a whole token`).not.toMatch(shape);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tipkit-leaks-'));
  const config = testConfig() as { applications: { Tags?: unknown[]; Description?: string }[] };
  config.applications[0]!.Tags = [
    { Key: 'client_secret', Value: CLIENT_SECRET },
    { Key: 'auth', Value: `Bearer ${CONFIG_TOKEN}` },
  ];
  writeFileSync(join(dir, 'tipkit.yaml'), `${JSON.stringify(config, null, 2)}\n`);

  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid: 'leak-key', alg: 'ES256' };
  privateD = jwk.d!;
  writeFileSync(join(dir, 'key.json'), JSON.stringify(jwk));
  const literal = await new SignJWT({ email: 'nobody@example.com', aud: 'portal-aud' }).setProtectedHeader({ alg: 'ES256', kid: 'leak-key' }).setIssuer(ISSUER_URL).setIssuedAt(NOW_S).setExpirationTime(NOW_S + 300).sign(privateKey);
  planted = [SECRET_ACCESS_KEY, CLIENT_SECRET, CONFIG_TOKEN, privateD, literal];

  const login = { name: 'login', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion: { jwt: { issuer: 'idp', claims: { email: 'alice@example.com', aud: 'portal-aud' } } } } };
  const scenario = baseScenario(
    [
      login,
      { name: 'refused', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion: literal } },
      { name: 'refresh', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: 'refresh_token', refreshToken: '${login.refreshToken}' } },
      { name: 'exchange', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'warehouse', grantType: TOKEN_EXCHANGE, subjectToken: '${login.accessToken}', subjectTokenType: ACCESS_TOKEN_TYPE } },
      { name: 'exchange-refresh', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'warehouse', grantType: TOKEN_EXCHANGE, subjectToken: '${login.refreshToken}', subjectTokenType: ACCESS_TOKEN_TYPE } },
      { name: 'reg', operation: 'RegisterClient', input: { clientName: 'leaky', clientType: 'public' } },
      { name: 'device', operation: 'StartDeviceAuthorization', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', startUrl: 'https://example.awsapps.com/start' } },
      { name: 'poll', operation: 'CreateToken', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: DEVICE_CODE, deviceCode: '${device.deviceCode}' } },
      { name: 'bad-secret', operation: 'CreateToken', input: { clientId: '${reg.clientId}', clientSecret: CLIENT_SECRET, grantType: DEVICE_CODE, deviceCode: '${device.deviceCode}' } },
    ],
    {
      config: './tipkit.yaml',
      issuers: { idp: { privateJwk: './key.json' } },
      principals: { backend: { Arn: BACKEND, AccessKeyId: 'AKIDLEAKTEST', SecretAccessKey: SECRET_ACCESS_KEY } },
    },
  );
  writeFileSync(join(dir, 'scenario.yaml'), JSON.stringify(scenario, null, 2));
});

describe('lint output', () => {
  for (const format of ['text', 'json', 'sarif', 'github']) {
    it(`--format ${format} reports the secrets without repeating them`, async () => {
      const r = await runMain(['lint', 'tipkit.yaml', '--format', format], dir);
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(/secret-in-config/);
      expectNoLeak(r.stdout + r.stderr, `lint --format ${format}`);
    });
  }

  it('--output FILE holds no secret either', async () => {
    await runMain(['lint', 'tipkit.yaml', '--output', 'report.txt'], dir);
    expectNoLeak(readFileSync(join(dir, 'report.txt'), 'utf8'), 'lint --output');
  });
});

describe('simulate output', () => {
  it('the scenario exercises every token kind (control: success and refusal both happen)', async () => {
    const r = await runMain(['simulate', 'scenario.yaml', '--format', 'json'], dir);
    const results = JSON.parse(r.stdout).results as { name: string; outcome: string; response: Record<string, string> | null }[];
    const byName = Object.fromEntries(results.map((x) => [x.name, x]));
    for (const name of ['login', 'refresh', 'exchange', 'reg', 'device']) expect(byName[name]!.outcome, name).toBe('success');
    for (const name of ['refused', 'exchange-refresh', 'bad-secret']) expect(byName[name]!.outcome, name).toBe('error');
    // JSON is the machine-readable result: responses stay whole (the idToken decodes), unlike the text output.
    const idToken = byName.login!.response!.idToken!;
    expect(JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString())).toHaveProperty('sts:identity_context');
    expect(byName.reg!.response!.clientSecret).toMatch(ISSUED[2]!);
    const text = await runMain(['simulate', 'scenario.yaml', '--verbose'], dir);
    expect(text.stdout).not.toContain(idToken);
    expect(text.stdout).toMatch(/"idToken":"eyJ[^"]{3}…[^"]{4}"/);
  });

  for (const argv of [['--format', 'json'], ['--format', 'text'], ['--verbose'], ['--format', 'json', '--output', 'sim.json']]) {
    it(`simulate ${argv.join(' ')} holds no whole token, secret or key`, async () => {
      const r = await runMain(['simulate', 'scenario.yaml', ...argv], dir);
      expect([0, 1]).toContain(r.code);
      const written = argv.includes('--output') ? readFileSync(join(dir, 'sim.json'), 'utf8') : '';
      // JSON carries the simulator's own responses whole (see above); planted secrets never appear anywhere.
      expectNoLeak(r.stdout + r.stderr + written, `simulate ${argv.join(' ')}`, { issued: !argv.includes('json') });
    });
  }
});

describe('serve request log', () => {
  let emulator: RunningEmulator;
  const lines: string[] = [];
  const jsonLines: string[] = [];
  beforeAll(async () => {
    const input = await loadServeInput({ scenario: join(dir, 'scenario.yaml'), cwd: dir });
    const text = streamLogger((l) => lines.push(l), 'text');
    const json = streamLogger((l) => jsonLines.push(l), 'json');
    emulator = await startEmulator({ model: input.model, scenario: input.scenario, log: (e) => (text(e), json(e)) });
  });
  afterAll(() => emulator.close());

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${emulator.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('logs every call with tokens and secrets shortened', async () => {
    const reg = (await (await post('/client/register', { clientName: 'leaky', clientType: 'public' })).json()) as Record<string, string>;
    expect(reg.clientSecret).toMatch(/^simsecret/);
    await post('/device_authorization', { clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: 'https://example.awsapps.com/start' });
    await post('/token', { clientId: reg.clientId, clientSecret: CLIENT_SECRET, grantType: DEVICE_CODE, deviceCode: 'x'.repeat(40) });
    await post('/token', { clientId: `${CLIENT_SECRET}`, clientSecret: reg.clientSecret, grantType: 'refresh_token', refreshToken: `aor${'A'.repeat(43)}` });
    // A signed CreateTokenWithIAM with a real assertion and one with a wrong key, so sigv4 and grant failures are logged.
    const signer = (secret: string) => new SignatureV4({ service: 'sso-oauth', region: 'us-east-1', credentials: { accessKeyId: 'AKIDLEAKTEST', secretAccessKey: secret }, sha256: Sha256 });
    const url = new URL(emulator.url);
    for (const [secret, assertion] of [[SECRET_ACCESS_KEY, planted[4]!], [`${SECRET_ACCESS_KEY}x`, planted[4]!]] as const) {
      // serve takes the application's ARN, as AWS does.
      const body = JSON.stringify({ clientId: emulator.controlPlane.model().index.applicationByName.get('portal')!.arn, grantType: JWT_BEARER, assertion });
      const req = await signer(secret).sign(
        new HttpRequest({ method: 'POST', protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: '/token', query: { aws_iam: 't' }, headers: { host: url.host, 'content-type': 'application/json' }, body }),
      );
      await fetch(`${emulator.url}/token?aws_iam=t`, { method: 'POST', headers: req.headers as Record<string, string>, body });
    }
    await post('/token', `{"clientId":"portal","assertion":"${planted[4]}"`);
    expect(lines.length).toBe(7);
    expect(lines.join('')).toMatch(/InvalidClientException|InvalidGrantException/);
    expectNoLeak(lines.join(''), 'serve text log');
    expectNoLeak(jsonLines.join(''), 'serve JSON log');
  });
});
