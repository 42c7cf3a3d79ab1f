/**
 * Runs rules over a loaded input and turns their reports into located findings. Schema violations go to
 * the first rule that claims them, else to `schema-violation`. Suppressions, severity overrides and
 * output formats are layered on top (linter/index.ts).
 */
import type { LoadedConfig } from '../model/load.js';
import type { Finding, Report, Rule, RuleContext, Severity } from './types.js';

export const SCHEMA_VIOLATION_RULE_ID = 'schema-violation';

export interface RunOptions {
  /** Per-rule severity overrides; 'off' drops the rule. */
  severities?: Readonly<Record<string, Severity | 'off'>>;
}

export function runRules(loaded: LoadedConfig, rules: readonly Rule[], opts: RunOptions = {}): Finding[] {
  const { model } = loaded;
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const severityOf = (rule: Rule): Severity | 'off' => opts.severities?.[rule.meta.id] ?? rule.meta.severity;

  const push = (rule: Rule, r: Report): void => {
    const severity = severityOf(rule);
    if (severity === 'off') return;
    const path = [...r.node.pointer, ...(r.field ?? [])];
    const location = r.atKey ? model.positions.locateKey(path) : model.positions.locate(path);
    const resource = r.node.resource;
    const key = `${rule.meta.id}|${location.file}:${location.line}:${location.column}|${r.message}`;
    if (seen.has(key)) return;
    seen.add(key);
    findings.push({ ruleId: rule.meta.id, severity, message: r.message, resource, location });
  };

  const schemaRule = rules.find((r) => r.meta.id === SCHEMA_VIOLATION_RULE_ID);
  for (const violation of loaded.violations) {
    const rule = rules.find((r) => r.claims?.(violation)) ?? schemaRule;
    if (!rule) continue;
    push(rule, { message: violation.message, node: { pointer: violation.pointer, resource: resourceOf(violation.pointer, loaded) }, atKey: violation.atKey });
  }

  for (const rule of rules) {
    if (severityOf(rule) === 'off') continue;
    const context: RuleContext = { model, kind: loaded.kind, violations: loaded.violations, report: (r) => push(rule, r) };
    rule.check(context);
  }

  return findings.sort(
    (a, b) => a.location.file.localeCompare(b.location.file) || a.location.line - b.location.line || a.location.column - b.location.column || a.ruleId.localeCompare(b.ruleId),
  );
}

/** The name-based resource path of a pointer: ['applications', 0, 'Grants', 1] → applications/web/Grants/1. */
export function resourceOf(pointer: readonly (string | number)[], loaded: LoadedConfig): string {
  const { model } = loaded;
  const [section, index, ...rest] = pointer;
  if (section === 'applications' && typeof index === 'number' && model.applications[index]) {
    return [model.applications[index]!.resource, ...rest.slice(0, 2)].join('/');
  }
  if (section === 'trustedTokenIssuers' && typeof index === 'number' && model.issuers[index]) return model.issuers[index]!.resource;
  return pointer.slice(0, 2).join('/') || '(document)';
}
