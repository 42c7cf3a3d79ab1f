/** serve's sso-admin control plane through the real @aws-sdk/client-sso-admin: every operation, every modelled error kind. */
import {
  CreateApplicationAssignmentCommand,
  CreateApplicationCommand,
  CreateTrustedTokenIssuerCommand,
  DeleteApplicationAccessScopeCommand,
  DeleteApplicationAssignmentCommand,
  DeleteApplicationAuthenticationMethodCommand,
  DeleteApplicationCommand,
  DeleteApplicationGrantCommand,
  DeleteTrustedTokenIssuerCommand,
  DescribeApplicationCommand,
  DescribeApplicationProviderCommand,
  DescribeTrustedTokenIssuerCommand,
  GetApplicationAccessScopeCommand,
  GetApplicationAssignmentConfigurationCommand,
  GetApplicationAuthenticationMethodCommand,
  GetApplicationGrantCommand,
  ListApplicationAccessScopesCommand,
  ListApplicationAssignmentsCommand,
  ListApplicationAuthenticationMethodsCommand,
  ListApplicationGrantsCommand,
  ListApplicationProvidersCommand,
  ListApplicationsCommand,
  ListInstancesCommand,
  ListTrustedTokenIssuersCommand,
  PutApplicationAccessScopeCommand,
  PutApplicationAssignmentConfigurationCommand,
  PutApplicationAuthenticationMethodCommand,
  PutApplicationGrantCommand,
  UpdateApplicationCommand,
  UpdateTrustedTokenIssuerCommand,
  paginateListApplications,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
import { loadServeInput } from '../../emulator/load.js';
import { applicationArn, principal, writeFixture } from '../emulator/helpers.js';
import type { Principal } from '../../simulator/types.js';
import type { TipModel } from '../../model/types.js';
import { CUSTOM_PROVIDER, adminClient, rejection, signedCall } from './helpers.js';
import { AWS_MANAGED_PROVIDERS } from '../../emulator/control-plane/sso-admin.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const ACTOR_POLICY = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Backend' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
};

let emulator: RunningEmulator;
let model: TipModel;
let backend: Principal;
let admin: SSOAdminClient;

beforeAll(async () => {
  const fixture = await writeFixture();
  const input = await loadServeInput({ scenario: fixture.scenarioFile, cwd: fixture.dir });
  model = input.model;
  backend = principal(input.scenario.principals, 'backend');
  emulator = await startEmulator({ model: input.model, scenario: input.scenario, port: 0, controlPlane: { quotas: { trustedTokenIssuers: 3 } } });
  admin = adminClient(emulator.url, backend);
});
afterAll(() => emulator?.close());

async function newApplication(name: string): Promise<string> {
  const out = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: name, ApplicationProviderArn: CUSTOM_PROVIDER }));
  return out.ApplicationArn!;
}

describe('applications', () => {
  it('lists the config\'s applications with the ARNs the config gives them', async () => {
    const out = await admin.send(new ListApplicationsCommand({ InstanceArn: INSTANCE }));
    expect(out.Applications!.map((a) => a.Name)).toEqual(['portal', 'query-app', 'data-cli']);
    const portal = out.Applications![0]!;
    expect(portal.ApplicationArn).toBe(applicationArn(model, 'portal'));
    expect(portal).toMatchObject({ ApplicationProviderArn: CUSTOM_PROVIDER, InstanceArn: INSTANCE, Status: 'ENABLED', CreatedFrom: 'us-east-1' });
    expect(portal.ApplicationAccount).toMatch(/^\d{12}$/);
    expect(portal.CreatedDate).toBeInstanceOf(Date);
  });

  it('create, describe, update, delete', async () => {
    const created = await admin.send(
      new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'reports', ApplicationProviderArn: CUSTOM_PROVIDER, Description: 'Monthly reports', Tags: [{ Key: 'team', Value: 'data' }] }),
    );
    expect(created.ApplicationArn).toMatch(/^arn:aws:sso::\d{12}:application\/ssoins-1111222233334444\/apl-[a-f0-9]{16}$/);
    expect(created.IdentityStoreArn).toMatch(/:identitystore\/d-1234567890$/);
    const arn = created.ApplicationArn!;
    expect(await admin.send(new DescribeApplicationCommand({ ApplicationArn: arn }))).toMatchObject({ Name: 'reports', Description: 'Monthly reports', Status: 'ENABLED' });

    await admin.send(new UpdateApplicationCommand({ ApplicationArn: arn, Name: 'reports-v2', Status: 'DISABLED', PortalOptions: { SignInOptions: { Origin: 'APPLICATION', ApplicationUrl: 'https://reports.example.com' } } }));
    const updated = await admin.send(new DescribeApplicationCommand({ ApplicationArn: arn }));
    expect(updated).toMatchObject({ Name: 'reports-v2', Status: 'DISABLED', PortalOptions: { SignInOptions: { Origin: 'APPLICATION', ApplicationUrl: 'https://reports.example.com' } } });

    await admin.send(new DeleteApplicationCommand({ ApplicationArn: arn }));
    const gone = await rejection(admin.send(new DescribeApplicationCommand({ ApplicationArn: arn })));
    expect(gone.name).toBe('ResourceNotFoundException');
    expect(gone.$metadata.httpStatusCode).toBe(404);
    expect(gone.message).toContain(arn);
  });

  it('a name already in use is ConflictException (409); a repeated ClientToken returns the first application, with other parameters IdempotentParameterMismatch', async () => {
    const err = await rejection(admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'portal', ApplicationProviderArn: CUSTOM_PROVIDER })));
    expect(err.name).toBe('ConflictException');
    expect(err.$metadata.httpStatusCode).toBe(409);

    const first = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'idem', ApplicationProviderArn: CUSTOM_PROVIDER, ClientToken: 'token-1' }));
    const again = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'idem', ApplicationProviderArn: CUSTOM_PROVIDER, ClientToken: 'token-1' }));
    expect(again.ApplicationArn).toBe(first.ApplicationArn);
    // The model's ClientToken doc (CreateApplication): "the retry fails with an IdempotentParameterMismatch error".
    const other = await rejection(admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'idem-2', ApplicationProviderArn: CUSTOM_PROVIDER, ClientToken: 'token-1' })));
    expect(other.name).toBe('IdempotentParameterMismatch');
    expect(other.$metadata.httpStatusCode).toBe(400);
    await admin.send(new DeleteApplicationCommand({ ApplicationArn: first.ApplicationArn }));
  });

  it('an unknown provider or instance is ResourceNotFoundException; listing another instance is AccessDeniedException', async () => {
    const provider = await rejection(admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'x', ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/nothing' })));
    expect(provider.name).toBe('ResourceNotFoundException');
    const instance = await rejection(admin.send(new CreateApplicationCommand({ InstanceArn: 'arn:aws:sso:::instance/ssoins-9999999999999999', Name: 'x', ApplicationProviderArn: CUSTOM_PROVIDER })));
    expect(instance.name).toBe('ResourceNotFoundException');
    const list = await rejection(admin.send(new ListApplicationsCommand({ InstanceArn: 'arn:aws:sso:::instance/ssoins-9999999999999999' })));
    expect(list.name).toBe('AccessDeniedException');
    expect(list.$metadata.httpStatusCode).toBe(403);
  });

  it('pages with MaxResults and NextToken (the SDK paginator follows them); a foreign NextToken is refused', async () => {
    const pages: string[][] = [];
    for await (const page of paginateListApplications({ client: admin, pageSize: 2 }, { InstanceArn: INSTANCE })) pages.push(page.Applications!.map((a) => a.Name!));
    expect(pages).toEqual([['portal', 'query-app'], ['data-cli']]);
    const first = await admin.send(new ListApplicationsCommand({ InstanceArn: INSTANCE, MaxResults: 1 }));
    expect(first.NextToken).toEqual(expect.any(String));
    const foreign = await rejection(admin.send(new ListTrustedTokenIssuersCommand({ InstanceArn: INSTANCE, NextToken: first.NextToken })));
    expect(foreign.name).toBe('ValidationException');
    const bogus = await rejection(admin.send(new ListApplicationsCommand({ InstanceArn: INSTANCE, NextToken: 'bm90LWEtdG9rZW4' })));
    expect(bogus.name).toBe('ValidationException');
  });

  it('filters by provider and account', async () => {
    const out = await admin.send(new ListApplicationsCommand({ InstanceArn: INSTANCE, Filter: { ApplicationProvider: 'arn:aws:sso::aws:applicationProvider/other' } }));
    expect(out.Applications).toEqual([]);
    const account = (await admin.send(new ListApplicationsCommand({ InstanceArn: INSTANCE }))).Applications![0]!.ApplicationAccount!;
    const same = await admin.send(new ListApplicationsCommand({ InstanceArn: INSTANCE, Filter: { ApplicationAccount: account } }));
    expect(same.Applications!.length).toBe(3);
  });
});

describe('grants', () => {
  it('put, get, list, replace, delete', async () => {
    const arn = await newApplication('grants-app');
    const grant = { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: model.issuers[0]!.arn, AuthorizedAudiences: ['aud-1'] }] } };
    await admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: JWT_BEARER, Grant: grant }));
    expect((await admin.send(new GetApplicationGrantCommand({ ApplicationArn: arn, GrantType: JWT_BEARER }))).Grant).toEqual(grant);

    await admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: ['https://app.example.com/cb'] } } }));
    const replaced = { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: model.issuers[0]!.arn, AuthorizedAudiences: ['aud-2'] }] } };
    await admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: JWT_BEARER, Grant: replaced }));
    const list = await admin.send(new ListApplicationGrantsCommand({ ApplicationArn: arn }));
    expect(list.Grants).toEqual([
      { GrantType: JWT_BEARER, Grant: replaced },
      { GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: ['https://app.example.com/cb'] } } },
    ]);

    await admin.send(new DeleteApplicationGrantCommand({ ApplicationArn: arn, GrantType: JWT_BEARER }));
    const missing = await rejection(admin.send(new GetApplicationGrantCommand({ ApplicationArn: arn, GrantType: JWT_BEARER })));
    expect(missing.name).toBe('ResourceNotFoundException');
    // DeleteApplicationGrant is marked idempotent in the sso-admin model: deleting it again succeeds.
    await admin.send(new DeleteApplicationGrantCommand({ ApplicationArn: arn, GrantType: JWT_BEARER }));
    const unknownApp = await rejection(admin.send(new DeleteApplicationGrantCommand({ ApplicationArn: arn.replace(/apl-\w{16}$/, 'apl-0000000000000000'), GrantType: JWT_BEARER })));
    expect(unknownApp.name).toBe('ResourceNotFoundException');
  });

  it('reads the config\'s grants with issuer references as ARNs', async () => {
    const out = await admin.send(new GetApplicationGrantCommand({ ApplicationArn: applicationArn(model, 'portal'), GrantType: JWT_BEARER }));
    expect(out.Grant).toEqual({ JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: model.issuers[0]!.arn, AuthorizedAudiences: ['portal-aud'] }] } });
  });

  it('a grant on an unknown application is ResourceNotFoundException', async () => {
    const err = await rejection(
      admin.send(new PutApplicationGrantCommand({ ApplicationArn: 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0000000000000000', GrantType: 'refresh_token', Grant: { RefreshToken: {} } })),
    );
    expect(err.name).toBe('ResourceNotFoundException');
  });
});

describe('validation (the service\'s messages, from the model\'s constraints)', () => {
  it('a malformed ARN: pattern and length, in one message', async () => {
    const err = await rejection(admin.send(new DescribeApplicationCommand({ ApplicationArn: 'portal' })));
    expect(err.name).toBe('ValidationException');
    expect(err.$metadata.httpStatusCode).toBe(400);
    expect(err.message).toBe(
      "2 validation errors detected: Value at 'applicationArn' failed to satisfy constraint: Member must have length greater than or equal to 10; " +
        "Value at 'applicationArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:aws(-[a-z]{1,5}){0,3}:sso::\\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16}",
    );
  });

  it('enum, union, nested list size and required members', async () => {
    const arn = applicationArn(model, 'query-app');
    const badEnum = await rejection(admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: 'password' as never, Grant: { RefreshToken: {} } })));
    expect(badEnum.message).toBe(
      "1 validation error detected: Value at 'grantType' failed to satisfy constraint: Member must satisfy enum value set: [authorization_code, refresh_token, urn:ietf:params:oauth:grant-type:jwt-bearer, urn:ietf:params:oauth:grant-type:token-exchange]",
    );
    const twoMembers = await rejection(admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: 'refresh_token', Grant: { RefreshToken: {}, TokenExchange: {} } as never })));
    expect(twoMembers.message).toBe("1 validation error detected: Value at 'grant' failed to satisfy constraint: Member must have exactly one of its members set: [AuthorizationCode, JwtBearer, RefreshToken, TokenExchange]");
    const mismatch = await rejection(admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: 'refresh_token', Grant: { TokenExchange: {} } })));
    expect(mismatch.name).toBe('ValidationException');
    expect(mismatch.message).toContain('refresh_token takes the RefreshToken member');
    const noIssuers = await rejection(admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: JWT_BEARER, Grant: { JwtBearer: { AuthorizedTokenIssuers: [] } } })));
    expect(noIssuers.message).toBe("1 validation error detected: Value at 'grant.jwtBearer.authorizedTokenIssuers' failed to satisfy constraint: Member must have length greater than or equal to 1");
    const badAudience = await rejection(
      admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: JWT_BEARER, Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: 'okta', AuthorizedAudiences: ['a'] }] } } })),
    );
    expect(badAudience.message).toContain("Value at 'grant.jwtBearer.authorizedTokenIssuers.1.member.trustedTokenIssuerArn' failed to satisfy constraint: Member must satisfy regular expression pattern");
    const missing = await rejection(admin.send(new PutApplicationGrantCommand({ ApplicationArn: arn } as never)));
    expect(missing.message).toBe(
      "2 validation errors detected: Value null at 'grantType' failed to satisfy constraint: Member must not be null; Value null at 'grant' failed to satisfy constraint: Member must not be null",
    );
  });

  it('ranges and lengths: MaxResults, a 129-character Description, a scope with a hyphen', async () => {
    const big = await rejection(admin.send(new ListApplicationsCommand({ InstanceArn: INSTANCE, MaxResults: 101 })));
    expect(big.message).toBe("1 validation error detected: Value at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 100");
    const long = await rejection(admin.send(new UpdateApplicationCommand({ ApplicationArn: applicationArn(model, 'portal'), Description: 'x'.repeat(129) })));
    expect(long.message).toBe("1 validation error detected: Value at 'description' failed to satisfy constraint: Member must have length less than or equal to 128");
    const scope = await rejection(admin.send(new PutApplicationAccessScopeCommand({ ApplicationArn: applicationArn(model, 'portal'), Scope: 'redshift:read-only' })));
    expect(scope.message).toContain("Value at 'scope' failed to satisfy constraint: Member must satisfy regular expression pattern");
  });

  it('a member of the wrong JSON type is SerializationException; a wrong content type too; an unknown target is UnknownOperationException', async () => {
    const typed = await signedCall(emulator.url, backend, 'SWBExternalService.ListApplications', JSON.stringify({ InstanceArn: INSTANCE, MaxResults: 'ten' }));
    expect(typed.status).toBe(400);
    expect(typed.errorType).toBe('SerializationException');
    expect(typed.body.__type).toBe('SerializationException');
    const contentType = await signedCall(emulator.url, backend, 'SWBExternalService.ListInstances', '{}', { contentType: 'application/json' });
    expect(contentType.errorType).toBe('SerializationException');
    const unknown = await signedCall(emulator.url, backend, 'SWBExternalService.CreatePermissionSet', '{}');
    expect(unknown.status).toBe(400);
    expect(unknown.errorType).toBe('UnknownOperationException');
    const ok = await signedCall(emulator.url, backend, 'SWBExternalService.ListInstances', '{}');
    expect(ok.status).toBe(200);
    expect(ok.body.Instances).toHaveLength(1);
  });

  it('the error body carries __type and Message as AWS JSON clients read them', async () => {
    const res = await signedCall(emulator.url, backend, 'SWBExternalService.DescribeApplication', JSON.stringify({ ApplicationArn: 'arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-0000000000000000' }));
    expect(res.status).toBe(404);
    expect(res.errorType).toBe('ResourceNotFoundException');
    expect(res.body).toEqual({ __type: 'ResourceNotFoundException', Message: expect.stringContaining('does not exist') });
  });
});

describe('authentication methods, access scopes, assignments', () => {
  it('authentication methods: put, get, list, delete', async () => {
    const arn = await newApplication('methods-app');
    await admin.send(new PutApplicationAuthenticationMethodCommand({ ApplicationArn: arn, AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: ACTOR_POLICY } } }));
    expect((await admin.send(new GetApplicationAuthenticationMethodCommand({ ApplicationArn: arn, AuthenticationMethodType: 'IAM' }))).AuthenticationMethod).toEqual({ Iam: { ActorPolicy: ACTOR_POLICY } });
    expect((await admin.send(new ListApplicationAuthenticationMethodsCommand({ ApplicationArn: arn }))).AuthenticationMethods).toEqual([
      { AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: ACTOR_POLICY } } },
    ]);
    await admin.send(new DeleteApplicationAuthenticationMethodCommand({ ApplicationArn: arn, AuthenticationMethodType: 'IAM' }));
    expect((await rejection(admin.send(new GetApplicationAuthenticationMethodCommand({ ApplicationArn: arn, AuthenticationMethodType: 'IAM' })))).name).toBe('ResourceNotFoundException');
    const noPolicy = await rejection(admin.send(new PutApplicationAuthenticationMethodCommand({ ApplicationArn: arn, AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: {} as never } })));
    expect(noPolicy.message).toBe("1 validation error detected: Value null at 'authenticationMethod.iam.actorPolicy' failed to satisfy constraint: Member must not be null");
  });

  it('access scopes: put, get, list in pages of at most 10, delete', async () => {
    const arn = await newApplication('scopes-app');
    const target = applicationArn(model, 'query-app');
    for (const scope of ['redshift:connect', 's3:access_grants:read_write', 'lakeformation:query'])
      await admin.send(new PutApplicationAccessScopeCommand({ ApplicationArn: arn, Scope: scope, AuthorizedTargets: scope === 'redshift:connect' ? [target] : undefined }));
    expect(await admin.send(new GetApplicationAccessScopeCommand({ ApplicationArn: arn, Scope: 'redshift:connect' }))).toMatchObject({ Scope: 'redshift:connect', AuthorizedTargets: [target] });
    const first = await admin.send(new ListApplicationAccessScopesCommand({ ApplicationArn: arn, MaxResults: 2 }));
    expect(first.Scopes!.map((s) => s.Scope)).toEqual(['redshift:connect', 's3:access_grants:read_write']);
    const second = await admin.send(new ListApplicationAccessScopesCommand({ ApplicationArn: arn, MaxResults: 2, NextToken: first.NextToken }));
    expect(second.Scopes!.map((s) => s.Scope)).toEqual(['lakeformation:query']);
    expect(second.NextToken).toBeUndefined();
    const eleven = await rejection(admin.send(new ListApplicationAccessScopesCommand({ ApplicationArn: arn, MaxResults: 11 })));
    expect(eleven.message).toContain('Member must have value less than or equal to 10');
    await admin.send(new DeleteApplicationAccessScopeCommand({ ApplicationArn: arn, Scope: 'lakeformation:query' }));
    expect((await rejection(admin.send(new GetApplicationAccessScopeCommand({ ApplicationArn: arn, Scope: 'lakeformation:query' })))).name).toBe('ResourceNotFoundException');
  });

  it('assignment configuration and assignments (identity-store ids; the config\'s group name became its id)', async () => {
    const portal = applicationArn(model, 'portal');
    expect((await admin.send(new GetApplicationAssignmentConfigurationCommand({ ApplicationArn: portal }))).AssignmentRequired).toBe(true);
    expect((await admin.send(new ListApplicationAssignmentsCommand({ ApplicationArn: portal }))).ApplicationAssignments).toEqual([
      { ApplicationArn: portal, PrincipalType: 'GROUP', PrincipalId: 'g-analysts' },
    ]);

    const arn = await newApplication('assign-app');
    await admin.send(new PutApplicationAssignmentConfigurationCommand({ ApplicationArn: arn, AssignmentRequired: false }));
    expect((await admin.send(new GetApplicationAssignmentConfigurationCommand({ ApplicationArn: arn }))).AssignmentRequired).toBe(false);
    await admin.send(new CreateApplicationAssignmentCommand({ ApplicationArn: arn, PrincipalType: 'USER', PrincipalId: '906764-alice' }));
    const twice = await rejection(admin.send(new CreateApplicationAssignmentCommand({ ApplicationArn: arn, PrincipalType: 'USER', PrincipalId: '906764-alice' })));
    expect(twice.name).toBe('ConflictException');
    const nobody = await rejection(admin.send(new CreateApplicationAssignmentCommand({ ApplicationArn: arn, PrincipalType: 'USER', PrincipalId: 'a1b2c3d4e5-11111111-2222-3333-4444-555555555555' })));
    expect(nobody.name).toBe('ResourceNotFoundException');
    const malformed = await rejection(admin.send(new CreateApplicationAssignmentCommand({ ApplicationArn: arn, PrincipalType: 'USER', PrincipalId: 'alice' })));
    expect(malformed.name).toBe('ValidationException');
    expect((await admin.send(new ListApplicationAssignmentsCommand({ ApplicationArn: arn }))).ApplicationAssignments).toEqual([{ ApplicationArn: arn, PrincipalType: 'USER', PrincipalId: '906764-alice' }]);
    await admin.send(new DeleteApplicationAssignmentCommand({ ApplicationArn: arn, PrincipalType: 'USER', PrincipalId: '906764-alice' }));
    expect((await admin.send(new ListApplicationAssignmentsCommand({ ApplicationArn: arn }))).ApplicationAssignments).toEqual([]);
    expect((await rejection(admin.send(new DeleteApplicationAssignmentCommand({ ApplicationArn: arn, PrincipalType: 'USER', PrincipalId: '906764-alice' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('trusted token issuers, instances, providers', () => {
  const oidc = (url: string) => ({ OidcJwtConfiguration: { IssuerUrl: url, ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY' as const } });

  it('create, describe, list, update (not the IssuerUrl), delete; a quota beyond which ServiceQuotaExceededException', async () => {
    const created = await admin.send(new CreateTrustedTokenIssuerCommand({ InstanceArn: INSTANCE, Name: 'okta', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: oidc('https://okta.example.com') }));
    const arn = created.TrustedTokenIssuerArn!;
    expect(arn).toMatch(/:trustedTokenIssuer\/ssoins-1111222233334444\/tti-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}$/);
    expect(await admin.send(new DescribeTrustedTokenIssuerCommand({ TrustedTokenIssuerArn: arn }))).toMatchObject({ Name: 'okta', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: oidc('https://okta.example.com') });
    const names = (await admin.send(new ListTrustedTokenIssuersCommand({ InstanceArn: INSTANCE }))).TrustedTokenIssuers!.map((i) => i.Name);
    expect(names).toEqual(['corp-idp', 'okta']);

    await admin.send(new UpdateTrustedTokenIssuerCommand({ TrustedTokenIssuerArn: arn, Name: 'okta-prod', TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { ClaimAttributePath: 'sub' } } }));
    const updated = await admin.send(new DescribeTrustedTokenIssuerCommand({ TrustedTokenIssuerArn: arn }));
    expect(updated.Name).toBe('okta-prod');
    expect(updated.TrustedTokenIssuerConfiguration).toEqual({ OidcJwtConfiguration: { ...oidc('https://okta.example.com').OidcJwtConfiguration, ClaimAttributePath: 'sub' } });

    const sameName = await rejection(admin.send(new CreateTrustedTokenIssuerCommand({ InstanceArn: INSTANCE, Name: 'corp-idp', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: oidc('https://other.example.com') })));
    expect(sameName.name).toBe('ConflictException');
    const sameUrl = await rejection(admin.send(new CreateTrustedTokenIssuerCommand({ InstanceArn: INSTANCE, Name: 'again', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: oidc('https://idp.example.com') })));
    expect(sameUrl.name).toBe('ConflictException');

    await admin.send(new CreateTrustedTokenIssuerCommand({ InstanceArn: INSTANCE, Name: 'third', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: oidc('https://third.example.com') }));
    const quota = await rejection(admin.send(new CreateTrustedTokenIssuerCommand({ InstanceArn: INSTANCE, Name: 'fourth', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: oidc('https://fourth.example.com') })));
    expect(quota.name).toBe('ServiceQuotaExceededException');
    expect(quota.$metadata.httpStatusCode).toBe(402);

    await admin.send(new DeleteTrustedTokenIssuerCommand({ TrustedTokenIssuerArn: arn }));
    expect((await rejection(admin.send(new DescribeTrustedTokenIssuerCommand({ TrustedTokenIssuerArn: arn })))).name).toBe('ResourceNotFoundException');
  });

  it('an issuer configuration missing a required member, and the union left empty', async () => {
    const partial = await rejection(
      admin.send(new CreateTrustedTokenIssuerCommand({ InstanceArn: INSTANCE, Name: 'partial', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { IssuerUrl: 'https://p.example.com' } as never } })),
    );
    expect(partial.message).toMatch(/^3 validation errors detected: Value null at 'trustedTokenIssuerConfiguration\.oidcJwtConfiguration\.claimAttributePath'/);
    const empty = await rejection(admin.send(new CreateTrustedTokenIssuerCommand({ InstanceArn: INSTANCE, Name: 'empty', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: {} as never })));
    expect(empty.message).toBe("1 validation error detected: Value at 'trustedTokenIssuerConfiguration' failed to satisfy constraint: Member must have exactly one of its members set: [OidcJwtConfiguration]");
  });

  it('ListInstances, ListApplicationProviders, DescribeApplicationProvider', async () => {
    const instances = await admin.send(new ListInstancesCommand({}));
    expect(instances.Instances).toEqual([expect.objectContaining({ InstanceArn: INSTANCE, IdentityStoreId: 'd-1234567890', Status: 'ACTIVE', PrimaryRegion: 'us-east-1' })]);
    expect(instances.Instances![0]!.OwnerAccountId).toMatch(/^\d{12}$/);
    const providers = await admin.send(new ListApplicationProvidersCommand({}));
    expect(providers.ApplicationProviders!.map((p) => p.ApplicationProviderArn)).toEqual([CUSTOM_PROVIDER, ...AWS_MANAGED_PROVIDERS]);
    expect(await admin.send(new DescribeApplicationProviderCommand({ ApplicationProviderArn: CUSTOM_PROVIDER }))).toMatchObject({ FederationProtocol: 'OAUTH' });
    // The AWS managed providers are known (no application of the config uses them), though CreateApplication refuses them.
    expect(await admin.send(new DescribeApplicationProviderCommand({ ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/redshift' }))).toMatchObject({
      ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/redshift',
      DisplayData: { DisplayName: 'redshift' },
    });
    expect((await rejection(admin.send(new DescribeApplicationProviderCommand({ ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/nothing' })))).name).toBe('ResourceNotFoundException');
  });
});

describe('callers', () => {
  // Refused at AWS's front end before the service sees the call, as on the SSO OIDC side (issue 12.8).
  it('an unknown access key is UnrecognizedClientException, a wrong secret or a signature for another service InvalidSignatureException (403)', async () => {
    const stranger = adminClient(emulator.url, { name: 'x', arn: 'arn:aws:iam::111122223333:role/X', accessKeyId: 'AKIDSTRANGER', secretAccessKey: 's' });
    const err = await rejection(stranger.send(new ListInstancesCommand({})));
    expect(err.name).toBe('UnrecognizedClientException');
    expect(err.$metadata.httpStatusCode).toBe(403);
    const wrongSecret = adminClient(emulator.url, { ...backend, secretAccessKey: 'not-the-secret' });
    const mismatch = await rejection(wrongSecret.send(new ListInstancesCommand({})));
    expect(mismatch.name).toBe('InvalidSignatureException');
    expect(mismatch.message).toContain('signature');
    const otherService = await signedCall(emulator.url, backend, 'SWBExternalService.ListInstances', '{}', { service: 'sso-oauth' });
    expect(otherService.status).toBe(403);
    expect(otherService.body.__type).toBe('InvalidSignatureException');
    expect(String(otherService.body.message)).toContain("'sso'");
  });
});
