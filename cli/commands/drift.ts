/**
 * `tipkit drift`: the declared config against the live instance, per resource and field — the read-back that the
 * grants and authentication methods deployed by `terraform_data` provisioners never get from Terraform.
 */
import { resolve } from 'node:path';
import { oneLine, UsageError } from '../../model/errors.js';
import { loadValidConfigFile } from '../../inputs/index.js';
import type { DriftResource } from '../../live/index.js';
import { commonFlagsHelp, oneOf, parseCommandArgs, positiveInt, sharedOptions } from '../args.js';
import { emit } from '../io.js';
import type { Command } from '../command.js';
import { endpointUrl, liveOptions, readLive, requireInstanceArn } from './pull.js';

// No --ids: a config may name users and groups, and only the identity store says which ids those are.
const { ids: _ids, ...readOptions } = liveOptions;
const options = { ...readOptions, config: sharedOptions.config, format: sharedOptions.format, 'max-input-bytes': sharedOptions['max-input-bytes'] } as const;

const usage = `Usage: tipkit drift [-c CONFIG] [--instance-arn ARN] [--region R] [--endpoint-url URL] [--format text|json] [--output FILE]

Compares the declared config (--config, or the one positional argument; default: tipkit.yaml; any input tipkit
lint reads) with the live instance, resource by
resource and field by field: missing (declared, not live), unexpected (live, not declared), changed (both values
shown). References compare by Name (an issuer's Name and its ARN are the same reference); ARNs themselves, and
PortalOptions the config leaves out, are not compared. AWS-managed applications count only when declared.

Options:
  -c, --config FILE       the declared config (default: tipkit.yaml)
      --instance-arn ARN  the instance to compare with (default: the config's instance.InstanceArn)
      --region R          default: the config's instance.Region, AWS_REGION, AWS_DEFAULT_REGION, the profile's
      --endpoint-url URL  the sso-admin and identitystore endpoint (\`tipkit serve\`'s URL, or a test account's;
                          --endpoint is an alias)
      --profile P         a named profile of the shared config files
  -f, --format F          text (default) or json: { tool, command: "drift", resources: [{ kind, name, status,
                          changes: [{ path, declared, live }] }] } listing the resources that drifted
      --max-input-bytes N largest file read (default 10 MiB)
${commonFlagsHelp('write the report to FILE (atomically) instead of stdout', 'no progress on stderr')}

Exit codes: 0 in sync, 1 drifted, 2 the config or the instance could not be used.
`;

export const command: Command = {
  summary: 'compare a config with the live instance: 0 in sync, 1 drifted',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options, 'drift');
    if (positionals.length > 1 || (positionals.length === 1 && values.config !== undefined)) throw new UsageError(`drift: one config at a time (got ${positionals.length + (values.config === undefined ? 0 : 1)})`);
    const format = oneOf(values.format, ['text', 'json'] as const, '--format', 'text');
    const configFile = values.config ?? positionals[0] ?? 'tipkit.yaml';
    // Named as given (as synth names it) when it is relative to the process's directory.
    const loaded = await loadValidConfigFile(resolve(io.cwd) === process.cwd() ? configFile : resolve(io.cwd, configFile), { maxBytes: positiveInt(values['max-input-bytes'], '--max-input-bytes') });
    const declaredInstance = loaded.model.instance;
    const instanceArn = requireInstanceArn(values['instance-arn'] ?? declaredInstance.instanceArn, 'drift');
    const live = await readLive('drift', { ...values, endpoint: endpointUrl(values, 'drift'), instanceArn, region: values.region ?? declaredInstance.region }, io);
    const { compareWithLive } = await import('../../live/index.js');
    const all = compareWithLive(loaded.model, live);
    const drifted = all.filter((r) => r.status !== 'in-sync');
    const report =
      format === 'json'
        ? `${JSON.stringify({ tool: 'tipkit', command: 'drift', config: configFile, instanceArn, inSync: drifted.length === 0, compared: all.length, resources: drifted }, null, 2)}\n`
        : formatDriftText(drifted, all.length, configFile, instanceArn);
    emit(io, report, values.output);
    return drifted.length ? 1 : 0;
  },
};

const show = (v: unknown): string => JSON.stringify(v ?? null);

/** The text report; names and values come from the config and the live instance, so every line is escaped (oneLine). */
export function formatDriftText(drifted: DriftResource[], compared: number, configFile: string, instanceArn: string): string {
  if (!drifted.length) return `${oneLine(`in sync: ${compared} resource(s) of ${configFile} match ${instanceArn}`)}\n`;
  const lines: string[] = [];
  for (const r of drifted) {
    lines.push(`${r.status.padEnd(11)} ${r.kind} ${r.name}`);
    for (const c of r.changes) lines.push(`    ${c.path}`, `      declared: ${show(c.declared)}`, `      live:     ${show(c.live)}`);
  }
  lines.push('', `drift: ${drifted.length} of ${compared} resource(s) of ${configFile} differ from ${instanceArn}`);
  return `${lines.map(oneLine).join('\n')}\n`;
}
