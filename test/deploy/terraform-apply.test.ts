// The deploy path run for real: tipkit's constructs synthesize grant and authentication-method resources for
// existing applications (given by ARN), and a real `terraform apply` runs their provisioners against serve's
// sso-admin control plane; GetApplicationGrant reads back exactly the declared grant; a changed grant is replaced
// (deleted, then put); `terraform destroy` deletes. Three routes for the provisioners' command: `tipkit aws` (the
// --aws-command option), an `aws` shim on PATH that hands its argv to `tipkit aws` (proving the AWS CLI command
// lines), and the real AWS CLI v1 when its botocore has these operations.
//
// No network here: the stack holds only terraform_data resources (Terraform's built-in provider). The AWS provider
// block the stack declares (for the provisioners' --region) is removed from the JSON, as Terraform would otherwise
// download the provider; the provisioners never use it.
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  CreateApplicationCommand,
  CreateTrustedTokenIssuerCommand,
  GetApplicationAuthenticationMethodCommand,
  GetApplicationGrantCommand,
  ListApplicationAuthenticationMethodsCommand,
  ListApplicationGrantsCommand,
  type GrantType,
} from '@aws-sdk/client-sso-admin';
import { App, LocalBackend, TerraformStack } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AWS_COMMAND_CONTEXT, ApplicationAuthenticationMethod, ApplicationGrant } from '../../constructs/index.js';
import type { RequestLogEntry } from '../../emulator/log.js';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';
import { INSTANCE, REGION, cleanEnv, startServe, type Serve } from '../pull/helpers.js';
import { awsCliMissing } from '../helpers/aws-cli.js';

type Obj = Record<string, any>;

const terraform = spawnSync('terraform', ['version'], { encoding: 'utf8' }).status === 0 ? 'terraform' : undefined;
if (!terraform) console.warn('skipping the Terraform deploy tests: `terraform` is not on PATH');

const awsCli = terraform ? awsCliMissing() : 'no terraform';
if (terraform && awsCli) console.warn(`skipping the real-AWS-CLI route of the deploy test: ${awsCli}`);

const tipkitBin = resolve(repoRoot, 'bin/tipkit.js');
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ACTOR_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Backend' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
};

let serve: Serve;
const log: RequestLogEntry[] = [];
const work = mkdtempSync(join(tmpdir(), 'tipkit-deploy-'));
let issuerArn: string;

beforeAll(async () => {
  if (!terraform) return;
  ensureDistBuilt();
  serve = await startServe({ log: (e) => log.push(e) });
  issuerArn = (
    await serve.sso.send(
      new CreateTrustedTokenIssuerCommand({
        InstanceArn: INSTANCE,
        Name: 'corp-idp',
        TrustedTokenIssuerType: 'OIDC_JWT',
        TrustedTokenIssuerConfiguration: {
          OidcJwtConfiguration: { IssuerUrl: 'https://idp.example.com', ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY' },
        },
      }),
    )
  ).TrustedTokenIssuerArn!;
}, 180_000);
afterAll(async () => {
  await serve?.close();
  rmSync(work, { recursive: true, force: true });
});

interface Route {
  name: string;
  /** The construct context `tipkit:awsCommand` (undefined: the default, `aws`). */
  awsCommand?: string;
  skip?: string;
}

function shimDir(): string {
  const dir = join(work, 'shim-bin');
  if (!existsSync(dir)) {
    mkdirSync(dir);
    // The AWS CLI's argv, handed unchanged to `tipkit aws`.
    writeFileSync(join(dir, 'aws'), `#!/bin/sh\nexec "${process.execPath}" "${tipkitBin}" aws "$@"\n`);
    chmodSync(join(dir, 'aws'), 0o755);
  }
  return dir;
}

const routes: Route[] = [
  // What `npx tipkit aws` runs, without npx (the working directory is a temporary one, outside any project).
  { name: 'tipkit-aws', awsCommand: `"${process.execPath}" "${tipkitBin}" aws` },
  { name: 'aws-shim' },
  { name: 'aws-cli-v1', skip: awsCli },
];

/** The stack as a user writes it: the AWS provider in the instance's region; grants and a method for existing applications. */
function synthesize(dir: string, route: Route, apps: { portal: string; cli: string }, audiences: string[]): Obj {
  const app = new App({ outdir: join(dir, 'cdktf.out'), stackTraces: false, context: route.awsCommand ? { [AWS_COMMAND_CONTEXT]: route.awsCommand } : {} });
  const stack = new TerraformStack(app, 'deploy');
  new AwsProvider(stack, 'aws', { region: REGION });
  // State beside the stack (cdktf's default is an absolute path into the directory synth ran in).
  new LocalBackend(stack, { path: 'terraform.tfstate' });
  new ApplicationGrant(stack, 'portal-jwt', {
    application: apps.portal,
    grantType: JWT_BEARER,
    grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: issuerArn, authorizedAudiences: audiences }] } },
  });
  new ApplicationGrant(stack, 'portal-refresh', { application: apps.portal, grantType: 'refresh_token' });
  new ApplicationGrant(stack, 'cli-code', {
    application: apps.cli,
    grantType: 'authorization_code',
    grant: { authorizationCode: { redirectUris: ['http://127.0.0.1/oauth/callback'] } },
  });
  new ApplicationAuthenticationMethod(stack, 'portal-iam', { application: apps.portal, authenticationMethod: { iam: { actorPolicy: ACTOR_POLICY } } });
  app.synth();
  const tf = JSON.parse(readFileSync(join(dir, 'cdktf.out/stacks/deploy/cdk.tf.json'), 'utf8')) as Obj;
  // The provider cannot be downloaded offline, and nothing left in the stack uses it.
  delete tf.provider;
  delete tf.terraform.required_providers;
  expect(Object.keys(tf.resource)).toEqual(['terraform_data']);
  expect(tf.terraform.backend).toEqual({ local: { path: 'terraform.tfstate' } });
  writeFileSync(join(dir, 'main.tf.json'), JSON.stringify(tf, null, 2));
  return tf;
}

function terraformRun(dir: string, route: Route, args: string[]): Promise<{ code: number; out: string }> {
  const pathDirs = route.name === 'aws-shim' ? [shimDir()] : [];
  const env = {
    ...cleanEnv(),
    PATH: [...pathDirs, process.env.PATH].join(':'),
    TF_CLI_CONFIG_FILE: '/dev/null',
    TF_IN_AUTOMATION: '1',
    CHECKPOINT_DISABLE: '1',
    // What a deploy job sets: the endpoint (serve here), a region, and the credentials of a principal.
    AWS_ENDPOINT_URL_SSO_ADMIN: serve.emulator.url,
    AWS_DEFAULT_REGION: REGION,
    AWS_ACCESS_KEY_ID: serve.env.AWS_ACCESS_KEY_ID!,
    AWS_SECRET_ACCESS_KEY: serve.env.AWS_SECRET_ACCESS_KEY!,
    AWS_CONFIG_FILE: join(work, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(work, 'no-aws-credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PAGER: '',
  };
  return new Promise((done, fail) => {
    const child = spawn(terraform!, [...args, '-no-color'], { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, out }));
  });
}

async function tf(dir: string, route: Route, ...args: string[]): Promise<string> {
  const r = await terraformRun(dir, route, args);
  expect(r.code, r.out).toBe(0);
  return r.out;
}

/** The sso-admin writes serve received since `from`, in order. */
const writesSince = (from: number): string[] =>
  log
    .slice(from)
    .map((e) => e.operation)
    .filter((op) => /^sso-admin:(Put|Delete)/.test(op));

describe.skipIf(!terraform)('terraform apply / destroy of the synthesized provisioners against serve', () => {
  for (const route of routes) {
    it.skipIf(route.skip !== undefined)(`route ${route.name}: puts exactly the declared grants, replaces a changed one, destroys`, async () => {
      const dir = join(work, route.name);
      mkdirSync(dir);
      const create = async (name: string): Promise<string> =>
        (await serve.sso.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: `${route.name}-${name}`, ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom' })))
          .ApplicationArn!;
      const apps = { portal: await create('portal'), cli: await create('cli') };

      const first = synthesize(dir, route, apps, ['portal-aud']);
      const commands = Object.values(first.resource.terraform_data as Obj).flatMap((r: Obj) => r.provisioner.map((p: Obj) => p['local-exec'].command as string));
      const prefix = route.awsCommand ?? 'aws';
      expect(commands.every((c) => c.startsWith(`${prefix} sso-admin `) && c.includes(' --region "$AWS_REGION"'))).toBe(true);

      await tf(dir, route, 'init', '-input=false');
      let mark = log.length;
      await tf(dir, route, 'apply', '-auto-approve', '-input=false');
      expect(writesSince(mark).sort()).toEqual(
        ['sso-admin:PutApplicationAuthenticationMethod', 'sso-admin:PutApplicationGrant', 'sso-admin:PutApplicationGrant', 'sso-admin:PutApplicationGrant'].sort(),
      );

      // Exactly the declared grants and method, read back through the SDK.
      const grant = (ApplicationArn: string, GrantType: GrantType) => serve.sso.send(new GetApplicationGrantCommand({ ApplicationArn, GrantType }));
      expect((await grant(apps.portal, JWT_BEARER)).Grant).toEqual({ JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: issuerArn, AuthorizedAudiences: ['portal-aud'] }] } });
      expect((await grant(apps.portal, 'refresh_token')).Grant).toEqual({ RefreshToken: {} });
      expect((await grant(apps.cli, 'authorization_code')).Grant).toEqual({ AuthorizationCode: { RedirectUris: ['http://127.0.0.1/oauth/callback'] } });
      const method = await serve.sso.send(new GetApplicationAuthenticationMethodCommand({ ApplicationArn: apps.portal, AuthenticationMethodType: 'IAM' }));
      expect(method.AuthenticationMethod).toEqual({ Iam: { ActorPolicy: ACTOR_POLICY } });
      const listed = await serve.sso.send(new ListApplicationGrantsCommand({ ApplicationArn: apps.portal }));
      expect(listed.Grants?.map((g) => g.GrantType).sort()).toEqual([JWT_BEARER, 'refresh_token'].sort());

      // A changed grant: replaced (its old grant deleted, then the new one put); nothing else is touched.
      synthesize(dir, route, apps, ['portal-aud', 'reports-aud']);
      mark = log.length;
      await tf(dir, route, 'apply', '-auto-approve', '-input=false');
      expect(writesSince(mark)).toEqual(['sso-admin:DeleteApplicationGrant', 'sso-admin:PutApplicationGrant']);
      expect((await grant(apps.portal, JWT_BEARER)).Grant).toEqual({
        JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: issuerArn, AuthorizedAudiences: ['portal-aud', 'reports-aud'] }] },
      });

      // Destroy deletes every grant and the method.
      mark = log.length;
      await tf(dir, route, 'destroy', '-auto-approve', '-input=false');
      expect(writesSince(mark).sort()).toEqual(
        ['sso-admin:DeleteApplicationAuthenticationMethod', 'sso-admin:DeleteApplicationGrant', 'sso-admin:DeleteApplicationGrant', 'sso-admin:DeleteApplicationGrant'].sort(),
      );
      for (const arn of [apps.portal, apps.cli]) {
        expect((await serve.sso.send(new ListApplicationGrantsCommand({ ApplicationArn: arn }))).Grants).toEqual([]);
        expect((await serve.sso.send(new ListApplicationAuthenticationMethodsCommand({ ApplicationArn: arn }))).AuthenticationMethods).toEqual([]);
      }
      await expect(grant(apps.portal, JWT_BEARER)).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
      // Terraform, and the AWS CLI's Python, start once per provisioner: minutes on a loaded machine.
    }, 300_000);
  }
});
