/**
 * Fuzzing the simulator: mutated scenarios through `tipkit simulate` in-process (exit 0/1 with a JSON report,
 * or exit 2 with one located line), and arbitrary operation inputs straight into the simulator (an AWS error
 * or a success, never a simulator fault).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSimulator, loadScenarioText, SteppingClock, type Simulator } from '../../simulator/index.js';
import { OPERATIONS } from '../../simulator/types.js';
import { ACCESS_TOKEN_TYPE, baseScenario, DEVICE_CODE, JWT_BEARER, login, NOW, testConfig, testModel, TOKEN_EXCHANGE } from '../simulator/helpers.js';
import { counter, expectCliInvariants, fcOptions, hostileValue, mutated, report, runs, serialize, trackCase } from './fuzz-support.js';
import { runMain } from './support.js';

const dir = mkdtempSync(join(tmpdir(), 'tipkit-fuzz-sim-'));
const requests = [
  { ...login('login'), expect: { outcome: 'success' } },
  { name: 'refresh', operation: 'CreateTokenWithIAM', caller: 'backend', input: { clientId: 'portal', grantType: 'refresh_token', refreshToken: '${login.refreshToken}' } },
  { name: 'exchange', operation: 'CreateTokenWithIAM', caller: 'backend', after: '30s', input: { clientId: 'warehouse', grantType: TOKEN_EXCHANGE, subjectToken: '${login.accessToken}', subjectTokenType: ACCESS_TOKEN_TYPE } },
  { name: 'reg', operation: 'RegisterClient', input: { clientName: 'c', clientType: 'public' } },
  { name: 'device', operation: 'StartDeviceAuthorization', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', startUrl: 'https://x.awsapps.com/start' } },
  { name: 'approve', operation: 'ApproveDevice', input: { userCode: '${device.userCode}', user: 'alice' } },
  { name: 'poll', operation: 'CreateToken', after: '5s', input: { clientId: '${reg.clientId}', clientSecret: '${reg.clientSecret}', grantType: DEVICE_CODE, deviceCode: '${device.deviceCode}' } },
  { name: 'auth', operation: 'Authorize', input: { clientId: 'web', redirectUri: 'https://web.example.com/cb', user: 'alice' }, expect: { outcome: 'error' } },
];
const scenarioBase = { ...baseScenario(requests), config: './tipkit.json' };

beforeAll(() => writeFileSync(join(dir, 'tipkit.json'), JSON.stringify(testConfig())));

describe('fuzz: scenario → simulator', () => {
  const scenarios = counter('scenario (mutated, simulate)');
  const inputs = counter('operation input (arbitrary, simulator)');
  afterAll(() => {
    report(scenarios);
    report(inputs);
  });

  it('mutated scenarios: exit 0/1 with a report and no simulator fault, or exit 2 with one located line', async () => {
    const arb = fc.tuple(mutated(scenarioBase), fc.constantFrom('yaml', 'json') as fc.Arbitrary<'yaml' | 'json'>);
    await fc.assert(
      fc.asyncProperty(arb, async ([doc, syntax]) => {
        await trackCase(scenarios, (r) => `exit ${r.code}`, async () => {
          const file = `scenario.${syntax}`;
          writeFileSync(join(dir, file), serialize(doc, syntax));
          const r = await runMain(['simulate', file, '--format', 'json'], dir);
          expectCliInvariants(r, [file, join(dir, file), join(dir, 'tipkit.json')]);
          if (r.code !== 2) {
            const out = JSON.parse(r.stdout) as { results: { error: { type: string } | null; trace: { check: string; detail: string }[] }[] };
            for (const res of out.results) {
              expect(res.error?.type, JSON.stringify(res.trace.slice(-1))).not.toBe('InternalServerException');
              expect(res.trace.map((s) => s.check)).not.toContain('internal');
            }
          }
          return r;
        });
      }),
      fcOptions(runs(150)),
    );
  });

  it('arbitrary inputs to every operation: a success or an AWS error, never a fault', async () => {
    const loaded = await loadScenarioText(JSON.stringify(baseScenario([])), join(dir, 'empty.json'), { model: testModel() });
    const sim: Simulator = await createSimulator(loaded.model, loaded.scenario, { clock: new SteppingClock(Date.parse(NOW)) });
    const assertion = await sim.signJwt({ issuer: 'idp', claims: { email: 'alice@example.com', aud: 'portal-aud' } }, 300);
    // Mostly well-typed members (so requests get past the shape check into the grants), sometimes hostile ones.
    const member = (...values: unknown[]) => fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: hostileValue });
    const plausible = fc.record(
      {
        clientId: member('portal', 'warehouse', 'web', 'cli', 'nope'),
        grantType: member(JWT_BEARER, TOKEN_EXCHANGE, DEVICE_CODE, 'refresh_token', 'authorization_code'),
        assertion: member(assertion, assertion.slice(0, -3), 'a.b.c'),
        scope: member(['redshift:connect'], ['openid', 'nope'], []),
        subjectToken: member('aoaXYZ', assertion),
        subjectTokenType: member(ACCESS_TOKEN_TYPE, 'urn:ietf:params:oauth:token-type:id_token'),
        refreshToken: member('aorXYZ', ''),
        code: member('code-1'),
        redirectUri: member('https://web.example.com/cb', 'https://evil.example.com/cb'),
        codeVerifier: member('v'.repeat(43)),
        codeChallenge: member('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM'),
        codeChallengeMethod: member('S256', 'plain'),
        clientSecret: member('secret'),
        deviceCode: member('dev'),
        clientName: member('c'),
        clientType: member('public', 'confidential'),
        grantTypes: member(['authorization_code', 'refresh_token'], ['device_code']),
        redirectUris: member(['https://web.example.com/cb']),
        startUrl: member('https://x.awsapps.com/start'),
        user: member('alice', 'bob', 'u-alice'),
        userCode: member('BCDF-GHJK'),
        state: member('xyz'),
      },
      { requiredKeys: [] },
    );
    const input = fc.oneof(plausible, fc.dictionary(fc.string({ maxLength: 12 }), hostileValue, { maxKeys: 6 }), hostileValue as fc.Arbitrary<Record<string, unknown>>);
    const arb = fc.tuple(fc.constantFrom(...OPERATIONS), input, fc.constantFrom(undefined, 'arn:aws:iam::111122223333:role/Backend', 'not-an-arn'));
    await fc.assert(
      fc.asyncProperty(arb, async ([operation, body, callerArn]) => {
        await trackCase(inputs, (r) => r.outcome === 'success' ? 'success' : String(r.error?.type), async () => {
          const r = await sim.call(operation, body as Record<string, unknown>, { callerArn });
          expect(['success', 'error']).toContain(r.outcome);
          expect(r.error?.type, JSON.stringify(r.trace.slice(-1))).not.toBe('InternalServerException');
          return r;
        });
      }),
      fcOptions(runs(200)),
    );
  });
});
