/**
 * The pull/drift tests' setup: serve (in this process) on the fixtures' empty instance, the real SDK clients signing
 * as the scenario's deployer, a deploy of a config through those clients (what `terraform apply` would do), and the
 * built CLI run asynchronously (serve answers from this process, so the CLI must not block it).
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import {
  CreateApplicationAssignmentCommand,
  CreateApplicationCommand,
  CreateTrustedTokenIssuerCommand,
  PutApplicationAccessScopeCommand,
  PutApplicationAssignmentConfigurationCommand,
  PutApplicationAuthenticationMethodCommand,
  PutApplicationGrantCommand,
  SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { GetGroupIdCommand, GetUserIdCommand, IdentitystoreClient } from '@aws-sdk/client-identitystore';
import { loadServeInput } from '../../emulator/load.js';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
import type { RequestLogger } from '../../emulator/log.js';
import { isPrincipalId } from '../../model/arn.js';
import { canonicalConfig } from '../../model/canonical.js';
import { loadValidConfigFile } from '../../inputs/load.js';
import type { RawConfig } from '../../model/types.js';
import type { Principal } from '../../simulator/types.js';
import { repoRoot, type CliResult } from '../helpers/cli.js';

export const fixtures = resolve(import.meta.dirname, 'fixtures');
export const INSTANCE = 'arn:aws:sso:::instance/ssoins-5555666677778888';
export const REGION = 'eu-west-1';

type Obj = Record<string, any>;

export interface Serve {
  emulator: RunningEmulator;
  deployer: Principal;
  sso: SSOAdminClient;
  identity: IdentitystoreClient;
  /** Environment for a CLI run signing as the deployer (no endpoint: each test passes --endpoint or sets one). */
  env: Record<string, string>;
  close(): Promise<void>;
}

export async function startServe(opts: { throttlePerSecond?: number; log?: RequestLogger; config?: string } = {}): Promise<Serve> {
  const input = await loadServeInput({ scenario: resolve(fixtures, 'scenario.yaml'), config: opts.config && resolve(fixtures, opts.config), cwd: fixtures });
  const emulator = await startEmulator({
    model: input.model,
    scenario: input.scenario,
    port: 0,
    log: opts.log,
    controlPlane: opts.throttlePerSecond ? { throttle: { ratePerSecond: opts.throttlePerSecond, burst: opts.throttlePerSecond } } : undefined,
  });
  const deployer = input.scenario.principals.find((p) => p.name === 'deployer')!;
  const credentials = { accessKeyId: deployer.accessKeyId!, secretAccessKey: deployer.secretAccessKey! };
  const sso = new SSOAdminClient({ endpoint: emulator.url, region: REGION, credentials, maxAttempts: 1 });
  const identity = new IdentitystoreClient({ endpoint: emulator.url, region: REGION, credentials, maxAttempts: 1 });
  const env = {
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_REGION: REGION,
    // Nothing of the machine's own AWS configuration may leak into the run.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  return {
    emulator,
    deployer,
    sso,
    identity,
    env,
    close: async () => {
      sso.destroy();
      identity.destroy();
      await emulator.close();
    },
  };
}

/** The canonical form of a config file, as every input kind reduces to it. */
export async function canonicalOf(file: string): Promise<RawConfig> {
  return canonicalConfig((await loadValidConfigFile(file)).model);
}

/** Deploy a config through the SDK, in the order Terraform would; returns the ARNs by Name. */
export async function deployWithSdk(serve: Serve, file: string): Promise<{ issuers: Map<string, string>; applications: Map<string, string> }> {
  const config = (await canonicalOf(file)) as Obj;
  const { sso, identity } = serve;
  const instanceArn = config.instance.InstanceArn as string;
  const storeId = config.instance.IdentityStoreId as string;
  const issuers = new Map<string, string>();
  for (const i of config.trustedTokenIssuers as Obj[]) {
    const out = await sso.send(
      new CreateTrustedTokenIssuerCommand({ InstanceArn: instanceArn, Name: i.Name, TrustedTokenIssuerType: i.TrustedTokenIssuerType, TrustedTokenIssuerConfiguration: i.TrustedTokenIssuerConfiguration }),
    );
    issuers.set(i.Name, out.TrustedTokenIssuerArn!);
  }
  const applications = new Map<string, string>();
  for (const a of config.applications as Obj[]) {
    const out = await sso.send(
      new CreateApplicationCommand({
        InstanceArn: instanceArn,
        Name: a.Name,
        ApplicationProviderArn: a.ApplicationProviderArn,
        Description: a.Description,
        Status: a.Status,
        PortalOptions: a.PortalOptions,
      }),
    );
    applications.set(a.Name, out.ApplicationArn!);
  }
  for (const a of config.applications as Obj[]) {
    const ApplicationArn = applications.get(a.Name)!;
    await sso.send(new PutApplicationAssignmentConfigurationCommand({ ApplicationArn, AssignmentRequired: a.AssignmentRequired }));
    for (const g of a.Grants as Obj[]) {
      const grant = structuredClone(g.Grant);
      for (const t of grant.JwtBearer?.AuthorizedTokenIssuers ?? []) t.TrustedTokenIssuerArn = issuers.get(t.TrustedTokenIssuerArn) ?? t.TrustedTokenIssuerArn;
      await sso.send(new PutApplicationGrantCommand({ ApplicationArn, GrantType: g.GrantType, Grant: grant }));
    }
    for (const m of a.AuthenticationMethods as Obj[])
      await sso.send(new PutApplicationAuthenticationMethodCommand({ ApplicationArn, AuthenticationMethodType: m.AuthenticationMethodType, AuthenticationMethod: m.AuthenticationMethod }));
    for (const s of a.AccessScopes as Obj[])
      await sso.send(new PutApplicationAccessScopeCommand({ ApplicationArn, Scope: s.Scope, AuthorizedTargets: s.AuthorizedTargets?.map((t: string) => applications.get(t) ?? t) }));
    for (const x of a.Assignments as Obj[]) {
      let PrincipalId = x.PrincipalId as string;
      if (!isPrincipalId(PrincipalId)) {
        PrincipalId =
          x.PrincipalType === 'USER'
            ? (await identity.send(new GetUserIdCommand({ IdentityStoreId: storeId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'userName', AttributeValue: PrincipalId } } }))).UserId!
            : (await identity.send(new GetGroupIdCommand({ IdentityStoreId: storeId, AlternateIdentifier: { UniqueAttribute: { AttributePath: 'displayName', AttributeValue: PrincipalId } } }))).GroupId!;
      }
      await sso.send(new CreateApplicationAssignmentCommand({ ApplicationArn, PrincipalId, PrincipalType: x.PrincipalType }));
    }
  }
  return { issuers, applications };
}

/** The built CLI as a child process, without blocking this process (which serves its calls). */
export function runCliAsync(args: string[], opts: { env?: Record<string, string | undefined>; cwd?: string } = {}): Promise<CliResult> {
  // A variable given as undefined is unset.
  const env = Object.fromEntries(Object.entries({ ...cleanEnv(), NO_COLOR: '1', ...opts.env }).filter(([, v]) => v !== undefined)) as Record<string, string>;
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [resolve(repoRoot, 'bin/tipkit.js'), ...args], {
      cwd: opts.cwd ?? repoRoot,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', fail);
    child.on('close', (code) => done({ code: code ?? -1, stdout, stderr }));
  });
}

/** This process's environment without the AWS settings of whoever runs the tests. */
export function cleanEnv(): Record<string, string> {
  return Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^AWS_/.test(k))) as Record<string, string>;
}

/** A config without the ARNs pull writes and a declared config leaves to be derived. */
export function withoutArns(config: RawConfig): RawConfig {
  const copy = structuredClone(config) as Obj;
  for (const i of copy.trustedTokenIssuers ?? []) delete i.TrustedTokenIssuerArn;
  for (const a of copy.applications ?? []) delete a.ApplicationArn;
  return copy;
}
