/** Terraform's pure functions, over known arguments (undefined = cannot compute here). */
import { isKnown, isMap, SETS, type Value } from './values.js';

export const isList = (v: Value): v is Value[] => Array.isArray(v);
export const isPrimitive = (v: Value): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

export function toSet(items: Value[]): Value[] | undefined {
  if (!items.every(isPrimitive)) return undefined; // sets of objects or of unknowns: order and identity unknown
  const unique = [...new Set(items.map((v) => String(v)))].sort();
  const out: Value[] = unique;
  SETS.add(out);
  return out;
}

/** JSON for jsonencode: sets as lists, keys in lexical order as Terraform writes them. */
export function toJson(v: Value): unknown {
  if (Array.isArray(v)) return v.map(toJson);
  if (isMap(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, toJson(v[k]!)]));
  return v;
}

/** Terraform's format verbs that need no type information: %s %d %v %q %%. */
export function format(spec: Value, args: Value[]): Value | undefined {
  if (typeof spec !== 'string') return undefined;
  let next = 0;
  let failed = false;
  const out = spec.replace(/%(%|[sdvq])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    const a = args[next++];
    if (a === undefined || !isPrimitive(a)) {
      failed = true;
      return '';
    }
    if (verb === 'd' && (typeof a !== 'number' || !Number.isInteger(a))) failed = true;
    return verb === 'q' ? JSON.stringify(String(a)) : String(a);
  });
  if (failed || /%[^%sdvq]/.test(spec.replace(/%%/g, ''))) return undefined;
  return out;
}

export const FUNCTIONS: Record<string, (args: Value[]) => Value | undefined> = {
  tolist: ([v, ...more]) => (more.length === 0 && v !== undefined && isList(v) ? [...v] : undefined),
  toset: ([v, ...more]) => (more.length === 0 && v !== undefined && isList(v) ? toSet(v) : undefined),
  tomap: ([v, ...more]) => (more.length === 0 && v !== undefined && isMap(v) ? { ...v } : undefined),
  concat: (args) => (args.every(isList) ? args.flat(1) : undefined),
  merge: (args) => (args.every((a) => isMap(a) || a === null) ? Object.assign({}, ...args.filter(isMap)) : undefined),
  lookup: ([map, key, fallback, ...more]) => {
    if (more.length || map === undefined || !isMap(map) || typeof key !== 'string') return undefined;
    if (Object.hasOwn(map, key)) return map[key]!;
    return fallback;
  },
  jsonencode: ([v, ...more]) => (more.length === 0 && v !== undefined && isKnown(v) ? JSON.stringify(toJson(v)) : undefined),
  format: ([spec, ...args]) => (spec === undefined ? undefined : format(spec, args)),
  length: ([v, ...more]) => {
    if (more.length || v === undefined) return undefined;
    if (typeof v === 'string') return [...v].length;
    if (isList(v)) return v.length;
    if (isMap(v)) return Object.keys(v).length;
    return undefined;
  },
  keys: ([v]) => (v !== undefined && isMap(v) ? Object.keys(v).sort() : undefined),
  values: ([v]) => (v !== undefined && isMap(v) ? Object.keys(v).sort().map((k) => v[k]!) : undefined),
};

/** The function names evaluated here (docs and notes list them). */
export const EVALUATED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);
