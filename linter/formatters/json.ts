/** `--format json`: the spec's `{ tool, command, findings, summary }` object; suppressed findings carry `suppressed`. */
import type { Formatter } from './types.js';

export const formatJson: Formatter = (report) => {
  const findings = report.findings.map((f) => ({
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    resource: f.resource,
    location: { file: f.location.file, line: f.location.line, column: f.location.column },
    ...(f.suppression ? { suppressed: { kind: f.suppression.kind, reason: f.suppression.reason } } : {}),
  }));
  return `${JSON.stringify({ tool: 'tipkit', command: 'lint', findings, summary: report.summary }, null, 2)}\n`;
};
