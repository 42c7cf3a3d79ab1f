/**
 * Runs rules over a loaded input and turns their reports into located findings. Schema violations go to
 * the first rule that claims them, else to `schema-violation`; reader notes become `input-skipped` notes;
 * suppressions (linter/suppressions.ts) are applied last. Formats and file discovery live in linter/index.ts.
 */
import type { LoadedConfig } from '../inputs/index.js';
import { applySuppressions } from './suppressions.js';
import type { Finding, Rule, RuleContext, RuleMeta } from './types.js';

export const SCHEMA_VIOLATION_RULE_ID = 'schema-violation';
export const INPUT_SKIPPED_RULE_ID = 'input-skipped';

export { FindingSink, type LocatedFinding, type RunOptions, type SeverityOverride } from './finding-sink.js';
import { FindingSink, type LocatedFinding, type RunOptions } from './finding-sink.js';

/** Metadata of `input-skipped`, used when the rule set does not define it. */
export const inputSkippedFallback: RuleMeta = {
  id: INPUT_SKIPPED_RULE_ID,
  severity: 'note',
  summary: 'a reader skipped part of the input it could not evaluate statically',
  docs: {
    why: 'A TypeScript or HCL reader met a value it cannot know without running the code (a function call, a variable from elsewhere). It skips that part rather than guess, so the rules did not check it.',
    fix: 'Write the value as a literal where tipkit can read it, or lint the synthesized Terraform JSON (`cdktf.out/stacks/*/cdk.tf.json`) instead.',
    bad: 'new IdentityCenterApplication(this, "app", { name: computeName() })',
    good: 'new IdentityCenterApplication(this, "app", { name: "analytics-portal" })',
    reference: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/trustedidentitypropagation.html',
  },
};

/** Runs the rules only (no notes, no suppressions): the findings in report order, with their pointers. */
export function collectFindings(loaded: LoadedConfig, rules: readonly Rule[], sink: FindingSink): void {
  const schemaRule = rules.find((r) => r.meta.id === SCHEMA_VIOLATION_RULE_ID);
  for (const violation of loaded.violations) {
    const rule = rules.find((r) => r.claims?.(violation)) ?? schemaRule;
    if (!rule) continue;
    sink.report(rule.meta, { message: rule.describe?.(violation) ?? violation.message, node: { pointer: violation.pointer, resource: resourceOf(violation.pointer, loaded) }, atKey: violation.atKey });
  }

  for (const rule of rules) {
    if (sink.severityOf(rule.meta) === 'off') continue;
    const context: RuleContext = { model: loaded.model, kind: loaded.kind, violations: loaded.violations, report: (r) => sink.report(rule.meta, r) };
    rule.check(context);
  }
}

export interface LintLoadedOptions extends RunOptions {
  /** Rule ids a suppression may name without being `suppression-unknown-rule` (default: the rules run). */
  knownRuleIds?: ReadonlySet<string>;
}

/** Rules + reader notes + suppressions over one loaded input, sorted. */
export function lintLoadedWith(loaded: LoadedConfig, rules: readonly Rule[], opts: LintLoadedOptions = {}): LocatedFinding[] {
  const sink = new FindingSink(loaded, opts.severities);
  collectFindings(loaded, rules, sink);
  const skippedMeta = rules.find((r) => r.meta.id === INPUT_SKIPPED_RULE_ID)?.meta ?? inputSkippedFallback;
  for (const note of loaded.notes) {
    sink.add(skippedMeta, { message: note.message, resource: '(input)', location: { file: note.file, line: note.line, column: note.column } });
  }
  const known = opts.knownRuleIds ?? new Set(rules.map((r) => r.meta.id));
  applySuppressions(loaded, sink, known, (pointer) => resourceOf(pointer, loaded));
  return sortFindings(sink.findings);
}

/** The findings of one input as a plain list (no pointers); kept for callers of the first engine API. */
export function runRules(loaded: LoadedConfig, rules: readonly Rule[], opts: RunOptions = {}): Finding[] {
  const sink = new FindingSink(loaded, opts.severities);
  collectFindings(loaded, rules, sink);
  return sortFindings(sink.findings).map(withoutPointer);
}

export function sortFindings<F extends Finding>(findings: F[]): F[] {
  return findings.sort(
    (a, b) =>
      a.location.file.localeCompare(b.location.file) ||
      a.location.line - b.location.line ||
      a.location.column - b.location.column ||
      a.ruleId.localeCompare(b.ruleId) ||
      a.message.localeCompare(b.message),
  );
}

export function withoutPointer(f: LocatedFinding): Finding {
  const { pointer: _pointer, ...finding } = f;
  return finding;
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
