/** The SSO OIDC restJson1 wire format, read from the generated sso-oidc model: routes, input members, error bodies. */
import { ssoOidcModel, ERROR_CODES, type OidcErrorBody } from '../simulator/index.js';

export type ApiOperation = keyof typeof ssoOidcModel.operations;
export type ExceptionName = keyof typeof ssoOidcModel.errors;

interface Route {
  operation: ApiOperation;
  method: string;
  path: string;
  /** Query literals the request URI fixes (`/token?aws_iam=t` → { aws_iam: 't' }). */
  query: Record<string, string>;
  auth: 'none' | 'sigv4';
}

/** One route per modelled operation, most specific (most query literals) first. */
export const ROUTES: readonly Route[] = Object.entries(ssoOidcModel.operations)
  .map(([operation, op]): Route => {
    const [path, query = ''] = op.requestUri.split('?');
    return {
      operation: operation as ApiOperation,
      method: op.method,
      path: path!,
      query: Object.fromEntries(new URLSearchParams(query)),
      auth: op.auth,
    };
  })
  .sort((a, b) => Object.keys(b.query).length - Object.keys(a.query).length);

/** The operation a request addresses, as the service front end dispatches it: method, path, fixed query. */
export function matchRoute(method: string, url: URL): Route | undefined {
  return ROUTES.find(
    (r) => r.method === method && r.path === url.pathname && Object.entries(r.query).every(([k, v]) => url.searchParams.get(k) === v),
  );
}

/** An error as the service sends it: status, `x-amzn-errortype`, and the body members the shape declares. */
export interface WireError {
  status: number;
  type: string;
  body: Record<string, unknown>;
}

export function isModelledException(type: string): type is ExceptionName {
  return Object.hasOwn(ssoOidcModel.errors, type);
}

/** A modelled exception with a description (and `reason`/`endpoint`/`region` where the shape has them). */
export function modelledError(type: ExceptionName, description: string, extra: Record<string, unknown> = {}): WireError {
  return toWireError({ type, error: ERROR_CODES[type], error_description: description, ...extra });
}

/**
 * The simulator's error as it goes on the wire. Body members are limited to those the error shape declares, so
 * the SDK deserializes exactly what AWS would send; the `reason` enum values come from the shape too.
 */
export function toWireError(err: OidcErrorBody): WireError {
  const { type, ...fields } = err;
  if (!isModelledException(type)) {
    // Not an sso-oidc exception: say so as a server fault rather than invent a shape.
    return modelledError('InternalServerException', `unmodelled error ${type}: ${String(fields.error_description ?? '')}`);
  }
  const shape = ssoOidcModel.errors[type];
  const body: Record<string, unknown> = {};
  for (const member of shape.members as readonly string[]) {
    if (fields[member] === undefined) continue;
    if (member === 'reason' && !(shape.reasons as readonly string[]).includes(String(fields[member]))) continue;
    body[member] = fields[member];
  }
  body.error ??= ERROR_CODES[type];
  body.error_description ??= '';
  return { status: shape.httpStatusCode, type, body };
}

/** Neither a modelled operation nor an emulator page: what AWS front ends answer for an unknown operation. */
export function unknownOperation(method: string, path: string): WireError {
  return { status: 404, type: 'UnknownOperationException', body: { message: `no operation for ${method} ${path}` } };
}

/**
 * The JSON body as the operation's input: it must be an object, and only the operation's modelled members are kept.
 * Unknown members are dropped, as restJson1 servers ignore them (a newer client may send members this model does
 * not know); member types and required members are the simulator's first check (`input` in the trace).
 */
export function readInput(operation: ApiOperation, body: unknown): { input: Record<string, unknown> } | { error: WireError } {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return { error: modelledError('InvalidRequestException', 'the request body must be a JSON object') };
  }
  const members = ssoOidcModel.operations[operation].input;
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(body as Record<string, unknown>)) {
    if (Object.hasOwn(members, name) && value !== null) input[name] = value;
  }
  return { input };
}
