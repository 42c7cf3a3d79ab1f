/** Findings as rules report them: severity overrides, locations and duplicates resolved (engine.ts runs the rules). */
import type { LoadedConfig } from '../inputs/index.js';
import type { NodePath } from '../model/types.js';
import type { Finding, Report, RuleMeta, Severity } from './types.js';

/** A rule's configured severity, or 'off' to drop it. */
export type SeverityOverride = Severity | 'off';

export interface RunOptions {
  /** Per-rule severity overrides; 'off' drops the rule. */
  severities?: Readonly<Record<string, SeverityOverride>>;
}

/** A finding plus the model path it was reported at, field included (suppression comments cover subtrees). */
export interface LocatedFinding extends Finding {
  pointer?: NodePath;
}

/** Turns reports of one rule into findings: resolves severity overrides, locations and duplicates. */
export class FindingSink {
  readonly findings: LocatedFinding[] = [];
  private readonly seen = new Set<string>();

  constructor(
    private readonly loaded: LoadedConfig,
    private readonly severities: RunOptions['severities'] = {},
  ) {}

  severityOf(meta: RuleMeta): SeverityOverride {
    return this.severities?.[meta.id] ?? meta.severity;
  }

  /** Add a report made against a model node. */
  report(meta: RuleMeta, r: Report): void {
    const { positions } = this.loaded.model;
    const path = [...r.node.pointer, ...(r.field ?? [])];
    const at = r.atKey ? positions.locateKey(path) : positions.locate(path);
    this.add(meta, { message: r.message, resource: r.node.resource, location: { file: at.file, line: at.line, column: at.column }, pointer: path });
  }

  /** Add a finding whose location is already known (reader notes, suppression comments). */
  add(meta: RuleMeta, f: Omit<LocatedFinding, 'ruleId' | 'severity'>): void {
    const severity = this.severityOf(meta);
    if (severity === 'off') return;
    const { location } = f;
    const key = `${meta.id}|${location.file}:${location.line}:${location.column}|${f.message}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.findings.push({ ruleId: meta.id, severity, ...f });
  }
}
