/**
 * Request shapes: the sso-oidc model's operations (generated), plus the two user actions of scenarios,
 * Authorize and ApproveDevice, which have no API of their own. Input is checked against them first.
 */
import { ssoOidcModel } from './generated/sso-oidc-model.js';
import { stsModel } from './generated/sts-model.js';
import { InvalidRequestException } from './errors.js';
import type { Trace } from './trace.js';
import type { Operation, StsOperation } from './types.js';

interface MemberShape {
  type: string;
  member?: string;
}
interface RequestShape {
  required: readonly string[];
  input: Record<string, MemberShape>;
}

const USER_ACTIONS: Record<'Authorize' | 'ApproveDevice', RequestShape> = {
  Authorize: {
    required: ['clientId', 'redirectUri', 'user'],
    input: {
      clientId: { type: 'string' },
      redirectUri: { type: 'string' },
      user: { type: 'string' },
      scope: { type: 'list', member: 'string' },
      state: { type: 'string' },
      codeChallenge: { type: 'string' },
      codeChallengeMethod: { type: 'string' },
    },
  },
  ApproveDevice: { required: ['userCode', 'user'], input: { userCode: { type: 'string' }, user: { type: 'string' } } },
};

const isSts = (operation: Operation): operation is StsOperation => operation in stsModel.operations;

export function requestShape(operation: Operation): RequestShape {
  if (isSts(operation)) return stsModel.operations[operation] as unknown as RequestShape;
  return operation === 'Authorize' || operation === 'ApproveDevice' ? USER_ACTIONS[operation] : (ssoOidcModel.operations[operation] as unknown as RequestShape);
}

/** The fields an operation's response can have: what `${name.field}` may take (the user actions' are tipkit's). */
export function outputMembers(operation: Operation): string[] {
  if (operation === 'Authorize') return ['code', 'state'];
  if (operation === 'ApproveDevice') return ['approved'];
  if (isSts(operation)) return [...stsModel.operations[operation].output];
  return Object.keys((ssoOidcModel.operations[operation] as unknown as { output: Record<string, unknown> }).output);
}

/** The members an operation takes (scenario files may use no others). */
export const inputMembers = (operation: Operation): string[] => Object.keys(requestShape(operation).input);

function typeOk(shape: MemberShape, value: unknown): boolean {
  switch (shape.type) {
    case 'string':
      return typeof value === 'string';
    case 'list':
      return Array.isArray(value) && value.every((v) => typeof v === 'string');
    case 'integer':
    case 'long':
      return Number.isInteger(value);
    default:
      return true;
  }
}

/** Required members present and every member of its modelled type → else InvalidRequestException. */
export function checkInputShape(operation: Operation, input: Record<string, unknown>, trace: Trace): void {
  const shape = requestShape(operation);
  const missing = shape.required.filter((m) => input[m] === undefined || input[m] === null || input[m] === '');
  if (missing.length) trace.fail('input', `${operation} is missing the required member${missing.length > 1 ? 's' : ''} ${missing.join(', ')}`, InvalidRequestException);
  for (const [name, value] of Object.entries(input)) {
    const member = shape.input[name];
    if (member && value !== undefined && value !== null && !typeOk(member, value))
      trace.fail('input', `${operation} member ${name} must be ${member.type === 'list' ? 'a list of strings' : `a ${member.type}`}`, InvalidRequestException);
  }
  trace.pass('input', `matches the ${operation} request shape (required: ${shape.required.join(', ')})`);
}
