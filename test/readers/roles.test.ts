/** Roles read from Terraform (HCL and Terraform JSON), the cdktf IamRole binding, and CloudFormation (spec §9). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { foreignToRaw } from '../../inputs/foreign.js';
import { fromRawInput, loadConfigFile, parseDocumentFile } from '../../inputs/index.js';
import { lintPaths } from '../../linter/index.js';

describe('aws_iam_role in HCL', () => {
  it('reads literal, jsonencode and aws_iam_policy_document trust policies, inline policies, and the services that assume a role with identity context', async () => {
    const { model, notes } = await loadConfigFile('test/fixtures/hcl/roles/main.tf');
    const byName = (n: string) => model.roles.find((r) => r.name === n)!;
    expect(model.roles.map((r) => r.name).sort()).toEqual(['DataReader', 'access-grants-location', 'from-variable', 'swapped', 'web-app-identity-bearer']);
    expect(byName('DataReader')).toMatchObject({ maxSessionDuration: 7200, trustPolicy: { Statement: [{ Action: 'sts:AssumeRole', Principal: { AWS: 'arn:aws:iam::111122223333:role/PortalBackend' } }] } });
    expect(byName('DataReader').permissionPolicies[0]).toMatchObject({ name: 's3', document: { Statement: [{ Action: 's3:GetDataAccess' }] } });
    expect(byName('web-app-identity-bearer').trustPolicy).toEqual({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'transfer.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
    expect(byName('web-app-identity-bearer').identityContext).toEqual({ reason: 'the role of aws_transfer_web_app.files', servicePrincipal: 'transfer.amazonaws.com' });
    expect(byName('access-grants-location').identityContext).toEqual({ reason: 'the role of aws_s3control_access_grants_location.data', servicePrincipal: 'access-grants.s3.amazonaws.com' });
    expect(byName('access-grants-location').trustPolicy!.Statement).toEqual([{ Effect: 'Allow', Principal: { Service: 'access-grants.s3.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:SetSourceIdentity', 'sts:SetContext'] }]);
    expect(byName('from-variable').trustPolicy).toBeUndefined();
    expect(byName('from-variable').unknownParts).toBe(true);
    expect(notes.map((n) => n.message)).toContainEqual(expect.stringMatching(/^skipped aws_iam_role\.from_variable\.assume_role_policy: .*var\.trust/));
  });

  it('lints them: SetContext missing where a flow or service assumes with identity context, swapped policies; nothing for what cannot be read', async () => {
    const { findings } = await lintPaths(['test/fixtures/hcl/roles']);
    const roleFindings = findings.filter((f) => f.ruleId.startsWith('role-')).map((f) => `${f.ruleId} ${f.resource} ${f.location.line}`);
    expect(roleFindings.sort()).toEqual(['role-policies-swapped roles/swapped 72', 'role-trust-no-set-context roles/web-app-identity-bearer 37']);
  });
});

describe('AWS::IAM::Role in CloudFormation', () => {
  it('reads the roles and the services that assume them with identity context; an intrinsic is skipped as unknown', async () => {
    const file = 'test/fixtures/foreign/cloudformation-roles.yaml';
    const doc = parseDocumentFile(file);
    const { model, notes } = fromRawInput('cloudformation', foreignToRaw(doc.value, doc.positions, file));
    expect(model.roles.map((r) => [r.name, r.identityContext?.servicePrincipal])).toEqual([
      ['web-app-identity-bearer', 'transfer.amazonaws.com'],
      ['LocationRole', 'access-grants.s3.amazonaws.com'],
    ]);
    expect(model.roles[1]!.permissionPolicies).toEqual([]);
    expect(model.roles[1]!.unknownParts).toBe(true);
    expect(notes.map((n) => `${n.line} ${n.message}`)).toEqual(['31 skipped LocationRole.Policies: an intrinsic function is only resolved when CloudFormation deploys']);
  });

  it('lints them: the web app role lacks sts:SetContext (at its statement), the location role is clean', async () => {
    const { findings } = await lintPaths(['test/fixtures/foreign/cloudformation-roles.yaml']);
    expect(findings.map((f) => `${f.location.line}:${f.location.column} ${f.ruleId} ${f.resource}`)).toEqual(['13:21 role-trust-no-set-context roles/web-app-identity-bearer', '31:9 input-skipped (input)']);
  });
});

describe('IamRole in a cdktf app (read statically)', () => {
  it('reads the example main.ts role with its trust policy (JSON.stringify of literals) and inline policy', async () => {
    const { model, notes } = await loadConfigFile('examples/identity-enhanced-session/main.ts');
    expect(notes).toEqual([]);
    expect(model.roles).toHaveLength(1);
    expect(model.roles[0]).toMatchObject({ name: 'DataReader', maxSessionDuration: 7200, trustPolicy: { Statement: [{ Action: ['sts:AssumeRole', 'sts:SetContext'] }] } });
    expect(model.roles[0]!.permissionPolicies[0]!.name).toBe('s3-access-grants');
  });
});

describe('aws_iam_role in Terraform JSON', () => {
  it('reads a literal JSON trust policy as cdktf synthesizes it, and the web app that assumes the role', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tipkit-roles-'));
    const trust = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/P' }, Action: 'sts:AssumeRole' }] };
    writeFileSync(
      join(dir, 'cdk.tf.json'),
      JSON.stringify({
        resource: {
          aws_iam_role: { web: { name: 'web-app', assume_role_policy: JSON.stringify(trust) } },
          aws_transfer_web_app: { files: { identity_provider_details: { identity_center_config: { instance_arn: 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d', role: '${aws_iam_role.web.arn}' } } } },
        },
      }),
    );
    const { model } = await loadConfigFile(join(dir, 'cdk.tf.json'));
    expect(model.roles.map((r) => ({ name: r.name, trust: r.trustPolicy, by: r.identityContext?.servicePrincipal }))).toEqual([{ name: 'web-app', trust, by: 'transfer.amazonaws.com' }]);
    rmSync(dir, { recursive: true, force: true });
  });
});
