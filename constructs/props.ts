/**
 * Props of tipkit's constructs. They mirror the sso-admin request shapes in camelCase, so the static
 * TypeScript reader (inputs/typescript/) maps them to tipkit.yaml keys by upper-casing the first
 * letter (`grantType` → `GrantType`), with no table of special cases. Two exceptions, both documented
 * here: `application` (which application a grant/scope/method belongs to) has no key of its own in the
 * config, and `actorPolicy` is an IAM policy document whose keys stay exactly as written.
 *
 * This file holds types and the props' defaults only: the static reader and the linter import it without
 * loading cdktf.
 */

/** What a prop left out means (shared with the static reader, which lives in model/). */
export { PROP_DEFAULTS } from '../model/prop-defaults.js';

/** A cdk-nag style suppression: the rule id and why it does not apply here. */
export interface SuppressionProps {
  id: string;
  reason: string;
}

/** A construct that stands for an application (an IdentityCenterApplication), or an application ARN. */
export type ApplicationRef = { readonly applicationArn: string; readonly applicationName?: string } | string;
/** A TrustedTokenIssuer construct, or a trusted token issuer ARN. */
export type TrustedTokenIssuerRef = { readonly trustedTokenIssuerArn: string; readonly issuerName?: string } | string;

export interface Tag {
  key: string;
  value: string;
}

export interface OidcJwtConfigurationProps {
  issuerUrl: string;
  claimAttributePath: string;
  identityStoreAttributePath: string;
  /** Default `OPEN_ID_DISCOVERY` (the only option AWS has). */
  jwksRetrievalOption?: 'OPEN_ID_DISCOVERY';
}

export interface TrustedTokenIssuerProps {
  instanceArn: string;
  name: string;
  /** Default `OIDC_JWT` (the only type AWS has). */
  trustedTokenIssuerType?: 'OIDC_JWT';
  trustedTokenIssuerConfiguration: { oidcJwtConfiguration: OidcJwtConfigurationProps };
  tags?: Tag[];
  suppressions?: SuppressionProps[];
}

export interface AssignmentProps {
  principalType: 'USER' | 'GROUP';
  /** An identity-store id, or a group DisplayName / UserName (resolved with an identitystore data source). */
  principalId: string;
}

export interface IdentityCenterApplicationProps {
  instanceArn: string;
  name: string;
  /** Defaults to the custom OAuth application provider, `arn:aws:sso::aws:applicationProvider/custom`. */
  applicationProviderArn?: string;
  description?: string;
  status?: 'ENABLED' | 'DISABLED';
  portalOptions?: {
    visibility?: 'ENABLED' | 'DISABLED';
    signInOptions?: { origin: 'IDENTITY_CENTER' | 'APPLICATION'; applicationUrl?: string };
  };
  tags?: Tag[];
  /** As in AWS, defaults to true: only assigned users and groups can get tokens. */
  assignmentRequired?: boolean;
  assignments?: AssignmentProps[];
  /** Needed when an assignment names a user or group instead of its id. */
  identityStoreId?: string;
  suppressions?: SuppressionProps[];
}

interface GrantCommon {
  application: ApplicationRef;
  suppressions?: SuppressionProps[];
}

/** The four PutApplicationGrant shapes; the discriminant makes a mismatched grant a compile error. */
export type ApplicationGrantProps =
  | (GrantCommon & { grantType: 'authorization_code'; grant: { authorizationCode: { redirectUris: string[] } } })
  | (GrantCommon & { grantType: 'refresh_token'; grant?: { refreshToken: Record<string, never> } })
  | (GrantCommon & {
      grantType: 'urn:ietf:params:oauth:grant-type:jwt-bearer';
      grant: {
        jwtBearer: {
          authorizedTokenIssuers: { trustedTokenIssuerArn: TrustedTokenIssuerRef; authorizedAudiences: string[] }[];
        };
      };
    })
  | (GrantCommon & { grantType: 'urn:ietf:params:oauth:grant-type:token-exchange'; grant?: { tokenExchange: Record<string, never> } });

export interface ApplicationAccessScopeProps {
  application: ApplicationRef;
  scope: string;
  /** Applications (constructs or ARNs) this scope lets the application's tokens reach by token exchange. */
  authorizedTargets?: ApplicationRef[];
  suppressions?: SuppressionProps[];
}

/** An IAM policy document, written as in IAM (Version, Statement, …). */
export type PolicyDocument = Record<string, unknown>;

export interface ApplicationAuthenticationMethodProps {
  application: ApplicationRef;
  /** Default `IAM` (the only type AWS has). */
  authenticationMethodType?: 'IAM';
  authenticationMethod: { iam: { actorPolicy: PolicyDocument } };
  suppressions?: SuppressionProps[];
}
