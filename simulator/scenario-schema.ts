/** JSON Schema of a scenario file (spec §4), checked with ajv; unknown keys are errors. */
import { OPERATIONS } from './types.js';

const str = { type: 'string' } as const;
const strList = { type: 'array', items: str } as const;
const duration = { type: ['string', 'number'] } as const;

const email = { type: 'object', additionalProperties: false, properties: { Value: str, Type: str, Primary: { type: 'boolean' } } };
const externalId = { type: 'object', additionalProperties: false, required: ['Issuer', 'Id'], properties: { Issuer: str, Id: str } };
const loose = { type: 'object' };

/** IdentityStore DescribeUser members. */
const user = {
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['UserId'] }, { required: ['UserName'] }],
  properties: {
    IdentityStoreId: str,
    UserId: str,
    UserName: str,
    ExternalIds: { type: 'array', items: externalId },
    Name: {
      type: 'object',
      additionalProperties: false,
      properties: { Formatted: str, FamilyName: str, GivenName: str, MiddleName: str, HonorificPrefix: str, HonorificSuffix: str },
    },
    DisplayName: str,
    NickName: str,
    ProfileUrl: str,
    Emails: { type: 'array', items: email },
    Addresses: { type: 'array', items: loose },
    PhoneNumbers: { type: 'array', items: loose },
    UserType: str,
    Title: str,
    PreferredLanguage: str,
    Locale: str,
    Timezone: str,
    UserStatus: str,
    Photos: { type: 'array', items: loose },
    Website: str,
    Birthdate: str,
    Roles: { type: 'array', items: loose },
    CreatedAt: {},
    CreatedBy: str,
    UpdatedAt: {},
    UpdatedBy: str,
    Extensions: loose,
  },
};

/** IdentityStore DescribeGroup members plus Members (UserNames or UserIds). */
const group = {
  type: 'object',
  additionalProperties: false,
  anyOf: [{ required: ['GroupId'] }, { required: ['DisplayName'] }],
  properties: {
    GroupId: str,
    DisplayName: str,
    ExternalIds: { type: 'array', items: externalId },
    Description: str,
    CreatedAt: {},
    UpdatedAt: {},
    CreatedBy: str,
    UpdatedBy: str,
    IdentityStoreId: str,
    Members: strList,
  },
};

const issuer = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  maxProperties: 1,
  properties: { generateKey: { enum: ['RS256', 'ES256'] }, privateJwk: str, jwks: str },
};

const principal = {
  type: 'object',
  additionalProperties: false,
  required: ['Arn'],
  properties: { Arn: { type: 'string', pattern: '^arn:aws[a-z-]*:(iam|sts)::\\d{12}:.+$' }, AccessKeyId: str, SecretAccessKey: str, SessionToken: str },
};

const expectation = {
  type: 'object',
  additionalProperties: false,
  properties: { outcome: { enum: ['success', 'error'] }, error: str, response: { type: 'object' } },
};

const request = {
  type: 'object',
  additionalProperties: false,
  required: ['operation'],
  properties: {
    name: { type: 'string', pattern: '^[A-Za-z0-9_-]+$' },
    operation: { enum: [...OPERATIONS] },
    caller: str,
    after: duration,
    input: { type: 'object' },
    expect: expectation,
  },
};

export const JWT_SPEC_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  required: ['jwt'],
  properties: {
    jwt: {
      type: 'object',
      additionalProperties: false,
      required: ['issuer'],
      properties: { issuer: str, claims: { type: 'object' }, header: { type: 'object' }, expiresIn: duration },
    },
  },
} as const;

export const scenarioSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version', 'requests'],
  properties: {
    version: { const: 1 },
    config: str,
    now: str,
    identityStore: {
      type: 'object',
      additionalProperties: false,
      properties: { Users: { type: 'array', items: user }, Groups: { type: 'array', items: group } },
    },
    issuers: { type: 'object', additionalProperties: issuer },
    principals: { type: 'object', additionalProperties: principal },
    lifetimes: {
      type: 'object',
      additionalProperties: false,
      properties: { accessToken: duration, refreshToken: duration, authorizationCode: duration, deviceCode: duration, deviceInterval: duration, clientSecret: duration, session: duration },
    },
    rotateRefreshTokens: { type: 'boolean' },
    requests: { type: 'array', items: request },
  },
} as const;
