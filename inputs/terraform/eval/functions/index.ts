/**
 * Terraform's function table: every name → its implementation, one file per family (as Terraform's
 * internal/lang/funcs). A function not listed here leaves its value unknown with a note naming it; the
 * impure ones (timestamp, uuid, bcrypt…) are unknown because only Terraform knows them when it runs.
 */
import type { FunctionContext } from './define.js';
import { EvalError } from '../types.js';
import { isKnown, Unknown, unknownReason, type Value } from '../values.js';
import { COLLECTION_FUNCTIONS } from './collections.js';
import { CONVERSION_FUNCTIONS } from './conversion.js';
import { CRYPTO_FUNCTIONS } from './crypto.js';
import { DATETIME_FUNCTIONS } from './datetime.js';
import type { TerraformFunction } from './define.js';
import { ENCODING_FUNCTIONS } from './encoding.js';
import { FILESYSTEM_FUNCTIONS } from './filesystem.js';
import { IPNET_FUNCTIONS } from './ipnet.js';
import { NUMERIC_FUNCTIONS } from './numeric.js';
import { STRING_FUNCTIONS } from './strings.js';

export const FUNCTIONS: Readonly<Record<string, TerraformFunction>> = {
  ...STRING_FUNCTIONS,
  ...COLLECTION_FUNCTIONS,
  ...ENCODING_FUNCTIONS,
  ...NUMERIC_FUNCTIONS,
  ...CONVERSION_FUNCTIONS,
  ...DATETIME_FUNCTIONS,
  ...IPNET_FUNCTIONS,
  ...CRYPTO_FUNCTIONS,
  ...FILESYSTEM_FUNCTIONS,
};

/** Functions whose result depends on when or where Terraform runs: always unknown here. */
export const RUN_TIME_FUNCTIONS: readonly string[] = ['timestamp', 'plantimestamp', 'uuid', 'bcrypt', 'abspath', 'ephemeralasnull'];

/** Terraform functions tipkit does not evaluate (their values stay unknown, with a note). */
export const UNEVALUATED_FUNCTIONS: readonly string[] = ['base64gzip', 'rsadecrypt', 'type'];

/** The value of a call, or undefined when the function is not one tipkit evaluates. try/can live in the evaluator. */
export function callFunction(name: string, args: Value[], ctx: FunctionContext): Value | undefined {
  if (RUN_TIME_FUNCTIONS.includes(name)) return new Unknown('', `\`${name}()\` is only known when Terraform runs`);
  if (!Object.hasOwn(FUNCTIONS, name)) return undefined;
  const f = FUNCTIONS[name]!;
  const max = f.max ?? f.min;
  if (args.length < f.min || args.length > max) {
    throw new EvalError(`Function "${name}" expects ${f.min === max ? f.min : `${f.min} to ${max === Infinity ? 'any number of' : max}`} argument(s); ${args.length} given.`);
  }
  if (!f.allowUnknown && !args.every(isKnown)) return new Unknown('', args.map(unknownReason).find(Boolean));
  if (!f.allowNull && args.includes(null)) throw new EvalError(`Invalid value for "${name}" argument: argument must not be null.`);
  const out = f.impl(args, ctx);
  // An unknown result made from unknown arguments carries their reason on (a budget, an error upstream).
  if (out instanceof Unknown && !out.reason) {
    const reason = args.map(unknownReason).find(Boolean);
    if (reason) return new Unknown(out.source, reason);
  }
  return out;
}
