#!/usr/bin/env node
/**
 * Generates tipkit's schemas from the public AWS service models, so limits are never retyped:
 *   model/schema/tipkit.schema.json       JSON Schema of tipkit.yaml (editors: yaml-language-server)
 *   model/generated/config-schema.ts      the same schema as a module
 *   model/generated/config-validator.ts   that schema compiled by ajv (standalone code), so a run does not compile it
 *   model/generated/sso-admin-shapes.ts   constraints of the sso-admin shapes the rules check
 *   simulator/generated/sso-oidc-model.ts operations, input members and error shapes of SSO OIDC
 *   simulator/generated/sts-model.ts      STS AssumeRole and GetCallerIdentity: members, limits, error shapes
 *   emulator/generated/sso-admin-api.ts   the sso-admin operations `serve` answers: shapes (inputs and outputs), errors
 *   emulator/generated/identitystore-api.ts the identity-store reads `serve` answers, the same way
 *
 * Usage: node scripts/gen-schema.mjs MODELS_DIR [--check]      (or --models MODELS_DIR)
 *   MODELS_DIR holds sso-admin-2020-07-20.json, sso-oidc-2019-06-10.json, identitystore-2020-06-15.json and sts-2011-06-15.json,
 *   the service models of the boto/botocore repository (botocore/data/<service>/<version>/service-2.json),
 *   taken at commit 0e6e2404b85dc336dd2889814e089bde7d1a4c55 for the committed files.
 *   --check exits 1 when a committed file differs from what the models give (used by the tests).
 * A maintainer step: the generated files are committed, so building and using tipkit never needs the models.
 */
import { readFileSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const modelsArg = args.includes('--models') ? args[args.indexOf('--models') + 1] : args.find((a) => !a.startsWith('--'));
if (!modelsArg) {
  process.stderr.write('usage: node scripts/gen-schema.mjs MODELS_DIR [--check]\n  MODELS_DIR: the sso-admin, sso-oidc and identitystore service models from botocore (see docs/development.md)\n');
  process.exit(2);
}
const modelsDir = resolve(modelsArg);

const load = (name) => JSON.parse(readFileSync(join(modelsDir, name), 'utf8'));
const admin = load('sso-admin-2020-07-20.json');
const oidc = load('sso-oidc-2019-06-10.json');
const idstore = load('identitystore-2020-06-15.json');
const sts = load('sts-2011-06-15.json');

/** Smithy patterns are Java regexes, not anchored; AWS matches them whole. Make them valid `u`-mode JS. */
export function toJsPattern(javaPattern) {
  const js = javaPattern.replace(/\\_/g, '_');
  new RegExp(js, 'u'); // throws if still not valid in unicode mode
  return `^(?:${js})$`;
}

function stringSchema(shape) {
  const s = { type: 'string' };
  if (shape.enum) s.enum = shape.enum;
  if (shape.min !== undefined) s.minLength = shape.min;
  if (shape.max !== undefined) s.maxLength = shape.max;
  if (shape.pattern) s.pattern = toJsPattern(shape.pattern);
  return s;
}

/**
 * JSON Schema for a shape of `model`. `overrides` maps a member path ("Grant.JwtBearer.AuthorizedTokenIssuers[].TrustedTokenIssuerArn")
 * to a replacement schema; `optional` lists top-level members that nesting supplies (ApplicationArn, InstanceArn).
 */
function shapeSchema(model, name, { overrides = {}, optional = [], extra = {}, path = '' } = {}) {
  if (overrides[path]) return overrides[path];
  const shape = model.shapes[name];
  const doc = shape.documentation ? { description: plain(shape.documentation) } : {};
  switch (shape.type) {
    case 'string':
      return { ...stringSchema(shape), ...(path ? {} : doc) };
    case 'boolean':
      return { type: 'boolean' };
    case 'integer':
    case 'long':
      return { type: 'integer', ...(shape.min !== undefined ? { minimum: shape.min } : {}), ...(shape.max !== undefined ? { maximum: shape.max } : {}) };
    case 'list': {
      const s = { type: 'array', items: shapeSchema(model, shape.member.shape, { overrides, path: `${path}[]` }) };
      if (shape.min !== undefined) s.minItems = shape.min;
      if (shape.max !== undefined) s.maxItems = shape.max;
      return s;
    }
    case 'structure': {
      if (shape.document) return { type: 'object', description: 'A JSON document (free-form).' };
      const properties = {};
      for (const [member, ref] of Object.entries(shape.members ?? {})) {
        const p = path ? `${path}.${member}` : member;
        properties[member] = shapeSchema(model, ref.shape, { overrides, path: p });
        const mdoc = ref.documentation ?? model.shapes[ref.shape].documentation;
        if (mdoc && !properties[member].description) properties[member] = { ...properties[member], description: plain(mdoc) };
      }
      Object.assign(properties, extra);
      const s = { type: 'object', properties, additionalProperties: false };
      const required = (shape.required ?? []).filter((r) => !optional.includes(r));
      if (required.length) s.required = required;
      if (shape.union) {
        s.minProperties = 1;
        s.maxProperties = 1;
        s['x-union'] = true;
      }
      return s;
    }
    default:
      throw new Error(`unhandled shape type ${shape.type} (${name})`);
  }
}

function plain(html) {
  const text = html.replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim();
  const first = text.match(/^.*?[.!?](\s|$)/);
  return (first ? first[0] : text).trim().slice(0, 300);
}

const nameOrArn = (max, what) => ({ type: 'string', minLength: 1, maxLength: max, description: `The Name of a ${what} declared in this file, or its ARN.` });

const issuerItem = shapeSchema(admin, 'CreateTrustedTokenIssuerRequest', {
  optional: ['InstanceArn'],
  extra: { TrustedTokenIssuerArn: { ...stringSchema(admin.shapes.TrustedTokenIssuerArn), description: 'The ARN of an issuer that already exists; else tipkit derives one from the instance and Name.' } },
});

const grantItem = shapeSchema(admin, 'PutApplicationGrantRequest', {
  optional: ['ApplicationArn'],
  overrides: { 'Grant.JwtBearer.AuthorizedTokenIssuers[].TrustedTokenIssuerArn': nameOrArn(admin.shapes.TrustedTokenIssuerArn.max, 'trusted token issuer') },
});
const scopeItem = shapeSchema(admin, 'PutApplicationAccessScopeRequest', {
  optional: ['ApplicationArn'],
  overrides: { 'AuthorizedTargets[]': nameOrArn(admin.shapes.ScopeTarget.max, 'application') },
});
const authMethodItem = shapeSchema(admin, 'PutApplicationAuthenticationMethodRequest', { optional: ['ApplicationArn'] });
const assignmentItem = shapeSchema(admin, 'CreateApplicationAssignmentRequest', {
  optional: ['ApplicationArn'],
  overrides: {
    PrincipalId: {
      type: 'string',
      minLength: 1,
      maxLength: idstore.shapes.GroupDisplayName?.max ?? 1024,
      description: 'An identity-store user or group id, or a group DisplayName / UserName.',
    },
  },
});

const applicationItem = shapeSchema(admin, 'CreateApplicationRequest', {
  optional: ['InstanceArn', 'ApplicationProviderArn'],
  extra: {
    ApplicationArn: { ...stringSchema(admin.shapes.ApplicationArn), description: 'The ARN of an application that already exists; else tipkit derives one from the instance and Name.' },
    Grants: { type: 'array', items: grantItem, description: 'PutApplicationGrant requests for this application.' },
    AccessScopes: { type: 'array', items: scopeItem, description: 'PutApplicationAccessScope requests for this application.' },
    AuthenticationMethods: { type: 'array', items: authMethodItem, description: 'PutApplicationAuthenticationMethod requests for this application.' },
    AssignmentRequired: { type: 'boolean', description: 'PutApplicationAssignmentConfiguration; AWS defaults to true.' },
    Assignments: { type: 'array', items: assignmentItem, description: 'CreateApplicationAssignment requests: who may use the application.' },
  },
});

/**
 * IAM CreateRole's constraints for `roles:` (spec §9). The IAM model is not among MODELS_DIR's files; these values are
 * botocore 1.43.11's `iam` CreateRoleRequest / PutRolePolicyRequest shapes, and test/model/iam-role-shape.test.ts
 * compares them with the botocore installed here.
 */
export const IAM_ROLE_SHAPES = {
  roleNameType: { min: 1, max: 64, pattern: '[\\w+=,.@-]+' },
  pathType: { min: 1, max: 512, pattern: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)' },
  policyDocumentType: { min: 1, max: 131072 },
  roleMaxSessionDurationType: { min: 3600, max: 43200 },
  roleDescriptionType: { max: 1000 },
  policyNameType: { min: 1, max: 128, pattern: '[\\w+=,.@-]+' },
};
const policyDocumentSchema = (what) => ({
  description: `${what}: an IAM policy document, as an object or as the JSON string IAM takes.`,
  anyOf: [
    { type: 'object' },
    { type: 'string', minLength: IAM_ROLE_SHAPES.policyDocumentType.min, maxLength: IAM_ROLE_SHAPES.policyDocumentType.max },
  ],
});
const iamString = (shape, description) => ({
  type: 'string',
  ...(shape.min !== undefined ? { minLength: shape.min } : {}),
  maxLength: shape.max,
  ...(shape.pattern ? { pattern: toJsPattern(shape.pattern) } : {}),
  description,
});
const roleItem = {
  type: 'object',
  additionalProperties: false,
  required: ['RoleName', 'AssumeRolePolicyDocument'],
  description: 'An IAM role a TIP flow assumes (IAM CreateRole request keys, plus its Arn).',
  properties: {
    RoleName: iamString(IAM_ROLE_SHAPES.roleNameType, 'The name of the role.'),
    Arn: { ...stringSchema(sts.shapes.arnType), pattern: '^arn:aws(-[a-z]{1,5}){0,3}:iam::\\d{12}:role/(?:[\\u0021-\\u007E]+/)?[\\w+=,.@-]{1,64}$', description: 'The ARN of the role; else tipkit derives one from the instance and RoleName.' },
    Path: iamString(IAM_ROLE_SHAPES.pathType, 'The path to the role.'),
    Description: iamString(IAM_ROLE_SHAPES.roleDescriptionType, 'A description of the role.'),
    AssumeRolePolicyDocument: policyDocumentSchema('The trust policy'),
    MaxSessionDuration: { type: 'integer', minimum: IAM_ROLE_SHAPES.roleMaxSessionDurationType.min, maximum: IAM_ROLE_SHAPES.roleMaxSessionDurationType.max, description: 'The maximum session duration in seconds; IAM defaults to 3600.' },
    Policies: {
      type: 'array',
      description: 'Inline permission policies (PutRolePolicy requests).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['PolicyName', 'PolicyDocument'],
        properties: { PolicyName: iamString(IAM_ROLE_SHAPES.policyNameType, 'The name of the policy.'), PolicyDocument: policyDocumentSchema('The permission policy') },
      },
    },
    IdentityContext: { type: 'boolean', description: 'The role is assumed with identity context (AssumeRole with ProvidedContexts): its trust policy must allow sts:SetContext.' },
  },
};

const instance = {
  type: 'object',
  additionalProperties: false,
  required: ['InstanceArn'],
  properties: {
    InstanceArn: stringSchema(admin.shapes.InstanceArn),
    IdentityStoreId: stringSchema(idstore.shapes.IdentityStoreId),
    Region: { type: 'string', pattern: '^[a-z]{2}(-[a-z]+)+-\\d{1,2}$', description: 'The Region of the Identity Center instance.' },
    // Not an sso-admin member: the console's session duration, which caps refresh (tip-facts §2.2: 15 minutes to 90 days).
    SessionDuration: {
      type: 'string',
      pattern: '^(\\d+(d|h|m))+$',
      description: 'The Identity Center session duration (15m to 90d, default 8h): how long a user stays signed in; refresh tokens end with it.',
    },
  },
};
// identitystore's pattern carries its own anchors in the middle (`$|^`); keep it exactly as AWS wrote it.
instance.properties.IdentityStoreId.pattern = `^(?:${idstore.shapes.IdentityStoreId.pattern})$`;

const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://tipkit.dev/schema/tipkit.schema.json',
  title: 'tipkit config',
  description: 'IAM Identity Center trusted identity propagation, declared. Keys mirror the sso-admin request shapes.',
  type: 'object',
  additionalProperties: false,
  required: ['version', 'instance'],
  properties: {
    $schema: { type: 'string' },
    version: { const: 1, description: 'Config format version.' },
    instance: instance,
    trustedTokenIssuers: { type: 'array', items: issuerItem, description: 'CreateTrustedTokenIssuer requests.' },
    applications: { type: 'array', items: applicationItem, description: 'CreateApplication requests, with their grants, scopes, authentication methods and assignments.' },
    roles: { type: 'array', items: roleItem, description: 'IAM roles that TIP flows assume with identity context (STS AssumeRole with ProvidedContexts).' },
  },
};

// Constraints the rules check directly (limits come from the model, never from memory).
const adminShapes = {};
for (const name of [
  'ApplicationArn', 'InstanceArn', 'TrustedTokenIssuerArn', 'ApplicationProviderArn', 'TrustedTokenIssuerName', 'TrustedTokenIssuerUrl',
  'ClaimAttributePath', 'JMESPath', 'JwksRetrievalOption', 'TrustedTokenIssuerType', 'GrantType', 'RedirectUris', 'URI',
  'AuthorizedTokenIssuers', 'TokenIssuerAudiences', 'TokenIssuerAudience', 'Scope', 'ScopeTargets', 'ScopeTarget',
  'AuthenticationMethodType', 'PrincipalType', 'PrincipalId', 'ClientToken', 'TagList', 'ApplicationNameType', 'Description',
]) {
  const { documentation, member, ...rest } = admin.shapes[name];
  adminShapes[name] = { ...rest, ...(member ? { member: member.shape } : {}), ...(rest.pattern ? { jsPattern: toJsPattern(rest.pattern) } : {}) };
}
adminShapes.Grant = { type: 'structure', union: true, members: Object.fromEntries(Object.entries(admin.shapes.Grant.members).map(([k, v]) => [k, v.shape])) };
adminShapes.TrustedTokenIssuerConfiguration = {
  type: 'structure',
  union: true,
  members: Object.fromEntries(Object.entries(admin.shapes.TrustedTokenIssuerConfiguration.members).map(([k, v]) => [k, v.shape])),
};

// SSO OIDC: what the simulator validates and what the emulator puts on the wire.
const oidcModel = { metadata: { signingName: oidc.metadata.signingName, apiVersion: oidc.metadata.apiVersion, protocol: oidc.metadata.protocol }, operations: {}, errors: {} };
for (const [op, def] of Object.entries(oidc.operations)) {
  const input = oidc.shapes[def.input.shape];
  const output = oidc.shapes[def.output.shape];
  oidcModel.operations[op] = {
    method: def.http.method,
    requestUri: def.http.requestUri,
    auth: def.authtype === 'none' ? 'none' : 'sigv4',
    required: input.required ?? [],
    input: Object.fromEntries(Object.entries(input.members).map(([m, r]) => [m, memberInfo(oidc, r.shape)])),
    output: Object.fromEntries(Object.entries(output.members).map(([m, r]) => [m, memberInfo(oidc, r.shape)])),
    errors: def.errors.map((e) => e.shape),
  };
}
for (const [name, shape] of Object.entries(oidc.shapes)) {
  if (!shape.exception) continue;
  oidcModel.errors[name] = {
    httpStatusCode: shape.error?.httpStatusCode ?? 400,
    fault: shape.fault === true || shape.error?.senderFault === false,
    members: Object.keys(shape.members),
    reasons: shape.members.reason ? oidc.shapes[shape.members.reason.shape].enum ?? [] : [],
  };
}
function memberInfo(model, shapeName) {
  const s = model.shapes[shapeName];
  const info = { type: s.type };
  if (s.sensitive) info.sensitive = true;
  if (s.type === 'list') info.member = model.shapes[s.member.shape].type;
  if (s.enum) info.enum = s.enum;
  if (s.min !== undefined) info.min = s.min;
  if (s.max !== undefined) info.max = s.max;
  return info;
}

// The control plane of `serve` (sso-admin and identity-store over AWS JSON 1.1): every shape its operations
// reach, with the constraints the service enforces, so the emulator validates requests by walking them.
const SSO_ADMIN_OPERATIONS = [
  'CreateApplication', 'DescribeApplication', 'ListApplications', 'UpdateApplication', 'DeleteApplication',
  'PutApplicationGrant', 'GetApplicationGrant', 'ListApplicationGrants', 'DeleteApplicationGrant',
  'PutApplicationAuthenticationMethod', 'GetApplicationAuthenticationMethod', 'ListApplicationAuthenticationMethods', 'DeleteApplicationAuthenticationMethod',
  'PutApplicationAccessScope', 'GetApplicationAccessScope', 'ListApplicationAccessScopes', 'DeleteApplicationAccessScope',
  'PutApplicationAssignmentConfiguration', 'GetApplicationAssignmentConfiguration',
  'CreateApplicationAssignment', 'DeleteApplicationAssignment', 'ListApplicationAssignments',
  'CreateTrustedTokenIssuer', 'DescribeTrustedTokenIssuer', 'ListTrustedTokenIssuers', 'UpdateTrustedTokenIssuer', 'DeleteTrustedTokenIssuer',
  'ListInstances', 'ListApplicationProviders', 'DescribeApplicationProvider',
  'TagResource', 'UntagResource', 'ListTagsForResource',
];
const IDENTITY_STORE_OPERATIONS = ['DescribeUser', 'ListUsers', 'ListGroups', 'DescribeGroup', 'GetUserId', 'GetGroupId', 'ListGroupMembershipsForMember'];

/**
 * The botocore JSON drops the Smithy `@httpError` status of each exception (tip-facts §4.1); the SDK clients are
 * generated from the Smithy model and keep it in their error schemas (`XxxException$`: [.., traits, ..]).
 */
async function errorStatuses(pkg, names) {
  const sdk = await import(pkg);
  return Object.fromEntries(names.map((n) => [n, sdk[`${n}$`]?.[3]?.httpError]));
}

async function awsJsonApi(model, operations, sdkPackage) {
  const shapes = {};
  const visit = (name) => {
    if (shapes[name]) return;
    const { documentation, member, members, key, value, ...rest } = model.shapes[name];
    const s = { ...rest };
    if (rest.pattern) s.jsPattern = toJsPattern(rest.pattern);
    shapes[name] = s;
    if (member) {
      s.member = member.shape;
      visit(member.shape);
    }
    if (key) {
      s.key = key.shape;
      s.value = value.shape;
      visit(key.shape);
      visit(value.shape);
    }
    if (members) {
      s.members = {};
      for (const [m, ref] of Object.entries(members)) {
        s.members[m] = ref.idempotencyToken ? { shape: ref.shape, idempotencyToken: true } : { shape: ref.shape };
        visit(ref.shape);
      }
    }
  };
  const ops = {};
  const errorNames = new Set();
  for (const op of operations) {
    const def = model.operations[op];
    if (!def) throw new Error(`${model.metadata.serviceId} has no operation ${op}`);
    if (def.input) visit(def.input.shape);
    if (def.output) visit(def.output.shape);
    for (const e of def.errors ?? []) errorNames.add(e.shape);
    ops[op] = { input: def.input?.shape, output: def.output?.shape, errors: (def.errors ?? []).map((e) => e.shape), ...(def.idempotent ? { idempotent: true } : {}) };
  }
  const statuses = await errorStatuses(sdkPackage, [...errorNames]);
  const errors = {};
  for (const name of [...errorNames].sort()) {
    const shape = model.shapes[name];
    if (statuses[name] === undefined) throw new Error(`${sdkPackage} has no error schema for ${name}`);
    errors[name] = { httpStatusCode: statuses[name], fault: shape.fault === true, members: Object.keys(shape.members) };
  }
  const { apiVersion, jsonVersion, signingName, targetPrefix, serviceId } = model.metadata;
  return { metadata: { apiVersion, jsonVersion, signingName, targetPrefix, serviceId }, operations: ops, errors, shapes };
}
// STS (query protocol): the two operations the identity-enhanced session step uses, with their members' constraints
// and the error shapes (wire code, status, sender fault) AssumeRole lists.
const STS_OPERATIONS = ['AssumeRole', 'GetCallerIdentity'];
const stsModel = {
  metadata: { apiVersion: sts.metadata.apiVersion, protocol: sts.metadata.protocol, signingName: sts.metadata.signingName ?? sts.metadata.endpointPrefix, xmlNamespace: sts.metadata.xmlNamespace },
  operations: {},
  errors: {},
};
for (const op of STS_OPERATIONS) {
  const def = sts.operations[op];
  const input = sts.shapes[def.input.shape];
  const output = sts.shapes[def.output.shape];
  stsModel.operations[op] = {
    resultWrapper: def.output.resultWrapper,
    required: input.required ?? [],
    input: Object.fromEntries(Object.entries(input.members ?? {}).map(([m, r]) => [m, stsMemberInfo(r.shape)])),
    output: Object.keys(output.members ?? {}),
    errors: (def.errors ?? []).map((e) => e.shape),
  };
  for (const e of def.errors ?? []) {
    const shape = sts.shapes[e.shape];
    stsModel.errors[e.shape] = { code: shape.error.code, httpStatusCode: shape.error.httpStatusCode, senderFault: shape.error.senderFault === true };
  }
}
function stsMemberInfo(shapeName) {
  const s = sts.shapes[shapeName];
  const info = { shape: shapeName, type: s.type };
  if (s.min !== undefined) info.min = s.min;
  if (s.max !== undefined) info.max = s.max;
  if (s.pattern && s.type === 'string') info.pattern = toJsPattern(s.pattern);
  if (s.type === 'list') info.member = stsMemberInfo(s.member.shape);
  if (s.type === 'structure') info.members = Object.fromEntries(Object.entries(s.members).map(([m, r]) => [m, stsMemberInfo(r.shape)]));
  return info;
}

const ssoAdminApi = await awsJsonApi(admin, SSO_ADMIN_OPERATIONS, '@aws-sdk/client-sso-admin');
const identityStoreApi = await awsJsonApi(idstore, IDENTITY_STORE_OPERATIONS, '@aws-sdk/client-identitystore');

const banner = '// Code generated by scripts/gen-schema.mjs from the AWS service models; DO NOT EDIT.\n';

/**
 * The config validator model/schema.ts runs, as ajv standalone code: compiling the schema took a third of a cold
 * `tipkit lint`. The options are the validator's contract: every error (allErrors) with its parentSchema
 * (verbose, for the allowed keys of an unknown key), strict schema, unicode patterns.
 */
function standaloneValidator(schema) {
  const ajv = new Ajv({ allErrors: true, strict: true, unicodeRegExp: true, verbose: true, code: { source: true, esm: true } });
  ajv.addKeyword({ keyword: 'x-union' });
  const code = standaloneCode(ajv, ajv.compile(schema)).replace(/^"use strict";/, '');
  // ajv's runtime helpers are CommonJS `require`s even in ESM output.
  const header = "import { createRequire } from 'node:module';\nconst require = createRequire(import.meta.url);";
  return `${banner}// @ts-nocheck -- generated JavaScript; model/schema.ts gives it its type.\n${header}\n${code}\n`;
}
const outputs = {
  'model/schema/tipkit.schema.json': JSON.stringify(configSchema, null, 2) + '\n',
  'model/generated/config-schema.ts': `${banner}export const configSchema = ${JSON.stringify(configSchema, null, 2)} as const;\n`,
  'model/generated/config-validator.ts': standaloneValidator(configSchema),
  'model/generated/sso-admin-shapes.ts': `${banner}export const ssoAdminShapes = ${JSON.stringify(adminShapes, null, 2)} as const;\n`,
  'simulator/generated/sso-oidc-model.ts': `${banner}export const ssoOidcModel = ${JSON.stringify(oidcModel, null, 2)} as const;\n`,
  'simulator/generated/sts-model.ts': `${banner}export const stsModel = ${JSON.stringify(stsModel, null, 2)} as const;\n`,
  'emulator/generated/sso-admin-api.ts': `${banner}import type { AwsJsonApi } from '../control-plane/api.js';\n\nexport const ssoAdminApi: AwsJsonApi = ${JSON.stringify(ssoAdminApi, null, 2)};\n`,
  'emulator/generated/identitystore-api.ts': `${banner}import type { AwsJsonApi } from '../control-plane/api.js';\n\nexport const identityStoreApi: AwsJsonApi = ${JSON.stringify(identityStoreApi, null, 2)};\n`,
};

let stale = 0;
for (const [rel, text] of Object.entries(outputs)) {
  const file = join(root, rel);
  const current = existsSync(file) ? readFileSync(file, 'utf8') : null;
  if (check) {
    if (current !== text) {
      process.stderr.write(`stale: ${rel} (run: node scripts/gen-schema.mjs)\n`);
      stale++;
    }
    continue;
  }
  mkdirSync(dirname(file), { recursive: true });
  if (current !== text) writeFileSync(file, text);
  process.stdout.write(`${current === text ? 'unchanged' : 'wrote'} ${rel}\n`);
}
if (check) process.exitCode = stale ? 1 : 0;
