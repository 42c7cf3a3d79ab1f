/**
 * The linter's library API (`tipkit/linter`): lint an already loaded input (the cdktf aspect), or discover,
 * load and lint files (the `lint` command). Never touches the network, never executes linted code.
 */
import { dirname, isAbsolute, relative, sep } from 'node:path';
import { InputError } from '../model/errors.js';
import { fromRawInput, type LoadedConfig } from '../model/load.js';
import { parseDocumentText, readSourceFile, type ReadOptions } from '../model/load-yaml.js';
import type { RawConfig } from '../model/types.js';
import { inputSkippedFallback, lintLoadedWith, sortFindings, withoutPointer, type LocatedFinding, type SeverityOverride } from './engine.js';
import { allRules } from './rules/index.js';
import { suppressionRules } from './suppressions.js';
import type { Finding, Rule } from './types.js';
import { discoverFiles, isTipkitConfigValue, mayBeTipkitConfigText, mentionsIdentityCenter, projectRootOf, relativeTypeScriptImports, type DiscoveredFile } from './walk.js';

export type { Finding, Rule, RuleMeta, RuleDocs, Severity, Suppression } from './types.js';
export type { SeverityOverride } from './engine.js';

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

  let inputs: LoadedInput[];
  try {
    inputs = await loadInputs(discoverFiles(paths.length > 0 ? paths : ['.'], cwd), { maxBytes: opts.maxInputBytes });
  } catch (err) {
    if (err instanceof InputError && err.location) throw err.relocated(display(err.location.file));
    throw err;
  }

  const located: LocatedFinding[] = [];
  const sources = new Map<string, string>();
  const files: string[] = [];
  for (const input of inputs) {
    files.push(...input.files.map(display));
    for (const [file, text] of input.loaded.model.positions.texts) sources.set(display(file), text);
    // Readers name files in some messages ("skipped /abs/x.tf: …"); show them as the locations do.
    const renames = input.files.map((file) => [file, display(file)] as const).filter(([from, to]) => from !== to);
    const relativeMessage = (message: string) => renames.reduce((m, [from, to]) => m.split(from).join(to), message);
    for (const f of lintLoadedWith(input.loaded, rules, { severities: opts.severities, knownRuleIds })) {
      located.push({ ...f, message: relativeMessage(f.message), location: { ...f.location, file: display(f.location.file) } });
    }
  }
  const findings = sortFindings(located).map(withoutPointer);
  return { findings, summary: summarize(findings, files.length), files, sources };
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

/** Relative to cwd (with `/`) when inside it, else as given. */
export function displayPath(cwd: string, file: string): string {
  if (!isAbsolute(file)) return file.split(sep).join('/');
  const rel = relative(cwd, file);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return file;
  return rel.split(sep).join('/');
}

interface LoadedInput {
  loaded: LoadedConfig;
  files: string[];
}

/**
 * Load what discovery found. Config and Terraform JSON files are read once and parsed once; walked files
 * are sniffed first. TypeScript files are read together per project (nearest package.json, tsconfig.json
 * or cdktf.json) with the files they import, and HCL files per directory (a Terraform module), so
 * references across files resolve.
 */
async function loadInputs(discovered: readonly DiscoveredFile[], readOptions: ReadOptions): Promise<LoadedInput[]> {
  const inputs: LoadedInput[] = [];
  const typescriptGroups = new Map<string, Set<string>>();
  const hclByDirectory = new Map<string, { files: string[]; relevant: boolean }>();
  const projectRoots = new Map<string, string | null>();

  for (const d of discovered) {
    if (d.kind === 'config' || d.kind === 'tfjson') {
      const text = readCandidate(d, readOptions);
      if (text === undefined) continue;
      if (!d.explicit && !(d.kind === 'config' ? mayBeTipkitConfigText(text) : mentionsIdentityCenter(d.kind, text))) continue;
      const doc = parseDocumentText(text, d.file);
      if (d.kind === 'config') {
        if (!d.explicit && !isTipkitConfigValue(doc.value)) continue;
        inputs.push({ loaded: fromRawInput('config', { raw: doc.value as RawConfig, positions: doc.positions }), files: [d.file] });
      } else {
        const { tfJsonToRaw } = await import('../model/load-tfjson.js');
        inputs.push({ loaded: fromRawInput('tfjson', tfJsonToRaw(doc.value, doc.positions, d.file)), files: [d.file] });
      }
    } else if (d.kind === 'typescript') {
      const text = readCandidate(d, readOptions);
      if (text === undefined || (!d.explicit && !mentionsIdentityCenter(d.kind, text))) continue;
      const root = projectRootOf(d.file, projectRoots);
      const group = typescriptGroups.get(root) ?? new Set<string>();
      typescriptGroups.set(root, group);
      // The files it imports go along (only them, not the whole project), so consts resolve across files.
      const pending = [{ file: d.file, text }];
      while (pending.length > 0) {
        const next = pending.pop()!;
        if (group.has(next.file)) continue;
        group.add(next.file);
        for (const imported of relativeTypeScriptImports(next.file, next.text)) {
          if (!group.has(imported)) pending.push({ file: imported, text: readSourceFile(imported, readOptions) });
        }
      }
    } else {
      const dir = dirname(d.file);
      const group = hclByDirectory.get(dir) ?? { files: [], relevant: false };
      group.files.push(d.file);
      group.relevant ||= d.explicit || mentionsIdentityCenter(d.kind, readCandidate(d, readOptions) ?? '');
      hclByDirectory.set(dir, group);
    }
  }

  if (typescriptGroups.size > 0) {
    const { readTypeScriptFiles } = await import('../model/load-typescript.js');
    for (const group of typescriptGroups.values()) {
      const files = [...group];
      inputs.push({ loaded: fromRawInput('typescript', await readTypeScriptFiles(files, readOptions)), files });
    }
  }
  const hclGroups = [...hclByDirectory.values()].filter((g) => g.relevant);
  if (hclGroups.length > 0) {
    const { readHclFiles } = await import('../model/load-hcl.js');
    for (const { files } of hclGroups) inputs.push({ loaded: fromRawInput('hcl', await readHclFiles(files, readOptions)), files });
  }
  return inputs;
}

/**
 * The text of a discovered file. A named file that cannot be read is an InputError; a walked one (a huge
 * lock file, a binary with a .json name) is simply not a tipkit input, so it is skipped.
 */
function readCandidate(d: DiscoveredFile, readOptions: ReadOptions): string | undefined {
  try {
    return readSourceFile(d.file, readOptions);
  } catch (err) {
    if (d.explicit || !(err instanceof InputError)) throw err;
    return undefined;
  }
}
