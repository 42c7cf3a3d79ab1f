/**
 * `--format text`: findings grouped by file, `line:col  severity  message  rule-id`, the source line with
 * a caret under the column, and a summary line. Colour only when the caller says so (a TTY, NO_COLOR unset).
 */
import { oneLine, UNSAFE_TEXT, unicodeEscape } from '../../model/errors.js';
import { shortenSecret } from '../../model/redact.js';
import type { Finding, Severity } from '../types.js';
import type { Formatter } from './types.js';

const ANSI = { red: 31, yellow: 33, cyan: 36, dim: 2, bold: 1, green: 32 } as const;
type Style = keyof typeof ANSI;

const SEVERITY_STYLE: Record<Severity, Style> = { error: 'red', warning: 'yellow', note: 'cyan' };

/** The rule whose findings point at secrets. */
const SECRET_RULE = 'secret-in-config';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Characters of a source line shown at most, around the finding's column (a one-line 10 MB JSON is not echoed). */
export const SOURCE_EXCERPT_CHARS = 160;

/** Like oneLine, but keeps tabs, so the caret lines up with the column as the terminal shows it. */
const sourceText = (s: string): string => s.replace(UNSAFE_TEXT, (c) => (c === '\t' ? c : unicodeEscape(c)));

/**
 * The part of a source line shown under a finding: at most SOURCE_EXCERPT_CHARS around `column`, an ellipsis where
 * it was cut, control characters escaped; `lead` is what stands before the column (for the caret).
 */
export function sourceExcerpt(line: string, column: number): { text: string; lead: string } {
  const at = Math.min(Math.max(column - 1, 0), line.length);
  const start = line.length <= SOURCE_EXCERPT_CHARS ? 0 : Math.max(0, Math.min(at - SOURCE_EXCERPT_CHARS / 2, line.length - SOURCE_EXCERPT_CHARS));
  const end = Math.min(line.length, start + SOURCE_EXCERPT_CHARS);
  const lead = `${start > 0 ? '…' : ''}${sourceText(line.slice(start, at))}`;
  return { text: `${lead}${sourceText(line.slice(at, end))}${end < line.length ? '…' : ''}`, lead };
}

export const formatText: Formatter = (report, context) => {
  const paint = (style: Style, s: string): string => (context.color ? `\x1b[${ANSI[style]}m${s}\x1b[0m` : s);
  const shown = report.findings.filter((f) => context.showSuppressed || !f.suppression);
  const byFile = new Map<string, Finding[]>();
  for (const f of shown) byFile.set(f.location.file, [...(byFile.get(f.location.file) ?? []), f]);

  // A line that holds a secret is shown shortened from the first secret on it (the finding must not repeat the value).
  const secretFrom = new Map<string, number>();
  for (const f of report.findings) {
    if (f.ruleId !== SECRET_RULE) continue;
    const key = `${f.location.file}:${f.location.line}`;
    secretFrom.set(key, Math.min(secretFrom.get(key) ?? Infinity, f.location.column));
  }
  const masked = (file: string, line: number, source: string): string => {
    const from = secretFrom.get(`${file}:${line}`);
    if (from === undefined) return source;
    const rest = source.slice(from - 1);
    return `${source.slice(0, from - 1)}${rest.length > 16 ? shortenSecret(rest) : '…'}`;
  };

  const out: string[] = [];
  for (const [file, findings] of byFile) {
    const lines = report.sources.get(file)?.split(/\r?\n/);
    const posWidth = Math.max(...findings.map((f) => `${f.location.line}:${f.location.column}`.length));
    out.push(paint('bold', oneLine(file)));
    for (const f of findings) {
      const pos = `${f.location.line}:${f.location.column}`.padEnd(posWidth);
      const severity = paint(SEVERITY_STYLE[f.severity], f.severity.padEnd(7));
      const suppressed = f.suppression ? paint('dim', ` (suppressed: ${oneLine(f.suppression.reason)})`) : '';
      out.push(`  ${pos}  ${severity}  ${oneLine(f.message)}  ${paint('dim', oneLine(f.ruleId))}${suppressed}`);
      const line = lines?.[f.location.line - 1];
      const source = line === undefined ? undefined : masked(file, f.location.line, line);
      if (source !== undefined) {
        const gutter = String(f.location.line);
        const excerpt = sourceExcerpt(source, f.location.column);
        // Keep tabs so the caret lines up with the column as the terminal shows it.
        const lead = excerpt.lead.replace(/[^\t]/g, ' ');
        out.push(`    ${paint('dim', `${gutter} |`)} ${excerpt.text}`);
        out.push(`    ${' '.repeat(gutter.length)} ${paint('dim', '|')} ${lead}${paint(SEVERITY_STYLE[f.severity], '^')}`);
      }
    }
    out.push('');
  }

  const { errors, warnings, notes, files } = report.summary;
  const problems = errors + warnings + notes;
  const suppressedCount = report.findings.filter((f) => f.suppression).length;
  const suppressedNote = suppressedCount > 0 ? `, ${suppressedCount} suppressed${context.showSuppressed ? '' : ' (--show-suppressed lists them)'}` : '';
  const summary = `${plural(problems, 'problem')} (${plural(errors, 'error')}, ${plural(warnings, 'warning')}, ${plural(notes, 'note')}) in ${plural(files, 'file')}${suppressedNote}`;
  out.push(paint(errors > 0 ? 'red' : warnings > 0 ? 'yellow' : 'green', summary));
  return `${out.join('\n')}\n`;
};
