/**
 * SDK clients for a live Identity Center instance (or `tipkit serve`), shared by `tipkit aws`, `pull` and `drift`.
 * Credentials come from the SDK's default chain (environment, shared files, SSO, container/instance roles); the
 * endpoint from the caller, else the SDK's own `AWS_ENDPOINT_URL_SSO_ADMIN` / `AWS_ENDPOINT_URL` handling.
 * The region, as the AWS CLI resolves it: the flag, `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile.
 */
import { SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { oneLine } from '../model/errors.js';

export interface LiveClientOptions {
  region?: string;
  /** `http://127.0.0.1:PORT` for serve; leave out to use the environment / the real service. */
  endpoint?: string;
  profile?: string;
  /** Attempts per call (the SDK's standard retry mode backs off on throttling); default from AWS_MAX_ATTEMPTS, else 3. */
  maxAttempts?: number;
}

export const regionFromEnvironment = (flag?: string): string | undefined => flag || process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || undefined;

function clientConfig(opts: LiveClientOptions): Record<string, unknown> {
  const config: Record<string, unknown> = {};
  const region = regionFromEnvironment(opts.region);
  if (region) config.region = region;
  if (opts.endpoint) config.endpoint = opts.endpoint;
  if (opts.profile) config.profile = opts.profile;
  if (opts.maxAttempts !== undefined) config.maxAttempts = opts.maxAttempts;
  return config;
}

export const ssoAdminClient = (opts: LiveClientOptions = {}): SSOAdminClient => new SSOAdminClient(clientConfig(opts));
export const identityStoreClient = (opts: LiveClientOptions = {}): IdentitystoreClient => new IdentitystoreClient(clientConfig(opts));

/** How a failed call looks to a user of the AWS CLI: its message and the AWS CLI v2 return code. */
export interface AwsFailure {
  /** `service` — the service answered with an error; `configuration` — no credentials or region; `connection` — no answer. */
  kind: 'service' | 'configuration' | 'connection';
  /** The modelled error name (`ResourceNotFoundException`) for service errors. */
  errorCode?: string;
  message: string;
  /** 254 service error, 253 configuration, 255 anything else (the AWS CLI v2 return codes). */
  exitCode: 253 | 254 | 255;
}

/** A failed sso-admin / identitystore call, named and coded as the service named it. */
export class AwsCallError extends Error {
  readonly code = 'ERR_TIPKIT_AWS';
  constructor(readonly failure: AwsFailure, options?: { cause?: unknown }) {
    super(failure.message, options);
    this.name = 'AwsCallError';
  }
}

/** Classify an SDK error the way the AWS CLI reports it. */
export function describeAwsFailure(err: unknown, operation: string, endpoint?: string): AwsFailure {
  const e = err as { name?: string; message?: string; $metadata?: { httpStatusCode?: number }; $fault?: string };
  if (e?.$metadata?.httpStatusCode !== undefined && e.name) {
    const errorCode = e.name === 'Error' || e.name === 'SSOAdminServiceException' ? `HTTP ${e.$metadata.httpStatusCode}` : e.name;
    // The service's message is the service's text: kept to one line, as every error tipkit prints.
    return { kind: 'service', errorCode, exitCode: 254, message: oneLine(`An error occurred (${errorCode}) when calling the ${operation} operation: ${e.message || 'no message'}`) };
  }
  if (e?.name === 'CredentialsProviderError' || /Could not load credentials|Unable to locate credentials/i.test(e?.message ?? ''))
    return { kind: 'configuration', exitCode: 253, message: 'Unable to locate credentials. Set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or another source of the default credential chain.' };
  if (/Region is missing|region="" is not a valid/i.test(e?.message ?? ''))
    return { kind: 'configuration', exitCode: 253, message: 'You must specify a region: --region, AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region.' };
  const where = endpoint ? `: "${endpoint}"` : '';
  return { kind: 'connection', exitCode: 255, message: oneLine(`Could not connect to the endpoint URL${where} (${e?.message ?? String(err)})`) };
}

/** Run one SDK call, turning any failure into an AwsCallError that says what the AWS CLI would. */
export async function call<T>(operation: string, send: () => Promise<T>, endpoint?: string): Promise<T> {
  try {
    return await send();
  } catch (err) {
    throw new AwsCallError(describeAwsFailure(err, operation, endpoint), { cause: err });
  }
}

/**
 * The CLI's commands are not the place for the SDK's notice that its future releases need a newer Node (tipkit
 * supports Node 20): one line of noise on every provisioner run. A user who set the variable keeps their choice.
 */
export function quietSdkNodeWarning(): void {
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
}
