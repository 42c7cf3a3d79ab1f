/** Which Terraform resource types tipkit reads, and which of their attributes are configuration (the table the mapping follows). */
import { ROLE_RESOURCE_TYPES } from './roles.js';

export const TERRAFORM_TYPES = {
  application: 'aws_ssoadmin_application',
  issuer: 'aws_ssoadmin_trusted_token_issuer',
  accessScope: 'aws_ssoadmin_application_access_scope',
  assignment: 'aws_ssoadmin_application_assignment',
  assignmentConfiguration: 'aws_ssoadmin_application_assignment_configuration',
  grant: 'aws_ssoadmin_application_grant',
  /**
   * Not in the AWS provider (tip-facts §8: requested in issue #34763; a fork ships it). Read in the shape that
   * fork and the API give it: application_arn, authentication_method_type, authentication_method { iam {
   * actor_policy = jsonencode({…}) } }.
   */
  authenticationMethod: 'aws_ssoadmin_application_authentication_method',
} as const;

/**
 * AWS-managed applications that Terraform declares through their own service's resource. They are usage
 * records (ManagedApplicationNode), not linted: `issuers` is where they list trusted token issuers (so an issuer
 * used only there is used), and a reference to any of `arnAttributes` (the Identity Center application the
 * service creates) is an access-scope target that resolves. `scopes` maps service-integration blocks to the
 * access scopes they turn on.
 */
export const MANAGED_APPLICATIONS: Readonly<Record<string, { issuers?: { list: string; arn: string; audiences: string }; arnAttributes: string[]; scopes?: Record<string, string> }>> = {
  aws_redshift_idc_application: {
    issuers: { list: 'authorized_token_issuer_list', arn: 'trusted_token_issuer_arn', audiences: 'authorized_audiences_list' },
    arnAttributes: ['idc_managed_application_arn'],
    scopes: { lake_formation: 'lakeformation:query', s3_access_grants: 's3:access_grants:read_write', redshift: 'redshift:connect' },
  },
  awscc_redshift_redshift_idc_application: {
    issuers: { list: 'authorized_token_issuer_list', arn: 'trusted_token_issuer_arn', audiences: 'authorized_audiences_list' },
    arnAttributes: ['idc_managed_application_arn'],
  },
  aws_qbusiness_application: { arnAttributes: ['identity_center_application_arn'] },
  aws_s3control_access_grants_instance: { arnAttributes: ['identity_center_application_arn'] },
};

/** Prefixes of Identity Center resource types: one tipkit does not read gets a note naming it. */
export const IDENTITY_CENTER_PREFIXES = ['aws_ssoadmin_', 'awscc_sso_'];

/** Whether the mapper reads (or notes) blocks of this type, so a reader should say when it skips one. */
export function readsType(mode: 'resource' | 'data', type: string): boolean {
  if (mode === 'data') return false;
  return Object.values(TERRAFORM_TYPES).includes(type as never) || type in MANAGED_APPLICATIONS || ROLE_RESOURCE_TYPES.has(type) || IDENTITY_CENTER_PREFIXES.some((p) => type.startsWith(p));
}

/** Nested blocks that occur at most once, so tipkit.yaml writes them as one object rather than a list. */
export const SINGLE_BLOCKS = new Set([
  'trusted_token_issuer_configuration',
  'oidc_jwt_configuration',
  'portal_options',
  'sign_in_options',
  'grant',
  'authorization_code',
  'jwt_bearer',
  'refresh_token',
  'token_exchange',
  'authentication_method',
  'iam',
]);

/** Top-level attributes read per resource type (others — meta-arguments, computed ids — are not config). */
export const ISSUER_ATTRIBUTES = ['name', 'trusted_token_issuer_type', 'trusted_token_issuer_configuration', 'client_token', 'tags'];
export const APPLICATION_ATTRIBUTES = ['name', 'application_provider_arn', 'description', 'status', 'portal_options', 'client_token', 'tags'];

/** Child resource types → the part of an application they set. */
export const CHILD_SECTIONS: Readonly<Record<string, string>> = {
  [TERRAFORM_TYPES.grant]: 'Grants',
  [TERRAFORM_TYPES.accessScope]: 'AccessScopes',
  [TERRAFORM_TYPES.assignment]: 'Assignments',
  [TERRAFORM_TYPES.authenticationMethod]: 'AuthenticationMethods',
  [TERRAFORM_TYPES.assignmentConfiguration]: 'AssignmentRequired',
};

/** Attributes that take the ARN of a declared resource, where tipkit.yaml writes its Name. */
export const ARN_ATTRIBUTES = new Set(['application_arn', 'trusted_token_issuer_arn']);
