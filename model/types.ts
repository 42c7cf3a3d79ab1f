/**
 * The normalized TIP model that constructs/, linter/ and simulator/ all speak.
 *
 * Every input kind (tipkit YAML/JSON, synthesized Terraform JSON, cdktf TypeScript, HCL) is first turned
 * into a RawConfig — the document as a tipkit.yaml would hold it (PascalCase, AWS request shapes) — plus
 * a PositionIndex that maps pointers into that document to file:line:column. buildModel() then turns the
 * RawConfig into this model. Values of the wrong type are dropped from the typed fields (the schema
 * violation reports them); the raw value always stays reachable through `raw`.
 */
import type { PositionIndex } from './positions.js';
import type { UnknownValues } from './unknown.js';

export type { NodePath, PathSegment, SourceLocation } from './node-path.js';
import type { NodePath } from './node-path.js';

/** What every model node carries so a finding can point at it. */
export interface ModelNode {
  /** Pointer into the RawConfig (index based). */
  pointer: NodePath;
  /** The path users read, name based: `applications/analytics-portal/Grants/0`. */
  resource: string;
  /**
   * Some value at, in or above the node could not be read (see TipModel.unknown): rules treat what is absent
   * there as unknown, not missing. Set by buildModel.
   */
  unknownParts?: boolean;
}

export const GRANT_TYPES = {
  authorizationCode: 'authorization_code',
  refreshToken: 'refresh_token',
  jwtBearer: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
  tokenExchange: 'urn:ietf:params:oauth:grant-type:token-exchange',
} as const;
export type GrantType = (typeof GRANT_TYPES)[keyof typeof GRANT_TYPES];

/** GrantType → the member of the PutApplicationGrant `Grant` union that must carry it. */
export const GRANT_UNION_MEMBER: Record<GrantType, string> = {
  authorization_code: 'AuthorizationCode',
  refresh_token: 'RefreshToken',
  'urn:ietf:params:oauth:grant-type:jwt-bearer': 'JwtBearer',
  'urn:ietf:params:oauth:grant-type:token-exchange': 'TokenExchange',
};

export const DEFAULT_APPLICATION_PROVIDER_ARN = 'arn:aws:sso::aws:applicationProvider/custom';

export interface InstanceNode extends ModelNode {
  instanceArn?: string;
  identityStoreId?: string;
  region?: string;
  /** The Identity Center session duration (`8h`, `30m`, `7d`), as written; the simulator reads it. */
  sessionDuration?: string;
}

export interface OidcJwtConfiguration {
  issuerUrl?: string;
  claimAttributePath?: string;
  identityStoreAttributePath?: string;
  jwksRetrievalOption?: string;
}

export interface Tag {
  Key: string;
  Value: string;
}

export interface IssuerNode extends ModelNode {
  name: string;
  /** Declared TrustedTokenIssuerArn, else the deterministic one derived from instance and name. */
  arn: string;
  arnDerived: boolean;
  type?: string;
  /** Present when TrustedTokenIssuerConfiguration holds an OidcJwtConfiguration object. */
  oidc?: OidcJwtConfiguration;
  tags: Tag[];
  clientToken?: string;
  /** The issuer block as written. */
  raw: Record<string, unknown>;
}

/** How a reference (an issuer or application named where an ARN goes) was resolved. */
export type Resolution =
  | 'name' //          matched the Name of a declared resource
  | 'arn' //           matched the ARN of a declared resource
  | 'external' //      a well-formed ARN of something not declared here
  | 'unresolved'; //   neither: kept, marked, reported by the linter

export interface AuthorizedTokenIssuerNode extends ModelNode {
  /** TrustedTokenIssuerArn as written (a Name or an ARN). */
  ref?: string;
  resolution: Resolution;
  issuer?: IssuerNode;
  /** The issuer's ARN when known (declared issuer's ARN, or the external ARN as written). */
  issuerArn?: string;
  /** undefined when the member is missing or not a list. */
  audiences?: string[];
}

export interface GrantNode extends ModelNode {
  /** GrantType as written, when it is a string. */
  grantType?: string;
  /** The `Grant` union as written. */
  grant: unknown;
  /** The member names set in `Grant` (a valid grant has exactly one, matching grantType). */
  members: string[];
  /** authorization_code: RedirectUris (undefined when missing). */
  redirectUris?: string[];
  /** jwt-bearer: AuthorizedTokenIssuers (undefined when missing). */
  authorizedTokenIssuers?: AuthorizedTokenIssuerNode[];
}

export interface ScopeTargetNode extends ModelNode {
  ref: string;
  resolution: Resolution;
  application?: ApplicationNode;
  /** The target's ARN when known. */
  arn?: string;
}

export interface AccessScopeNode extends ModelNode {
  scope?: string;
  targets: ScopeTargetNode[];
}

/** An IAM policy document as written (free-form, like the API's `document` type). */
export type PolicyDocument = Record<string, unknown>;

export interface AuthenticationMethodNode extends ModelNode {
  type?: string;
  /** AuthenticationMethod.Iam.ActorPolicy, when it is an object. */
  actorPolicy?: PolicyDocument;
  raw: Record<string, unknown>;
}

export interface AssignmentNode extends ModelNode {
  principalType?: string;
  /** An identity-store id, or a group DisplayName / UserName. */
  principalId?: string;
}

export interface ApplicationNode extends ModelNode {
  name: string;
  arn: string;
  arnDerived: boolean;
  providerArn: string;
  instanceArn?: string;
  description?: string;
  status?: string;
  portalOptions?: Record<string, unknown>;
  tags: Tag[];
  clientToken?: string;
  grants: GrantNode[];
  accessScopes: AccessScopeNode[];
  authenticationMethods: AuthenticationMethodNode[];
  /** AWS default: true. */
  assignmentRequired: boolean;
  assignments: AssignmentNode[];
  raw: Record<string, unknown>;
}

/**
 * An AWS-managed application declared through its own service's Terraform resource
 * (`aws_redshift_idc_application`, …). tipkit does not lint it: it is a usage record, so the trusted token
 * issuers it authorizes count as used (issuer-unused) and access scopes may target it by reference.
 */
export interface ManagedApplicationNode extends ModelNode {
  /** The Terraform address (`aws_redshift_idc_application.warehouse`), which references resolve to. */
  name: string;
  /** The resource type. */
  type: string;
  /** The trusted token issuers it authorizes, resolved as a grant's are. */
  authorizedTokenIssuers: AuthorizedTokenIssuerNode[];
  /** Access scopes its service integrations turn on (Redshift: `redshift:connect`, …). */
  scopes: string[];
  /** What it gives as its Identity Center instance ARN (a literal; at [...pointer, 'InstanceArn']). */
  instanceArn?: string;
}

/** A permission policy of a role (PutRolePolicy: PolicyName, PolicyDocument). */
export interface RolePermissionPolicyNode extends ModelNode {
  name?: string;
  /** The document as an object (a JSON string is parsed); undefined when it is neither. */
  document?: PolicyDocument;
}

/**
 * An IAM role a TIP flow assumes (spec §9): IAM CreateRole's RoleName, AssumeRolePolicyDocument and
 * MaxSessionDuration, plus its Arn. An application passes the identity context of a CreateTokenWithIAM result to
 * STS AssumeRole for it; the session that comes back is an identity-enhanced role session.
 */
export interface RoleNode extends ModelNode {
  name: string;
  /** Declared Arn, else arn:PARTITION:iam::ACCOUNT:role/PATH/NAME with the account derived as applications' are. */
  arn: string;
  arnDerived: boolean;
  /** The trust policy as an object (a JSON string is parsed); undefined when it is neither. */
  trustPolicy?: PolicyDocument;
  /** AssumeRolePolicyDocument was a string that is not a JSON object. */
  trustPolicyUnreadable?: boolean;
  permissionPolicies: RolePermissionPolicyNode[];
  /** IAM's default is 3600 seconds. */
  maxSessionDuration: number;
  /**
   * Why this role is assumed with identity context (ProvidedContexts), when it is: declared (`IdentityContext: true`)
   * or the role an integrated service assumes (an S3 Access Grants location, a Transfer Family web app, …).
   */
  identityContext?: { reason: string; servicePrincipal?: string };
  raw: Record<string, unknown>;
}

/** A suppression attached by a construct (`suppressions: [{ id, reason }]`), applied to a resource subtree. */
export interface ConstructSuppression {
  id: string;
  reason?: string;
  /** The resource path prefix it covers (e.g. `applications/web`). */
  resource: string;
  pointer: NodePath;
}

export interface TipModel {
  version?: unknown;
  instance: InstanceNode;
  issuers: IssuerNode[];
  applications: ApplicationNode[];
  /** AWS-managed applications the Terraform readers recognized (usage records; see ManagedApplicationNode). */
  managedApplications: ManagedApplicationNode[];
  /** IAM roles that TIP flows assume (`roles:`). */
  roles: RoleNode[];
  /** Lookups, built once by buildModel. */
  index: ModelIndex;
  /** The document the model was built from, and where its nodes are. */
  raw: RawConfig;
  positions: PositionIndex;
  suppressions: ConstructSuppression[];
  /** Values the reader could not know (unknown, not missing): every rule asks before calling a value missing or wrong. */
  unknown: UnknownValues;
}

export interface ModelIndex {
  issuerByName: Map<string, IssuerNode>;
  issuerByArn: Map<string, IssuerNode>;
  applicationByName: Map<string, ApplicationNode>;
  applicationByArn: Map<string, ApplicationNode>;
  managedApplicationByName: Map<string, ManagedApplicationNode>;
  roleByName: Map<string, RoleNode>;
  roleByArn: Map<string, RoleNode>;
}

/** The tipkit.yaml document shape (loosely typed: it may break the schema). */
export interface RawConfig {
  version?: unknown;
  instance?: Record<string, unknown>;
  trustedTokenIssuers?: Record<string, unknown>[];
  applications?: Record<string, unknown>[];
  roles?: Record<string, unknown>[];
  [key: string]: unknown;
}
