/**
 * The Terraform readers on the shapes public code uses: literal evaluation in .tf files, local modules, the
 * provider's grant and authentication-method resources, AWS-managed applications, and plan JSON. Each case
 * has a bad input that fires and a good one that does not.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintLoaded, lintPaths } from '../../linter/index.js';
import { InputError } from '../../model/errors.js';
import { loadConfigFile } from '../../inputs/load.js';
import { readHclFiles } from '../../inputs/terraform/hcl.js';

/** A directory of files (path → text), for readers that walk. */
function tree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-tf-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  return dir;
}

const INSTANCE = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
const app = (name: string, extra = '') => `resource "aws_ssoadmin_application" "${name}" {
  instance_arn             = "${INSTANCE}"
  name                     = "${name}"
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
${extra}}
`;
const rules = async (dir: string, path = '.') => (await lintPaths([path], { cwd: dir })).findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line}`);

describe('literal evaluation in .tf files', () => {
  const grant = (uris: string) => `${app('web')}
locals {
  host = "web.example.com"
  uris = ${uris}
}
resource "aws_ssoadmin_application_grant" "code" {
  application_arn = aws_ssoadmin_application.web.arn
  grant_type      = "authorization_code"
  grant {
    authorization_code {
      redirect_uris = concat(local.uris, [format("https://%s/alt", local.host)])
    }
  }
}
`;

  it('a redirect URI built from literal locals is checked (bad fires, good does not)', async () => {
    const bad = tree({ 'main.tf': grant('["http://${local.host}/cb"]') });
    expect(await rules(bad)).toContain('redirect-uri-insecure main.tf:16');
    const good = tree({ 'main.tf': grant('["https://${local.host}/cb"]') });
    expect((await rules(good)).filter((r) => r.startsWith('redirect-uri'))).toEqual([]);
    const loaded = await loadConfigFile(join(good, 'main.tf'));
    expect(loaded.model.applications[0]!.grants[0]!.redirectUris).toEqual(['https://web.example.com/cb', 'https://web.example.com/alt']);
    expect(loaded.notes).toEqual([]);
  });

  it('an unknown list element is a hole past the known ones: the list is not empty, and a known element is still checked', async () => {
    const dir = tree({ 'main.tf': grant('["https://*.${var.domain}/cb", "http://legacy.example.com/cb"]') });
    const loaded = await loadConfigFile(join(dir, 'main.tf'));
    const g = loaded.model.applications[0]!.grants[0]!;
    expect(g.redirectUris).toEqual(['http://legacy.example.com/cb', 'https://web.example.com/alt']);
    expect(loaded.model.unknown.hasUnknownParts([...g.pointer, 'Grant', 'AuthorizationCode', 'RedirectUris'])).toBe(true);
    expect(loaded.model.unknown.isUnknown([...g.pointer, 'Grant', 'AuthorizationCode', 'RedirectUris', 0])).toBe(false);
    const ids = lintLoaded(loaded).findings.map((f) => f.ruleId);
    expect(ids).toContain('redirect-uri-insecure');
    expect(ids).not.toContain('redirect-uris-required');
    expect(ids).not.toContain('redirect-uri-invalid'); // the wildcard host is in the unknown element: not judged
  });

  it('a dynamic block over a literal list makes one block per element', async () => {
    const dir = tree({
      'main.tf': `${app('web')}
resource "aws_ssoadmin_trusted_token_issuer" "idp" {
  for_each                  = toset(["okta", "entra"])
  instance_arn              = "${INSTANCE}"
  name                      = each.key
  trusted_token_issuer_type = "OIDC_JWT"
  trusted_token_issuer_configuration {
    oidc_jwt_configuration {
      issuer_url                    = lookup({ okta = "https://dev-1.okta.com", entra = "https://login.example.com/v2.0" }, each.key)
      claim_attribute_path          = "email"
      identity_store_attribute_path = "emails.value"
      jwks_retrieval_option         = "OPEN_ID_DISCOVERY"
    }
  }
}
resource "aws_ssoadmin_application_grant" "jwt" {
  application_arn = aws_ssoadmin_application.web.arn
  grant_type      = "urn:ietf:params:oauth:grant-type:jwt-bearer"
  grant {
    jwt_bearer {
      dynamic "authorized_token_issuers" {
        for_each = ["okta"]
        content {
          trusted_token_issuer_arn = aws_ssoadmin_trusted_token_issuer.idp[authorized_token_issuers.value].arn
          authorized_audiences     = ["web"]
        }
      }
    }
  }
}
`,
    });
    const loaded = await loadConfigFile(join(dir, 'main.tf'));
    expect(loaded.notes).toEqual([]);
    expect(loaded.model.issuers.map((i) => [i.name, i.oidc?.issuerUrl])).toEqual([
      ['entra', 'https://login.example.com/v2.0'],
      ['okta', 'https://dev-1.okta.com'],
    ]);
    expect(loaded.model.applications[0]!.grants[0]!.authorizedTokenIssuers!.map((a) => a.issuer?.name)).toEqual(['okta']);
    // Bad: entra is authorized nowhere. Good: okta is, through the dynamic block.
    const found = lintLoaded(loaded).findings.filter((f) => f.ruleId === 'issuer-unused');
    expect(found.map((f) => f.resource)).toEqual(['trustedTokenIssuers/entra']);
    // The grant's issuer is located at the dynamic block's content.
    expect(loaded.model.positions.locate(['applications', 0, 'Grants', 0, 'Grant', 'JwtBearer', 'AuthorizedTokenIssuers', 0, 'TrustedTokenIssuerArn'])).toMatchObject({ line: 29 });
  });

  it('for_each over a variable is noted, naming why', async () => {
    const input = await readHclFiles([join(tree({ 'main.tf': app('web', '  for_each = var.apps\n') }), 'main.tf')]);
    expect(input.notes!.map((n) => n.message)).toEqual([
      'skipped aws_ssoadmin_application.web: `for_each` makes instances that only Terraform can expand (`${var.apps}` is only known when Terraform runs)',
    ]);
    expect(input.raw.applications).toBeUndefined();
  });
});

describe('a resource that cannot be expanded', () => {
  it('is skipped with a note, and may still use an issuer (no issuer-unused)', async () => {
    const issuer = `resource "aws_ssoadmin_trusted_token_issuer" "okta" {
  instance_arn              = "${INSTANCE}"
  name                      = "okta"
  trusted_token_issuer_type = "OIDC_JWT"
  trusted_token_issuer_configuration {
    oidc_jwt_configuration {
      issuer_url                    = "https://dev-1.okta.com"
      claim_attribute_path          = "email"
      identity_store_attribute_path = "emails.value"
      jwks_retrieval_option         = "OPEN_ID_DISCOVERY"
    }
  }
}
`;
    const grants = `${app('web')}
resource "aws_ssoadmin_application_grant" "jwt" {
  for_each        = var.audiences
  application_arn = aws_ssoadmin_application.web.arn
  grant_type      = "urn:ietf:params:oauth:grant-type:jwt-bearer"
  grant {
    jwt_bearer {
      authorized_token_issuers {
        trusted_token_issuer_arn = aws_ssoadmin_trusted_token_issuer.okta.arn
        authorized_audiences     = [each.value]
      }
    }
  }
}
`;
    const alone = lintLoaded(await loadConfigFile(join(tree({ 'main.tf': issuer }), 'main.tf'))).findings.map((f) => f.ruleId);
    expect(alone).toContain('issuer-unused');
    const loaded = await loadConfigFile(join(tree({ 'main.tf': issuer + grants }), 'main.tf'));
    expect(loaded.notes.map((n) => n.message)).toEqual([expect.stringContaining('skipped aws_ssoadmin_application_grant.jwt: `for_each` makes instances that only Terraform can expand (`${var.audiences}`')]);
    expect(lintLoaded(loaded).findings.map((f) => f.ruleId)).not.toContain('issuer-unused');
  });
});

describe('local modules', () => {
  const module = `variable "name" {
  type = string
}
variable "callback" {
  type    = string
  default = "https://app.example.com/cb"
}
${app('this').replace('"this"\n', '"this"\n').replace('name                     = "this"', 'name                     = var.name')}
resource "aws_ssoadmin_application_grant" "code" {
  application_arn = aws_ssoadmin_application.this.arn
  grant_type      = "authorization_code"
  grant {
    authorization_code {
      redirect_uris = [var.callback]
    }
  }
}
`;

  it('are followed with the literal inputs they are given, and their variables’ defaults', async () => {
    const bad = tree({ 'main.tf': 'module "a" {\n  source   = "./mod"\n  name     = "alpha"\n  callback = "http://alpha.example.com/cb"\n}\n', 'mod/main.tf': module });
    expect(await rules(bad)).toContain('redirect-uri-insecure mod/main.tf:19');
    const good = tree({ 'main.tf': 'module "a" {\n  source = "./mod"\n  name   = "alpha"\n}\n', 'mod/main.tf': module });
    const report = await lintPaths(['.'], { cwd: good });
    expect(report.files).toEqual(['main.tf', 'mod/main.tf']);
    expect(report.findings.filter((f) => f.ruleId.startsWith('redirect-uri'))).toEqual([]);
    // The module is linted through its call (with name = "alpha"), not also alone with unknown variables.
    expect(report.findings.filter((f) => f.ruleId === 'input-skipped')).toEqual([]);
    expect(report.findings.map((f) => f.resource)).toContain('applications/alpha');
  });

  it('with count are followed once per instance; a module that calls itself is noted', async () => {
    const dir = tree({ 'main.tf': 'module "a" {\n  count  = 2\n  source = "./mod"\n  name   = "app-${count.index}"\n}\n', 'mod/main.tf': module });
    const loaded = await readHclFiles([join(dir, 'main.tf')]);
    expect(loaded.raw.applications!.map((a) => a.Name)).toEqual(['app-0', 'app-1']);
    const loop = tree({ 'main.tf': 'module "again" {\n  source = "./"\n}\n' + app('web') });
    const looped = await readHclFiles([join(loop, 'main.tf')]);
    expect(looped.notes!.map((n) => n.message)).toEqual([expect.stringContaining('module.again was not followed: it would call itself')]);
  });

  it('a directory holding only a module call is linted; a registry module gets a note', async () => {
    const dir = tree({ 'main.tf': 'module "idc" {\n  source = "example/identity-center-apps/aws"\n}\n' });
    const report = await lintPaths(['.'], { cwd: dir });
    expect(report.files).toEqual(['main.tf']);
    expect(report.findings.map((f) => `${f.ruleId} ${f.message}`)).toEqual([expect.stringMatching(/^input-skipped module\.idc was not followed: its source 'example\/identity-center-apps\/aws'/)]);
    // A module call that has nothing to do with Identity Center is not an input.
    const unrelated = tree({ 'main.tf': 'module "vpc" {\n  source = "terraform-aws-modules/vpc/aws"\n}\n' });
    expect((await lintPaths(['.'], { cwd: unrelated })).files).toEqual([]);
  });
});

describe('resources as the provider ships them', () => {
  const methodAnd = (action: string) => `${app('web')}
resource "aws_ssoadmin_application_grant" "jwt" {
  application_arn = aws_ssoadmin_application.web.arn
  grant_type      = "urn:ietf:params:oauth:grant-type:jwt-bearer"
  grant {
    jwt_bearer {
      authorized_token_issuers {
        trusted_token_issuer_arn = "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666"
        authorized_audiences     = ["web"]
      }
    }
  }
}
resource "aws_ssoadmin_application_authentication_method" "iam" {
  application_arn            = aws_ssoadmin_application.web.arn
  authentication_method_type = "IAM"
  authentication_method {
    iam {
      actor_policy = jsonencode({
        Version   = "2012-10-17"
        Statement = [{ Effect = "Allow", Principal = { AWS = "arn:aws:iam::111122223333:role/web" }, Action = "${action}", Resource = "*" }]
      })
    }
  }
}
`;

  it('the grant block: authorization_code / jwt_bearer as the provider ships them, and empty refresh_token {} / token_exchange {} blocks', async () => {
    const dir = tree({
      'main.tf': `${app('web')}
resource "aws_ssoadmin_application_grant" "refresh" {
  application_arn = aws_ssoadmin_application.web.arn
  grant_type      = "refresh_token"
  grant {
    refresh_token {}
  }
}
resource "aws_ssoadmin_application_grant" "exchange" {
  application_arn = aws_ssoadmin_application.web.arn
  grant_type      = "urn:ietf:params:oauth:grant-type:token-exchange"
}
resource "aws_ssoadmin_application_grant" "mismatch" {
  application_arn = aws_ssoadmin_application.web.arn
  grant_type      = "authorization_code"
  grant {
    jwt_bearer {
      authorized_token_issuers {
        trusted_token_issuer_arn = "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666"
      }
    }
  }
}
`,
    });
    const loaded = await loadConfigFile(join(dir, 'main.tf'));
    // (hcl2json orders resources by name: exchange, mismatch, refresh.)
    expect(loaded.model.applications[0]!.grants.map((g) => [g.grantType, g.members])).toEqual([
      ['urn:ietf:params:oauth:grant-type:token-exchange', ['TokenExchange']],
      ['authorization_code', ['JwtBearer']],
      ['refresh_token', ['RefreshToken']],
    ]);
    // Bad: the mismatched grant's block does not match its type. Good: the other two.
    expect(lintLoaded(loaded).findings.filter((f) => f.ruleId === 'grant-union-mismatch').map((f) => f.resource)).toEqual(['applications/web/Grants/1']);
  });

  it('permission sets (nothing to do with TIP) get no note; an Identity Center type tipkit does not know gets one per type', async () => {
    const ps = (name: string) => `resource "aws_ssoadmin_permission_set" "${name}" {\n  instance_arn = "${INSTANCE}"\n  name         = "${name}"\n}\n`;
    // A type the provider may add later: tipkit says it did not read it rather than stay silent.
    const future = (name: string) => `resource "aws_ssoadmin_application_session_policy" "${name}" {\n  instance_arn = "${INSTANCE}"\n}\n`;
    const dir = tree({
      'permission-sets/main.tf': ps('admin') + ps('viewer'),
      'future/main.tf': future('a') + future('b'),
      'network/main.tf': 'resource "aws_vpc" "main" {\n  cidr_block = "10.0.0.0/16"\n}\n',
    });
    const report = await lintPaths(['.'], { cwd: dir });
    expect(report.files).toEqual(['future/main.tf', 'permission-sets/main.tf']);
    expect(report.findings.map((f) => `${f.ruleId} ${f.location.file}:${f.location.line} ${f.message}`)).toEqual([
      expect.stringMatching(/^input-skipped future\/main\.tf:1 aws_ssoadmin_application_session_policy is not read by tipkit \(2 resources\)/),
    ]);
  });

  it('an actor policy written with jsonencode({...}) is read as the policy (wrong action fires, right one does not)', async () => {
    const bad = await loadConfigFile(join(tree({ 'main.tf': methodAnd('sso:CreateTokenWithIAM') }), 'main.tf'));
    expect(bad.model.applications[0]!.authenticationMethods[0]!.actorPolicy).toMatchObject({ Version: '2012-10-17' });
    expect(lintLoaded(bad).findings.filter((f) => f.ruleId === 'actor-policy-no-create-token').map((f) => f.location.line)).toEqual([24]);
    const good = await loadConfigFile(join(tree({ 'main.tf': methodAnd('sso-oauth:CreateTokenWithIAM') }), 'main.tf'));
    expect(lintLoaded(good).findings.map((f) => f.ruleId)).not.toContain('actor-policy-no-create-token');
    expect(lintLoaded(good).findings.map((f) => f.ruleId)).not.toContain('iam-auth-method-missing');
  });
});

describe('Terraform JSON (cdktf synth output) gets the same evaluation', () => {
  it('for_each over a literal map and a local expands to instances; a variable for_each is noted', async () => {
    const doc = {
      locals: { callbacks: { web: 'http://web.example.com/cb', api: 'https://api.example.com/cb' } },
      resource: {
        aws_ssoadmin_application: {
          portal: { for_each: '${local.callbacks}', name: 'portal-${each.key}', instance_arn: INSTANCE, application_provider_arn: 'arn:aws:sso::aws:applicationProvider/custom' },
          later: { for_each: '${var.apps}', name: '${each.key}', instance_arn: INSTANCE, application_provider_arn: 'arn:aws:sso::aws:applicationProvider/custom' },
        },
        aws_ssoadmin_application_grant: {
          code: {
            for_each: '${local.callbacks}',
            application_arn: '${aws_ssoadmin_application.portal[each.key].arn}',
            grant_type: 'authorization_code',
            grant: { authorization_code: { redirect_uris: ['${each.value}'] } },
          },
        },
      },
    };
    const loaded = await loadConfigFile(join(tree({ 'cdk.tf.json': JSON.stringify(doc, null, 2) }), 'cdk.tf.json'));
    expect(loaded.model.applications.map((a) => [a.name, a.grants[0]?.redirectUris])).toEqual([
      ['portal-api', ['https://api.example.com/cb']],
      ['portal-web', ['http://web.example.com/cb']],
    ]);
    expect(loaded.notes.map((n) => n.message)).toEqual([expect.stringContaining('skipped aws_ssoadmin_application.later: `for_each` makes instances')]);
    const insecure = lintLoaded(loaded).findings.filter((f) => f.ruleId === 'redirect-uri-insecure');
    expect(insecure.map((f) => f.resource)).toEqual(['applications/portal-web/Grants/0']);
  });
});

describe('Terraform plan JSON', () => {
  const plan = (resources: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ format_version: '1.2', terraform_version: '1.9.8', planned_values: { root_module: { resources } }, ...extra }, null, 2);
  const application = (name: string) => ({
    address: `aws_ssoadmin_application.${name}`,
    mode: 'managed',
    type: 'aws_ssoadmin_application',
    name,
    values: { name, instance_arn: INSTANCE, application_provider_arn: 'arn:aws:sso::aws:applicationProvider/custom', client_token: null },
  });

  it('is recognized by content whatever its name when named, and by name when walked', async () => {
    const dir = tree({ 'out/whatever.json': plan([application('web')]), 'ci/plan.json': plan([application('ci')]), 'ci/other.json': plan([application('other')]) });
    expect((await lintPaths(['out/whatever.json'], { cwd: dir })).findings.map((f) => f.resource)).toContain('applications/web');
    const walked = await lintPaths(['.'], { cwd: dir });
    expect(walked.files).toEqual(['ci/plan.json']);
    const loaded = await loadConfigFile(join(dir, 'out/whatever.json'));
    expect(loaded.kind).toBe('plan');
    expect(loaded.violations).toEqual([]);
  });

  it('the state `terraform show -json` prints (values.root_module) is read like a plan', async () => {
    const state = JSON.stringify({ format_version: '1.0', terraform_version: '1.9.8', values: { root_module: { resources: [application('deployed')] } } });
    const loaded = await loadConfigFile(join(tree({ 'state.json': state }), 'state.json'));
    expect(loaded.kind).toBe('plan');
    expect(loaded.model.applications.map((a) => a.name)).toEqual(['deployed']);
    expect(lintLoaded(loaded).findings.map((f) => f.ruleId)).toContain('assignment-required-without-assignments');
  });

  it('a plan with no Identity Center resources is clean; an unsupported format version is bad input', async () => {
    const dir = tree({ 'empty.json': plan([{ address: 'aws_s3_bucket.b', mode: 'managed', type: 'aws_s3_bucket', name: 'b', values: { bucket: 'b' } }]), 'v2.json': plan([]).replace('"1.2"', '"2.0"') });
    expect(await lintPaths(['empty.json'], { cwd: dir })).toMatchObject({ findings: [], summary: { errors: 0, warnings: 0, notes: 0, files: 1 } });
    await expect(lintPaths(['v2.json'], { cwd: dir })).rejects.toThrow(InputError);
    await expect(lintPaths(['v2.json'], { cwd: dir })).rejects.toThrow(/format_version '2\.0'/);
  });

  it('an unknown value the configuration does not tie to a plan resource is a hole, not missing', async () => {
    const grant = {
      address: 'aws_ssoadmin_application_grant.code',
      mode: 'managed',
      type: 'aws_ssoadmin_application_grant',
      name: 'code',
      values: { grant_type: 'authorization_code', grant: [{ authorization_code: [{ redirect_uris: ['https://a.example.com/cb'] }] }] },
    };
    const changes = {
      resource_changes: [
        {
          address: 'aws_ssoadmin_application_grant.code',
          type: 'aws_ssoadmin_application_grant',
          name: 'code',
          change: { actions: ['create'], after: {}, after_unknown: { application_arn: true, grant: [{ authorization_code: [{ redirect_uris: [false, true] }] }] } },
        },
      ],
      configuration: {
        root_module: {
          resources: [
            {
              address: 'aws_ssoadmin_application_grant.code',
              expressions: { application_arn: { references: ['aws_ssoadmin_application.web.arn', 'aws_ssoadmin_application.web'] } },
            },
          ],
        },
      },
    };
    const dir = tree({ 'plan.json': plan([application('web'), grant], changes) });
    const loaded = await loadConfigFile(join(dir, 'plan.json'));
    const web = loaded.model.applications[0]!;
    expect(web.grants[0]!.redirectUris).toEqual(['https://a.example.com/cb']);
    expect(loaded.model.unknown.hasUnknownParts(web.grants[0]!.pointer)).toBe(true);
    expect(loaded.notes.map((n) => n.message)).toEqual([expect.stringContaining('redirect_uris[1]: `${(known after apply)}`')]);
  });
});

const terraform = ['/usr/local/bin/terraform', '/usr/bin/terraform'].find((p) => existsSync(p));

describe.skipIf(!terraform)('a plan written by terraform itself (skipped: no terraform binary)', () => {
  it('is recognized by content and, holding no Identity Center resources, is clean', async () => {
    // Only the built-in terraform_data provider: no registry, no network.
    const dir = tree({
      'main.tf': 'locals {\n  keys = toset(["a", "b"])\n}\nresource "terraform_data" "a" {\n  for_each = local.keys\n  input    = each.key\n}\nresource "terraform_data" "b" {\n  for_each = local.keys\n  input    = [terraform_data.a[each.key].id, "x"]\n}\n',
    });
    const env = { ...process.env, TF_CLI_CONFIG_FILE: '/dev/null', CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1' };
    const run = (...args: string[]) => spawnSync(terraform!, args, { cwd: dir, env, encoding: 'utf8' });
    expect(run('init', '-input=false').status).toBe(0);
    expect(run('plan', '-input=false', '-out=tfplan').status).toBe(0);
    const shown = run('show', '-json', 'tfplan');
    expect(shown.status).toBe(0);
    writeFileSync(join(dir, 'out.json'), shown.stdout);
    const loaded = await loadConfigFile(join(dir, 'out.json'));
    expect(loaded.kind).toBe('plan');
    expect(loaded.violations).toEqual([]);
    expect(await lintPaths(['out.json'], { cwd: dir })).toMatchObject({ findings: [], summary: { errors: 0, warnings: 0, notes: 0, files: 1 } });
  }, 120_000);
});
