/**
 * Request validation by walking the generated shapes of the service model: types (a value of the wrong JSON type
 * is a SerializationException, as AWS's JSON front end answers), then the constraints the service checks —
 * required members, unions, enums, patterns, lengths, ranges — collected into one ValidationException worded as
 * the service words it: "2 validation errors detected: Value null at 'grantType' failed to satisfy constraint:
 * Member must not be null; Value at 'applicationArn' failed to satisfy constraint: …".
 */
import { isObject } from '../../model/build.js';
import type { AwsJsonApi, Shape } from './api.js';
import { SerializationException, ValidationException } from './errors.js';

export interface ValidateOptions {
  /**
   * A value that breaks its shape's pattern but is accepted anyway (the scenario's own identity-store ids, which
   * need not look like AWS's). Called only for pattern failures.
   */
  acceptPattern?: (shapeName: string, value: string) => boolean;
}

const patterns = new Map<string, RegExp>();
function patternOf(shape: Shape): RegExp {
  let re = patterns.get(shape.jsPattern!);
  if (!re) {
    re = new RegExp(shape.jsPattern!, 'u');
    patterns.set(shape.jsPattern!, re);
  }
  return re;
}

/** The service's member path: camelCase names, list items as `.N.member` (1-based). */
const memberPath = (parent: string, member: string): string => {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return parent ? `${parent}.${name}` : name;
};

/**
 * The input as the operation receives it: only modelled members (AWS JSON services ignore unknown ones, so a newer
 * client keeps working), nulls dropped. Throws SerializationException or ValidationException.
 */
export function validateInput(api: AwsJsonApi, shapeName: string, value: unknown, opts: ValidateOptions = {}): Record<string, unknown> {
  if (!isObject(value)) throw new SerializationException('the request body must be a JSON object');
  const violations: string[] = [];
  const cleaned = walk(api, shapeName, value, '', violations, opts) as Record<string, unknown>;
  if (violations.length) {
    const n = violations.length;
    throw new ValidationException(`${n} validation error${n === 1 ? '' : 's'} detected: ${violations.join('; ')}`);
  }
  return cleaned;
}

/**
 * Largest JSON document member (the ActorPolicy of an IAM authentication method), as compact JSON: IAM's limit for
 * a role's inline policies. Every write stores it, and every later read and the state file carry it.
 */
export const MAX_DOCUMENT_CHARS = 10_240;

function jsonType(v: unknown): string {
  return Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v;
}

function walk(api: AwsJsonApi, shapeName: string, value: unknown, path: string, violations: string[], opts: ValidateOptions): unknown {
  const shape = api.shapes[shapeName];
  if (!shape) throw new Error(`shape ${shapeName} is not in the generated model`);
  const at = path || 'body';
  const wrongType = (expected: string): never => {
    throw new SerializationException(`Value at '${at}' must be ${expected}, not ${jsonType(value)}`);
  };
  const fail = (constraint: string) => violations.push(`Value at '${at}' failed to satisfy constraint: ${constraint}`);

  switch (shape.type) {
    case 'structure': {
      if (shape.document) {
        // The body's nesting was limited before parsing, so this walk cannot overflow the stack.
        if (JSON.stringify(value).length > MAX_DOCUMENT_CHARS) fail(`Member must have length less than or equal to ${MAX_DOCUMENT_CHARS}`);
        return value;
      }
      if (!isObject(value)) return wrongType('an object');
      const out: Record<string, unknown> = {};
      const members = shape.members ?? {};
      for (const [member, ref] of Object.entries(members)) {
        const v = value[member];
        if (v === undefined || v === null) continue;
        out[member] = walk(api, ref.shape, v, memberPath(path, member), violations, opts);
      }
      for (const member of shape.required ?? []) {
        if (out[member] === undefined) violations.push(`Value null at '${memberPath(path, member)}' failed to satisfy constraint: Member must not be null`);
      }
      if (shape.union && Object.keys(out).length !== 1) fail(`Member must have exactly one of its members set: [${Object.keys(members).join(', ')}]`);
      return out;
    }
    case 'list': {
      if (!Array.isArray(value)) return wrongType('an array');
      checkSize(shape, value.length, fail);
      return value.map((item, i) => {
        const itemPath = `${at === 'body' ? '' : at}.${i + 1}.member`;
        if (item === null) {
          violations.push(`Value null at '${itemPath}' failed to satisfy constraint: Member must not be null`);
          return item;
        }
        return walk(api, shape.member!, item, itemPath, violations, opts);
      });
    }
    case 'map': {
      if (!isObject(value)) return wrongType('an object');
      checkSize(shape, Object.keys(value).length, fail);
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        walk(api, shape.key!, k, `${at}.key`, violations, opts);
        out[k] = walk(api, shape.value!, v, `${at}.${k}`, violations, opts);
      }
      return out;
    }
    case 'string': {
      if (typeof value !== 'string') return wrongType('a string');
      if (shape.enum && !shape.enum.includes(value)) fail(`Member must satisfy enum value set: [${shape.enum.join(', ')}]`);
      checkSize(shape, value.length, fail);
      if (shape.jsPattern && !patternOf(shape).test(value) && !opts.acceptPattern?.(shapeName, value)) fail(`Member must satisfy regular expression pattern: ${shape.pattern}`);
      return value;
    }
    case 'boolean':
      return typeof value === 'boolean' ? value : wrongType('a boolean');
    case 'integer':
    case 'long': {
      if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType('an integer');
      if (shape.min !== undefined && value < shape.min) fail(`Member must have value greater than or equal to ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) fail(`Member must have value less than or equal to ${shape.max}`);
      return value;
    }
    case 'float':
    case 'double':
    case 'timestamp':
      return typeof value === 'number' ? value : wrongType('a number');
    default:
      return value;
  }
}

function checkSize(shape: Shape, size: number, fail: (constraint: string) => void): void {
  if (shape.min !== undefined && size < shape.min) fail(`Member must have length greater than or equal to ${shape.min}`);
  if (shape.max !== undefined && size > shape.max) fail(`Member must have length less than or equal to ${shape.max}`);
}

/** Only the members an output shape declares (the scenario's users carry extras such as group `Members`). */
export function outputMembers(api: AwsJsonApi, shapeName: string, value: Record<string, unknown>): Record<string, unknown> {
  const members = api.shapes[shapeName]?.members ?? {};
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(members)) if (value[name] !== undefined) out[name] = value[name];
  return out;
}
