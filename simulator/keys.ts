/**
 * Signing and verification keys for the trusted token issuers: a scenario key (generated per run or read
 * from a private JWK), a JWKS file (verify only), or — only with allowNetwork — OpenID discovery + JWKS
 * over HTTP (https, or http for loopback hosts). Header-supplied keys (`jku`, `x5u`, `jwk`, `x5c`) are never used.
 */
import { randomBytes } from 'node:crypto';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
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
import type { ScenarioIssuer } from './types.js';

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
}

function defaultAlg(jwk: JWK): string {
  if (typeof jwk.alg === 'string') return jwk.alg;
  if (jwk.kty === 'RSA') return 'RS256';
  if (jwk.kty === 'EC') return jwk.crv === 'P-384' ? 'ES384' : jwk.crv === 'P-521' ? 'ES512' : 'ES256';
  if (jwk.kty === 'OKP') return 'EdDSA';
  return 'RS256';
}

export const publicJwkOf = (jwk: Record<string, unknown>): JWK => Object.fromEntries(Object.entries(jwk).filter(([k]) => !PRIVATE_MEMBERS.includes(k))) as JWK;

const isLoopback = (host: string): boolean => host === '127.0.0.1' || host === 'localhost' || host === '[::1]' || host === '::1';

/** https, or http to a loopback host (tests run a real IdP on 127.0.0.1). */
export function fetchableUrl(url: string): URL | undefined {
  try {
    const u = new URL(url);
    if (u.protocol === 'https:' || (u.protocol === 'http:' && isLoopback(u.hostname))) return u;
  } catch {
    /* not a URL */
  }
  return undefined;
}

const FETCH_TIMEOUT_MS = 5000;

interface IssuerKeys {
  signing?: SigningKey;
  verifying: VerificationKeys;
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
    const kids = spec.jwks.keys.map((k) => String(k.kid ?? '?')).join(', ');
    return { verifying: { source: `scenario JWKS file (kids: ${kids})`, getKey: createLocalJWKSet({ keys: spec.jwks.keys.map((k) => publicJwkOf(k)) }) } };
  }
  return undefined;
}

export class IssuerKeyring {
  /** Per scenario issuer, made on first use (a fresh key per run; RSA generation is slow, so only when needed). */
  private readonly local = new Map<string, Promise<IssuerKeys | undefined>>();
  private readonly remote = new Map<string, Promise<VerificationKeys>>();

  constructor(
    private readonly issuers: Record<string, ScenarioIssuer>,
    private readonly allowNetwork: boolean,
  ) {}

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
    let pending = this.remote.get(url);
    if (!pending) {
      pending = discover(url);
      this.remote.set(url, pending);
      pending.catch(() => this.remote.delete(url));
    }
    try {
      return await pending;
    } catch (err) {
      return { missing: `OpenID discovery for ${url} failed: ${(err as Error).message}` };
    }
  }
}

/** OpenID discovery (the document's `issuer` must equal the IssuerUrl), then a remote JWKS with timeouts. */
async function discover(issuerUrl: string): Promise<VerificationKeys> {
  if (!fetchableUrl(issuerUrl)) throw new Error('IssuerUrl must be https (or http to a loopback host)');
  const discoveryUrl = `${issuerUrl.replace(/\/$/, '')}/.well-known/openid-configuration`;
  const res = await fetch(discoveryUrl, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS), redirect: 'error', headers: { accept: 'application/json' } });
  if (!res.ok) throw new Error(`${discoveryUrl} answered HTTP ${res.status}`);
  const doc = (await res.json()) as Record<string, unknown>;
  if (doc.issuer !== issuerUrl) throw new Error(`discovery document issuer ${JSON.stringify(doc.issuer)} is not ${issuerUrl}`);
  const jwksUri = typeof doc.jwks_uri === 'string' ? fetchableUrl(doc.jwks_uri) : undefined;
  if (!jwksUri) throw new Error(`discovery document has no usable jwks_uri (${JSON.stringify(doc.jwks_uri)})`);
  return { source: `JWKS ${jwksUri.href} (OpenID discovery)`, getKey: createRemoteJWKSet(jwksUri, { timeoutDuration: FETCH_TIMEOUT_MS, cooldownDuration: 30_000 }) };
}
