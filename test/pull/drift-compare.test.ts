// compareWithLive on its own: what counts as the same (Name vs ARN vs id references, AWS defaults, order of
// sets), what is left out (ARNs, undeclared PortalOptions, unreadable tags), and each status. The live side is a
// LiveInstance as readLiveInstance returns it.
import { describe, expect, it } from 'vitest';
import { buildModel } from '../../model/build.js';
import { compareWithLive } from '../../live/drift.js';
import type { LiveApplication, LiveInstance } from '../../live/read.js';
import { liveToConfig } from '../../live/to-config.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-5555666677778888';
const CUSTOM = 'arn:aws:sso::aws:applicationProvider/custom';
const ISSUER_ARN = 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-5555666677778888/tti-11111111-2222-3333-4444-555555555555';
const PORTAL_ARN = 'arn:aws:sso::111122223333:application/ssoins-5555666677778888/apl-1111222233334444';
const QUERY_ARN = 'arn:aws:sso::111122223333:application/ssoins-5555666677778888/apl-5555666677778888';
const OIDC = { OidcJwtConfiguration: { IssuerUrl: 'https://idp.example.com', ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY' } };

function liveApp(over: Partial<LiveApplication> & { Name: string; ApplicationArn: string }): LiveApplication {
  return { ApplicationProviderArn: CUSTOM, awsManaged: false, Status: 'ENABLED', Grants: [], AuthenticationMethods: [], AccessScopes: [], AssignmentRequired: true, Assignments: [], Tags: [], ...over };
}

function live(over: Partial<LiveInstance> = {}): LiveInstance {
  return {
    InstanceArn: INSTANCE,
    issuers: [{ TrustedTokenIssuerArn: ISSUER_ARN, Name: 'corp-idp', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: OIDC, Tags: [] }],
    applications: [
      liveApp({
        Name: 'portal',
        ApplicationArn: PORTAL_ARN,
        PortalOptions: { Visibility: 'ENABLED' },
        Grants: [{ GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: ISSUER_ARN, AuthorizedAudiences: ['b', 'a'] }] } } }],
        AccessScopes: [{ Scope: 'redshift:connect', AuthorizedTargets: [QUERY_ARN] }],
        Assignments: [{ PrincipalType: 'GROUP', PrincipalId: 'g-analysts' }],
      }),
      liveApp({ Name: 'query-app', ApplicationArn: QUERY_ARN, AssignmentRequired: false }),
    ],
    userNames: new Map(),
    groupNames: new Map([['g-analysts', 'analysts']]),
    tagsRead: true,
    notes: [],
    ...over,
  };
}

/** The declared side, written with ARNs and ids where the live side has Names, to show they compare equal. */
function declared(edit: (config: any) => void = () => {}) {
  const config: any = {
    version: 1,
    instance: { InstanceArn: INSTANCE },
    trustedTokenIssuers: [{ Name: 'corp-idp', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: structuredClone(OIDC) }],
    applications: [
      {
        Name: 'portal',
        ApplicationProviderArn: CUSTOM,
        Grants: [{ GrantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: ISSUER_ARN, AuthorizedAudiences: ['a', 'b'] }] } } }],
        AccessScopes: [{ Scope: 'redshift:connect', AuthorizedTargets: [QUERY_ARN] }],
        Assignments: [{ PrincipalType: 'GROUP', PrincipalId: 'g-analysts' }],
      },
      { Name: 'query-app', ApplicationProviderArn: CUSTOM, AssignmentRequired: false },
    ],
  };
  edit(config);
  return buildModel(config);
}

const drifted = (d: ReturnType<typeof declared>, l: LiveInstance) => compareWithLive(d, l).filter((r) => r.status !== 'in-sync');

describe('compareWithLive', () => {
  it('finds no drift where only the way of referring differs (ARN vs Name, id vs name), sets are reordered, defaults and undeclared PortalOptions differ', () => {
    const all = compareWithLive(declared(), live());
    expect(all.filter((r) => r.status !== 'in-sync')).toEqual([]);
    expect(all.map((r) => `${r.kind} ${r.name}`)).toEqual([
      'trustedTokenIssuer corp-idp',
      'application portal',
      'grant portal/urn:ietf:params:oauth:grant-type:jwt-bearer',
      'accessScope portal/redshift:connect',
      'assignment portal/GROUP/analysts',
      'application query-app',
    ]);
  });

  it('reports a changed field with both values, at its path', () => {
    const l = live();
    l.issuers[0]!.TrustedTokenIssuerConfiguration = { OidcJwtConfiguration: { ...OIDC.OidcJwtConfiguration, ClaimAttributePath: 'sub' } };
    l.applications[1]!.Status = 'DISABLED';
    expect(drifted(declared(), l)).toEqual([
      { kind: 'trustedTokenIssuer', name: 'corp-idp', status: 'changed', changes: [{ path: 'TrustedTokenIssuerConfiguration.OidcJwtConfiguration.ClaimAttributePath', declared: 'email', live: 'sub' }] },
      { kind: 'application', name: 'query-app', status: 'changed', changes: [{ path: 'Status', declared: 'ENABLED', live: 'DISABLED' }] },
    ]);
  });

  it('reports an authorized issuer added to a grant under the issuer\'s name, and a declared PortalOptions that differs', () => {
    const l = live();
    const OTHER = ISSUER_ARN.replace('tti-1', 'tti-9');
    l.issuers.push({ TrustedTokenIssuerArn: OTHER, Name: 'other-idp', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: OIDC, Tags: [] });
    (l.applications[0]!.Grants[0]!.Grant.JwtBearer as any).AuthorizedTokenIssuers.push({ TrustedTokenIssuerArn: OTHER, AuthorizedAudiences: ['x'] });
    const d = declared((c) => (c.applications[0].PortalOptions = { Visibility: 'DISABLED' }));
    expect(drifted(d, l)).toEqual([
      { kind: 'trustedTokenIssuer', name: 'other-idp', status: 'unexpected', changes: [] },
      { kind: 'application', name: 'portal', status: 'changed', changes: [{ path: 'PortalOptions.Visibility', declared: 'DISABLED', live: 'ENABLED' }] },
      {
        kind: 'grant',
        name: 'portal/urn:ietf:params:oauth:grant-type:jwt-bearer',
        status: 'changed',
        changes: [{ path: 'Grant.JwtBearer.AuthorizedTokenIssuers[other-idp]', declared: null, live: { TrustedTokenIssuerArn: 'other-idp', AuthorizedAudiences: ['x'] } }],
      },
    ]);
  });

  it('reports missing and unexpected applications once, without their parts', () => {
    const l = live();
    l.applications = [l.applications[0]!, liveApp({ Name: 'shadow', ApplicationArn: QUERY_ARN.replace('apl-5', 'apl-9'), Grants: [{ GrantType: 'refresh_token', Grant: { RefreshToken: {} } }] })];
    l.applications[0]!.AccessScopes = [];
    expect(drifted(declared(), l).map(({ kind, name, status }) => `${status} ${kind} ${name}`)).toEqual([
      'missing accessScope portal/redshift:connect',
      'missing application query-app',
      'unexpected application shadow',
    ]);
  });

  it('compares tags only when they could be read, and ignores AWS-managed applications unless declared', () => {
    const l = live({ tagsRead: false });
    for (const a of l.applications) a.Tags = undefined;
    l.issuers[0]!.Tags = undefined;
    l.applications.push({ ...liveApp({ Name: 'redshift', ApplicationArn: QUERY_ARN.replace('apl-5', 'apl-7') }), ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/redshift', awsManaged: true });
    const tagged = declared((c) => (c.applications[1].Tags = [{ Key: 'team', Value: 'data' }]));
    expect(drifted(tagged, l)).toEqual([]);
    expect(drifted(tagged, { ...l, tagsRead: true })).toEqual([
      { kind: 'application', name: 'query-app', status: 'changed', changes: [{ path: 'Tags', declared: [{ Key: 'team', Value: 'data' }], live: null }] },
    ]);
    const declaresManaged = declared((c) => c.applications.push({ Name: 'redshift', ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/quicksight' }));
    expect(drifted(declaresManaged, l)).toEqual([
      {
        kind: 'application',
        name: 'redshift',
        status: 'changed',
        changes: [{ path: 'ApplicationProviderArn', declared: 'arn:aws:sso::aws:applicationProvider/quicksight', live: 'arn:aws:sso::aws:applicationProvider/redshift' }],
      },
    ]);
  });

  it('pulls a config whose references are Names, keeping ids and ARNs that do not resolve', () => {
    const l = live();
    l.applications[0]!.Assignments.push({ PrincipalType: 'USER', PrincipalId: '5e5e5e-gone' });
    l.applications[0]!.AccessScopes[0]!.AuthorizedTargets!.push('arn:aws:sso::111122223333:application/ssoins-5555666677778888/apl-0000000000000000');
    const { config } = liveToConfig(l);
    const portal = config.applications![0] as any;
    expect(portal.Grants[0].Grant.JwtBearer.AuthorizedTokenIssuers[0].TrustedTokenIssuerArn).toBe('corp-idp');
    expect(portal.AccessScopes[0].AuthorizedTargets).toEqual(['query-app', 'arn:aws:sso::111122223333:application/ssoins-5555666677778888/apl-0000000000000000']);
    expect(portal.Assignments).toEqual([
      { PrincipalType: 'GROUP', PrincipalId: 'analysts' },
      { PrincipalType: 'USER', PrincipalId: '5e5e5e-gone' },
    ]);
    expect('Status' in portal).toBe(false);
  });
});
