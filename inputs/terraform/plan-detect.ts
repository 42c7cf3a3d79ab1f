/**
 * Recognizing a Terraform plan without reading it: small on purpose, so discovery does not load the Terraform
 * mapper and evaluator into every `tipkit lint` (plan.ts reads the plan, and is imported when there is one).
 */
import { isObject } from '../../model/build.js';

type Obj = Record<string, unknown>;

/**
 * A parsed JSON document is a Terraform plan (`format_version` plus planned values or resource changes), or the
 * state `terraform show -json` prints without a plan file (`values.root_module`: what is deployed), read alike.
 */
export function isTerraformPlan(value: unknown): value is Obj {
  if (!isObject(value) || typeof value.format_version !== 'string') return false;
  return isObject(value.planned_values) || Array.isArray(value.resource_changes) || (isObject(value.values) && isObject(value.values.root_module));
}

/** File names `tipkit lint` reads as plans when it walks a directory (a named file is recognized by content). */
export const PLAN_FILE_NAME = /(^|[/\\])(plan|tfplan)\.json$|\.(tfplan|plan)\.json$/i;

/** Cheap text test before parsing a walked plan file: does it hold Identity Center resources at all? */
export function mayBeIdentityCenterPlan(text: string): boolean {
  return /"format_version"/.test(text) && /"(aws_ssoadmin_|awscc_sso_|aws_redshift_idc_application")/.test(text);
}
