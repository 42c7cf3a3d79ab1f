/**
 * Rule documentation rendered from rule metadata: the `docs/rules/*.md` pages (scripts/gen-rule-docs.mjs),
 * `tipkit rules ID`, and the help text SARIF carries for each rule.
 */
import { suppressionRules } from '../suppressions.js';
import type { Rule, RuleMeta } from '../types.js';

const UNSUPPRESSIBLE = new Set(suppressionRules.map((r) => r.meta.id));

export { PROJECT_URL } from '../../formats/project.js';
import { PROJECT_URL } from '../../formats/project.js';

export const GENERATED_BANNER = '<!-- generated from the rule metadata by scripts/gen-rule-docs.mjs — do not edit -->';

export function ruleHelpUri(id: string): string {
  return `${PROJECT_URL}/blob/main/docs/rules/${id}.md`;
}

/** TypeScript examples (reader notes) are fenced as such; everything else is a tipkit.yaml fragment. */
function fenceLanguage(example: string): string {
  return /\bnew\s+\w+\(|;\s*$/m.test(example) ? 'ts' : 'yaml';
}

function fenced(label: string, example: string): string[] {
  return [label, '', '```' + fenceLanguage(example), example.trimEnd(), '```', ''];
}

/** The body of a rule's page, without the generated banner (also SARIF's help.markdown). */
export function ruleDocMarkdown(meta: RuleMeta): string {
  const { docs } = meta;
  return [
    `# ${meta.id}`,
    '',
    `**Severity:** ${meta.severity}`,
    '',
    sentence(meta.summary),
    '',
    '## Why',
    '',
    docs.why,
    '',
    '## How to fix',
    '',
    docs.fix,
    '',
    '## Example',
    '',
    ...fenced('Fires on:', docs.bad),
    ...fenced('Passes:', docs.good),
    '## Reference',
    '',
    docs.reference,
    '',
    '## Configuring',
    '',
    UNSUPPRESSIBLE.has(meta.id)
      ? `A suppression cannot hide this finding (it is about suppressions). Change its severity with \`tipkit lint --rule ${meta.id}=warning\` (or \`off\`), or in \`.tipkitrc.json\`.`
      : `Suppress one finding with \`# tipkit-ignore ${meta.id}: reason\` on the line above the node (\`//\` in TypeScript), or with \`{ id: '${meta.id}', reason }\` in a construct's \`suppressions\`. Change the severity with \`tipkit lint --rule ${meta.id}=warning\` (or \`off\`), or in \`.tipkitrc.json\`.`,
    '',
  ].join('\n');
}

/** Plain-text help (SARIF help.text, `tipkit rules ID` when not writing markdown). */
export function ruleDocText(meta: RuleMeta): string {
  const { docs } = meta;
  const indent = (s: string) => s.trimEnd().split('\n').map((l) => `    ${l}`).join('\n');
  return [
    `${meta.id} (${meta.severity})`,
    '',
    sentence(meta.summary),
    '',
    'Why:',
    wrapParagraph(docs.why),
    '',
    'How to fix:',
    wrapParagraph(docs.fix),
    '',
    'Fires on:',
    indent(docs.bad),
    '',
    'Passes:',
    indent(docs.good),
    '',
    `Reference: ${docs.reference}`,
    `Docs: ${ruleHelpUri(meta.id)}`,
    '',
  ].join('\n');
}

function wrapParagraph(text: string): string {
  return text
    .split('\n')
    .map((l) => `  ${l}`)
    .join('\n');
}

function sentence(summary: string): string {
  const s = summary.charAt(0).toUpperCase() + summary.slice(1);
  return /[.!?]$/.test(s) ? s : `${s}.`;
}

/** docs/rules/README.md: every rule, its severity and summary. */
export function rulesIndexMarkdown(rules: readonly Rule[]): string {
  const escape = (s: string) => s.replace(/\|/g, '\\|');
  return [
    GENERATED_BANNER,
    '# tipkit lint rules',
    '',
    'Every rule `tipkit lint` runs. `tipkit rules` prints this list, `tipkit rules ID` one rule\'s page.',
    'Severities can be changed with `--rule ID=off|note|warning|error` or a `.tipkitrc.json` file.',
    '',
    '| rule | severity | fires when |',
    '|---|---|---|',
    ...rules.map((r) => `| [\`${r.meta.id}\`](${r.meta.id}.md) | ${r.meta.severity} | ${escape(r.meta.summary)} |`),
    '',
    '## Suppressing a finding',
    '',
    'Put a comment on the line above the offending node: `# tipkit-ignore RULE-ID: reason` in YAML,',
    '`// tipkit-ignore RULE-ID: reason` in TypeScript, `#` or `//` in HCL. Several ids may be comma-separated.',
    'The comment covers the node that starts on the next line that is not blank or a comment, and everything',
    'nested in it: above `- Name: app` it covers the whole application, above `Grants:` all its grants, above',
    'the first key of the file the whole file. Constructs take `suppressions: [{ id, reason }]` for their',
    'resource. A suppression without a reason suppresses nothing and is reported (`suppression-reason-missing`);',
    'one naming no known rule is reported as `suppression-unknown-rule`.',
    '',
    'Suppressed findings never fail the run. Text output hides them (`--show-suppressed` lists them); JSON',
    'output keeps them apart from `findings`, in `suppressed` (each with `suppression: { kind, reason }`, as',
    'ESLint keeps `suppressedMessages`); SARIF lists them as results with `suppressions`.',
    '',
    '## Changing severities',
    '',
    '`tipkit lint --rule ID=LEVEL` (repeatable; LEVEL is `off`, `note`, `warning` or `error`), or a',
    '`.tipkitrc.json` / `.tipkitrc.yaml` in the working directory (or `--config-file FILE`); flags win:',
    '',
    '```json',
    '{ "rules": { "issuer-unused": "error", "token-exchange-unreachable": "off" } }',
    '```',
    '',
  ].join('\n');
}

/** Every generated file of docs/rules/, by file name. */
export function ruleDocFiles(rules: readonly Rule[]): Map<string, string> {
  const files = new Map<string, string>([['README.md', rulesIndexMarkdown(rules)]]);
  for (const r of rules) files.set(`${r.meta.id}.md`, `${GENERATED_BANNER}\n${ruleDocMarkdown(r.meta)}`);
  return files;
}
