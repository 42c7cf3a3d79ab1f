/** A Terraform module directory is one configuration (issue 10 item 3): naming one of its files lints the module. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { lintPaths } from '../../linter/index.js';

it('a .tf file named alone is read with the other files of its directory, as when the directory is linted', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-module-'));
  writeFileSync(
    join(dir, 'issuers.tf'),
    `resource "aws_ssoadmin_trusted_token_issuer" "okta" {
  name                      = "okta"
  instance_arn              = "arn:aws:sso:::instance/ssoins-1111222233334444"
  trusted_token_issuer_type = "OIDC_JWT"
  trusted_token_issuer_configuration {
    oidc_jwt_configuration {
      claim_attribute_path          = "email"
      identity_store_attribute_path = "emails.value"
      issuer_url                    = "https://example.okta.com"
      jwks_retrieval_option         = "OPEN_ID_DISCOVERY"
    }
  }
}
`,
  );
  writeFileSync(
    join(dir, 'apps.tf'),
    `resource "aws_ssoadmin_application" "portal" {
  name                     = "portal"
  application_provider_arn = "arn:aws:sso::aws:applicationProvider/custom"
  instance_arn             = "arn:aws:sso:::instance/ssoins-1111222233334444"
}
resource "aws_ssoadmin_application_grant" "jwt" {
  application_arn = aws_ssoadmin_application.portal.arn
  grant_type      = "urn:ietf:params:oauth:grant-type:jwt-bearer"
  grant {
    jwt_bearer {
      authorized_token_issuers {
        trusted_token_issuer_arn = aws_ssoadmin_trusted_token_issuer.okta.arn
        authorized_audiences     = ["portal"]
      }
    }
  }
}
`,
  );
  const show = (r: Awaited<ReturnType<typeof lintPaths>>) => r.findings.map((f) => `${f.location.file}:${f.location.line} ${f.ruleId}`);
  const named = await lintPaths(['apps.tf'], { cwd: dir });
  const whole = await lintPaths(['.'], { cwd: dir });
  expect(named.files.sort()).toEqual(['apps.tf', 'issuers.tf']);
  expect(show(named)).toEqual(show(whole));
  // The issuer resolves across the two files: no unresolved reference, no unused issuer.
  expect(show(named).join('\n')).not.toMatch(/token-issuer-unresolved|issuer-unused/);
  expect(show(named).length).toBeGreaterThan(0);
});
