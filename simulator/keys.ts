/**
 * Signing and verification keys for the trusted token issuers: a scenario key (generated per run or read
 * from a private JWK), a JWKS file (verify only), or — only with allowNetwork — OpenID discovery + JWKS
 * over HTTP (https, or http for loopback hosts). Header-supplied keys (`jku`, `x5u`, `jwk`, `x5c`) are never used.
 */
import { randomBytes } from 'node:crypto';
import {
  createLocalJWKSet,
  exportJWK,
  exportSPKI,
  generateKeyPair,
  importJWK,
  type CryptoKey,
  type JWK,
  type JWTVerifyGetKey,
  type KeyObject,
} from 'jose';
import type { IssuerNode } from '../model/types.js';
import { isLoopbackHost } from '../model/redirect-uri.js';
import type { FetchLimits, ScenarioIssuer } from './types.js';
export type { FetchLimits } from './types.js';

/** Asymmetric JWS algorithms the simulator accepts (never `none` nor HS*). */
export const ASYMMETRIC_ALGS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth', 'k'];

export interface SigningKey {
  kid: string;
  alg: string;
  key: CryptoKey | KeyObject | Uint8Array;
  /** SPKI PEM of the public half (what a confused verifier would use as an HMAC secret). */
  publicPem: string;
}

export interface VerificationKeys {
  /** Where the keys come from, for the trace. */
  source: string;
  getKey: JWTVerifyGetKey;
  /** Fetched over the network (OpenID discovery), so a later fetch may hold keys this one lacks. */
  fetched?: boolean;
}

export function defaultAlg(jwk: JWK): string {
  if (typeof jwk.alg === 'string') return jwk.alg;
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC') return jwk.crv === 'P-384' ? 'ES384' : jwk.crv === 'P-521' ? 'ES512' : 'ES256';
  if (jwk.kty === 'OKP') return 'EdDSA';
  return 'RS256';
}

export const publicJwkOf = (jwk: Record<string, unknown>): JWK => Object.fromEntries(Object.entries(jwk).filter(([k]) => !PRIVATE_MEMBERS.includes(k))) as JWK;

/** https, or http to a loopback host (tests run a real IdP on 127.0.0.1). */
export function fetchableUrl(url: string): URL | undefined {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopbackHost(u.hostname))) return u;
  } catch {
    /* not a URL */
  }
  return undefined;
}

/** Limits on what `--allow-network` fetches (OpenID discovery, JWKS); tests lower them to exercise each one. */

export const DEFAULT_FETCH_LIMITS: FetchLimits = { timeoutMs: 5000, maxBytes: 1024 * 1024, maxRedirects: 3, refetchCooldownMs: 30_000 };

/** Most keys accepted in one JWKS; real IdPs publish a handful, and every key costs a verification attempt. */
export const MAX_JWKS_KEYS = 100;

/**
 * GET a JSON document from an issuer: https (or http to loopback) only, redirects followed only within the
 * same origin, a time limit on the whole exchange and a size limit on the body.
 */
export async function fetchIssuerJson(url: string, limits: FetchLimits = DEFAULT_FETCH_LIMITS): Promise<unknown> {
  const signal = AbortSignal.timeout(limits.timeoutMs);
  const first = fetchableUrl(url);
  if (!first) throw new Error(`${url} is not https (or http to a loopback host)`);
  let target: URL = first;
  try {
    for (let hops = 0; ; hops++) {
      const res: Response = await fetch(target, { signal, redirect: 'manual', headers: { accept: 'application/json' } });
      if (res.status >= 300 && res.status < 400) {
        await res.body?.cancel();
        const location: string | null = res.headers.get('location');
        const next: URL | undefined = location ? fetchableUrl(new URL(location, target).href) : undefined;
        if (!next || next.origin !== target.origin) throw new Error(`${target.href} redirects to ${location ?? '(no location)'}, another host; redirects are followed only within one origin`);
        if (hops >= limits.maxRedirects) throw new Error(`${url} redirects more than ${limits.maxRedirects} times`);
        target = next;
        continue;
      }
      if (!res.ok) {
        await res.body?.cancel();
        throw new Error(`${target.href} answered HTTP ${res.status}`);
      }
      const text = await readLimited(res, limits.maxBytes, target.href);
      try {
        return JSON.parse(text) as unknown;
      } catch {
        throw new Error(`${target.href} did not answer JSON`);
      }
    }
  } catch (err) {
    if (signal.aborted) throw new Error(`${url} did not answer within ${limits.timeoutMs} ms`);
    throw err;
  }
}

async function readLimited(res: Response, maxBytes: number, where: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await res.body?.cancel();
    throw new Error(`${where} answered ${declared} bytes, over the ${maxBytes}-byte limit`);
  }
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body!.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw new Error(`${where} answered more than ${maxBytes} bytes, over the limit`);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** A JWKS document's keys, refused when it is not one or holds too many. */
export function jwksKeys(doc: unknown, where: string): Record<string, unknown>[] {
  const keys = (doc as { keys?: unknown } | null)?.keys;
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'object' || k === null)) throw new Error(`${where} is not a JWKS (no "keys" list of objects)`);
  if (keys.length > MAX_JWKS_KEYS) throw new Error(`${where} holds ${keys.length} keys, over the limit of ${MAX_JWKS_KEYS}`);
  return keys as Record<string, unknown>[];
}

interface IssuerKeys {
  signing?: SigningKey;
  verifying: VerificationKeys | { missing: string };
}

async function prepareIssuerKeys(name: string, spec: ScenarioIssuer): Promise<IssuerKeys | undefined> {
  if (spec.generateKey) {
    const { privateKey, publicKey } = await generateKeyPair(spec.generateKey, { extractable: true });
    const kid = `${name}-${randomBytes(6).toString('hex')}`;
    const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: spec.generateKey, use: 'sig' };
    return {
      signing: { kid, alg: spec.generateKey, key: privateKey, publicPem: await exportSPKI(publicKey) },
      verifying: { source: `scenario key ${kid} (generated, ${spec.generateKey})`, getKey: createLocalJWKSet({ keys: [publicJwk] }) },
    };
  }
  if (spec.privateJwk) {
    const jwk = spec.privateJwk as JWK;
    const alg = defaultAlg(jwk);
    const kid = typeof jwk.kid === 'string' ? jwk.kid : `${name}-key`;
    const publicJwk = { ...publicJwkOf(jwk as Record<string, unknown>), kid, alg };
    const publicKey = (await importJWK(publicJwk, alg)) as CryptoKey;
    return {
      signing: { kid, alg, key: (await importJWK(jwk, alg)) as CryptoKey, publicPem: await exportSPKI(publicKey) },
      verifying: { source: `scenario private JWK ${kid}`, getKey: createLocalJWKSet({ keys: [publicJwk] }) },
    };
  }
  if (spec.jwks) {
    let keys: Record<string, unknown>[];
    try {
      keys = jwksKeys(spec.jwks, 'the scenario JWKS file');
    } catch (err) {
      return { verifying: { missing: (err as Error).message } };
    }
    const kids = keys.map((k) => String(k.kid ?? '?')).join(', ');
    return { verifying: { source: `scenario JWKS file (kids: ${kids})`, getKey: createLocalJWKSet({ keys: keys.map((k) => publicJwkOf(k)) }) } };
  }
  return undefined;
}

/** How long `serve` keeps an issuer's fetched keys (or a failed fetch) before asking again (key rotation). */
const REMOTE_KEYS_TTL_MS = 10 * 60 * 1000;

export class IssuerKeyring {
  /** Per scenario issuer, made on first use (a fresh key per run; RSA generation is slow, so only when needed). */
  private readonly local = new Map<string, Promise<IssuerKeys | undefined>>();
  private readonly remote = new Map<string, { keys: Promise<VerificationKeys>; fetchedAt: number }>();

  constructor(
    private readonly issuers: Record<string, ScenarioIssuer>,
    private readonly allowNetwork: boolean,
    fetchLimits: Partial<FetchLimits> = {},
  ) {
    this.fetchLimits = { ...DEFAULT_FETCH_LIMITS, ...fetchLimits };
  }

  private readonly fetchLimits: FetchLimits;

  private keys(name: string): Promise<IssuerKeys | undefined> {
    let keys = this.local.get(name);
    if (!keys) {
      const spec = this.issuers[name];
      keys = spec ? prepareIssuerKeys(name, spec) : Promise.resolve(undefined);
      this.local.set(name, keys);
    }
    return keys;
  }

  async signingKey(issuerName: string): Promise<SigningKey | undefined> {
    return (await this.keys(issuerName))?.signing;
  }

  /** Keys that verify tokens of `issuer`; undefined (with the reason) when there are none to use. */
  async verificationKeys(issuer: IssuerNode): Promise<VerificationKeys | { missing: string }> {
    const local = (await this.keys(issuer.name))?.verifying;
    if (local) return local;
    const url = issuer.oidc?.issuerUrl;
    if (!this.allowNetwork) return { missing: `no scenario key for issuer ${issuer.name}, and the network is off (OpenID discovery needs --allow-network)` };
    if (!url) return { missing: `issuer ${issuer.name} has no IssuerUrl` };
    let cached = this.remote.get(url);
    if (!cached || Date.now() - cached.fetchedAt > REMOTE_KEYS_TTL_MS) {
      // One fetch per issuer, shared by concurrent requests; a failure is cached too, so a slow or broken IdP
      // costs one timeout, not one per request.
      cached = { keys: discover(url, this.fetchLimits), fetchedAt: Date.now() };
      cached.keys.catch(() => undefined);
      this.remote.set(url, cached);
    }
    try {
      return await cached.keys;
    } catch (err) {
      return { missing: `OpenID discovery for ${url} failed: ${(err as Error).message}` };
    }
  }

  /**
   * Fetch an issuer's keys again after a token named a `kid` they lack (key rotation), unless the last fetch was
   * less than `refetchCooldownMs` ago; then the reason it was not refetched.
   */
  async refetchVerificationKeys(issuer: IssuerNode): Promise<VerificationKeys | { skipped: string }> {
    const url = issuer.oidc?.issuerUrl;
    const cached = url === undefined ? undefined : this.remote.get(url);
    if (!url || !cached) return { skipped: 'the keys were not fetched over the network' };
    const age = Date.now() - cached.fetchedAt;
    if (age < this.fetchLimits.refetchCooldownMs)
      return { skipped: `the JWKS was fetched ${Math.round(age / 1000)} s ago; it is refetched at most once per ${this.fetchLimits.refetchCooldownMs / 1000} s` };
    // Claim the refetch before awaiting it, so concurrent tokens with unknown kids share one; a failed refetch keeps
    // the keys that worked so far.
    cached.fetchedAt = Date.now();
    const fresh = discover(url, this.fetchLimits);
    try {
      const keys = await fresh;
      this.remote.set(url, { keys: fresh, fetchedAt: cached.fetchedAt });
      return keys;
    } catch (err) {
      return { skipped: `refetching the JWKS failed: ${(err as Error).message}` };
    }
  }
}

/** OpenID discovery (the document's `issuer` must equal the IssuerUrl), then its JWKS, each fetched once per run. */
async function discover(issuerUrl: string, limits: FetchLimits): Promise<VerificationKeys> {
  if (!fetchableUrl(issuerUrl)) throw new Error('IssuerUrl must be https (or http to a loopback host)');
  const discoveryUrl = `${issuerUrl.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const doc = (await fetchIssuerJson(discoveryUrl, limits)) as Record<string, unknown> | null;
  if (doc?.issuer !== issuerUrl) throw new Error(`discovery document issuer ${JSON.stringify(doc?.issuer ?? null)} is not ${issuerUrl}`);
  const jwksUri = typeof doc.jwks_uri === 'string' ? fetchableUrl(doc.jwks_uri) : undefined;
  if (!jwksUri) throw new Error(`discovery document has no usable jwks_uri (${JSON.stringify(doc.jwks_uri)})`);
  const keys = jwksKeys(await fetchIssuerJson(jwksUri.href, limits), `JWKS ${jwksUri.href}`);
  return { source: `JWKS ${jwksUri.href} (OpenID discovery)`, getKey: createLocalJWKSet({ keys: keys.map((k) => publicJwkOf(k)) }), fetched: true };
}
