// A larger instance: more applications than one ListApplications page, a control plane that throttles, and an
// AWS-managed application. pull pages through, rides out ThrottlingException with the SDK's backoff, reports
// progress on stderr, and lists the AWS-managed application without declaring it.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateApplicationCommand, ListApplicationsCommand, PutApplicationAccessScopeCommand, PutApplicationGrantCommand, SSOAdminClient } from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../emulator/log.js';
import { loadConfigFile } from '../../inputs/load.js';
import { ensureDistBuilt } from '../helpers/cli.js';
import { INSTANCE, REGION, runCliAsync, startServe, type Serve } from './helpers.js';

const APPS = 60;
let serve: Serve;
const log: RequestLogEntry[] = [];
const work = mkdtempSync(join(tmpdir(), 'tipkit-pull-large-'));
let managedArn: string;

beforeAll(async () => {
  ensureDistBuilt();
  serve = await startServe({ config: 'managed.yaml', throttlePerSecond: 40, log: (e) => log.push(e) });
  // The setup rides out the throttle too (it is not what is tested).
  const sso = new SSOAdminClient({ endpoint: serve.emulator.url, region: REGION, credentials: { accessKeyId: serve.env.AWS_ACCESS_KEY_ID!, secretAccessKey: serve.env.AWS_SECRET_ACCESS_KEY! }, maxAttempts: 20 });
  managedArn = (await sso.send(new ListApplicationsCommand({ InstanceArn: INSTANCE }))).Applications!.find((a) => a.Name === 'redshift-warehouse')!.ApplicationArn!;
  for (let i = 0; i < APPS; i++) {
    const name = `app-${String(i).padStart(3, '0')}`;
    const arn = (await sso.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: name, ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom' }))).ApplicationArn!;
    await sso.send(new PutApplicationGrantCommand({ ApplicationArn: arn, GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: [`https://${name}.example.com/cb`] } } }));
    if (i === 0) await sso.send(new PutApplicationAccessScopeCommand({ ApplicationArn: arn, Scope: 'redshift:connect', AuthorizedTargets: [managedArn] }));
  }
  sso.destroy();
}, 120_000);
afterAll(async () => {
  await serve?.close();
  rmSync(work, { recursive: true, force: true });
});

describe('pull of a larger instance', () => {
  it('pages, retries throttled calls, reports progress, and lists the AWS-managed application', async () => {
    const out = join(work, 'pulled.yaml');
    const mark = log.length;
    const r = await runCliAsync(['pull', '--instance-arn', INSTANCE, '--endpoint', serve.emulator.url, '--out', out], { env: serve.env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain(`pull: read 25/${APPS} applications\n`);
    expect(r.stderr).toContain(`pull: read ${APPS}/${APPS} applications\n`);
    expect(r.stderr).toContain(`pulled 0 trusted token issuer(s), ${APPS} application(s) and 1 AWS-managed application(s)`);

    const calls = log.slice(mark);
    expect(calls.filter((e) => e.operation === 'sso-admin:ListApplications' && e.outcome === 'success').length).toBeGreaterThan(1);
    expect(calls.some((e) => e.errorType === 'ThrottlingException')).toBe(true);

    const loaded = await loadConfigFile(out);
    expect(loaded.violations).toEqual([]);
    expect(loaded.model.applications.map((a) => a.name)).toEqual(Array.from({ length: APPS }, (_, i) => `app-${String(i).padStart(3, '0')}`));
    expect(loaded.model.applications.every((a) => a.grants.length === 1)).toBe(true);
    // Not declared (synth would create a new one), listed in the header; the scope that targets it keeps its ARN.
    expect(loaded.model.applications.some((a) => a.name === 'redshift-warehouse')).toBe(false);
    const text = readFileSync(out, 'utf8');
    expect(text).toContain(`#   redshift-warehouse: ${managedArn}  (redshift)\n`);
    expect(loaded.model.applications[0]!.accessScopes[0]!.targets.map((t) => [t.ref, t.resolution])).toEqual([[managedArn, 'external']]);
  });
});
