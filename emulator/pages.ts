/**
 * The HTML pages a user sees in the browser: the device verification page (enter or confirm a user code, pick
 * an identity-store user, approve) and its result. Self-contained (no external assets); every value is escaped.
 */

export interface PageUser {
  userName: string;
  userId: string;
  displayName?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;', '`': '&#96;' };

export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"'`]/g, (c) => ESCAPES[c]!);
}

/**
 * Headers every page carries: no scripts, no framing, forms post only back here. The authorize page's form ends in a
 * redirect to the client, which browsers check against form-action too, so that origin may be added.
 */
export function pageHeaders(formRedirectOrigin?: string): Record<string, string> {
  const formAction = formRedirectOrigin ? `'self' ${formRedirectOrigin}` : "'self'";
  return {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': `default-src 'none'; style-src 'unsafe-inline'; form-action ${formAction}; frame-ancestors 'none'; base-uri 'none'`,
    'x-content-type-options': 'nosniff',
    'x-frame-options': 'DENY',
    // Not no-referrer: under it browsers send `Origin: null` with the page's own form posts, which serve refuses
    // as a foreign origin. same-origin still sends nothing to other sites (the client the authorize page redirects to).
    'referrer-policy': 'same-origin',
    'cache-control': 'no-store',
  };
}

const STYLE = `body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem;color:#16191f}
h1{font-size:1.4rem}label{display:block;margin:1rem 0 .3rem;font-weight:600}
input,select{font-size:1.1rem;padding:.4rem;width:100%;box-sizing:border-box}
button{margin-top:1.2rem;font-size:1.1rem;padding:.5rem 1.5rem;background:#0972d3;color:#fff;border:0;border-radius:4px;cursor:pointer}
.code{font-family:ui-monospace,monospace;letter-spacing:.1em}.note{color:#5f6b7a;font-size:.9rem}
.error{border-left:4px solid #d91515;padding:.5rem 1rem;background:#fff7f7}.ok{border-left:4px solid #037f0c;padding:.5rem 1rem;background:#f2fcf3}`;

function layout(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)} – tipkit serve</title><style>${STYLE}</style></head>
<body><h1>${escapeHtml(title)}</h1>
${body}
<p class="note">tipkit serve: a local SSO OIDC emulator. No password is asked; pick any user of the scenario's identity store.</p>
</body></html>
`;
}

/** The identity-store users to sign in as (no passwords: this is a test double of the sign-in page). */
function userSelect(users: readonly PageUser[]): string {
  if (!users.length) {
    return `<p class="error">The scenario's identity store has no users, so no one can sign in. Add <code>identityStore.Users</code> to the scenario.</p>`;
  }
  const options = users
    .map((u) => `<option value="${escapeHtml(u.userName)}">${escapeHtml(u.displayName ? `${u.displayName} (${u.userName})` : u.userName)}</option>`)
    .join('');
  return `<label for="user">Sign in as</label><select id="user" name="user" required>${options}</select>`;
}

/** GET /device: the form a user fills in after opening verificationUri(Complete). */
export function devicePage(opts: { userCode: string; users: readonly PageUser[]; csrfToken: string; error?: string }): string {
  const error = opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : '';
  return layout(
    'Authorize request',
    `${error}<form method="post" action="/device">
<input type="hidden" name="csrf" value="${escapeHtml(opts.csrfToken)}">
<label for="user_code">Code shown by the application</label>
<input id="user_code" name="user_code" class="code" value="${escapeHtml(opts.userCode)}" required autocomplete="off" spellcheck="false">
${userSelect(opts.users)}
<button type="submit" id="approve">Approve</button>
</form>`,
  );
}

/** The authorization request a browser brings to GET /authorize, carried through the form unchanged. */
export interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state?: string;
  codeChallenge?: string;
  codeChallengeMethod?: string;
}

/** GET /authorize: the sign-in and consent page of the authorization_code flow. */
export function authorizePage(opts: { request: AuthorizeRequest; users: readonly PageUser[]; csrfToken: string; error?: string }): string {
  const r = opts.request;
  const hidden = (name: string, value: string | undefined) => (value === undefined ? '' : `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`);
  const error = opts.error ? `<p class="error" role="alert">${escapeHtml(opts.error)}</p>` : '';
  return layout(
    'Allow access',
    `${error}<p>Client <span class="code">${escapeHtml(r.clientId)}</span> asks for ${r.scopes.length ? `the scopes <span class="code">${escapeHtml(r.scopes.join(' '))}</span>` : 'its configured scopes'} and will receive the code at <span class="code">${escapeHtml(r.redirectUri)}</span>.</p>
<form method="post" action="/authorize">
${hidden('csrf', opts.csrfToken)}${hidden('client_id', r.clientId)}${hidden('redirect_uri', r.redirectUri)}${hidden('scopes', r.scopes.join(' '))}${hidden('state', r.state)}${hidden('code_challenge', r.codeChallenge)}${hidden('code_challenge_method', r.codeChallengeMethod)}
${userSelect(opts.users)}
<button type="submit" id="allow">Allow</button>
</form>`,
  );
}

/** After POST /device: the device may now fetch its token. */
export function deviceApprovedPage(opts: { userCode: string; user: string }): string {
  return layout(
    'Request approved',
    `<p class="ok" role="status">Code <span class="code">${escapeHtml(opts.userCode)}</span> approved for <strong>${escapeHtml(opts.user)}</strong>. You can close this window; the application will finish signing in.</p>`,
  );
}

export function errorPage(title: string, message: string): string {
  return layout(title, `<p class="error" role="alert">${escapeHtml(message)}</p>`);
}
