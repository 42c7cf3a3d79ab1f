/**
 * Root module variables take what `terraform plan` would give them: terraform.tfvars and *.auto.tfvars beside
 * the module, `--var-file`, `--var`, else the default, else unknown; module inputs and defaults pass through
 * the declared type (optional() attributes filled in). Checked through `tipkit lint` as a user runs it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runMain } from '../hardening/support.js';

const MODULE = `variable "callback_host" {
  type = string
}

variable "apps" {
  type = map(object({
    name     = string
    wildcard = optional(bool, false)
  }))
  default = {}
}

resource "aws_ssoadmin_application" "app" {
  for_each                 = var.apps
  instance_arn             = "arn:aws:sso:::instance/ssoins-1f2e3d4c5b6a7980"
  name                     = each.value.name
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
}

resource "aws_ssoadmin_application_grant" "code" {
  for_each        = aws_ssoadmin_application.app
  application_arn = each.value.arn
  grant_type      = "authorization_code"
  grant {
    authorization_code {
      redirect_uris = [var.apps[each.key].wildcard ? "https://*.\${var.callback_host}/cb" : "https://\${var.callback_host}/cb"]
    }
  }
}
`;

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

async function lint(files: Record<string, string>, args: string[] = []): Promise<{ code: number; findings: string[]; stderr: string }> {
  dir = mkdtempSync(join(tmpdir(), 'tipkit-tfvars-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  const run = await runMain(['lint', '.', '--format', 'json', ...args], dir);
  const findings = run.stdout ? (JSON.parse(run.stdout) as { findings: { ruleId: string; message: string }[] }).findings.map((f) => `${f.ruleId}: ${f.message}`) : [];
  return { code: run.code, findings, stderr: run.stderr };
}

const about = (findings: string[], rule: string): string[] => findings.filter((f) => f.startsWith(`${rule}:`));

describe('root variables as terraform plan takes them', () => {
  it('without values: the for_each over a variable with an empty default makes no instance, the host stays unknown', async () => {
    const { findings } = await lint({ 'main.tf': MODULE });
    expect(about(findings, 'redirect-uri-invalid')).toEqual([]);
    expect(findings.filter((f) => f.includes('aws_ssoadmin_application'))).toEqual([]);
  });

  it('--var-file: the instances it declares are linted, optional() defaults applied, the wildcard URI caught', async () => {
    const vars = 'apps = {\n  web = { name = "web" }\n  wild = { name = "wild", wildcard = true }\n}\ncallback_host = "example.com"\n';
    const { code, findings } = await lint({ 'main.tf': MODULE, 'dev.tfvars': vars }, ['--var-file', 'dev.tfvars']);
    expect(about(findings, 'redirect-uri-invalid')).toHaveLength(1);
    expect(about(findings, 'redirect-uri-invalid')[0]).toMatch(/application 'wild' contains a wildcard/);
    expect(code).toBe(1);
  });

  it('terraform.tfvars beside the module is read as Terraform reads it; --var wins over it', async () => {
    const tfvars = 'apps = { wild = { name = "wild", wildcard = true } }\ncallback_host = "example.com"\n';
    const fromFile = await lint({ 'main.tf': MODULE, 'terraform.tfvars': tfvars });
    expect(about(fromFile.findings, 'redirect-uri-invalid')[0]).toMatch(/application 'wild' contains a wildcard/);
    const overridden = await lint({ 'main.tf': MODULE, 'terraform.tfvars': tfvars }, ['--var', 'apps={ wild = { name = "wild" } }']);
    expect(about(overridden.findings, 'redirect-uri-invalid')).toEqual([]);
  });

  it('a --var-file that does not exist, or a --var that is not NAME=VALUE, is bad input: one line, exit 2', async () => {
    const missing = await lint({ 'main.tf': MODULE }, ['--var-file', 'nope.tfvars']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/nope\.tfvars/);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    const bad = await lint({ 'main.tf': MODULE }, ['--var', 'no-equals-sign']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--var "no-equals-sign": expected NAME=VALUE/);
  });

  it('a value that does not fit the declared type leaves the variable unknown, with the reason', async () => {
    const { findings } = await lint({ 'main.tf': MODULE }, ['--var', 'apps={ web = { wildcard = true } }']);
    expect(findings.some((f) => /attribute "name" is required/.test(f) || /var\.apps/.test(f))).toBe(true);
    expect(about(findings, 'redirect-uri-invalid')).toEqual([]);
  });
});

describe('module outputs', () => {
  const app = `resource "aws_ssoadmin_application" "app" {
  instance_arn             = "arn:aws:sso:::instance/ssoins-1f2e3d4c5b6a7980"
  name                     = "app"
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
}
`;
  const grant = (uris: string) => `resource "aws_ssoadmin_application_grant" "code" {
  application_arn = aws_ssoadmin_application.app.arn
  grant_type      = "authorization_code"
  grant {
    authorization_code {
      redirect_uris = ${uris}
    }
  }
}
`;
  const urls = 'variable "host" {\n  type = string\n}\noutput "callbacks" {\n  value = ["https://${var.host}/cb", "https://*.${var.host}/cb"]\n}\n';

  it('module.NAME.OUTPUT is the output the module computes from its inputs', async () => {
    const root = `module "urls" {\n  source = "./urls"\n  host   = "example.com"\n}\n${app}${grant('module.urls.callbacks')}`;
    const { findings } = await lint({ 'main.tf': root, 'urls/main.tf': urls });
    expect(about(findings, 'redirect-uri-invalid')).toEqual(["redirect-uri-invalid: redirect URI 2 of application 'app' contains a wildcard (*); redirect URIs are compared exactly"]);
  });

  it('under for_each, module.NAME is an object of the instances\' outputs', async () => {
    const root = `module "urls" {\n  for_each = toset(["a.example.com", "b.example.com"])\n  source   = "./urls"\n  host     = each.key\n}\n${app}${grant('[module.urls["a.example.com"].callbacks[0], module.urls["b.example.com"].callbacks[1]]')}`;
    const { findings } = await lint({ 'main.tf': root, 'urls/main.tf': urls });
    expect(about(findings, 'redirect-uri-invalid')).toEqual(["redirect-uri-invalid: redirect URI 2 of application 'app' contains a wildcard (*); redirect URIs are compared exactly"]);
    expect(findings.filter((f) => /only known when Terraform runs/.test(f))).toEqual([]);
  });
});

describe('why a value is unknown', () => {
  it('a Terraform type error makes the value unknown, never a wrong value, and the note gives the reason', async () => {
    const tf = `resource "aws_ssoadmin_application" "app" {
  instance_arn             = "arn:aws:sso:::instance/ssoins-1f2e3d4c5b6a7980"
  name                     = "app"
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
}
resource "aws_ssoadmin_application_grant" "code" {
  application_arn = aws_ssoadmin_application.app.arn
  grant_type      = "authorization_code"
  grant {
    authorization_code {
      redirect_uris = ["https://ok.example.com/cb", true ? "https://*.example.com/cb" : ["x"]]
    }
  }
}
`;
    const { findings } = await lint({ 'main.tf': tf });
    expect(about(findings, 'redirect-uri-invalid')).toEqual([]);
    expect(findings.filter((f) => /Inconsistent conditional result types/.test(f))).toHaveLength(1);
  });
});
