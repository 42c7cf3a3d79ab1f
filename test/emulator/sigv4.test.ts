/** SigV4 verification: requests signed by @smithy/signature-v4 (the signer the SDK uses), then altered. */
import { createHash } from 'node:crypto';
import { Sha256 } from '@aws-crypto/sha256-js';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { describe, expect, it } from 'vitest';
import { parseAmzDate, verifySignature, type ReceivedRequest } from '../../emulator/sigv4.js';
import type { Principal } from '../../simulator/types.js';

const backend: Principal = { name: 'backend', arn: 'arn:aws:iam::111122223333:role/Backend', accessKeyId: 'AKIDBACKEND', secretAccessKey: 'backend-secret' };
const other: Principal = { name: 'other', arn: 'arn:aws:iam::111122223333:role/Other', accessKeyId: 'AKIDOTHER', secretAccessKey: 'other-secret' };
const NOW = Date.UTC(2026, 10, 23, 12, 0, 0);

async function signed(opts: { body?: string; service?: string; region?: string; date?: number; secret?: string; extraHeaders?: Record<string, string> } = {}): Promise<ReceivedRequest> {
  const body = opts.body ?? '{"clientId":"portal","grantType":"urn:ietf:params:oauth:grant-type:jwt-bearer"}';
  const signer = new SignatureV4({
    service: opts.service ?? 'sso-oauth',
    region: opts.region ?? 'us-east-1',
    credentials: { accessKeyId: backend.accessKeyId!, secretAccessKey: opts.secret ?? backend.secretAccessKey! },
    sha256: Sha256,
  });
  const req = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: '127.0.0.1',
      port: 8917,
      path: '/token',
      query: { aws_iam: 't' },
      headers: { host: '127.0.0.1:8917', 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(body)), ...opts.extraHeaders },
      body,
    }),
    { signingDate: new Date(opts.date ?? NOW) },
  );
  const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k.toLowerCase(), v]));
  return { method: 'POST', path: '/token', query: new URLSearchParams('aws_iam=t'), headers, body: Buffer.from(body) };
}

const verify = (req: ReceivedRequest, now = NOW) => verifySignature(req, [other, backend], { now, region: 'us-east-1' });

describe('verifySignature', () => {
  it('accepts a request signed with a principal key and names the principal', async () => {
    const result = await verify(await signed());
    expect(result).toEqual({ ok: true, principal: backend, region: 'us-east-1' });
  });

  it('accepts a signing date within five minutes of the clock', async () => {
    expect((await verify(await signed({ date: NOW - 4 * 60_000 }))).ok).toBe(true);
  });

  it('refuses a request whose body changed after signing', async () => {
    const req = await signed();
    const result = await verify({ ...req, body: Buffer.from('{"clientId":"other-app","grantType":"urn:ietf:params:oauth:grant-type:jwt-bearer"}') });
    expect(result).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses a changed query or a changed signed header', async () => {
    const req = await signed();
    expect(await verify({ ...req, query: new URLSearchParams('aws_iam=f') })).toMatchObject({ ok: false, reason: 'mismatch' });
    expect(await verify({ ...req, headers: { ...req.headers, host: 'evil.example:80' } })).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses an x-amz-content-sha256 header that is not the body hash', async () => {
    const lie = createHash('sha256').update('something else').digest('hex');
    const req = await signed({ extraHeaders: { 'x-amz-content-sha256': lie } });
    expect(await verify(req)).toMatchObject({ ok: false, reason: 'mismatch' });
  });

  it('refuses the wrong secret, an unknown key, a missing header', async () => {
    expect(await verify(await signed({ secret: 'guess' }))).toMatchObject({ ok: false, reason: 'mismatch' });
    const req = await signed();
    const unknownKey = String(req.headers.authorization).replace('AKIDBACKEND', 'AKIDNOBODY');
    expect(await verify({ ...req, headers: { ...req.headers, authorization: unknownKey } })).toMatchObject({ ok: false, reason: 'unknown-key' });
    const { authorization: _drop, ...noAuth } = req.headers;
    expect(await verify({ ...req, headers: noAuth })).toMatchObject({ ok: false, reason: 'missing' });
    expect(await verify({ ...req, headers: { ...req.headers, authorization: 'Bearer abc' } })).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('refuses another service, another region, and a date more than five minutes off', async () => {
    expect(await verify(await signed({ service: 'sts' }))).toMatchObject({ ok: false, reason: 'scope' });
    expect(await verify(await signed({ region: 'eu-west-1' }))).toMatchObject({ ok: false, reason: 'scope' });
    expect(await verify(await signed({ date: NOW - 6 * 60_000 }))).toMatchObject({ ok: false, reason: 'skew' });
    expect(await verify(await signed({ date: NOW + 6 * 60_000 }))).toMatchObject({ ok: false, reason: 'skew' });
  });
});

describe('parseAmzDate', () => {
  it('reads the basic ISO 8601 form and nothing else', () => {
    expect(parseAmzDate('20261123T120000Z')?.getTime()).toBe(NOW);
    expect(parseAmzDate('2026-11-23T12:00:00Z')).toBeUndefined();
  });
});
