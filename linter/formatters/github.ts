/**
 * `--format github`: GitHub Actions workflow commands, one annotation per unsuppressed finding
 * (`::error file=…,line=…,col=…,title=RULE::message`; warning → ::warning, note → ::notice).
 */
import type { Severity } from '../types.js';
import type { Formatter } from './types.js';
import { escapeData, escapeProperty } from '../../formats/github-commands.js';

const COMMAND: Record<Severity, string> = { error: 'error', warning: 'warning', note: 'notice' };

export const formatGithub: Formatter = (report) => {
  const lines = report.findings
    .filter((f) => !f.suppression)
    .map((f) => {
      const props = [`file=${escapeProperty(f.location.file)}`, `line=${f.location.line}`, `col=${f.location.column}`, `title=${escapeProperty(f.ruleId)}`];
      return `::${COMMAND[f.severity]} ${props.join(',')}::${escapeData(f.message)}`;
    });
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
