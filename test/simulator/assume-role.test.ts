/** AssumeRole with ProvidedContexts (spec §9): the success path, each refusal with STS's error code, and the scenario checks. */
import { describe, expect, it } from 'vitest';
import { loadScenarioFile, simulate } from '../../simulator/index.js';
import { loadScenarioText } from '../../simulator/scenario.js';
import { BACKEND, baseScenario, byName, login, refusal, runScenario, testConfig, testModel } from './helpers.js';

const ROLE = 'arn:aws:iam::111122223333:role/DataReader';
const IDC = 'arn:aws:iam::aws:contextProvider/IdentityCenter';
const trust = (...Statement: unknown[]) => ({ Version: '2012-10-17', Statement });
const bothActions = { Effect: 'Allow', Principal: { AWS: BACKEND }, Action: ['sts:AssumeRole', 'sts:SetContext'] };

function model(roleTrust: unknown = trust(bothActions), extra: Record<string, unknown> = {}) {
  return testModel({ ...testConfig(), roles: [{ RoleName: 'DataReader', Arn: ROLE, AssumeRolePolicyDocument: roleTrust, MaxSessionDuration: 7200, ...extra }] });
}

const assume = (name: string, input: Record<string, unknown> = {}, caller = 'backend') => ({
  name,
  operation: 'AssumeRole',
  caller,
  input: { RoleArn: ROLE, RoleSessionName: 'alice', ProvidedContexts: [{ ProviderArn: IDC, ContextAssertion: '${login.awsAdditionalDetails.identityContext}' }], ...input },
});

describe('AssumeRole with an identity context', () => {
  it('issues an identity-enhanced session: STS member names, ASIA credentials, the assumed-role ARN, the user in the trace', async () => {
    const report = await runScenario([login('login'), assume('s', { DurationSeconds: 900 })], { model: model() });
    const r = byName(report, 's');
    expect(r.outcome).toBe('success');
    const res = r.response as { Credentials: Record<string, string>; AssumedRoleUser: Record<string, string> };
    expect(Object.keys(res)).toEqual(['Credentials', 'AssumedRoleUser']);
    expect(res.Credentials.AccessKeyId).toMatch(/^ASIA[A-Z2-7]{16}$/);
    expect(res.Credentials.Expiration).toBe('2026-11-23T12:15:00Z');
    expect(res.AssumedRoleUser.Arn).toBe('arn:aws:sts::111122223333:assumed-role/DataReader/alice');
    expect(res.AssumedRoleUser.AssumedRoleId).toMatch(/^AROA[A-Z2-7]{17}:alice$/);
    expect(r.trace.map((s) => s.check)).toEqual(['input', 'caller', 'role', 'trust-assume-role', 'trust-set-context', 'context-provider', 'context-assertion', 'duration', 'session']);
    expect(r.trace.at(-1)!.detail).toMatch(/identity-enhanced session arn:aws:sts::111122223333:assumed-role\/DataReader\/alice for user u-alice of identity store d-9067642ac7/);
  });

  it('the idToken claim sts:identity_context works as well as awsAdditionalDetails.identityContext, and the assertion is opaque', async () => {
    const report = await runScenario([login('login'), assume('s')], { model: model() });
    const ctx = (byName(report, 'login').response!.awsAdditionalDetails as { identityContext: string }).identityContext;
    expect(ctx.split('.')).toHaveLength(5); // a JWE: nothing readable without the run's key
    expect(Buffer.from(ctx.split('.')[3]!, 'base64url').toString('latin1')).not.toContain('u-alice');
    expect(byName(report, 's').outcome).toBe('success');
  });

  it.each([
    ['the trust policy lacks sts:SetContext', trust({ ...bothActions, Action: 'sts:AssumeRole' }), {}, 'AccessDenied', 'trust-set-context', /User: arn:aws:iam::111122223333:role\/Backend is not authorized to perform: sts:SetContext on resource: arn:aws:iam::111122223333:role\/DataReader/],
    ['the trust policy names another role', trust({ ...bothActions, Principal: { AWS: 'arn:aws:iam::111122223333:role/Other' } }), {}, 'AccessDenied', 'trust-assume-role', /not authorized to perform: sts:AssumeRole/],
    ['an unevaluable condition is refused, never allowed', trust({ ...bothActions, Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }), {}, 'AccessDenied', 'trust-assume-role', /unknown/],
    ['a condition on the context provider that does not hold', trust({ ...bothActions, Condition: { 'ForAnyValue:ArnEquals': { 'sts:RequestContextProviders': 'arn:aws:iam::aws:contextProvider/Other' } } }), {}, 'AccessDenied', 'trust-assume-role', /Condition does not hold/],
    ['DurationSeconds over the role maximum', undefined, { DurationSeconds: 7201 }, 'ValidationError', 'duration', /exceeds the MaxSessionDuration set for this role/],
    ['a context from another provider', undefined, { ProvidedContexts: [{ ProviderArn: 'arn:aws:iam::aws:contextProvider/Other', ContextAssertion: 'abcd' }] }, 'InvalidParameterValue', 'context-provider', /Other is not the Identity Center context provider/],
    ['two Identity Center contexts', undefined, { ProvidedContexts: [{ ProviderArn: IDC, ContextAssertion: 'abcd' }, { ProviderArn: IDC, ContextAssertion: 'efgh' }] }, 'InvalidParameterValue', 'context-provider', /a session holds one identity context/],
    ['six contexts (the model allows 1–5)', undefined, { ProvidedContexts: Array.from({ length: 6 }, () => ({ ProviderArn: IDC, ContextAssertion: 'abcd' })) }, 'ValidationError', 'input', /at 'providedContexts' failed to satisfy constraint: Member must have length less than or equal to 5/],
    ['a session name breaking the pattern', undefined, { RoleSessionName: 'alice smith' }, 'ValidationError', 'input', /at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern/],
    ['a forged assertion', undefined, { ProvidedContexts: [{ ProviderArn: IDC, ContextAssertion: 'eyJhbGciOiJkaXIiLCJlbmMiOiJBMjU2R0NNIn0..AAAA.BBBB.CCCC' }] }, 'InvalidParameterValue', 'context-assertion', /not issued by this Identity Center/],
    ['a role that is not in the config', undefined, { RoleArn: 'arn:aws:iam::111122223333:role/Nobody' }, 'AccessDenied', 'role', /not one of the config's roles/],
  ])('%s', async (_name, roleTrust, input, error, check, detail) => {
    const r = byName(await runScenario([login('login'), assume('s', input)], { model: model(roleTrust) }), 's');
    expect(refusal(r).error).toBe(error);
    expect(refusal(r).check).toBe(check);
    expect(`${refusal(r).detail} ${r.error!.error_description}`).toMatch(detail);
    expect(r.error!.error).toBe('Sender');
  });

  it('role chaining: a role session may not ask for more than an hour', async () => {
    const chained = 'arn:aws:sts::111122223333:assumed-role/Backend/worker';
    const r = byName(await runScenario([login('login'), assume('s', { DurationSeconds: 3601 }, chained)], { model: model(trust({ ...bothActions, Principal: { AWS: BACKEND } })) }), 's');
    expect(refusal(r)).toMatchObject({ error: 'ValidationError', check: 'duration' });
    expect(r.error!.error_description).toBe('The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.');
  });

  it('without ProvidedContexts, sts:SetContext is not needed (a plain role session)', async () => {
    const r = byName(await runScenario([assume('s', { ProvidedContexts: undefined })], { model: model(trust({ ...bothActions, Action: 'sts:AssumeRole' })) }), 's');
    expect(r.outcome).toBe('success');
    expect(r.trace.at(-1)!.detail).toMatch(/no identity context/);
  });

  it('GetCallerIdentity with the session returns the assumed-role ARN', async () => {
    const who = { name: 'who', operation: 'GetCallerIdentity', caller: 'arn:aws:sts::111122223333:assumed-role/DataReader/alice' };
    const r = byName(await runScenario([login('login'), assume('s'), who], { model: model() }), 'who');
    expect(r.response).toEqual({ UserId: expect.stringMatching(/^AROA[A-Z2-7]{17}:alice$/), Account: '111122223333', Arn: 'arn:aws:sts::111122223333:assumed-role/DataReader/alice' });
    expect(r.trace.at(-1)!.detail).toMatch(/identity-enhanced: user u-alice/);
  });
});

describe('assumeRole in scenario files', () => {
  const load = (requests: unknown[]) => loadScenarioText(JSON.stringify(baseScenario(requests)), 'scenario.json', { model: model() });

  it('needs a caller', async () => {
    await expect(load([{ ...assume('s'), caller: undefined }])).rejects.toThrow(/AssumeRole needs a caller/);
  });
  it('takes STS error codes in expect.error, not SSO OIDC exceptions', async () => {
    await expect(load([login('login'), { ...assume('s'), expect: { error: 'AccessDeniedException' } }])).rejects.toThrow(/'AccessDeniedException' is not an STS error code/);
    await expect(load([login('login'), { ...assume('s'), expect: { error: 'AccessDenied' } }])).resolves.toBeDefined();
  });
  it('knows the STS input members and the fields of a CreateTokenWithIAM result', async () => {
    await expect(load([login('login'), assume('s', { RoleArnn: ROLE })])).rejects.toThrow(/unknown AssumeRole input member 'RoleArnn'/);
    await expect(load([login('login'), assume('s', { ProvidedContexts: [{ ProviderArn: IDC, ContextAssertion: '${login.identityContext}' }] })])).rejects.toThrow(/has no 'identityContext'/);
  });

  it('the example examples/identity-enhanced-session meets every expectation', async () => {
    const loaded = await loadScenarioFile('examples/identity-enhanced-session/scenario.yaml');
    const report = await simulate(loaded.model, loaded.scenario);
    expect(report.summary).toEqual({ requests: 7, succeeded: 3, failed: 4, expectationsMet: 7, expectationsFailed: 0 });
  });
});
