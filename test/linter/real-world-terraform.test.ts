/**
 * Real-world Terraform shapes (issue 10): each fixture under test/fixtures/real-world/terraform-* and plan-*
 * with exactly the findings it must give: every finding by rule and location, and a fragment of its message
 * that shows the linter read the value it names. Fixtures are written in the shapes public modules use
 * (for_each over literal locals, a module call, the provider's grant resource, AWS-managed applications,
 * a plan) and each holds a bad case that fires beside good ones that must not.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths, type Finding } from '../../linter/index.js';

const ROOT = join(import.meta.dirname, '..', 'fixtures', 'real-world');

interface Expected {
  files: string[];
  /** `rule file:line:col`, then a fragment of the message. */
  findings: [string, string][];
}

const TABLE: Record<string, Expected> = {
  // for_each over a literal local map, count with count.index, references by each.key; one http callback.
  'terraform-for-each-locals': {
    files: ['terraform-for-each-locals/main.tf'],
    findings: [
      ['iam-auth-method-missing terraform-for-each-locals/main.tf:19:1', "application 'portal-reports' has grants"],
      ['iam-auth-method-missing terraform-for-each-locals/main.tf:19:1', "application 'portal-wiki' has grants"],
      ['redirect-uri-insecure terraform-for-each-locals/main.tf:39:23', "'portal-reports' sends the authorization code over plain http to 'reports.example.com'"],
    ],
  },
  // A directory with module calls only: the local module is followed with its literal inputs (a for_each over a
  // variable map, a dynamic block over a resource's instances); the registry module gets a note.
  'terraform-module-call': {
    files: ['terraform-module-call/main.tf', 'terraform-module-call/modules/tip-app/main.tf', 'terraform-module-call/modules/tip-app/variables.tf'],
    findings: [
      ['input-skipped terraform-module-call/main.tf:14:13', "module.sso_permission_sets was not followed: its source 'example-org/sso-permission-sets/aws' is not a local directory"],
      ['issuer-url-trailing-slash terraform-module-call/modules/tip-app/main.tf:8:39', "trusted token issuer 'entra' ends in '/'"],
      ['iam-auth-method-missing terraform-module-call/modules/tip-app/main.tf:16:1', "application 'analytics' has grants"],
    ],
  },
  // The provider's aws_ssoadmin_application_grant, an authentication method whose actor policy is jsonencode() of a
  // literal local with the wrong action, and Identity Center types tipkit does not read.
  'terraform-native-grant': {
    files: ['terraform-native-grant/main.tf'],
    findings: [
      ['token-exchange-unreachable terraform-native-grant/main.tf:57:21', "application 'headlamp' accepts token exchange"],
      ['actor-policy-no-create-token terraform-native-grant/main.tf:65:22', "it allows 'sso:CreateTokenWithIAM', but the action is 'sso-oauth:CreateTokenWithIAM'"],
      // Permission sets have nothing to do with TIP: no note. awscc_sso_application is read as its CloudFormation twin.
      ['assignment-required-without-assignments terraform-native-grant/main.tf:82:30', "application 'legacy' requires assignments"],
    ],
  },
  // An issuer used only by aws_redshift_idc_application is used; an access scope may target that application.
  'terraform-managed-apps': {
    files: ['terraform-managed-apps/main.tf'],
    findings: [['issuer-unused terraform-managed-apps/main.tf:24:31', "trusted token issuer 'forgotten'"]],
  },
  // Root variables are unknown, not missing: a templated redirect URI counts as present and is not judged.
  'terraform-unknown-values': {
    files: ['terraform-unknown-values/main.tf'],
    findings: [
      ['iam-auth-method-missing terraform-unknown-values/main.tf:11:1', "application 'web' has grants"],
      ['input-skipped terraform-unknown-values/main.tf:12:30', 'instance_arn: `${var.instance_arn}` is only known when Terraform runs'],
      ['input-skipped terraform-unknown-values/main.tf:27:24', 'redirect_uris[0]: `${var.domain}` is only known when Terraform runs'],
    ],
  },
  // A plan: for_each instances, a child module, unknown ARNs read back from the configuration's references, a
  // known ARN of an existing application, a deleted grant (not linted).
  'plan-portal': {
    files: ['plan-portal/portal.tfplan.json'],
    findings: [
      ['iam-auth-method-missing plan-portal/portal.tfplan.json:38:9', "application 'portal-web' has grants"],
      ['redirect-uri-insecure plan-portal/portal.tfplan.json:81:78', "redirect URI 2 of application 'portal-web' sends the authorization code over plain http"],
      ['iam-auth-method-missing plan-portal/portal.tfplan.json:126:13', "application 'reports' has grants"],
      ['assignment-required-without-assignments plan-portal/portal.tfplan.json:138:25', "application 'reports' requires assignments"],
      ['redirect-uris-required plan-portal/portal.tfplan.json:152:71', "'RedirectUris'"],
    ],
  },
  // A plan without Identity Center resources is clean when named, and not read at all when walked.
  'plan-no-identity-center/plan.json': { files: ['plan-no-identity-center/plan.json'], findings: [] },
  'plan-no-identity-center': { files: [], findings: [] },
};

const key = (f: Finding): string => `${f.ruleId} ${f.location.file}:${f.location.line}:${f.location.column}`;

describe('real-world Terraform shapes lint with exactly the expected findings', () => {
  for (const [path, expected] of Object.entries(TABLE)) {
    it(path, async () => {
      const report = await lintPaths([path], { cwd: ROOT });
      expect(report.files).toEqual(expected.files);
      expect(report.findings.map(key)).toEqual(expected.findings.map(([k]) => k));
      report.findings.forEach((f, i) => expect(f.message, key(f)).toContain(expected.findings[i]![1]));
    }, 60_000);
  }

  it('reads every resource of the fixtures it claims to (good cases are read, not skipped)', async () => {
    const { loadConfigFile } = await import('../../inputs/load.js');
    const managed = await loadConfigFile(join(ROOT, 'terraform-managed-apps/main.tf'));
    expect(managed.model.managedApplications.map((m) => [m.name, m.scopes, m.authorizedTokenIssuers.map((a) => a.issuer?.name)])).toEqual([
      ['aws_redshift_idc_application.warehouse', ['lakeformation:query'], ['okta']],
    ]);
    expect(managed.model.applications[0]!.accessScopes[0]!.targets[0]).toMatchObject({ ref: 'aws_redshift_idc_application.warehouse', resolution: 'external' });

    const plan = await loadConfigFile(join(ROOT, 'plan-portal/portal.tfplan.json'));
    expect(plan.kind).toBe('plan');
    const web = plan.model.index.applicationByName.get('portal-web')!;
    expect(web.assignmentRequired).toBe(false);
    expect(web.grants.map((g) => g.grantType)).toEqual(['authorization_code', 'urn:ietf:params:oauth:grant-type:jwt-bearer']);
    expect(web.grants[1]!.authorizedTokenIssuers![0]).toMatchObject({ ref: 'okta', resolution: 'name', audiences: ['portal'] });
    expect(plan.model.index.applicationByName.get('reports')!.grants).toHaveLength(1);
    expect(plan.model.applications.flatMap((a) => a.grants.map((g) => g.grantType))).not.toContain('implicit');
  });
});
