/** The contract between the token endpoint and the one-module-per-grant-type handlers. */
import type { OAuthClient, SimulatorContext } from '../context.js';
import type { Trace } from '../trace.js';
import type { IdentityStoreUser } from '../types.js';

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
  /** The trusted token issuer ARN (jwt-bearer), the idToken's `act.sub`. */
  actor?: string;
  issueRefreshToken: boolean;
  /** Runs once the scope check passed (marks codes used, records jtis). */
  commit?: () => void;
}

export interface GrantHandler {
  grantType: string;
  /** The operations that accept this grant type. */
  operations: readonly TokenOperation[];
  handle(req: GrantRequest): Promise<GrantOutcome>;
}
