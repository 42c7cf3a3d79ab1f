/**
 * A tipkit.yaml document (as canonicalConfig() writes it) → the constructs that declare it. This is what
 * `tipkit synth` runs. Construct ids carry each entry's position, zero-padded, because cdktf writes resources
 * sorted by name: so the Terraform JSON keeps the order of the config and loads back to the same document.
 */
import { App, LocalBackend, TerraformLocal, TerraformStack, AwsProvider } from './cdk.js';
import type { Construct } from 'constructs';
import { INSTANCE_LOCAL } from '../model/synthesized-calls.js';
import { UsageError } from '../model/errors.js';
import type { ConstructSuppression, RawConfig } from '../model/types.js';
import { ApplicationAccessScope } from './access-scope.js';
import { IdentityCenterApplication } from './application.js';
import { ApplicationAuthenticationMethod } from './authentication-method.js';
import { ApplicationGrant } from './grant.js';
import type {
  ApplicationGrantProps,
  AssignmentProps,
  IdentityCenterApplicationProps,
  OidcJwtConfigurationProps,
  PolicyDocument,
  SuppressionProps,
  TrustedTokenIssuerProps,
} from './props.js';
import { camelize, isPlainObject } from './refs.js';
import { AWS_COMMAND_CONTEXT } from './sso-admin-call.js';
import { TrustedTokenIssuer } from './trusted-token-issuer.js';

type Obj = Record<string, unknown>;

export { INSTANCE_LOCAL };

export interface TipkitConstructs {
  issuers: Map<string, TrustedTokenIssuer>;
  applications: Map<string, IdentityCenterApplication>;
}

const objects = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isPlainObject) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const ids = (n: number): ((i: number) => string) => {
  const width = Math.max(2, String(Math.max(0, n - 1)).length);
  return (i) => String(i).padStart(width, '0');
};

export interface AddConfigOptions {
  /** Suppressions to put on the construct of each resource path (e.g. the config's `tipkit-ignore` comments). */
  suppressions?: readonly ConstructSuppression[];
}

export interface TipkitStackOptions extends AddConfigOptions {
  /** The command the grant and authentication-method provisioners run in place of `aws` (e.g. `npx tipkit aws`). */
  awsCommand?: string;
}

/** Declare the config's instance settings, issuers and applications (with their grants, scopes, methods) in `stack`. */
export function addConfigToStack(stack: Construct, config: RawConfig, opts: AddConfigOptions = {}): TipkitConstructs {
  const suppressionsOf = (resource: string): SuppressionProps[] | undefined => {
    const own = (opts.suppressions ?? []).filter((s) => s.resource === resource).map((s) => ({ id: s.id, reason: s.reason ?? '' }));
    return own.length ? own : undefined;
  };
  const instance = isPlainObject(config.instance) ? config.instance : {};
  const instanceArn = str(instance.InstanceArn) ?? '';
  const identityStoreId = str(instance.IdentityStoreId);
  const region = str(instance.Region);
  new TerraformLocal(stack, INSTANCE_LOCAL, { InstanceArn: instance.InstanceArn, IdentityStoreId: identityStoreId, Region: region });

  const issuers = new Map<string, TrustedTokenIssuer>();
  const rawIssuers = objects(config.trustedTokenIssuers);
  const issuerId = ids(rawIssuers.length);
  rawIssuers.forEach((r, i) => {
    const name = str(r.Name) ?? `issuer-${i}`;
    const conf = isPlainObject(r.TrustedTokenIssuerConfiguration) ? r.TrustedTokenIssuerConfiguration : {};
    const props: TrustedTokenIssuerProps = {
      instanceArn: str(r.InstanceArn) ?? instanceArn,
      name,
      trustedTokenIssuerType: r.TrustedTokenIssuerType as TrustedTokenIssuerProps['trustedTokenIssuerType'],
      trustedTokenIssuerConfiguration: { oidcJwtConfiguration: camelize(conf.OidcJwtConfiguration ?? {}) as OidcJwtConfigurationProps },
      tags: camelize(r.Tags) as TrustedTokenIssuerProps['tags'],
      suppressions: suppressionsOf(`trustedTokenIssuers/${name}`),
    };
    issuers.set(name, new TrustedTokenIssuer(stack, `issuer${issuerId(i)}-${name}`, props));
  });

  const applications = new Map<string, IdentityCenterApplication>();
  const rawApps = objects(config.applications);
  const appId = ids(rawApps.length);
  rawApps.forEach((r, i) => {
    const name = str(r.Name) ?? `application-${i}`;
    const props: IdentityCenterApplicationProps = {
      instanceArn: str(r.InstanceArn) ?? instanceArn,
      name,
      applicationProviderArn: str(r.ApplicationProviderArn),
      description: str(r.Description),
      status: r.Status as IdentityCenterApplicationProps['status'],
      portalOptions: camelize(r.PortalOptions) as IdentityCenterApplicationProps['portalOptions'],
      tags: camelize(r.Tags) as IdentityCenterApplicationProps['tags'],
      assignmentRequired: typeof r.AssignmentRequired === 'boolean' ? r.AssignmentRequired : undefined,
      assignments: camelize(objects(r.Assignments)) as AssignmentProps[],
      identityStoreId,
      suppressions: suppressionsOf(`applications/${name}`),
    };
    applications.set(name, new IdentityCenterApplication(stack, `app${appId(i)}-${name}`, props));
  });

  // Grants, scopes and methods after every application exists, so a scope can target any of them.
  rawApps.forEach((r, i) => {
    const name = str(r.Name) ?? `application-${i}`;
    const app = applications.get(name)!;
    const appRef = (ref: string): IdentityCenterApplication | string => applications.get(ref) ?? ref;
    const issuerRef = (ref: string): TrustedTokenIssuer | string => issuers.get(ref) ?? ref;
    const grants = objects(r.Grants);
    const grantId = ids(grants.length);
    grants.forEach((g, j) => {
      new ApplicationGrant(app, `grant${grantId(j)}`, { ...grantProps(app, g, issuerRef), suppressions: suppressionsOf(`applications/${name}/Grants/${j}`) });
    });
    const scopes = objects(r.AccessScopes);
    const scopeId = ids(scopes.length);
    scopes.forEach((s, j) => {
      const targets = Array.isArray(s.AuthorizedTargets) ? s.AuthorizedTargets.filter((t): t is string => typeof t === 'string') : undefined;
      new ApplicationAccessScope(app, `scope${scopeId(j)}`, {
        application: app,
        scope: str(s.Scope) ?? '',
        authorizedTargets: targets?.map(appRef),
        suppressions: suppressionsOf(`applications/${name}/AccessScopes/${j}`),
      });
    });
    const methods = objects(r.AuthenticationMethods);
    const methodId = ids(methods.length);
    methods.forEach((m, j) => {
      const method = isPlainObject(m.AuthenticationMethod) ? m.AuthenticationMethod : {};
      const iam = isPlainObject(method.Iam) ? method.Iam : {};
      new ApplicationAuthenticationMethod(app, `auth-method${methodId(j)}`, {
        application: app,
        authenticationMethodType: m.AuthenticationMethodType as 'IAM' | undefined,
        authenticationMethod: { iam: { actorPolicy: (isPlainObject(iam.ActorPolicy) ? iam.ActorPolicy : {}) as PolicyDocument } },
        suppressions: suppressionsOf(`applications/${name}/AuthenticationMethods/${j}`),
      });
    });
  });

  return { issuers, applications };
}

function grantProps(app: IdentityCenterApplication, g: Obj, issuerRef: (ref: string) => TrustedTokenIssuer | string): ApplicationGrantProps {
  const grant = camelize(g.Grant) as Record<string, unknown> | undefined;
  const jwt = grant?.jwtBearer as { authorizedTokenIssuers?: { trustedTokenIssuerArn: string; authorizedAudiences: string[] }[] } | undefined;
  if (jwt?.authorizedTokenIssuers) {
    jwt.authorizedTokenIssuers = jwt.authorizedTokenIssuers.map((a) => ({ ...a, trustedTokenIssuerArn: issuerRef(a.trustedTokenIssuerArn) as string }));
  }
  // The config passed the schema, so GrantType and Grant agree; the union type cannot know that statically.
  return { application: app, grantType: g.GrantType, grant } as ApplicationGrantProps;
}

/** A stack holding one tipkit config: the AWS provider (in the instance's Region) and the constructs. */
export class TipkitStack extends TerraformStack {
  readonly constructs: TipkitConstructs;

  constructor(scope: Construct, id: string, config: RawConfig, opts: TipkitStackOptions = {}) {
    super(scope, id);
    // Context must be set before the stack has children.
    if (opts.awsCommand !== undefined) this.node.setContext(AWS_COMMAND_CONTEXT, opts.awsCommand);
    const instance = isPlainObject(config.instance) ? config.instance : {};
    new AwsProvider(this, 'aws', { region: str(instance.Region) });
    // Relative, so the output does not depend on where synth ran (cdktf's default is an absolute path).
    new LocalBackend(this, { path: `terraform.${id}.tfstate` });
    this.constructs = addConfigToStack(this, config, opts);
  }
}

/**
 * `tipkit synth`: one app holding the config's stack, synthesized into `outdir`. cdktf's validation failures (an
 * installed Terraform older than terraform_data) are about the machine, not a bug: one UsageError line.
 */
export function synthesizeConfigApp(config: RawConfig, opts: TipkitStackOptions, outdir: string, stackName: string): void {
  const app = new App({ outdir, stackTraces: false });
  new TipkitStack(app, stackName, config, opts);
  try {
    app.synth();
  } catch (err) {
    const failed = /^Validation failed with the following errors:\n((?:\s+\[[^\]]*\] .*\n?)+)/.exec((err as Error).message);
    if (failed) throw new UsageError([...new Set(failed[1]!.trim().split('\n').map((l) => l.replace(/^\s*\[[^\]]*\] /, '')))].join('; '));
    throw err;
  }
}
