/** `tipkit lint [PATH...]`: lint configs, Terraform JSON, HCL and cdktf TypeScript; exit 1 on errors. */
import { resolve } from 'node:path';
import type { VariableArgument } from '../../inputs/index.js';
import { ruleCatalog, lintPaths, type LintSummary } from '../../linter/index.js';
import { loadLintRc, parseRuleFlags, RC_FILE_NAMES } from '../../linter/config.js';
import { formatReport, OUTPUT_FORMATS } from '../../linter/formatters/index.js';
import { toolVersion } from '../../formats/version.js';
import { unknownValuesLine, withoutUnknownValueNotes } from '../../linter/unknown-value-notes.js';
import { commonFlagsHelp, noInputFound, oneOf, parseCommandArgs, positiveInt, sharedOptions } from '../args.js';
import { emit } from '../io.js';
import { UsageError } from '../../model/errors.js';
import type { Command } from '../command.js';

const options = {
  format: sharedOptions.format,
  'max-warnings': { type: 'string' },
  rule: { type: 'string', multiple: true },
  'config-file': { type: 'string' },
  'show-suppressed': { type: 'boolean' },
  'show-skipped': { type: 'boolean' },
  'allow-empty': { type: 'boolean' },
  'max-input-bytes': sharedOptions['max-input-bytes'],
  'var-file': { type: 'string', multiple: true },
  var: { type: 'string', multiple: true },
} as const;

export const command: Command = {
  summary: 'lint tipkit configs, Terraform JSON, HCL and cdktf TypeScript',
  usage: `Usage: tipkit lint [PATH...] [options]

Lints every supported file under the paths (default: the current directory): tipkit configs (.yaml, .yml,
.json), Terraform JSON (.tf.json), Terraform HCL (.tf) and cdktf TypeScript (.ts, read, never run; tipkit
constructs and the provider's Ssoadmin* bindings). Each configuration is linted on its own: a config file, a
Terraform module directory, a cdktf app (an entry file and what it imports). A named JSON/YAML file that is no
tipkit config is read as what it is (an sso-admin --cli-input-json request, a CloudFormation template) or
said not to be a tipkit input. Directories are walked without entering node_modules, .git, .terraform, .gen,
cdktf.out or dist (name one to lint it).

Options:
  -f, --format FORMAT     text (default), json, sarif or github (GitHub Actions annotations)
      --max-warnings N    also exit 1 when there are more than N warnings
      --rule ID=LEVEL     set a rule's severity: off, note, warning or error (repeatable)
      --config-file FILE  rule severities from FILE (default: ${RC_FILE_NAMES.join(' or ')} in the current directory)
      --show-suppressed   list suppressed findings in text output (json and sarif always include them)
      --show-skipped      list each value only Terraform or CloudFormation can know (text and github print
                          one summary line; json and sarif always include them as notes)
      --allow-empty       exit 0 when the paths hold no input at all (default: exit 2, so a CI job
                          pointed at the wrong directory fails)
      --max-input-bytes N largest file read (default 10 MiB)
      --var-file FILE     values for root Terraform variables, as terraform plan -var-file takes them (repeatable)
      --var NAME=VALUE    a value for a root Terraform variable, as terraform plan -var takes it (repeatable;
                          wins over --var-file). terraform.tfvars and *.auto.tfvars beside the module are read too
${commonFlagsHelp('write the report to FILE (atomically) instead of stdout', 'report errors only')}

Suppress a finding with a comment on the line above its node: # tipkit-ignore RULE-ID: reason
(// in TypeScript). Exit codes: 0 clean, 1 errors (or warnings over --max-warnings), 2 unusable input.
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options, 'lint');
    const format = oneOf(values.format, OUTPUT_FORMATS, '--format', 'text');
    const maxWarnings = positiveInt(values['max-warnings'], '--max-warnings');
    const maxInputBytes = positiveInt(values['max-input-bytes'], '--max-input-bytes');
    const rules = ruleCatalog();
    const known = new Set(rules.map((r) => r.meta.id));
    const flagSeverities = parseRuleFlags(values.rule ?? [], known);
    const rc = loadLintRc(io.cwd, values['config-file'], known);

    // The tfvars reader brings the Terraform evaluator: loaded only when --var is given (cold start of a plain lint).
    const varFlags = values.var ?? [];
    const parseVarFlag = varFlags.length > 0 ? (await import('../../inputs/terraform/tfvars.js')).parseVarFlag : undefined;
    const terraformVariables: VariableArgument[] = [...(values['var-file'] ?? []).map((f) => ({ file: resolve(io.cwd, f) })), ...varFlags.map((v) => parseVarFlag!(v))];

    const report = await lintPaths(positionals, { cwd: io.cwd, rules, severities: { ...rc.severities, ...flagSeverities }, maxInputBytes, terraformVariables });
    if (report.files.length === 0 && !values['allow-empty']) throw new UsageError(noInputFound(positionals));
    const summarized = (format === 'text' || format === 'github') && !values['show-skipped'] ? withoutUnknownValueNotes(report) : { report, hidden: 0 };
    const shown = values.quiet ? { ...summarized.report, findings: summarized.report.findings.filter((f) => f.severity === 'error') } : summarized.report;
    const color = format === 'text' && !values.output && io.isTTY && !process.env.NO_COLOR;
    let text = formatReport(format, shown, { cwd: io.cwd, color, showSuppressed: Boolean(values['show-suppressed']), rules, toolVersion: toolVersion() });
    if (summarized.hidden > 0 && !values.quiet) text += format === 'github' ? `::notice::${unknownValuesLine(summarized.hidden)}\n` : `${unknownValuesLine(summarized.hidden)}\n`;
    emit(io, text, values.output === undefined ? undefined : resolve(io.cwd, values.output));
    if (report.files.length === 0 && !values.quiet) io.stderr(`tipkit: ${noInputFound(positionals, true)}\n`);
    return exitCode(report.summary, maxWarnings);
  },
};

/** 1 for unsuppressed errors, or for more warnings than allowed; else 0. */
export function exitCode(summary: LintSummary, maxWarnings: number | undefined): number {
  if (summary.errors > 0) return 1;
  if (maxWarnings !== undefined && summary.warnings > maxWarnings) return 1;
  return 0;
}
