/**
 * `tipkit serve`: the SSO OIDC REST API (restJson1, as the sso-oidc model describes it) on a loopback HTTP server,
 * answering through the same simulator `tipkit simulate` drives. Also serves the device verification page and
 * a small admin API for tests.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { constantTimeEqual } from '../model/constant-time.js';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSimulator, wallClock, type Clock, type Operation, type OperationResult, type Simulator } from '../simulator/index.js';
import { InputError, UsageError } from '../model/errors.js';
import { MAX_BODY_BYTES, MAX_JSON_DEPTH, jsonNestsDeeperThan, readBody } from './body.js';
import { scrub, type RequestLogEntry } from './log.js';
import { authorizePage, devicePage, deviceApprovedPage, errorPage, pageHeaders, type PageUser } from './pages.js';
import { signatureRefusal, verifySignature } from './sigv4.js';
import { ControlPlane } from './control-plane/control-plane.js';
import { invalidSecurityToken, sessionTokenProblem } from './session-token.js';
import { StsEndpoint, isStsRequest } from './sts/sts-endpoint.js';
import type { SignedService } from './service-call.js';
import { matchRoute, modelledError, readInput, toWireError, unknownOperation, type WireError } from './wire.js';
import { OwnAddress } from './own-address.js';
import { DEFAULT_MAX_CONNECTIONS, shedIdleConnections } from './connections.js';
import { PageSession } from './page-session.js';
import { authorizeRequest, BASE, describeFailure, MAX_MINT_SECONDS, originOf, requestUrl } from './request-parts.js';

export { ADMIN_TOKEN_PATTERN, DEFAULT_HOST, DEFAULT_TIMEOUTS, type EmulatorOptions, type EmulatorTimeouts, type RunningEmulator } from './options.js';
import { ADMIN_TOKEN_PATTERN, DEFAULT_HOST, DEFAULT_TIMEOUTS, type EmulatorOptions, type RunningEmulator } from './options.js';

/** The routes that act as a user or hold the scenario's keys: a page on another site must not reach them. */
const ADMIN_PATHS = new Set(['/_tipkit/approve-device', '/_tipkit/authorize', '/_tipkit/jwt']);
const PAGE_PATHS = new Set(['/device', '/authorize']);
/** Form posts from the verification page are small. */
const MAX_FORM_BYTES = 16 * 1024;

interface Context {
  requestId: string;
  req: IncomingMessage;
  res: ServerResponse;
  url: URL;
  log: Omit<RequestLogEntry, 'time' | 'status' | 'outcome'> & { outcome?: RequestLogEntry['outcome'] };
}

export async function startEmulator(opts: EmulatorOptions): Promise<RunningEmulator> {
  const host = opts.host ?? DEFAULT_HOST;
  const clock = opts.clock ?? wallClock;
  const adminToken = opts.adminToken ?? randomBytes(24).toString('base64url');
  if (!ADMIN_TOKEN_PATTERN.test(adminToken)) throw new UsageError('the admin token must be visible ASCII characters without spaces');
  const simulator = await createSimulator(opts.model, opts.scenario, { clock, allowNetwork: opts.allowNetwork, arnClientIds: true });
  const controlPlane = ControlPlane.create(opts.model, opts.scenario, simulator, clock, opts.controlPlane);
  const emulator = new Emulator(opts, simulator, clock, controlPlane, adminToken);
  const timeouts = { ...DEFAULT_TIMEOUTS, ...opts.timeouts };
  const server = createServer({
    headersTimeout: timeouts.headersMs,
    requestTimeout: timeouts.requestMs,
    keepAliveTimeout: timeouts.keepAliveMs,
    // Node enforces the two timeouts only when it checks the connections.
    connectionsCheckingInterval: Math.min(2_000, Math.ceil(timeouts.headersMs / 4)),
  });
  server.on('request', (req, res) => void emulator.handle(req, res));
  shedIdleConnections(server, opts.maxConnections ?? DEFAULT_MAX_CONNECTIONS);
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) return socket.destroy();
    const status = err.code === 'ERR_HTTP_REQUEST_TIMEOUT' ? '408 Request Timeout' : err.code === 'HPE_HEADER_OVERFLOW' ? '431 Request Header Fields Too Large' : '400 Bad Request';
    socket.end(`HTTP/1.1 ${status}\r\nconnection: close\r\ncontent-length: 0\r\n\r\n`);
  });
  const port = await listen(server, opts.port ?? 0, host);
  emulator.listeningOn(host, port);
  return {
    url: emulator.baseUrl,
    port,
    host,
    controlPlane,
    adminToken,
    pagesUrl: emulator.pages.link(emulator.baseUrl),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function listen(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => reject(err);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    });
  });
}

class Emulator {
  baseUrl = '';
  /** Guards the verification form against cross-site posts (a page elsewhere cannot read this value). */
  private readonly csrfToken = randomBytes(16).toString('hex');
  /** The addresses that name this server (Host and Origin checks). */
  private readonly own = new OwnAddress();
  private sts?: StsEndpoint;

  constructor(
    private readonly opts: EmulatorOptions,
    private readonly simulator: Simulator,
    private readonly clock: Clock,
    private readonly controlPlane: ControlPlane,
    private readonly adminToken: string,
    readonly pages = new PageSession(adminToken),
  ) {}

  listeningOn(host: string, port: number): void {
    this.own.listeningOn(host, port);
    this.baseUrl = this.own.baseUrl;
  }

  /**
   * Refuses what a web page the user happens to visit could send: a foreign Host (DNS rebinding: the page's own
   * name resolving to 127.0.0.1) gets 421, a foreign Origin (a cross-site fetch or form post, even `no-cors`)
   * gets 403. AWS SDKs and CLIs send no Origin. True when the request was answered.
   */
  private refuseForeign(ctx: Context): boolean {
    const host = ctx.req.headers.host ?? '';
    if (!this.own.isOwnHost(host)) {
      ctx.log.failedCheck = 'host';
      this.refuse(ctx, 421, 'MisdirectedRequestException', `Host ${JSON.stringify(host)} is not this server; use ${this.baseUrl}`);
      return true;
    }
    const origin = ctx.req.headers.origin;
    if (origin !== undefined && !this.own.isOwnOrigin(origin)) {
      ctx.log.failedCheck = 'origin';
      this.refuse(ctx, 403, 'ForbiddenOriginException', `requests from ${JSON.stringify(origin)} are refused; only pages of ${this.baseUrl} may call this server from a browser`);
      return true;
    }
    return false;
  }

  /**
   * The admin routes act as a user (approve a device code, authorize a client) or sign with the scenario's keys,
   * so they also require a JSON content type (a cross-site `no-cors` post cannot send one) and the run's admin
   * token (other local users and processes do not have it). True when the request was answered.
   */
  private refuseAdmin(ctx: Context): boolean {
    const contentType = String(ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (contentType !== 'application/json') {
      ctx.log.failedCheck = 'content-type';
      this.refuse(ctx, 415, 'UnsupportedMediaTypeException', `admin routes take content-type: application/json (got ${contentType ? JSON.stringify(contentType) : 'none'})`);
      return true;
    }
    const m = /^Bearer +(\S+)$/i.exec(String(ctx.req.headers.authorization ?? ''));
    if (!m || !constantTimeEqual(m[1]!, this.adminToken)) {
      ctx.log.failedCheck = 'admin-token';
      ctx.res.setHeader('www-authenticate', 'Bearer realm="tipkit serve admin"');
      this.refuse(ctx, 401, 'UnauthorizedException', `admin routes need "authorization: Bearer TOKEN" with the token tipkit serve printed at start (or the TIPKIT_ADMIN_TOKEN it was given)`);
      return true;
    }
    return false;
  }

  /** The pages need the run's admin token, as a cookie the printed link sets (see page-session.ts). True when answered. */
  private refusePageWithoutSession(ctx: Context): boolean {
    const check = this.pages.check(ctx.req.method, ctx.url, ctx.req.headers.cookie, this.baseUrl);
    if (check.kind === 'pass') return false;
    if (check.kind === 'signed-in') {
      ctx.log.operation = 'PageSignIn';
      ctx.res.writeHead(303, check.headers).end();
      this.logDone(ctx, 303);
    } else {
      ctx.log.failedCheck = check.failedCheck;
      this.refuse(ctx, 401, 'UnauthorizedException', check.message);
    }
    return true;
  }

  /** A refusal before the request is read: an HTML page for the browser pages, else JSON; the body is drained. */
  private refuse(ctx: Context, status: number, type: string, message: string): void {
    if (PAGE_PATHS.has(ctx.url.pathname)) {
      ctx.log.errorType = type;
      return this.sendHtml(ctx, status, errorPage('Request refused', message), { drain: true });
    }
    this.sendError(ctx, { status, type, body: { message } }, { drain: true });
  }

  async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const requestId = randomUUID();
    const url = requestUrl(req.url);
    const ctx: Context = { requestId, req, res, url: url ?? new URL(BASE), log: { requestId, method: req.method ?? '', path: url?.pathname ?? String(req.url), operation: '-' } };
    res.setHeader('x-amzn-requestid', requestId);
    try {
      if (this.refuseForeign(ctx)) return;
      if (!url) return this.sendError(ctx, modelledError('InvalidRequestException', 'the request target is not a valid path'), { drain: true });
      if (ADMIN_PATHS.has(url.pathname) && req.method === 'POST' && this.refuseAdmin(ctx)) return;
      if (PAGE_PATHS.has(url.pathname) && req.headers['x-amz-target'] === undefined && this.refusePageWithoutSession(ctx)) return;
      await this.dispatch(ctx);
    } catch (err) {
      // A bug must not leak a stack trace to the client; the log says what happened.
      ctx.log.detail = `internal error: ${(err as Error)?.message ?? String(err)}`;
      if (!res.headersSent) this.sendError(ctx, modelledError('InternalServerException', 'An internal error occurred in tipkit serve'));
      else res.destroy();
    }
  }

  private async dispatch(ctx: Context): Promise<void> {
    const { req, url } = ctx;
    const method = req.method ?? '';
    if (req.headers['x-amz-target'] !== undefined) return this.serviceCall(ctx, this.controlPlane);
    if (isStsRequest(method, url.pathname, req.headers)) return this.serviceCall(ctx, (this.sts ??= new StsEndpoint(this.simulator, this.clock, this.opts.model.instance.region)));
    if (url.pathname === '/device' && (method === 'GET' || method === 'HEAD')) return this.showDevicePage(ctx);
    if (url.pathname === '/device' && method === 'POST') return this.submitDevicePage(ctx);
    if (url.pathname === '/authorize' && (method === 'GET' || method === 'HEAD')) return this.showAuthorizePage(ctx);
    if (url.pathname === '/authorize' && method === 'POST') return this.submitAuthorizePage(ctx);
    if (url.pathname === '/_tipkit/health' && method === 'GET') {
      ctx.log.operation = 'health';
      return this.sendJson(ctx, 200, { status: 'ok' });
    }
    if (url.pathname === '/_tipkit/approve-device' && method === 'POST') return this.adminCall(ctx, 'ApproveDevice');
    if (url.pathname === '/_tipkit/authorize' && method === 'POST') return this.adminCall(ctx, 'Authorize');
    if (url.pathname === '/_tipkit/jwt' && method === 'POST') return this.mintAssertion(ctx);

    const route = matchRoute(method, url);
    if (!route) return this.sendError(ctx, unknownOperation(method, url.pathname), { drain: true });
    ctx.log.operation = route.operation;

    const raw = await this.readRawBody(ctx);
    if (!raw) return;

    // The signature is checked first, as AWS's front end does, before the body is even parsed.
    let callerArn: string | undefined;
    if (route.auth === 'sigv4') {
      const check = await verifySignature(
        { method, path: url.pathname, query: url.searchParams, headers: req.headers, body: raw },
        this.simulator.principals,
        { now: this.clock.now(), region: this.opts.model.instance.region },
      );
      if (!check.ok) {
        ctx.log.failedCheck = `sigv4:${check.reason}`;
        // Refused at AWS's front end (403, UnrecognizedClientException / InvalidSignatureException …), not by the service.
        return this.sendError(ctx, signatureRefusal(check));
      }
      const tokenProblem = sessionTokenProblem(req.headers, check.principal);
      if (tokenProblem) {
        ctx.log.failedCheck = 'sigv4:session-token';
        ctx.log.detail = tokenProblem;
        return this.sendError(ctx, invalidSecurityToken());
      }
      callerArn = check.principal.arn;
      ctx.log.caller = callerArn;
    }

    const body = this.parseJson(ctx, raw);
    if (!body.ok) return;
    const read = readInput(route.operation, body.value);
    if ('error' in read) return this.sendError(ctx, read.error);
    const input = read.input;
    if (typeof input.clientId === 'string') ctx.log.clientId = scrub(input.clientId);

    const result = await this.simulator.call(route.operation, input, { callerArn });
    // RFC 6749 §5.1: a response carrying tokens must not be cached (the errors of the token endpoint too).
    const noStore = route.operation === 'CreateToken' || route.operation === 'CreateTokenWithIAM' ? TOKEN_RESPONSE_HEADERS : {};
    if (result.outcome === 'success') return this.sendJson(ctx, 200, this.pointAtThisServer(route.operation, result.response ?? {}), noStore);
    this.noteFailure(ctx, result);
    return this.sendError(ctx, toWireError(result.error ?? { type: 'InternalServerException', error: 'server_error', error_description: 'no error returned' }), { headers: noStore });
  }

  /** sso-admin and identity-store (AWS JSON 1.1, dispatched by X-Amz-Target). */
  /** A signed AWS service on this port: the sso-admin control plane, or STS (query protocol, emulator/sts/). */
  private async serviceCall(ctx: Context, service: SignedService): Promise<void> {
    const raw = await this.readRawBody(ctx);
    if (!raw) return;
    const { req, url } = ctx;
    const answer = await service.handle({ method: req.method ?? '', path: url.pathname, query: url.searchParams, headers: req.headers, body: raw }, ctx.requestId);
    Object.assign(ctx.log, { operation: answer.operation, caller: answer.caller, errorType: answer.errorType, detail: answer.detail && scrub(answer.detail) });
    ctx.res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
    ctx.res.end(answer.body);
    this.logDone(ctx, answer.status);
  }

  /**
   * The simulator names AWS's own endpoints; a client of the emulator must come back here instead: the device
   * page for verificationUri(Complete).
   */
  private pointAtThisServer(operation: Operation, response: Record<string, unknown>): Record<string, unknown> {
    const out = { ...response };
    if (operation === 'StartDeviceAuthorization' && typeof out.userCode === 'string') {
      out.verificationUri = `${this.baseUrl}/device`;
      out.verificationUriComplete = `${this.baseUrl}/device?user_code=${encodeURIComponent(out.userCode)}`;
    }
    return out;
  }

  /** The request body, or undefined once an oversize body has been answered (or the client went away). */
  private async readRawBody(ctx: Context): Promise<Buffer | undefined> {
    const read = await readBody(ctx.req, MAX_BODY_BYTES);
    if (read.ok) return read.body;
    if ('tooLarge' in read) {
      // 413 tells HTTP clients and proxies the truth; the modelled type keeps the SDK's error mapping.
      this.sendError(ctx, { ...modelledError('InvalidRequestException', `request body exceeds ${MAX_BODY_BYTES} bytes`), status: 413 }, { drain: true });
    } else ctx.res.destroy();
    return undefined;
  }

  /** A restJson1 body: JSON by content-type (or empty), else InvalidRequestException is sent. */
  private parseJson(ctx: Context, raw: Buffer): { ok: true; value: unknown } | { ok: false } {
    const contentType = String(ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
    if (raw.length === 0 && !contentType) return { ok: true, value: {} };
    if (contentType && contentType !== 'application/json' && !contentType.endsWith('+json')) {
      this.sendError(ctx, modelledError('InvalidRequestException', `content-type must be application/json (got ${contentType})`));
      return { ok: false };
    }
    const text = raw.toString('utf8');
    // Every walk after parsing (input shapes, JWT claims, JSON.stringify when signing) recurses per level.
    if (jsonNestsDeeperThan(text, MAX_JSON_DEPTH)) {
      this.sendError(ctx, modelledError('InvalidRequestException', `the request body nests deeper than ${MAX_JSON_DEPTH} levels`));
      return { ok: false };
    }
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch {
      this.sendError(ctx, modelledError('InvalidRequestException', 'the request body is not valid JSON'));
      return { ok: false };
    }
  }

  /** POST /_tipkit/approve-device and /_tipkit/authorize: the user actions, as JSON, for tests. */
  private async adminCall(ctx: Context, operation: 'ApproveDevice' | 'Authorize'): Promise<void> {
    ctx.log.operation = operation;
    const raw = await this.readRawBody(ctx);
    if (!raw) return;
    const body = this.parseJson(ctx, raw);
    if (!body.ok) return;
    if (body.value === null || typeof body.value !== 'object' || Array.isArray(body.value)) {
      return this.sendError(ctx, modelledError('InvalidRequestException', 'the request body must be a JSON object'));
    }
    const input = body.value as Record<string, unknown>;
    if (typeof input.clientId === 'string') ctx.log.clientId = scrub(input.clientId);
    const result = await this.simulator.call(operation, input);
    if (result.outcome === 'success') return this.sendJson(ctx, 200, result.response ?? {});
    this.noteFailure(ctx, result);
    return this.sendError(ctx, toWireError(result.error!));
  }

  /**
   * POST /_tipkit/jwt { issuer, claims?, header?, expiresIn? } → { jwt }: an assertion signed with a scenario
   * issuer's key (generateKey / privateJwk), exactly as a scenario's `jwt:` is, so an application's own
   * integration tests can play the IdP without holding the key.
   */
  private async mintAssertion(ctx: Context): Promise<void> {
    ctx.log.operation = 'MintAssertion';
    const raw = await this.readRawBody(ctx);
    if (!raw) return;
    const body = this.parseJson(ctx, raw);
    if (!body.ok) return;
    const spec = body.value as Record<string, unknown> | null;
    const isObject = (v: unknown) => v === undefined || (typeof v === 'object' && v !== null && !Array.isArray(v));
    if (!spec || typeof spec !== 'object' || typeof spec.issuer !== 'string' || !isObject(spec.claims) || !isObject(spec.header)) {
      return this.sendError(ctx, modelledError('InvalidRequestException', 'expected { "issuer": NAME, "claims"?: {…}, "header"?: {…}, "expiresIn"?: seconds }'));
    }
    // A number, as JSON has them: `true`, `"300"` or `[300]` are mistakes to report, not values to coerce.
    const expiresIn = spec.expiresIn === undefined ? 300 : spec.expiresIn;
    if (typeof expiresIn !== 'number' || !Number.isFinite(expiresIn) || Math.abs(expiresIn) > MAX_MINT_SECONDS) {
      const got = typeof expiresIn === 'number' ? String(expiresIn) : `${Array.isArray(expiresIn) ? 'an array' : typeof expiresIn === 'object' ? (expiresIn === null ? 'null' : 'an object') : `a ${typeof expiresIn}`}`;
      return this.sendError(ctx, modelledError('InvalidRequestException', `expiresIn must be a number of seconds, at most ${MAX_MINT_SECONDS} either way (got ${got})`));
    }
    try {
      const jwt = await this.simulator.signJwt({ issuer: spec.issuer, claims: spec.claims as Record<string, unknown> | undefined, header: spec.header as Record<string, unknown> | undefined }, expiresIn);
      return this.sendJson(ctx, 200, { jwt });
    } catch (err) {
      if (err instanceof InputError) return this.sendError(ctx, modelledError('InvalidRequestException', err.message));
      throw err;
    }
  }

  private showDevicePage(ctx: Context): void {
    ctx.log.operation = 'DevicePage';
    const userCode = ctx.url.searchParams.get('user_code') ?? '';
    this.sendHtml(ctx, 200, devicePage({ userCode, users: this.pageUsers(), csrfToken: this.csrfToken }));
  }

  private async submitDevicePage(ctx: Context): Promise<void> {
    ctx.log.operation = 'ApproveDevice';
    const form = await this.readForm(ctx);
    if (!form) return;
    const userCode = (form.get('user_code') ?? '').trim();
    const user = form.get('user') ?? '';
    const result = await this.simulator.call('ApproveDevice', { userCode, user });
    if (result.outcome === 'success') return this.sendHtml(ctx, 200, deviceApprovedPage({ userCode, user }));
    this.noteFailure(ctx, result);
    const error = describeFailure(result);
    return this.sendHtml(ctx, toWireError(result.error!).status, devicePage({ userCode, users: this.pageUsers(), csrfToken: this.csrfToken, error }));
  }

  /** GET /authorize (the authorization_code flow's sign-in page), with AWS's query parameter names. */
  private showAuthorizePage(ctx: Context): void {
    ctx.log.operation = 'AuthorizePage';
    const q = ctx.url.searchParams;
    const request = authorizeRequest((name) => q.get(name) ?? undefined);
    ctx.log.clientId = request.clientId ? scrub(request.clientId) : undefined;
    if (!request.clientId || !request.redirectUri) {
      return this.sendHtml(ctx, 400, errorPage('Invalid request', 'client_id and redirect_uri are required'));
    }
    // javascript:, data: and the like would run in this page's origin once the browser follows them.
    if (!originOf(request.redirectUri)) {
      ctx.log.failedCheck = 'redirect-uri';
      return this.sendHtml(ctx, 400, errorPage('Invalid request', 'redirect_uri must be an http or https URL'));
    }
    if (q.get('response_type') !== null && q.get('response_type') !== 'code') {
      return this.sendHtml(ctx, 400, errorPage('Invalid request', `response_type must be code (got ${q.get('response_type')})`));
    }
    this.sendHtml(ctx, 200, authorizePage({ request, users: this.pageUsers(), csrfToken: this.csrfToken }), { formRedirect: request.redirectUri });
  }

  /** POST /authorize: the simulator's Authorize; on success the browser goes back to the client with the code. */
  private async submitAuthorizePage(ctx: Context): Promise<void> {
    ctx.log.operation = 'Authorize';
    const form = await this.readForm(ctx);
    if (!form) return;
    const request = authorizeRequest((name) => form.get(name) ?? undefined);
    ctx.log.clientId = scrub(request.clientId);
    const input: Record<string, unknown> = { clientId: request.clientId, redirectUri: request.redirectUri, user: form.get('user') ?? '' };
    if (request.scopes.length) input.scope = request.scopes;
    if (request.state !== undefined) input.state = request.state;
    if (request.codeChallenge !== undefined) input.codeChallenge = request.codeChallenge;
    if (request.codeChallengeMethod !== undefined) input.codeChallengeMethod = request.codeChallengeMethod;
    const result = await this.simulator.call('Authorize', input);
    if (result.outcome !== 'success') {
      // Never redirect on failure: the redirect URI may be the very thing that was refused.
      this.noteFailure(ctx, result);
      const page = authorizePage({ request, users: this.pageUsers(), csrfToken: this.csrfToken, error: describeFailure(result) });
      return this.sendHtml(ctx, toWireError(result.error!).status, page, { formRedirect: request.redirectUri });
    }
    // The simulator checked redirectUri against the client's registered URIs (http and https only) before issuing the code.
    const target = new URL(request.redirectUri);
    if (target.protocol !== 'http:' && target.protocol !== 'https:') {
      ctx.log.failedCheck = 'redirect-uri';
      return this.sendHtml(ctx, 400, errorPage('Invalid request', 'redirect_uri must be an http or https URL'));
    }
    target.searchParams.set('code', String(result.response!.code));
    if (result.response!.state !== undefined) target.searchParams.set('state', String(result.response!.state));
    ctx.res.writeHead(302, { location: target.toString(), 'cache-control': 'no-store', 'content-length': 0 });
    ctx.res.end();
    this.logDone(ctx, 302);
  }

  /** A posted form from one of this server's pages (size-limited, CSRF-checked), or undefined once answered. */
  private async readForm(ctx: Context): Promise<URLSearchParams | undefined> {
    const read = await readBody(ctx.req, MAX_FORM_BYTES);
    if (!read.ok) {
      if ('tooLarge' in read) this.sendHtml(ctx, 413, errorPage('Request too large', 'The form data is too large.'), { drain: true });
      else ctx.res.destroy();
      return undefined;
    }
    const form = new URLSearchParams(read.body.toString('utf8'));
    if (!constantTimeEqual(form.get('csrf') ?? '', this.csrfToken)) {
      ctx.log.failedCheck = 'csrf';
      this.sendHtml(ctx, 403, errorPage('Request refused', 'This form did not come from this server. Open the link again.'));
      return undefined;
    }
    return form;
  }

  private pageUsers(): PageUser[] {
    return this.opts.scenario.identityStore.Users.map((u) => ({
      userName: u.UserName ?? u.UserId,
      userId: u.UserId,
      displayName: u.DisplayName,
    }));
  }

  private noteFailure(ctx: Context, result: OperationResult): void {
    const failed = result.trace.find((step) => !step.ok);
    if (failed) {
      ctx.log.failedCheck = failed.check;
      ctx.log.detail = scrub(failed.detail);
    }
  }

  private sendJson(ctx: Context, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
    const payload = JSON.stringify(body);
    ctx.res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), ...extraHeaders });
    ctx.res.end(payload);
    this.logDone(ctx, status);
  }

  private sendError(ctx: Context, err: WireError, opts: { drain?: boolean; headers?: Record<string, string> } = {}): void {
    ctx.log.errorType = err.type;
    this.sendJson(ctx, err.status, err.body, { 'x-amzn-errortype': err.type, ...opts.headers, ...(opts.drain ? { connection: 'close' } : {}) });
    if (opts.drain) ctx.req.resume();
  }

  private sendHtml(ctx: Context, status: number, html: string, opts: { drain?: boolean; formRedirect?: string } = {}): void {
    const headers = { ...pageHeaders(originOf(opts.formRedirect)), 'content-length': Buffer.byteLength(html), ...(opts.drain ? { connection: 'close' } : {}) };
    ctx.res.writeHead(status, headers);
    ctx.res.end(ctx.req.method === 'HEAD' ? undefined : html);
    if (opts.drain) ctx.req.resume();
    this.logDone(ctx, status);
  }

  private logDone(ctx: Context, status: number): void {
    if (!this.opts.log) return;
    this.opts.log({ time: new Date(this.clock.now()).toISOString(), ...ctx.log, status, outcome: status < 400 ? 'success' : 'error' });
  }
}

/** RFC 6749 §5.1: `Cache-Control: no-store` and `Pragma: no-cache` on every token endpoint response. */
export const TOKEN_RESPONSE_HEADERS: Readonly<Record<string, string>> = { 'cache-control': 'no-store', pragma: 'no-cache' };
