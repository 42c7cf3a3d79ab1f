/**
 * `tipkit aws sso-admin <operation> …`: the four sso-admin calls the synthesized `terraform_data` provisioners make,
 * with the AWS CLI's arguments, run with @aws-sdk/client-sso-admin. A machine without AWS CLI v2 (or with a v1
 * whose botocore predates these operations) deploys with `tipkit synth --aws-command 'npx tipkit aws'`.
 * Errors print as the AWS CLI prints them and exit with its v2 return codes (documented in docs/deploy.md).
 */
import { readSourceFile } from '../../inputs/index.js';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { InputError, UsageError } from '../../model/errors.js';
import type { Command } from '../command.js';

type Request = Record<string, unknown>;

interface Operation {
  /** The API operation name, as the AWS CLI names it in errors. */
  name: string;
  /** Request members: the flag of each, and whether it holds JSON (a structure) rather than a string. */
  members: Record<string, { flag: string; json?: boolean }>;
  /** The SDK command class, loaded when the command runs (so `tipkit --help` does not load the SDK). */
  sdkCommand: 'PutApplicationGrantCommand' | 'DeleteApplicationGrantCommand' | 'PutApplicationAuthenticationMethodCommand' | 'DeleteApplicationAuthenticationMethodCommand';
}

const applicationArn = { ApplicationArn: { flag: '--application-arn' } };
const grantType = { GrantType: { flag: '--grant-type' } };
const methodType = { AuthenticationMethodType: { flag: '--authentication-method-type' } };

const operations: Record<string, Operation> = {
  'put-application-grant': {
    name: 'PutApplicationGrant',
    members: { ...applicationArn, ...grantType, Grant: { flag: '--grant', json: true } },
    sdkCommand: 'PutApplicationGrantCommand',
  },
  'delete-application-grant': {
    name: 'DeleteApplicationGrant',
    members: { ...applicationArn, ...grantType },
    sdkCommand: 'DeleteApplicationGrantCommand',
  },
  'put-application-authentication-method': {
    name: 'PutApplicationAuthenticationMethod',
    members: { ...applicationArn, ...methodType, AuthenticationMethod: { flag: '--authentication-method', json: true } },
    sdkCommand: 'PutApplicationAuthenticationMethodCommand',
  },
  'delete-application-authentication-method': {
    name: 'DeleteApplicationAuthenticationMethod',
    members: { ...applicationArn, ...methodType },
    sdkCommand: 'DeleteApplicationAuthenticationMethodCommand',
  },
};

const usage = `Usage: tipkit aws sso-admin <operation> [--cli-input-json JSON] [member flags] [--region R] [--endpoint-url URL] [--profile P]

Runs the sso-admin calls that tipkit's synthesized terraform_data provisioners make, with the same arguments as
the AWS CLI, through the AWS SDK for JavaScript. Point the provisioners at it with
\`tipkit synth --aws-command 'npx tipkit aws'\` on a machine without AWS CLI v2.

Operations and their member flags (each may instead come from --cli-input-json; a flag wins over the JSON):
  put-application-grant                     --application-arn ARN --grant-type TYPE --grant JSON
  delete-application-grant                  --application-arn ARN --grant-type TYPE
  put-application-authentication-method     --application-arn ARN --authentication-method-type IAM --authentication-method JSON
  delete-application-authentication-method  --application-arn ARN --authentication-method-type IAM

Options:
      --cli-input-json JSON   the whole request as JSON (PascalCase members); file://PATH reads it from a file
      --region R              default: AWS_REGION, AWS_DEFAULT_REGION, then the profile's region
      --endpoint-url URL      default: AWS_ENDPOINT_URL_SSO_ADMIN, AWS_ENDPOINT_URL, then the service's endpoint
      --profile P             a named profile of the shared config files (default: AWS_PROFILE)
      --output, --no-cli-pager, --no-paginate   accepted for AWS CLI compatibility (these calls print nothing;
                              --output is the AWS CLI's output format here, not a file)
      --debug                 print stack traces
  -h, --help                  print this help

Credentials come from the default chain (environment, shared files, SSO, container and instance roles).
JSON flags also accept file://PATH. Shorthand syntax is not supported: give JSON.
Exit codes (as the AWS CLI v2): 0 done, 2 the command line could not be used, 253 no credentials or region,
254 the service returned an error, 255 the endpoint could not be reached.
`;

const globalOptions = {
  region: { type: 'string' },
  'endpoint-url': { type: 'string' },
  profile: { type: 'string' },
  output: { type: 'string' },
  'no-cli-pager': { type: 'boolean' },
  'no-paginate': { type: 'boolean' },
  debug: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'cli-input-json': { type: 'string' },
} as const;

export const command: Command = {
  summary: 'run the provisioners\' sso-admin calls (AWS CLI arguments) with the AWS SDK',
  usage,
  async run(argv, io) {
    const [service, opName, ...rest] = argv;
    if (service !== 'sso-admin') throw new UsageError(`aws: the only service is sso-admin (got ${service === undefined ? 'nothing' : `'${service}'`}; see: tipkit aws --help)`);
    const op = opName === undefined ? undefined : operations[opName];
    if (!op) throw new UsageError(`aws sso-admin: operation must be one of ${Object.keys(operations).join(', ')} (got ${opName === undefined ? 'nothing' : `'${opName}'`})`);

    const memberOptions = Object.fromEntries(Object.values(op.members).map((m) => [m.flag.slice(2), { type: 'string' as const }]));
    let values: Record<string, string | boolean | undefined>;
    try {
      const parsed = parseArgs({ args: rest, options: { ...globalOptions, ...memberOptions }, allowPositionals: false, strict: true });
      values = parsed.values as Record<string, string | boolean | undefined>;
    } catch (err) {
      throw new UsageError(`aws sso-admin ${opName}: ${(err as Error).message.replace(/\. To specify a positional argument.*$/s, '').replace(/^Unknown option/, 'unknown option')}`);
    }

    const request = buildRequest(op, opName!, values, io.cwd);
    const endpoint = values['endpoint-url'] as string | undefined;
    const [sdk, { AwsCallError, call, quietSdkNodeWarning, ssoAdminClient }] = await Promise.all([import('@aws-sdk/client-sso-admin'), import('../../live/index.js')]);
    quietSdkNodeWarning();
    const client: SSOAdminClient = ssoAdminClient({ region: values.region as string | undefined, endpoint, profile: values.profile as string | undefined });
    try {
      // The members were checked above; the service validates their values as it does for the AWS CLI.
      const SdkCommand = sdk[op.sdkCommand] as unknown as new (input: Request) => Parameters<SSOAdminClient['send']>[0];
      await call(op.name, () => client.send(new SdkCommand(request)), endpoint ?? process.env.AWS_ENDPOINT_URL_SSO_ADMIN ?? process.env.AWS_ENDPOINT_URL);
      return 0;
    } catch (err) {
      if (!(err instanceof AwsCallError)) throw err;
      // The AWS CLI's layout: a blank line, then the error on one line.
      io.stderr(`\n${err.failure.message}\n`);
      if (values.debug && err.cause instanceof Error && err.cause.stack) io.stderr(`${err.cause.stack}\n`);
      return err.failure.exitCode;
    } finally {
      client.destroy();
    }
  },
};

/** --cli-input-json, then the member flags over it (as the AWS CLI merges them); unknown or missing members are usage errors. */
function buildRequest(op: Operation, opName: string, values: Record<string, string | boolean | undefined>, cwd: string): Request {
  const where = `aws sso-admin ${opName}`;
  let request: Request = {};
  const input = values['cli-input-json'];
  if (typeof input === 'string') {
    const parsed = parseJson(paramValue(input, '--cli-input-json', where, cwd), '--cli-input-json', where);
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new UsageError(`${where}: --cli-input-json must be a JSON object`);
    const unknown = Object.keys(parsed).filter((k) => !(k in op.members));
    if (unknown.length)
      throw new UsageError(`${where}: Parameter validation failed: Unknown parameter in input: "${unknown[0]}", must be one of: ${Object.keys(op.members).join(', ')}`);
    request = { ...(parsed as Request) };
  }
  for (const [member, { flag, json }] of Object.entries(op.members)) {
    const value = values[flag.slice(2)];
    if (typeof value !== 'string') continue;
    const text = paramValue(value, flag, where, cwd);
    request[member] = json ? parseJson(text, flag, where) : text;
  }
  const missing = Object.entries(op.members).filter(([member]) => request[member] === undefined || request[member] === null);
  if (missing.length) throw new UsageError(`${where}: the following arguments are required: ${missing.map(([, m]) => m.flag).join(', ')}`);
  for (const [member, { flag, json }] of Object.entries(op.members)) {
    const v = request[member];
    if (json ? typeof v !== 'object' || Array.isArray(v) : typeof v !== 'string')
      throw new UsageError(`${where}: Parameter validation failed: Invalid type for parameter ${member} (${flag}): expected ${json ? 'a JSON object' : 'a string'}`);
  }
  return request;
}

/** The AWS CLI reads `file://PATH` parameters from the file. */
function paramValue(value: string, flag: string, where: string, cwd: string): string {
  if (!value.startsWith('file://')) return value;
  const file = resolve(cwd, value.slice('file://'.length));
  try {
    return readSourceFile(file);
  } catch (err) {
    const why = err instanceof InputError ? err.message : ((err as NodeJS.ErrnoException).code ?? (err as Error).message);
    throw new UsageError(`${where}: Error parsing parameter '${flag}': Unable to load paramfile ${value}: ${why}`);
  }
}

function parseJson(text: string, flag: string, where: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new UsageError(`${where}: Error parsing parameter '${flag}': Invalid JSON: ${(err as Error).message} (shorthand syntax is not supported; give JSON)`);
  }
}
