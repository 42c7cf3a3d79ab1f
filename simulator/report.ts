/**
 * Output of `tipkit simulate`: text (one line per request — ✓/✗, the failing check and its detail — the trace
 * with --verbose), with tokens, codes and secrets shortened, and the JSON report. The JSON keeps the responses
 * whole (they are the machine-readable result: an idToken can be decoded, a token passed on; the simulator
 * minted them with a per-run key, so they open nothing), but its trace and error text are scrubbed like the
 * text output, so a real IdP token given as a literal assertion is never echoed.
 */
import { scrubSecrets, shortenSecret } from '../model/redact.js';
import type { RequestResult, SimulationReport } from './types.js';

const SECRET_FIELD = /token|code|secret|assertion/i;

/** `aoaK3fQ…x9Zw`: enough to tell tokens apart, not enough to use one. */
export const shortenToken = shortenSecret;

/**
 * The report as printed: response members that hold tokens, codes or secrets shortened, and any token-like
 * string in trace details and error descriptions. Later `${ref}`s were resolved from the full values.
 */
export function redactReport(report: SimulationReport, opts: { wholeResponses?: boolean } = {}): SimulationReport {
  return {
    ...report,
    results: report.results.map((r) => ({
      ...r,
      response: r.response && (opts.wholeResponses ? r.response : (shortenFields(r.response) as Record<string, unknown>)),
      error: r.error && { ...r.error, error_description: scrubSecrets(r.error.error_description) },
      trace: r.trace.map((s) => ({ ...s, detail: scrubSecrets(s.detail) })),
      expectation: r.expectation.reason === undefined ? r.expectation : { ...r.expectation, reason: scrubSecrets(r.expectation.reason) },
    })),
  };
}

function shortenFields(value: unknown, key = ''): unknown {
  if (typeof value === 'string') return SECRET_FIELD.test(key) && !/type$/i.test(key) ? shortenToken(value) : value;
  if (Array.isArray(value)) return value.map((v) => shortenFields(v, key));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shortenFields(v, k)]));
  return value;
}

/** Members left out of the one-line summary (--verbose and --format json show everything). */
const QUIET_MEMBERS = new Set(['idToken', 'awsAdditionalDetails', 'tokenType', 'verificationUri', 'authorizationEndpoint', 'tokenEndpoint']);

function summarizeResponse(response: Record<string, unknown>): string {
  return Object.entries(shortenFields(response) as Record<string, unknown>)
    .filter(([k]) => !QUIET_MEMBERS.has(k))
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v.replace(/^urn:ietf:params:oauth:token-type:/, '') : JSON.stringify(v)}`)
    .join(' ');
}

function requestLine(r: RequestResult): string {
  const mark = r.expectation.met ? '✓' : '✗';
  let what: string;
  if (r.outcome === 'success') what = `success ${summarizeResponse(r.response ?? {})}`;
  else if (r.outcome === 'not-run') what = `not run: ${r.trace[0]?.detail ?? ''}`;
  else {
    const failed = [...r.trace].reverse().find((s) => !s.ok);
    what = `${r.error?.type}${failed ? ` at check '${failed.check}': ${failed.detail}` : `: ${r.error?.error_description}`}`;
  }
  const expectation = r.expectation.met ? '' : `\n    expectation not met: ${r.expectation.reason}`;
  return `${mark} ${r.name} (${r.operation}): ${what}${expectation}`;
}

export function formatText(report: SimulationReport, opts: { verbose?: boolean; quiet?: boolean } = {}): string {
  const lines: string[] = [];
  for (const r of report.results) {
    if (opts.quiet && r.expectation.met) continue;
    lines.push(requestLine(r));
    if (opts.verbose) {
      for (const s of r.trace) lines.push(`    ${s.ok ? '✓' : '✗'} ${s.check}: ${s.detail}`);
      if (r.response) lines.push(`    response: ${JSON.stringify(shortenFields(r.response))}`);
    }
  }
  const s = report.summary;
  if (!opts.quiet || s.expectationsFailed > 0)
    lines.push(`${s.requests} request${s.requests === 1 ? '' : 's'}: ${s.succeeded} succeeded, ${s.failed} failed; expectations: ${s.expectationsMet} met, ${s.expectationsFailed} failed`);
  return lines.length ? `${lines.join('\n')}\n` : '';
}
