/** CloudFormation templates (and the `Resources` of AWS CDK Cfn* constructs) → RawInput. */
export { CLOUDFORMATION_MANAGED_APPLICATIONS, holdsIdentityCenterResources, isCloudFormationTemplate, resourcesToRaw, templateToRaw } from './template.js';
