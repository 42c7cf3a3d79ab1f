/**
 * A value a static reader cannot read (a data source, an environment variable) is unknown, not missing:
 * the reader notes it, and the schema does not also report it as a missing member.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../api/model.js';
import { lintLoaded } from '../../linter/index.js';

function file(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-holes-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

describe('values only known at run time', () => {
  it('HCL: instance_arn from a data source is noted, not reported missing', async () => {
    const tf = file(
      'main.tf',
      `data "aws_ssoadmin_instances" "this" {}

resource "aws_ssoadmin_application" "portal" {
  name                     = "portal"
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
  instance_arn             = tolist(data.aws_ssoadmin_instances.this.arns)[0]
}
`,
    );
    const loaded = await loadConfigFile(tf);
    expect(loaded.violations).toEqual([]);
    const { findings } = lintLoaded(loaded);
    expect(findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(findings.find((f) => f.ruleId === 'input-skipped')).toMatchObject({ severity: 'note', location: { line: 6 } });
  });

  it('HCL: no instance section is required (the instance ARN is an attribute of each resource)', async () => {
    const tf = file('main.tf', 'resource "aws_ssoadmin_application" "portal" {\n  name = "portal"\n}\n');
    const loaded = await loadConfigFile(tf);
    expect(loaded.violations.map((v) => v.message)).not.toContainEqual(expect.stringContaining("'InstanceArn'"));
  });

  it('tipkit.yaml: a missing instance is still reported', async () => {
    const yaml = file('tipkit.yaml', 'version: 1\napplications:\n  - Name: portal\n');
    const loaded = await loadConfigFile(yaml);
    expect(loaded.violations.map((v) => v.message)).toContainEqual(expect.stringContaining("'instance'"));
  });

  it('TypeScript: an instanceArn read from the environment is noted, not reported missing', async () => {
    const ts = file(
      'main.ts',
      `import { IdentityCenterApplication } from 'tipkit';
declare const stack: any;
new IdentityCenterApplication(stack, 'portal', {
  instanceArn: process.env.INSTANCE_ARN!,
  name: 'portal',
  assignmentRequired: false,
});
`,
    );
    const loaded = await loadConfigFile(ts);
    expect(loaded.violations).toEqual([]);
    expect(loaded.notes).toHaveLength(1);
    expect(loaded.notes[0]).toMatchObject({ line: 4 });
  });

  it('TypeScript: a redirect URI list with an unreadable item is not reported as too short', async () => {
    const ts = file(
      'main.ts',
      `import { ApplicationGrant, IdentityCenterApplication } from 'tipkit';
declare const stack: any;
const app = new IdentityCenterApplication(stack, 'web', { instanceArn: 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d', name: 'web' });
new ApplicationGrant(stack, 'code', {
  application: app,
  grantType: 'authorization_code',
  grant: { authorizationCode: { redirectUris: [process.env.CALLBACK!] } },
});
`,
    );
    const loaded = await loadConfigFile(ts);
    expect(loaded.violations.filter((v) => v.pointer.includes('RedirectUris'))).toEqual([]);
    expect(loaded.notes.length).toBeGreaterThan(0);
  });
});

describe("Terraform's escapes", () => {
  it('$${ and %%{ are literal text, not interpolations', async () => {
    const tf = file(
      'main.tf',
      `resource "aws_ssoadmin_application" "portal" {
  name                     = "portal"
  description              = "renders $\${user} and %%{if}"
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
  instance_arn             = "arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d"
}
`,
    );
    const loaded = await loadConfigFile(tf);
    expect(loaded.notes).toEqual([]);
    expect(loaded.model.applications[0]!.description).toBe('renders ${user} and %{if}');
  });
});
