/**
 * The tipkit.yaml schema (generated from the sso-admin model by scripts/gen-schema.mjs), checked with ajv — as
 * the standalone code the generator compiles ahead of time, so no run pays for compiling the schema.
 * Violations are reported with a pointer, so every loader's PositionIndex can place them.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { validate as generatedValidator } from './generated/config-validator.js';
import type { NodePath } from './node-path.js';

export interface SchemaViolation {
  /** Where the offending value is (for an unknown key: the key itself). */
  pointer: NodePath;
  /** The ajv keyword that failed: additionalProperties, enum, pattern, maxItems, … */
  keyword: string;
  message: string;
  params: Record<string, unknown>;
  /** True when `pointer` names a key rather than a value (unknown keys). */
  atKey: boolean;
  /** The offending value (absent for unknown keys and missing members). */
  value?: unknown;
}

/** ajv's compiled validator of configSchema (allErrors, verbose, strict, unicode patterns; see scripts/gen-schema.mjs). */
export function configValidator(): ValidateFunction {
  return generatedValidator as unknown as ValidateFunction;
}

export function validateConfig(raw: unknown): SchemaViolation[] {
  const validate = configValidator();
  if (validate(raw)) return [];
  return toViolations(validate.errors ?? []);
}

/** `/applications/0/Grants/1` → ['applications', 0, 'Grants', 1] */
export function parsePointer(instancePath: string): NodePath {
  if (!instancePath) return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** When one value breaks several keywords (a number where an enum string goes), the first of these is reported. */
const KEYWORD_PRIORITY = ['type', 'const', 'enum', 'minLength', 'maxLength', 'pattern', 'minItems', 'maxItems', 'minProperties', 'maxProperties'];

export function toViolations(errors: readonly ErrorObject[]): SchemaViolation[] {
  const out: SchemaViolation[] = [];
  const seen = new Set<string>();
  // One finding per value: keep only the highest-priority keyword failing at each pointer.
  const best = new Map<string, number>();
  for (const e of errors) {
    const rank = KEYWORD_PRIORITY.indexOf(e.keyword);
    if (rank < 0) continue;
    const prev = best.get(e.instancePath);
    if (prev === undefined || rank < prev) best.set(e.instancePath, rank);
  }
  for (const e of errors) {
    const rank = KEYWORD_PRIORITY.indexOf(e.keyword);
    if (rank >= 0 && best.get(e.instancePath) !== rank) continue;
    const base = parsePointer(e.instancePath);
    const params = e.params as Record<string, unknown>;
    let pointer = base;
    let atKey = false;
    let message: string;
    const what = describe(base);
    switch (e.keyword) {
      case 'additionalProperties':
        pointer = [...base, String(params.additionalProperty)];
        atKey = true;
        message = `unknown key '${String(params.additionalProperty)}' in ${what}; expected one of: ${allowedKeys(e).join(', ')}`;
        break;
      case 'required':
        message = `${what} is missing the required member '${String(params.missingProperty)}'`;
        break;
      case 'enum':
        message = `${what} must be one of: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'const':
        message = `${what} must be ${JSON.stringify(params.allowedValue)}`;
        break;
      case 'pattern':
        message = `${what} does not match the pattern ${String(params.pattern)}`;
        break;
      case 'maxItems':
        message = `${what} has more than ${String(params.limit)} items`;
        break;
      case 'minItems':
        message = `${what} must have at least ${String(params.limit)} item${params.limit === 1 ? '' : 's'}`;
        break;
      case 'maxLength':
        message = `${what} is longer than ${String(params.limit)} characters`;
        break;
      case 'minLength':
        message = `${what} must be at least ${String(params.limit)} character${params.limit === 1 ? '' : 's'} long`;
        break;
      case 'maxProperties':
      case 'minProperties':
        message = `${what} must set exactly one member (it is a union)`;
        break;
      case 'type':
        message = `${what} must be ${article(String(params.type))}`;
        break;
      default:
        message = `${what} ${e.message ?? 'is invalid'}`;
    }
    const key = `${pointer.join('/')}|${e.keyword}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, keyword: e.keyword, message, params, atKey, ...(atKey || e.keyword === 'required' ? {} : { value: e.data }) });
  }
  return out;
}

function allowedKeys(e: ErrorObject): string[] {
  const props = (e.parentSchema as { properties?: Record<string, unknown> } | undefined)?.properties;
  return props ? Object.keys(props).filter((k) => k !== '$schema') : [];
}

function article(type: string): string {
  return /^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`;
}

function describe(path: NodePath): string {
  if (path.length === 0) return 'the document';
  const last = path[path.length - 1];
  return typeof last === 'number' ? `item ${last} of ${String(path[path.length - 2])}` : `'${last}'`;
}
