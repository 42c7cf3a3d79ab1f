/**
 * AWS CDK (aws-cdk-lib) Cfn classes read statically as their CloudFormation twins (issue 19, item 4): an app with
 * sso.CfnApplication and CfnApplicationAssignment lints as the template it synthesizes to.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths, type Finding } from '../../linter/index.js';
import { readTypeScriptFiles } from '../../inputs/typescript/index.js';

const ROOT = resolve(import.meta.dirname, '../fixtures/real-world/aws-cdk-sso');
const essence = (findings: Finding[]) => findings.map((f) => `${f.ruleId} ${f.resource} ${f.message}`).sort();

describe('AWS CDK Cfn classes', () => {
  it('become the CloudFormation resources they synthesize to, with references by Fn::GetAtt', async () => {
    const input = await readTypeScriptFiles([resolve(ROOT, 'app.ts')]);
    expect(input.notes).toEqual([]);
    expect(input.raw.instance).toMatchObject({ InstanceArn: 'arn:aws:sso:::instance/ssoins-1111222233334444' });
    expect(input.raw.applications).toEqual([
      expect.objectContaining({ Name: 'portal', ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom', Assignments: [{ PrincipalType: 'GROUP', PrincipalId: '' }] }),
    ]);
    // Located at the TypeScript that wrote them.
    expect(input.positions.locate(['applications', 0, 'Assignments', 0, 'PrincipalId'])).toMatchObject({ line: 20, column: 16 });
  });

  it('lint the same as the synthesized template', async () => {
    const ts = await lintPaths(['app.ts'], { cwd: ROOT });
    const cfn = await lintPaths(['template.yaml'], { cwd: ROOT });
    expect(cfn.findings.length).toBeGreaterThan(0);
    expect(essence(ts.findings)).toEqual(essence(cfn.findings));
  });

  it('a directory walk finds an AWS CDK app by its imports and Cfn classes (and the template beside it)', async () => {
    const walked = await lintPaths(['.'], { cwd: ROOT });
    expect(walked.files).toContain('app.ts');
    expect(walked.files).not.toContain('not-cdk.ts');
    const named = await lintPaths(['app.ts'], { cwd: ROOT });
    expect(essence(walked.findings.filter((f) => f.location.file === 'app.ts'))).toEqual(essence(named.findings));
  });

  it('a Cfn class from another library, or a class named CfnApplication of the project, is not read', async () => {
    const input = await readTypeScriptFiles([resolve(import.meta.dirname, '../fixtures/real-world/aws-cdk-sso/not-cdk.ts')]);
    expect(input.raw.applications).toBeUndefined();
  });

  it('iam.CfnRole is read as AWS::IAM::Role: the role a Transfer web app assumes with identity context is checked as in the template', async () => {
    const root = resolve(import.meta.dirname, '../fixtures/real-world/aws-cdk-iam');
    const ts = await lintPaths(['app.ts'], { cwd: root });
    const cfn = await lintPaths(['template.yaml'], { cwd: root });
    const checked = (findings: Finding[]) => essence(findings.filter((f) => f.ruleId !== 'input-skipped'));
    expect(checked(ts.findings)).toEqual(['role-trust-no-set-context roles/web-app-identity-bearer ' + ts.findings[0]!.message]);
    expect(checked(ts.findings)).toEqual(checked(cfn.findings));
  });

  it('an L2 iam.Role is read with the trust policy its assumedBy makes; one whose trust policy the code changes later is unknown', async () => {
    const root = resolve(import.meta.dirname, '../fixtures/real-world/aws-cdk-iam');
    const l2 = await lintPaths(['app-l2.ts'], { cwd: root });
    expect(l2.findings.map((f) => `${f.ruleId} ${f.resource} ${f.location.line}:${f.location.column}`)).toEqual([
      'role-trust-no-set-context roles/web-app-identity-bearer 13:14',
      'input-skipped (input) 24:22',
    ]);
    expect(l2.findings[1]!.message).toContain('the code changes it after creating the role');
    // The web app's role is judged as the Cfn twin judges it.
    const cfn = await lintPaths(['app.ts'], { cwd: root });
    expect(l2.findings[0]!.message).toBe(cfn.findings.find((f) => f.ruleId === 'role-trust-no-set-context')!.message);
  });

  it('in an app with tipkit constructs too, a Cfn application whose Name is unknown is named by its logical id', async () => {
    const { loadConfigFile } = await import('../../inputs/index.js');
    const loaded = await loadConfigFile(resolve(import.meta.dirname, '../fixtures/real-world/aws-cdk-mixed/app.ts'));
    expect(loaded.model.applications.map((a) => a.name)).toEqual(['portal', 'Reports']);
  });
});
