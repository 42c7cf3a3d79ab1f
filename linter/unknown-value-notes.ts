/**
 * Say less: a value only Terraform (or CloudFormation) knows is noted where it is (`input-skipped`), and JSON and
 * SARIF keep every such note; text and `github` output show one summary line instead, unless `--show-skipped`.
 * Notes the user can act on (a module source that does not exist, a function tipkit does not evaluate, a file
 * that does not parse) are not of this kind and are always shown.
 */
import { INPUT_SKIPPED_RULE_ID } from './engine.js';
import type { Finding, LintReport } from './index.js';

/** The readers' wording for "this value is known only when the deployment tool runs". */
const UNKNOWN_VALUE =
  /is only known when Terraform runs|is only known after apply|is only resolved when CloudFormation deploys|makes instances that only Terraform can expand|is expanded only when Terraform runs|its own values are checked/;

export function isUnknownValueNote(f: Finding): boolean {
  return f.ruleId === INPUT_SKIPPED_RULE_ID && f.severity === 'note' && !f.suppression && UNKNOWN_VALUE.test(f.message);
}

/** The report without its unknown-value notes, and how many there were (for the one summary line). */
export function withoutUnknownValueNotes(report: LintReport): { report: LintReport; hidden: number } {
  const hidden = report.findings.filter(isUnknownValueNote).length;
  if (hidden === 0) return { report, hidden };
  return { report: { ...report, findings: report.findings.filter((f) => !isUnknownValueNote(f)), summary: { ...report.summary, notes: report.summary.notes - hidden } }, hidden };
}

/** The summary line for the hidden notes. */
export const unknownValuesLine = (hidden: number): string =>
  `${hidden} ${hidden === 1 ? 'value' : 'values'} only Terraform or CloudFormation can know ${hidden === 1 ? 'was' : 'were'} not checked (--show-skipped lists them)`;
