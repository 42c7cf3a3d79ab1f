/** The shared token pipeline: input shape, client, caller (ActorPolicy), grant supported/configured, scope. */
import { describe, expect, it } from 'vitest';
import { JWT_BEARER, byName, login, refusal, runScenario, testConfig, testModel } from './helpers.js';

describe('token endpoint checks, in order', () => {
  it('refuses a missing required member with InvalidRequestException at check input', async () => {
    const report = await runScenario([{ name: 'r', operation: 'CreateTokenWithIAM', caller: 'backend', input: { grantType: JWT_BEARER } }]);
    expect(refusal(byName(report, 'r'))).toMatchObject({ error: 'InvalidRequestException', check: 'input' });
    expect(byName(report, 'r').error).toMatchObject({ type: 'InvalidRequestException', error: 'invalid_request' });
  });

  it('refuses a member of the wrong type with InvalidRequestException', async () => {
    const report = await runScenario([login('r', {}, { scope: 'redshift:connect' })]);
    expect(refusal(byName(report, 'r'))).toMatchObject({ error: 'InvalidRequestException', check: 'input' });
  });

  it('refuses an undeclared clientId with InvalidClientException at check client; accepts the ARN', async () => {
    const arn = testModel().index.applicationByName.get('portal')!.arn;
    const report = await runScenario([login('bad', {}, { clientId: 'no-such-app' }), login('by-arn', {}, { clientId: arn })]);
    expect(refusal(byName(report, 'bad'))).toMatchObject({ error: 'InvalidClientException', check: 'client' });
    expect(byName(report, 'bad').error!.error).toBe('invalid_client');
    expect(byName(report, 'by-arn').outcome).toBe('success');
  });

  it('refuses a caller the ActorPolicy does not allow, and an unsigned request, with AccessDeniedException at check caller', async () => {
    const report = await runScenario([{ ...login('stranger'), caller: 'stranger' }, { ...login('unsigned'), caller: undefined }]);
    expect(refusal(byName(report, 'stranger'))).toMatchObject({ error: 'AccessDeniedException', check: 'caller' });
    expect(refusal(byName(report, 'stranger')).detail).toMatch(/Principal does not name the caller/);
    expect(refusal(byName(report, 'unsigned'))).toMatchObject({ error: 'AccessDeniedException', check: 'caller' });
  });

  it('refuses every caller when the application has no IAM authentication method', async () => {
    const config = testConfig();
    (config.applications as Record<string, unknown>[])[0]!.AuthenticationMethods = [];
    const report = await runScenario([login('r')], { model: testModel(config) });
    expect(refusal(byName(report, 'r'))).toMatchObject({ error: 'AccessDeniedException', check: 'caller' });
    expect(refusal(byName(report, 'r')).detail).toMatch(/no IAM authentication method/);
  });

  it('lets an explicit Deny win over an Allow', async () => {
    const config = testConfig();
    const method = (config.applications as { AuthenticationMethods: { AuthenticationMethod: { Iam: { ActorPolicy: { Statement: unknown[] } } } }[] }[])[0]!.AuthenticationMethods[0]!;
    method.AuthenticationMethod.Iam.ActorPolicy.Statement.push({ Sid: 'NoBackend', Effect: 'Deny', Principal: { AWS: '111122223333' }, Action: 'sso-oauth:*', Resource: '*' });
    const r = byName(await runScenario([login('r')], { model: testModel(config) }), 'r');
    expect(refusal(r)).toMatchObject({ error: 'AccessDeniedException', check: 'caller' });
    expect(refusal(r).detail).toMatch(/statement NoBackend explicitly denies/);
  });

  it('refuses an unknown grant type with UnsupportedGrantTypeException and an unconfigured one with UnauthorizedClientException', async () => {
    const report = await runScenario([
      { name: 'unknown', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: 'client_credentials' } },
      { name: 'device-on-iam', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: 'urn:ietf:params:oauth:grant-type:device_code' } },
      { name: 'unconfigured', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: 'authorization_code', code: 'x', redirectUri: 'https://x' } },
    ]);
    expect(refusal(byName(report, 'unknown'))).toMatchObject({ error: 'UnsupportedGrantTypeException', check: 'grant' });
    expect(refusal(byName(report, 'device-on-iam'))).toMatchObject({ error: 'UnsupportedGrantTypeException', check: 'grant' });
    expect(refusal(byName(report, 'unconfigured'))).toMatchObject({ error: 'UnauthorizedClientException', check: 'grant' });
    expect(byName(report, 'unconfigured').error!.error).toBe('unauthorized_client');
  });

  it('refuses a scope outside the access scopes and defaults with InvalidScopeException; accepts a default scope', async () => {
    const report = await runScenario([login('bad', {}, { scope: ['redshift:connect', 's3:access_grants:read_write'] }), login('defaults', {}, { scope: ['openid', 'sts:identity_context'] })]);
    expect(refusal(byName(report, 'bad'))).toMatchObject({ error: 'InvalidScopeException', check: 'scope' });
    expect(refusal(byName(report, 'bad')).detail).toMatch(/s3:access_grants:read_write/);
    expect(byName(report, 'defaults').response!.scope).toEqual(['openid', 'sts:identity_context']);
  });
});
