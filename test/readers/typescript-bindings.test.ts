/**
 * cdktf provider bindings (`new SsoadminApplication(this, id, config)` & co.) read statically: where they may
 * be imported from, how their config maps onto Terraform attributes, and how references between them resolve.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../inputs/load.js';
import { lintLoaded } from '../../linter/index.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';

function file(text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-bindings-'));
  const path = join(dir, 'main.ts');
  writeFileSync(path, text);
  return path;
}

const application = (cls: string, extra = ''): string =>
  `new ${cls}(this, 'portal', { name: 'portal', applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom', instanceArn: '${INSTANCE}'${extra} });`;

describe('where provider bindings are imported from', () => {
  const forms: [string, string, string][] = [
    ['a prebuilt package submodule', `import { SsoadminApplication } from '@cdktf/provider-aws/lib/ssoadmin-application';`, application('SsoadminApplication')],
    ['the cdktn fork', `import { SsoadminApplication } from '@cdktn/provider-aws/lib/ssoadmin-application';`, application('SsoadminApplication')],
    ['a cdktf get folder', `import { SsoadminApplication } from './.gen/providers/aws/ssoadmin-application';`, application('SsoadminApplication')],
    ['the package index as a namespace', `import * as aws from '@cdktf/provider-aws';`, application('aws.ssoadminApplication.SsoadminApplication')],
    ['a namespace named from the index', `import { ssoadminApplication } from '@cdktf/provider-aws';`, application('ssoadminApplication.SsoadminApplication')],
    ['an alias', `import { SsoadminApplication as App } from '@cdktf/provider-aws/lib/ssoadmin-application';`, application('App')],
  ];
  for (const [name, imports, statement] of forms) {
    it(name, async () => {
      const loaded = await loadConfigFile(file(`${imports}\ndeclare const stack: any;\nclass S { constructor() { ${statement} } }\n`));
      expect(loaded.model.applications.map((a) => a.name)).toEqual(['portal']);
      expect(loaded.model.instance.instanceArn).toBe(INSTANCE);
    });
  }

  it('a class of the same name from elsewhere is not a provider binding', async () => {
    const loaded = await loadConfigFile(file(`import { SsoadminApplication } from './my-wrappers';\nclass S { constructor() { ${application('SsoadminApplication')} } }\n`));
    expect(loaded.model.applications).toEqual([]);
  });

  it('a provider class tipkit has nothing to say about is not read at all', async () => {
    const loaded = await loadConfigFile(file(`import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';\nclass S { constructor() { new S3Bucket(this, 'b', { bucket: process.env.B }); } }\n`));
    expect(loaded.notes).toEqual([]);
  });
});

describe('config → Terraform attributes', () => {
  it('nested blocks as arrays or objects, tags verbatim, references by attribute', async () => {
    const loaded = await loadConfigFile(
      file(`import { SsoadminApplication } from '@cdktf/provider-aws/lib/ssoadmin-application';
import { SsoadminTrustedTokenIssuer } from '@cdktf/provider-aws/lib/ssoadmin-trusted-token-issuer';
import { SsoadminApplicationGrant } from './.gen/providers/aws/ssoadmin-application-grant';
class S {
  constructor() {
    const issuer = new SsoadminTrustedTokenIssuer(this, 'okta', {
      name: 'okta-prod',
      instanceArn: '${INSTANCE}',
      trustedTokenIssuerType: 'OIDC_JWT',
      trustedTokenIssuerConfiguration: { oidcJwtConfiguration: { claimAttributePath: 'email', identityStoreAttributePath: 'emails.value', issuerUrl: 'https://example.okta.com', jwksRetrievalOption: 'OPEN_ID_DISCOVERY' } },
    });
    const app = ${application('SsoadminApplication', ", tags: { 'cost-center': 'A1', teamName: 'x' }")}
    new SsoadminApplicationGrant(this, 'jwt', {
      applicationArn: app.arn,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      grant: [{ jwtBearer: [{ authorizedTokenIssuers: [{ trustedTokenIssuerArn: issuer.arn, authorizedAudiences: ['portal'] }] }] }],
    });
  }
}
`),
    );
    expect(loaded.violations).toEqual([]);
    const [app] = loaded.model.applications;
    expect(app!.tags).toEqual([
      { Key: 'cost-center', Value: 'A1' },
      { Key: 'teamName', Value: 'x' },
    ]);
    expect(app!.grants[0]!.authorizedTokenIssuers![0]).toMatchObject({ ref: 'okta-prod', resolution: 'name' });
    expect(loaded.model.issuers[0]!.oidc?.issuerUrl).toBe('https://example.okta.com');
  });

  it('findings point at the TypeScript that wrote the value', async () => {
    const loaded = await loadConfigFile(
      file(`import { SsoadminTrustedTokenIssuer } from '@cdktf/provider-aws/lib/ssoadmin-trusted-token-issuer';
class S {
  constructor() {
    new SsoadminTrustedTokenIssuer(this, 'okta', {
      name: 'okta',
      instanceArn: '${INSTANCE}',
      trustedTokenIssuerType: 'OIDC_JWT',
      trustedTokenIssuerConfiguration: [{ oidcJwtConfiguration: [{ claimAttributePath: 'email', identityStoreAttributePath: 'emails.value',
        issuerUrl: 'http://example.okta.com', jwksRetrievalOption: 'OPEN_ID_DISCOVERY' }] }],
    });
  }
}
`),
    );
    const finding = lintLoaded(loaded).findings.find((f) => f.ruleId === 'issuer-url-invalid');
    expect(finding?.location).toMatchObject({ line: 9, column: 20 });
  });

  it('a value only known when the code runs is noted once, in TypeScript terms, and is not missing', async () => {
    const loaded = await loadConfigFile(
      file(`import { SsoadminApplication } from '@cdktf/provider-aws/lib/ssoadmin-application';
class S { constructor() { new SsoadminApplication(this, 'portal', { name: 'portal', applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom', instanceArn: process.env.ARN! }); } }
`),
    );
    expect(loaded.violations).toEqual([]);
    expect(loaded.notes).toHaveLength(1);
    expect(loaded.notes[0]!.message).toContain('process.env.ARN');
  });

  it('tipkit constructs and provider bindings in one app are one configuration', async () => {
    const loaded = await loadConfigFile(
      file(`import { SsoadminTrustedTokenIssuer } from '@cdktf/provider-aws/lib/ssoadmin-trusted-token-issuer';
import { IdentityCenterApplication, ApplicationGrant } from 'tipkit';
declare const stack: any;
const okta = new SsoadminTrustedTokenIssuer(stack, 'okta', {
  name: 'okta', instanceArn: '${INSTANCE}', trustedTokenIssuerType: 'OIDC_JWT',
  trustedTokenIssuerConfiguration: [{ oidcJwtConfiguration: [{ claimAttributePath: 'email', identityStoreAttributePath: 'emails.value', issuerUrl: 'https://example.okta.com', jwksRetrievalOption: 'OPEN_ID_DISCOVERY' }] }],
});
const app = new IdentityCenterApplication(stack, 'portal', { instanceArn: '${INSTANCE}', name: 'portal', assignmentRequired: false });
new ApplicationGrant(stack, 'jwt', { application: app, grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer', grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: okta, authorizedAudiences: ['portal'] }] } } });
`),
    );
    expect(loaded.model.issuers.map((i) => i.name)).toEqual(['okta']);
    expect(loaded.model.applications[0]!.grants[0]!.authorizedTokenIssuers![0]).toMatchObject({ resolution: 'name' });
    expect(lintLoaded(loaded).findings.map((f) => f.ruleId)).not.toContain('issuer-unused');
  });

  it('a grant made in a loop keeps the application from being called grant-less or its issuer unused', async () => {
    const source = (loop: boolean): string => `import { SsoadminTrustedTokenIssuer } from '@cdktf/provider-aws/lib/ssoadmin-trusted-token-issuer';
import { SsoadminApplicationGrant } from './.gen/providers/aws/ssoadmin-application-grant';
declare const stack: any;
declare const apps: string[];
new SsoadminTrustedTokenIssuer(stack, 'okta', {
  name: 'okta', instanceArn: '${INSTANCE}', trustedTokenIssuerType: 'OIDC_JWT',
  trustedTokenIssuerConfiguration: [{ oidcJwtConfiguration: [{ claimAttributePath: 'email', identityStoreAttributePath: 'emails.value', issuerUrl: 'https://example.okta.com', jwksRetrievalOption: 'OPEN_ID_DISCOVERY' }] }],
});
${loop ? `for (const arn of apps) new SsoadminApplicationGrant(stack, arn, { applicationArn: arn, grantType: 'refresh_token' });` : ''}
`;
    expect(lintLoaded(await loadConfigFile(file(source(false)))).findings.map((f) => f.ruleId)).toContain('issuer-unused');
    expect(lintLoaded(await loadConfigFile(file(source(true)))).findings.map((f) => f.ruleId)).not.toContain('issuer-unused');
  });
});
