/**
 * STS errors as STS writes them in its query-protocol XML (`<Error><Type>Sender</Type><Code>…</Code>`): the codes of
 * the errors AssumeRole lists come from the STS model (generated); the common ones — AccessDenied, ValidationError,
 * InvalidParameterValue — are STS's common error codes, which the model does not list.
 */
import { stsModel } from './generated/sts-model.js';
import type { OidcErrorBody } from './types.js';

type ModelledError = keyof typeof stsModel.errors;

/** An STS error: `code` is what STS writes in <Code> (and what a scenario's expect.error names). */
export class StsError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly fault: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
    this.name = code;
  }

  toBody(): OidcErrorBody {
    return { type: this.code, error: this.fault, error_description: this.message };
  }
}

const modelled = (name: ModelledError) => (message: string) => {
  const e = stsModel.errors[name];
  return new StsError(e.code, message, e.httpStatusCode, e.senderFault ? 'Sender' : 'Receiver');
};

/** The error classes a Trace can fail with: `new X(message)`. */
export type StsErrorClass = new (message: string, check?: string) => StsError;
const errorClass = (make: (message: string) => StsError): StsErrorClass =>
  class extends StsError {
    constructor(message: string) {
      const e = make(message);
      super(e.code, e.message, e.status, e.fault);
    }
  };

export const AccessDenied = errorClass((m) => new StsError('AccessDenied', m, 403));
export const ValidationError = errorClass((m) => new StsError('ValidationError', m, 400));
export const InvalidParameterValue = errorClass((m) => new StsError('InvalidParameterValue', m, 400));
export const ExpiredToken = errorClass(modelled('ExpiredTokenException'));
export const MalformedPolicyDocument = errorClass(modelled('MalformedPolicyDocumentException'));
export const PackedPolicyTooLarge = errorClass(modelled('PackedPolicyTooLargeException'));
export const RegionDisabled = errorClass(modelled('RegionDisabledException'));
export const InternalFailure = errorClass((m) => new StsError('InternalFailure', m, 500, 'Receiver'));

/** Every code an AssumeRole or GetCallerIdentity result may carry (what expect.error may name for them). */
export const STS_ERROR_CODES: readonly string[] = [
  'AccessDenied',
  'ValidationError',
  'InvalidParameterValue',
  'InternalFailure',
  ...Object.values(stsModel.errors).map((e) => e.code),
];

const STATUS: Record<string, number> = {
  AccessDenied: 403,
  ValidationError: 400,
  InvalidParameterValue: 400,
  InternalFailure: 500,
  ...Object.fromEntries(Object.values(stsModel.errors).map((e) => [e.code, e.httpStatusCode])),
};

/** The HTTP status STS answers an error code with (400 for a code it does not list). */
export const stsErrorStatus = (code: string): number => STATUS[code] ?? 400;
