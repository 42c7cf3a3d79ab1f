/**
 * The canonical config of a model: what any input kind (YAML, Terraform JSON, TypeScript) reduces to.
 * References to declared resources are written by Name, derived ARNs are left out, AWS defaults are
 * written out. Two inputs describe the same setup exactly when their canonical configs are equal, which
 * is what the synth round-trip test checks; synth also builds its constructs from it.
 */
import type { ApplicationNode, IssuerNode, RawConfig, Tag, TipModel } from './types.js';

type Obj = Record<string, unknown>;

/** Tags are a map in AWS (and in Terraform): their order means nothing, so the canonical form sorts them by Key. */
const sortedTags = (tags: Tag[]): Tag[] | undefined => (tags.length ? [...tags].sort((a, b) => (a.Key < b.Key ? -1 : a.Key > b.Key ? 1 : 0)) : undefined);

const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

export function canonicalConfig(model: TipModel): RawConfig {
  const { instance } = model;
  return {
    version: 1,
    instance: defined({ InstanceArn: instance.instanceArn, IdentityStoreId: instance.identityStoreId, Region: instance.region }),
    trustedTokenIssuers: model.issuers.map(canonicalIssuer),
    applications: model.applications.map((app) => canonicalApplication(app, model)),
  };
}

function canonicalIssuer(i: IssuerNode): Obj {
  return defined({
    Name: i.name,
    TrustedTokenIssuerArn: i.arnDerived ? undefined : i.arn,
    TrustedTokenIssuerType: i.type,
    TrustedTokenIssuerConfiguration: i.raw.TrustedTokenIssuerConfiguration,
    Tags: sortedTags(i.tags),
  });
}

function canonicalApplication(app: ApplicationNode, model: TipModel): Obj {
  return defined({
    Name: app.name,
    ApplicationArn: app.arnDerived ? undefined : app.arn,
    ApplicationProviderArn: app.providerArn,
    Description: app.description,
    Status: app.status,
    PortalOptions: app.portalOptions,
    Tags: sortedTags(app.tags),
    Grants: app.grants.map((g) => {
      if (!g.authorizedTokenIssuers) return defined({ GrantType: g.grantType, Grant: g.grant });
      return {
        GrantType: g.grantType,
        Grant: {
          JwtBearer: {
            AuthorizedTokenIssuers: g.authorizedTokenIssuers.map((a) =>
              defined({ TrustedTokenIssuerArn: a.issuer ? a.issuer.name : a.ref, AuthorizedAudiences: a.audiences }),
            ),
          },
        },
      };
    }),
    AccessScopes: app.accessScopes.map((s) =>
      defined({ Scope: s.scope, AuthorizedTargets: s.targets.length ? s.targets.map((t) => (t.application ? t.application.name : t.ref)) : undefined }),
    ),
    AuthenticationMethods: app.authenticationMethods.map((m) => defined({ AuthenticationMethodType: m.type, AuthenticationMethod: m.raw.AuthenticationMethod })),
    AssignmentRequired: app.assignmentRequired,
    Assignments: app.assignments.map((a) => defined({ PrincipalType: a.principalType, PrincipalId: a.principalId })),
  });
  void model;
}
