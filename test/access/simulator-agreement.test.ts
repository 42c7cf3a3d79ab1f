/**
 * Access review and the simulator agree: a path `tipkit access` lists is a request the simulator lets through,
 * and where it lists none (a caller it does not name, an exchange in the wrong direction, an unassigned user)
 * the simulator refuses. Real requests: jose-signed assertions, the simulator's own checks.
 */
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { readAccessPaths } from '../../access/load.js';
import type { AccessPath } from '../../access/paths.js';
import { loadScenarioFile, simulate, type SimulationReport } from '../../simulator/index.js';
import { EXCHANGE, JWT } from './support.js';

let dir: string;
let paths: AccessPath[];
let report: SimulationReport;

const jwtLogin = (name: string, caller: string, email: string, aud: string, jti: string) => ({
  name,
  operation: 'CreateTokenWithIAM',
  caller,
  input: { clientId: 'portal', grantType: JWT, assertion: { jwt: { issuer: 'okta-prod', claims: { email, aud, jti } } } },
});
const exchange = (name: string, caller: string, clientId: string, subject: string) => ({
  name,
  operation: 'CreateTokenWithIAM',
  caller,
  input: { clientId, grantType: EXCHANGE, subjectToken: `\${${subject}.accessToken}`, subjectTokenType: 'urn:ietf:params:oauth:token-type:access_token' },
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'tipkit-access-agreement-'));
  copyFileSync('test/fixtures/access/setup.yaml', join(dir, 'tipkit.yaml'));
  const scenario = {
    version: 1,
    config: './tipkit.yaml',
    now: '2026-11-23T12:00:00Z',
    identityStore: {
      Users: [
        { UserId: 'u-alice', UserName: 'alice', Emails: [{ Value: 'alice@example.com', Primary: true }] },
        { UserId: 'u-bob', UserName: 'bob', Emails: [{ Value: 'bob@example.com', Primary: true }] },
      ],
      Groups: [{ GroupId: 'g-analysts', DisplayName: 'analysts', Members: ['alice'] }],
    },
    issuers: { 'okta-prod': { generateKey: 'ES256' } },
    principals: {
      portal: { Arn: 'arn:aws:iam::111122223333:role/PortalBackend' },
      'any-in-account': { Arn: 'arn:aws:iam::111122223333:role/Whatever' },
      lake: { Arn: 'arn:aws:iam::111122223333:role/LakeReader' },
      outsider: { Arn: 'arn:aws:iam::999988887777:role/Outsider' },
    },
    requests: [
      jwtLogin('login', 'portal', 'alice@example.com', 'portal-aud', 'j1'),
      jwtLogin('wrong-caller', 'outsider', 'alice@example.com', 'portal-aud', 'j2'),
      jwtLogin('wrong-audience', 'portal', 'alice@example.com', 'other-aud', 'j3'),
      jwtLogin('unassigned', 'portal', 'bob@example.com', 'portal-aud', 'j4'),
      exchange('to-warehouse', 'any-in-account', 'warehouse', 'login'),
      exchange('to-lake', 'lake', 'lake', 'to-warehouse'),
      exchange('lake-straight-from-portal', 'lake', 'lake', 'login'),
      exchange('back-to-portal', 'portal', 'portal', 'to-warehouse'),
    ],
  };
  writeFileSync(join(dir, 'scenario.yaml'), stringify(scenario));
  paths = (await readAccessPaths(['tipkit.yaml'], { cwd: dir })).paths;
  const loaded = await loadScenarioFile(join(dir, 'scenario.yaml'));
  report = await simulate(loaded.model, loaded.scenario);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const outcome = (name: string) => {
  const r = report.results.find((x) => x.name === name)!;
  return r.outcome === 'success' ? 'success' : (r.error?.error ?? r.outcome);
};
const path = (to: string, grantType: string, from: string) => paths.find((p) => p.to === to && p.grantType === grantType && p.from === from);

describe('access and the simulator decide the same', () => {
  it('jwt-bearer: the listed caller, audience and group member get a token; others are refused', () => {
    const p = path('portal', JWT, 'okta-prod')!;
    expect(p.callers).toEqual(['arn:aws:iam::111122223333:role/PortalBackend']);
    expect(p.audiences).toEqual(['portal-aud']);
    expect(p.users).toEqual(['GROUP analysts']);
    expect(outcome('login')).toBe('success');
    expect(p.callers).not.toContain('arn:aws:iam::999988887777:role/Outsider');
    expect(outcome('wrong-caller')).toBe('access_denied');
    expect(outcome('wrong-audience')).toBe('invalid_grant');
    expect(outcome('unassigned')).toBe('access_denied');
  });

  it('token exchange: the chain portal → warehouse → lake works step by step; directions access does not list are refused', () => {
    expect(path('warehouse', EXCHANGE, 'portal')!.callers).toEqual(['111122223333']);
    expect(outcome('to-warehouse')).toBe('success');
    expect(path('lake', EXCHANGE, 'portal')!.via).toEqual(['portal', 'warehouse', 'lake']);
    expect(outcome('to-lake')).toBe('success');
    // portal's own token cannot go to lake directly (no access scope of portal names lake): only the chain does.
    expect(paths.some((p) => p.to === 'lake' && p.grantType === EXCHANGE && p.via.join('>') === 'portal>lake')).toBe(false);
    expect(outcome('lake-straight-from-portal')).toBe('invalid_grant');
    expect(path('portal', EXCHANGE, 'warehouse')).toBeUndefined();
    expect(['invalid_grant', 'unauthorized_client']).toContain(outcome('back-to-portal'));
  });
});
