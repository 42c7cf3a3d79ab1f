/** Attribute and index steps on values, with Terraform's errors, and the declared type of a null they reach. */
import { convert, EvalError, typeName, typeOf } from './types.js';
import { isMap, isSet, isUnknown, recordedType, type Type, type Value } from './values.js';

/** The declared type at the end of `keys` from `root` (whose recorded type says what its nulls are). */
export function nullType(root: Value, declared: Type | undefined, keys: Value[]): Type | undefined {
  let t: Type | undefined = declared ?? (root === null ? undefined : typeOf(root));
  let v: Value = root;
  for (const key of keys) {
    if (t === undefined || typeof t === 'string') return undefined;
    const next: Value = v !== null && !isUnknown(v) ? (Array.isArray(v) ? v[Number(key)]! : isMap(v) ? v[String(key)]! : null) : null;
    if (t[0] === 'object') t = t[1][String(key)];
    else if (t[0] === 'tuple') t = t[1][Number(key)];
    else t = t[1];
    if (next !== null && next !== undefined && typeof next === 'object' && !isUnknown(next)) {
      const recorded = recordedType(next);
      if (recorded) t = recorded;
    }
    v = next ?? null;
  }
  return t;
}

export function getAttribute(v: Value, name: string): Value {
  if (v === null) throw new EvalError('Attempt to get attribute from null value: this value is null, so it does not have any attributes.');
  if (isUnknown(v)) return v;
  if (isMap(v)) {
    if (!Object.hasOwn(v, name)) {
      const type = recordedType(v);
      if (Array.isArray(type) && type[0] === 'map') throw new EvalError(`Invalid index: the given key does not identify an element in this collection value.`);
      throw new EvalError(`Unsupported attribute: this object does not have an attribute named ${JSON.stringify(name)}.`);
    }
    return v[name]!;
  }
  throw new EvalError(`Unsupported attribute: can't access attributes on a ${typeName(typeOf(v))}.`);
}

export function index(v: Value, key: Value): Value {
  if (v === null) throw new EvalError('Attempt to index null value.');
  if (isUnknown(v)) return v;
  if (key === null) throw new EvalError('Invalid index: can\'t use a null value as an indexing key.');
  if (Array.isArray(v)) {
    if (isSet(v)) throw new EvalError('Invalid index: elements of a set are identified only by their value and don\'t have any separate index or key to select with.');
    let n: number;
    try {
      n = convert(key, 'number') as number;
    } catch {
      throw new EvalError('Invalid index: the given key does not identify an element in this collection value: a number is required.');
    }
    if (!Number.isInteger(n)) throw new EvalError('Invalid index: indexing a sequence requires a whole number.');
    if (n < 0) throw new EvalError('Invalid index: a negative number is not a valid index for a sequence.');
    if (n >= v.length) throw new EvalError('Invalid index: the given key does not identify an element in this collection value.');
    return v[n]!;
  }
  if (isMap(v)) {
    let k: string;
    try {
      k = convert(key, 'string') as string;
    } catch {
      throw new EvalError('Invalid index: a string key is required.');
    }
    if (!Object.hasOwn(v, k)) throw new EvalError('Invalid index: the given key does not identify an element in this collection value.');
    return v[k]!;
  }
  throw new EvalError('Invalid index: this value does not have any indices.');
}
