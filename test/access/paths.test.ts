/** Trust paths per grant type, and how assignments and ActorPolicies shape them (the simulator's decisions). */
import { describe, expect, it } from 'vitest';
import { app, allow, codeGrant, config, DEVICE, EXCHANGE, exchangeGrant, find, iam, INSTANCE_ARN, issuer, JWT, jwtGrant, pathsOf, refreshGrant, role, scope } from './support.js';

describe('jwt-bearer', () => {
  const raw = config(
    [app('portal', { Grants: [jwtGrant(['okta', ['aud-1', 'aud-2']])], AssignmentRequired: true, Assignments: [{ PrincipalType: 'GROUP', PrincipalId: 'analysts' }] })],
    [issuer('okta')],
  );

  it('users of the issuer reach the application with its audiences, callers, assigned users, scopes and source', () => {
    const p = find(pathsOf(raw), 'portal', JWT, 'okta');
    expect(p).toMatchObject({
      fromKind: 'issuer',
      audiences: ['aud-1', 'aud-2'],
      callers: [role('portalBackend')],
      users: ['GROUP analysts'],
      scopes: ['openid', 'aws', 'sts:identity_context'],
      via: [],
      issuerUrl: 'https://okta.example.com',
      mapping: 'email → emails.value',
    });
    expect(p!.source.file).toBe('tipkit.yaml');
    expect(p!.source.line).toBeGreaterThan(1);
  });

  it('an issuer not declared in the file (an external ARN) opens no path: the simulator cannot match its IssuerUrl', () => {
    const external = config([app('portal', { Grants: [jwtGrant(['arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1', ['aud']])] })]);
    expect(pathsOf(external).filter((p) => p.grantType === JWT)).toEqual([]);
  });

  it('of two issuers with the same IssuerUrl only the first is reachable (iss picks the first)', () => {
    const twin = config([app('portal', { Grants: [jwtGrant(['a', ['x']], ['b', ['y']])] })], [issuer('a', 'https://same.example.com'), issuer('b', 'https://same.example.com')]);
    const paths = pathsOf(twin);
    expect(find(paths, 'portal', JWT, 'a')).toBeDefined();
    expect(find(paths, 'portal', JWT, 'b')).toBeUndefined();
  });
});

describe('ActorPolicy', () => {
  const withPolicy = (...statements: Record<string, unknown>[]) => pathsOf(config([app('portal', { Grants: [jwtGrant(['okta', ['aud']])], AuthenticationMethods: iam(...statements) })], [issuer('okta')]));

  it('lists every allowed principal: a role, an account, any principal', () => {
    const p = find(withPolicy(allow({ AWS: [role('A'), '444455556666'] }), allow('*')), 'portal', JWT);
    expect(p!.callers).toEqual(['*', '444455556666', role('A')]);
  });

  it('an explicit Deny removes the principal it names', () => {
    const p = find(withPolicy(allow({ AWS: [role('A'), role('B')] }), { Effect: 'Deny', Principal: { AWS: role('B') }, Action: 'sso-oauth:*', Resource: '*' }), 'portal', JWT);
    expect(p!.callers).toEqual([role('A')]);
  });

  it('a wrong action (the common sso: prefix mistake) allows nobody, so no CreateTokenWithIAM path — public clients remain', () => {
    const paths = withPolicy(allow({ AWS: role('A') }, { Action: 'sso:CreateTokenWithIAM' }));
    expect(find(paths, 'portal', JWT)).toBeUndefined();
    expect(find(paths, 'portal', DEVICE)).toBeDefined();
  });

  it('a Resource that is not the application allows nobody', () => {
    expect(find(withPolicy(allow({ AWS: role('A') }, { Resource: 'arn:aws:sso::111122223333:application/ssoins-x/apl-other' })), 'portal', JWT)).toBeUndefined();
  });

  it('a Condition is assumed to hold and said so', () => {
    const p = find(withPolicy(allow({ AWS: role('A') }, { Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })), 'portal', JWT);
    expect(p!.callers).toEqual([role('A')]);
    expect(p!.notes.join(' ')).toMatch(/Condition/);
  });

  it('without an IAM authentication method nobody can call CreateTokenWithIAM', () => {
    const paths = pathsOf(config([app('portal', { Grants: [jwtGrant(['okta', ['aud']])], AuthenticationMethods: [] })], [issuer('okta')]));
    expect(paths.filter((p) => p.grantType === JWT)).toEqual([]);
  });
});

describe('assignments', () => {
  it('required without assignments: nobody can get a token, so no path at all', () => {
    expect(pathsOf(config([app('portal', { Grants: [jwtGrant(['okta', ['aud']])], AssignmentRequired: true })], [issuer('okta')]))).toEqual([]);
  });

  it('not required: everyone', () => {
    expect(find(pathsOf(config([app('portal', { Grants: [jwtGrant(['okta', ['aud']])] })], [issuer('okta')])), 'portal', JWT)!.users).toBe('everyone');
  });

  it('required (the AWS default): the assigned users and groups', () => {
    const raw = config([app('portal', { Grants: [jwtGrant(['okta', ['aud']])], AssignmentRequired: undefined, Assignments: [{ PrincipalType: 'USER', PrincipalId: 'bob' }, { PrincipalType: 'GROUP', PrincipalId: 'admins' }] })], [issuer('okta')]);
    delete (raw.applications![0] as Record<string, unknown>).AssignmentRequired;
    expect(find(pathsOf(raw), 'portal', JWT)!.users).toEqual(['GROUP admins', 'USER bob']);
  });
});

describe('token exchange', () => {
  it('holders of A’s token reach B when A’s access scope targets B and B has the grant; the chain A → B → C follows', () => {
    const paths = pathsOf(
      config([app('a', { AccessScopes: [scope('redshift:connect', 'b')] }), app('b', { Grants: [exchangeGrant], AccessScopes: [scope('s3:access_grants:read', 'c')] }), app('c', { Grants: [exchangeGrant] })]),
    );
    expect(find(paths, 'b', EXCHANGE, 'a')).toMatchObject({ fromKind: 'application', via: ['a', 'b'], callers: [role('bBackend')], chainSteps: [] });
    expect(find(paths, 'c', EXCHANGE, 'a')).toMatchObject({ via: ['a', 'b', 'c'], chainSteps: ['b'], callers: [role('cBackend')] });
    expect(find(paths, 'c', EXCHANGE, 'b')).toMatchObject({ via: ['b', 'c'] });
    expect(find(paths, 'a', EXCHANGE)).toBeUndefined();
    const ab = find(paths, 'b', EXCHANGE, 'a')!;
    expect(ab.related[0]!.what).toMatch(/access scope of a/);
  });

  it('no exchange without the target’s token-exchange grant, or when the target allows no caller', () => {
    const noGrant = pathsOf(config([app('a', { AccessScopes: [scope('x', 'b')] }), app('b')]));
    expect(find(noGrant, 'b', EXCHANGE)).toBeUndefined();
    const noCaller = pathsOf(config([app('a', { AccessScopes: [scope('x', 'b')] }), app('b', { Grants: [exchangeGrant], AuthenticationMethods: [] })]));
    expect(find(noCaller, 'b', EXCHANGE)).toBeUndefined();
  });

  it('cycles end: A → B → A gives A → B and B → A, nothing longer, no path to itself', () => {
    const paths = pathsOf(config([app('a', { Grants: [exchangeGrant], AccessScopes: [scope('x', 'b')] }), app('b', { Grants: [exchangeGrant], AccessScopes: [scope('y', 'a')] })]));
    const exchanges = paths.filter((p) => p.grantType === EXCHANGE);
    expect(exchanges.map((p) => p.via.join('>')).sort()).toEqual(['a>b', 'b>a']);
  });

  it('a longer cycle A → B → C → A: every pair once, along the shortest chain', () => {
    const paths = pathsOf(
      config([
        app('a', { Grants: [exchangeGrant], AccessScopes: [scope('x', 'b')] }),
        app('b', { Grants: [exchangeGrant], AccessScopes: [scope('x', 'c')] }),
        app('c', { Grants: [exchangeGrant], AccessScopes: [scope('x', 'a')] }),
      ]),
    );
    const via = paths.filter((p) => p.grantType === EXCHANGE).map((p) => p.via.join('>'));
    expect(via.sort()).toEqual(['a>b', 'a>b>c', 'b>c', 'b>c>a', 'c>a', 'c>a>b']);
  });

  it('a scope targeting the instance authorizes every application of the instance (as the simulator decides)', () => {
    const paths = pathsOf(config([app('a', { AccessScopes: [scope('x', INSTANCE_ARN)] }), app('b', { Grants: [exchangeGrant], InstanceArn: INSTANCE_ARN }), app('c', { Grants: [exchangeGrant], InstanceArn: INSTANCE_ARN })]));
    expect(find(paths, 'b', EXCHANGE, 'a')).toBeDefined();
    expect(find(paths, 'c', EXCHANGE, 'a')).toBeDefined();
  });
});

describe('authorization_code, public clients, refresh', () => {
  const paths = pathsOf(config([app('web', { Grants: [codeGrant('https://web.example.com/cb', 'http://127.0.0.1/cb', 'http://[::1]:8080/cb', 'http://web.example.com/cb'), refreshGrant] }), app('cli')]));

  it('users sign in through the redirect URIs; plain http to a non-loopback host is flagged', () => {
    const p = find(paths, 'web', 'authorization_code', 'user sign-in')!;
    expect(p.callers).toEqual([role('webBackend')]);
    expect(p.redirectUris).toEqual([
      { uri: 'https://web.example.com/cb', insecure: false },
      { uri: 'http://127.0.0.1/cb', insecure: false },
      { uri: 'http://[::1]:8080/cb', insecure: false },
      { uri: 'http://web.example.com/cb', insecure: true },
    ]);
  });

  it('public clients entitled to an application: device code always, authorization code only with the grant', () => {
    expect(find(paths, 'web', DEVICE, 'public client')).toMatchObject({ fromKind: 'public-client', callers: [] });
    expect(find(paths, 'web', 'authorization_code', 'public client')).toBeDefined();
    expect(find(paths, 'cli', DEVICE, 'public client')).toBeDefined();
    expect(find(paths, 'cli', 'authorization_code', 'public client')).toBeUndefined();
  });

  it('a refresh_token grant extends each path to its application, for the session lifetime', () => {
    const refresh = paths.filter((p) => p.extends);
    expect(refresh.map((p) => `${p.to} ${p.extends} ${p.from}`).sort()).toEqual([
      'web authorization_code public client',
      'web authorization_code user sign-in',
      `web ${DEVICE} public client`,
    ]);
    expect(refresh[0]).toMatchObject({ grantType: 'refresh_token', refresh: { accessTokenSeconds: 3600, refreshTokenSeconds: 8 * 3600 } });
    expect(paths.some((p) => p.to === 'cli' && p.extends)).toBe(false);
  });
});
