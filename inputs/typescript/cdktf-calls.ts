/**
 * cdktf's helpers as `cdktf convert` writes them: `Token.asString(x)` and its kin only retype x for TypeScript;
 * `Fn.*` are Terraform's functions, evaluated by the Terraform evaluator's function table (the HCL reader's).
 */
import type { SourceLocation } from '../../model/types.js';
import { Budget, FUNCTIONS, isKnown, moduleScope, Unknown, type Value } from '../terraform/eval/index.js';
import { plainValue, UNREAD_VALUE, type Member, type Val } from './values.js';

/** `Token.as*` methods: the value is the argument. */
export const TOKEN_CASTS = new Set(['asString', 'asList', 'asNumber', 'asAny', 'asNumberList', 'asStringMap', 'asNumberMap', 'asBooleanMap', 'asAnyMap']);

/** cdktf's names for Terraform functions where they differ from Terraform's (`length` is a JavaScript word). */
const RENAMED: Readonly<Record<string, string>> = { lengthOf: 'length' };

/** `Fn.NAME(args)` as a value, or why it cannot be one (a note's words). */
export function callTerraformFunction(name: string, args: Val[], loc: SourceLocation): Val | string {
  const plain: Value[] = [];
  for (const arg of args) {
    const v = plainValue(arg);
    if (v === UNREAD_VALUE) return `\`Fn.${name}\` of a value that is not all literals`;
    plain.push(v as Value);
  }
  let result: Value | undefined;
  if (name === 'rawString' && plain.length === 1 && typeof plain[0] === 'string') result = plain[0];
  else if (name === 'lookupNested' && plain.length === 2 && Array.isArray(plain[1])) result = lookupNested(plain[0]!, plain[1]);
  else {
    const terraformName = RENAMED[name] ?? name.toLowerCase();
    const fn = Object.hasOwn(FUNCTIONS, terraformName) ? FUNCTIONS[terraformName] : undefined;
    if (!fn) return `\`Fn.${name}\` is not a function tipkit evaluates`;
    if (plain.length < fn.min || plain.length > (fn.max ?? fn.min) || (!fn.allowNull && plain.includes(null))) return `\`Fn.${name}\` of these arguments is an error in Terraform`;
    try {
      // Constant arguments only: no names to look up, no files to read (file() and templatefile() stay unknown).
      result = fn.impl(plain, { scope: moduleScope(new Map()), budget: new Budget(), renderTemplate: () => new Unknown('', 'a template is not rendered from TypeScript') });
    } catch {
      return `\`Fn.${name}\` of these arguments is an error in Terraform`;
    }
  }
  if (result === undefined || !isKnown(result)) return `\`Fn.${name}\` cannot be computed from these arguments`;
  return toVal(result, loc);
}

/** `Fn.lookupNested(x, ["a", "0"])`: x.a[0], as the Terraform expression cdktf writes for it. */
function lookupNested(value: Value, path: Value[]): Value | undefined {
  let at: Value | undefined = value;
  for (const key of path) {
    if (Array.isArray(at) && (typeof key === 'number' || (typeof key === 'string' && /^\d+$/.test(key)))) at = at[Number(key)];
    else if (at !== null && typeof at === 'object' && !Array.isArray(at) && (typeof key === 'string' || typeof key === 'number')) at = (at as Record<string, Value>)[String(key)];
    else return undefined;
    if (at === undefined) return undefined;
  }
  return at;
}

/** A computed value as a read value, every part located at the call. */
function toVal(value: Value, loc: SourceLocation): Val {
  if (Array.isArray(value)) return { kind: 'array', items: value.map((v) => toVal(v, loc)), loc };
  if (value !== null && typeof value === 'object') {
    const members: Member[] = Object.entries(value as Record<string, Value>).map(([key, v]) => ({ key, keyLoc: loc, val: toVal(v, loc) }));
    return { kind: 'object', members, loc, skipped: [] };
  }
  return { kind: 'primitive', value: value as string | number | boolean | null, loc };
}
