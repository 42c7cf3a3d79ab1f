/**
 * The AWS CLI (v1, from botocore's own copy of the models) pointed at serve with --endpoint-url: the control plane
 * answers it as AWS would. Skipped, saying why, when `aws` is absent or has no sso-admin commands.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type StartedServe } from '../../emulator/start.js';
import { principal, writeFixture } from '../emulator/helpers.js';
import { CUSTOM_PROVIDER } from './helpers.js';
import { awsCliMissing } from '../helpers/aws-cli.js';

const run = promisify(execFile);
const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
/** Each `aws` run starts Python (a second or two, far more on a busy machine). */
const CLI_TIMEOUT_MS = 180_000;

const missing = awsCliMissing();
if (missing) console.warn(`skipping the AWS CLI control-plane tests: ${missing}`);

describe.skipIf(missing !== undefined)('aws sso-admin / identitystore --endpoint-url serve', () => {
  let serve: StartedServe;
  let env: NodeJS.ProcessEnv;

  beforeAll(async () => {
    const fixture = await writeFixture();
    serve = await startServe({ scenario: fixture.scenarioFile, cwd: fixture.dir });
    const backend = principal(serve.input.scenario.principals, 'backend');
    env = {
      PATH: process.env.PATH,
      HOME: fixture.dir,
      PYENV_VERSION: process.env.PYENV_VERSION,
      PYENV_ROOT: process.env.PYENV_ROOT,
      AWS_ACCESS_KEY_ID: backend.accessKeyId,
      AWS_SECRET_ACCESS_KEY: backend.secretAccessKey,
      AWS_DEFAULT_REGION: 'us-east-1',
      AWS_CONFIG_FILE: `${fixture.dir}/no-aws-config`,
      AWS_SHARED_CREDENTIALS_FILE: `${fixture.dir}/no-aws-credentials`,
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_MAX_ATTEMPTS: '1',
      AWS_PAGER: '',
    };
  });
  afterAll(() => serve?.close());

  /** `aws SERVICE COMMAND ARGS… --endpoint-url serve --output json`: exit code, parsed stdout, stderr. */
  async function aws(...args: string[]): Promise<{ code: number; json: Record<string, unknown> | undefined; stderr: string }> {
    try {
      const { stdout, stderr } = await run('aws', [...args, '--endpoint-url', serve.url, '--output', 'json'], { env, encoding: 'utf8' });
      return { code: 0, json: stdout.trim() ? (JSON.parse(stdout) as Record<string, unknown>) : undefined, stderr };
    } catch (err) {
      const e = err as { code?: number; stderr?: string };
      return { code: typeof e.code === 'number' ? e.code : -1, json: undefined, stderr: e.stderr ?? '' };
    }
  }

  it('lists the applications, creates one and puts, reads and lists its grant', async () => {
    const list = await aws('sso-admin', 'list-applications', '--instance-arn', INSTANCE);
    expect(list.code).toBe(0);
    expect((list.json!.Applications as { Name: string }[]).map((a) => a.Name)).toEqual(['portal', 'query-app', 'data-cli']);

    const created = await aws('sso-admin', 'create-application', '--instance-arn', INSTANCE, '--application-provider-arn', CUSTOM_PROVIDER, '--name', 'cli-app');
    expect(created.code).toBe(0);
    const arn = String(created.json!.ApplicationArn);
    const grant = { AuthorizationCode: { RedirectUris: ['https://cli.example.com/callback'] } };
    const put = await aws('sso-admin', 'put-application-grant', '--application-arn', arn, '--grant-type', 'authorization_code', '--grant', JSON.stringify(grant));
    expect(put.stderr).toBe('');
    expect(put.code).toBe(0);
    expect((await aws('sso-admin', 'get-application-grant', '--application-arn', arn, '--grant-type', 'authorization_code')).json).toEqual({ Grant: grant });
    expect(serve.controlPlane.snapshot().applications.find((a) => a.Name === 'cli-app')?.Grants).toEqual([{ GrantType: 'authorization_code', Grant: grant }]);
  }, CLI_TIMEOUT_MS);

  it('the authentication method\'s ActorPolicy document goes through as JSON', async () => {
    const arn = serve.controlPlane.snapshot().applications.find((a) => a.Name === 'query-app')!.ApplicationArn;
    const policy = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Cli' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] };
    const put = await aws('sso-admin', 'put-application-authentication-method', '--application-arn', arn, '--authentication-method-type', 'IAM', '--authentication-method', JSON.stringify({ Iam: { ActorPolicy: policy } }));
    expect(put.code).toBe(0);
    const got = await aws('sso-admin', 'get-application-authentication-method', '--application-arn', arn, '--authentication-method-type', 'IAM');
    expect(got.json).toEqual({ AuthenticationMethod: { Iam: { ActorPolicy: policy } } });
  }, CLI_TIMEOUT_MS);

  it('a modelled error is printed as the CLI prints AWS\'s: the exception name and the service\'s message', async () => {
    const missingApp = await aws('sso-admin', 'describe-application', '--application-arn', 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0000000000000000');
    expect(missingApp.code).not.toBe(0);
    expect(missingApp.stderr).toContain('An error occurred (ResourceNotFoundException) when calling the DescribeApplication operation');
    const invalid = await aws('sso-admin', 'describe-application', '--application-arn', 'arn:aws:sso::111122223333:application/not-an-application');
    expect(invalid.stderr).toContain("(ValidationException) when calling the DescribeApplication operation: 1 validation error detected: Value at 'applicationArn' failed to satisfy constraint");
  }, CLI_TIMEOUT_MS);

  it('identitystore list-users and get-group-id answer from the scenario', async () => {
    const users = await aws('identitystore', 'list-users', '--identity-store-id', 'd-1234567890');
    expect(users.code).toBe(0);
    expect((users.json!.Users as { UserName: string }[]).map((u) => u.UserName)).toEqual(['alice', 'mallory']);
    const group = await aws('identitystore', 'get-group-id', '--identity-store-id', 'd-1234567890', '--alternate-identifier', JSON.stringify({ UniqueAttribute: { AttributePath: 'displayName', AttributeValue: 'analysts' } }));
    expect(group.json).toMatchObject({ GroupId: 'g-analysts' });
  }, CLI_TIMEOUT_MS);
});
