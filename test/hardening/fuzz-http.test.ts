/**
 * Fuzzing the emulator: arbitrary methods, paths, content types and bodies (hostile JSON, random bytes),
 * signed with a scenario principal's key or not. Every answer is below 500, API errors carry their AWS
 * error type, and the server keeps serving.
 */
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeInput } from '../../emulator/load.js';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
// @ts-expect-error -- a plain ES module script (the soak driver), no type declarations
import { SOAK_PRINCIPAL, writeSoakFixture } from '../../scripts/soak.mjs';
import { JWT_BEARER } from '../simulator/helpers.js';
import { counter, fcOptions, hostileValue, report, runs, trackCase } from './fuzz-support.js';

let emulator: RunningEmulator;
let assertion: string;
const requests = counter('HTTP request (arbitrary, serve)');

beforeAll(async () => {
  const fixture = await writeSoakFixture();
  assertion = fixture.assertion;
  const input = await loadServeInput({ scenario: fixture.scenarioFile, cwd: fixture.dir });
  emulator = await startEmulator({ model: input.model, scenario: input.scenario });
});
afterAll(async () => {
  report(requests);
  await emulator.close();
});

const signer = new SignatureV4({ service: 'sso-oauth', region: 'us-east-1', credentials: SOAK_PRINCIPAL, sha256: Sha256 });
const API_PATHS = ['/token', '/client/register', '/device_authorization'];

describe('fuzz: HTTP → emulator', () => {
  it('arbitrary requests: never a 5xx, API errors typed, the server still up', async () => {
    const body = fc.oneof(
      { weight: 3, arbitrary: fc.record({ clientId: fc.oneof(fc.constant('portal'), hostileValue), grantType: fc.oneof(fc.constant(JWT_BEARER), hostileValue), assertion: fc.oneof(fc.constant('ASSERTION'), hostileValue) }, { requiredKeys: [] }).map((v) => JSON.stringify(v).replace('"ASSERTION"', JSON.stringify(assertion))) },
      { weight: 2, arbitrary: hostileValue.map((v) => JSON.stringify(v) ?? '') },
      { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
      { weight: 1, arbitrary: fc.constantFrom('', '{', '[]', 'null', '{"a":1,"a":2}', `{"x":${'['.repeat(5000)}${']'.repeat(5000)}}`) },
    );
    const arb = fc.record({
      method: fc.constantFrom('POST', 'POST', 'POST', 'GET', 'PUT', 'DELETE', 'OPTIONS', 'HEAD', 'PATCH'),
      path: fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...API_PATHS, '/token?aws_iam=t', '/device', '/authorize', '/_tipkit/health', '/_tipkit/approve-device', '/_tipkit/authorize', '/_tipkit/jwt') },
        { weight: 1, arbitrary: fc.constantFrom('/', '//', '/%00', '/..%2f..%2fetc', '/token?aws_iam=t&aws_iam=f', '/device?user_code=%ZZ') },
        { weight: 1, arbitrary: fc.webPath() },
      ),
      contentType: fc.constantFrom('application/json', 'application/x-amz-json-1.1', 'text/plain', 'application/x-www-form-urlencoded', '', 'application/json; charset=utf-16'),
      body,
      sign: fc.boolean(),
      // The admin token on some requests, so the admin routes are fuzzed past their 401; a foreign Origin on others.
      admin: fc.boolean(),
      origin: fc.constantFrom(undefined, undefined, undefined, 'https://evil.example', 'null', 'OWN'),
    });
    await fc.assert(
      fc.asyncProperty(arb, async (c) => {
        await trackCase(requests, (status) => `HTTP ${status}`, async () => {
          const url = new URL(`${emulator.url}${c.path.startsWith('/') ? c.path : `/${c.path}`}`);
          const headers: Record<string, string> = c.contentType ? { 'content-type': c.contentType } : {};
          if (c.admin) headers.authorization = `Bearer ${emulator.adminToken}`;
          if (c.origin) headers.origin = c.origin === 'OWN' ? emulator.url : c.origin;
          const hasBody = !['GET', 'HEAD'].includes(c.method);
          let sent = headers;
          if (c.sign && hasBody && !c.admin) {
            const req = await signer.sign(
              new HttpRequest({ method: c.method, protocol: 'http:', hostname: url.hostname, port: Number(url.port), path: url.pathname, query: Object.fromEntries(url.searchParams), headers: { host: url.host, ...headers }, body: c.body }),
            );
            sent = req.headers as Record<string, string>;
          }
          // A hang is a finding too: give up (and fail the case) after 5 s.
          const res = await fetch(url, { method: c.method, headers: sent, body: hasBody ? c.body : undefined, signal: AbortSignal.timeout(5_000) });
          const text = await res.text();
          expect(res.status, `${c.method} ${url.pathname}: ${text.slice(0, 200)}`).toBeLessThan(500);
          if (res.status >= 400 && API_PATHS.includes(url.pathname) && c.method === 'POST') {
            expect(res.headers.get('x-amzn-errortype')).toMatch(/Exception$/);
            // The service's errors carry `error`; refusals before it (foreign Origin, SigV4) carry `message`, as AWS's front end's do.
            const body = JSON.parse(text) as Record<string, unknown>;
            expect('error' in body || 'message' in body, text).toBe(true);
          }
          return res.status;
        });
      }),
      fcOptions(runs(200)),
    );
    expect((await fetch(`${emulator.url}/_tipkit/health`)).status).toBe(200);
  });
});
