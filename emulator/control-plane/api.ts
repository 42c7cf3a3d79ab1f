/**
 * The shape of the generated AWS JSON 1.1 service descriptions (emulator/generated/*-api.ts, written by
 * scripts/gen-schema.mjs from the public models): what the control plane validates requests against.
 */
export interface ShapeRef {
  shape: string;
  /** ClientToken members: the SDK fills them in when the caller leaves them out. */
  idempotencyToken?: boolean;
}

export interface Shape {
  type: 'string' | 'boolean' | 'integer' | 'long' | 'float' | 'double' | 'timestamp' | 'blob' | 'list' | 'map' | 'structure';
  /** structure */
  members?: Record<string, ShapeRef>;
  required?: string[];
  union?: boolean;
  /** A free-form JSON document (smithy `document`). */
  document?: boolean;
  exception?: boolean;
  fault?: boolean;
  /** list */
  member?: string;
  /** map */
  key?: string;
  value?: string;
  /** string length, list size, or number range */
  min?: number;
  max?: number;
  /** As the model writes it (Java regex, unanchored), for messages. */
  pattern?: string;
  /** The same pattern, anchored, for `new RegExp(jsPattern, 'u')`. */
  jsPattern?: string;
  enum?: string[];
  sensitive?: boolean;
  [other: string]: unknown;
}

export interface ApiOperation {
  input?: string;
  output?: string;
  errors: string[];
  idempotent?: boolean;
}

export interface ApiError {
  /** The Smithy `@httpError` status (the SDK's error schema). */
  httpStatusCode: number;
  fault: boolean;
  members: string[];
}

export interface AwsJsonApi {
  metadata: { apiVersion: string; jsonVersion: string; signingName: string; targetPrefix: string; serviceId: string };
  operations: Record<string, ApiOperation>;
  errors: Record<string, ApiError>;
  shapes: Record<string, Shape>;
}
