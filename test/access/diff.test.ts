/** Diff classification: added, removed, and each kind of widening and narrowing. */
import { describe, expect, it } from 'vitest';
import { diffPaths, hasNewAccess } from '../../access/diff.js';
import { allow, app, codeGrant, config, EXCHANGE, exchangeGrant, iam, issuer, JWT, jwtGrant, pathsOf, role, scope } from './support.js';

const okta = [issuer('okta')];
const diffOf = (before: ReturnType<typeof config>, after: ReturnType<typeof config>) => diffPaths(pathsOf(before), pathsOf(after));
const widenings = (d: ReturnType<typeof diffPaths>, to: string, grantType: string) => d.widened.filter((w) => w.path.to === to && w.path.grantType === grantType).flatMap((w) => w.changes);

describe('diff', () => {
  const base = config([app('portal', { Grants: [jwtGrant(['okta', ['aud-1']])], AccessScopes: [scope('redshift:connect')], AssignmentRequired: true, Assignments: [{ PrincipalType: 'GROUP', PrincipalId: 'analysts' }] })], okta);

  it('the same config: nothing changed', () => {
    const d = diffOf(base, base);
    expect(d).toEqual({ added: [], removed: [], widened: [], narrowed: [] });
    expect(hasNewAccess(d)).toBe(false);
  });

  it('a new audience widens the path', () => {
    const d = diffOf(base, config([app('portal', { ...base.applications![0], Grants: [jwtGrant(['okta', ['aud-1', 'aud-2']])] })], okta));
    expect(widenings(d, 'portal', JWT)).toEqual([{ kind: 'audience', values: ['aud-2'] }]);
    expect(d.added).toEqual([]);
    expect(hasNewAccess(d)).toBe(true);
  });

  it('a new caller widens it; a caller taken away narrows it', () => {
    const more = config([app('portal', { ...base.applications![0], AuthenticationMethods: iam(allow({ AWS: [role('portalBackend'), role('Intruder')] })) })], okta);
    expect(widenings(diffOf(base, more), 'portal', JWT)).toEqual([{ kind: 'caller', values: [role('Intruder')] }]);
    const narrowed = diffOf(more, base).narrowed.find((n) => n.path.grantType === JWT);
    expect(narrowed!.changes).toEqual([{ kind: 'caller', values: [role('Intruder')] }]);
  });

  it('a new scope widens it', () => {
    const d = diffOf(base, config([app('portal', { ...base.applications![0], AccessScopes: [scope('redshift:connect'), scope('s3:access_grants:read_write')] })], okta));
    expect(widenings(d, 'portal', JWT)).toEqual([{ kind: 'scope', values: ['s3:access_grants:read_write'] }]);
  });

  it('assignment no longer required widens it; an added assignment widens it too', () => {
    const open = diffOf(base, config([app('portal', { ...base.applications![0], AssignmentRequired: false, Assignments: [] })], okta));
    expect(widenings(open, 'portal', JWT)).toEqual([{ kind: 'assignment-required', values: ['no longer required'] }]);
    const more = diffOf(base, config([app('portal', { ...base.applications![0], Assignments: [{ PrincipalType: 'GROUP', PrincipalId: 'analysts' }, { PrincipalType: 'USER', PrincipalId: 'eve' }] })], okta));
    expect(widenings(more, 'portal', JWT)).toEqual([{ kind: 'assigned-principal', values: ['USER eve'] }]);
  });

  it('a new redirect URI widens the sign-in path', () => {
    const before = config([app('web', { Grants: [codeGrant('https://web.example.com/cb')] })]);
    const after = config([app('web', { Grants: [codeGrant('https://web.example.com/cb', 'http://evil.example.com/cb')] })]);
    expect(widenings(diffOf(before, after), 'web', 'authorization_code')).toEqual([
      { kind: 'redirect-uri', values: ['http://evil.example.com/cb'] },
      { kind: 'redirect-uri', values: ['http://evil.example.com/cb'] },
    ]);
  });

  it('a new chain step widens an exchange path that already existed', () => {
    const before = config([app('a', { AccessScopes: [scope('x', 'c')] }), app('b', { Grants: [exchangeGrant] }), app('c', { Grants: [exchangeGrant] })]);
    const after = config([app('a', { AccessScopes: [scope('x', 'b', 'c')] }), app('b', { Grants: [exchangeGrant], AccessScopes: [scope('y', 'c')] }), app('c', { Grants: [exchangeGrant] })]);
    const d = diffOf(before, after);
    expect(widenings(d, 'c', EXCHANGE)).toEqual([{ kind: 'chain-step', values: ['b'] }]);
    expect(d.added.map((p) => `${p.from}>${p.to} ${p.grantType}`)).toContain(`a>b ${EXCHANGE}`);
  });

  it('a new application or grant adds paths; a removed one removes them', () => {
    const after = config([...base.applications!, app('web', { Grants: [codeGrant('https://web.example.com/cb')] })], okta);
    const d = diffOf(base, after);
    expect(d.added.map((p) => p.to)).toEqual(expect.arrayContaining(['web']));
    expect(d.added.every((p) => p.to === 'web')).toBe(true);
    expect(diffOf(after, base).removed.every((p) => p.to === 'web')).toBe(true);
    expect(hasNewAccess(diffOf(after, base))).toBe(false);
  });
});
