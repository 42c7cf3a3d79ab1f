/** Hostile JWT assertions beyond the simulator's own list: each refused with the AWS error and a trace detail saying why. */
import { createPrivateKey, generateKeyPairSync, sign as cryptoSign, type KeyObject } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { exportJWK } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { duplicateMember } from '../../simulator/jwt-structure.js';
import { byName, ISSUER_URL, JWT_BEARER, NOW_S, privateJwkFile, refusal, runScenario } from '../simulator/helpers.js';

const b64 = (s: string): string => Buffer.from(s).toString('base64url');
const HEADER = '{"alg":"ES256","kid":"k1"}';
const claims = (members: Record<string, unknown> = {}): string =>
  JSON.stringify({ iss: ISSUER_URL, aud: 'portal-aud', email: 'alice@example.com', iat: NOW_S, exp: NOW_S + 300, ...members });
const literal = (name: string, assertion: string) => ({ name, operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: JWT_BEARER, assertion } });

let key: Awaited<ReturnType<typeof privateJwkFile>>;
let signingKey: KeyObject;
/** A JWS over exactly these header and payload bytes (jose would refuse to produce most of these). */
const token = (header: string, payload: string): string => {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${cryptoSign('sha256', Buffer.from(input), { key: signingKey, dsaEncoding: 'ieee-p1363' }).toString('base64url')}`;
};
const run = (assertion: string, issuer?: Record<string, unknown>) =>
  runScenario([literal('t', assertion)], { extra: { issuers: { idp: issuer ?? { privateJwk: key.file } } } }).then((r) => byName(r, 't'));

beforeAll(async () => {
  key = await privateJwkFile('ES256', 'k1');
  signingKey = createPrivateKey({ key: key.jwk as never, format: 'jwk' });
});

describe('hostile JWT assertions', () => {
  it('accepts the well-formed control token (so each refusal below is due to its one change)', async () => {
    expect((await run(token(HEADER, claims()))).outcome).toBe('success');
  });

  const cases: [string, () => string, string, RegExp][] = [
    ['a crit header naming an unknown extension', () => token('{"alg":"ES256","kid":"k1","crit":["x-custom"],"x-custom":1}', claims()), 'assertion', /critical \(crit: x-custom\)/],
    ['b64: false (unencoded payload), listed in crit', () => token('{"alg":"ES256","kid":"k1","crit":["b64"],"b64":false}', claims()), 'assertion', /crit: b64/],
    ['b64: false without crit', () => token('{"alg":"ES256","kid":"k1","b64":false}', claims()), 'assertion', /b64.*unencoded payload/],
    ['a JWE (five parts) where a JWS is expected', () => `${b64('{"alg":"RSA-OAEP","enc":"A256GCM"}')}.AAAA.BBBB.CCCC.DDDD`, 'assertion', /JWE.*signed JWT \(JWS\) is expected/],
    ['a three-part token whose header has enc', () => token('{"alg":"ES256","kid":"k1","enc":"A256GCM"}', claims()), 'assertion', /JWE/],
    ['a nested JWT (cty: JWT)', () => token('{"alg":"ES256","kid":"k1","cty":"JWT"}', claims()), 'assertion', /nested JWT/],
    ['a numeric aud', () => token(HEADER, claims({ aud: 42 })), 'assertion', /claim aud must be a string or a list of strings \(got 42\)/],
    ['an aud list holding an object', () => token(HEADER, claims({ aud: ['portal-aud', { x: 1 }] })), 'assertion', /claim aud must be a string or a list/],
    ['an iss that is a list', () => token(HEADER, claims({ iss: [ISSUER_URL] })), 'assertion', /claim iss must be a string/],
    ['exp as a string', () => token(HEADER, claims({ exp: String(NOW_S + 300) })), 'assertion', /claim exp must be a number of seconds \(got "\d+"\)/],
    ['exp past the year 9999', () => token(HEADER, claims({ exp: 1e20 })), 'assertion', /claim exp is 100000000000000000000, outside the years 1970 to 9999/],
    ['a negative iat', () => token(HEADER, claims({ iat: -5 })), 'assertion', /claim iat is -5, outside/],
    ['duplicate claims (the second email is another user)', () => token(HEADER, claims().replace(/}$/, ',"email":"bob@example.com"}')), 'assertion', /member "email" appears twice/],
    ['a duplicate header member', () => token('{"alg":"ES256","kid":"k1","alg":"ES256"}', claims()), 'assertion', /member "alg" appears twice/],
    ['a kid with path characters', () => token('{"alg":"ES256","kid":"../../etc/passwd"}', claims()), 'assertion', /kid "\.\.\/\.\.\/etc\/passwd" holds path or control characters/],
    ['a kid with a NUL byte', () => token('{"alg":"ES256","kid":"k1\\u0000x"}', claims()), 'assertion', /control characters/],
    ['a non-string kid', () => token('{"alg":"ES256","kid":{"path":"/etc"}}', claims()), 'assertion', /kid must be a string/],
  ];
  for (const [title, make, check, detail] of cases) {
    it(`refuses ${title} with InvalidGrantException at check ${check}`, async () => {
      const r = await run(make());
      expect(r.outcome).toBe('error');
      expect(r.error).toMatchObject({ type: 'InvalidGrantException', error: 'invalid_grant' });
      const got = refusal(r);
      expect(got.check).toBe(check);
      expect(got.detail).toMatch(detail);
    });
  }

  it('refuses a JWKS of 10,000 keys (the right key among them) with the limit in the trace', async () => {
    const publicJwk = await exportJWK(key.publicKey);
    const file = `${key.dir}/many.json`;
    writeFileSync(file, JSON.stringify({ keys: Array.from({ length: 10_000 }, (_, i) => ({ ...publicJwk, kid: i === 9_999 ? 'k1' : `k${i}-other`, alg: 'ES256' })) }));
    const r = await run(token(HEADER, claims()), { jwks: file });
    expect(refusal(r)).toMatchObject({ error: 'InvalidGrantException', check: 'signature' });
    expect(refusal(r).detail).toMatch(/holds 10000 keys, over the limit of 100/);
  });

  it('refuses a token verified by an RSA key under 2048 bits', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const file = `${key.dir}/weak.json`;
    writeFileSync(file, JSON.stringify({ keys: [{ ...publicKey.export({ format: 'jwk' }), kid: 'weak', alg: 'RS256' }] }));
    const input = `${b64('{"alg":"RS256","kid":"weak"}')}.${b64(claims())}`;
    const weak = `${input}.${cryptoSign('sha256', Buffer.from(input), privateKey).toString('base64url')}`;
    const r = await run(weak, { jwks: file });
    expect(refusal(r)).toMatchObject({ error: 'InvalidGrantException', check: 'signature' });
    expect(refusal(r).detail).toMatch(/RS256 requires key modulusLength to be 2048 bits or larger/);
  });
});

describe('duplicateMember', () => {
  it('finds duplicates at any depth, and none in distinct or escaped-distinct keys', () => {
    expect(duplicateMember('{"a":1,"b":{"c":1,"c":2}}')).toBe('c');
    expect(duplicateMember('{"a":1,"\\u0061":2}')).toBe('a');
    expect(duplicateMember('{"a":["a","a"],"b":"a","c":{"a":1}}')).toBeUndefined();
    expect(duplicateMember('{"a\\"":1,"a":2}')).toBeUndefined();
  });
});
