/**
 * Public shapes (issue 19): small modules and templates written the way public Identity Center code is written,
 * each with its exact findings (rule, file, line, column). Notes are included: JSON and SARIF keep them.
 * Conditionals, `for` expressions and `optional()` defaults are evaluated as Terraform evaluates them.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths, type Finding } from '../../linter/index.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'public-shapes');
const show = (f: Finding): string => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column}`;

interface Shape {
  name: string;
  path: string;
  findings: string[];
  /** Words each finding's message holds, by its `show` key. */
  messages?: Record<string, string>;
}

const SHAPES: Shape[] = [
  {
    name: 'a root calling a local module with literal inputs: the module is read with them',
    path: 'local-module',
    findings: ['access-scope-invalid local-module/modules/tip/main.tf:27:21'],
  },
  {
    name: 'a jsonencode policy with an unknown Condition: its Action is still checked; children of an unknown application keep their own values',
    path: 'jsonencode-unknown-condition',
    findings: [
      'actor-policy-no-create-token jsonencode-unknown-condition/main.tf:20:22',
      'input-skipped jsonencode-unknown-condition/main.tf:20:22',
      'input-skipped jsonencode-unknown-condition/main.tf:36:21',
      'access-scope-invalid jsonencode-unknown-condition/main.tf:37:21',
      'schema-violation jsonencode-unknown-condition/main.tf:43:21',
    ],
    messages: {
      'actor-policy-no-create-token jsonencode-unknown-condition/main.tf:20:22': "it allows 'sso:CreateTokenWithIAM'",
      'input-skipped jsonencode-unknown-condition/main.tf:20:22': 'Condition.StringEquals.aws:PrincipalOrgID',
      'input-skipped jsonencode-unknown-condition/main.tf:36:21': 'its own values are checked',
    },
  },
  {
    name: 'for_each over another resource: one instance per application, each checked',
    path: 'for-each-over-resource',
    // Both instances (portal, reports) break the enum at the same written value: one finding there (the report
    // keeps one finding per rule, place and message).
    findings: ['schema-violation for-each-over-resource/main.tf:13:21'],
  },
  {
    name: 'AWSCC twins and Redshift: awscc_sso_* read as CloudFormation reads them, authorized_token_issuer checked, permission sets silent',
    path: 'awscc-twins',
    findings: ['schema-violation awscc-twins/main.tf:18:21', 'authorized-audiences-required awscc-twins/main.tf:26:3'],
    messages: { 'authorized-audiences-required awscc-twins/main.tf:26:3': "aws_redshift_idc_application 'aws_redshift_idc_application.warehouse'" },
  },
  {
    name: "an assignment to the Identity Center application an integrated service creates resolves (no note), and is checked",
    path: 'integrated-service-assignment',
    findings: ['schema-violation integrated-service-assignment/main.tf:9:21'],
    messages: { 'schema-violation integrated-service-assignment/main.tf:9:21': "'PrincipalType' must be one of" },
  },
  {
    name: 'a CloudFormation template with custom resources: sso-admin request shapes read as requests, the rest named once',
    path: 'cloudformation-custom',
    findings: [
      'input-skipped cloudformation-custom/template.yaml:10:18',
      'input-skipped cloudformation-custom/template.yaml:11:25',
      'redirect-uri-insecure cloudformation-custom/template.yaml:22:15',
      'access-scope-invalid cloudformation-custom/template.yaml:28:14',
      'input-skipped cloudformation-custom/template.yaml:30:5',
      'identity-center-instance-arn-invalid cloudformation-custom/template.yaml:38:23',
    ],
    messages: {
      'redirect-uri-insecure cloudformation-custom/template.yaml:22:15': "application 'Portal'",
      'input-skipped cloudformation-custom/template.yaml:30:5': 'custom resource PortalSettings not read',
      'identity-center-instance-arn-invalid cloudformation-custom/template.yaml:38:23': 'identity store id',
    },
  },
  {
    name: 'typed variables with optional() defaults: each application gets its defaults',
    path: 'optional-variables',
    findings: [
      'iam-auth-method-missing optional-variables/modules/apps/main.tf:12:1',
      'iam-auth-method-missing optional-variables/modules/apps/main.tf:12:1',
      // portal's authorization_code grant has no block (the module never sets redirect URIs); batch's default
      // refresh_token grant is not reported: refresh-token-without-source is about applications with an IAM method.
      'grant-union-mismatch optional-variables/modules/apps/main.tf:26:1',
    ],
  },
  {
    name: 'conditionals and for expressions building for_each: the enabled application and its scopes are read',
    path: 'conditional-for-each',
    // var.extra_apps has no value but its default, null, so for_each is local.enabled_apps, as terraform plan takes it.
    findings: ['access-scope-invalid conditional-for-each/main.tf:34:21'],
  },
];

describe('public shapes lint with exactly the expected findings', () => {
  for (const shape of SHAPES) {
    it(shape.name, async () => {
      const report = await lintPaths([shape.path], { cwd: ROOT });
      expect(report.findings.map(show)).toEqual(shape.findings);
      for (const [at, words] of Object.entries(shape.messages ?? {})) expect(report.findings.find((f) => show(f) === at)?.message, at).toContain(words);
    }, 60_000);
  }

  it('linting the whole tree gives each shape what it gets alone', async () => {
    const tree = await lintPaths(['.'], { cwd: ROOT });
    for (const shape of SHAPES) {
      const alone = await lintPaths([shape.path], { cwd: ROOT });
      const within = (findings: readonly Finding[]) => findings.filter((f) => f.location.file.startsWith(`${shape.path}/`)).map((f) => `${show(f)} ${f.message}`).sort();
      expect(within(tree.findings), shape.path).toEqual(within(alone.findings));
    }
  }, 120_000);
});

describe('for_each over another resource expands with its keys', () => {
  it('each application of the iterated resource gets its own assignment', async () => {
    const { loadConfigFile } = await import('../../inputs/index.js');
    const loaded = await loadConfigFile(join(ROOT, 'for-each-over-resource', 'main.tf'));
    expect(loaded.model.applications.map((a) => [a.name, a.assignments.length])).toEqual([
      ['portal', 1],
      ['reports', 1],
    ]);
    expect(loaded.violations.map((v) => v.pointer.join('/'))).toEqual(['applications/0/Assignments/0/PrincipalType', 'applications/1/Assignments/0/PrincipalType']);
  });
});
