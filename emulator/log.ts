/** The emulator's request log: one line per call (text or JSON lines), with tokens and secrets shortened. */
import { oneLine, UNSAFE_TEXT, unicodeEscape } from '../model/errors.js';
import { scrubSecrets } from '../model/redact.js';

export interface RequestLogEntry {
  time: string;
  requestId: string;
  method: string;
  path: string;
  /** The SSO OIDC operation, or the emulator page / admin action. */
  operation: string;
  status: number;
  outcome: 'success' | 'error';
  clientId?: string;
  caller?: string;
  errorType?: string;
  /** The first check that failed (from the simulator's trace), or why the request never reached it. */
  failedCheck?: string;
  detail?: string;
}

export type RequestLogger = (entry: RequestLogEntry) => void;


/** Replaces anything that looks like a token inside free text. */
export const scrub = scrubSecrets;

/** One line per entry: every field has its control characters escaped (a clientId may hold `\n` or ESC). */
export function formatTextEntry(e: RequestLogEntry): string {
  const parts = [e.time, e.requestId.slice(0, 8), `${e.method} ${e.path}`, e.operation, String(e.status), e.outcome];
  if (e.clientId) parts.push(`client=${e.clientId}`);
  if (e.caller) parts.push(`caller=${e.caller}`);
  if (e.errorType) parts.push(e.errorType);
  if (e.failedCheck) parts.push(`check=${e.failedCheck}`);
  if (e.detail) parts.push(`– ${e.detail}`);
  return oneLine(parts.join(' '));
}

/**
 * A JSON line. JSON.stringify escapes C0 controls but leaves DEL, C1 controls, line separators and bidi overrides
 * raw; they become `\uXXXX` escapes too, which decode to the same value.
 */
export function formatJsonEntry(e: RequestLogEntry): string {
  return JSON.stringify(e).replace(UNSAFE_TEXT, unicodeEscape);
}

export function streamLogger(write: (line: string) => void, format: 'text' | 'json'): RequestLogger {
  return (entry) => write(`${format === 'json' ? formatJsonEntry(entry) : formatTextEntry(entry)}\n`);
}
