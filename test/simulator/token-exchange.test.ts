/** token-exchange, and the multi-step jwt-bearer → token-exchange → refresh scenario end to end. */
import { describe, expect, it } from 'vitest';
import { ACCESS_TOKEN_TYPE, REFRESH_TOKEN_TYPE, TOKEN_EXCHANGE, byName, login, refusal, runScenario, testConfig, testModel } from './helpers.js';

const exchange = (name: string, input: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({
  name,
  operation: 'CreateTokenWithIAM',
  caller: 'backend',
  input: { clientId: 'warehouse', grantType: TOKEN_EXCHANGE, subjectToken: '${login.accessToken}', subjectTokenType: ACCESS_TOKEN_TYPE, ...input },
  ...extra,
});

describe('token-exchange', () => {
  it('jwt-bearer → token-exchange → refresh, end to end', async () => {
    const report = await runScenario([
      { ...login('login', {}, { scope: ['redshift:connect'] }), expect: { outcome: 'success' } },
      exchange('to-warehouse', { requestedTokenType: REFRESH_TOKEN_TYPE }, { after: '30s', expect: { outcome: 'success', response: { issuedTokenType: REFRESH_TOKEN_TYPE } } }),
      {
        name: 'warehouse-refresh',
        operation: 'CreateTokenWithIAM',
        caller: 'backend',
        after: '50m',
        input: { clientId: 'warehouse', grantType: 'refresh_token', refreshToken: '${to-warehouse.refreshToken}' },
        expect: { outcome: 'success' },
      },
      {
        name: 'portal-refresh',
        operation: 'CreateTokenWithIAM',
        caller: 'backend',
        input: { clientId: 'portal', grantType: 'refresh_token', refreshToken: '${login.refreshToken}', scope: ['redshift:connect'] },
        expect: { outcome: 'success', response: { scope: ['redshift:connect'] } },
      },
    ]);
    expect(report.summary).toEqual({ requests: 4, succeeded: 4, failed: 0, expectationsMet: 4, expectationsFailed: 0 });
    const tx = byName(report, 'to-warehouse');
    expect(tx.response!.refreshToken).toEqual(expect.any(String));
    expect(tx.trace.map((s) => s.check)).toEqual(['input', 'client', 'caller', 'grant', 'subject-token-type', 'subject-token', 'subject-token-scope', 'user', 'assignment', 'scope']);
  });

  it('issues only an access token by default, with issuedTokenType access_token', async () => {
    const r = byName(await runScenario([login('login'), exchange('tx')]), 'tx');
    expect(r.outcome).toBe('success');
    expect(r.response!.issuedTokenType).toBe(ACCESS_TOKEN_TYPE);
    expect(r.response!.refreshToken).toBeUndefined();
  });

  it('refuses a subject token whose scopes do not target the requesting application', async () => {
    // lakeformation:query has no AuthorizedTargets; `lake` is not a target of any portal scope.
    const report = await runScenario([login('login'), exchange('tx', { clientId: 'lake' }), login('login2', {}, { scope: ['lakeformation:query'] })]);
    expect(refusal(byName(report, 'tx'))).toMatchObject({ error: 'InvalidGrantException', check: 'subject-token-scope' });
    const narrowed = await runScenario([login('login', {}, { scope: ['lakeformation:query'] }), exchange('tx')]);
    expect(refusal(byName(narrowed, 'tx'))).toMatchObject({ error: 'InvalidGrantException', check: 'subject-token-scope' });
  });

  it('refuses a token of the same application, an unknown token, a refresh token, and an expired token', async () => {
    const report = await runScenario([
      login('login'),
      exchange('same-app', { clientId: 'portal' }),
      exchange('unknown', { subjectToken: 'aoa-not-issued-here' }),
      exchange('refresh-as-subject', { subjectToken: '${login.refreshToken}' }),
      exchange('expired', {}, { after: '61m' }),
    ]);
    // `portal` has no token-exchange grant, so the grant check refuses first.
    expect(refusal(byName(report, 'same-app'))).toMatchObject({ error: 'UnauthorizedClientException', check: 'grant' });
    expect(refusal(byName(report, 'unknown'))).toMatchObject({ error: 'InvalidGrantException', check: 'subject-token' });
    expect(refusal(byName(report, 'refresh-as-subject')).detail).toMatch(/it is a refresh token/);
    expect(refusal(byName(report, 'expired'))).toMatchObject({ error: 'InvalidGrantException', check: 'subject-token' });
    expect(refusal(byName(report, 'expired')).detail).toMatch(/expired/);
  });

  it('refuses a subject token issued to the requesting application itself', async () => {
    const config = testConfig();
    const portal = (config.applications as { Grants: unknown[] }[])[0]!;
    portal.Grants.push({ GrantType: TOKEN_EXCHANGE, Grant: { TokenExchange: {} } });
    const r = byName(await runScenario([login('login'), exchange('self', { clientId: 'portal' })], { model: testModel(config) }), 'self');
    expect(refusal(r)).toMatchObject({ error: 'InvalidGrantException', check: 'subject-token' });
    expect(refusal(r).detail).toMatch(/different application/);
  });

  it('refuses unsupported subject and requested token types with InvalidRequestException', async () => {
    const report = await runScenario([
      login('login'),
      exchange('subject-type', { subjectTokenType: 'urn:ietf:params:oauth:token-type:id_token' }),
      exchange('requested-type', { requestedTokenType: 'urn:ietf:params:oauth:token-type:jwt' }),
    ]);
    expect(refusal(byName(report, 'subject-type'))).toMatchObject({ error: 'InvalidRequestException', check: 'subject-token-type' });
    expect(refusal(byName(report, 'requested-type'))).toMatchObject({ error: 'InvalidRequestException', check: 'subject-token-type' });
  });

  it('refuses a requested refresh token when the application has no refresh_token grant', async () => {
    const config = testConfig();
    const warehouse = (config.applications as { Grants: unknown[] }[])[1]!;
    warehouse.Grants = warehouse.Grants.slice(0, 1);
    const r = byName(await runScenario([login('login'), exchange('tx', { requestedTokenType: REFRESH_TOKEN_TYPE })], { model: testModel(config) }), 'tx');
    expect(refusal(r)).toMatchObject({ error: 'UnauthorizedClientException', check: 'requested-token-type' });
  });

  it('reports a request whose reference cannot be resolved as not run, failing its expectation', async () => {
    const report = await runScenario([login('login', { claims: { aud: 'nope' } }), { ...exchange('tx'), expect: { outcome: 'success' } }]);
    const tx = byName(report, 'tx');
    expect(tx.outcome).toBe('not-run');
    expect(tx.expectation.met).toBe(false);
    expect(tx.trace[0]).toMatchObject({ check: 'reference', ok: false });
    expect(tx.trace[0]!.detail).toMatch(/login did not succeed \(InvalidGrantException\)/);
    expect(report.summary).toMatchObject({ requests: 2, succeeded: 0, failed: 2, expectationsFailed: 1, expectationsMet: 1 });
  });
});
