/**
 * SigV4 verification for CreateTokenWithIAM (and the control plane's sso-admin and identity-store calls): the signature is recomputed with @smithy/signature-v4 over the request
 * as received (method, path, query, the signed headers, the body) using the principal's secret, and compared in
 * constant time.
 */
import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { HttpRequest } from '@smithy/protocol-http';
import { SignatureV4 } from '@smithy/signature-v4';
import { constantTimeEqual } from '../model/constant-time.js';
import type { Principal } from '../simulator/index.js';
import type { WireError } from './wire.js';

export const SIGNING_SERVICE = 'sso-oauth';
/** AWS refuses a request signed more than 5 minutes away from its own clock. */
export const MAX_CLOCK_SKEW_MS = 5 * 60 * 1000;

/** Headers a request must sign when it carries them (host and x-amz-date are always required). */
export const MUST_SIGN_WHEN_PRESENT = ['x-amz-target', 'content-type'] as const;

/** The parts of an incoming request that the signature covers. */
export interface ReceivedRequest {
  method: string;
  /** Path as received (percent-encoded). */
  path: string;
  query: URLSearchParams;
  /** Lower-case header names, as node:http gives them. */
  headers: Record<string, string | string[] | undefined>;
  body: Uint8Array;
}

export type SignatureCheck =
  | { ok: true; principal: Principal; region: string }
  | { ok: false; reason: 'missing' | 'malformed' | 'unknown-key' | 'scope' | 'skew' | 'mismatch'; message: string };

interface ParsedAuthorization {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
  signedHeaders: string[];
  signature: string;
}

const AUTH_PATTERN =
  /^AWS4-HMAC-SHA256\s+Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;!#$%&'*+.^_`|~-]+),\s*Signature=([0-9a-f]{64})$/;

export function parseAuthorization(header: string): ParsedAuthorization | undefined {
  const m = AUTH_PATTERN.exec(header.trim());
  if (!m) return undefined;
  return { accessKeyId: m[1]!, date: m[2]!, region: m[3]!, service: m[4]!, signedHeaders: m[5]!.split(';'), signature: m[6]! };
}

/** `20261123T120000Z` → Date, or undefined when it is not that form. */
export function parseAmzDate(value: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(value);
  if (!m) return undefined;
  const date = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!));
  return Number.isNaN(date.getTime()) ? undefined : date;
}

function headerValue(headers: ReceivedRequest['headers'], name: string): string | undefined {
  const v = headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/**
 * Who signed the request, or why the signature is refused. The messages are the ones AWS's signature front end
 * gives, so a user who has seen them in AWS recognizes them.
 */
export async function verifySignature(
  req: ReceivedRequest,
  principals: readonly Principal[],
  opts: { now: number; region?: string; service?: string },
): Promise<SignatureCheck> {
  const service = opts.service ?? SIGNING_SERVICE;
  const header = headerValue(req.headers, 'authorization');
  if (!header) {
    const what = service === SIGNING_SERVICE ? 'CreateTokenWithIAM' : 'the request';
    return { ok: false, reason: 'missing', message: `Missing Authentication Token: ${what} must be signed with SigV4 (service ${service})` };
  }
  const auth = parseAuthorization(header);
  if (!auth) {
    return { ok: false, reason: 'malformed', message: "Authorization header is not 'AWS4-HMAC-SHA256 Credential=…, SignedHeaders=…, Signature=…'" };
  }
  const principal = principals.find((p) => p.accessKeyId !== undefined && p.accessKeyId === auth.accessKeyId && p.secretAccessKey);
  if (!principal) {
    return { ok: false, reason: 'unknown-key', message: 'The security token included in the request is invalid.' };
  }
  if (auth.service !== service) {
    return { ok: false, reason: 'scope', message: `Credential should be scoped to correct service: '${service}' (got '${auth.service}')` };
  }
  if (opts.region && auth.region !== opts.region) {
    return { ok: false, reason: 'scope', message: `Credential should be scoped to a valid region: '${opts.region}' (got '${auth.region}')` };
  }
  const amzDate = headerValue(req.headers, 'x-amz-date');
  const signingDate = amzDate ? parseAmzDate(amzDate) : undefined;
  if (!signingDate || !auth.signedHeaders.includes('x-amz-date')) {
    return { ok: false, reason: 'malformed', message: 'the request must carry a signed X-Amz-Date header (YYYYMMDDTHHMMSSZ)' };
  }
  if (!amzDate!.startsWith(auth.date)) {
    return { ok: false, reason: 'scope', message: `Date in Credential scope does not match YYYYMMDD from X-Amz-Date (${auth.date} vs ${amzDate})` };
  }
  // AWS's own wording, which users search for; the SDK corrects its clock from the response's Date header.
  if (opts.now - signingDate.getTime() > MAX_CLOCK_SKEW_MS) {
    const earliest = amzDateOf(opts.now - MAX_CLOCK_SKEW_MS);
    return { ok: false, reason: 'skew', message: `Signature expired: ${amzDate} is now earlier than ${earliest} (${amzDateOf(opts.now)} - 5 min.)` };
  }
  if (signingDate.getTime() - opts.now > MAX_CLOCK_SKEW_MS) {
    const latest = amzDateOf(opts.now + MAX_CLOCK_SKEW_MS);
    return { ok: false, reason: 'skew', message: `Signature not yet current: ${amzDate} is still later than ${latest} (${amzDateOf(opts.now)} + 5 min.)` };
  }
  if (!auth.signedHeaders.includes('host')) {
    return { ok: false, reason: 'malformed', message: "the 'host' header must be signed" };
  }
  // What selects the operation and how the body is read must be covered too: an unsigned X-Amz-Target let a
  // signed DescribeApplication be replayed as DeleteApplication. The SDKs and the AWS CLI sign both.
  const unsigned = MUST_SIGN_WHEN_PRESENT.find((name) => headerValue(req.headers, name) !== undefined && !auth.signedHeaders.includes(name));
  if (unsigned) {
    return { ok: false, reason: 'malformed', message: `the '${unsigned}' header must be signed` };
  }

  // The signer trusts an x-amz-content-sha256 header as the payload hash, so it must really be the body's hash.
  const declaredHash = headerValue(req.headers, 'x-amz-content-sha256');
  if (declaredHash !== undefined && declaredHash !== createHash('sha256').update(req.body).digest('hex')) {
    return { ok: false, reason: 'mismatch', message: 'The provided x-amz-content-sha256 header does not match what was computed.' };
  }

  const headers: Record<string, string> = {};
  for (const name of auth.signedHeaders) {
    const value = headerValue(req.headers, name);
    if (value !== undefined) headers[name] = value;
  }
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(req.query.keys())) {
    const values = req.query.getAll(key);
    query[key] = values.length === 1 ? values[0]! : values;
  }
  const signer = new SignatureV4({
    service: auth.service,
    region: auth.region,
    credentials: { accessKeyId: principal.accessKeyId!, secretAccessKey: principal.secretAccessKey! },
    sha256: NodeSha256,
    // Sign only the headers that arrived; never add x-amz-content-sha256 of our own.
    applyChecksum: false,
  });
  const expected = await signer.sign(
    new HttpRequest({ method: req.method, protocol: 'http:', hostname: 'localhost', path: safeDecodePath(req.path), query, headers, body: req.body }),
    // The client chose which headers to sign; honour exactly that list (even ones the SDK itself never signs).
    { signingDate, signableHeaders: new Set(auth.signedHeaders) },
  );
  const expectedAuth = parseAuthorization(String(expected.headers.authorization ?? expected.headers.Authorization ?? ''));
  const matches =
    expectedAuth !== undefined &&
    expectedAuth.signedHeaders.join(';') === auth.signedHeaders.join(';') &&
    constantTimeEqual(expectedAuth.signature, auth.signature);
  if (!matches) {
    return {
      ok: false,
      reason: 'mismatch',
      message: 'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    };
  }
  return { ok: true, principal, region: auth.region };
}

/** `20261123T120000Z` for a time in ms. */
const amzDateOf = (ms: number): string => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/[-:]/g, '').replace('.000', '');

/**
 * A refused signature as AWS's front end answers it, before the service sees the request: HTTP 403 with the
 * front end's own error type (none of them is in the sso-oidc model, so the SDK raises them by name). An unknown
 * access key is UnrecognizedClientException; a wrong signature, wrong credential scope or a date outside the
 * 5-minute window is InvalidSignatureException — the code the SDK's clock-skew correction retries on, using the
 * response's Date header (tip-facts §8).
 */
export function signatureRefusal(check: Extract<SignatureCheck, { ok: false }>): WireError {
  const type = {
    missing: 'MissingAuthenticationTokenException',
    malformed: 'IncompleteSignatureException',
    'unknown-key': 'UnrecognizedClientException',
    scope: 'InvalidSignatureException',
    skew: 'InvalidSignatureException',
    mismatch: 'InvalidSignatureException',
  }[check.reason];
  return { status: 403, type, body: { message: check.message } };
}

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Buffer =>
  typeof data === 'string' ? data : ArrayBuffer.isView(data) ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : Buffer.from(data);

/**
 * SHA-256 and HMAC-SHA-256 for the signer from node:crypto (OpenSSL), the same digests as @aws-crypto/sha256-js
 * (its pure-JavaScript implementation was a tenth of the emulator's time per request).
 */
export class NodeSha256 {
  private hash: Hash | Hmac;

  constructor(private readonly secret?: SourceData) {
    this.hash = this.fresh();
  }

  private fresh(): Hash | Hmac {
    return this.secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(this.secret));
  }

  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }

  digest(): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(this.hash.digest()));
  }

  reset(): void {
    this.hash = this.fresh();
  }
}

function safeDecodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}
