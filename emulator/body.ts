/** Reads a request body with a size limit, so a large or endless upload is refused instead of buffered. */
import type { IncomingMessage } from 'node:http';

/** SSO OIDC requests are a few kilobytes (a JWT assertion is the largest member); 1 MiB is generous. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type BodyResult = { ok: true; body: Buffer } | { ok: false; tooLarge: true } | { ok: false; aborted: true };

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<BodyResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > limit) return Promise.resolve({ ok: false, tooLarge: true });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const settle = (result: BodyResult) => {
      if (settled) return;
      settled = true;
      resolve(result);
    };
    req.on('data', (chunk: Buffer) => {
      if (settled) return;
      size += chunk.length;
      if (size > limit) {
        // Stop buffering; the caller answers and closes the connection.
        req.pause();
        settle({ ok: false, tooLarge: true });
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => settle({ ok: true, body: Buffer.concat(chunks) }));
    req.on('error', () => settle({ ok: false, aborted: true }));
    req.on('close', () => settle({ ok: false, aborted: true }));
  });
}

/** Deepest JSON nesting a request body may have: SSO OIDC bodies nest two levels, /_tipkit/jwt claims a few more. */
export const MAX_JSON_DEPTH = 64;

/** Whether JSON text opens more than `max` arrays/objects inside each other (strings skipped), in one pass. */
export function jsonNestsDeeperThan(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // the escaped character cannot end the string
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}
