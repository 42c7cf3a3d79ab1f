/**
 * `--format github`: GitHub Actions workflow commands, one annotation per unsuppressed finding
 * (`::error file=…,line=…,col=…,title=RULE::message`; warning → ::warning, note → ::notice).
 */
import { oneLine } from '../../model/errors.js';
import type { Severity } from '../types.js';
import type { Formatter } from './types.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

/**
 * Escaping of a command's message: GitHub's toolkit escapeData (`%`, CR, LF), then the other control, C1 and bidi
 * characters as `\uXXXX` (the log viewer would act on ESC sequences; GitHub's escaping passes them).
 */
export function escapeData(s: string): string {
  return oneLine(s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A'));
}

/** Escaping of a command property value (GitHub's toolkit escapeProperty). */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const formatGithub: Formatter = (report) => {
  const lines = report.findings
    .filter((f) => !f.suppression)
    .map((f) => {
      const props = [`file=${escapeProperty(f.location.file)}`, `line=${f.location.line}`, `col=${f.location.column}`, `title=${escapeProperty(f.ruleId)}`];
      return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
    });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
