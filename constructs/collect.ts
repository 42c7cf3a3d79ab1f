/**
 * collectConfig(): the tipkit.yaml-shaped document a construct tree describes, so the linter can run on a
 * cdktf app (the TipkitChecks aspect) exactly as it runs on a config file. References to constructs become
 * their Name; props are written back in PascalCase as the API request shapes have them.
 */
import { readFileSync } from 'node:fs';
import { DefaultTokenResolver, StringConcat, TerraformStack, Token, Tokenization } from './cdk.js';
import type { IConstruct } from 'constructs';
import { PositionIndex } from '../model/positions.js';
import type { ConstructSuppression, NodePath, RawConfig } from '../model/types.js';
import { recordOf, type TipkitRecord } from './metadata.js';
import {
  PROP_DEFAULTS,
  type ApplicationAccessScopeProps,
  ApplicationAuthenticationMethodProps,
  type ApplicationGrantProps,
  type ApplicationRef,
  type IdentityCenterApplicationProps,
  type TrustedTokenIssuerProps,
} from './props.js';
import { grantMember } from './grant.js';
import { isPlainObject, upperFirst } from './refs.js';
import { providerRegion } from './sso-admin-call.js';
import type { ConstructSite } from './value-positions.js';

type Obj = Record<string, unknown>;

export interface CollectedConfig {
  raw: RawConfig;
  suppressions: ConstructSuppression[];
  /** RawConfig pointers → where user code created the construct that declared them. */
  positions: PositionIndex;
  /** Resource path (`applications/web/Grants/0`) → the construct that declared it. */
  owners: Map<string, IConstruct>;
  /** Constructs left out because their application is not declared under the scope (an ARN or a foreign construct). */
  skipped: { construct: IConstruct; reason: string }[];
  /** Each declared construct's pointer and the `new` that created it (TipkitChecks refines positions from them). */
  sites: ConstructSite[];
}

export function collectConfig(scope: IConstruct): CollectedConfig {
  const entries = scope.node
    .findAll()
    .flatMap((construct) => {
      const record = recordOf(construct);
      return record ? [{ construct, record }] : [];
    });
  const positions = new PositionIndex(`<cdktf ${scope.node.path || 'app'}>`);
  const owners = new Map<string, IConstruct>();
  const suppressions: ConstructSuppression[] = [];
  const skipped: CollectedConfig['skipped'] = [];
  const sites: ConstructSite[] = [];

  // Tokens (Terraform references) of declared resources → their Name.
  const issuerNames = new Map<string, string>();
  const applicationNames = new Map<string, string>();
  const applicationIndex = new Map<string, number>();

  const note = (pointer: NodePath, resource: string, construct: IConstruct, record: TipkitRecord): void => {
    owners.set(resource, construct);
    if (record.site) {
      positions.setValue(pointer, record.site);
      sites.push({ pointer, site: record.site });
    }
    for (const s of record.suppressions) suppressions.push({ id: s.id, reason: s.reason, resource, pointer });
  };

  const instance: Obj = {};
  const setInstanceArn = (construct: IConstruct, entry: Obj, instanceArn: unknown): void => {
    const arn = resolved(construct, instanceArn);
    if (instance.InstanceArn === undefined) instance.InstanceArn = arn;
    else if (instance.InstanceArn !== arn) entry.InstanceArn = arn;
  };

  const trustedTokenIssuers: Obj[] = [];
  const applications: Obj[] = [];
  const resourceOfApp: string[] = [];
  for (const { construct, record } of entries) {
    if (record.kind === 'trustedTokenIssuer') {
      const p = record.props as TrustedTokenIssuerProps;
      const i = trustedTokenIssuers.length;
      const entry: Obj = { Name: resolved(construct, p.name) };
      setInstanceArn(construct, entry, p.instanceArn);
      Object.assign(entry, defined({
        TrustedTokenIssuerType: p.trustedTokenIssuerType ?? PROP_DEFAULTS.trustedTokenIssuerType,
        TrustedTokenIssuerConfiguration: toRaw(construct, withJwksDefault(p.trustedTokenIssuerConfiguration)),
        Tags: p.tags?.length ? toRaw(construct, p.tags) : undefined,
      }));
      trustedTokenIssuers.push(entry);
      issuerNames.set((construct as unknown as { trustedTokenIssuerArn: string }).trustedTokenIssuerArn, p.name);
      note(['trustedTokenIssuers', i], `trustedTokenIssuers/${p.name}`, construct, record);
    } else if (record.kind === 'application') {
      const p = record.props as IdentityCenterApplicationProps;
      const i = applications.length;
      const entry: Obj = { Name: resolved(construct, p.name) };
      setInstanceArn(construct, entry, p.instanceArn);
      if (p.identityStoreId !== undefined && instance.IdentityStoreId === undefined) instance.IdentityStoreId = resolved(construct, p.identityStoreId);
      Object.assign(entry, defined({
        ApplicationProviderArn: p.applicationProviderArn,
        Description: p.description,
        Status: p.status,
        PortalOptions: toRaw(construct, p.portalOptions),
        Tags: p.tags?.length ? toRaw(construct, p.tags) : undefined,
        AssignmentRequired: p.assignmentRequired,
        Assignments: p.assignments?.length ? toRaw(construct, p.assignments) : undefined,
      }));
      applications.push(entry);
      const arn = (construct as unknown as { applicationArn: string }).applicationArn;
      applicationNames.set(arn, p.name);
      applicationIndex.set(arn, i);
      resourceOfApp.push(`applications/${p.name}`);
      note(['applications', i], resourceOfApp[i]!, construct, record);
    }
  }

  // A reference is the construct's token, in whichever stack the construct lives (a cross-stack reference
  // resolves to a terraform_remote_state lookup only in the referencing stack), so it is matched unresolved.
  const nameIn = (construct: IConstruct) => {
    const nameOf = (v: unknown): unknown => {
      if (typeof v === 'string') return issuerNames.get(v) ?? applicationNames.get(v) ?? resolved(construct, v);
      if (v && typeof v === 'object' && 'trustedTokenIssuerArn' in v) return nameOf((v as { trustedTokenIssuerArn: unknown }).trustedTokenIssuerArn);
      if (v && typeof v === 'object' && 'applicationArn' in v) return nameOf((v as { applicationArn: unknown }).applicationArn);
      return v;
    };
    return (v: unknown): unknown => toRaw(construct, v, nameOf);
  };

  const sections = { grant: 'Grants', accessScope: 'AccessScopes', authenticationMethod: 'AuthenticationMethods' } as const;
  for (const { construct, record } of entries) {
    if (record.kind === 'application' || record.kind === 'trustedTokenIssuer') continue;
    const props = record.props as { application: ApplicationRef };
    const arn = typeof props.application === 'string' ? props.application : props.application?.applicationArn;
    const i = arn === undefined ? undefined : applicationIndex.get(arn);
    if (i === undefined) {
      skipped.push({ construct, reason: `its application (${resolved(construct, arn) ?? 'none'}) is not declared in this ${TerraformStack.isStack(scope) ? 'stack' : 'app'}` });
      continue;
    }
    const app = applications[i]!;
    const section = sections[record.kind];
    const list = ((app[section] as Obj[] | undefined) ??= []);
    const j = list.length;
    list.push(entryOf(record, nameIn(construct)));
    note(['applications', i, section, j], `${resourceOfApp[i]}/${section}/${j}`, construct, record);
  }

  // The source of the files that created constructs, so `// tipkit-ignore RULE: reason` above a `new …` applies.
  for (const { record } of entries) {
    const file = record.site?.file;
    if (file && !positions.texts.has(file)) {
      try {
        positions.texts.set(file, readFileSync(file, 'utf8'));
      } catch {
        // An unreadable source only loses its comment suppressions.
      }
    }
  }

  const region = providerRegion(scope);
  if (region !== undefined) instance.Region = region;
  const raw: RawConfig = { version: 1, instance };
  if (trustedTokenIssuers.length) raw.trustedTokenIssuers = trustedTokenIssuers;
  raw.applications = applications;
  return { raw, suppressions, positions, owners, skipped, sites };
}

function entryOf(record: TipkitRecord, convert: (v: unknown) => unknown): Obj {
  switch (record.kind) {
    case 'grant': {
      const p = record.props as ApplicationGrantProps;
      // refresh_token and token exchange may leave out their (empty) member; the request still carries it.
      return defined({ GrantType: p.grantType, Grant: convert(grantMember(p)) });
    }
    case 'accessScope': {
      const p = record.props as ApplicationAccessScopeProps;
      return defined({ Scope: convert(p.scope), AuthorizedTargets: p.authorizedTargets?.length ? convert(p.authorizedTargets) : undefined });
    }
    case 'authenticationMethod': {
      const p = record.props as ApplicationAuthenticationMethodProps;
      const policy = p.authenticationMethod?.iam?.actorPolicy;
      return {
        AuthenticationMethodType: p.authenticationMethodType ?? PROP_DEFAULTS.authenticationMethodType,
        // An IAM policy document keeps its keys as written (condition keys are case sensitive).
        AuthenticationMethod: { Iam: { ActorPolicy: convertLeaves(policy, (v) => convert(v)) } },
      };
    }
    default:
      return {};
  }
}

/** camelCase props → PascalCase raw keys, references → names, tokens → Terraform expressions. */
function toRaw(construct: IConstruct, value: unknown, ref: (v: unknown) => unknown = (v) => resolved(construct, v)): unknown {
  if (Array.isArray(value)) return value.map((v) => toRaw(construct, v, ref));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [upperFirst(k), toRaw(construct, v, ref)]));
  }
  return ref(value);
}

function convertLeaves(value: unknown, leaf: (v: unknown) => unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => convertLeaves(v, leaf));
  if (isPlainObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, convertLeaves(v, leaf)]));
  return leaf(value);
}

/** A token (e.g. a variable or another resource's attribute) as the Terraform expression it stands for in the construct's stack. */
function resolved(construct: IConstruct, v: unknown): unknown {
  if (typeof v !== 'string' || !Token.isUnresolved(v)) return v;
  try {
    return Tokenization.resolve(v, { scope: TerraformStack.of(construct), resolver: new DefaultTokenResolver(new StringConcat()) });
  } catch {
    return v;
  }
}

/** The issuer configuration as the request carries it: JwksRetrievalOption defaulted (PROP_DEFAULTS). */
function withJwksDefault(conf: TrustedTokenIssuerProps['trustedTokenIssuerConfiguration'] | undefined): unknown {
  const oidc = conf?.oidcJwtConfiguration;
  if (!isPlainObject(oidc) || oidc.jwksRetrievalOption !== undefined) return conf;
  return { ...conf, oidcJwtConfiguration: { ...oidc, jwksRetrievalOption: PROP_DEFAULTS.jwksRetrievalOption } };
}

const defined = (o: Obj): Obj => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));

