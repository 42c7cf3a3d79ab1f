/**
 * Terraform's type system where it changes values: the type of a value, unification (a conditional's two
 * results, the elements of tolist()), conversion to a type (tolist/toset/tomap, variable type constraints),
 * and `optional(type, default)` attributes. Types are written as Terraform writes them in JSON
 * (`"string"`, `["list","string"]`, `["object",{"a":"number"}]`), so they compare with `terraform`'s own.
 */
import { spend } from './budget.js';
import { compareStrings, isMap, isUnknown, recordedType, sortedKeys, Unknown, valuesEqual, withType, type Type, type Value, type ValueMap } from './values.js';

export type { ObjectExtras, Type } from './values.js';

/** A Terraform error while evaluating (a type error, a failed function): the value becomes unknown. */
export class EvalError extends Error {}

/** What tipkit does not evaluate although Terraform would (the value is unknown; try() and can() do not catch it). */
export class Unevaluated extends Error {}

export const isPrimitiveType = (t: Type): t is 'string' | 'number' | 'bool' => t === 'string' || t === 'number' || t === 'bool';

/** The type of a value (unknowns and null are `dynamic`). */
export function typeOf(v: Value): Type {
  if (v === null || isUnknown(v)) return 'dynamic';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  const recorded = recordedType(v) ?? STRUCTURAL.get(v);
  if (recorded) return recorded;
  spend();
  const t: Type = Array.isArray(v) ? ['tuple', v.map(typeOf)] : ['object', Object.fromEntries(Object.entries(v).map(([k, x]) => [k, typeOf(x)]))];
  STRUCTURAL.set(v, t);
  return t;
}

/** Types of tuples and objects as computed from their shape (remembered: values are shared, never changed). */
const STRUCTURAL = new WeakMap<object, Type>();

/** Types equal, object attributes in any order (optional markers ignored). */
export function typesEqual(a: Type, b: Type): boolean {
  if (a === b) return true;
  if (typeof a === 'string' || typeof b === 'string') return a === b;
  spend();
  if (a[0] !== b[0]) return false;
  if (a[0] === 'tuple') return (b[1] as Type[]).length === a[1].length && a[1].every((t, i) => typesEqual(t, (b[1] as Type[])[i]!));
  if (a[0] === 'object') {
    const ka = Object.keys(a[1]);
    const bo = b[1] as Record<string, Type>;
    return ka.length === Object.keys(bo).length && ka.every((k) => bo[k] !== undefined && typesEqual(a[1][k]!, bo[k]!));
  }
  return typesEqual(a[1], b[1] as Type);
}

/** A readable name for messages: `list of string`, `object`, `tuple`. */
export function typeName(t: Type): string {
  if (typeof t === 'string') return t;
  if (t[0] === 'tuple' || t[0] === 'object') return t[0];
  return `${t[0]} of ${typeName(t[1])}`;
}

/**
 * One type all of `types` convert to, as Terraform unifies them (a conditional's results, the elements of a
 * list). undefined when there is none (`"a"` and `["b"]`).
 */
export function unify(types: Type[]): Type | undefined {
  const known = types.filter((t) => t !== 'dynamic');
  if (known.length === 0) return 'dynamic';
  const first = known[0]!;
  if (known.every((t) => typesEqual(t, first))) return first;
  if (known.every(isPrimitiveType)) {
    if (known.includes('string')) return 'string';
    return undefined; // number and bool: no conversion between them
  }
  const kinds = new Set(known.map((t) => (typeof t === 'string' ? t : t[0])));
  if ([...kinds].every((k) => k === 'object' || k === 'map')) {
    const objects = known.filter((t): t is ['object', Record<string, Type>] => Array.isArray(t) && t[0] === 'object');
    if (objects.length === known.length) {
      const names = Object.keys(objects[0]![1]).sort().join('\0');
      if (objects.every((o) => Object.keys(o[1]).sort().join('\0') === names)) {
        const attrs: Record<string, Type> = {};
        for (const k of Object.keys(objects[0]![1])) {
          const u = unify(objects.map((o) => o[1][k]!));
          if (!u) return undefined;
          attrs[k] = u;
        }
        return ['object', attrs];
      }
    }
    const element = unify(known.flatMap((t) => (t as [string, unknown])[0] === 'object' ? Object.values((t as ['object', Record<string, Type>])[1]) : [(t as ['map', Type])[1]]));
    return element === undefined ? undefined : ['map', element];
  }
  if ([...kinds].every((k) => k === 'tuple' || k === 'list')) {
    const tuples = known.filter((t): t is ['tuple', Type[]] => Array.isArray(t) && t[0] === 'tuple');
    if (tuples.length === known.length && tuples.every((t) => t[1].length === tuples[0]![1].length)) {
      const items: Type[] = [];
      for (let i = 0; i < tuples[0]![1].length; i++) {
        const u = unify(tuples.map((t) => t[1][i]!));
        if (!u) return undefined;
        items.push(u);
      }
      return ['tuple', items];
    }
    const element = unify(known.flatMap((t) => (Array.isArray(t) && t[0] === 'tuple' ? t[1] : [(t as ['list', Type])[1]])));
    return element === undefined ? undefined : ['list', element];
  }
  if ([...kinds].every((k) => k === 'set')) {
    const element = unify(known.map((t) => (t as ['set', Type])[1]));
    return element === undefined ? undefined : ['set', element];
  }
  return undefined;
}

/** A number as Terraform prints it in a string: never in exponent form. */
export function numberToString(n: number): string {
  if (Number.isInteger(n)) return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
  const s = String(n);
  if (!/e/.test(s)) return s;
  return n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '');
}

const DECIMAL = /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** Order of set elements: strings lexically, numbers ascending, false before true; others as given. */
export function compareSetElements(a: Value, b: Value): number {
  if (typeof a === 'string' && typeof b === 'string') return compareStrings(a, b);
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' && typeof b === 'boolean') return Number(a) - Number(b);
  return 0;
}

export function makeSet(items: Value[], element: Type): Value[] {
  const unique: Value[] = [];
  for (const item of items) if (!unique.some((u) => valuesEqual(u, item))) unique.push(item);
  return withType(unique.sort(compareSetElements), ['set', element]);
}

/**
 * `value` converted to `type` as Terraform converts (a variable's type constraint, tolist(), a function's
 * parameter). `optional()` attributes of object types get their default, or null. Throws EvalError.
 */
export function convert(value: Value, type: Type, path = ''): Value {
  if (type === 'dynamic' || isUnknown(value)) return value;
  if (value === null) return null;
  const where = path ? ` at ${path}` : '';
  if (type === 'string') {
    if (typeof value === 'string') return value;
    if (typeof value === 'number') return numberToString(value);
    if (typeof value === 'boolean') return String(value);
    throw new EvalError(`cannot convert ${typeName(typeOf(value))} to string${where}`);
  }
  if (type === 'number') {
    if (typeof value === 'number') return value;
    if (typeof value === 'string' && DECIMAL.test(value)) return Number(value);
    throw new EvalError(typeof value === 'string' ? `cannot convert ${JSON.stringify(value)} to number${where}` : `cannot convert ${typeName(typeOf(value))} to number${where}`);
  }
  if (type === 'bool') {
    if (typeof value === 'boolean') return value;
    if (value === 'true' || value === 'false') return value === 'true';
    throw new EvalError(typeof value === 'string' ? `cannot convert ${JSON.stringify(value)} to bool${where}` : `cannot convert ${typeName(typeOf(value))} to bool${where}`);
  }
  const [kind] = type;
  spend();
  if (kind === 'list' || kind === 'set') {
    if (!Array.isArray(value)) throw new EvalError(`cannot convert ${typeName(typeOf(value))} to ${kind}${where}`);
    let element = type[1];
    if (element === 'dynamic' || containsDynamic(element)) {
      const u = unify(value.map((v) => (element === 'dynamic' ? typeOf(v) : typeOf(convert(v, element)))));
      if (!u) throw new EvalError(`cannot convert ${typeName(typeOf(value))} to ${kind} of any single type${where}`);
      element = element === 'dynamic' ? u : element;
      if (element !== 'dynamic' && containsDynamic(element)) element = u;
    }
    const items = value.map((v, i) => convert(v, element, `${path}[${i}]`));
    if (kind === 'set') return items.some(isUnknown) ? new Unknown('') : makeSet(items, element);
    return withType(items, ['list', element]);
  }
  if (kind === 'map') {
    if (!isMap(value)) throw new EvalError(`cannot convert ${typeName(typeOf(value))} to map${where}`);
    let element = type[1];
    if (element === 'dynamic' || containsDynamic(element)) {
      const u = unify(Object.values(value).map((v) => (element === 'dynamic' ? typeOf(v) : typeOf(convert(v, element)))));
      if (!u) throw new EvalError(`cannot convert ${typeName(typeOf(value))} to map of any single type${where}`);
      element = element === 'dynamic' ? u : u;
    }
    const out: ValueMap = {};
    for (const k of sortedKeys(value)) out[k] = convert(value[k]!, element, `${path}[${JSON.stringify(k)}]`);
    return withType(out, ['map', element]);
  }
  if (kind === 'tuple') {
    if (!Array.isArray(value) || value.length !== type[1].length) throw new EvalError(`cannot convert ${typeName(typeOf(value))} to tuple${where}`);
    const items = value.map((v, i) => convert(v, type[1][i]!, `${path}[${i}]`));
    return withType(items, ['tuple', items.map((v, i) => (type[1][i] === 'dynamic' ? typeOf(v) : type[1][i]!))]);
  }
  // object
  if (!isMap(value)) throw new EvalError(`object required${where}`);
  const attrs = type[1] as Record<string, Type>;
  const extras = type[2];
  const out: ValueMap = {};
  const outType: Record<string, Type> = {};
  for (const name of Object.keys(attrs).sort(compareStrings)) {
    let v: Value | undefined = Object.hasOwn(value, name) ? value[name]! : undefined;
    if ((v === undefined || v === null) && extras?.defaults.has(name)) v = extras.defaults.get(name)!;
    if (v === undefined) {
      if (!extras?.optional.has(name)) throw new EvalError(`attribute ${JSON.stringify(name)} is required${where}`);
      v = null;
    }
    out[name] = convert(v, attrs[name]!, `${path}.${name}`);
    outType[name] = attrs[name] === 'dynamic' || containsDynamic(attrs[name]!) ? typeOf(out[name]!) : stripExtras(attrs[name]!);
  }
  return withType(out, ['object', outType]);
}

function containsDynamic(t: Type): boolean {
  if (t === 'dynamic') return true;
  if (typeof t === 'string') return false;
  if (t[0] === 'tuple') return t[1].some(containsDynamic);
  if (t[0] === 'object') return Object.values(t[1]).some(containsDynamic);
  return containsDynamic(t[1]);
}

/** A type constraint as a value's type: without optional markers. */
export function stripExtras(t: Type): Type {
  if (typeof t === 'string') return t;
  if (t[0] === 'tuple') return ['tuple', t[1].map(stripExtras)];
  if (t[0] === 'object') return ['object', Object.fromEntries(Object.entries(t[1]).map(([k, x]) => [k, stripExtras(x)]))];
  return [t[0], stripExtras(t[1])];
}

/**
 * Terraform computes with arbitrary-precision decimals (0.1 + 0.2 is 0.3); JavaScript with doubles. A sum or
 * product within one unit of the 15th significant digit of a shorter decimal is that decimal.
 */
export function decimal(x: number): number {
  if (!Number.isFinite(x) || Number.isInteger(x)) return x;
  const short = Number(x.toPrecision(15));
  return Math.abs(short - x) <= Math.abs(x) * 2e-16 ? short : x;
}
