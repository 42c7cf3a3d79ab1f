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
 * Identity Center–integrated service resources (AWS-managed applications) that Terraform declares through their
 * own service's resource, as the AWS and AWSCC providers name their attributes. They are usage records
 * (ManagedApplicationNode), not linted as applications:
 * - `instanceArn`: the attribute path (nested blocks by name) where the Identity Center instance ARN is given
 *   (rule identity-center-instance-arn-invalid checks it is one);
 * - `arnAttributes`: where AWS creates an Identity Center application for the resource, the attributes that
 *   hold its ARN; a reference to one (an assignment's application_arn, an access scope's target) resolves;
 * - `issuers`: where it lists trusted token issuers (each list spelling it accepts), so an issuer used only
 *   there is used and gets the checks a jwt-bearer grant's issuers get;
 * - `scopes`: service-integration blocks → the access scopes they turn on.
 * docs/terraform.md lists the same table for users.
 */
export interface ManagedApplicationSpec {
  instanceArn?: string[];
  arnAttributes: string[];
  issuers?: { lists: string[]; arn: string; audiences: string };
  scopes?: Record<string, string>;
}

const REDSHIFT_ISSUERS = { arn: 'trusted_token_issuer_arn', audiences: 'authorized_audiences_list' };

export const MANAGED_APPLICATIONS: Readonly<Record<string, ManagedApplicationSpec>> = {
  aws_redshift_idc_application: {
    instanceArn: ['idc_instance_arn'],
    arnAttributes: ['idc_managed_application_arn'],
    // The provider's block is `authorized_token_issuer`; `authorized_token_issuer_list` is the API's (and awscc's) spelling.
    issuers: { lists: ['authorized_token_issuer', 'authorized_token_issuer_list'], ...REDSHIFT_ISSUERS },
    scopes: { lake_formation: 'lakeformation:query', s3_access_grants: 's3:access_grants:read_write', redshift: 'redshift:connect' },
  },
  awscc_redshift_redshift_idc_application: {
    instanceArn: ['idc_instance_arn'],
    arnAttributes: ['idc_managed_application_arn'],
    issuers: { lists: ['authorized_token_issuer_list'], ...REDSHIFT_ISSUERS },
  },
  aws_qbusiness_application: { instanceArn: ['identity_center_instance_arn'], arnAttributes: ['identity_center_application_arn'] },
  awscc_qbusiness_application: { instanceArn: ['identity_center_instance_arn'], arnAttributes: ['identity_center_application_arn'] },
  aws_s3control_access_grants_instance: { instanceArn: ['identity_center_arn'], arnAttributes: ['identity_center_application_arn'] },
  awscc_s3_access_grants_instance: { instanceArn: ['identity_center_arn'], arnAttributes: ['identity_center_application_arn'] },
  aws_lakeformation_identity_center_configuration: { instanceArn: ['instance_arn'], arnAttributes: ['application_arn'] },
  aws_transfer_web_app: { instanceArn: ['identity_provider_details', 'identity_center_config', 'instance_arn'], arnAttributes: [] },
  awscc_transfer_web_app: { instanceArn: ['identity_provider_details', 'instance_arn'], arnAttributes: [] },
  aws_athena_workgroup: { instanceArn: ['configuration', 'identity_center_configuration', 'identity_center_instance_arn'], arnAttributes: [] },
  aws_opensearch_domain: { instanceArn: ['identity_center_options', 'identity_center_instance_arn'], arnAttributes: [] },
  awscc_opensearchservice_application: { instanceArn: ['iam_identity_center_options', 'iam_identity_center_instance_arn'], arnAttributes: [] },
  aws_quicksight_account_subscription: { instanceArn: ['iam_identity_center_instance_arn'], arnAttributes: [] },
  aws_emrserverless_application: { instanceArn: ['identity_center_configuration', 'identity_center_instance_arn'], arnAttributes: [] },
  awscc_emr_studio: { instanceArn: ['idc_instance_arn'], arnAttributes: [] },
  aws_eks_capability: { instanceArn: ['configuration', 'argo_cd', 'aws_idc', 'idc_instance_arn'], arnAttributes: [] },
  awscc_datazone_domain: { instanceArn: ['single_sign_on', 'idc_instance_arn'], arnAttributes: [] },
};

/**
 * AWSCC's Identity Center resources, read as their CloudFormation twins are (AWSCC's attributes are the
 * CloudFormation properties in snake_case, which are the sso-admin resources' own): an `awscc_sso_application`
 * is an application, an `awscc_sso_application_assignment` one of its assignments.
 */
export const AWSCC_TWINS: Readonly<Record<string, string>> = {
  awscc_sso_application: TERRAFORM_TYPES.application,
  awscc_sso_application_assignment: TERRAFORM_TYPES.assignment,
};

/** The aws_ssoadmin_* type a block is read as (its own type, or the one its AWSCC twin stands for). */
export const readAs = (type: string): string => AWSCC_TWINS[type] ?? type;

/**
 * Identity Center resource types with nothing to do with trusted identity propagation: read by no rule, and not
 * worth a note (permission sets, account assignments, their policy attachments).
 */
export const UNRELATED_TYPES: readonly RegExp[] = [
  /^aws_ssoadmin_(permission_set|account_assignment|managed_policy_attachment|customer_managed_policy_attachment|permission_set_inline_policy|permissions_boundary_attachment|instance_access_control_attributes)$/,
  /^awscc_sso_(permission_set|assignment|instance|instance_access_control_attribute_configuration)$/,
];

/** Prefixes of Identity Center resource types: one tipkit does not read gets a note naming it. */
export const IDENTITY_CENTER_PREFIXES = ['aws_ssoadmin_', 'awscc_sso_'];

/** Whether the mapper reads (or notes) blocks of this type, so a reader should say when it skips one. */
export function readsType(mode: 'resource' | 'data', type: string): boolean {
  if (mode === 'data') return false;
  return Object.values(TERRAFORM_TYPES).includes(type as never) || type in MANAGED_APPLICATIONS || ROLE_RESOURCE_TYPES.has(type) || IDENTITY_CENTER_PREFIXES.some((p) => type.startsWith(p));
}

/** An Identity Center type that no rule reads and that gets no note either (see UNRELATED_TYPES). */
export function isUnrelatedType(type: string): boolean {
  return UNRELATED_TYPES.some((pattern) => pattern.test(type));
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
