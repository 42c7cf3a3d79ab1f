/**
 * `--format json`: the spec's `{ tool, command, findings, summary }` object. As in ESLint's
 * `suppressedMessages`, suppressed findings are kept apart (`suppressed`, each with its reason), so
 * `findings` holds exactly what counts toward the exit code.
 */
import type { Finding } from '../types.js';
import type { Formatter } from './types.js';

const shape = (f: Finding) => ({
  ruleId: f.ruleId,
  severity: f.severity,
  message: f.message,
  resource: f.resource,
  location: { file: f.location.file, line: f.location.line, column: f.location.column },
});

export const formatJson: Formatter = (report) => {
  const findings = report.findings.filter((f) => !f.suppression).map(shape);
  const suppressed = report.findings.filter((f) => f.suppression).map((f) => ({ ...shape(f), suppression: f.suppression }));
  return `${JSON.stringify({ tool: 'tipkit', command: 'lint', findings, suppressed, summary: { ...report.summary, suppressed: suppressed.length } }, null, 2)}\n`;
};
