/** What `startEmulator` takes and gives back (server.ts runs it). */
import type { TipModel } from '../model/types.js';
import type { Clock, Scenario } from '../simulator/index.js';
import type { ControlPlane, ControlPlaneOptions } from './control-plane/control-plane.js';
import type { RequestLogger } from './log.js';

export interface EmulatorOptions {
  model: TipModel;
  scenario: Scenario;
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Loopback unless told otherwise. */
  host?: string;
  /** Let the simulator fetch OpenID discovery and JWKS for issuers the scenario has no keys for. */
  allowNetwork?: boolean;
  /** One call per request; false for none. Defaults to none. */
  log?: RequestLogger | false;
  /** Defaults to the wall clock (the SDK signs with the wall clock, and the signature date is checked against it). */
  clock?: Clock;
  /** How long a client may take to send its headers, and its whole request (tests lower them). */
  timeouts?: Partial<EmulatorTimeouts>;
  /** The sso-admin / identity-store control plane: state file, throttling, quotas. */
  controlPlane?: ControlPlaneOptions;
  /**
   * The bearer token the admin routes (`/_tipkit/approve-device`, `/_tipkit/authorize`, `/_tipkit/jwt`) require.
   * Defaults to a random one per run (see RunningEmulator.adminToken); `tipkit serve` takes it from TIPKIT_ADMIN_TOKEN.
   */
  adminToken?: string;
  /** Open connections at most (default DEFAULT_MAX_CONNECTIONS); past it the oldest idle one is closed. */
  maxConnections?: number;
}

export interface EmulatorTimeouts {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
}

/** A slow or stalled client cannot hold a connection open for long. */
export const DEFAULT_TIMEOUTS: EmulatorTimeouts = { headersMs: 10_000, requestMs: 30_000, keepAliveMs: 5_000 };

export interface RunningEmulator {
  /** `http://127.0.0.1:PORT`: the `endpoint` for an SSOOIDCClient. */
  url: string;
  port: number;
  host: string;
  /** The sso-admin state the SSO OIDC side decides from (snapshot(), model()). */
  controlPlane: ControlPlane;
  /** Send as `authorization: Bearer TOKEN` to the admin routes. */
  adminToken: string;
  /** The link that opens the browser pages (`/device?admin_token=…`): it sets the cookie they require. */
  pagesUrl: string;
  close(): Promise<void>;
}

export const DEFAULT_HOST = '127.0.0.1';
/** Visible ASCII, no spaces: what fits an `authorization: Bearer` header as is. */
export const ADMIN_TOKEN_PATTERN = /^[\x21-\x7e]+$/;
