/** Access paths go on to the roles reachable with identity context; a newly reachable role is new access. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { diffPaths, hasNewAccess } from '../../access/diff.js';
import { pathSentence } from '../../access/formatters/describe.js';
import { computeAccessPaths } from '../../access/paths.js';
import { loadConfigFile } from '../../inputs/load.js';
import { ensureDistBuilt, runCli } from '../helpers/cli.js';
import { app, config, find, issuer, JWT, jwtGrant, pathsOf, role } from './support.js';

const trust = (actions: string[], principal: unknown = { AWS: role('portalBackend') }, extra: Record<string, unknown> = {}) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: principal, Action: actions, ...extra }],
});
const dataReader = (actions: string[], principal?: unknown, extra?: Record<string, unknown>) => ({ RoleName: 'DataReader', Arn: role('DataReader'), AssumeRolePolicyDocument: trust(actions, principal, extra) });
const withRoles = (...roles: Record<string, unknown>[]) => ({ ...config([app('portal', { Grants: [jwtGrant(['okta', ['aud-1']])] })], [issuer('okta')]), roles });

describe('roles reachable with identity context', () => {
  it('the example: users of okta-prod → data-portal (jwt-bearer) → role DataReader', async () => {
    const { model } = await loadConfigFile('examples/identity-enhanced-session/tipkit.yaml');
    const path = find(computeAccessPaths(model), 'data-portal', JWT)!;
    expect(path.roles).toEqual([{ name: 'DataReader', arn: 'arn:aws:iam::111122223333:role/DataReader', conditional: false }]);
    expect(pathSentence(path)).toBe('users of issuer okta-prod can get a token for data-portal (jwt-bearer) → role DataReader (identity-enhanced session)');
  });

  it.each([
    ['both actions to the caller', dataReader(['sts:AssumeRole', 'sts:SetContext']), [{ name: 'DataReader', conditional: false }]],
    ['AssumeRole only: no identity-enhanced session', dataReader(['sts:AssumeRole']), []],
    ['another role as principal', dataReader(['sts:AssumeRole', 'sts:SetContext'], { AWS: role('Other') }), []],
    ['"*" reaches it from every caller', dataReader(['sts:*'], '*'), [{ name: 'DataReader', conditional: false }]],
    ['an unevaluable condition: reachable if it holds', dataReader(['sts:AssumeRole', 'sts:SetContext'], undefined, { Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } }), [{ name: 'DataReader', conditional: true }]],
  ])('%s', (_name, r, want) => {
    const path = find(pathsOf(withRoles(r)), 'portal', JWT)!;
    expect(path.roles.map(({ name, conditional }) => ({ name, conditional }))).toEqual(want);
  });

  it('a role newly reachable is new access (a widening of the path)', () => {
    const d = diffPaths(pathsOf(withRoles(dataReader(['sts:AssumeRole']))), pathsOf(withRoles(dataReader(['sts:AssumeRole', 'sts:SetContext']))));
    expect(d.widened.map((w) => ({ to: w.path.to, changes: w.changes }))).toEqual([{ to: 'portal', changes: [{ kind: 'role', values: ['DataReader'] }] }]);
    expect(hasNewAccess(d)).toBe(true);
    const back = diffPaths(pathsOf(withRoles(dataReader(['sts:AssumeRole', 'sts:SetContext']))), pathsOf(withRoles(dataReader(['sts:AssumeRole']))));
    expect(back.narrowed.flatMap((n) => n.changes)).toEqual([{ kind: 'role', values: ['DataReader'] }]);
    expect(hasNewAccess(back)).toBe(false);
  });

  describe('tipkit access --base', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-access-roles-'));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('reports the newly reachable role, and --fail-on-new-access exits 1', () => {
      ensureDistBuilt();
      writeFileSync(join(dir, 'before.yaml'), stringify(withRoles(dataReader(['sts:AssumeRole'])), { lineWidth: 0 }));
      writeFileSync(join(dir, 'after.yaml'), stringify(withRoles(dataReader(['sts:AssumeRole', 'sts:SetContext'])), { lineWidth: 0 }));
      const json = runCli(['access', 'after.yaml', '--base', 'before.yaml', '--format', 'json', '--fail-on-new-access'], { cwd: dir });
      expect(json.stderr).toBe('');
      expect(json.code).toBe(1);
      const doc = JSON.parse(json.stdout);
      expect(doc.widened[0].changes).toEqual([{ kind: 'role', values: ['DataReader'] }]);
      expect(doc.widened[0].roles).toEqual([{ name: 'DataReader', arn: role('DataReader'), conditional: false }]);
      const text = runCli(['access', 'after.yaml', '--base', 'before.yaml'], { cwd: dir });
      expect(text.stdout).toContain('new role DataReader');
    });
  });
});
