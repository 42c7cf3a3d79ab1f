/** Generates large but realistic tipkit inputs for the benchmarks: tipkit.yaml configs and cdktf TypeScript construct files. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const INSTANCE_ARN = 'arn:aws:sso:::instance/ssoins-7223e2ee1a2b3c4d';
export const IDENTITY_STORE_ID = 'd-9067642ac7';
const PROVIDER_ARN = 'arn:aws:sso::aws:applicationProvider/custom';
const JWT_BEARER = 'urn:ietf:params:oauth:grant-type:jwt-bearer';
const TOKEN_EXCHANGE = 'urn:ietf:params:oauth:grant-type:token-exchange';

const pad = (n) => String(n).padStart(5, '0');
const issuerName = (i) => `idp-${pad(i)}`;
const issuerUrl = (i) => `https://idp-${pad(i)}.example.com/oauth2/default`;
/** Applications come in groups of four, one of each kind, so every grant type appears and targets resolve. */
const KINDS = ['backend', 'query', 'web', 'relay'];
const appName = (i) => `${KINDS[i % 4]}-${pad(i)}`;
const actorPolicy = (i) => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: `arn:aws:iam::111122223333:role/App${pad(i)}Backend` }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }],
});
const iamMethod = (i) => ({ AuthenticationMethodType: 'IAM', AuthenticationMethod: { Iam: { ActorPolicy: actorPolicy(i) } } });

/**
 * The raw config (tipkit.yaml as a value) for `applications` applications and applications/10 issuers (at least one).
 * Kinds: backend (jwt-bearer + refresh_token, scope targeting its query app), query (token-exchange target),
 * web (authorization_code + refresh_token), relay (jwt-bearer + token-exchange). One application in 97 has
 * no IAM authentication method (an iam-auth-method-missing warning), so lint has findings to report.
 */
export function generateRawConfig(applications) {
  const issuerCount = Math.max(1, Math.floor(applications / 10));
  const issuers = Array.from({ length: issuerCount }, (_, i) => ({
    Name: issuerName(i),
    TrustedTokenIssuerType: 'OIDC_JWT',
    TrustedTokenIssuerConfiguration: {
      OidcJwtConfiguration: {
        IssuerUrl: issuerUrl(i),
        ClaimAttributePath: i % 2 === 0 ? 'email' : 'preferred_username',
        IdentityStoreAttributePath: i % 2 === 0 ? 'emails.value' : 'userName',
        JwksRetrievalOption: 'OPEN_ID_DISCOVERY',
      },
    },
    Tags: [{ Key: 'team', Value: `team-${i % 7}` }],
  }));
  // Every issuer is authorized by some jwt-bearer grant (kinds backend and relay), so none is unused.
  let nextIssuer = 0;
  const jwtBearer = (i) => {
    const issuer = nextIssuer++ % issuerCount;
    return { GrantType: JWT_BEARER, Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: issuerName(issuer), AuthorizedAudiences: [`aud-${pad(i)}`] }] } } };
  };
  const apps = [];
  for (let i = 0; i < applications; i++) {
    const kind = KINDS[i % 4];
    const app = { Name: appName(i), ApplicationProviderArn: PROVIDER_ARN, Description: `${kind} application ${i}` };
    // A query app exists for each backend/relay only when the group of four is complete.
    const group = i - (i % 4);
    const queryApp = group + 1 < applications ? appName(group + 1) : undefined;
    const relayApp = group + 3 < applications ? appName(group + 3) : undefined;
    if (kind === 'backend') {
      app.Grants = [jwtBearer(i), { GrantType: 'refresh_token', Grant: { RefreshToken: {} } }];
      app.Assignments = [{ PrincipalType: 'GROUP', PrincipalId: `group-${i % 50}` }];
      const targets = [queryApp, relayApp].filter(Boolean);
      app.AccessScopes = [{ Scope: 'redshift:connect', ...(targets.length ? { AuthorizedTargets: targets } : {}) }];
    } else if (kind === 'query') {
      app.Grants = [{ GrantType: TOKEN_EXCHANGE, Grant: { TokenExchange: {} } }];
      app.AssignmentRequired = false;
      app.AccessScopes = [{ Scope: 'redshift:connect' }, { Scope: 's3:access_grants:read_write' }];
    } else if (kind === 'web') {
      const host = `web-${pad(i)}.example.com`;
      app.Grants = [
        { GrantType: 'authorization_code', Grant: { AuthorizationCode: { RedirectUris: [`https://${host}/oauth/callback`, 'http://127.0.0.1:8080/callback'] } } },
        { GrantType: 'refresh_token', Grant: { RefreshToken: {} } },
      ];
      app.Assignments = [
        { PrincipalType: 'GROUP', PrincipalId: `group-${i % 50}` },
        { PrincipalType: 'USER', PrincipalId: `user-${i % 500}` },
      ];
    } else {
      app.Grants = [jwtBearer(i), { GrantType: TOKEN_EXCHANGE, Grant: { TokenExchange: {} } }];
      app.AssignmentRequired = false;
      app.AccessScopes = [{ Scope: 'sso:account:access', ...(queryApp ? { AuthorizedTargets: [queryApp] } : {}) }];
    }
    if (i % 97 !== 96) app.AuthenticationMethods = [iamMethod(i)];
    apps.push(app);
  }
  return {
    version: 1,
    instance: { InstanceArn: INSTANCE_ARN, IdentityStoreId: IDENTITY_STORE_ID, Region: 'us-east-1' },
    trustedTokenIssuers: issuers,
    applications: apps,
  };
}

/**
 * Resources as AWS counts them (one API object each): issuers, applications, grants, access scopes,
 * authentication methods and assignments.
 */
export function countResources(raw) {
  let n = raw.trustedTokenIssuers.length;
  for (const a of raw.applications) n += 1 + (a.Grants?.length ?? 0) + (a.AccessScopes?.length ?? 0) + (a.AuthenticationMethods?.length ?? 0) + (a.Assignments?.length ?? 0);
  return n;
}

/** The smallest config with at least `resources` resources. */
export function generateForResources(resources) {
  // About 5.3 resources per application (issuers included); start below and grow.
  let apps = Math.max(4, Math.floor(resources / 5.6));
  let raw = generateRawConfig(apps);
  while (countResources(raw) < resources) raw = generateRawConfig(++apps);
  return { raw, applications: apps, resources: countResources(raw) };
}

/** YAML in the block style people write (the `yaml` package would do, but a direct writer keeps 20k resources fast). */
export function toYaml(value) {
  const lines = ['# Generated by bench/generate.mjs: a large, realistic tipkit config.'];
  const scalar = (v) => (typeof v === 'string' ? (/^[\w./:@-]+$/.test(v) && !/^(true|false|null|\d.*)$/.test(v) && !v.includes(': ') ? v : JSON.stringify(v)) : String(v));
  const isFlat = (v) => v !== null && typeof v === 'object' && Object.values(v).every((x) => x === null || typeof x !== 'object') && Object.keys(v).length <= 3;
  const flow = (v) =>
    Array.isArray(v) ? `[${v.map(scalar).join(', ')}]` : `{ ${Object.entries(v).map(([k, x]) => `${k}: ${scalar(x)}`).join(', ')} }`;
  const emit = (v, indent, prefix) => {
    if (Array.isArray(v)) {
      if (v.length === 0) return void lines.push(`${prefix}[]`);
      for (const item of v) {
        if (item !== null && typeof item === 'object' && !Array.isArray(item)) {
          if (isFlat(item)) lines.push(`${indent}- ${flow(item)}`);
          else emitMap(item, `${indent}  `, `${indent}- `);
        } else lines.push(`${indent}- ${scalar(item)}`);
      }
      return;
    }
    emitMap(v, indent, indent);
  };
  const emitMap = (obj, indent, firstPrefix) => {
    let first = true;
    for (const [k, v] of Object.entries(obj)) {
      const head = `${first ? firstPrefix : indent}${k}:`;
      first = false;
      if (v === null || typeof v !== 'object') lines.push(`${head} ${scalar(v)}`);
      else if (Array.isArray(v) && v.every((x) => x === null || typeof x !== 'object')) lines.push(`${head} ${flow(v)}`);
      else if (!Array.isArray(v) && Object.keys(v).length === 0) lines.push(`${head} {}`);
      else {
        lines.push(head);
        emit(v, `${indent}  `, `${indent}  `);
      }
    }
  };
  emitMap(value, '', '');
  return `${lines.join('\n')}\n`;
}

/**
 * `count` cdktf TypeScript files in a project directory (with a package.json, as a cdktf app has): each a
 * stack declaring four applications (one of each kind) with their grants, scopes, methods, and an issuer.
 */
export function writeConstructProject(dir, count) {
  mkdirSync(join(dir, 'stacks'), { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bench-cdktf-app', private: true, type: 'module' }, null, 2));
  writeFileSync(join(dir, 'settings.ts'), `// Shared settings of the generated stacks.\nexport const INSTANCE_ARN = '${INSTANCE_ARN}';\nexport const IDENTITY_STORE_ID = '${IDENTITY_STORE_ID}';\n`);
  const files = [];
  for (let f = 0; f < count; f++) {
    const file = join(dir, 'stacks', `stack-${pad(f)}.ts`);
    writeFileSync(file, constructFile(f));
    files.push(file);
  }
  return files;
}

function constructFile(f) {
  const id = pad(f);
  return `// Generated stack ${f}: four applications of an Identity Center tenant and their trusted token issuer.
import { TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import {
  ApplicationAccessScope,
  ApplicationAuthenticationMethod,
  ApplicationGrant,
  IdentityCenterApplication,
  TrustedTokenIssuer,
} from 'tipkit';
import { IDENTITY_STORE_ID, INSTANCE_ARN } from '../settings.js';


export class Stack${id} extends TerraformStack {
  constructor(scope: Construct, id: string) {
    super(scope, id);
    const idp = new TrustedTokenIssuer(this, 'idp', {
      instanceArn: INSTANCE_ARN,
      name: 'idp-${id}',
      trustedTokenIssuerType: 'OIDC_JWT',
      trustedTokenIssuerConfiguration: {
        oidcJwtConfiguration: {
          issuerUrl: 'https://idp-${id}.example.com/oauth2/default',
          claimAttributePath: 'email',
          identityStoreAttributePath: 'emails.value',
          jwksRetrievalOption: 'OPEN_ID_DISCOVERY',
        },
      },
    });

    const backend = new IdentityCenterApplication(this, 'backend', {
      instanceArn: INSTANCE_ARN,
      identityStoreId: IDENTITY_STORE_ID,
      name: 'backend-${id}',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      assignmentRequired: true,
      assignments: [{ principalType: 'GROUP', principalId: 'analysts' }],
    });
    const query = new IdentityCenterApplication(this, 'query', {
      instanceArn: INSTANCE_ARN,
      identityStoreId: IDENTITY_STORE_ID,
      name: 'query-${id}',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      assignmentRequired: false,
    });
    const web = new IdentityCenterApplication(this, 'web', {
      instanceArn: INSTANCE_ARN,
      identityStoreId: IDENTITY_STORE_ID,
      name: 'web-${id}',
      applicationProviderArn: 'arn:aws:sso::aws:applicationProvider/custom',
      assignmentRequired: true,
      assignments: [{ principalType: 'GROUP', principalId: 'analysts' }],
    });

    new ApplicationGrant(this, 'backend-jwt-bearer', {
      application: backend,
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
      grant: { jwtBearer: { authorizedTokenIssuers: [{ trustedTokenIssuerArn: idp, authorizedAudiences: ['aud-${id}'] }] } },
    });
    new ApplicationGrant(this, 'backend-refresh', { application: backend, grantType: 'refresh_token', grant: { refreshToken: {} } });
    new ApplicationGrant(this, 'query-exchange', { application: query, grantType: 'urn:ietf:params:oauth:grant-type:token-exchange', grant: { tokenExchange: {} } });
    new ApplicationGrant(this, 'web-code', {
      application: web,
      grantType: 'authorization_code',
      grant: { authorizationCode: { redirectUris: ['https://web-${id}.example.com/oauth/callback'] } },
    });
    new ApplicationAccessScope(this, 'backend-scope', { application: backend, scope: 'redshift:connect', authorizedTargets: [query] });
    new ApplicationAccessScope(this, 'query-scope', { application: query, scope: 'redshift:connect' });
    new ApplicationAuthenticationMethod(this, 'backend-iam', { application: backend, authenticationMethodType: 'IAM', authenticationMethod: { iam: { actorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Backend${id}' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } } } });
    new ApplicationAuthenticationMethod(this, 'query-iam', { application: query, authenticationMethodType: 'IAM', authenticationMethod: { iam: { actorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Query${id}' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } } } });
    new ApplicationAuthenticationMethod(this, 'web-iam', { application: web, authenticationMethodType: 'IAM', authenticationMethod: { iam: { actorPolicy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:role/Web${id}' }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*' }] } } } });
  }
}
`;
}

const SYNTH_CALLS = {
  PutApplicationGrant: {
    put: 'aws sso-admin put-application-grant',
    remove: 'aws sso-admin delete-application-grant --region "$AWS_REGION" --application-arn "$TIPKIT_APPLICATION_ARN" --grant-type "$TIPKIT_GRANT_TYPE"',
    env: { TIPKIT_GRANT_TYPE: '${self.input.request.GrantType}' },
  },
  PutApplicationAuthenticationMethod: {
    put: 'aws sso-admin put-application-authentication-method',
    remove:
      'aws sso-admin delete-application-authentication-method --region "$AWS_REGION" --application-arn "$TIPKIT_APPLICATION_ARN" --authentication-method-type "$TIPKIT_AUTHENTICATION_METHOD_TYPE"',
    env: { TIPKIT_AUTHENTICATION_METHOD_TYPE: '${self.input.request.AuthenticationMethodType}' },
  },
};

/**
 * The same config as `tipkit synth` writes it (cdk.tf.json): aws_ssoadmin_* resources, identity-store data
 * sources for assignments, and terraform_data resources that perform PutApplicationGrant and
 * PutApplicationAuthenticationMethod. Mirrors synth's layout (ids, metadata, provisioners) without running
 * cdktf, which takes minutes at these sizes; the bench checks that both files lint to the same findings.
 */
export function toTerraformJson(raw) {
  const region = raw.instance.Region;
  const resource = {
    aws_ssoadmin_application: {},
    aws_ssoadmin_application_access_scope: {},
    aws_ssoadmin_application_assignment: {},
    aws_ssoadmin_application_assignment_configuration: {},
    aws_ssoadmin_trusted_token_issuer: {},
    terraform_data: {},
  };
  const data = { aws_identitystore_group: {}, aws_identitystore_user: {} };
  let hashCounter = 0;
  // cdktf appends an 8-hex hash of the construct path to nested ids; any stable suffix reads the same.
  const suffix = () => (0x9e3779b1 * ++hashCounter >>> 0).toString(16).toUpperCase().padStart(8, '0');
  const meta = (path, uniqueId) => ({ '//': { metadata: { path: `tipkit/${path}`, uniqueId } } });
  const w = (n, width) => String(n).padStart(width, '0');
  const appWidth = Math.max(2, String(raw.applications.length - 1).length);
  const issuerWidth = Math.max(2, String(raw.trustedTokenIssuers.length - 1).length);

  const issuerIds = new Map();
  raw.trustedTokenIssuers.forEach((t, i) => {
    const id = `issuer${w(i, issuerWidth)}-${t.Name}`;
    issuerIds.set(t.Name, id);
    const o = t.TrustedTokenIssuerConfiguration.OidcJwtConfiguration;
    resource.aws_ssoadmin_trusted_token_issuer[id] = {
      ...meta(`${id}/Default`, id),
      instance_arn: raw.instance.InstanceArn,
      name: t.Name,
      ...(t.Tags ? { tags: Object.fromEntries(t.Tags.map((tag) => [tag.Key, tag.Value])) } : {}),
      trusted_token_issuer_configuration: [
        {
          oidc_jwt_configuration: [
            {
              claim_attribute_path: o.ClaimAttributePath,
              identity_store_attribute_path: o.IdentityStoreAttributePath,
              issuer_url: o.IssuerUrl,
              jwks_retrieval_option: o.JwksRetrievalOption,
            },
          ],
        },
      ],
      trusted_token_issuer_type: t.TrustedTokenIssuerType,
    };
  });
  const appIds = new Map(raw.applications.map((a, i) => [a.Name, `app${w(i, appWidth)}-${a.Name}`]));
  const appArn = (name) => `\${aws_ssoadmin_application.${appIds.get(name)}.application_arn}`;

  const synthesized = (appId, child, call, request) => {
    const id = `${appId}_${child}_${suffix()}`;
    const input = { region, request, tipkit: call };
    const c = SYNTH_CALLS[call];
    resource.terraform_data[id] = {
      ...meta(`${appId}/${child}/Default`, id),
      input,
      provisioner: [
        {
          'local-exec': {
            command: `${c.put} --region "$AWS_REGION" --cli-input-json "$TIPKIT_REQUEST"`,
            environment: { AWS_REGION: '${self.input.region}', TIPKIT_REQUEST: '${jsonencode(self.input.request)}' },
            interpreter: ['/bin/sh', '-c'],
          },
        },
        {
          'local-exec': {
            command: c.remove,
            environment: { AWS_REGION: '${self.input.region}', TIPKIT_APPLICATION_ARN: '${self.input.request.ApplicationArn}', ...c.env },
            interpreter: ['/bin/sh', '-c'],
            when: 'destroy',
          },
        },
      ],
      triggers_replace: input,
    };
  };

  for (const a of raw.applications) {
    const appId = appIds.get(a.Name);
    resource.aws_ssoadmin_application[appId] = {
      ...meta(`${appId}/Default`, appId),
      application_provider_arn: a.ApplicationProviderArn,
      ...(a.Description ? { description: a.Description } : {}),
      instance_arn: raw.instance.InstanceArn,
      name: a.Name,
    };
    (a.Grants ?? []).forEach((g, j) => {
      const grant = structuredClone(g.Grant);
      for (const t of grant.JwtBearer?.AuthorizedTokenIssuers ?? []) t.TrustedTokenIssuerArn = `\${aws_ssoadmin_trusted_token_issuer.${issuerIds.get(t.TrustedTokenIssuerArn)}.arn}`;
      synthesized(appId, `grant${w(j, 2)}`, 'PutApplicationGrant', { ApplicationArn: appArn(a.Name), Grant: grant, GrantType: g.GrantType });
    });
    (a.AuthenticationMethods ?? []).forEach((m, j) => {
      synthesized(appId, `auth-method${w(j, 2)}`, 'PutApplicationAuthenticationMethod', { ApplicationArn: appArn(a.Name), AuthenticationMethod: m.AuthenticationMethod, AuthenticationMethodType: m.AuthenticationMethodType });
    });
    (a.AccessScopes ?? []).forEach((s, j) => {
      const id = `${appId}_scope${w(j, 2)}_${suffix()}`;
      resource.aws_ssoadmin_application_access_scope[id] = {
        ...meta(`${appId}/scope${w(j, 2)}/Default`, id),
        application_arn: appArn(a.Name),
        ...(s.AuthorizedTargets ? { authorized_targets: s.AuthorizedTargets.map(appArn) } : {}),
        scope: s.Scope,
      };
    });
    const configId = `${appId}_assignment-configuration_${suffix()}`;
    resource.aws_ssoadmin_application_assignment_configuration[configId] = {
      ...meta(`${appId}/assignment-configuration`, configId),
      application_arn: appArn(a.Name),
      assignment_required: a.AssignmentRequired ?? true,
    };
    (a.Assignments ?? []).forEach((as, j) => {
      const group = as.PrincipalType === 'GROUP';
      const dataType = group ? 'aws_identitystore_group' : 'aws_identitystore_user';
      const principalId = `${appId}_principal${w(j, 2)}_${suffix()}`;
      data[dataType][principalId] = {
        ...meta(`${appId}/principal${w(j, 2)}`, principalId),
        alternate_identifier: { unique_attribute: { attribute_path: group ? 'DisplayName' : 'UserName', attribute_value: as.PrincipalId } },
        identity_store_id: raw.instance.IdentityStoreId,
      };
      const id = `${appId}_assignment${w(j, 2)}_${suffix()}`;
      resource.aws_ssoadmin_application_assignment[id] = {
        ...meta(`${appId}/assignment${w(j, 2)}`, id),
        application_arn: appArn(a.Name),
        principal_id: `\${data.${dataType}.${principalId}.${group ? 'group_id' : 'user_id'}}`,
        principal_type: as.PrincipalType,
      };
    });
  }
  return {
    '//': { metadata: { backend: 'local', stackName: 'tipkit', version: '0.21.0' }, outputs: {} },
    data,
    locals: { tipkit_instance: { IdentityStoreId: raw.instance.IdentityStoreId, InstanceArn: raw.instance.InstanceArn, Region: region } },
    provider: { aws: [{ region }] },
    resource,
    terraform: { backend: { local: { path: 'terraform.tipkit.tfstate' } }, required_providers: { aws: { source: 'aws', version: '6.25.0' } } },
  };
}

/**
 * N applications joined by token-exchange access scopes in one topology: `pairs` (2k → 2k+1), `chains` (chains of
 * ten), `ring` (i → i+1, the last back to the first) or `mesh` (every scope targets the instance, so every application
 * may exchange into every other). Each application has the token-exchange grant, an IAM caller and no assignment gate.
 */
export function generateTopology(kind, applications) {
  const name = (i) => `app-${pad(i)}`;
  const targets = (i) => {
    if (kind === 'pairs') return i % 2 === 0 && i + 1 < applications ? [name(i + 1)] : [];
    if (kind === 'chains') return (i + 1) % 10 !== 0 && i + 1 < applications ? [name(i + 1)] : [];
    if (kind === 'ring') return [name((i + 1) % applications)];
    if (kind === 'mesh') return [INSTANCE_ARN];
    throw new Error(`unknown topology ${kind}`);
  };
  return {
    version: 1,
    instance: { InstanceArn: INSTANCE_ARN, IdentityStoreId: IDENTITY_STORE_ID, Region: 'us-east-1' },
    applications: Array.from({ length: applications }, (_, i) => {
      const t = targets(i);
      return {
        Name: name(i),
        ApplicationProviderArn: PROVIDER_ARN,
        AssignmentRequired: false,
        Grants: [{ GrantType: TOKEN_EXCHANGE, Grant: { TokenExchange: {} } }],
        AuthenticationMethods: [iamMethod(i)],
        ...(t.length ? { AccessScopes: [{ Scope: 'redshift:connect', AuthorizedTargets: t }] } : {}),
      };
    }),
  };
}

const hclString = (s) => JSON.stringify(s).replace(/\$\{/g, '$${');
const hclList = (xs) => `[${xs.map(hclString).join(', ')}]`;

/**
 * The raw config as Terraform HCL with the AWS provider's resources and the native grant resource (one file), as a
 * team writing Terraform by hand would: references between resources, a local for the instance ARN.
 */
export function toHcl(raw) {
  const out = [`locals {\n  instance_arn = ${hclString(raw.instance.InstanceArn)}\n  custom       = ${hclString(PROVIDER_ARN)}\n}\n`];
  const id = (name) => name.replace(/[^A-Za-z0-9_]/g, '_');
  for (const t of raw.trustedTokenIssuers ?? []) {
    const o = t.TrustedTokenIssuerConfiguration.OidcJwtConfiguration;
    out.push(`resource "aws_ssoadmin_trusted_token_issuer" "${id(t.Name)}" {
  instance_arn              = local.instance_arn
  name                      = ${hclString(t.Name)}
  trusted_token_issuer_type = "OIDC_JWT"
  trusted_token_issuer_configuration {
    oidc_jwt_configuration {
      issuer_url                    = ${hclString(o.IssuerUrl)}
      claim_attribute_path          = ${hclString(o.ClaimAttributePath)}
      identity_store_attribute_path = ${hclString(o.IdentityStoreAttributePath)}
      jwks_retrieval_option         = ${hclString(o.JwksRetrievalOption)}
    }
  }
}
`);
  }
  for (const a of raw.applications) {
    const app = id(a.Name);
    const arn = `aws_ssoadmin_application.${app}.application_arn`;
    out.push(`resource "aws_ssoadmin_application" "${app}" {
  instance_arn             = local.instance_arn
  name                     = ${hclString(a.Name)}
  application_provider_arn = local.custom
}

resource "aws_ssoadmin_application_assignment_configuration" "${app}" {
  application_arn     = ${arn}
  assignment_required = ${a.AssignmentRequired ?? true}
}
`);
    (a.Assignments ?? []).forEach((as, j) =>
      out.push(`resource "aws_ssoadmin_application_assignment" "${app}_${j}" {
  application_arn = ${arn}
  principal_id    = ${hclString(as.PrincipalId)}
  principal_type  = ${hclString(as.PrincipalType)}
}
`),
    );
    (a.Grants ?? []).forEach((g, j) => {
      let body = '';
      if (g.Grant.JwtBearer)
        body = `  grant {\n    jwt_bearer {\n${g.Grant.JwtBearer.AuthorizedTokenIssuers.map((t) => `      authorized_token_issuers {\n        trusted_token_issuer_arn = aws_ssoadmin_trusted_token_issuer.${id(t.TrustedTokenIssuerArn)}.arn\n        authorized_audiences     = ${hclList(t.AuthorizedAudiences)}\n      }\n`).join('')}    }\n  }\n`;
      else if (g.Grant.AuthorizationCode) body = `  grant {\n    authorization_code {\n      redirect_uris = ${hclList(g.Grant.AuthorizationCode.RedirectUris)}\n    }\n  }\n`;
      out.push(`resource "aws_ssoadmin_application_grant" "${app}_${j}" {\n  application_arn = ${arn}\n  grant_type      = ${hclString(g.GrantType)}\n${body}}\n`);
    });
    (a.AccessScopes ?? []).forEach((s, j) => {
      const targets = (s.AuthorizedTargets ?? []).map((t) => (t.startsWith('arn:') ? hclString(t) : `aws_ssoadmin_application.${id(t)}.application_arn`));
      out.push(`resource "aws_ssoadmin_application_access_scope" "${app}_${j}" {\n  application_arn    = ${arn}\n  scope              = ${hclString(s.Scope)}\n${targets.length ? `  authorized_targets = [${targets.join(', ')}]\n` : ''}}\n`);
    });
  }
  return out.join('\n');
}
