/**
 * identity-center-instance-arn-invalid: what an Identity Center–integrated service resource gives as the instance
 * ARN must be one. Read from Terraform (aws and awscc) and CloudFormation, so the cases are files, not tipkit.yaml.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../../linter/index.js';
import { instanceArnProblem } from '../../../linter/rules/identity-center-instance-arn-invalid.js';

const RULE = 'identity-center-instance-arn-invalid';
const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';

async function lintFile(name: string, text: string): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-idc-arn-'));
  writeFileSync(join(dir, name), text);
  const { findings } = await lintPaths([name], { cwd: dir });
  return findings.filter((f) => f.ruleId === RULE).map((f) => `${f.location.line}:${f.location.column} ${f.message}`);
}

const terraform = (type: string, body: string) => `resource "${type}" "svc" {\n${body}\n}\n`;

describe(RULE, () => {
  const rows: { name: string; file: string; text: string; fires?: RegExp; at?: string }[] = [
    { name: 'Redshift: an identity store id', file: 'main.tf', text: terraform('aws_redshift_idc_application', '  idc_instance_arn = "d-9067e2ee1a"'), fires: /identity store id/, at: '2:22' },
    { name: 'Q Business: empty', file: 'main.tf', text: terraform('aws_qbusiness_application', '  identity_center_instance_arn = ""'), fires: /it is empty/, at: '2:34' },
    {
      name: 'S3 Access Grants: an application ARN',
      file: 'main.tf',
      text: terraform('aws_s3control_access_grants_instance', '  identity_center_arn = "arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1111222233334444"'),
      fires: /application ARN/,
      at: '2:25',
    },
    {
      name: 'Athena: nested blocks, something else',
      file: 'main.tf',
      text: terraform('aws_athena_workgroup', '  name = "wg"\n  configuration {\n    identity_center_configuration {\n      enable_identity_center       = true\n      identity_center_instance_arn = "ssoins-7223e2ee1a2b3c4d"\n    }\n  }'),
      fires: /not an Identity Center instance ARN/,
      at: '6:38',
    },
    { name: 'awscc DataZone: an identity store id', file: 'main.tf', text: terraform('awscc_datazone_domain', '  single_sign_on = {\n    idc_instance_arn = "d-9067e2ee1a"\n  }'), fires: /identity store id/ },
    {
      name: 'CloudFormation Q Business: an identity store id',
      file: 'template.yaml',
      text: 'Resources:\n  Assistant:\n    Type: AWS::QBusiness::Application\n    Properties:\n      DisplayName: assistant\n      IdentityCenterInstanceArn: d-9067e2ee1a\n',
      fires: /identity store id/,
      at: '6:34',
    },
    { name: 'good: the instance ARN', file: 'main.tf', text: terraform('aws_redshift_idc_application', `  idc_instance_arn = "${INSTANCE}"`) },
    { name: 'good: unknown (a variable) is not judged', file: 'main.tf', text: `variable "instance" {\n  type = string\n}\n${terraform('aws_qbusiness_application', '  identity_center_instance_arn = var.instance')}` },
    {
      name: 'good: CloudFormation !Ref is not judged',
      file: 'template.yaml',
      text: 'Parameters:\n  Instance:\n    Type: String\nResources:\n  Assistant:\n    Type: AWS::QBusiness::Application\n    Properties:\n      IdentityCenterInstanceArn: !Ref Instance\n',
    },
  ];
  for (const row of rows) {
    it(row.name, async () => {
      const found = await lintFile(row.file, row.text);
      if (!row.fires) return expect(found).toEqual([]);
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(row.fires);
      if (row.at) expect(found[0]!.startsWith(`${row.at} `), found[0]).toBe(true);
    });
  }

  it('says why for each kind of wrong value', () => {
    expect(instanceArnProblem(INSTANCE)).toBeUndefined();
    expect(instanceArnProblem('arn:aws-us-gov:sso:::instance/ssoins-7223e2ee1a2b3c4d')).toBeUndefined();
    expect(instanceArnProblem(' ')).toBe('it is empty');
    expect(instanceArnProblem('d-9067e2ee1a')).toMatch(/identity store id/);
  });
});
