/**
 * constructs/ — tipkit's constructs for CDK for Terraform, the synth-time checks aspect, and the config → constructs
 * bridge. The only room that imports cdktf.
 *
 * May import: model/, inputs/ and linter/ (their index files). Imported by: the package root (index.ts) and cli/ (synth).
 */
export * from './props.js';
export { IdentityCenterApplication, TipkitConstructError, isPrincipalId } from './application.js';
export { TrustedTokenIssuer } from './trusted-token-issuer.js';
export { ApplicationAccessScope } from './access-scope.js';
export { ApplicationGrant, grantUnion } from './grant.js';
export { ApplicationAuthenticationMethod } from './authentication-method.js';
export { collectConfig, type CollectedConfig } from './collect.js';
export { TipkitChecks, findingMessage, type TipkitChecksProps } from './checks.js';
export { addConfigToStack, TipkitStack, INSTANCE_LOCAL, type TipkitConstructs, type TipkitStackOptions } from './from-config.js';
export { AWS_COMMAND_CONTEXT, DEFAULT_AWS_COMMAND, type SsoAdminCallMarker } from './sso-admin-call.js';
export { TerraformDataResource } from './terraform-data.js';
