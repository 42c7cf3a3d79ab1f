/** `tipkit serve` on the wire, without the SDK: status codes, error headers and bodies, bad input, limits, pages. */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageCookie, startFromFixture, writeFixture, type Started } from './helpers.js';

let started: Started;
let url: string;
/** The pages' cookie (what opening serve's printed link sets). */
let cookie: string;

beforeAll(async () => {
  started = await startFromFixture(await writeFixture());
  url = started.emulator.url;
  cookie = await pageCookie(started.emulator);
});
afterAll(async () => {
  await started?.emulator.close();
});

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

async function post(path: string, body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const res = await fetch(`${url}${path}`, { method: 'POST', headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) as Record<string, unknown> };
}

/** A raw request with node:http, for bodies fetch will not send as-is. */
function rawRequest(opts: { path: string; headers: Record<string, string | number>; chunks: Buffer[] }): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(`${url}${opts.path}`, { method: 'POST', headers: opts.headers }, (res) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(parts).toString('utf8') }));
    });
    // The server may answer and close before the whole body is sent; the answer is what counts.
    req.on('error', (err) => ((err as NodeJS.ErrnoException).code === 'EPIPE' || (err as NodeJS.ErrnoException).code === 'ECONNRESET' ? undefined : reject(err)));
    for (const chunk of opts.chunks) req.write(chunk);
    req.end();
  });
}

describe('error responses', () => {
  it('malformed JSON is InvalidRequestException (400) with x-amzn-errortype and a snake_case body', async () => {
    const res = await post('/token', '{"clientId": ');
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
    expect(res.json()).toEqual({ error: 'invalid_request', error_description: 'the request body is not valid JSON' });
  });

  it('a JSON body that is not an object, or a member of the wrong type, is InvalidRequestException', async () => {
    const list = await post('/client/register', '[1,2]');
    expect(list.status).toBe(400);
    expect(list.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
    const wrongType = await post('/client/register', JSON.stringify({ clientName: 'x', clientType: 'public', scopes: 'openid' }));
    expect(wrongType.status).toBe(400);
    expect(wrongType.json().error_description).toMatch(/scopes.*list of strings/);
  });

  it('a body that is not JSON by content-type is InvalidRequestException', async () => {
    const res = await post('/client/register', 'clientName=x', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(res.status).toBe(400);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidRequestException');
  });

  it('a simulator refusal carries the model status and only the shape members', async () => {
    const res = await post('/device_authorization', JSON.stringify({ clientId: 'nope', clientSecret: 'nope', startUrl: 'https://x.awsapps.com/start' }));
    expect(res.status).toBe(401);
    expect(res.headers.get('x-amzn-errortype')).toBe('InvalidClientException');
    expect(Object.keys(res.json()).sort()).toEqual(['error', 'error_description']);
    expect(res.json().error).toBe('invalid_client');
  });

  it('CreateTokenWithIAM without a SigV4 signature is refused', async () => {
    const res = await post('/token?aws_iam=t', JSON.stringify({ clientId: 'portal', grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion: 'a.b.c' }));
    expect(res.status).toBe(403);
    expect(res.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
    expect(res.json().message).toMatch(/Missing Authentication Token/);
    // The signature is checked before the body is parsed, as at AWS's front end.
    const garbage = await post('/token?aws_iam=t', 'not json');
    expect(garbage.headers.get('x-amzn-errortype')).toBe('MissingAuthenticationTokenException');
  });

  it('an unknown route is a 404 JSON UnknownOperationException, never HTML or a stack', async () => {
    const res = await post('/nope', '{}');
    expect(res.status).toBe(404);
    expect(res.headers.get('x-amzn-errortype')).toBe('UnknownOperationException');
    expect(res.headers.get('x-amzn-requestid')).toMatch(UUID);
    expect(res.json().message).toMatch(/POST \/nope/);
    const get = await fetch(`${url}/token`);
    expect(get.status).toBe(404);
  });
});

describe('limits', () => {
  const big = Buffer.alloc(2 * 1024 * 1024, 'a');

  it('refuses an oversize body declared by content-length with 413', async () => {
    const res = await rawRequest({ path: '/token', headers: { 'content-type': 'application/json', 'content-length': big.length }, chunks: [big] });
    expect(res.status).toBe(413);
    expect(res.headers['x-amzn-errortype']).toBe('InvalidRequestException');
    expect(JSON.parse(res.body).error).toBe('invalid_request');
  });

  it('refuses an oversize chunked body with 413', async () => {
    const chunks = Array.from({ length: 32 }, () => Buffer.alloc(64 * 1024, 'b'));
    const res = await rawRequest({ path: '/token', headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, chunks });
    expect(res.status).toBe(413);
  });

  it('refuses oversize headers with 431', async () => {
    const res = await rawRequest({ path: '/token', headers: { 'content-type': 'application/json', 'x-padding': 'p'.repeat(32 * 1024) }, chunks: [Buffer.from('{}')] });
    expect(res.status).toBe(431);
  });

  it('stays up after refusing, and reports health', async () => {
    const res = await fetch(`${url}/_tipkit/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });
});

describe('device verification page', () => {
  it('shows the user code and the scenario users, escaped', async () => {
    const hostile = '<script>alert(1)</script>"\'';
    const res = await fetch(`${url}/device?user_code=${encodeURIComponent(hostile)}`, { headers: { cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;');
    expect(html).toContain('<option value="alice">Alice Example (alice)</option>');
    expect(html).toContain('<option value="mallory">mallory</option>');
  });

  it('refuses a form post that did not come from its own page', async () => {
    const res = await post('/device', 'user_code=ABCD-EFGH&user=alice', { 'content-type': 'application/x-www-form-urlencoded', cookie });
    expect(res.status).toBe(403);
    expect(res.text).toMatch(/did not come from this server/);
  });

  it('re-shows the form with the error for an unknown code', async () => {
    const page = await (await fetch(`${url}/device`, { headers: { cookie } })).text();
    const csrf = /name="csrf" value="([0-9a-f]+)"/.exec(page)![1]!;
    const res = await post('/device', `csrf=${csrf}&user_code=NOPE-NOPE&user=alice`, { 'content-type': 'application/x-www-form-urlencoded', cookie });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/role="alert"/);
    expect(res.text).toContain('value="NOPE-NOPE"');
  });
});
