// config → deployed into serve through the real SDK → `tipkit pull` → the same config (ARNs aside); then one grant
// changed through the SDK → `tipkit drift` reports exactly that change; missing and unexpected resources too.
import { mkdtempSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateApplicationCommand,
  DeleteApplicationAccessScopeCommand,
  DeleteApplicationAssignmentCommand,
  PutApplicationAccessScopeCommand,
  PutApplicationGrantCommand,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfigFile } from '../../inputs/load.js';
import { ensureDistBuilt } from '../helpers/cli.js';
import { INSTANCE, canonicalOf, deployWithSdk, fixtures, runCliAsync, startServe, withoutArns, type Serve } from './helpers.js';

const declaredFile = join(fixtures, 'declared.yaml');
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
let serve: Serve;
let arns: Awaited<ReturnType<typeof deployWithSdk>>;
const work = mkdtempSync(join(tmpdir(), 'tipkit-pull-'));

beforeAll(async () => {
  ensureDistBuilt();
  serve = await startServe();
  arns = await deployWithSdk(serve, declaredFile);
}, 180_000);
afterAll(async () => {
  await serve?.close();
  rmSync(work, { recursive: true, force: true });
});

const live = (...args: string[]) => ['--instance-arn', INSTANCE, '--endpoint', serve.emulator.url, ...args];

describe('pull', () => {
  it('writes a schema-valid config equal to the deployed one, ARNs aside', async () => {
    const out = join(work, 'pulled.yaml');
    const r = await runCliAsync(['pull', ...live('--out', out)], { env: serve.env });
    expect(r.stderr).toContain('pulled 2 trusted token issuer(s), 3 application(s) and 0 AWS-managed application(s)');
    expect(r.code).toBe(0);
    const loaded = await loadConfigFile(out);
    expect(loaded.violations).toEqual([]);
    expect(withoutArns(await canonicalOf(out))).toEqual(withoutArns(await canonicalOf(declaredFile)));

    // The live ARNs are written, and references by Name (issuers, targets, users and groups), not ARN or id.
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`ApplicationArn: ${arns.applications.get('portal')}`);
    expect(text).toContain(`TrustedTokenIssuerArn: ${arns.issuers.get('corp-idp')}`);
    expect(text).toMatch(/TrustedTokenIssuerArn: corp-idp\n/);
    expect(text).toMatch(/AuthorizedTargets:\n\s+- query-app\n/);
    expect(text).toMatch(/PrincipalId: analysts\n/);
    expect(text).toMatch(/PrincipalId: bob\n/);
    expect(text.startsWith(`# Pulled by tipkit pull from ${INSTANCE} (eu-west-1).`)).toBe(true);
  });

  it('writes a file lint reads as it reads the declared one, and drift finds in sync', async () => {
    const out = join(work, 'pulled-for-lint.yaml');
    expect((await runCliAsync(['pull', ...live('--out', out, '--quiet')], { env: serve.env })).code).toBe(0);
    const rules = async (file: string) => {
      const r = await runCliAsync(['lint', file, '--format', 'json']);
      expect(r.code).not.toBe(2);
      return (JSON.parse(r.stdout) as { findings: { ruleId: string }[] }).findings.map((f) => f.ruleId).sort();
    };
    expect(await rules(out)).toEqual(await rules(declaredFile));
    const drift = await runCliAsync(['drift', out, '--endpoint', serve.emulator.url], { env: serve.env });
    expect([drift.code, drift.stdout]).toEqual([0, expect.stringMatching(/^in sync: /)]);
  });

  it('prints to stdout without --out, and keeps principal ids with --ids', async () => {
    const r = await runCliAsync(['pull', ...live('--ids')], { env: serve.env });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/PrincipalId: g-analysts\n/);
    expect(r.stdout).toMatch(/PrincipalId: 5e5e5e-bob\n/);
  });

  it('takes the endpoint from AWS_ENDPOINT_URL_SSO_ADMIN / AWS_ENDPOINT_URL_IDENTITYSTORE as the SDK does', async () => {
    const url = serve.emulator.url;
    const r = await runCliAsync(['pull', '--instance-arn', INSTANCE], { env: { ...serve.env, AWS_ENDPOINT_URL_SSO_ADMIN: url, AWS_ENDPOINT_URL_IDENTITYSTORE: url } });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Name: portal');
  });

  it('refuses, writing nothing, an instance the credentials do not see, bad credentials, or no credentials', async () => {
    const out = join(work, 'never.yaml');
    const other = await runCliAsync(['pull', '--instance-arn', 'arn:aws:sso:::instance/ssoins-0000000000000001', '--endpoint', serve.emulator.url, '--out', out], { env: serve.env });
    expect(other.code).toBe(2);
    expect(other.stderr).toMatch(/^tipkit: instance arn:aws:sso:::instance\/ssoins-0000000000000001 is not among the 1 instance\(s\)/);
    const denied = await runCliAsync(['pull', ...live('--out', out)], { env: { ...serve.env, AWS_SECRET_ACCESS_KEY: 'not-the-secret' } });
    expect(denied.code).toBe(2);
    expect(denied.stderr).toMatch(/^tipkit: pull: An error occurred \(\w+\) when calling the ListInstances operation: /);
    const anonymous = await runCliAsync(['pull', ...live('--out', out)], { env: { ...serve.env, AWS_ACCESS_KEY_ID: undefined, AWS_SECRET_ACCESS_KEY: undefined } });
    expect(anonymous.code).toBe(2);
    expect(anonymous.stderr).toMatch(/Unable to locate credentials/);
    expect(existsSync(out)).toBe(false);
    writeFileSync(join(work, 'a-file'), '');
    const unwritable = await runCliAsync(['pull', ...live('--out', join(work, 'a-file', 'pulled.yaml'))], { env: serve.env });
    expect([unwritable.code, unwritable.stderr]).toEqual([2, expect.stringMatching(/(^|\n)tipkit: .*a-file\/pulled\.yaml: cannot write the output file \((ENOTDIR|EEXIST)\); nothing was written\n$/)]);
    const usage = await runCliAsync(['pull', '--endpoint', serve.emulator.url], { env: serve.env });
    expect([usage.code, usage.stderr]).toEqual([2, 'tipkit: pull: --instance-arn is required (see: tipkit pull --help)\n']);
  });
});

describe('drift', () => {
  it('is in sync right after the deploy (exit 0), in text and json', async () => {
    const text = await runCliAsync(['drift', declaredFile, ...live()], { env: serve.env });
    // Only notes (serve may not answer ListTagsForResource: then tags are said to be unread, not compared).
    expect(text.stderr).toMatch(/^(drift: note: [^\n]+\n)*$/);
    expect(text.stdout).toMatch(/^in sync: \d+ resource\(s\) of .*declared\.yaml match arn:aws:sso:::instance\/ssoins-5555666677778888\n$/);
    expect(text.code).toBe(0);
    const json = await runCliAsync(['drift', declaredFile, ...live('--format', 'json')], { env: serve.env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ tool: 'tipkit', command: 'drift', inSync: true, resources: [] });
  });

  it('reports exactly the grant changed through the SDK, with both values (exit 1)', async () => {
    const ApplicationArn = arns.applications.get('portal')!;
    const changed = {
      JwtBearer: {
        AuthorizedTokenIssuers: [
          { TrustedTokenIssuerArn: arns.issuers.get('corp-idp')!, AuthorizedAudiences: ['portal-aud', 'someone-elses-aud'] },
          { TrustedTokenIssuerArn: arns.issuers.get('partner-idp')!, AuthorizedAudiences: ['partner-portal'] },
        ],
      },
    };
    await serve.sso.send(new PutApplicationGrantCommand({ ApplicationArn, GrantType: JWT_BEARER, Grant: changed }));
    const r = await runCliAsync(['drift', declaredFile, ...live('--format', 'json')], { env: serve.env });
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout).resources).toEqual([
      {
        kind: 'grant',
        name: `portal/${JWT_BEARER}`,
        status: 'changed',
        changes: [
          {
            path: 'Grant.JwtBearer.AuthorizedTokenIssuers[corp-idp].AuthorizedAudiences',
            declared: ['portal-aud', 'portal-aud-2'],
            live: ['portal-aud', 'someone-elses-aud'],
          },
        ],
      },
    ]);
    const text = await runCliAsync(['drift', declaredFile, ...live()], { env: serve.env });
    expect(text.code).toBe(1);
    expect(text.stdout).toBe(
      [
        `changed     grant portal/${JWT_BEARER}`,
        '    Grant.JwtBearer.AuthorizedTokenIssuers[corp-idp].AuthorizedAudiences',
        '      declared: ["portal-aud","portal-aud-2"]',
        '      live:     ["portal-aud","someone-elses-aud"]',
        '',
        `drift: 1 of ${JSON.parse(r.stdout).compared} resource(s) of ${declaredFile} differ from ${INSTANCE}`,
        '',
      ].join('\n'),
    );
    // Put back: the remaining tests start in sync.
    const declaredGrant = structuredClone(changed);
    declaredGrant.JwtBearer.AuthorizedTokenIssuers[0]!.AuthorizedAudiences = ['portal-aud-2', 'portal-aud'];
    await serve.sso.send(new PutApplicationGrantCommand({ ApplicationArn, GrantType: JWT_BEARER, Grant: declaredGrant }));
    expect((await runCliAsync(['drift', declaredFile, ...live()], { env: serve.env })).code).toBe(0);
  });

  it('reports missing and unexpected resources, and reads --output FILE', async () => {
    const portal = arns.applications.get('portal')!;
    await serve.sso.send(new DeleteApplicationAccessScopeCommand({ ApplicationArn: portal, Scope: 'redshift:connect' }));
    await serve.sso.send(new DeleteApplicationAssignmentCommand({ ApplicationArn: portal, PrincipalId: '5e5e5e-bob', PrincipalType: 'USER' }));
    await serve.sso.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'shadow-app', ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom' }));
    const report = join(work, 'drift.json');
    const r = await runCliAsync(['drift', declaredFile, ...live('--format', 'json', '--output', report)], { env: serve.env });
    expect([r.code, r.stdout]).toEqual([1, '']);
    const { resources } = JSON.parse(readFileSync(report, 'utf8')) as { resources: { kind: string; name: string; status: string }[] };
    expect(resources.map(({ kind, name, status }) => ({ kind, name, status }))).toEqual([
      { kind: 'accessScope', name: 'portal/redshift:connect', status: 'missing' },
      { kind: 'assignment', name: 'portal/USER/bob', status: 'missing' },
      { kind: 'application', name: 'shadow-app', status: 'unexpected' },
    ]);
    await serve.sso.send(new PutApplicationAccessScopeCommand({ ApplicationArn: portal, Scope: 'redshift:connect', AuthorizedTargets: [arns.applications.get('query-app')!] }));
  });

  it('exits 2 on a config that breaks the schema, naming the file and line', async () => {
    const bad = join(work, 'bad.yaml');
    writeFileSync(bad, readFileSync(declaredFile, 'utf8').replace('AssignmentRequired: false', 'AssignmentRequired: nope'));
    const r = await runCliAsync(['drift', bad, ...live()], { env: serve.env });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^tipkit: .*bad\.yaml:\d+:\d+: /);
    expect(r.stdout).toBe('');
  });
});
