/** Builders for access tests: a config as a value, loaded as tipkit.yaml would be, and its paths. */
import { stringify } from 'yaml';
import { computeAccessPaths, type AccessPath, type PathOptions } from '../../access/paths.js';
import { loadConfigText } from '../../inputs/load.js';
import type { RawConfig } from '../../model/types.js';

export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
export const JWT = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
export const EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';
export const DEVICE = 'urn:ietf:params:oauth:grant-type:device_code';

type Obj = Record<string, unknown>;

export const allow = (principal: unknown, extra: Obj = {}): Obj => ({ Effect: 'Allow', Principal: principal, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*', ...extra });
export const iam = (...statements: Obj[]): Obj[] => [
  { AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: { Version: '2012-10-17', Statement: statements } } } },
];
export const role = (name: string): string => `arn:aws:iam::111122223333:role/${name}`;

export const issuer = (name: string, url = `https://${name}.example.com`): Obj => ({
  Name: name,
  TrustedTokenIssuerType: 'OIDC_JWT',
  TrustedTokenIssuerConfiguration: { OidcJwtConfiguration: { IssuerUrl: url, ClaimAttributePath: 'email', IdentityStoreAttributePath: 'emails.value', JwksRetrievalOption: 'OPEN_ID_DISCOVERY' } },
});
export const jwtGrant = (...entries: [string, string[]][]): Obj => ({
  GrantType: JWT,
  Grant: { JwtBearer: { AuthorizedTokenIssuers: entries.map(([ref, audiences]) => ({ TrustedTokenIssuerArn: ref, AuthorizedAudiences: audiences })) } },
});
export const exchangeGrant: Obj = { GrantType: EXCHANGE, Grant: { TokenExchange: {} } };
export const refreshGrant: Obj = { GrantType: 'refresh_token', Grant: { RefreshToken: {} } };
export const codeGrant = (...uris: string[]): Obj => ({ GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: uris } } });
export const scope = (name: string, ...targets: string[]): Obj => ({ Scope: name, ...(targets.length ? { AuthorizedTargets: targets } : {}) });

/** An application open to everyone, its ActorPolicy allowing role `<Name>Backend`, unless `app` says otherwise. */
export const app = (name: string, rest: Obj = {}): Obj => ({
  Name: name,
  ApplicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
  AssignmentRequired: false,
  AuthenticationMethods: iam(allow({ AWS: role(`${name}Backend`) })),
  ...rest,
});

export const config = (applications: Obj[], trustedTokenIssuers: Obj[] = []): RawConfig => ({
  version: 1,
  instance: { InstanceArn: INSTANCE_ARN, IdentityStoreId: 'd-9067642ac7' },
  ...(trustedTokenIssuers.length ? { trustedTokenIssuers } : {}),
  applications,
});

export function pathsOf(raw: RawConfig, opts: PathOptions = {}): AccessPath[] {
  const loaded = loadConfigText(stringify(raw, { lineWidth: 0, aliasDuplicateObjects: false }), 'tipkit.yaml');
  if (loaded.violations.length) throw new Error(`test config breaks the schema: ${loaded.violations.map((v) => v.message).join('; ')}`);
  return computeAccessPaths(loaded.model, opts);
}

export const find = (paths: readonly AccessPath[], to: string, grantType: string, from?: string): AccessPath | undefined =>
  paths.find((p) => p.to === to && p.grantType === grantType && !p.extends && (from === undefined || p.from === from));
