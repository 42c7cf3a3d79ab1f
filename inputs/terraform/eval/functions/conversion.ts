/** Type conversion functions (tostring, tolist…) and the sensitivity markers, which tipkit does not track. */
import { convert, EvalError } from '../types.js';
import { isKnown, isUnknown, Unknown } from '../values.js';
import { fn, type TerraformFunction } from './define.js';

const to = (type: Parameters<typeof convert>[1], name: string): TerraformFunction =>
  fn(
    1,
    ([v]) => {
      if (isUnknown(v!)) return v!;
      if (!isKnown(v!) && (name === 'toset')) return new Unknown('');
      try {
        return convert(v!, type);
      } catch (err) {
        if (err instanceof EvalError) throw new EvalError(`Invalid value for "v" parameter: ${err.message}.`);
        throw err;
      }
    },
    { allowNull: true, allowUnknown: name !== 'toset' },
  );

export const CONVERSION_FUNCTIONS: Record<string, TerraformFunction> = {
  tostring: to('string', 'tostring'),
  tonumber: to('number', 'tonumber'),
  tobool: to('bool', 'tobool'),
  tolist: to(['list', 'dynamic'], 'tolist'),
  toset: to(['set', 'dynamic'], 'toset'),
  tomap: to(['map', 'dynamic'], 'tomap'),
  sensitive: fn(1, ([v]) => v!, { allowNull: true, allowUnknown: true }),
  nonsensitive: fn(1, ([v]) => v!, { allowNull: true, allowUnknown: true }),
  issensitive: fn(1, () => false, { allowNull: true, allowUnknown: true }),
};

