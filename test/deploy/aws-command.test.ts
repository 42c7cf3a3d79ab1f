// `tipkit aws sso-admin …` against serve's control plane: the provisioners' argument forms, the SDK's endpoint and
// credential settings, and the AWS CLI's error lines and return codes.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateApplicationCommand, GetApplicationAuthenticationMethodCommand, GetApplicationGrantCommand } from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt } from '../helpers/cli.js';
import { INSTANCE, runCliAsync, startServe, type Serve } from '../pull/helpers.js';

let serve: Serve;
let app: string;
const work = mkdtempSync(join(tmpdir(), 'tipkit-aws-'));
const ACTOR_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Backend' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
};

beforeAll(async () => {
  ensureDistBuilt();
  serve = await startServe();
  app = (await serve.sso.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'aws-command-app', ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom' })))
    .ApplicationArn!;
}, 180_000);
afterAll(async () => {
  await serve?.close();
  rmSync(work, { recursive: true, force: true });
});

/** `tipkit aws sso-admin ARGS` with the deployer's credentials and serve as AWS_ENDPOINT_URL_SSO_ADMIN. */
const aws = (args: string[], env: Record<string, string | undefined> = {}) =>
  runCliAsync(['aws', 'sso-admin', ...args], { env: { ...serve.env, AWS_ENDPOINT_URL_SSO_ADMIN: serve.emulator.url, AWS_MAX_ATTEMPTS: '1', ...env }, cwd: work });

const getGrant = (GrantType: 'refresh_token' | 'authorization_code') => serve.sso.send(new GetApplicationGrantCommand({ ApplicationArn: app, GrantType }));

describe('tipkit aws sso-admin', () => {
  it('runs the provisioners\' put and delete command lines (--region, --cli-input-json; delete flags)', async () => {
    const request = { ApplicationArn: app, GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: ['https://app.example.com/cb'] } } };
    const put = await aws(['put-application-grant', '--region', 'eu-west-1', '--cli-input-json', JSON.stringify(request)]);
    expect(put).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await getGrant('authorization_code')).Grant).toEqual(request.Grant);

    const del = await aws(['delete-application-grant', '--region', 'eu-west-1', '--application-arn', app, '--grant-type', 'authorization_code']);
    expect(del).toEqual({ code: 0, stdout: '', stderr: '' });
    await expect(getGrant('authorization_code')).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  });

  it('takes member flags (a flag wins over --cli-input-json) and file:// parameters', async () => {
    writeFileSync(join(work, 'grant.json'), JSON.stringify({ RefreshToken: {} }));
    const r = await aws(['put-application-grant', '--cli-input-json', JSON.stringify({ ApplicationArn: 'overridden', GrantType: 'refresh_token' }), '--application-arn', app, '--grant', 'file://grant.json']);
    expect(r).toEqual({ code: 0, stdout: '', stderr: '' });
    expect((await getGrant('refresh_token')).Grant).toEqual({ RefreshToken: {} });

    const method = await aws([
      'put-application-authentication-method',
      '--application-arn',
      app,
      '--authentication-method-type',
      'IAM',
      '--authentication-method',
      JSON.stringify({ Iam: { ActorPolicy: ACTOR_POLICY } }),
    ]);
    expect(method.code).toBe(0);
    const read = await serve.sso.send(new GetApplicationAuthenticationMethodCommand({ ApplicationArn: app, AuthenticationMethodType: 'IAM' }));
    expect(read.AuthenticationMethod).toEqual({ Iam: { ActorPolicy: ACTOR_POLICY } });
    expect((await aws(['delete-application-authentication-method', '--application-arn', app, '--authentication-method-type', 'IAM'])).code).toBe(0);
  });

  it('finds the endpoint as the SDK does: --endpoint-url, AWS_ENDPOINT_URL_SSO_ADMIN, then AWS_ENDPOINT_URL', async () => {
    const args = ['delete-application-grant', '--application-arn', app, '--grant-type', 'refresh_token'];
    expect((await aws(['put-application-grant', '--application-arn', app, '--grant-type', 'refresh_token', '--grant', '{"RefreshToken":{}}'], { AWS_ENDPOINT_URL_SSO_ADMIN: '', AWS_ENDPOINT_URL: serve.emulator.url })).code).toBe(0);
    // The service-specific variable wins over the general one (which points nowhere here).
    expect((await aws(args, { AWS_ENDPOINT_URL: 'http://127.0.0.1:9' })).code).toBe(0);
    // Already deleted: the model marks DeleteApplicationGrant idempotent, so serve answers 200 (an endpoint that did
    // not answer would be exit 255).
    expect((await aws([...args, '--endpoint-url', serve.emulator.url], { AWS_ENDPOINT_URL_SSO_ADMIN: '' })).code).toBe(0);
    // An application that is not there: the service's answer, as the AWS CLI prints it, exit 254.
    const missingApp = app.replace(/apl-[^/]+$/, 'apl-0000000000000000');
    expect(missingApp).not.toBe(app);
    const flagged = await aws(['delete-application-grant', '--application-arn', missingApp, '--grant-type', 'refresh_token', '--endpoint-url', serve.emulator.url], { AWS_ENDPOINT_URL_SSO_ADMIN: '' });
    expect(flagged.code).toBe(254);
    expect(flagged.stderr).toMatch(/^\nAn error occurred \(ResourceNotFoundException\) when calling the DeleteApplicationGrant operation: .+\n$/);
  });

  it('prints the service\'s validation error (254) for a request the model refuses', async () => {
    const r = await aws(['put-application-grant', '--application-arn', app, '--grant-type', 'refresh_token', '--grant', '{"AuthorizationCode":{"RedirectUris":["https://x.example.com"]}}']);
    expect(r.code).toBe(254);
    expect(r.stderr).toMatch(/^\nAn error occurred \(ValidationException\) when calling the PutApplicationGrant operation: /);
  });

  it('exits 253 without credentials or region, 255 when the endpoint does not answer, 254 for a bad signature', async () => {
    const args = ['delete-application-grant', '--application-arn', app, '--grant-type', 'refresh_token'];
    const noCredentials = await aws(args, { AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined });
    expect([noCredentials.code, noCredentials.stderr]).toEqual([253, expect.stringMatching(/^\nUnable to locate credentials\. /)]);
    const noRegion = await aws(args, { AWS_REGION: undefined, AWS_DEFAULT_REGION: undefined });
    expect([noRegion.code, noRegion.stderr]).toEqual([253, expect.stringMatching(/^\nYou must specify a region/)]);
    // The AWS CLI's variable is honoured too.
    expect((await aws(['put-application-grant', '--application-arn', app, '--grant-type', 'refresh_token', '--grant', '{"RefreshToken":{}}'], { AWS_REGION: undefined, AWS_DEFAULT_REGION: 'eu-west-1' })).code).toBe(0);
    const nowhere = await aws([...args, '--endpoint-url', 'http://127.0.0.1:9']);
    expect([nowhere.code, nowhere.stderr]).toEqual([255, expect.stringMatching(/^\nCould not connect to the endpoint URL: "http:\/\/127\.0\.0\.1:9"/)]);
    const forged = await aws(args, { AWS_SECRET_ACCESS_KEY: 'not-the-secret' });
    expect(forged.code).toBe(254);
    expect(forged.stderr).toMatch(/^\nAn error occurred \(\w+\) when calling the DeleteApplicationGrant operation: /);
  });

  it('refuses a command line it cannot use with one line and exit 2, calling nothing', async () => {
    const cases: [string[], RegExp][] = [
      [['put-application-grant', '--application-arn', 'x'], /the following arguments are required: --grant-type, --grant$/],
      [['put-application-grant', '--cli-input-json', '{"ApplicationArn":"x","GrantType":"refresh_token","Grant":{},"Extra":1}'], /Unknown parameter in input: "Extra", must be one of: ApplicationArn, GrantType, Grant$/],
      [['put-application-grant', '--cli-input-json', '{not json'], /Error parsing parameter '--cli-input-json': Invalid JSON: /],
      [['put-application-grant', '--application-arn', 'x', '--grant-type', 'refresh_token', '--grant', 'RefreshToken={}'], /shorthand syntax is not supported/],
      [['put-application-grant', '--cli-input-json', 'file://missing.json'], /Unable to load paramfile file:\/\/missing\.json: ENOENT/],
      [['delete-application-grant', '--application-arn', 'x', '--grant-type', 'refresh_token', '--grant', '{}'], /unknown option '--grant'/],
      [['create-application'], /operation must be one of put-application-grant, delete-application-grant, put-application-authentication-method, delete-application-authentication-method \(got 'create-application'\)/],
    ];
    for (const [args, message] of cases) {
      const r = await aws(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(r.stderr.trimEnd()).toMatch(message);
    }
    const otherService = await runCliAsync(['aws', 's3', 'ls']);
    expect([otherService.code, otherService.stderr]).toEqual([2, "tipkit: aws: the only service is sso-admin (got 's3'; see: tipkit aws --help)\n"]);
  });
});
