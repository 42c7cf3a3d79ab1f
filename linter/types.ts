/**
 * The rule contract. One rule per file under linter/rules/, exporting a `Rule`: its metadata (what
 * `tipkit rules`, SARIF and docs/rules/*.md are generated from) beside its check over the model.
 */
import type { SchemaViolation } from '../model/schema.js';
import type { ModelNode, NodePath, SourceLocation, TipModel } from '../model/types.js';
import type { InputKind } from '../inputs/index.js';

export type Severity = 'error' | 'warning' | 'note';

export interface RuleDocs {
  /** Why it matters: what fails at apply or token time. */
  why: string;
  /** How to fix it. */
  fix: string;
  /** A tipkit.yaml fragment that fires the rule. */
  bad: string;
  /** The same fragment, fixed. */
  good: string;
  /** The AWS reference (API or user-guide URL). */
  reference: string;
}

export interface RuleMeta {
  /** kebab-case, the file name. */
  id: string;
  severity: Severity;
  /** One line, imperative or descriptive ("`GrantType` is none of the four grant types"). */
  summary: string;
  docs: RuleDocs;
}

/** What a rule reports; the engine turns the node + field into file:line:col and the resource path. */
export interface Report {
  message: string;
  node: ModelNode;
  /** A path below the node (e.g. ['Grant', 'AuthorizationCode', 'RedirectUris', 2]). */
  field?: NodePath;
  /** Point at the key rather than the value (unknown or misplaced keys). */
  atKey?: boolean;
}

export interface RuleContext {
  model: TipModel;
  kind: InputKind;
  /** The schema violations of this input (rules that claim some may want to look at them). */
  violations: readonly SchemaViolation[];
  report(report: Report): void;
}

export interface Rule {
  meta: RuleMeta;
  /**
   * Schema violations this rule reports instead of `schema-violation` (a bad `GrantType` enum is
   * `grant-type-unknown`). The engine gives each violation to the first rule that claims it.
   */
  claims?(violation: SchemaViolation): boolean;
  /** The message for a claimed violation, in the rule's own words (else the schema's). */
  describe?(violation: SchemaViolation): string | undefined;
  check(context: RuleContext): void;
}

export interface Suppression {
  kind: 'comment' | 'construct';
  reason: string;
}

export interface Finding {
  ruleId: string;
  severity: Severity;
  message: string;
  resource: string;
  location: SourceLocation;
  /** Set when a suppression with a reason covers the finding; suppressed findings are kept, not dropped. */
  suppression?: Suppression;
}
