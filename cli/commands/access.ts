/** `tipkit access [PATH...] [--base REF|PATH] [--fail-on-new-access]`: who can get a token for which application, and what a change opens. */
import { resolve } from 'node:path';
import { accessReview, hasNewAccess } from '../../access/index.js';
import { ACCESS_FORMATS, ACCESS_FORMATTERS, DIFF_ONLY_FORMATS } from '../../access/formatters/index.js';
import { toolVersion } from '../../formats/version.js';
import { UsageError } from '../../model/errors.js';
import { commonFlagsHelp, noInputFound, oneOf, parseCommandArgs, positiveInt } from '../args.js';
import { emit } from '../io.js';
import type { Command } from '../command.js';

const options = {
  format: { type: 'string', short: 'f' },
  base: { type: 'string' },
  'fail-on-new-access': { type: 'boolean' },
  'allow-empty': { type: 'boolean' },
  'max-input-bytes': { type: 'string' },
} as const;

export const command: Command = {
  summary: 'who can get a token for which application, and (with --base) what a change opens',
  usage: `Usage: tipkit access [PATH...] [options]

Lists the effective trust paths of every configuration under the paths (default: the current directory; the
same files lint reads): each way to obtain an IAM Identity Center token — jwt-bearer from a trusted token
issuer, token exchange (and its chains), authorization code, public clients (device code, authorization code),
and refresh — with its audiences, IAM callers, assigned users, scopes and the grant that opens it.

Options:
  -f, --format FORMAT      text (default), json, markdown (table + Mermaid, for $GITHUB_STEP_SUMMARY), dot,
                           html (one self-contained page), github or sarif (new access; empty without --base)
      --base REF|PATH      compare with the same paths at a git ref (read with git ls-tree/cat-file), or with
                           an earlier config file or directory: paths added, removed, widened, narrowed
      --fail-on-new-access exit 1 when a path was added or widened (needs --base)
      --allow-empty        exit 0 when the paths hold no input at all (default: exit 2)
      --max-input-bytes N  largest file read (default 10 MiB)
${commonFlagsHelp('write the report to FILE (atomically) instead of stdout', 'no notes on stderr')}

Exit codes: 0 done (no new access with --fail-on-new-access), 1 new access with --fail-on-new-access,
2 unusable input (unreadable file, schema violation, unknown ref or flag).
`,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options, 'access');
    const format = oneOf(values.format, ACCESS_FORMATS, '--format', 'text');
    const failOnNewAccess = Boolean(values['fail-on-new-access']);
    if (values.base === undefined && failOnNewAccess) throw new UsageError('access: --fail-on-new-access needs --base REF|PATH (what is new is relative to a base)');
    const maxInputBytes = positiveInt(values['max-input-bytes'], '--max-input-bytes');

    const report = await accessReview(positionals, { cwd: io.cwd, base: values.base, maxInputBytes });
    if (report.files.length === 0 && !values['allow-empty']) throw new UsageError(noInputFound(positionals));
    const text = ACCESS_FORMATTERS[format](report, { cwd: io.cwd, toolVersion: toolVersion(), failOnNewAccess });
    emit(io, text, values.output === undefined ? undefined : resolve(io.cwd, values.output));
    if (!values.quiet) {
      if (values.base === undefined && DIFF_ONLY_FORMATS.includes(format)) io.stderr(`tipkit: note: --format ${format} reports new access, which needs --base REF|PATH; nothing to report\n`);
      for (const note of report.notes) io.stderr(`tipkit: note: ${note}\n`);
      if (report.files.length === 0) io.stderr(`tipkit: ${noInputFound(positionals, true)}\n`);
    }
    return failOnNewAccess && report.diff && hasNewAccess(report.diff) ? 1 : 0;
  },
};
