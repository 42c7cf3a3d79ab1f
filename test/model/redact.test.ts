// What display scrubbing shortens (tokens, secrets, codes) and what it leaves whole (identifiers a user compares).
import { randomBytes, randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { scrubSecrets } from '../../model/redact.js';

describe('scrubSecrets', () => {
  it('shortens the simulator\'s tokens, secrets and codes (base64url of 32+ random bytes) and JWTs', () => {
    for (const secret of [`aoa${randomBytes(32).toString('base64url')}`, randomBytes(48).toString('base64url'), `simsecret${randomBytes(48).toString('base64url')}`]) {
      const out = scrubSecrets(`token ${secret} was used`);
      expect(out).not.toContain(secret);
      expect(out).toMatch(/^token \S{6}…\S{4} was used$/);
    }
    expect(scrubSecrets('assertion eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhIn0.c2lnbmF0dXJlc2lnbmF0dXJl')).toBe('assertion eyJhbG…dXJl');
  });

  it('keeps non-secret values whole: a GUID aud, a long lowercase client id, ARNs and URLs', () => {
    const guid = randomUUID();
    const text = `aud ${guid} is not among the AuthorizedAudiences (0oa1analytics, api-gateway-analytics-production-eu-west-1-portal); issuer https://login.example.com/${guid}/v2.0`;
    expect(scrubSecrets(text)).toBe(text);
  });
});
