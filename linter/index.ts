/**
 * linter/ — the linter's library API (`tipkit/linter`): lint an already loaded input (the cdktf aspect), or read
 * and lint a repository's files (the `lint` command); one rule per file in rules/, the engine, suppressions and
 * formatters. Never touches the network, never executes linted code.
 *
 * May import: model/, inputs/ (its index), formats/. Imported by: constructs/ (the aspect) and cli/, through this file.
 */
import { InputError } from '../model/errors.js';
import { displayPath, readInputs, type LoadedConfig, type VariableArgument } from '../inputs/index.js';
import { inputSkippedFallback, lintLoadedWith, sortFindings, withoutPointer, type LocatedFinding, type SeverityOverride } from './engine.js';
import { allRules } from './rules/index.js';
import { suppressionRules } from './suppressions.js';
import type { Finding, Rule } from './types.js';

export type { Finding, Rule, RuleMeta, RuleDocs, Severity, Suppression } from './types.js';
export type { SeverityOverride } from './engine.js';
/** Reading a repository is inputs/'s; kept here under its old name for the `tipkit/linter` API. */
export { readInputs as loadPaths, displayPath, type LoadedInput } from '../inputs/index.js';

export interface LintOptions {
  /** The rules to run (default: every rule, see ruleCatalog()). */
  rules?: readonly Rule[];
  /** Per-rule severity overrides; 'off' drops a rule. */
  severities?: Readonly<Record<string, SeverityOverride>>;
}

/** Every rule tipkit knows, in listing order: the rule set, then the engine's own (suppression problems). */
export function ruleCatalog(rules: readonly Rule[] = allRules): Rule[] {
  const ids = new Set(rules.map((r) => r.meta.id));
  const engineRules: Rule[] = [...suppressionRules, { meta: inputSkippedFallback, check() {} }].filter((r) => !ids.has(r.meta.id));
  return [...rules, ...engineRules];
}

/** Lint one loaded input (rules, reader notes, suppressions); findings sorted by location. */
export function lintLoaded(loaded: LoadedConfig, opts: LintOptions = {}): { findings: Finding[] } {
  const catalog = ruleCatalog();
  const rules = opts.rules ?? catalog;
  const knownRuleIds = new Set([...catalog, ...rules].map((r) => r.meta.id));
  return { findings: lintLoadedWith(loaded, rules, { severities: opts.severities, knownRuleIds }).map(withoutPointer) };
}

export interface LintSummary {
  /** Unsuppressed findings by severity. */
  errors: number;
  warnings: number;
  notes: number;
  /** Files linted. */
  files: number;
}

export interface LintReport {
  /** Sorted by file, line, column; suppressed findings included (with `suppression`). */
  findings: Finding[];
  summary: LintSummary;
  /** The files linted, as displayed (relative to cwd when inside it). */
  files: string[];
  /** Source text by displayed file name (for carets). */
  sources: Map<string, string>;
}

export interface LintPathsOptions extends LintOptions {
  /** Paths are resolved against, and reported relative to, this directory (default: process.cwd()). */
  cwd?: string;
  /** Largest file read (bytes). */
  maxInputBytes?: number;
  /** `--var-file` / `--var` for the root Terraform modules linted, in order (a later value wins). */
  terraformVariables?: readonly VariableArgument[];
}

/**
 * Discover and lint every supported file under `paths`. A file that cannot be read or parsed throws an
 * InputError (named relative to cwd); nothing is reported for the others then.
 */
export async function lintPaths(paths: readonly string[], opts: LintPathsOptions = {}): Promise<LintReport> {
  const cwd = opts.cwd ?? process.cwd();
  const display = (file: string): string => displayPath(cwd, file);
  const catalog = ruleCatalog();
  const rules = opts.rules ?? catalog;
  const knownRuleIds = new Set([...catalog, ...rules].map((r) => r.meta.id));

  const inputs = await readInputs(paths, { cwd, maxInputBytes: opts.maxInputBytes, terraformVariables: opts.terraformVariables });
  // Named files that hold no tipkit input are a note beside usable inputs, and the error when nothing was usable.
  const notInputs = inputs.filter((i) => i.notTipkitInput !== undefined);
  if (notInputs.length > 0 && notInputs.length === inputs.length) {
    const [first] = notInputs;
    throw new InputError(first!.notTipkitInput!, { file: display(first!.loaded.model.positions.defaultFile) });
  }

  const located: LocatedFinding[] = [];
  const sources = new Map<string, string>();
  const files = new Set<string>();
  // A file shared by two configurations (a stack module two cdktf apps import) is linted with each; a finding
  // it gets in both is one finding.
  const seen = new Set<string>();
  for (const input of inputs) {
    for (const file of input.files) files.add(display(file));
    for (const [file, text] of input.loaded.model.positions.texts) sources.set(display(file), text);
    // Readers name files in some messages ("skipped /abs/x.tf: …"); show them as the locations do.
    const renames = input.files.map((file) => [file, display(file)] as const).filter(([from, to]) => from !== to);
    const relativeMessage = (message: string) => renames.reduce((m, [from, to]) => m.split(from).join(to), message);
    for (const f of lintLoadedWith(input.loaded, rules, { severities: opts.severities, knownRuleIds })) {
      const finding = { ...f, message: relativeMessage(f.message), location: { ...f.location, file: display(f.location.file) } };
      const key = `${finding.ruleId}|${finding.location.file}:${finding.location.line}:${finding.location.column}|${finding.message}`;
      if (seen.has(key)) continue;
      seen.add(key);
      located.push(finding);
    }
  }
  const findings = sortFindings(located).map(withoutPointer);
  return { findings, summary: summarize(findings, files.size), files: [...files], sources };
}

export function summarize(findings: readonly Finding[], files: number): LintSummary {
  const summary: LintSummary = { errors: 0, warnings: 0, notes: 0, files };
  for (const f of findings) {
    if (f.suppression) continue;
    if (f.severity === 'error') summary.errors++;
    else if (f.severity === 'warning') summary.warnings++;
    else summary.notes++;
  }
  return summary;
}

