/**
 * A web page the user visits must not drive `tipkit serve`: each attack of the review is replayed as the browser
 * would send it, and must be refused with its own status while the action it aimed at does not happen.
 *
 * | attack                                              | what the browser sends                          | answer |
 * |-----------------------------------------------------|-------------------------------------------------|--------|
 * | DNS rebinding (evil.example resolves to 127.0.0.1)  | Host: evil.example:PORT, on any route or page   | 421    |
 * | cross-site fetch / form post                        | Origin: https://evil.example (or `null`)        | 403    |
 * | `fetch(…, {mode: 'no-cors'})` with a Blob body      | POST without Content-Type                       | 415    |
 * | another local user or process                       | no `authorization: Bearer <admin token>`        | 401    |
 * | another local process, on the pages                 | GET /device for the CSRF token, then the form   | 401    |
 * | a `javascript:` / `data:` redirect URI              | RegisterClient, GET /authorize, Authorize       | 400    |
 * | claims nested 20,000 deep to /_tipkit/jwt           | one JSON body                                   | 400    |
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adminPost, pageCookie, startFromFixture, writeFixture, type Started } from '../emulator/helpers.js';
import { byName, refusal, runScenario, testConfig, testModel } from '../simulator/helpers.js';

let started: Started;
let port: number;
/** The pages' cookie, as a browser holds it after opening the link serve printed. */
let cookie: string;

beforeAll(async () => {
  started = await startFromFixture(await writeFixture());
  port = started.emulator.port;
  cookie = await pageCookie(started.emulator);
});
afterAll(() => started?.emulator.close());

interface Sent {
  method?: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}

/** A raw request (node:http), so Host, Origin and a missing Content-Type go out exactly as a browser would send them. */
function send(req: Sent): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: string }> {
  return new Promise((resolve, reject) => {
    const r = request({ host: '127.0.0.1', port, method: req.method ?? 'POST', path: req.path, headers: { host: `127.0.0.1:${port}`, ...req.headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
    });
    r.on('error', reject);
    r.end(req.body);
  });
}

const json = { 'content-type': 'application/json' };
const bearer = () => ({ authorization: `Bearer ${started.emulator.adminToken}` });

/** A device authorization waiting for its user, and a poll that says whether someone approved it. */
async function pendingDevice(): Promise<{ userCode: string; approved: () => Promise<boolean> }> {
  const reg = JSON.parse((await send({ path: '/client/register', headers: json, body: JSON.stringify({ clientName: 'victim-cli', clientType: 'public' }) })).body);
  const start = JSON.parse(
    (await send({ path: '/device_authorization', headers: json, body: JSON.stringify({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: 'https://d-1234567890.awsapps.com/start' }) })).body,
  );
  const approved = async () => {
    const poll = await send({ path: '/token', headers: json, body: JSON.stringify({ clientId: reg.clientId, clientSecret: reg.clientSecret, grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: start.deviceCode }) });
    // A second poll within the interval is SlowDown, which also means "not approved yet".
    if (poll.status === 200) return true;
    expect(poll.headers['x-amzn-errortype']).toMatch(/^(AuthorizationPendingException|SlowDownException)$/);
    return false;
  };
  return { userCode: start.userCode, approved };
}

describe('approving a device code from a web page', () => {
  const approveBody = (userCode: string) => JSON.stringify({ userCode, user: 'mallory' });
  const attacks: [string, (userCode: string) => Sent, number, string][] = [
    ['DNS rebinding: Host is the attacker name', (c) => ({ path: '/_tipkit/approve-device', headers: { ...json, ...bearer(), host: `evil.example:${port}`, origin: `http://evil.example:${port}` }, body: approveBody(c) }), 421, 'MisdirectedRequestException'],
    ['a foreign Origin, even with a JSON body and the token', (c) => ({ path: '/_tipkit/approve-device', headers: { ...json, ...bearer(), origin: 'https://evil.example' }, body: approveBody(c) }), 403, 'ForbiddenOriginException'],
    ['Origin: null (a sandboxed frame)', (c) => ({ path: '/_tipkit/approve-device', headers: { ...json, ...bearer(), origin: 'null' }, body: approveBody(c) }), 403, 'ForbiddenOriginException'],
    ['a localhost Origin on another port (a different local app)', (c) => ({ path: '/_tipkit/approve-device', headers: { ...json, ...bearer(), origin: 'http://localhost:3000' }, body: approveBody(c) }), 403, 'ForbiddenOriginException'],
    ['a no-cors POST without Content-Type', (c) => ({ path: '/_tipkit/approve-device', headers: bearer(), body: approveBody(c) }), 415, 'UnsupportedMediaTypeException'],
    ['a text/plain POST (a form or a string body)', (c) => ({ path: '/_tipkit/approve-device', headers: { ...bearer(), 'content-type': 'text/plain;charset=UTF-8' }, body: approveBody(c) }), 415, 'UnsupportedMediaTypeException'],
    ['no admin token', (c) => ({ path: '/_tipkit/approve-device', headers: json, body: approveBody(c) }), 401, 'UnauthorizedException'],
    ['a wrong admin token', (c) => ({ path: '/_tipkit/approve-device', headers: { ...json, authorization: `Bearer ${started.emulator.adminToken}x` }, body: approveBody(c) }), 401, 'UnauthorizedException'],
  ];

  for (const [title, attack, status, type] of attacks) {
    it(`${title}: ${status} ${type}, and the code stays unapproved`, async () => {
      const device = await pendingDevice();
      const res = await send(attack(device.userCode));
      expect(res.status).toBe(status);
      expect(res.headers['x-amzn-errortype']).toBe(type);
      expect(JSON.parse(res.body)).toEqual({ message: expect.any(String) });
      if (status === 401) expect(res.headers['www-authenticate']).toMatch(/^Bearer /);
      expect(await device.approved()).toBe(false);
      expect(started.log.at(-2)).toMatchObject({ path: '/_tipkit/approve-device', status, failedCheck: expect.stringMatching(/^(host|origin|content-type|admin-token)$/) });
    });
  }

  it('control: the same approval with JSON, the token and serve’s own Host and Origin goes through', async () => {
    const device = await pendingDevice();
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      const res = await send({ path: '/_tipkit/health', method: 'GET', headers: { host, origin: `http://${host}` } });
      expect(res.status, host).toBe(200);
    }
    const ok = await send({ path: '/_tipkit/approve-device', headers: { ...json, ...bearer(), origin: `http://localhost:${port}` }, body: approveBody(device.userCode) });
    expect(ok.status).toBe(200);
    expect(await device.approved()).toBe(true);
  });
});

describe('the pages need the admin token too (item 9 of issue 22)', () => {
  const form = { 'content-type': 'application/x-www-form-urlencoded' };
  const csrfOf = (html: string) => /name="csrf" value="([0-9a-f]+)"/.exec(html)?.[1];

  it('another local process gets no form and no CSRF token, its guessed post is refused, and the code stays unapproved', async () => {
    const device = await pendingDevice();
    const page = await send({ method: 'GET', path: `/device?user_code=${device.userCode}` });
    expect(page.status).toBe(401);
    expect(String(page.headers['content-type'])).toMatch(/^text\/html/);
    expect(page.body).toContain('open the link tipkit serve printed at start');
    expect(csrfOf(page.body)).toBeUndefined();
    const posted = await send({ path: '/device', headers: form, body: `csrf=${'0'.repeat(32)}&user_code=${device.userCode}&user=mallory` });
    expect(posted.status).toBe(401);
    const authorize = await send({ method: 'GET', path: '/authorize?client_id=x&redirect_uri=https://app.example.com/cb' });
    expect(authorize.status).toBe(401);
    expect(await device.approved()).toBe(false);
    expect(started.log.at(-2)).toMatchObject({ path: '/authorize', status: 401, failedCheck: 'page-session' });
  });

  it('a wrong admin_token in the link sets no cookie', async () => {
    const res = await send({ method: 'GET', path: `/device?admin_token=${started.emulator.adminToken}x` });
    expect(res.status).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('the printed link sets an HttpOnly, SameSite cookie, drops the token from the address, and the page then approves', async () => {
    const link = new URL(started.emulator.pagesUrl);
    const signIn = await send({ method: 'GET', path: `${link.pathname}${link.search}&user_code=ABCD` });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.location).toBe('/device?user_code=ABCD');
    expect(String(signIn.headers['set-cookie'])).toMatch(/^tipkit_pages=[\w-]+; HttpOnly; SameSite=Lax; Path=\/$/);
    expect(String(signIn.headers['set-cookie'])).not.toContain(started.emulator.adminToken);
    const device = await pendingDevice();
    const page = await send({ method: 'GET', path: `/device?user_code=${device.userCode}`, headers: { cookie } });
    expect(page.status).toBe(200);
    const posted = await send({ path: '/device', headers: { ...form, cookie }, body: `csrf=${csrfOf(page.body)}&user_code=${device.userCode}&user=alice` });
    expect(posted.status).toBe(200);
    expect(await device.approved()).toBe(true);
  });
});

describe('every route checks Host and Origin', () => {
  const routes: Sent[] = [
    { method: 'GET', path: '/device' },
    { method: 'GET', path: '/authorize?client_id=x&redirect_uri=https://app.example.com/cb' },
    { method: 'POST', path: '/device', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'user_code=ABCD-EFGH&user=alice' },
    { method: 'GET', path: '/_tipkit/health' },
    { method: 'POST', path: '/_tipkit/jwt', headers: json, body: '{"issuer":"corp-idp"}' },
    { method: 'POST', path: '/client/register', headers: json, body: '{"clientName":"x","clientType":"public"}' },
    { method: 'POST', path: '/token', headers: json, body: '{}' },
    { method: 'GET', path: '/no/such/route' },
  ];
  for (const route of routes) {
    it(`${route.method} ${route.path.split('?')[0]}: a foreign Host is 421, a foreign Origin 403`, async () => {
      const rebound = await send({ ...route, headers: { ...route.headers, host: `evil.example:${port}` } });
      expect(rebound.status).toBe(421);
      expect(rebound.body).toContain(`use http://127.0.0.1:${port}`);
      const wrongPort = await send({ ...route, headers: { ...route.headers, host: `127.0.0.1:${port + 1}` } });
      expect(wrongPort.status).toBe(421);
      const crossSite = await send({ ...route, headers: { ...route.headers, origin: 'https://evil.example' } });
      expect(crossSite.status).toBe(403);
      // Pages answer in HTML, the API in JSON.
      const page = route.path.startsWith('/device') || route.path.startsWith('/authorize');
      expect(String(crossSite.headers['content-type'])).toMatch(page ? /^text\/html/ : /^application\/json/);
    });
  }
  it('a minted JWT is not readable after DNS rebinding', async () => {
    const res = await send({ path: '/_tipkit/jwt', headers: { ...json, ...bearer(), host: `attacker.example:${port}` }, body: JSON.stringify({ issuer: 'corp-idp', claims: { email: 'alice@example.com' }, expiresIn: 3_000_000_000 }) });
    expect(res.status).toBe(421);
    expect(res.body).not.toMatch(/eyJ/);
  });
});

describe('redirect URIs that are not http(s)', () => {
  const schemes = ['javascript:alert(document.domain)//', 'data:text/html,<script>alert(1)</script>', 'file:///etc/passwd', 'vbscript:msgbox(1)', 'ftp://files.example.com/cb'];
  for (const uri of schemes) {
    it(`RegisterClient refuses ${uri.split(':')[0]}: with InvalidRedirectUriException`, async () => {
      const res = await send({ path: '/client/register', headers: json, body: JSON.stringify({ clientName: 'x', clientType: 'public', grantTypes: ['authorization_code'], redirectUris: [uri] }) });
      expect(res.status).toBe(400);
      expect(res.headers['x-amzn-errortype']).toBe('InvalidRedirectUriException');
      expect(JSON.parse(res.body).error_description).toMatch(/not an http or https URI/);
    });
    it(`GET /authorize refuses a ${uri.split(':')[0]}: redirect_uri before anything else`, async () => {
      const res = await send({ method: 'GET', path: `/authorize?client_id=any&redirect_uri=${encodeURIComponent(uri)}`, headers: { cookie } });
      expect(res.status).toBe(400);
      expect(res.body).toContain('redirect_uri must be an http or https URL');
      expect(res.body).not.toContain('<form');
    });
  }
});

describe('Authorize refuses a redirect URI that is not http(s), even one an application declares', () => {
  it('simulate: a config with RedirectUris [javascript:…] gets no code for it', async () => {
    const config = testConfig() as { applications: { Name: string; Grants: { Grant: { AuthorizationCode?: { RedirectUris: string[] } } }[] }[] };
    const web = config.applications.find((a) => a.Name === 'web')!;
    web.Grants[0]!.Grant.AuthorizationCode!.RedirectUris.push('javascript:alert(document.cookie)//', 'https://web.example.com/ok');
    const authorize = (name: string, redirectUri: string) => ({ name, operation: 'Authorize', input: { clientId: 'web', redirectUri, user: 'alice', codeChallenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', codeChallengeMethod: 'S256' } });
    const report = await runScenario([authorize('js', 'javascript:alert(document.cookie)//'), authorize('https', 'https://web.example.com/ok')], { model: testModel(config) });
    expect(refusal(byName(report, 'js'))).toEqual({ error: 'InvalidRequestException', check: 'redirect-uri', detail: 'redirectUri "javascript:alert(document.cookie)//" is not an http or https URI' });
    expect(byName(report, 'https').outcome).toBe('success');
  });
});

describe('/_tipkit/jwt input', () => {
  it('claims nested 20,000 deep are 400 InvalidRequestException, not a 500', async () => {
    const body = `{"issuer":"corp-idp","claims":{"deep":${'['.repeat(20_000)}${']'.repeat(20_000)}}}`;
    const res = await send({ path: '/_tipkit/jwt', headers: { ...json, ...bearer() }, body });
    expect(res.status).toBe(400);
    expect(res.headers['x-amzn-errortype']).toBe('InvalidRequestException');
    expect(JSON.parse(res.body).error_description).toBe('the request body nests deeper than 64 levels');
    // Brackets inside strings are text, not nesting.
    const text = await adminPost(started.emulator, '/_tipkit/jwt', { issuer: 'corp-idp', claims: { note: '['.repeat(1000) } });
    expect(text.status).toBe(200);
  });

  it('expiresIn must be a JSON number: true, "300", null and [300] are refused, not coerced', async () => {
    for (const [value, got] of [[true, 'a boolean'], ['300', 'a string'], [null, 'null'], [[300], 'an array'], [1e300, '1e+300']] as const) {
      const res = await adminPost(started.emulator, '/_tipkit/jwt', { issuer: 'corp-idp', expiresIn: value });
      expect(res.status, JSON.stringify(value)).toBe(400);
      expect(res.body.error_description).toBe(`expiresIn must be a number of seconds, at most 3153600000 either way (got ${got})`);
    }
    const ok = await adminPost(started.emulator, '/_tipkit/jwt', { issuer: 'corp-idp', expiresIn: 60 });
    expect(ok.status).toBe(200);
    const claims = JSON.parse(Buffer.from(String(ok.body.jwt).split('.')[1]!, 'base64url').toString()) as { iat: number; exp: number };
    expect(claims.exp - claims.iat).toBe(60);
  });
});
