/**
 * `--format github` (with --base): one workflow-command annotation per added or widened path, at the grant line
 * that opens it; an error with --fail-on-new-access (the job fails on it), else a warning.
 */
import { escapeData, escapeProperty } from '../../formats/github-commands.js';
import { pathSentence, widenedText } from './describe.js';
import type { AccessFormatter } from './types.js';

export const NEW_ACCESS_RULE = 'new-access';

export const formatAccessGithub: AccessFormatter = (report, context) => {
  const level = context.failOnNewAccess ? 'error' : 'warning';
  const lines: string[] = [];
  const annotate = (file: string, line: number, column: number, message: string): void => {
    lines.push(`::${level} ${[`file=${escapeProperty(file)}`, `line=${line}`, `col=${column}`, `title=${NEW_ACCESS_RULE}`].join(',')}::${escapeData(message)}`);
  };
  for (const p of report.diff?.added ?? []) annotate(p.source.file, p.source.line, p.source.column, `new access: ${pathSentence(p)}`);
  for (const c of report.diff?.widened ?? []) annotate(c.path.source.file, c.path.source.line, c.path.source.column, `wider access: ${pathSentence(c.path)}; ${widenedText(c)}`);
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
};
