/** The values the Terraform evaluator works on: literals as JSON, Unknown for what only Terraform knows, Reference for resource attributes. */
/** A value only Terraform knows when it runs. `source` is its hcl2json form (`${var.x}`, or a template). */
export class Unknown {
  constructor(readonly source: string) {}
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

/** `${` and `%{` in literal text, written `$${` / `%%{` in hcl2json form. */
export const ESCAPABLE = /([$%])\{/g;
export const escapeOne = (_: string, c: string): string => `${c}${c}{`;

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown | Reference;
export type ValueMap = { [key: string]: Value };

/** Lists made by toset() (Terraform iterates a set of strings in lexical order, keyed by the element). */
export const SETS = new WeakSet<Value[]>();

export interface Iteration {
  key: Value;
  value: Value;
}

/** What names mean where an expression is evaluated. */
export interface Scope {
  /** `local.NAME` (Unknown when the local is not a literal). */
  local?(name: string): Value;
  /** `var.NAME` (Unknown when no literal value is given). */
  variable?(name: string): Value;
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
}

export const isMap = (v: unknown): v is ValueMap =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof Reference);
export const isSet = (v: Value): boolean => Array.isArray(v) && SETS.has(v);

/** Whether a value holds no Unknown or Reference anywhere. */
export function isKnown(v: Value): boolean {
  if (v instanceof Unknown || v instanceof Reference) return false;
  if (Array.isArray(v)) return v.every(isKnown);
  if (isMap(v)) return Object.values(v).every(isKnown);
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// hcl2json form ⇄ values
// ---------------------------------------------------------------------------------------------------------

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
