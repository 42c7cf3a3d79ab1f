/** Numeric functions (Terraform's funcs/number.go and cty's stdlib number functions). */
import { decimal } from '../types.js';
import { EvalError } from '../types.js';
import { fn, int, num, str, type TerraformFunction } from './define.js';

export const NUMERIC_FUNCTIONS: Record<string, TerraformFunction> = {
  abs: fn(1, ([n]) => Math.abs(num(n, 'num'))),
  ceil: fn(1, ([n]) => Math.ceil(num(n, 'num'))),
  floor: fn(1, ([n]) => Math.floor(num(n, 'num'))),
  log: fn(2, ([n, base]) => decimal(Math.log(num(n, 'num')) / Math.log(num(base, 'base')))),
  pow: fn(2, ([n, power]) => decimal(Math.pow(num(n, 'num'), num(power, 'power')))),
  signum: fn(1, ([n]) => Math.sign(num(n, 'num'))),
  min: fn(1, (args) => Math.min(...args.map((a) => num(a, 'numbers'))), { max: Infinity }),
  max: fn(1, (args) => Math.max(...args.map((a) => num(a, 'numbers'))), { max: Infinity }),
  parseint: fn(2, ([s, b]) => {
    const text = str(s, 'number');
    const base = int(b, 'base');
    if (base < 2 || base > 62) throw new EvalError('Invalid value for "base" parameter: base must be a whole number between 2 and 62 inclusive.');
    const digits = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const body = text.replace(/^[-+]/, '');
    let value = 0n;
    for (const c of body) {
      const d = base <= 36 ? digits.indexOf(c.toLowerCase()) : digits.indexOf(c);
      if (d < 0 || d >= base) throw new EvalError(`Invalid value for "number" parameter: cannot parse ${JSON.stringify(text)} as a base ${base} integer.`);
      value = value * BigInt(base) + BigInt(d);
    }
    if (!body) throw new EvalError(`Invalid value for "number" parameter: cannot parse ${JSON.stringify(text)} as a base ${base} integer.`);
    return Number(text.startsWith('-') ? -value : value);
  }),
};
