/**
 * `tipkit pull`: a live Identity Center instance (or `tipkit serve`) → a tipkit config. The written file passes the
 * config schema (checked with the loader every command uses) or nothing is written; it is written atomically.
 */
import { stringify } from 'yaml';
import { InputError, oneLine, UsageError } from '../../model/errors.js';
import { loadConfigText } from '../../inputs/index.js';
import type { AwsManagedApplication, LiveInstance, PulledConfig } from '../../live/index.js';
import { commonFlagsHelp, parseCommandArgs } from '../args.js';
import { emit } from '../io.js';
import type { Io } from '../io.js';
import type { Command } from '../command.js';

export const liveOptions = {
  'instance-arn': { type: 'string' },
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  // The first spelling, kept as an alias: the AWS CLI and `tipkit aws` say --endpoint-url.
  endpoint: { type: 'string' },
  profile: { type: 'string' },
  ids: { type: 'boolean' },
} as const;

/** --endpoint-url, or its alias --endpoint (not both). */
export function endpointUrl(values: { 'endpoint-url'?: string; endpoint?: string }, cmd: string): string | undefined {
  if (values['endpoint-url'] !== undefined && values.endpoint !== undefined) throw new UsageError(`${cmd}: give --endpoint-url once (--endpoint is its alias)`);
  return values['endpoint-url'] ?? values.endpoint;
}

const options = { ...liveOptions, out: { type: 'string' } } as const;

const usage = `Usage: tipkit pull --instance-arn ARN [--region R] [--endpoint-url URL] [--profile P] [--out FILE] [--ids]

Reads a live Identity Center instance through the AWS SDK and writes the tipkit config that declares it: every
trusted token issuer, every application of the custom provider with its grants, authentication methods, access
scopes, assignment configuration and assignments. References are written as Names where they resolve (issuers in
grants, applications in access scopes, users and groups in assignments). AWS-managed applications are listed in a
comment at the top (their grants are not readable); access scopes that target them keep the target's ARN.

Options:
      --instance-arn ARN  the instance to read (required)
      --region R          default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region (for \`tipkit serve\`:
                          its config's instance Region)
      --endpoint-url URL  the sso-admin and identitystore endpoint (\`tipkit serve\`'s URL, or a test account's);
                          default: AWS_ENDPOINT_URL_SSO_ADMIN / AWS_ENDPOINT_URL_IDENTITYSTORE / AWS_ENDPOINT_URL
                          (--endpoint is an alias)
      --profile P         a named profile of the shared config files
      --out FILE          write the config here (atomically; default: stdout; -o/--output is the same)
      --ids               keep assignment principals as identity-store ids (no identity-store reads)
${commonFlagsHelp('the same as --out', 'no progress on stderr')}

Credentials come from the SDK's default chain. Throttled calls are retried with the SDK's backoff
(AWS_MAX_ATTEMPTS, default here 10). Exit codes: 0 written, 2 the instance could not be read (nothing is written).
`;

export const command: Command = {
  summary: 'read a live Identity Center instance (or serve) into a tipkit config',
  usage,
  async run(argv, io) {
    const { values, positionals } = parseCommandArgs(argv, options, 'pull');
    if (positionals.length) throw new UsageError(`pull: unexpected argument '${positionals[0]}' (did you mean --out ${positionals[0]}?)`);
    const instanceArn = requireInstanceArn(values['instance-arn'], 'pull');
    const live = await readLive('pull', { ...values, endpoint: endpointUrl(values, 'pull'), instanceArn }, io);
    const { liveToConfig } = await import('../../live/index.js');
    const pulled = liveToConfig(live);
    const text = renderPulled(pulled, live);
    // The file must be one every command accepts: a live value the schema refuses is reported, not written.
    const first = loadConfigText(text, values.out ?? '<pulled config>').violations[0];
    if (first) throw new InputError(`pull: the live instance does not fit a tipkit config at ${first.pointer.join('/')}: ${first.message}; nothing was written`);
    emit(io, text, values.out ?? values.output);
    if (!values.quiet && (values.out ?? values.output))
      io.stderr(`pulled ${pulled.config.trustedTokenIssuers?.length ?? 0} trusted token issuer(s), ${pulled.config.applications?.length ?? 0} application(s) and ${pulled.awsManaged.length} AWS-managed application(s) into ${values.out ?? values.output}\n`);
    return 0;
  },
};

const INSTANCE_ARN = /^arn:aws(-[a-z]{1,5}){0,3}:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;

export function requireInstanceArn(value: string | undefined, cmd: string): string {
  if (value === undefined) throw new UsageError(`${cmd}: --instance-arn is required (see: tipkit ${cmd} --help)`);
  if (!INSTANCE_ARN.test(value)) throw new UsageError(`${cmd}: --instance-arn must be an instance ARN such as arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d (got '${value}')`);
  return value;
}

export interface LiveFlags {
  instanceArn: string;
  region?: string;
  endpoint?: string;
  profile?: string;
  ids?: boolean;
  quiet?: boolean;
}

/** Read the instance with the SDK; AWS failures become one line and exit 2 (the input could not be used). */
export async function readLive(cmd: string, flags: LiveFlags, io: Io): Promise<LiveInstance> {
  const { AwsCallError, identityStoreClient, quietSdkNodeWarning, readLiveInstance, ssoAdminClient } = await import('../../live/index.js');
  quietSdkNodeWarning();
  if (flags.endpoint !== undefined && !/^https?:\/\/[^\s]+$/.test(flags.endpoint)) throw new UsageError(`${cmd}: --endpoint-url must be an http(s) URL (got '${flags.endpoint}')`);
  // A large instance is many calls: ride out throttling longer than the SDK's default 3 attempts.
  const maxAttempts = process.env.AWS_MAX_ATTEMPTS ? undefined : 10;
  const clientOpts = { region: flags.region, endpoint: flags.endpoint, profile: flags.profile, maxAttempts };
  const sso = ssoAdminClient(clientOpts);
  const identityStore = flags.ids ? undefined : identityStoreClient(clientOpts);
  try {
    const region = await sso.config.region().catch(() => undefined);
    const live = await readLiveInstance({
      sso,
      identityStore,
      instanceArn: flags.instanceArn,
      region,
      endpoint: flags.endpoint,
      progress: flags.quiet ? undefined : (line) => io.stderr(`${cmd}: ${line}\n`),
    });
    if (!flags.quiet) for (const note of live.notes) io.stderr(`${cmd}: note: ${note}\n`);
    return live;
  } catch (err) {
    if (err instanceof AwsCallError) throw new InputError(`${cmd}: ${err.failure.message}`, undefined, { cause: err });
    throw err;
  } finally {
    sso.destroy();
    identityStore?.destroy();
  }
}

/** The pulled config as YAML, headed by what it was read from and the AWS-managed applications. */
export function renderPulled(pulled: PulledConfig, live: LiveInstance): string {
  const header = [
    `Pulled by tipkit pull from ${live.InstanceArn}${live.Region ? ` (${live.Region})` : ''}.`,
    ...managedLines(pulled.awsManaged),
    ...live.notes.map((n) => `Note: ${n}.`),
  ];
  const body = stringify(pulled.config, { lineWidth: 0 });
  // Live names and notes go into comments: one line each, whatever they hold.
  return `${header.map((l) => (l ? `# ${oneLine(l)}` : '#')).join('\n')}\n${body}`;
}

function managedLines(apps: AwsManagedApplication[]): string[] {
  if (!apps.length) return [];
  return [
    '',
    'AWS-managed applications (not declared here: their grants are not readable, and synth would create new ones).',
    'Access scopes may target them by ApplicationArn:',
    ...apps.map((a) => `  ${a.Name}: ${a.ApplicationArn}  (${a.ApplicationProviderArn.replace(/^.*:applicationProvider\//, '')})`),
  ];
}
