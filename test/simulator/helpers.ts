/** Shared fixtures for the simulator tests: one config with every grant type, and a scenario runner. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair } from 'jose';
import { loadConfigText } from '../../inputs/load.js';
import type { TipModel } from '../../model/types.js';
import { loadScenarioText, simulate, type RequestResult, type SimulationReport } from '../../simulator/index.js';

export const ISSUER_URL = 'https://idp.example.com/oauth2/default';
export const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const DEVICE_CODE = 'urn:ietf:params:oauth:grant-type:device_code';
export const ACCESS_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:access_token';
export const REFRESH_TOKEN_TYPE = 'urn:ietf:params:oauth:token-type:refresh_token';
export const BACKEND = 'arn:aws:iam::111122223333:role/Backend';

const actorPolicy = (principal: string) => ({
  AuthenticationMethodType: 'IAM',
  AuthenticationMethod: {
    Iam: { ActorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } },
  },
});

/** A config with a jwt-bearer portal, a token-exchange target, a web app (authorization_code) and a device-flow app. */
export function testConfig(overrides: { issuerUrl?: string; claimPath?: string; storePath?: string } = {}): Record<string, unknown> {
  return {
    version: 1,
    instance: { InstanceArn: 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d', IdentityStoreId: 'd-9067642ac7', Region: 'us-east-1' },
    trustedTokenIssuers: [
      {
        Name: 'idp',
        TrustedTokenIssuerType: 'OIDC_JWT',
        TrustedTokenIssuerConfiguration: {
          OidcJwtConfiguration: {
            IssuerUrl: overrides.issuerUrl ?? ISSUER_URL,
            ClaimAttributePath: overrides.claimPath ?? 'email',
            IdentityStoreAttributePath: overrides.storePath ?? 'emails.value',
            JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
          },
        },
      },
    ],
    applications: [
      {
        Name: 'portal',
        Grants: [
          { GrantType: JWT_BEARER, Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: 'idp', AuthorizedAudiences: ['portal-aud'] }] } } },
          { GrantType: 'refresh_token', Grant: { RefreshToken: {} } },
        ],
        AssignmentRequired: true,
        Assignments: [{ PrincipalType: 'GROUP', PrincipalId: 'analysts' }],
        AccessScopes: [{ Scope: 'redshift:connect', AuthorizedTargets: ['warehouse'] }, { Scope: 'lakeformation:query' }],
        AuthenticationMethods: [actorPolicy(BACKEND)],
      },
      {
        Name: 'warehouse',
        Grants: [
          { GrantType: TOKEN_EXCHANGE, Grant: { TokenExchange: {} } },
          { GrantType: 'refresh_token', Grant: { RefreshToken: {} } },
        ],
        AssignmentRequired: false,
        AccessScopes: [{ Scope: 'redshift:connect' }],
        AuthenticationMethods: [actorPolicy(BACKEND)],
      },
      {
        Name: 'lake',
        Grants: [{ GrantType: TOKEN_EXCHANGE, Grant: { TokenExchange: {} } }],
        AssignmentRequired: false,
        AccessScopes: [{ Scope: 'lakeformation:query' }],
        AuthenticationMethods: [actorPolicy(BACKEND)],
      },
      {
        Name: 'web',
        Grants: [{ GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: ['https://web.example.com/cb', 'https://web.example.com/other'] } } }],
        AssignmentRequired: true,
        Assignments: [{ PrincipalType: 'USER', PrincipalId: 'alice' }],
        AccessScopes: [{ Scope: 's3:access_grants:read_write' }],
        AuthenticationMethods: [actorPolicy(BACKEND)],
      },
      {
        Name: 'cli',
        Grants: [{ GrantType: 'refresh_token', Grant: { RefreshToken: {} } }],
        AssignmentRequired: true,
        Assignments: [{ PrincipalType: 'GROUP', PrincipalId: 'analysts' }],
        AccessScopes: [{ Scope: 'sso:account:access' }],
      },
    ],
  };
}

export function testModel(config: Record<string, unknown> = testConfig()): TipModel {
  const loaded = loadConfigText(JSON.stringify(config), 'tipkit.json');
  if (loaded.violations.length) throw new Error(`test config breaks the schema: ${loaded.violations[0]!.message}`);
  return loaded.model;
}

export const NOW = '2026-11-23T12:00:00Z';
export const NOW_S = Date.parse(NOW) / 1000;

export function baseScenario(requests: unknown[], extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    version: 1,
    now: NOW,
    identityStore: {
      Users: [
        { UserId: 'u-alice', UserName: 'alice', Emails: [{ Value: 'alice@example.com', Primary: true }], ExternalIds: [{ Issuer: ISSUER_URL, Id: 'sub-alice' }] },
        { UserId: 'u-bob', UserName: 'bob', Emails: [{ Value: 'bob@example.com' }] },
        { UserId: 'u-twin1', UserName: 'twin1', Emails: [{ Value: 'twin@example.com' }] },
        { UserId: 'u-twin2', UserName: 'twin2', Emails: [{ Value: 'twin@example.com' }] },
      ],
      Groups: [{ GroupId: 'g-analysts', DisplayName: 'analysts', Members: ['alice', 'u-twin1', 'u-twin2'] }],
    },
    issuers: { idp: { generateKey: 'ES256' } },
    principals: { backend: { Arn: BACKEND }, stranger: { Arn: 'arn:aws:iam::999988887777:role/Stranger' } },
    requests,
    ...extra,
  };
}

export async function runScenario(
  requests: unknown[],
  opts: { extra?: Record<string, unknown>; model?: TipModel; allowNetwork?: boolean } = {},
): Promise<SimulationReport> {
  const loaded = await loadScenarioText(JSON.stringify(baseScenario(requests, opts.extra)), join(tmpdir(), 'scenario.json'), { model: opts.model ?? testModel() });
  return simulate(loaded.model, loaded.scenario, { allowNetwork: opts.allowNetwork });
}

/** A jwt-bearer login request for the portal. */
export const login = (name: string, jwt: Record<string, unknown> = {}, input: Record<string, unknown> = {}) => ({
  name,
  operation: 'CreateTokenWithIAM',
  caller: 'backend',
  input: {
    clientId: 'portal',
    grantType: JWT_BEARER,
    assertion: { jwt: { issuer: 'idp', ...jwt, claims: { email: 'alice@example.com', aud: 'portal-aud', ...(jwt.claims as object) } } },
    ...input,
  },
});

/** The refused check of an error result (the last trace step, which must be a failure). */
export function refusal(r: RequestResult): { error: string | undefined; check: string | undefined; detail: string | undefined } {
  const last = r.trace[r.trace.length - 1];
  return { error: r.error?.type, check: last && !last.ok ? last.check : undefined, detail: last?.detail };
}

export function byName(report: SimulationReport, name: string): RequestResult {
  const r = report.results.find((x) => x.name === name);
  if (!r) throw new Error(`no result ${name}`);
  return r;
}

/** A private JWK written to a temporary file (for `privateJwk:` and for minting literal tokens in tests). */
export async function privateJwkFile(alg: 'RS256' | 'ES256', kid: string) {
  const { privateKey, publicKey } = await generateKeyPair(alg, { extractable: true });
  const jwk = { ...(await exportJWK(privateKey)), kid, alg };
  const dir = mkdtempSync(join(tmpdir(), 'tipkit-sim-'));
  const file = join(dir, `${kid}.json`);
  writeFileSync(file, JSON.stringify(jwk));
  return { file, dir, privateKey, publicKey, jwk };
}
