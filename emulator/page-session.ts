/**
 * The browser pages' sign-in. `/device` approves a device code as any scenario user and `/authorize` signs any user
 * in, so they need the admin token as the admin routes do (else any local process could read the form's CSRF token
 * and approve a code for any user). Opening a page with `?admin_token=TOKEN` (the link serve prints) sets an
 * HttpOnly cookie and redirects to the page without the token; SameSite=Lax keeps it off cross-site form posts.
 */
import { createHash } from 'node:crypto';
import { constantTimeEqual } from '../model/constant-time.js';

/** The query parameter that signs a browser in to the pages. */
export const PAGE_SIGN_IN_PARAM = 'admin_token';
const PAGE_COOKIE = 'tipkit_pages';

export type PageCheck =
  | { kind: 'pass' }
  | { kind: 'signed-in'; headers: Record<string, string | number> }
  | { kind: 'refused'; failedCheck: 'admin-token' | 'page-session'; message: string };

export class PageSession {
  /** The cookie's value: derived from the admin token, so the token itself never sits in a cookie. */
  private readonly value: string;

  constructor(private readonly adminToken: string) {
    this.value = createHash('sha256').update(`tipkit serve pages\0${adminToken}`).digest('base64url');
  }

  /** The link serve prints: the device page, signing the browser in. */
  link(baseUrl: string): string {
    return `${baseUrl}/device?${PAGE_SIGN_IN_PARAM}=${encodeURIComponent(this.adminToken)}`;
  }

  /**
   * A page request: `pass` with the cookie; `signed-in` (a 303 to the page without the token, setting the cookie)
   * for a GET with the right `?admin_token=`; else refused, saying how to sign in.
   */
  check(method: string | undefined, url: URL, cookieHeader: string | undefined, baseUrl: string): PageCheck {
    const given = method === 'GET' || method === 'HEAD' ? url.searchParams.get(PAGE_SIGN_IN_PARAM) : null;
    const open = `open the link tipkit serve printed at start (${baseUrl}/device?${PAGE_SIGN_IN_PARAM}=…)`;
    if (given !== null && !constantTimeEqual(given, this.adminToken)) {
      return { kind: 'refused', failedCheck: 'admin-token', message: `the ${PAGE_SIGN_IN_PARAM} in this link is not this run's admin token; ${open}` };
    }
    if (given !== null) {
      const target = new URL(url);
      target.searchParams.delete(PAGE_SIGN_IN_PARAM);
      const cookie = `${PAGE_COOKIE}=${this.value}; HttpOnly; SameSite=Lax; Path=/`;
      return { kind: 'signed-in', headers: { location: `${target.pathname}${target.search}`, 'set-cookie': cookie, 'cache-control': 'no-store', 'content-length': 0 } };
    }
    if (constantTimeEqual(cookieValue(cookieHeader, PAGE_COOKIE) ?? '', this.value)) return { kind: 'pass' };
    return { kind: 'refused', failedCheck: 'page-session', message: `this page acts as a user, so it needs this run's admin token: ${open} in this browser once, then this page again` };
  }
}

/** One cookie's value from a Cookie header, or undefined. */
function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return undefined;
}
