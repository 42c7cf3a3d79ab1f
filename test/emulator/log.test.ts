/** The request log never prints a token or secret in full, and keeps what a reader needs (ARNs, names, checks). */
import { describe, expect, it } from 'vitest';
import { formatTextEntry, scrub } from '../../emulator/log.js';

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
