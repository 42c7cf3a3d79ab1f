/**
 * What the simulator has issued: opaque access and refresh tokens, authorization codes, device
 * authorizations, registered public clients and exchanged `jti`s. Everything expires and is evicted (a
 * while after expiry, so a late use still says "expired" rather than "unknown"), so a long-running
 * `serve` does not grow without bound.
 */
import { randomBytes } from 'node:crypto';
import type { ApplicationNode } from '../model/types.js';

/** Random, unguessable, URL-safe. */
export const opaque = (prefix: string, bytes = 32): string => `${prefix}${randomBytes(bytes).toString('base64url')}`;

/**
 * An access or refresh token that names the Region of the instance that issued it inside its random part (the
 * base64url of `REGION:` and random bytes, so it still looks like any other opaque token): another `serve` for
 * another Region can then answer InvalidRequestRegionException, as Identity Center does for a token of another Region.
 */
export const regionalToken = (prefix: string, region: string): string => `${prefix}${Buffer.concat([Buffer.from(`${region}:`), randomBytes(32)]).toString('base64url')}`;

const REGION = /^[a-z]{2}(-[a-z]+)+-\d{1,2}$/;

/** The Region a regionalToken() names, or undefined for any other text. */
export function tokenRegion(token: string, prefix: string): string | undefined {
  if (!token.startsWith(prefix)) return undefined;
  const head = Buffer.from(token.slice(prefix.length, prefix.length + 40), 'base64url').toString('latin1');
  const region = head.slice(0, Math.max(0, head.indexOf(':')));
  return REGION.test(region) ? region : undefined;
}

/** Who a token or code was issued to: an application (by ARN) or a registered public client (by clientId). */
export interface Holder {
  clientId: string;
  /** The application that governs it: the application itself, or a public client's entitled application. */
  app?: ApplicationNode;
}

export interface IssuedToken extends Holder {
  token: string;
  userId: string;
  scopes: string[];
  issuedAt: number;
  expiresAt: number;
  /** When the user signed in (idToken auth_time). */
  authTime: number;
  /** The trusted token issuer ARN (jwt-bearer), carried as the idToken `act`. */
  actor?: string;
  /** Refresh tokens: when it was used (when they rotate). */
  usedAt?: number;
  /** When the Identity Center session this token belongs to ends (session duration after sign-in). */
  sessionEndsAt: number;
}

export interface AuthorizationCode extends Holder {
  code: string;
  userId: string;
  redirectUri: string;
  scopes: string[];
  codeChallenge?: string;
  issuedAt: number;
  expiresAt: number;
  usedAt?: number;
}

export interface DeviceAuthorization {
  deviceCode: string;
  userCode: string;
  clientId: string;
  issuedAt: number;
  expiresAt: number;
  /** Seconds; grows by 5 on each SlowDown (RFC 8628 §3.5). */
  interval: number;
  lastPollAt?: number;
  approvedUserId?: string;
  usedAt?: number;
}

export interface RegisteredClient {
  clientId: string;
  clientSecret: string;
  clientName: string;
  /** As registered; undefined = not given (then only the device code grant). */
  grantTypes?: string[];
  scopes: string[];
  redirectUris: string[];
  entitledApp?: ApplicationNode;
  issuedAt: number;
  secretExpiresAt: number;
}

/**
 * How long an expired record is kept (to answer "expired" rather than "unknown") before eviction: three times
 * as long as it was valid, at most an hour — so short lifetimes under load (`serve`) keep memory flat.
 */
const RETENTION_MS = 60 * 60 * 1000;
const SWEEP_EVERY_MS = 5 * 1000;

const USER_CODE_ALPHABET = 'BCDFGHJKLMNPQRSTVWXZ';

export class TokenStore {
  readonly accessTokens = new Map<string, IssuedToken>();
  readonly refreshTokens = new Map<string, IssuedToken>();
  readonly codes = new Map<string, AuthorizationCode>();
  readonly devices = new Map<string, DeviceAuthorization>();
  readonly deviceByUserCode = new Map<string, string>();
  readonly clients = new Map<string, RegisteredClient>();
  /** `issuerUrl jti` → when the JWT expires (after which its jti may be forgotten). */
  readonly exchangedJtis = new Map<string, number>();
  private lastSweep = -Infinity;

  /** A user code like `BCDF-GHJK` that is not in use. */
  newUserCode(): string {
    for (;;) {
      const chars = [...randomBytes(8)].map((b) => USER_CODE_ALPHABET[b % USER_CODE_ALPHABET.length]).join('');
      const code = `${chars.slice(0, 4)}-${chars.slice(4)}`;
      if (!this.deviceByUserCode.has(code)) return code;
    }
  }

  /** Drop what expired more than RETENTION_MS ago; cheap to call on every request. */
  sweep(now: number): void {
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    const stale = (issuedAt: number, expiresAt: number) => expiresAt + Math.min(RETENTION_MS, 3 * Math.max(0, expiresAt - issuedAt)) < now;
    for (const map of [this.accessTokens, this.refreshTokens, this.codes]) for (const [k, v] of map) if (stale(v.issuedAt, v.expiresAt)) map.delete(k);
    for (const [k, v] of this.devices)
      if (stale(v.issuedAt, v.expiresAt)) {
        this.devices.delete(k);
        this.deviceByUserCode.delete(v.userCode);
      }
    for (const [k, v] of this.clients) if (stale(v.issuedAt, v.secretExpiresAt)) this.clients.delete(k);
    for (const [k, exp] of this.exchangedJtis) if (exp < now) this.exchangedJtis.delete(k);
  }

  get size(): number {
    return this.accessTokens.size + this.refreshTokens.size + this.codes.size + this.devices.size + this.clients.size + this.exchangedJtis.size;
  }
}
