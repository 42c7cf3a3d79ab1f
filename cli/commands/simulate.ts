/** `tipkit simulate SCENARIO`: dry-run a scenario's SSO OIDC requests against the config; exit 1 when an expectation fails. */
import { resolve } from 'node:path';
import type { Command } from '../command.js';
import { UsageError } from '../../model/errors.js';
import { commonFlagsHelp, oneOf, parseCommandArgs, positiveInt, sharedOptions } from '../args.js';
import { emit } from '../io.js';

const USAGE = `Usage: tipkit simulate SCENARIO [options]

Runs the scenario's requests (CreateTokenWithIAM, CreateToken, RegisterClient, StartDeviceAuthorization,
Authorize, ApproveDevice) in order against the declared config, on a simulated clock, and checks each
request's \`expect\`.

Options:
  -c, --config FILE   the tipkit config (overrides the scenario's \`config:\`)
  -f, --format FORMAT text (default) or json
  -v, --verbose       print every check of every request (text)
      --allow-network fetch OpenID discovery and JWKS for issuers without scenario keys
      --max-input-bytes N  largest file read: scenario, config, key files (default 10 MiB)
${commonFlagsHelp('write the report to FILE instead of stdout', 'print only failed expectations (text)')}

Exit codes: 0 every expectation met, 1 an expectation failed, 2 the scenario or config could not be used.
`;

export const command: Command = {
  summary: 'dry-run a scenario of SSO OIDC requests against the config',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(
      argv,
      { ...sharedOptions, verbose: { type: 'boolean', short: 'v' }, 'allow-network': { type: 'boolean' } },
      'simulate',
    );
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    if (positionals.length !== 1) throw new UsageError(`simulate takes one SCENARIO file (got ${positionals.length}) (see: tipkit simulate --help)`);
    const { loadScenarioFile, simulate, formatText, redactReport } = await import('../../simulator/index.js');
    // Paths are the caller's (io.cwd); kept as typed when that is the process's own directory, so messages name them as typed.
    const path = (p: string | undefined) => (p === undefined || resolve(io.cwd) === process.cwd() ? p : resolve(io.cwd, p));
    const loaded = await loadScenarioFile(path(positionals[0])!, { config: path(values.config), maxInputBytes: positiveInt(values['max-input-bytes'], '--max-input-bytes') });
    const report = await simulate(loaded.model, loaded.scenario, { allowNetwork: values['allow-network'] ?? false });
    const text =
      format === 'json'
        ? `${JSON.stringify(redactReport(report, { wholeResponses: true }), null, 2)}\n`
        : formatText(redactReport(report), { verbose: values.verbose, quiet: values.quiet });
    emit(io, text, path(values.output));
    return report.summary.expectationsFailed > 0 ? 1 : 0;
  },
};
