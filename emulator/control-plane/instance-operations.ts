/** The instance-level sso-admin operations: ListInstances, the application providers, and tags. */
import { DEFAULT_APPLICATION_PROVIDER_ARN, type Tag } from '../../model/types.js';
import { ResourceNotFoundException, ServiceQuotaExceededException } from './errors.js';
import { checkInstance, type Obj, type OperationContext, type OperationHandler } from './operation.js';
import { paginate } from './pagination.js';
import { isCustomProvider, type ControlPlaneState } from './state.js';

/** The TagList shape's maximum (sso-admin model): tags a resource may hold. */
const MAX_TAGS = 75;

/**
 * AWS managed application providers, one per service of trusted identity propagation that tip-facts §6.2 and §8 name.
 * AWS publishes no list of provider ARNs (only `…/custom` is confirmed), so this is tipkit's list. CreateApplication
 * refuses them; ListApplicationProviders and DescribeApplicationProvider answer them.
 */
export const AWS_MANAGED_PROVIDERS: readonly string[] = ['athena', 'emr', 'lakeformation', 'qbusiness', 'quicksight', 'redshift', 's3', 'sagemaker'].map(
  (name) => `arn:aws:sso::aws:applicationProvider/${name}`,
);

/** Application providers the control plane knows: the custom provider, the AWS managed ones, and those its applications use. */
export function applicationProviders(state: ControlPlaneState): string[] {
  const arns = new Set([DEFAULT_APPLICATION_PROVIDER_ARN, ...AWS_MANAGED_PROVIDERS]);
  for (const a of state.applications) arns.add(a.ApplicationProviderArn);
  return [...arns];
}

// ---------------------------------------------------------------------------------------------------------
// Instances and application providers.

export const listInstances: OperationHandler = (input, ctx) => {
  const { instance } = ctx.state;
  const item: Obj = {
    InstanceArn: instance.InstanceArn,
    IdentityStoreId: instance.IdentityStoreId,
    OwnerAccountId: instance.OwnerAccountId,
    CreatedDate: instance.CreatedDate,
    Status: 'ACTIVE',
    ...(instance.Region ? { PrimaryRegion: instance.Region } : {}),
  };
  const { page, nextToken } = paginate([item], input, 'ListInstances', { default: 10, max: 10 });
  return { Instances: page, ...(nextToken ? { NextToken: nextToken } : {}) };
};

function provider(arn: string): Obj {
  const custom = isCustomProvider(arn);
  return {
    ApplicationProviderArn: arn,
    FederationProtocol: 'OAUTH',
    DisplayData: { DisplayName: custom ? 'Customer managed application' : arn.replace(/^.*:applicationProvider\//, '') },
  };
}

export const listApplicationProviders: OperationHandler = (input, ctx) => {
  const { page, nextToken } = paginate(applicationProviders(ctx.state), input, 'ListApplicationProviders', { default: 100 });
  return { ApplicationProviders: page.map(provider), ...(nextToken ? { NextToken: nextToken } : {}) };
};

export const describeApplicationProvider: OperationHandler = (input, ctx) => {
  const arn = input.ApplicationProviderArn as string;
  if (!applicationProviders(ctx.state).includes(arn)) throw new ResourceNotFoundException(`Application provider ${arn} does not exist`);
  return provider(arn);
};

// ---------------------------------------------------------------------------------------------------------
// Tags (applications, trusted token issuers, the instance).

/** The tags of a taggable resource of this instance (its record holds them). */
function taggable(ctx: OperationContext, input: Obj): { Tags?: Tag[] } {
  if (input.InstanceArn !== undefined) checkInstance(ctx, input.InstanceArn as string, 'not-found');
  const arn = input.ResourceArn as string;
  if (arn === ctx.state.instance.InstanceArn) return ctx.state.instance;
  const app = ctx.state.applications.find((a) => a.ApplicationArn === arn);
  if (app) return ctx.own(ctx.state.applications, app);
  const issuer = ctx.state.trustedTokenIssuers.find((i) => i.TrustedTokenIssuerArn === arn);
  if (!issuer) throw new ResourceNotFoundException(`Resource ${arn} does not exist in instance ${ctx.state.instance.InstanceArn}`);
  return ctx.own(ctx.state.trustedTokenIssuers, issuer);
}

export const tagResource: OperationHandler = (input, ctx) => {
  const resource = taggable(ctx, input);
  const tags = [...(resource.Tags ?? [])];
  for (const tag of input.Tags as Tag[]) {
    const at = tags.findIndex((t) => t.Key === tag.Key);
    if (at >= 0) tags[at] = tag;
    else tags.push(tag);
  }
  if (tags.length > MAX_TAGS) throw new ServiceQuotaExceededException(`Resource ${String(input.ResourceArn)} would have ${tags.length} tags; at most ${MAX_TAGS}`);
  resource.Tags = tags;
  ctx.changed();
  return {};
};

export const untagResource: OperationHandler = (input, ctx) => {
  const resource = taggable(ctx, input);
  const keys = new Set(input.TagKeys as string[]);
  resource.Tags = (resource.Tags ?? []).filter((t) => !keys.has(t.Key));
  ctx.changed();
  return {};
};

export const listTagsForResource: OperationHandler = (input, ctx) => {
  const resource = taggable(ctx, input);
  const { page, nextToken } = paginate(resource.Tags ?? [], input, `ListTagsForResource ${String(input.ResourceArn)}`, { default: 100 });
  return { Tags: page, ...(nextToken ? { NextToken: nextToken } : {}) };
};

