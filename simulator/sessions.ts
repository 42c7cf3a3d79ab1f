/** The role sessions STS AssumeRole issued in this run: what `serve` accepts as SigV4 principals afterwards. */
import type { IdentityContextClaims } from './identity-context.js';
import type { Principal } from './types.js';

/** Sessions kept at once; the oldest is forgotten first (a caller cannot grow the store without bound). */
export const MAX_LIVE_SESSIONS = 10_000;

/** An identity-enhanced (or plain) role session this run issued. */
export interface RoleSession {
  /** Usable as a SigV4 principal by `serve` (ASIA… key, secret, session token). */
  principal: Principal;
  roleArn: string;
  assumedRoleId: string;
  account: string;
  expiresAt: number;
  identity?: IdentityContextClaims;
}

export class SessionStore {
  private readonly byKey = new Map<string, RoleSession>();

  add(session: RoleSession): void {
    if (this.byKey.size >= MAX_LIVE_SESSIONS) this.byKey.delete(this.byKey.keys().next().value!);
    this.byKey.set(session.principal.accessKeyId!, session);
  }

  byAccessKey(accessKeyId: string): RoleSession | undefined {
    return this.byKey.get(accessKeyId);
  }

  byArn(arn: string): RoleSession | undefined {
    for (const s of this.byKey.values()) if (s.principal.arn === arn) return s;
    return undefined;
  }

  get size(): number {
    return this.byKey.size;
  }
}

