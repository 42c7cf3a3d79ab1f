// The constructs: what they synthesize, what collectConfig() reads back from them, and the TipkitChecks aspect.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { App, Aspects, TerraformStack, Testing, TerraformVariable } from 'cdktf';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import {
  ApplicationAccessScope,
  ApplicationAuthenticationMethod,
  ApplicationGrant,
  IdentityCenterApplication,
  TipkitChecks,
  TipkitConstructError,
  TrustedTokenIssuer,
  collectConfig,
} from '../../constructs/index.js';
import { loadConfigFile } from '../../inputs/load.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const STORE = 'd-9067642ac7';
const GROUP_ID = '9067642ac7-1234abcd-12ab-34cd-56ef-1234567890ab';
const EXTERNAL_ISSUER = 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-12345678-1234-1234-1234-123456789012';

const outdirs: string[] = [];
afterAll(() => outdirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function newStack(region = 'us-east-1'): { app: App; stack: TerraformStack } {
  const outdir = mkdtempSync(join(tmpdir(), 'tipkit-constructs-'));
  outdirs.push(outdir);
  const app = new App({ outdir, stackTraces: false });
  const stack = new TerraformStack(app, 'test');
  new AwsProvider(stack, 'aws', { region });
  return { app, stack };
}

type TfJson = { resource: Record<string, Record<string, Record<string, any>>>; data?: Record<string, Record<string, Record<string, any>>> };
const synth = (stack: TerraformStack): TfJson => JSON.parse(Testing.synth(stack)) as TfJson;

function issuer(stack: TerraformStack, name = 'okta'): TrustedTokenIssuer {
  return new TrustedTokenIssuer(stack, name, {
    instanceArn: INSTANCE,
    name,
    trustedTokenIssuerConfiguration: {
      oidcJwtConfiguration: { issuerUrl: 'https://idp.example.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' },
    },
  });
}

const actorPolicy = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Backend' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*', Condition: { StringEquals: { 'aws:PrincipalTag/team': 'data' } } }],
};

describe('IdentityCenterApplication', () => {
  it('declares the application, its assignment configuration (default true) and assignments by id without lookups', () => {
    const { stack } = newStack();
    new IdentityCenterApplication(stack, 'web', { instanceArn: INSTANCE, name: 'web', assignments: [{ principalType: 'GROUP', principalId: GROUP_ID }] });
    const tf = synth(stack);
    expect(tf.resource.aws_ssoadmin_application!.web).toMatchObject({
      name: 'web',
      instance_arn: INSTANCE,
      application_provider_arn: 'arn:aws:sso::aws:applicationProvider/custom',
    });
    const [config] = Object.values(tf.resource.aws_ssoadmin_application_assignment_configuration!);
    expect(config).toEqual({ application_arn: '${aws_ssoadmin_application.web.application_arn}', assignment_required: true });
    const [assignment] = Object.values(tf.resource.aws_ssoadmin_application_assignment!);
    expect(assignment).toEqual({ application_arn: '${aws_ssoadmin_application.web.application_arn}', principal_id: GROUP_ID, principal_type: 'GROUP' });
    expect(tf.data).toBeUndefined();
  });

  it('resolves a group DisplayName and a UserName with identitystore data sources', () => {
    const { stack } = newStack();
    new IdentityCenterApplication(stack, 'web', {
      instanceArn: INSTANCE,
      name: 'web',
      identityStoreId: STORE,
      assignmentRequired: false,
      assignments: [
        { principalType: 'GROUP', principalId: 'analysts' },
        { principalType: 'USER', principalId: 'carol' },
      ],
    });
    const tf = synth(stack);
    const [[groupKey, group]] = Object.entries(tf.data!.aws_identitystore_group!);
    const [[userKey, user]] = Object.entries(tf.data!.aws_identitystore_user!);
    expect(group).toEqual({ identity_store_id: STORE, alternate_identifier: { unique_attribute: { attribute_path: 'DisplayName', attribute_value: 'analysts' } } });
    expect(user).toEqual({ identity_store_id: STORE, alternate_identifier: { unique_attribute: { attribute_path: 'UserName', attribute_value: 'carol' } } });
    const ids = Object.values(tf.resource.aws_ssoadmin_application_assignment!).map((a) => a.principal_id);
    expect(ids).toEqual([`\${data.aws_identitystore_group.${groupKey}.group_id}`, `\${data.aws_identitystore_user.${userKey}.user_id}`]);
    expect(Object.values(tf.resource.aws_ssoadmin_application_assignment_configuration!)[0]!.assignment_required).toBe(false);
  });

  it('refuses a principal name without an identity store to look it up in', () => {
    const { stack } = newStack();
    expect(() => new IdentityCenterApplication(stack, 'web', { instanceArn: INSTANCE, name: 'web', assignments: [{ principalType: 'USER', principalId: 'carol' }] })).toThrow(
      TipkitConstructError,
    );
  });
});

describe('ApplicationGrant and ApplicationAuthenticationMethod', () => {
  it('synthesize terraform_data resources that put and delete the exact request with the AWS CLI', () => {
    const { stack } = newStack('eu-west-1');
    const okta = issuer(stack);
    const app = new IdentityCenterApplication(stack, 'web', { instanceArn: INSTANCE, name: 'web' });
    new ApplicationGrant(stack, 'jwt', {
      application: app,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: okta, authorizedAudiences: ['aud-1'] }, { trustedTokenIssuerArn: EXTERNAL_ISSUER, authorizedAudiences: ['aud-2'] }] } },
    });
    new ApplicationGrant(stack, 'refresh', { application: app, grantType: 'refresh_token' });
    new ApplicationAuthenticationMethod(stack, 'iam', { application: app, authenticationMethod: { iam: { actorPolicy } } });
    const data = synth(stack).resource.terraform_data!;

    expect(data.jwt!.input).toEqual({
      tipkit: 'PutApplicationGrant',
      region: 'eu-west-1',
      request: {
        ApplicationArn: '${aws_ssoadmin_application.web.application_arn}',
        GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        Grant: {
          JwtBearer: {
            AuthorizedTokenIssuers: [
              { TrustedTokenIssuerArn: '${aws_ssoadmin_trusted_token_issuer.okta.arn}', AuthorizedAudiences: ['aud-1'] },
              { TrustedTokenIssuerArn: EXTERNAL_ISSUER, AuthorizedAudiences: ['aud-2'] },
            ],
          },
        },
      },
    });
    expect(data.jwt!.triggers_replace).toEqual(data.jwt!.input);
    const [put, del] = data.jwt!.provisioner as { 'local-exec': Record<string, any> }[];
    expect(put!['local-exec']).toEqual({
      command: 'aws sso-admin put-application-grant --region "$AWS_REGION" --cli-input-json "$TIPKIT_REQUEST"',
      environment: { AWS_REGION: '${self.input.region}', TIPKIT_REQUEST: '${jsonencode(self.input.request)}' },
      interpreter: ['/bin/sh', '-c'],
    });
    expect(del!['local-exec']).toEqual({
      when: 'destroy',
      command: 'aws sso-admin delete-application-grant --region "$AWS_REGION" --application-arn "$TIPKIT_APPLICATION_ARN" --grant-type "$TIPKIT_GRANT_TYPE"',
      environment: { AWS_REGION: '${self.input.region}', TIPKIT_APPLICATION_ARN: '${self.input.request.ApplicationArn}', TIPKIT_GRANT_TYPE: '${self.input.request.GrantType}' },
      interpreter: ['/bin/sh', '-c'],
    });

    // refresh_token may leave out its (empty) member; the request still carries it.
    expect(data.refresh!.input.request.Grant).toEqual({ RefreshToken: {} });

    // The actor policy keeps its keys exactly (condition keys are case sensitive).
    expect(data.iam!.input.request).toEqual({
      ApplicationArn: '${aws_ssoadmin_application.web.application_arn}',
      AuthenticationMethodType: 'IAM',
      AuthenticationMethod: { Iam: { ActorPolicy: actorPolicy } },
    });
    const commands = (data.iam!.provisioner as { 'local-exec': { command: string } }[]).map((p) => p['local-exec'].command);
    expect(commands[0]).toContain('aws sso-admin put-application-authentication-method --region "$AWS_REGION" --cli-input-json');
    expect(commands[1]).toContain('aws sso-admin delete-application-authentication-method --region "$AWS_REGION" --application-arn "$TIPKIT_APPLICATION_ARN" --authentication-method-type');
  });

  it('leaves --region out when the provider has no literal region', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'tipkit-constructs-'));
    outdirs.push(outdir);
    const stack = new TerraformStack(new App({ outdir }), 'test');
    new AwsProvider(stack, 'aws', {});
    new ApplicationGrant(stack, 'g', { application: 'arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1234567890abcdef', grantType: 'refresh_token' });
    const g = synth(stack).resource.terraform_data!.g!;
    expect(g.input.region).toBeUndefined();
    expect(g.input.request.ApplicationArn).toBe('arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1234567890abcdef');
    const put = (g.provisioner as { 'local-exec': { command: string; environment: Record<string, string> } }[])[0]!['local-exec'];
    expect(put.command).toBe('aws sso-admin put-application-grant --cli-input-json "$TIPKIT_REQUEST"');
    expect(put.environment).toEqual({ TIPKIT_REQUEST: '${jsonencode(self.input.request)}' });
  });
});

describe('ApplicationAccessScope', () => {
  it('writes authorized targets given as constructs as their ARN attribute', () => {
    const { stack } = newStack();
    const a = new IdentityCenterApplication(stack, 'a', { instanceArn: INSTANCE, name: 'a' });
    const b = new IdentityCenterApplication(stack, 'b', { instanceArn: INSTANCE, name: 'b' });
    new ApplicationAccessScope(stack, 'scope', { application: a, scope: 'redshift:connect', authorizedTargets: [b, INSTANCE] });
    expect(synth(stack).resource.aws_ssoadmin_application_access_scope!.scope).toEqual({
      application_arn: '${aws_ssoadmin_application.a.application_arn}',
      scope: 'redshift:connect',
      authorized_targets: ['${aws_ssoadmin_application.b.application_arn}', INSTANCE],
    });
  });
});

describe('collectConfig', () => {
  it('returns the tipkit.yaml document the constructs describe, references by Name', () => {
    const { stack } = newStack('us-west-2');
    const okta = issuer(stack);
    const portal = new IdentityCenterApplication(stack, 'portal', { instanceArn: INSTANCE, identityStoreId: STORE, name: 'portal', assignments: [{ principalType: 'GROUP', principalId: 'analysts' }] });
    const target = new IdentityCenterApplication(stack, 'target', { instanceArn: INSTANCE, name: 'target', assignmentRequired: false });
    new ApplicationGrant(stack, 'jwt', {
      application: portal,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: okta.trustedTokenIssuerArn, authorizedAudiences: ['aud'] }] } },
      suppressions: [{ id: 'issuer-unused', reason: 'kept for the migration window' }],
    });
    new ApplicationGrant(stack, 'exchange', { application: target.applicationArn, grantType: 'urn:ietf:params:oauth:grant-type:token-exchange' });
    new ApplicationAccessScope(stack, 'scope', { application: portal, scope: 'redshift:connect', authorizedTargets: [target] });
    new ApplicationAuthenticationMethod(stack, 'iam', { application: portal, authenticationMethod: { iam: { actorPolicy } } });
    const stray = new ApplicationGrant(stack, 'elsewhere', { application: 'arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1234567890abcdef', grantType: 'refresh_token' });

    const { raw, suppressions, owners, skipped, positions } = collectConfig(stack);
    expect(raw).toEqual({
      version: 1,
      instance: { InstanceArn: INSTANCE, IdentityStoreId: STORE, Region: 'us-west-2' },
      trustedTokenIssuers: [
        {
          Name: 'okta',
          TrustedTokenIssuerType: 'OIDC_JWT',
          TrustedTokenIssuerConfiguration: {
            OidcJwtConfiguration: { IssuerUrl: 'https://idp.example.com', ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY' },
          },
        },
      ],
      applications: [
        {
          Name: 'portal',
          Assignments: [{ PrincipalType: 'GROUP', PrincipalId: 'analysts' }],
          Grants: [{ GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: 'okta', AuthorizedAudiences: ['aud'] }] } } }],
          AccessScopes: [{ Scope: 'redshift:connect', AuthorizedTargets: ['target'] }],
          AuthenticationMethods: [{ AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: actorPolicy } } }],
        },
        { Name: 'target', AssignmentRequired: false, Grants: [{ GrantType: 'urn:ietf:params:oauth:grant-type:token-exchange', Grant: { TokenExchange: {} } }] },
      ],
    });
    expect(suppressions).toEqual([{ id: 'issuer-unused', reason: 'kept for the migration window', resource: 'applications/portal/Grants/0', pointer: ['applications', 0, 'Grants', 0] }]);
    expect(owners.get('applications/target')).toBe(target);
    expect(skipped.map((s) => s.construct)).toEqual([stray]);
    // Each collected node points at the line of this file that created its construct.
    expect(positions.locate(['applications', 1, 'Grants', 0, 'GrantType'])).toMatchObject({ file: expect.stringMatching(/constructs\.test\.ts$/) });
  });

  it('keeps a token it cannot know as the Terraform expression', () => {
    const { stack } = newStack();
    const instance = new TerraformVariable(stack, 'instance_arn', { type: 'string' });
    new IdentityCenterApplication(stack, 'web', { instanceArn: instance.stringValue, name: 'web' });
    expect(collectConfig(stack).raw.instance).toEqual({ InstanceArn: '${var.instance_arn}', Region: 'us-east-1' });
  });
});

describe('construct suppressions in the Terraform JSON', () => {
  it('are written into the resource\'s // comment, where the Terraform JSON loader reads them back', async () => {
    const { app, stack } = newStack();
    const web = new IdentityCenterApplication(stack, 'web', { instanceArn: INSTANCE, name: 'web', suppressions: [{ id: 'iam-auth-method-missing', reason: 'a public client' }] });
    new ApplicationGrant(stack, 'refresh', { application: web, grantType: 'refresh_token', suppressions: [{ id: 'refresh-token-without-source', reason: 'tokens come from CreateToken' }] });
    app.synth();
    const file = join(app.outdir, 'stacks/test/cdk.tf.json');
    const tf = JSON.parse(readFileSync(file, 'utf8')) as TfJson;
    expect(tf.resource.aws_ssoadmin_application!.web!['//'].tipkit).toEqual({ suppressions: [{ id: 'iam-auth-method-missing', reason: 'a public client' }] });
    const { suppressions } = await loadConfigFile(file).then((l) => l.model);
    expect(suppressions.map(({ id, reason, resource }) => ({ id, reason, resource }))).toEqual([
      { id: 'iam-auth-method-missing', reason: 'a public client', resource: 'applications/web' },
      { id: 'refresh-token-without-source', reason: 'tokens come from CreateToken', resource: 'applications/web/Grants/0' },
    ]);
  });
});

describe('TipkitChecks', () => {
  function insecureApp(suppressions?: { id: string; reason: string }[]) {
    const { app, stack } = newStack();
    const web = new IdentityCenterApplication(stack, 'web', { instanceArn: INSTANCE, name: 'web', assignmentRequired: false });
    const grant = new ApplicationGrant(stack, 'code', {
      application: web,
      grantType: 'authorization_code',
      grant: { authorizationCode: { redirectUris: ['http://wiki.example.com/callback'] } },
      suppressions,
    });
    new ApplicationAuthenticationMethod(stack, 'iam', { application: web, authenticationMethod: { iam: { actorPolicy } } });
    Aspects.of(stack).add(new TipkitChecks());
    return { app, stack, grant };
  }

  it('fails synth on an error finding, annotating the construct that declared it', () => {
    const { app, grant } = insecureApp();
    expect(() => app.synth()).toThrow(/\[test\/code\] redirect-uri-insecure: .*http.*constructs\.test\.ts:\d+:\d+/s);
    const errors = grant.node.metadata.filter((m) => m.type === '@cdktf/error').map((m) => String(m.data));
    expect(errors).toEqual([expect.stringMatching(/^redirect-uri-insecure: /)]);
  });

  it('honours a construct suppression that gives a reason', () => {
    const { app, stack } = insecureApp([{ id: 'redirect-uri-insecure', reason: 'an internal host behind the VPN only' }]);
    expect(() => app.synth()).not.toThrow();
    const errors = stack.node.findAll().flatMap((c) => c.node.metadata.filter((m) => m.type === '@cdktf/error'));
    expect(errors).toEqual([]);
  });

  it('refuses a suppression without a reason (it suppresses nothing and is itself an error)', () => {
    const { app } = insecureApp([{ id: 'redirect-uri-insecure', reason: '' }]);
    expect(() => app.synth()).toThrow(/suppression-reason-missing[\s\S]*redirect-uri-insecure|redirect-uri-insecure[\s\S]*suppression-reason-missing/);
  });

  it('reports warnings without failing synth', () => {
    const { app, stack } = newStack();
    // Requires assignments but has none: every user is refused (a warning).
    const web = new IdentityCenterApplication(stack, 'web', { instanceArn: INSTANCE, name: 'web' });
    new ApplicationGrant(stack, 'refresh', { application: web, grantType: 'refresh_token' });
    new ApplicationAuthenticationMethod(stack, 'iam', { application: web, authenticationMethod: { iam: { actorPolicy } } });
    Aspects.of(stack).add(new TipkitChecks());
    expect(() => app.synth()).not.toThrow();
    const warnings = web.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings).toContainEqual(expect.stringMatching(/^assignment-required-without-assignments: /));
  });
});
