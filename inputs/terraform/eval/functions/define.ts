/** How a function is declared: its implementation and whether it takes unknown or null arguments. */
import type { Budget } from '../budget.js';
import { EvalError, typeName, typeOf } from '../types.js';
import { isMap, type Scope, type Value, type ValueMap } from '../values.js';

/** What a function implementation may use beyond its arguments. */
export interface FunctionContext {
  scope: Scope;
  budget: Budget;
  /** templatefile()/templatestring(): a template rendered with `vars` as its only names. */
  renderTemplate(text: string, vars: ValueMap): Value;
}

export interface TerraformFunction {
  impl(args: Value[], ctx: FunctionContext): Value;
  /** Whether the function gives a known answer from arguments with unknown parts (length, concat…). */
  allowUnknown?: boolean;
  /** Whether a null argument is a value the function takes (coalesce, merge…), not an error. */
  allowNull?: boolean;
  /** Arity: exactly `min` when `max` is absent; `max: Infinity` for variadic. */
  min: number;
  max?: number;
}

export const fn = (min: number, impl: TerraformFunction['impl'], opts: Omit<TerraformFunction, 'impl' | 'min'> = {}): TerraformFunction => ({ impl, min, ...opts });

export function str(v: Value | undefined, what = 'argument'): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return String(v);
  if (typeof v === 'boolean') return String(v);
  throw new EvalError(`Invalid value for "${what}" parameter: string required.`);
}

export function num(v: Value | undefined, what = 'argument'): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && /^-?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(v)) return Number(v);
  throw new EvalError(`Invalid value for "${what}" parameter: number required.`);
}

export function int(v: Value | undefined, what = 'argument'): number {
  const n = num(v, what);
  if (!Number.isInteger(n)) throw new EvalError(`Invalid value for "${what}" parameter: value must be a whole number.`);
  return n;
}

export function bool(v: Value | undefined, what = 'argument'): boolean {
  if (typeof v === 'boolean') return v;
  if (v === 'true' || v === 'false') return v === 'true';
  throw new EvalError(`Invalid value for "${what}" parameter: bool required.`);
}

export function seq(v: Value | undefined, what = 'list'): Value[] {
  if (Array.isArray(v)) return v;
  throw new EvalError(`Invalid value for "${what}" parameter: list, set or tuple required, not ${v === undefined ? 'nothing' : typeName(typeOf(v))}.`);
}

export function obj(v: Value | undefined, what = 'map'): ValueMap {
  if (isMap(v)) return v;
  throw new EvalError(`Invalid value for "${what}" parameter: map or object required.`);
}

/** Grapheme clusters, as Terraform counts characters (`"noël"` is 4, `"👍🏽"` is 1). */
const SEGMENTER = new Intl.Segmenter('en', { granularity: 'grapheme' });
export const graphemes = (s: string): string[] => Array.from(SEGMENTER.segment(s), (x) => x.segment);
