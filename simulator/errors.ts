/**
 * SSO OIDC exceptions as named classes (jose / oidc-provider style): each carries the AWS exception name,
 * the snake_case `error` code of its wire body, and its HTTP status from the sso-oidc model.
 */
import { ssoOidcModel } from './generated/sso-oidc-model.js';
import type { OidcErrorBody } from './types.js';

export type OidcExceptionName = keyof typeof ssoOidcModel.errors;

/** The `error` value each exception puts on the wire (tip-facts §1.8). */
export const ERROR_CODES: Record<OidcExceptionName, string> = {
  AccessDeniedException: 'access_denied',
  AuthorizationPendingException: 'authorization_pending',
  ExpiredTokenException: 'expired_token',
  InternalServerException: 'server_error',
  InvalidClientException: 'invalid_client',
  InvalidClientMetadataException: 'invalid_client_metadata',
  InvalidGrantException: 'invalid_grant',
  InvalidRedirectUriException: 'invalid_redirect_uri',
  InvalidRequestException: 'invalid_request',
  InvalidRequestRegionException: 'invalid_request',
  InvalidScopeException: 'invalid_scope',
  SlowDownException: 'slow_down',
  UnauthorizedClientException: 'unauthorized_client',
  UnsupportedGrantTypeException: 'unsupported_grant_type',
};

/** Base of every SSO OIDC error the simulator raises. */
export abstract class OidcError extends Error {
  /** The AWS exception name (also `name`). */
  abstract readonly type: OidcExceptionName;
  /** Extra wire members (`reason`, `endpoint`, `region`). */
  readonly extra: Record<string, unknown>;

  constructor(
    message: string,
    /** The trace check that refused the request. */
    readonly check?: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message);
    this.extra = extra;
  }

  /** snake_case wire code (`invalid_grant`). */
  get code(): string {
    return ERROR_CODES[this.type];
  }

  get status(): number {
    return ssoOidcModel.errors[this.type].httpStatusCode;
  }

  toBody(): OidcErrorBody {
    return { type: this.type, error: this.code, error_description: this.message, ...this.extra };
  }
}

export class AccessDeniedException extends OidcError {
  readonly type = 'AccessDeniedException';
  override readonly name = 'AccessDeniedException';
}
export class AuthorizationPendingException extends OidcError {
  readonly type = 'AuthorizationPendingException';
  override readonly name = 'AuthorizationPendingException';
}
export class ExpiredTokenException extends OidcError {
  readonly type = 'ExpiredTokenException';
  override readonly name = 'ExpiredTokenException';
}
export class InternalServerException extends OidcError {
  readonly type = 'InternalServerException';
  override readonly name = 'InternalServerException';
}
export class InvalidClientException extends OidcError {
  readonly type = 'InvalidClientException';
  override readonly name = 'InvalidClientException';
}
export class InvalidClientMetadataException extends OidcError {
  readonly type = 'InvalidClientMetadataException';
  override readonly name = 'InvalidClientMetadataException';
}
export class InvalidGrantException extends OidcError {
  readonly type = 'InvalidGrantException';
  override readonly name = 'InvalidGrantException';
}
export class InvalidRedirectUriException extends OidcError {
  readonly type = 'InvalidRedirectUriException';
  override readonly name = 'InvalidRedirectUriException';
}
export class InvalidRequestException extends OidcError {
  readonly type = 'InvalidRequestException';
  override readonly name = 'InvalidRequestException';
}
export class InvalidRequestRegionException extends OidcError {
  readonly type = 'InvalidRequestRegionException';
  override readonly name = 'InvalidRequestRegionException';
}
export class InvalidScopeException extends OidcError {
  readonly type = 'InvalidScopeException';
  override readonly name = 'InvalidScopeException';
}
export class SlowDownException extends OidcError {
  readonly type = 'SlowDownException';
  override readonly name = 'SlowDownException';
}
export class UnauthorizedClientException extends OidcError {
  readonly type = 'UnauthorizedClientException';
  override readonly name = 'UnauthorizedClientException';
}
export class UnsupportedGrantTypeException extends OidcError {
  readonly type = 'UnsupportedGrantTypeException';
  override readonly name = 'UnsupportedGrantTypeException';
}

export type OidcErrorClass = new (message: string, check?: string, extra?: Record<string, unknown>) => OidcError;

/** Every exception class by AWS name. */
export const OIDC_ERRORS: Record<OidcExceptionName, OidcErrorClass> = {
  AccessDeniedException,
  AuthorizationPendingException,
  ExpiredTokenException,
  InternalServerException,
  InvalidClientException,
  InvalidClientMetadataException,
  InvalidGrantException,
  InvalidRedirectUriException,
  InvalidRequestException,
  InvalidRequestRegionException,
  InvalidScopeException,
  SlowDownException,
  UnauthorizedClientException,
  UnsupportedGrantTypeException,
};
