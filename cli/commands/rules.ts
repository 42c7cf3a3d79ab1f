/** `tipkit rules [ID]`: list the lint rules, print one rule's documentation, or write docs/rules/. */
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UsageError } from '../../model/errors.js';
import { ruleCatalog } from '../../linter/index.js';
import { GENERATED_BANNER, ruleDocFiles, ruleDocText, ruleHelpUri } from '../../linter/formatters/rule-docs.js';
import type { Rule } from '../../linter/types.js';
import { commonFlagsHelp, oneOf, parseCommandArgs, sharedOptions } from '../args.js';
import { emit, writeFileAtomic } from '../io.js';
import type { Command } from '../command.js';

const options = {
  format: sharedOptions.format,
  'write-docs': { type: 'string' },
} as const;

export const command: Command = {
  summary: "list the lint rules, or print one rule's documentation",
  usage: `Usage: tipkit rules [ID] [options]

Without ID, lists every rule with its default severity and summary; with ID, prints that rule's
documentation (why, how to fix, examples, AWS reference).

Options:
  -f, --format FORMAT text (default) or json
      --write-docs DIR (re)generate DIR/<id>.md and DIR/README.md from the rule metadata
${commonFlagsHelp('write to FILE instead of stdout', 'print nothing when --write-docs succeeds')}
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options, 'rules');
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    if (positionals.length > 1) throw new UsageError(`rules takes at most one rule id (got ${positionals.length})`);
    const rules = ruleCatalog();
    const output = (file: string | undefined) => (file === undefined ? undefined : resolve(io.cwd, file));

    if (values['write-docs'] !== undefined) {
      const written = writeRuleDocs(resolve(io.cwd, values['write-docs']), rules);
      if (!values.quiet) io.stderr(`tipkit: wrote ${written} files to ${values['write-docs']}\n`);
      return 0;
    }

    const [id] = positionals;
    if (id !== undefined) {
      const rule = rules.find((r) => r.meta.id === id);
      if (!rule) throw new UsageError(`unknown rule '${id}' (run tipkit rules for the list)`);
      emit(io, format === 'json' ? json({ tool: 'tipkit', command: 'rules', rule: describe(rule) }) : ruleDocText(rule.meta), output(values.output));
      return 0;
    }
    emit(io, format === 'json' ? json({ tool: 'tipkit', command: 'rules', rules: rules.map(describe) }) : table(rules), output(values.output));
    return 0;
  },
};

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

function describe(rule: Rule) {
  return { id: rule.meta.id, severity: rule.meta.severity, summary: rule.meta.summary, docs: rule.meta.docs, helpUri: ruleHelpUri(rule.meta.id) };
}

function table(rules: readonly Rule[]): string {
  const idWidth = Math.max(4, ...rules.map((r) => r.meta.id.length));
  const lines = [`${'RULE'.padEnd(idWidth)}  SEVERITY  SUMMARY`];
  for (const r of rules) lines.push(`${r.meta.id.padEnd(idWidth)}  ${r.meta.severity.padEnd(8)}  ${r.meta.summary}`);
  lines.push('', `${rules.length} rules. tipkit rules ID prints one rule's documentation.`);
  return `${lines.join('\n')}\n`;
}

/** Write every page atomically and delete generated pages of rules that no longer exist. */
export function writeRuleDocs(dir: string, rules: readonly Rule[]): number {
  const files = ruleDocFiles(rules);
  let existing: string[] = [];
  try {
    existing = readdirSync(dir).filter((f) => f.endsWith('.md') && !files.has(f));
  } catch {
    // a new directory: nothing stale
  }
  for (const stale of existing) {
    const path = join(dir, stale);
    if (readFileSync(path, 'utf8').startsWith(GENERATED_BANNER)) rmSync(path);
  }
  for (const [name, content] of files) writeFileAtomic(join(dir, name), content);
  return files.size;
}
