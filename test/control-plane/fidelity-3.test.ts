/**
 * Issue 21 (fidelity, round 3), the sso-admin side of `tipkit serve`, through the real @aws-sdk/client-sso-admin.
 * Each test names its source; the choices AWS leaves open are in simulator/README.md ("Decisions").
 */
import {
  CreateApplicationCommand,
  CreateTrustedTokenIssuerCommand,
  DeleteApplicationCommand,
  ListTagsForResourceCommand,
  PutApplicationAccessScopeCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type SSOAdminClient,
} from '@aws-sdk/client-sso-admin';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServeInput } from '../../emulator/load.js';
import { startEmulator, type RunningEmulator } from '../../emulator/server.js';
import { IDENTITY_CENTER_QUOTAS } from '../../model/quotas.js';
import type { TipModel } from '../../model/types.js';
import { applicationArn, principal, writeFixture } from '../emulator/helpers.js';
import { CUSTOM_PROVIDER, adminClient, rejection } from './helpers.js';

const INSTANCE = 'arn:aws:sso:::instance/ssoins-1111222233334444';
const oidc = (url: string) => ({ OidcJwtConfiguration: { IssuerUrl: url, ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY' as const } });

let emulator: RunningEmulator;
let model: TipModel;
let admin: SSOAdminClient;

beforeAll(async () => {
  const fixture = await writeFixture();
  const input = await loadServeInput({ scenario: fixture.scenarioFile, cwd: fixture.dir });
  model = input.model;
  // No quotas given: the control plane enforces Identity Center's own.
  emulator = await startEmulator({ model, scenario: input.scenario, port: 0 });
  admin = adminClient(emulator.url, principal(input.scenario.principals, 'backend'));
});
afterAll(() => emulator?.close());

describe('CreateApplication', () => {
  // sso-admin model, CreateApplication: "This API does not support creating SAML 2.0 customer managed applications or
  // Amazon Web Services managed applications."
  it('refuses an AWS managed application provider (ValidationException) and accepts the custom one', async () => {
    for (const provider of ['arn:aws:sso::aws:applicationProvider/redshift', 'arn:aws:sso::aws:applicationProvider/qbusiness']) {
      const err = await rejection(admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'managed', ApplicationProviderArn: provider })));
      expect(err.name).toBe('ValidationException');
      expect(err.message).toContain('AWS managed application provider');
    }
    const ok = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'customer-managed', ApplicationProviderArn: CUSTOM_PROVIDER }));
    await admin.send(new DeleteApplicationCommand({ ApplicationArn: ok.ApplicationArn }));
  });

  // sso-admin model, CreateTrustedTokenIssuer ClientToken: "If you retry the operation with the same ClientToken, but with
  // different parameters, the retry fails with an IdempotentParameterMismatch error."
  it('a trusted token issuer ClientToken reused with other parameters is IdempotentParameterMismatch (400); the same request returns the first', async () => {
    const request = { InstanceArn: INSTANCE, Name: 'idem-idp', TrustedTokenIssuerType: 'OIDC_JWT' as const, TrustedTokenIssuerConfiguration: oidc('https://idem.example.com'), ClientToken: 'tti-token-1' };
    const first = await admin.send(new CreateTrustedTokenIssuerCommand(request));
    expect((await admin.send(new CreateTrustedTokenIssuerCommand(request))).TrustedTokenIssuerArn).toBe(first.TrustedTokenIssuerArn);
    const err = await rejection(admin.send(new CreateTrustedTokenIssuerCommand({ ...request, TrustedTokenIssuerConfiguration: oidc('https://other-idem.example.com') })));
    expect(err.name).toBe('IdempotentParameterMismatch');
    expect(err.$metadata.httpStatusCode).toBe(400);
  });
});

describe('quotas', () => {
  // IAM Identity Center user guide, trusted token issuers: at most 10 per instance (tip-facts §9).
  it('an instance holds at most 10 trusted token issuers (ServiceQuotaExceededException, 402)', async () => {
    const existing = emulator.controlPlane.snapshot().trustedTokenIssuers.length;
    const limit = IDENTITY_CENTER_QUOTAS.trustedTokenIssuers.limit;
    expect(limit).toBe(10);
    for (let i = existing; i < limit; i++)
      await admin.send(new CreateTrustedTokenIssuerCommand({ InstanceArn: INSTANCE, Name: `idp-${i}`, TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: oidc(`https://idp-${i}.example.com`) }));
    const err = await rejection(admin.send(new CreateTrustedTokenIssuerCommand({ InstanceArn: INSTANCE, Name: 'one-too-many', TrustedTokenIssuerType: 'OIDC_JWT', TrustedTokenIssuerConfiguration: oidc('https://eleven.example.com') })));
    expect(err.name).toBe('ServiceQuotaExceededException');
    expect(err.$metadata.httpStatusCode).toBe(402);
    expect(emulator.controlPlane.snapshot().trustedTokenIssuers).toHaveLength(10);
  });

  // IAM Identity Center user guide, "IAM Identity Center quotas": "Access scopes per application 25" (not adjustable).
  it('an application holds at most 25 access scopes; replacing one of them is not a new one', async () => {
    const { ApplicationArn: arn } = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'scoped', ApplicationProviderArn: CUSTOM_PROVIDER }));
    for (let i = 0; i < 25; i++) await admin.send(new PutApplicationAccessScopeCommand({ ApplicationArn: arn, Scope: `custom:scope_${i}` }));
    await admin.send(new PutApplicationAccessScopeCommand({ ApplicationArn: arn, Scope: 'custom:scope_0', AuthorizedTargets: [applicationArn(model, 'portal')] }));
    const err = await rejection(admin.send(new PutApplicationAccessScopeCommand({ ApplicationArn: arn, Scope: 'custom:scope_25' })));
    expect(err.name).toBe('ServiceQuotaExceededException');
    expect(err.message).toContain('25 access scopes');
  });
});

describe('tags', () => {
  // sso-admin model: TagResource / UntagResource / ListTagsForResource on a TaggableResourceArn (instance, application,
  // trusted token issuer); the Terraform AWS provider reads tags after every create.
  it('tags, lists and untags an application, a trusted token issuer and the instance', async () => {
    const app = await admin.send(new CreateApplicationCommand({ InstanceArn: INSTANCE, Name: 'tagged', ApplicationProviderArn: CUSTOM_PROVIDER, Tags: [{ Key: 'team', Value: 'data' }] }));
    const issuerArn = model.issuers[0]!.arn;
    for (const arn of [app.ApplicationArn!, issuerArn, INSTANCE]) {
      await admin.send(new TagResourceCommand({ InstanceArn: INSTANCE, ResourceArn: arn, Tags: [{ Key: 'env', Value: 'dev' }, { Key: 'owner', Value: 'me' }] }));
      await admin.send(new TagResourceCommand({ InstanceArn: INSTANCE, ResourceArn: arn, Tags: [{ Key: 'env', Value: 'prod' }] }));
      await admin.send(new UntagResourceCommand({ InstanceArn: INSTANCE, ResourceArn: arn, TagKeys: ['owner'] }));
      const { Tags } = await admin.send(new ListTagsForResourceCommand({ InstanceArn: INSTANCE, ResourceArn: arn }));
      const expected = arn === app.ApplicationArn ? [{ Key: 'team', Value: 'data' }, { Key: 'env', Value: 'prod' }] : [{ Key: 'env', Value: 'prod' }];
      expect(Tags).toEqual(expected);
    }
    const missing = await rejection(admin.send(new ListTagsForResourceCommand({ InstanceArn: INSTANCE, ResourceArn: app.ApplicationArn!.replace(/apl-\w{16}$/, 'apl-0000000000000000') })));
    expect(missing.name).toBe('ResourceNotFoundException');
  });

  // TagList in the sso-admin model: at most 75 tags.
  it('a resource holds at most 75 tags (ServiceQuotaExceededException)', async () => {
    const arn = applicationArn(model, 'data-cli');
    const tags = (from: number, n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${from + i}`, Value: 'v' }));
    await admin.send(new TagResourceCommand({ ResourceArn: arn, Tags: tags(0, 75) }));
    const err = await rejection(admin.send(new TagResourceCommand({ ResourceArn: arn, Tags: tags(75, 1) })));
    expect(err.name).toBe('ServiceQuotaExceededException');
    expect((await admin.send(new ListTagsForResourceCommand({ ResourceArn: arn }))).Tags).toHaveLength(75);
  });
});
