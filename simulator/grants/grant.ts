/** The contract between the token endpoint and the one-module-per-grant-type handlers. */
import type { OAuthClient, SimulatorContext } from '../context.js';
import type { Trace } from '../trace.js';
import type { IdentityStoreUser } from '../types.js';
import type { IssuedToken } from '../tokens.js';

export type TokenOperation = 'CreateTokenWithIAM' | 'CreateToken';

export interface GrantRequest {
  ctx: SimulatorContext;
  operation: TokenOperation;
  /** The request members, already checked against the sso-oidc model shape. */
  input: Record<string, unknown>;
  client: OAuthClient;
  trace: Trace;
}

/** What a grant established; the endpoint then checks scopes and mints the tokens. */
export interface GrantOutcome {
  user: IdentityStoreUser;
  /** The scopes the request may ask for (absent `scope` → all of them). */
  allowedScopes: string[];
  /** Where allowedScopes come from, for the trace. */
  scopeSource: string;
  authTime: number;
  /** The trusted token issuer ARN (jwt-bearer), kept with the tokens. */
  actor?: string;
  issueRefreshToken: boolean;
  /**
   * The idToken CreateTokenWithIAM returns, claim by claim as AWS's examples show it; absent: none (the refresh
   * example returns none).
   */
  idToken?: { act?: string; auditContext: boolean };
  /** When the Identity Center session ends: carried from the refresh or subject token; else it starts now. */
  sessionEndsAt?: number;
  /** Answer with this refresh token again instead of a new one (refresh without rotation). */
  sameRefreshToken?: IssuedToken;
  /** Runs once the scope check passed (marks codes used, records jtis). */
  commit?: () => void;
}

export interface GrantHandler {
  grantType: string;
  /** The operations that accept this grant type. */
  operations: readonly TokenOperation[];
  handle(req: GrantRequest): Promise<GrantOutcome>;
}
