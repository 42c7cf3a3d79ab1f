/** Collection functions (Terraform's funcs/collection.go and cty's stdlib collection and set functions). */
import { spend } from '../budget.js';
import { convert, EvalError, makeSet, typeOf, unify, type Type } from '../types.js';
import { isKnown, isMap, isSet, isUnknown, orderedMap, recordedType, sortedKeys, Unknown, valuesEqual, withType, type Value, type ValueMap } from '../values.js';
import { bool, fn, graphemes, int, num, obj, seq, str, type TerraformFunction } from './define.js';

const kindOf = (v: Value): string | undefined => {
  const t = recordedType(v as object);
  return Array.isArray(t) ? t[0] : undefined;
};

/** The one type of a collection's elements, or an error naming the function. */
function elementType(items: Value[], name: string): Type {
  const t = unify(items.map(typeOf));
  if (!t) throw new EvalError(`Invalid value for "${name}" argument: all elements must be of the same type.`);
  return t;
}

/** A list of `items` converted to their common type. */
export function listOf(items: Value[], name = 'list'): Value[] {
  const t = elementType(items, name);
  return withType(items.map((v) => convert(v, t)), ['list', t]);
}

/** Same kind as `like`: a list stays a list, a set a set, a tuple a tuple. */
function sameKind(like: Value, items: Value[]): Value[] {
  const kind = kindOf(like);
  if (kind === 'list') return withType(items, recordedType(like as object)!);
  if (kind === 'set') return makeSet(items, (recordedType(like as object) as ['set', Type])[1]);
  return items;
}

function flatten(items: Value[], out: Value[]): boolean {
  spend(items.length);
  for (const item of items) {
    if (isUnknown(item)) return false;
    if (Array.isArray(item)) {
      if (!flatten(item, out)) return false;
    } else out.push(item);
  }
  return true;
}

export const COLLECTION_FUNCTIONS: Record<string, TerraformFunction> = {
  length: fn(
    1,
    ([v]) => {
      if (typeof v === 'string') return graphemes(v).length;
      if (Array.isArray(v)) return isSet(v) && !isKnown(v) ? new Unknown('') : v.length;
      if (isMap(v)) return Object.keys(v).length;
      if (isUnknown(v!)) return new Unknown('');
      throw new EvalError('Invalid value for "value" parameter: argument must be a string, a collection type, or a structural type.');
    },
    { allowUnknown: true },
  ),
  concat: fn(
    1,
    (args) => {
      if (args.some((a) => isUnknown(a))) return new Unknown('');
      const lists = args.map((a) => seq(a, 'seqs'));
      const items = lists.flat(1);
      if (lists.every((l) => kindOf(l) === 'list' || kindOf(l) === 'set') && isKnown(items)) return listOf(items, 'seqs');
      return items;
    },
    { max: Infinity, allowUnknown: true },
  ),
  merge: fn(
    0,
    (args) => {
      if (args.some((a) => isUnknown(a))) return new Unknown('');
      const maps = args.filter((a): a is ValueMap => a !== null).map((a) => obj(a, 'maps'));
      const merged: ValueMap = {};
      for (const m of maps) for (const [k, v] of Object.entries(m)) merged[k] = v;
      const out = orderedMap(Object.entries(merged));
      if (maps.length > 0 && maps.every((m) => kindOf(m) === 'map')) {
        const t = unify(Object.values(out).map(typeOf));
        if (t) return withType(Object.fromEntries(Object.entries(out).map(([k, v]) => [k, convert(v, t)])), ['map', t]);
      }
      if (!maps.some((m) => recordedType(m))) return out;
      // An argument with a declared type keeps its attributes' types (a null among them included).
      const types: Record<string, Type> = {};
      for (const m of maps) {
        const t = typeOf(m);
        for (const k of Object.keys(m)) types[k] = Array.isArray(t) && t[0] === 'object' ? (t[1] as Record<string, Type>)[k]! : Array.isArray(t) && t[0] === 'map' ? (t[1] as Type) : typeOf(m[k]!);
      }
      return withType(out, ['object', types]);
    },
    { max: Infinity, allowNull: true, allowUnknown: true },
  ),
  lookup: fn(
    2,
    ([m, key, ...fallback]) => {
      if (isUnknown(m!) || isUnknown(key!)) return new Unknown('');
      const map = obj(m, 'inputMap');
      const k = str(key, 'key');
      if (Object.hasOwn(map, k)) return map[k]!;
      if (fallback.length) return fallback[0]!;
      throw new EvalError(`Call to function "lookup" failed: lookup failed to find key ${JSON.stringify(k)}.`);
    },
    { max: 3, allowNull: true, allowUnknown: true },
  ),
  keys: fn(
    1,
    ([m]) => {
      if (isUnknown(m!)) return new Unknown('');
      const map = obj(m, 'inputMap');
      const keys = sortedKeys(map);
      return kindOf(map) === 'map' ? withType(keys, ['list', 'string']) : keys;
    },
    { allowUnknown: true },
  ),
  values: fn(
    1,
    ([m]) => {
      if (isUnknown(m!)) return new Unknown('');
      const map = obj(m, 'mapping');
      const items = sortedKeys(map).map((k) => map[k]!);
      const t = recordedType(map);
      return Array.isArray(t) && t[0] === 'map' ? withType(items, ['list', t[1] as Type]) : items;
    },
    { allowUnknown: true },
  ),
  contains: fn(2, ([l, v]) => {
    // No conversion: contains(["443"], 443) is false in Terraform.
    return seq(l, 'list').some((x) => valuesEqual(x, v!));
  }),
  element: fn(
    2,
    ([l, i]) => {
      if (isMap(l)) throw new EvalError('Call to function "element" failed: cannot read elements from map.');
      if (isUnknown(l!) || isUnknown(i!)) return new Unknown('');
      const items = seq(l, 'list');
      if (items.length === 0) throw new EvalError('Call to function "element" failed: cannot use element function with an empty list.');
      const n = int(i, 'index');
      if (n < 0) throw new EvalError('Call to function "element" failed: index out of range.');
      return items[n % items.length]!;
    },
    { allowUnknown: true },
  ),
  index: fn(2, ([l, v]) => {
    const i = seq(l, 'list').findIndex((x) => valuesEqual(x, v!));
    if (i < 0) throw new EvalError('Call to function "index" failed: item not found.');
    return i;
  }),
  distinct: fn(1, ([l]) => {
    const out: Value[] = [];
    for (const x of seq(l)) if (!out.some((y) => valuesEqual(x, y))) out.push(x);
    return listOf(out);
  }),
  flatten: fn(
    1,
    ([l]) => {
      if (isUnknown(l!)) return new Unknown('');
      const out: Value[] = [];
      const known = flatten(seq(l), out);
      return known ? out : new Unknown('');
    },
    { allowUnknown: true },
  ),
  compact: fn(1, ([l]) => listOf(seq(l).filter((x) => x !== null && x !== '').map((x) => str(x)))),
  coalesce: fn(
    1,
    (args) => {
      const t = unify(args.map(typeOf));
      if (!t) throw new EvalError('Call to function "coalesce" failed: all arguments must have the same type.');
      for (const a of args) if (a !== null && a !== '') return convert(a, t);
      throw new EvalError('Call to function "coalesce" failed: no non-null, non-empty-string arguments.');
    },
    { max: Infinity, allowNull: true },
  ),
  coalescelist: fn(
    1,
    (args) => {
      for (const a of args) if (a !== null && seq(a, 'vals').length > 0) return a;
      throw new EvalError('Call to function "coalescelist" failed: no non-null arguments.');
    },
    { max: Infinity, allowNull: true },
  ),
  reverse: fn(1, ([l]) => sameKind(l!, [...seq(l)].reverse())),
  sort: fn(1, ([l]) => {
    const items = seq(l).map((x) => {
      if (x === null) throw new EvalError('Invalid value for "list" parameter: given list element is null; a null list element cannot be sorted.');
      return convert(x, 'string') as string;
    });
    return withType(items.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)), ['list', 'string']);
  }),
  slice: fn(3, ([l, a, b]) => {
    const items = seq(l);
    const start = int(a, 'start_index');
    const end = int(b, 'end_index');
    if (start < 0) throw new EvalError('Invalid value for "start_index" parameter: must be greater than or equal to 0.');
    if (end > items.length) throw new EvalError('Invalid value for "end_index" parameter: end index must be less than or equal to the length of the list.');
    if (start > end) throw new EvalError('Invalid value for "start_index" parameter: start index must not be greater than end index.');
    const out = items.slice(start, end);
    return kindOf(items) === 'list' ? withType(out, recordedType(items)!) : out;
  }),
  range: fn(
    1,
    (args) => {
      const [start, limit, step] = args.length === 1 ? [0, num(args[0]), 1] : [num(args[0]), num(args[1]), args.length === 3 ? num(args[2]) : num(args[0]) <= num(args[1]) ? 1 : -1];
      if (step === 0) throw new EvalError('Call to function "range" failed: step must not be zero.');
      if ((step > 0 && start > limit) || (step < 0 && start < limit)) throw new EvalError('Call to function "range" failed: the step must move towards the limit.');
      const out: number[] = [];
      for (let x = start; step > 0 ? x < limit : x > limit; x += step) {
        if (out.length >= 1024) throw new EvalError('Call to function "range" failed: more than 1024 values were generated; either decrease the difference between start and end or use a smaller step.');
        out.push(x);
      }
      return withType(out, ['list', 'number']);
    },
    { max: 3 },
  ),
  zipmap: fn(2, ([k, v]) => {
    const keys = seq(k, 'keys');
    const values = seq(v, 'values');
    if (keys.length !== values.length) throw new EvalError('Call to function "zipmap" failed: number of keys does not match number of values.');
    const out = orderedMap(keys.map((key, i) => [str(key), values[i]!]));
    const t = recordedType(values);
    return Array.isArray(t) && t[0] === 'list' ? withType(out, ['map', t[1] as Type]) : out;
  }),
  setproduct: fn(
    1,
    (args) => {
      const lists = args.map((a) => seq(a, 'sets'));
      spend(lists.reduce((n, l) => Math.min(n * l.length, Number.MAX_SAFE_INTEGER), 1)); // before making them
      const types = lists.map((l) => elementType(l, 'sets'));
      let out: Value[][] = [[]];
      for (const l of lists) out = out.flatMap((prefix) => l.map((x) => [...prefix, x]));
      const tuples = out.map((t) => withType(t.map((x, i) => convert(x, types[i]!)), ['tuple', types]));
      return args.every((a) => isSet(a)) ? makeSet(tuples, ['tuple', types]) : withType(tuples, ['list', ['tuple', types]]);
    },
    { max: Infinity },
  ),
  setunion: fn(
    1,
    (args) => {
      const items = args.flatMap((a) => seq(a, 'sets'));
      return makeSet(items.map((x) => convert(x, elementType(items, 'sets'))), elementType(items, 'sets'));
    },
    { max: Infinity },
  ),
  setintersection: fn(
    1,
    ([first, ...rest]) => {
      const items = seq(first, 'first_set').filter((x) => rest.every((r) => seq(r, 'other_sets').some((y) => valuesEqual(x, y))));
      return makeSet(items, elementType(args_(first, rest), 'sets'));
    },
    { max: Infinity },
  ),
  setsubtract: fn(2, ([a, b]) => {
    const items = seq(a, 'a').filter((x) => !seq(b, 'b').some((y) => valuesEqual(x, y)));
    return makeSet(items, elementType(seq(a, 'a'), 'a'));
  }),
  chunklist: fn(2, ([l, n]) => {
    const items = seq(l);
    const size = int(n, 'size');
    if (size < 0) throw new EvalError('Invalid value for "size" parameter: the size argument must be positive.');
    const t = elementType(items, 'list');
    if (size === 0) return withType([withType(items.map((x) => convert(x, t)), ['list', t])], ['list', ['list', t]]);
    const out: Value[] = [];
    for (let i = 0; i < items.length; i += size) out.push(withType(items.slice(i, i + size).map((x) => convert(x, t)), ['list', t]));
    return withType(out, ['list', ['list', t]]);
  }),
  transpose: fn(1, ([m]) => {
    const map = obj(m, 'values');
    const out = new Map<string, string[]>();
    for (const k of sortedKeys(map)) {
      for (const v of seq(map[k]!, 'values')) {
        const key = str(v);
        if (!out.has(key)) out.set(key, []);
        out.get(key)!.push(k);
      }
    }
    return withType(orderedMap([...out].map(([k, vs]) => [k, withType(vs.sort(), ['list', 'string'])])), ['map', ['list', 'string']]);
  }),
  matchkeys: fn(3, ([values, keys, searchset]) => {
    const vs = seq(values, 'values');
    const ks = seq(keys, 'keys');
    if (vs.length !== ks.length) throw new EvalError('Call to function "matchkeys" failed: length of keys and values should be equal.');
    const wanted = seq(searchset, 'searchset');
    return listOf(vs.filter((_, i) => wanted.some((w) => valuesEqual(w, ks[i]!))));
  }),
  one: fn(1, ([l]) => {
    const items = seq(l);
    if (items.length > 1) throw new EvalError('Invalid value for "list" parameter: must be a list, set, or tuple value with either zero or one elements.');
    return items[0] ?? null;
  }),
  alltrue: fn(1, ([l]) => seq(l).every((x) => x !== null && bool(x, 'list'))),
  anytrue: fn(1, ([l]) => seq(l).some((x) => x !== null && bool(x, 'list'))),
  sum: fn(1, ([l]) => {
    const items = seq(l);
    if (items.length === 0) throw new EvalError('Invalid value for "list" parameter: cannot sum an empty list.');
    return items.reduce<number>((a, x) => a + num(x, 'list'), 0);
  }),
};

const args_ = (first: Value | undefined, rest: Value[]): Value[] => [first ?? [], ...rest].flatMap((a) => seq(a, 'sets'));
