/**
 * The control plane's exceptions as named classes: each carries the AWS exception name (`type`, also `name`)
 * and the members its error shape declares beside `Message` (`Reason`, `ResourceType`, …). The HTTP status comes
 * from the generated service description when it models the exception.
 */
import type { AwsJsonApi } from './api.js';

export abstract class ControlPlaneError extends Error {
  abstract readonly type: string;
  constructor(
    message: string,
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export class ValidationException extends ControlPlaneError {
  readonly type = 'ValidationException';
  override readonly name = 'ValidationException';
}
export class ConflictException extends ControlPlaneError {
  readonly type = 'ConflictException';
  override readonly name = 'ConflictException';
}
export class ResourceNotFoundException extends ControlPlaneError {
  readonly type = 'ResourceNotFoundException';
  override readonly name = 'ResourceNotFoundException';
}
export class AccessDeniedException extends ControlPlaneError {
  readonly type = 'AccessDeniedException';
  override readonly name = 'AccessDeniedException';
}
export class ThrottlingException extends ControlPlaneError {
  readonly type = 'ThrottlingException';
  override readonly name = 'ThrottlingException';
}
export class ServiceQuotaExceededException extends ControlPlaneError {
  readonly type = 'ServiceQuotaExceededException';
  override readonly name = 'ServiceQuotaExceededException';
}
export class InternalServerException extends ControlPlaneError {
  readonly type = 'InternalServerException';
  override readonly name = 'InternalServerException';
}

/**
 * A ClientToken reused with different parameters. The sso-admin model documents the error by this code
 * (CreateApplication / CreateTrustedTokenIssuer `ClientToken`: "the retry fails with an IdempotentParameterMismatch
 * error") but models no shape for it, so it goes on the wire as an unmodelled error code: SDKs raise their service's
 * generic exception with this name.
 */
export class IdempotentParameterMismatch extends ControlPlaneError {
  readonly type = 'IdempotentParameterMismatch';
  override readonly name = 'IdempotentParameterMismatch';
}

/**
 * Errors of the AWS JSON front end rather than of the service (not in the model): a body that is not the
 * operation's JSON shape (SerializationException), an X-Amz-Target no service answers (UnknownOperationException).
 */
export class SerializationException extends ControlPlaneError {
  readonly type = 'SerializationException';
  override readonly name = 'SerializationException';
}
export class UnknownOperationException extends ControlPlaneError {
  readonly type = 'UnknownOperationException';
  override readonly name = 'UnknownOperationException';
}

/** An error as it goes on the wire: status, `x-amzn-errortype`, and the `__type` body AWS JSON clients read. */
export interface AwsJsonError {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

/**
 * The wire form of `err` for a service: the modelled status and only the members the error shape declares
 * (RequestId, where the shape has one, is this request's id).
 */
export function toAwsJsonError(api: AwsJsonApi, err: ControlPlaneError, requestId: string): AwsJsonError {
  const modelled = api.errors[err.type];
  if (!modelled) return { status: err.type === 'InternalServerException' ? 500 : 400, type: err.type, body: { __type: err.type, message: err.message } };
  const body: Record<string, unknown> = { __type: err.type };
  for (const member of modelled.members) {
    if (member === 'Message') body.Message = err.message;
    else if (member === 'RequestId') body.RequestId = requestId;
    else if (err.fields[member] !== undefined) body[member] = err.fields[member];
  }
  return { status: modelled.httpStatusCode, type: err.type, body };
}
