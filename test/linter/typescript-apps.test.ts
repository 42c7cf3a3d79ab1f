/**
 * What makes one cdktf configuration (issue 10 item 3): an entry file and what it imports; files a cdktf.json
 * `app` command names together are one app even when they do not import each other.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintPaths } from '../../linter/index.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';

function project(cdktfApp: string | undefined): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-apps-'));
  writeFileSync(join(dir, 'package.json'), '{ "name": "x", "private": true }\n');
  if (cdktfApp) writeFileSync(join(dir, 'cdktf.json'), JSON.stringify({ language: 'typescript', app: cdktfApp }));
  writeFileSync(
    join(dir, 'issuers.ts'),
    `import { TrustedTokenIssuer } from 'tipkit';
declare const stack: any;
new TrustedTokenIssuer(stack, 'okta', { instanceArn: '${INSTANCE}', name: 'okta', trustedTokenIssuerConfiguration: { oidcJwtConfiguration: { issuerUrl: 'https://example.okta.com', claimAttributePath: 'email', identityStoreAttributePath: 'emails.value' } } });
`,
  );
  writeFileSync(
    join(dir, 'apps.ts'),
    `import { IdentityCenterApplication, ApplicationGrant, ApplicationAuthenticationMethod } from 'tipkit';
declare const stack: any;
const app = new IdentityCenterApplication(stack, 'portal', { instanceArn: '${INSTANCE}', name: 'portal', assignmentRequired: false });
new ApplicationGrant(stack, 'jwt', { application: app, grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: 'okta', authorizedAudiences: ['portal'] }] } } });
new ApplicationAuthenticationMethod(stack, 'iam', { application: app, authenticationMethod: { iam: { actorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/P' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } } } });
`,
  );
  return dir;
}

describe('cdktf apps', () => {
  it('two files that do not import each other are two configurations', async () => {
    const ids = (await lintPaths(['.'], { cwd: project(undefined) })).findings.map((f) => `${f.location.file} ${f.ruleId}`);
    expect(ids).toEqual(['apps.ts token-issuer-unresolved', 'issuers.ts issuer-unused']);
  });

  it("files cdktf.json's app names together are one configuration", async () => {
    const ids = (await lintPaths(['.'], { cwd: project('npx ts-node issuers.ts apps.ts') })).findings.map((f) => `${f.location.file} ${f.ruleId}`);
    expect(ids).toEqual([]);
  });
});
