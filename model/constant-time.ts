/** The one constant-time string comparison (secrets, PKCE verifiers, signatures, CSRF and admin tokens). */
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/**
 * Whether two strings are equal, in time that depends on neither their contents nor (because both sides are
 * hashed to 32 bytes first) their lengths.
 */
export function constantTimeEqual(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}
