/** The AWS provider's cdktf bindings (`SsoadminApplication` & co.): where they are imported from and which Terraform type each class is. */
/** Where AWS provider bindings are imported from: the prebuilt packages, or a `cdktf get` folder. */
export const PROVIDER_MODULE = /^@cdktf\/provider-aws(\/|$)|^@cdktn\/provider-aws(\/|$)|(^|\/)\.gen\/providers\/aws(\/|$)/;

/** Provider class names whose Terraform type is not their snake_case (the S3 Control prefix is one word in Terraform). */
export const CLASS_TYPE_EXCEPTIONS: Readonly<Record<string, string>> = {
  S3ControlAccessGrantsInstance: 'aws_s3control_access_grants_instance',
  S3ControlAccessGrantsLocation: 'aws_s3control_access_grants_location',
};

/** `SsoadminApplicationAccessScope` → `aws_ssoadmin_application_access_scope`. */
export function terraformTypeOfClass(cls: string): string {
  return CLASS_TYPE_EXCEPTIONS[cls] ?? `aws_${snakeCase(cls)}`;
}

/** `authorizedTokenIssuers` → `authorized_token_issuers` (the provider bindings' config is the camelCase of HCL). */
export const snakeCase = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();

/** Construct options that are cdktf meta-arguments, not resource attributes (`forEach`/`count` are kept: they expand). */
export const BINDING_META_ARGUMENTS = new Set(['dependsOn', 'provider', 'lifecycle', 'provisioners', 'connection']);

/** Child resource types → the application section they fill. */
export const CHILD_SECTION_OF_TYPE: Readonly<Record<string, string>> = {
  aws_ssoadmin_application_grant: 'Grants',
  aws_ssoadmin_application_access_scope: 'AccessScopes',
  aws_ssoadmin_application_authentication_method: 'AuthenticationMethods',
  aws_ssoadmin_application_assignment: 'Assignments',
};

/** Map attributes, whose keys are data (tag names), not attribute names. */
export const MAP_ATTRIBUTES = new Set(['tags', 'tags_all']);

/** A value a binding's config holds that could not be read: an interpolation nothing resolves (noted at the TypeScript). */
export const UNREAD = '${tipkit-unread}';
