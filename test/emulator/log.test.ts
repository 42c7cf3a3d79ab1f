/** The request log never prints a token or secret in full, and keeps what a reader needs (ARNs, names, checks). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeInput } from '../../emulator/load.js';
import { formatTextEntry, scrub, streamLogger } from '../../emulator/log.js';
import { startEmulator } from '../../emulator/server.js';
import { pageCookie, postJson, writeFixture, type Started } from './helpers.js';

describe('scrub', () => {
  it('shortens JWTs and long opaque tokens to a few characters at either end', () => {
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJlLXZhbHVlLWhlcmU';
    const opaque = 'aoaAbCdEfGhIjKlMnOpQrStUvWxYz0123456789';
    const out = scrub(`assertion ${jwt} token ${opaque}`);
    expect(out).toBe(`assertion eyJhbG…lcmU token aoaAbC…6789`);
    expect(out).not.toContain(jwt);
  });

  it('leaves ARNs, URLs and short values alone', () => {
    const text = 'caller arn:aws:iam::111122223333:role/AnalyticsBackendServiceRoleWithALongName at https://idp.example.com/oauth2/default user alice';
    expect(scrub(text)).toBe(text);
  });
});

describe('formatTextEntry', () => {
  it('prints one line with the operation, outcome, client, error type and failing check', () => {
    const line = formatTextEntry({
      time: '2026-11-23T12:00:00.000Z', requestId: '0123abcd-0000-0000-0000-000000000000', method: 'POST', path: '/token',
      operation: 'CreateTokenWithIAM', status: 400, outcome: 'error', clientId: 'portal', errorType: 'InvalidGrantException', failedCheck: 'audience',
    });
    expect(line).toBe('2026-11-23T12:00:00.000Z 0123abcd POST /token CreateTokenWithIAM 400 error client=portal InvalidGrantException check=audience');
    expect(line).not.toContain('\n');
  });
});

describe('control characters in logged fields (log injection)', () => {
  const FORGED = 'x\n2026-11-23T12:00:00.000Z 00000000 POST /token CreateToken 200 success client=admin\u001b[2J\u009b31m\u202e';
  let started: Started;
  const text: string[] = [];
  const json: string[] = [];

  beforeAll(async () => {
    const fixture = await writeFixture();
    const input = await loadServeInput({ scenario: fixture.scenarioFile, cwd: fixture.dir });
    const toText = streamLogger((l) => text.push(l), 'text');
    const toJson = streamLogger((l) => json.push(l), 'json');
    const emulator = await startEmulator({ model: input.model, scenario: input.scenario, log: (e) => (toText(e), toJson(e)) });
    started = { emulator, model: input.model, principals: input.scenario.principals, log: [] };
  });
  afterAll(() => started?.emulator.close());

  it('a clientId holding a newline, ESC, an 8-bit CSI and a bidi override is escaped in the text and JSON logs', async () => {
    const cookie = await pageCookie(started.emulator);
    text.splice(0); // the sign-in to the pages is logged too; this test counts the two lines after it
    json.splice(0);
    const token = await postJson(`${started.emulator.url}/token`, { clientId: FORGED, clientSecret: 's', grantType: 'refresh_token', refreshToken: 'r' });
    expect(token.status).toBe(401);
    const page = await fetch(`${started.emulator.url}/authorize?client_id=${encodeURIComponent(FORGED)}&redirect_uri=https://app.example.com/cb`, { headers: { cookie } });
    expect(page.status).toBe(200);
    await page.text();

    expect(text).toHaveLength(2);
    for (const line of text) {
      // One line each, ending in its own newline; no raw control, C1 or bidi character anywhere.
      expect(line.indexOf('\n')).toBe(line.length - 1);
      expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(line).toContain('client=x\\u000a2026-11-23T12:00:00.000Z 00000000 POST /token CreateToken 200 success client=admin\\u001b[2J\\u009b31m\\u202e');
    }
    expect(json).toHaveLength(2);
    for (const line of json) {
      expect(line.indexOf('\n')).toBe(line.length - 1);
      expect(line.slice(0, -1)).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
      // The escapes are JSON escapes: the logged value decodes to exactly what was sent.
      expect((JSON.parse(line) as { clientId: string }).clientId).toBe(FORGED);
    }
  });
});
