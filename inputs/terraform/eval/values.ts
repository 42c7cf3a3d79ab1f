/**
 * The values the Terraform evaluator works on: JSON-like JavaScript values, plus Unknown (only Terraform knows
 * it when it runs) and Reference (an attribute of a resource or data source, which the mapper resolves to a
 * name). A collection's Terraform type, where it is not what its shape says (a list, a set, a map, or a
 * typed null inside it), is kept beside it in a WeakMap, so callers still see plain arrays and objects.
 */
import { spend, type Budget } from './budget.js';

/** A value only Terraform knows when it runs. `source` is its hcl2json form (`${var.x}`, or a template). */
export class Unknown {
  constructor(
    readonly source: string,
    /** Why it is unknown, when the reason is not simply "Terraform computes it" (an error, a budget). */
    readonly reason?: string,
  ) {}
}

/**
 * A reference to a resource or data source attribute (`aws_ssoadmin_application.web["a"].arn`), or with an
 * empty attribute to a whole instance (`for_each = aws_ssoadmin_trusted_token_issuer.idp` iterates those).
 */
export class Reference {
  constructor(
    /** The block's address, with its instance key when it has one: `aws_x.y`, `aws_x.y["k"]`, `data.aws_x.y`, `module.m.aws_x.y`. */
    readonly address: string,
    readonly attribute: string,
  ) {}
}

/** A Terraform type, written as Terraform writes types in JSON (`"string"`, `["list","string"]`, `["object",{…}]`). */
export type Type =
  | 'string'
  | 'number'
  | 'bool'
  | 'dynamic'
  | ['list' | 'set' | 'map', Type]
  | ['tuple', Type[]]
  | ['object', { [attr: string]: Type }, ObjectExtras?];

/** What a type constraint adds to an object type: its optional attributes and their defaults. */
export interface ObjectExtras {
  optional: Set<string>;
  defaults: Map<string, Value>;
}

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown | Reference;
export type ValueMap = { [key: string]: Value };

/** Terraform types of collections whose shape does not tell them (list, set, map; typed nulls inside). */
const TYPES = new WeakMap<object, Type>();

export function withType<T extends Value[] | ValueMap>(value: T, type: Type): T {
  TYPES.set(value, type);
  return value;
}
export const recordedType = (value: object): Type | undefined => TYPES.get(value);

export const isMap = (v: unknown): v is ValueMap =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof Reference);
export const isList = (v: Value): v is Value[] => Array.isArray(v);
export const isSet = (v: Value): boolean => Array.isArray(v) && Array.isArray(TYPES.get(v)) && (TYPES.get(v) as unknown[])[0] === 'set';
export const isUnknown = (v: Value): v is Unknown | Reference => v instanceof Unknown || v instanceof Reference;
export const isPrimitive = (v: Value): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

/** Whether a value holds no Unknown or Reference anywhere (remembered per collection: values are shared, never changed). */
const KNOWN = new WeakMap<object, boolean>();
export function isKnown(v: Value): boolean {
  if (v instanceof Unknown || v instanceof Reference) return false;
  if (typeof v !== 'object' || v === null) return true;
  const hit = KNOWN.get(v);
  if (hit !== undefined) return hit;
  spend();
  const known = Array.isArray(v) ? v.every(isKnown) : Object.values(v).every(isKnown);
  KNOWN.set(v, known);
  return known;
}

/** The first Unknown with a reason inside a value (to pass the reason on). */
export function unknownReason(v: Value): string | undefined {
  if (v instanceof Unknown) return v.reason;
  if (Array.isArray(v)) for (const x of v) { const r = unknownReason(x); if (r) return r; }
  if (isMap(v)) for (const x of Object.values(v)) { const r = unknownReason(x); if (r) return r; }
  return undefined;
}

/** Terraform's equality (`==`): same type family and same value, deeply; `"1" == 1` is false. */
export function valuesEqual(a: Value, b: Value): boolean {
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (typeof a === 'object') spend();
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((x, i) => valuesEqual(x, b[i]!));
  if (isMap(a)) {
    if (!isMap(b)) return false;
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.hasOwn(b, k) && valuesEqual(a[k]!, b[k]!));
  }
  return a === b;
}

/** Object keys in Terraform's order (lexical by code point). */
export const sortedKeys = (m: ValueMap): string[] => Object.keys(m).sort(compareStrings);
export const compareStrings = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** A map with keys in Terraform's order (JavaScript objects list integer-like keys first otherwise… mostly). */
export function orderedMap(entries: [string, Value][]): ValueMap {
  const out: ValueMap = {};
  for (const [k, v] of entries.sort(([a], [b]) => compareStrings(a, b))) out[k] = v;
  return out;
}

export interface Iteration {
  key: Value;
  value: Value;
}

/** What names mean where an expression is evaluated. */
export interface Scope {
  /** `local.NAME` (Unknown when the local is not a literal). */
  local?(name: string): Value;
  /** `var.NAME` (Unknown when no value is given). */
  variable?(name: string): Value;
  /** `var.NAME`'s type constraint, so a null value keeps its type (a conditional unifies with it). */
  variableType?(name: string): Type | undefined;
  each?: Iteration;
  count?: number;
  /** `dynamic` block iterators by name. */
  iterators?: ReadonlyMap<string, Iteration>;
  /** Prefix of resource addresses inside a module (`module.NAME.`), so references name the right block. */
  modulePrefix?: string;
  /**
   * The instance keys of a declared block (its address without a key): null for a block without count /
   * for_each, undefined when it is not declared or its instances are not known here.
   */
  instances?(address: string): (string | number)[] | null | undefined;
  /**
   * An attribute of one resource instance (`aws_x.y["k"]`, `name`) as the configuration sets it; undefined
   * when only the provider computes it (the value is then a Reference).
   */
  attribute?(address: string, name: string): Value | undefined;
  /** `module.NAME`: the module's outputs as an object; undefined when the module is not known here. */
  module?(name: string): Value | undefined;
  /** `path.module`, `path.root` (relative to where Terraform runs) and `path.cwd` (absolute), where known. */
  paths?: { module: string; root: string; cwd?: string };
  /** Reads a file for file()/templatefile(): `path` as written; undefined when it is outside the tree or missing. */
  readFile?(path: string): Buffer | 'missing' | 'outside';
  /** Files matching a fileset() pattern under a directory. */
  fileset?(dir: string, pattern: string): string[] | undefined;
  /** What this configuration may spend (shared by its scopes). */
  budget?: Budget;
  /** Why a value written as `source` is unknown, when the reason is more than "Terraform computes it" (for notes). */
  reasons?: Map<string, string>;
}

/** `${` and `%{` in literal text, written `$${` / `%%{` in hcl2json form. */
export const ESCAPABLE = /([$%])\{/g;
export const escapeOne = (_: string, c: string): string => `${c}${c}{`;

/** Back to hcl2json form: unknowns as their source, references as `${address.attribute}`, `${` in text escaped. */
export function toHclJson(value: Value): unknown {
  if (value instanceof Unknown) return value.source;
  if (value instanceof Reference) return value.attribute ? `\${${value.address}.${value.attribute}}` : `\${${value.address}}`;
  if (typeof value === 'string') return value.replace(ESCAPABLE, escapeOne);
  if (Array.isArray(value)) return value.map(toHclJson);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toHclJson(v)]));
  return value;
}

/** `[0]` / `["web"]`, as Terraform writes an instance key in an address. */
export const instanceSuffix = (key: string | number): string => (typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`);

