/**
 * A live instance → the tipkit config that declares it. References are written as Names where they resolve to
 * a resource of the file (issuers in grants, applications in access scopes, users and groups in assignments),
 * ARNs and ids otherwise. AWS-managed applications are not applications tipkit can declare (synth would create
 * new ones), so they are returned beside the config; access scopes that target them keep the target's ARN.
 * AWS defaults are left out where the config's defaults say the same (`Status: ENABLED`).
 */
import { isPrincipalId } from '../model/arn.js';
import type { RawConfig, Tag } from '../model/types.js';
import type { LiveApplication, LiveInstance } from './read.js';

type Obj = Record<string, unknown>;

export interface AwsManagedApplication {
  Name: string;
  ApplicationArn: string;
  ApplicationProviderArn: string;
}

export interface PulledConfig {
  config: RawConfig;
  awsManaged: AwsManagedApplication[];
}

const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const tagsOrNothing = (tags: Tag[] | undefined): Tag[] | undefined => (tags?.length ? [...tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0)) : undefined);

/** arn → Name, for the names that are unique (a duplicated Name cannot stand for one resource). */
function uniqueNames(items: readonly { arn: string; name: string }[]): Map<string, string> {
  const count = new Map<string, number>();
  for (const { name } of items) count.set(name, (count.get(name) ?? 0) + 1);
  return new Map(items.filter(({ name }) => count.get(name) === 1).map(({ arn, name }) => [arn, name]));
}

/** Principal id → name, where the name is unique among the principals of its kind and cannot be taken for an id. */
function principalNames(names: Map<string, string>): Map<string, string> {
  const byName = uniqueNames([...names].map(([arn, name]) => ({ arn, name })));
  return new Map([...byName].filter(([, name]) => !isPrincipalId(name)));
}

export function liveToConfig(live: LiveInstance): PulledConfig {
  const custom = live.applications.filter((a) => !a.awsManaged);
  const issuerName = uniqueNames(live.issuers.map((i) => ({ arn: i.TrustedTokenIssuerArn, name: i.Name })));
  const appName = uniqueNames(custom.map((a) => ({ arn: a.ApplicationArn, name: a.Name })));
  const userName = principalNames(live.userNames);
  const groupName = principalNames(live.groupNames);

  const trustedTokenIssuers = live.issuers.map((i) =>
    defined({
      Name: i.Name,
      TrustedTokenIssuerArn: i.TrustedTokenIssuerArn,
      TrustedTokenIssuerType: i.TrustedTokenIssuerType,
      TrustedTokenIssuerConfiguration: i.TrustedTokenIssuerConfiguration,
      Tags: tagsOrNothing(i.Tags),
    }),
  );

  const application = (a: LiveApplication): Obj =>
    defined({
      Name: a.Name,
      ApplicationArn: a.ApplicationArn,
      ApplicationProviderArn: a.ApplicationProviderArn,
      Description: a.Description,
      Status: a.Status === 'ENABLED' ? undefined : a.Status,
      PortalOptions: a.PortalOptions && Object.keys(a.PortalOptions).length ? a.PortalOptions : undefined,
      Tags: tagsOrNothing(a.Tags),
      Grants: a.Grants.map((g) => ({ GrantType: g.GrantType, Grant: withIssuerNames(g.Grant, issuerName) })),
      AccessScopes: a.AccessScopes.map((s) => defined({ Scope: s.Scope, AuthorizedTargets: s.AuthorizedTargets?.map((t) => appName.get(t) ?? t) })),
      AuthenticationMethods: a.AuthenticationMethods.map((m) => ({ AuthenticationMethodType: m.AuthenticationMethodType, AuthenticationMethod: m.AuthenticationMethod })),
      AssignmentRequired: a.AssignmentRequired,
      Assignments: a.Assignments.map((x) => ({
        PrincipalType: x.PrincipalType,
        PrincipalId: (x.PrincipalType === 'USER' ? userName : groupName).get(x.PrincipalId) ?? x.PrincipalId,
      })),
    });

  const config: RawConfig = {
    version: 1,
    instance: defined({ InstanceArn: live.InstanceArn, IdentityStoreId: live.IdentityStoreId, Region: live.Region }),
    trustedTokenIssuers,
    applications: custom.map(application),
  };
  const awsManaged = live.applications
    .filter((a) => a.awsManaged)
    .map((a) => ({ Name: a.Name, ApplicationArn: a.ApplicationArn, ApplicationProviderArn: a.ApplicationProviderArn }));
  return { config, awsManaged };
}

/** A grant with each authorized issuer's ARN replaced by the issuer's Name where it has one. */
function withIssuerNames(grant: Obj, issuerName: Map<string, string>): Obj {
  const jwt = grant.JwtBearer as { AuthorizedTokenIssuers?: Obj[] } | undefined;
  if (!jwt?.AuthorizedTokenIssuers) return grant;
  return {
    ...grant,
    JwtBearer: {
      ...jwt,
      AuthorizedTokenIssuers: jwt.AuthorizedTokenIssuers.map((a) => {
        const arn = a.TrustedTokenIssuerArn as string | undefined;
        return { ...a, TrustedTokenIssuerArn: (arn && issuerName.get(arn)) ?? arn };
      }),
    },
  };
}
