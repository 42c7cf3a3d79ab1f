/**
 * identity-center-instance-arn-invalid: an Identity Center–integrated service resource (Redshift, Q Business, S3
 * Access Grants, Athena, …) is given something other than an Identity Center instance ARN where it wants one.
 */
import type { Rule } from '../types.js';

/** `arn:aws:sso:::instance/ssoins-…` (the pattern the services' own APIs give their instance ARN parameter). */
const INSTANCE_ARN = /^arn:aws[a-z-]*:sso:::instance\/(sso)?ins-[a-zA-Z0-9-.]{16}$/;
const IDENTITY_STORE_ID = /^d-[0-9a-f]{10}$/;
const APPLICATION_ARN = /^arn:aws[a-z-]*:sso::\d{12}:application\//;

/** Why a value given as an instance ARN is not one, or undefined when it is one. */
export function instanceArnProblem(value: string): string | undefined {
  if (INSTANCE_ARN.test(value)) return undefined;
  if (value.trim() === '') return 'it is empty';
  if (IDENTITY_STORE_ID.test(value)) return `'${value}' is an identity store id, not the instance ARN (arn:aws:sso:::instance/ssoins-…)`;
  if (APPLICATION_ARN.test(value)) return `'${value}' is an Identity Center application ARN, not the instance ARN (arn:aws:sso:::instance/ssoins-…)`;
  return `'${value}' is not an Identity Center instance ARN (arn:aws:sso:::instance/ssoins-…)`;
}

export const rule: Rule = {
  meta: {
    id: 'identity-center-instance-arn-invalid',
    severity: 'error',
    summary: 'an Identity Center–integrated service resource is given something other than an Identity Center instance ARN',
    docs: {
      why:
        'Services that integrate with Identity Center (Redshift, Q Business, S3 Access Grants, Lake Formation, Athena, ' +
        'OpenSearch, QuickSight, EMR, EKS, DataZone, Transfer Family web apps) take the ARN of the Identity Center ' +
        'instance, `arn:aws:sso:::instance/ssoins-…`, and create their Identity Center application under it. The ' +
        'identity store id (`d-…`) that the identitystore resources take sits next to it in the console and in ' +
        '`aws_ssoadmin_instances`, and is the commonest mistake; an empty string or an application ARN fails the same ' +
        'way: the service refuses the request when the resource is created.',
      fix: 'Give the instance ARN, e.g. `tolist(data.aws_ssoadmin_instances.this.arns)[0]` in Terraform, or the literal `arn:aws:sso:::instance/ssoins-…`.',
      bad: `resource "aws_redshift_idc_application" "warehouse" {
  idc_instance_arn = "d-9067e2ee1a"
  # …
}
`,
      good: `resource "aws_redshift_idc_application" "warehouse" {
  idc_instance_arn = "arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d"
  # …
}
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/awsapps-that-work-with-identity-center.html',
    },
  },
  check({ model, report }) {
    for (const managed of model.managedApplications) {
      if (managed.instanceArn === undefined) continue;
      const problem = instanceArnProblem(managed.instanceArn);
      if (problem) report({ node: managed, field: ['InstanceArn'], message: `the Identity Center instance ARN of ${managed.type} '${managed.name}' is wrong: ${problem}` });
    }
  },
};
