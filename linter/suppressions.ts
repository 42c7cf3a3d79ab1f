/**
 * Suppressions: `# tipkit-ignore RULE-ID[, RULE-ID…]: reason` comments (`//` in TypeScript, either in HCL) on
 * the line above a node, and construct suppressions (`suppressions: [{ id, reason }]`). A suppression covers
 * the node that starts on the next non-comment line and everything nested inside it; suppressed findings
 * are kept with the reason. A suppression without a reason suppresses nothing and is itself a finding.
 */
import type { LoadedConfig } from '../inputs/index.js';
import type { NodePath, TipModel } from '../model/types.js';
import type { FindingSink, LocatedFinding } from './finding-sink.js';
import type { Rule } from './types.js';

const AWS_TIP_GUIDE = 'https://docs.aws.amazon.com/singlesignon/latest/userguide/trustedidentitypropagation.html';

/** Reported by the suppression pass itself, so the check is empty. */
export const suppressionReasonMissing: Rule = {
  meta: {
    id: 'suppression-reason-missing',
    severity: 'error',
    summary: 'a `tipkit-ignore` comment or construct suppression gives no reason',
    docs: {
      why: 'A suppression hides a finding from everyone who reads the lint output later. Without a reason nobody can tell whether it is still safe, so tipkit ignores a suppression that gives none (the finding it meant to hide still counts).',
      fix: 'Write the reason after a colon: `# tipkit-ignore RULE-ID: why this is safe here`, or `{ id, reason }` on a construct.',
      bad: 'applications:\n  # tipkit-ignore iam-auth-method-missing\n  - Name: data-cli',
      good: 'applications:\n  # tipkit-ignore iam-auth-method-missing: a public client; its tokens come from CreateToken\n  - Name: data-cli',
      reference: AWS_TIP_GUIDE,
    },
  },
  check() {},
};

/** Reported by the suppression pass itself, so the check is empty. */
export const suppressionUnknownRule: Rule = {
  meta: {
    id: 'suppression-unknown-rule',
    severity: 'warning',
    summary: 'a suppression names a rule that does not exist',
    docs: {
      why: 'A misspelt rule id suppresses nothing, so the finding it was meant to hide still shows up — or the comment is left over from a renamed rule.',
      fix: 'Use an id from `tipkit rules`, or delete the comment.',
      bad: 'applications:\n  # tipkit-ignore iam-auth-missing: a public client\n  - Name: data-cli',
      good: 'applications:\n  # tipkit-ignore iam-auth-method-missing: a public client\n  - Name: data-cli',
      reference: AWS_TIP_GUIDE,
    },
  },
  check() {},
};

export const suppressionRules: readonly Rule[] = [suppressionReasonMissing, suppressionUnknownRule];

/** One `tipkit-ignore` comment. */
export interface SuppressionComment {
  file: string;
  /** Where the comment starts (1-based). */
  line: number;
  column: number;
  ruleIds: string[];
  /** Undefined or empty when the comment gives none. */
  reason?: string;
  /** The next line that is neither blank nor a comment: where the covered node starts. */
  targetLine: number;
  /** Set when the text after `tipkit-ignore` is not `ID[, ID…]: reason`. */
  malformed?: boolean;
}

interface CommentSyntax {
  directive: RegExp;
  commentLine: RegExp;
}

const YAML_SYNTAX: CommentSyntax = { directive: /^(\s*)#\s*tipkit-ignore(?=[\s:]|$)(.*)$/, commentLine: /^\s*#/ };
const TS_SYNTAX: CommentSyntax = { directive: /^(\s*)\/\/\s*tipkit-ignore(?=[\s:]|$)(.*)$/, commentLine: /^\s*(\/\/|\/\*|\*)/ };
const HCL_SYNTAX: CommentSyntax = { directive: /^(\s*)(?:#|\/\/)\s*tipkit-ignore(?=[\s:]|$)(.*)$/, commentLine: /^\s*(#|\/\/|\/\*|\*)/ };

function syntaxOf(file: string): CommentSyntax | undefined {
  if (/\.ya?ml$/i.test(file)) return YAML_SYNTAX;
  if (/\.(ts|mts|cts)$/i.test(file)) return TS_SYNTAX;
  if (/\.tf$/i.test(file)) return HCL_SYNTAX;
  return undefined; // JSON has no comments
}

const IDS_THEN_REASON = /^\s*([\w-]+(?:\s*,\s*[\w-]+)*)\s*(?::(.*))?$/;

/** The `tipkit-ignore` comments of one source file (none for JSON). */
export function parseSuppressionComments(file: string, text: string): SuppressionComment[] {
  const syntax = syntaxOf(file);
  if (!syntax || !text.includes('tipkit-ignore')) return [];
  const lines = text.split(/\r?\n/);
  const out: SuppressionComment[] = [];
  lines.forEach((lineText, i) => {
    const m = syntax.directive.exec(lineText);
    if (!m) return;
    let target = i + 1;
    while (target < lines.length && (syntax.commentLine.test(lines[target]!) || /^\s*$/.test(lines[target]!))) target++;
    const parsed = IDS_THEN_REASON.exec(m[2]!);
    out.push({
      file,
      line: i + 1,
      column: m[1]!.length + 1,
      ruleIds: parsed ? parsed[1]!.split(',').map((s) => s.trim()) : [],
      reason: parsed?.[2]?.trim() || undefined,
      targetLine: target + 1,
      malformed: !parsed,
    });
  });
  return out;
}

const lineKey = (file: string, line: number): string => `${file}\n${line}`;

/**
 * file+line → the shallowest model path that starts there. A mapping member starts at its key (so a
 * comment between `Grants:` and `- GrantType: …` is about the first grant, not the whole list); a list
 * item at its value.
 */
function nodeStartsByLine(model: TipModel): Map<string, NodePath> {
  const starts = new Map<string, NodePath>();
  const { positions } = model;
  const visit = (value: unknown, path: NodePath, depth: number): void => {
    if (depth > 200) return;
    const last = path[path.length - 1];
    const at = typeof last === 'string' ? positions.locateKey(path) : positions.locate(path);
    const key = lineKey(at.file, at.line);
    const known = starts.get(key);
    if (!known || known.length > path.length) starts.set(key, path);
    if (Array.isArray(value)) value.forEach((item, i) => visit(item, [...path, i], depth + 1));
    else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) visit(v, [...path, k], depth + 1);
  };
  visit(model.raw, [], 0);
  return starts;
}

const isUnder = (path: NodePath | undefined, prefix: NodePath): boolean =>
  path !== undefined && path.length >= prefix.length && prefix.every((seg, i) => path[i] === seg);

/**
 * Marks the sink's findings covered by a valid suppression, and adds `suppression-reason-missing` /
 * `suppression-unknown-rule` findings. Run after the rules, before sorting.
 */
export function applySuppressions(
  loaded: LoadedConfig,
  sink: FindingSink,
  knownRuleIds: ReadonlySet<string>,
  resourceOf: (pointer: NodePath) => string,
): void {
  const { model } = loaded;
  const ruleFindings: LocatedFinding[] = [...sink.findings];
  const problems: (() => void)[] = [];

  const comments = [...model.positions.texts].flatMap(([file, text]) => parseSuppressionComments(file, text));
  const starts = comments.length > 0 ? nodeStartsByLine(model) : undefined;
  for (const c of comments) {
    const target = starts!.get(lineKey(c.file, c.targetLine));
    const resource = target ? resourceOf(target) : '(document)';
    const location = { file: c.file, line: c.line, column: c.column };
    if (!c.reason) {
      const message = c.malformed
        ? 'malformed tipkit-ignore comment: expected `tipkit-ignore RULE-ID[, RULE-ID…]: reason`'
        : `tipkit-ignore ${c.ruleIds.join(', ')} gives no reason, so it suppresses nothing; write \`tipkit-ignore ${c.ruleIds.join(', ')}: why it is safe\``;
      problems.push(() => sink.add(suppressionReasonMissing.meta, { message, resource, location }));
    }
    for (const id of c.ruleIds.filter((id) => !knownRuleIds.has(id))) {
      problems.push(() => sink.add(suppressionUnknownRule.meta, { message: `tipkit-ignore names an unknown rule '${id}' (see: tipkit rules)`, resource, location }));
    }
    if (!c.reason) continue;
    const covers = (f: LocatedFinding): boolean =>
      (target !== undefined && isUnder(f.pointer, target)) || (f.location.file === c.file && f.location.line === c.targetLine);
    for (const f of ruleFindings) {
      if (!f.suppression && c.ruleIds.includes(f.ruleId) && covers(f)) f.suppression = { kind: 'comment', reason: c.reason };
    }
  }

  for (const s of model.suppressions) {
    const location = model.positions.locate(s.pointer);
    const at = { file: location.file, line: location.line, column: location.column };
    const reason = s.reason?.trim();
    if (!reason) {
      problems.push(() =>
        sink.add(suppressionReasonMissing.meta, { message: `suppression of '${s.id}' on ${s.resource} gives no reason, so it suppresses nothing; write { id: '${s.id}', reason: '…' }`, resource: s.resource, location: at }),
      );
    }
    if (!knownRuleIds.has(s.id)) {
      problems.push(() => sink.add(suppressionUnknownRule.meta, { message: `suppression names an unknown rule '${s.id}' (see: tipkit rules)`, resource: s.resource, location: at }));
    }
    if (!reason) continue;
    for (const f of ruleFindings) {
      if (f.suppression || f.ruleId !== s.id) continue;
      if (isUnder(f.pointer, s.pointer) || f.resource === s.resource || f.resource.startsWith(`${s.resource}/`)) f.suppression = { kind: 'construct', reason };
    }
  }

  // Added after the covering pass: a suppression problem is never itself suppressed.
  for (const add of problems) add();
}
