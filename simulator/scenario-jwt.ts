/**
 * `jwt: { issuer, claims?, header?, expiresIn? }` in a scenario: a JWT signed with that issuer's scenario key.
 * Defaults iss = the issuer's IssuerUrl, iat = now, exp = now + expiresIn (300 s); `claims` and `header`
 * override them (a `null` member removes one), so a scenario can try hostile tokens: `alg: none` yields an unsigned token and `alg: HS*`
 * an HMAC keyed with the issuer's public key (the classic algorithm-confusion attack).
 */
import { createHmac } from 'node:crypto';
import { CompactSign } from 'jose';
import { InputError } from '../model/errors.js';
import type { TipModel } from '../model/types.js';
import type { IssuerKeyring } from './keys.js';

export interface JwtSpec {
  issuer: string;
  claims?: Record<string, unknown>;
  header?: Record<string, unknown>;
  expiresIn?: number | string;
}

export const DEFAULT_JWT_LIFETIME_S = 300;

const b64 = (v: unknown): string => Buffer.from(JSON.stringify(v)).toString('base64url');

export async function signScenarioJwt(spec: JwtSpec, expiresInS: number, model: TipModel, keyring: IssuerKeyring, now: number, where?: InputError['location']): Promise<string> {
  const key = await keyring.signingKey(spec.issuer);
  if (!key) throw new InputError(`issuer ${spec.issuer} has no signing key in the scenario (give it generateKey or privateJwk)`, where);
  const iat = Math.floor(now / 1000);
  const payload: Record<string, unknown> = {
    iss: model.index.issuerByName.get(spec.issuer)?.oidc?.issuerUrl,
    iat,
    exp: iat + expiresInS,
    ...spec.claims,
  };
  const header: Record<string, unknown> = { alg: key.alg, kid: key.kid, typ: 'JWT', ...spec.header };
  for (const obj of [payload, header]) for (const [k, v] of Object.entries(obj)) if (v === null || v === undefined) delete obj[k];
  const alg = String(header.alg);
  const signingInput = `${b64(header)}.${b64(payload)}`;
  if (alg.toLowerCase() === 'none') return `${signingInput}.`;
  if (/^HS(256|384|512)$/.test(alg)) return `${signingInput}.${createHmac(`sha${alg.slice(2)}`, key.publicPem).update(signingInput).digest('base64url')}`;
  try {
    return await new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
      .setProtectedHeader(header as { alg: string })
      .sign(key.key);
  } catch (err) {
    throw new InputError(`cannot sign a JWT with alg ${alg} using issuer ${spec.issuer}'s ${key.alg} key: ${(err as Error).message}`, where);
  }
}
