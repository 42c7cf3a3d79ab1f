/**
 * The control plane's state: the SSO OIDC side decides from it as it is now (an application deployed through
 * sso-admin can be exchanged against at once), `--state FILE` keeps it across restarts, throttling.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CreateApplicationCommand,
  DeleteApplicationGrantCommand,
  DescribeApplicationCommand,
  GetApplicationGrantCommand,
  ListApplicationAccessScopesCommand,
  ListApplicationGrantsCommand,
  ListApplicationProvidersCommand,
  ListApplicationsCommand,
  ListInstancesCommand,
  PutApplicationAccessScopeCommand,
  PutApplicationAssignmentConfigurationCommand,
  PutApplicationAuthenticationMethodCommand,
  PutApplicationGrantCommand,
} from '@aws-sdk/client-sso-admin';
import { CreateTokenWithIAMCommand } from '@aws-sdk/client-sso-oidc';
import { afterEach, describe, expect, it } from 'vitest';
import { startServe } from '../../emulator/start.js';
import { InputError } from '../../model/errors.js';
import { applicationArn, idpToken, oidcClient, principal, writeFixture } from '../emulator/helpers.js';
import { CUSTOM_PROVIDER, adminClient, rejection } from './helpers.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';

const running: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const r of running.splice(0)) await r.close();
});

async function start(fixture: Awaited<ReturnType<typeof writeFixture>>, opts: Omit<Parameters<typeof startServe>[0], 'scenario'> = {}) {
  const serve = await startServe({ scenario: fixture.scenarioFile, cwd: fixture.dir, ...opts });
  running.push(serve);
  const backend = principal(serve.input.scenario.principals, 'backend');
  return { serve, backend, admin: adminClient(serve.url, backend), oidc: oidcClient(serve.url, backend) };
}

describe('the SSO OIDC side decides from the current state', () => {
  it('an application created through sso-admin with a token-exchange grant is exchanged against at once, and no longer once its grant is deleted', async () => {
    const fixture = await writeFixture();
    const { serve, admin, oidc } = await start(fixture);
    const portal = applicationArn(serve.input.model, 'portal');

    // The user signs in to portal (jwt-bearer); its access token carries redshift:connect.
    const assertion = await idpToken(fixture, { email: 'alice@example.com', aud: 'portal-aud' });
    const login = await oidc.send(new CreateTokenWithIAMCommand({ clientId: portal, grantType: JWT_BEARER, assertion }));
    const exchange = (clientId: string) =>
      oidc.send(new CreateTokenWithIAMCommand({ clientId, grantType: TOKEN_EXCHANGE, subjectToken: login.accessToken, subjectTokenType: ACCESS_TOKEN_TYPE }));
    expect((await rejection(exchange('ledger'))).name).toBe('InvalidClientException');

    // Deploy `ledger` through sso-admin.
    const { ApplicationArn: ledger } = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'ledger', ApplicationProviderArn: CUSTOM_PROVIDER }));
    await admin.send(new PutApplicationGrantCommand({ ApplicationArn: ledger, GrantType: TOKEN_EXCHANGE, Grant: { TokenExchange: {} } }));
    await admin.send(
      new PutApplicationAuthenticationMethodCommand({
        ApplicationArn: ledger,
        AuthenticationMethodType: 'IAM',
        AuthenticationMethod: {
          Iam: { ActorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Backend' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } },
        },
      }),
    );
    await admin.send(new PutApplicationAssignmentConfigurationCommand({ ApplicationArn: ledger, AssignmentRequired: false }));
    // Not yet a target of portal's scope: the exchange is refused by the access-scope check.
    const notTargeted = await rejection(exchange(ledger!));
    expect(notTargeted.name).toBe('InvalidGrantException');

    await admin.send(new PutApplicationAccessScopeCommand({ ApplicationArn: portal, Scope: 'redshift:connect', AuthorizedTargets: [applicationArn(serve.input.model, 'query-app'), ledger!] }));
    const exchanged = await exchange(ledger!);
    expect(exchanged.accessToken).toEqual(expect.any(String));
    expect(exchanged.issuedTokenType).toBe(ACCESS_TOKEN_TYPE);
    // On the wire the clientId is the application ARN (sso-oidc model, clientId: "This value is an application ARN"):
    // the Name of the new application is refused as an unknown client, naming the ARN to send.
    const byName = await rejection(exchange('ledger'));
    expect(byName.name).toBe('InvalidClientException');

    await admin.send(new DeleteApplicationGrantCommand({ ApplicationArn: ledger, GrantType: TOKEN_EXCHANGE }));
    expect((await rejection(exchange(ledger!))).name).toBe('UnauthorizedClientException');
    expect(serve.controlPlane.model().index.applicationByName.get('ledger')?.grants).toEqual([]);
  });
});

describe('--state FILE', () => {
  it('is written atomically after each change and read back on restart, where it wins over the config', async () => {
    const fixture = await writeFixture();
    const stateFile = join(fixture.dir, 'state.json');
    const first = await start(fixture, { stateFile });
    expect(JSON.parse(readFileSync(stateFile, 'utf8')).applications.map((a: { Name: string }) => a.Name)).toEqual(['portal', 'query-app', 'data-cli']);
    const { ApplicationArn: arn } = await first.admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'persisted', ApplicationProviderArn: CUSTOM_PROVIDER, Description: 'kept' }));
    await first.admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: 'refresh_token', Grant: { RefreshToken: {} } }));
    const saved = JSON.parse(readFileSync(stateFile, 'utf8'));
    expect(saved.applications.at(-1)).toMatchObject({ Name: 'persisted', ApplicationArn: arn, Grants: [{ GrantType: 'refresh_token', Grant: { RefreshToken: {} } }] });
    expect(first.serve.controlPlane.snapshot()).toEqual(saved);
    // No temporary file is left beside it.
    expect(readdirSync(fixture.dir).filter((f) => f.includes('state'))).toEqual(['state.json']);
    await first.serve.close();
    running.length = 0;

    // The config loses data-cli; the state file still holds it and the new application.
    writeFileSync(fixture.configFile, readFileSync(fixture.configFile, 'utf8').replace(/  - Name: data-cli[\s\S]*$/, ''));
    const second = await start(fixture, { stateFile });
    const names = (await second.admin.send(new ListApplicationsCommand({ InstanceArn: INSTANCE }))).Applications!.map((a) => a.Name);
    expect(names).toEqual(['portal', 'query-app', 'data-cli', 'persisted']);
    expect(await second.admin.send(new DescribeApplicationCommand({ ApplicationArn: arn }))).toMatchObject({ Description: 'kept' });
    expect(second.serve.controlPlane.model().index.applicationByName.get('persisted')?.grants.map((g) => g.grantType)).toEqual(['refresh_token']);
  });

  it('a state file that is not one is refused with its name (exit 2 from the CLI)', async () => {
    const fixture = await writeFixture();
    const stateFile = join(fixture.dir, 'state.json');
    writeFileSync(stateFile, '{"version": 2}');
    const err = await startServe({ scenario: fixture.scenarioFile, cwd: fixture.dir, stateFile }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InputError);
    expect((err as InputError).format()).toBe(`${stateFile}: not a tipkit serve state file: version must be 1 (got 2)`);
    writeFileSync(stateFile, 'not json');
    expect(((await startServe({ scenario: fixture.scenarioFile, cwd: fixture.dir, stateFile }).catch((e: unknown) => e)) as InputError).message).toContain('cannot read the control-plane state');
  });

  it('a change whose state file cannot be written is InternalServerException (500) and is not applied', async () => {
    const fixture = await writeFixture();
    const stateDir = join(fixture.dir, 'state');
    mkdirSync(stateDir);
    const { serve, admin } = await start(fixture, { stateFile: join(stateDir, 'state.json') });
    rmSync(stateDir, { recursive: true });
    const err = await rejection(admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'unsaved', ApplicationProviderArn: CUSTOM_PROVIDER })));
    expect(err.name).toBe('InternalServerException');
    expect(err.$metadata.httpStatusCode).toBe(500);
    expect(serve.controlPlane.snapshot().applications.map((a) => a.Name)).not.toContain('unsaved');
    expect(serve.controlPlane.model().index.applicationByName.has('unsaved')).toBe(false);
  });

  it('without --state nothing is written', async () => {
    const fixture = await writeFixture();
    const { admin } = await start(fixture);
    await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'ephemeral', ApplicationProviderArn: CUSTOM_PROVIDER }));
    expect(existsSync(join(fixture.dir, 'state.json'))).toBe(false);
  });
});

describe('AWS-managed applications', () => {
  it('are listed, and their provider known, but their grants belong to the service that manages them (AccessDeniedException)', async () => {
    const fixture = await writeFixture({
      config: (t) => `${t}\n  - Name: warehouse\n    ApplicationProviderArn: arn:aws:sso::aws:applicationProvider/redshift\n    Grants:\n      - GrantType: urn:ietf:params:oauth:grant-type:token-exchange\n        Grant: { TokenExchange: {} }\n`,
    });
    const { serve, admin } = await start(fixture);
    const warehouse = applicationArn(serve.input.model, 'warehouse');
    const apps = (await admin.send(new ListApplicationsCommand({ InstanceArn: INSTANCE, Filter: { ApplicationProvider: 'arn:aws:sso::aws:applicationProvider/redshift' } }))).Applications!;
    expect(apps.map((a) => a.Name)).toEqual(['warehouse']);
    const providers = (await admin.send(new ListApplicationProvidersCommand({}))).ApplicationProviders!.map((p) => p.ApplicationProviderArn);
    expect(providers[0]).toBe(CUSTOM_PROVIDER);
    expect(providers).toContain('arn:aws:sso::aws:applicationProvider/redshift');
    for (const call of [
      admin.send(new ListApplicationGrantsCommand({ ApplicationArn: warehouse })),
      admin.send(new GetApplicationGrantCommand({ ApplicationArn: warehouse, GrantType: TOKEN_EXCHANGE })),
      admin.send(new PutApplicationGrantCommand({ ApplicationArn: warehouse, GrantType: 'refresh_token', Grant: { RefreshToken: {} } })),
    ]) {
      const err = await rejection(call);
      expect(err.name).toBe('AccessDeniedException');
      expect(err.message).toContain('managed by AWS');
    }
    // Its access scopes stay readable; the simulator still holds its grant from the config.
    expect((await admin.send(new ListApplicationAccessScopesCommand({ ApplicationArn: warehouse }))).Scopes).toEqual([]);
    expect(serve.controlPlane.model().index.applicationByName.get('warehouse')?.grants.map((g) => g.grantType)).toEqual([TOKEN_EXCHANGE]);
  });
});

describe('throttling', () => {
  it('beyond the rate, ThrottlingException (429) per caller', async () => {
    const fixture = await writeFixture();
    const { serve, admin } = await start(fixture, { throttle: { ratePerSecond: 0.001, burst: 2 } });
    await admin.send(new ListInstancesCommand({}));
    await admin.send(new ListInstancesCommand({}));
    const err = await rejection(admin.send(new ListInstancesCommand({})));
    expect(err.name).toBe('ThrottlingException');
    expect(err.$metadata.httpStatusCode).toBe(429);
    // Another caller has its own bucket.
    const intruder = adminClient(serve.url, principal(serve.input.scenario.principals, 'intruder'));
    expect((await intruder.send(new ListInstancesCommand({}))).Instances).toHaveLength(1);
  });
});
