/**
 * Say less (issue 19 item 5): text and github output summarize values only Terraform or CloudFormation can know in
 * one line (--show-skipped lists them); JSON and SARIF keep them as notes; notes the user can act on stay.
 * And CloudFormation templates are found by content, and a template without Identity Center resources is clean.
 */
import { describe, expect, it } from 'vitest';
import { project, runInProcess } from './run.js';

const TF = `variable "portal_arn" {
  type = string
}

resource "aws_ssoadmin_application_access_scope" "a" {
  application_arn = var.portal_arn
  scope           = "redshift:connect"
}

resource "aws_ssoadmin_application_assignment" "b" {
  application_arn = var.portal_arn
  principal_id    = var.principal
  principal_type  = "USER"
}
`;

describe('values only Terraform can know', () => {
  it('text: one summary line instead of a note per value; --show-skipped lists them', async () => {
    const dir = project({ 'main.tf': TF });
    const quiet = await runInProcess(['lint'], dir);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain('input-skipped');
    expect(quiet.stdout).toContain('0 problems (0 errors, 0 warnings, 0 notes) in 1 file');
    expect(quiet.stdout).toContain('2 values only Terraform or CloudFormation can know were not checked (--show-skipped lists them)');
    const listed = await runInProcess(['lint', '--show-skipped'], dir);
    expect(listed.stdout.match(/input-skipped/g)).toHaveLength(2);
    expect(listed.stdout).not.toContain('--show-skipped lists them');
  });

  it('github: one ::notice line; json and sarif keep every note', async () => {
    const dir = project({ 'main.tf': TF });
    const github = await runInProcess(['lint', '--format', 'github'], dir);
    expect(github.stdout.trim().split('\n')).toEqual(['::notice::2 values only Terraform or CloudFormation can know were not checked (--show-skipped lists them)']);
    const json = JSON.parse((await runInProcess(['lint', '--format', 'json'], dir)).stdout) as { findings: { ruleId: string }[] };
    expect(json.findings.map((f) => f.ruleId)).toEqual(['input-skipped', 'input-skipped']);
    const sarif = JSON.parse((await runInProcess(['lint', '--format', 'sarif'], dir)).stdout) as { runs: { results: { ruleId: string; level: string }[] }[] };
    expect(sarif.runs[0]!.results.map((r) => [r.ruleId, r.level])).toEqual([
      ['input-skipped', 'note'],
      ['input-skipped', 'note'],
    ]);
  });

  it('a function tipkit does not evaluate keeps its note, and says which', async () => {
    const dir = project({
      'main.tf': `resource "aws_ssoadmin_application" "a" {\n  name                     = "portal"\n  instance_arn             = "arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d"\n  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"\n  description              = "\${someday_function("x")}"\n}\n`,
    });
    const text = (await runInProcess(['lint'], dir)).stdout;
    expect(text).toContain('`someday_function` is not a function tipkit evaluates');
  });

  it('a directory holding only a module call whose source is missing says so', async () => {
    const dir = project({ 'live/main.tf': 'module "sso" {\n  source = "../modules/sso"\n}\n' });
    const result = await runInProcess(['lint'], dir);
    expect(result.stderr).not.toContain('no tipkit config');
    expect(result.stdout).toContain('module `sso`: source `../modules/sso` not found');
    expect(result.stdout).toContain('live/main.tf');
  });
});

const EMPTY_TEMPLATE = 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  Bucket:\n    Type: AWS::S3::Bucket\n';
const SSO_TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Portal:
    Type: AWS::SSO::Application
    Properties:
      Name: !Sub "\${AWS::StackName}-portal"
      InstanceArn: arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d
      ApplicationProviderArn: arn:aws:sso::aws:applicationProvider/custom
  Everyone:
    Type: AWS::SSO::ApplicationAssignment
    Properties:
      ApplicationArn: !GetAtt Portal.ApplicationArn
      PrincipalType: EVERYONE
      PrincipalId: 906753f0-e0f1-70b2-e3a6-6b3a4e7b1c4d
`;

describe('CloudFormation templates', () => {
  it('a named template without Identity Center resources is clean in every format (exit 0, a normal report)', async () => {
    const dir = project({ 'stack.yaml': EMPTY_TEMPLATE });
    for (const format of ['text', 'json', 'sarif', 'github']) {
      const result = await runInProcess(['lint', '--format', format, 'stack.yaml'], dir);
      expect(result.code, format).toBe(0);
      expect(result.stderr, format).toBe('');
      if (format === 'json') expect(JSON.parse(result.stdout)).toMatchObject({ findings: [], summary: { errors: 0, files: 1 } });
      if (format === 'sarif') expect((JSON.parse(result.stdout) as { runs: { results: unknown[] }[] }).runs[0]!.results).toEqual([]);
      if (format === 'text') expect(result.stdout).toContain('0 problems (0 errors, 0 warnings, 0 notes) in 1 file');
    }
  });

  it('a walk finds templates by content, lints those with Identity Center resources, names applications by logical id', async () => {
    const dir = project({ 'infra/sso.yml': SSO_TEMPLATE, 'infra/bucket.yaml': EMPTY_TEMPLATE, 'notes.yaml': 'title: not a template\n' });
    const result = await runInProcess(['lint', '--format', 'json'], dir);
    const report = JSON.parse(result.stdout) as { summary: { files: number }; findings: { ruleId: string; message: string; resource?: string; location: { file: string } }[] };
    expect(report.summary.files).toBe(1);
    expect([...new Set(report.findings.map((f) => f.location.file))]).toEqual(['infra/sso.yml']);
    expect(report.findings.filter((f) => f.ruleId === 'schema-violation').map((f) => f.resource)).toEqual(['applications/Portal/Assignments/0']);
    expect(report.findings.map((f) => f.message).join('\n')).not.toContain("'#0'");
  });
});
