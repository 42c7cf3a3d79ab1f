/** String functions (Terraform's funcs/string.go and cty's stdlib string, format and regexp functions). */
import { spend } from '../budget.js';
import { EvalError, numberToString, Unevaluated } from '../types.js';
import { withType, type Value, type ValueMap } from '../values.js';
import { jsonText } from './encoding.js';
import { fn, graphemes, int, obj, seq, str, type FunctionContext, type TerraformFunction } from './define.js';

const list = (items: string[]): Value[] => withType(items, ['list', 'string']);

const NESTED_REPETITION = /\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)\s*[+*{?]/;

/** An RE2 pattern as a JavaScript RegExp: `(?P<name>` groups, leading `(?i)`-style flags. */
export function re2(pattern: string, global = false): RegExp {
  let source = pattern.replace(/\(\?P</g, '(?<');
  let flags = global ? 'gu' : 'u';
  const inline = /^\(\?([imsU]+)\)/.exec(source);
  if (inline) {
    source = source.slice(inline[0].length);
    for (const f of inline[1]!) if (f !== 'U' && !flags.includes(f)) flags += f;
  }
  if (/\\[zAQE]|\[\[:/.test(source)) throw new EvalError('a regular expression feature tipkit does not evaluate');
  // RE2 (Terraform's) runs in linear time; JavaScript's engine backtracks. A repetition of a group that itself
  // repeats (`(a+)+`) can take exponential time, so such patterns are not evaluated.
  if (NESTED_REPETITION.test(source)) throw new Unevaluated('a regular expression with nested repetition, which tipkit does not evaluate');
  try {
    return new RegExp(source, flags);
  } catch (err) {
    throw new EvalError(`invalid regular expression: ${(err as Error).message}`);
  }
}

/** regex()'s result for one match: the match, the list of groups, or the object of named groups. */
function matchValue(m: RegExpExecArray): Value {
  if (m.groups && Object.keys(m.groups).length) {
    const out: ValueMap = {};
    for (const k of Object.keys(m.groups).sort()) out[k] = m.groups[k] ?? null;
    return out;
  }
  if (m.length > 1) return m.slice(1).map((g) => g ?? null);
  return m[0];
}

/** Go's fmt verbs as Terraform's format() takes them. */
export function format(spec: string, args: Value[]): string {
  let next = 0;
  let out = '';
  const re = /%([-+ 0#]*)(\d+)?(?:\.(\d+))?([a-zA-Z%])/g;
  let last = 0;
  for (let m = re.exec(spec); m; m = re.exec(spec)) {
    out += spec.slice(last, m.index);
    last = re.lastIndex;
    const [, flags = '', widthText, precisionText, verb] = m;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (next >= args.length) throw new EvalError(`Call to function "format" failed: not enough arguments for "%${verb}" at ${m.index}.`);
    const arg = args[next++]!;
    const at = `"%${flags}${widthText ?? ''}${precisionText !== undefined ? `.${precisionText}` : ''}${verb}" at ${m.index}`;
    const precision = precisionText === undefined ? undefined : Number(precisionText);
    let text: string;
    const needNumber = (): number => {
      if (typeof arg === 'number') return arg;
      if (typeof arg === 'string' && /^-?\d+(\.\d+)?$/.test(arg)) return Number(arg);
      throw new EvalError(`Call to function "format" failed: unsupported value for ${at}: a number is required.`);
    };
    switch (verb) {
      case 'v':
        if (flags.includes('#')) text = jsonText(arg);
        else if (arg === null) text = 'null';
        else if (typeof arg === 'object') text = jsonText(arg);
        else text = typeof arg === 'number' ? numberToString(arg) : String(arg);
        break;
      case 's':
        if (arg === null || typeof arg === 'object') throw new EvalError(`Call to function "format" failed: unsupported value for ${at}: string required.`);
        text = typeof arg === 'number' ? numberToString(arg) : String(arg);
        if (precision !== undefined) text = graphemes(text).slice(0, precision).join('');
        break;
      case 'q':
        if (arg === null || typeof arg === 'object') throw new EvalError(`Call to function "format" failed: unsupported value for ${at}: string required.`);
        text = JSON.stringify(typeof arg === 'number' ? numberToString(arg) : String(arg));
        break;
      case 't':
        if (typeof arg !== 'boolean' && arg !== 'true' && arg !== 'false') throw new EvalError(`Call to function "format" failed: unsupported value for ${at}: bool is required.`);
        text = String(arg);
        break;
      case 'd': {
        const n = needNumber();
        if (!Number.isInteger(n)) throw new EvalError(`Call to function "format" failed: unsupported value for ${at}: an integer is required.`);
        text = signed(BigInt(n).toString(), n < 0, flags);
        break;
      }
      case 'x':
      case 'X':
      case 'o':
      case 'b': {
        if (typeof arg === 'string' && (verb === 'x' || verb === 'X') && !/^-?\d+$/.test(arg)) {
          text = Buffer.from(arg, 'utf8').toString('hex');
        } else {
          const n = needNumber();
          if (!Number.isInteger(n)) throw new EvalError(`Call to function "format" failed: unsupported value for ${at}: an integer is required.`);
          const radix = verb === 'o' ? 8 : verb === 'b' ? 2 : 16;
          text = signed(BigInt(Math.abs(n)).toString(radix), n < 0, flags);
        }
        if (verb === 'X') text = text.toUpperCase();
        break;
      }
      case 'f':
      case 'F':
        text = signed(Math.abs(needNumber()).toFixed(precision ?? 6), needNumber() < 0, flags);
        break;
      case 'e':
      case 'E': {
        const n = needNumber();
        text = signed(Math.abs(n).toExponential(precision ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'), n < 0, flags);
        if (verb === 'E') text = text.toUpperCase();
        break;
      }
      case 'g':
      case 'G': {
        const n = needNumber();
        text = signed(precision === undefined ? numberToString(Math.abs(n)) : String(Number(Math.abs(n).toPrecision(precision))), n < 0, flags);
        break;
      }
      default:
        throw new EvalError(`Call to function "format" failed: unrecognized format verb "%${verb}".`);
    }
    const width = widthText === undefined ? 0 : Number(widthText);
    spend((width >>> 4) + 1);
    const length = graphemes(text).length;
    if (length < width) {
      const pad = width - length;
      if (flags.includes('-')) text += ' '.repeat(pad);
      else if (flags.includes('0') && /[dfFeExXobgG]/.test(verb!)) text = /^[-+ ]/.test(text) ? text[0] + '0'.repeat(pad) + text.slice(1) : '0'.repeat(pad) + text;
      else text = ' '.repeat(pad) + text;
    }
    out += text;
  }
  out += spec.slice(last);
  if (next < args.length) throw new EvalError(`Call to function "format" failed: too many arguments; only ${next} used by format string.`);
  return out;
}

function signed(digits: string, negative: boolean, flags: string): string {
  const body = digits.replace(/^-/, '');
  if (negative) return `-${body}`;
  if (flags.includes('+')) return `+${body}`;
  if (flags.includes(' ')) return ` ${body}`;
  return body;
}

/** Go's strings.Title: the first letter of each word (after a non-letter) upper-cased, the rest kept. */
const title = (s: string): string => s.replace(/(^|[^\p{L}\p{N}_'])(\p{L})/gu, (_, before: string, c: string) => before + c.toUpperCase());

/** Go's unicode.ToUpper per rune (no ß → SS as JavaScript does). */
const upper = (s: string): string => Array.from(s, (c) => (c.toUpperCase().length === c.length ? c.toUpperCase() : c)).join('');
const lower = (s: string): string => Array.from(s, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');

export const STRING_FUNCTIONS: Record<string, TerraformFunction> = {
  upper: fn(1, ([s]) => upper(str(s, 'str'))),
  lower: fn(1, ([s]) => lower(str(s, 'str'))),
  title: fn(1, ([s]) => title(str(s, 'str'))),
  format: fn(1, ([spec, ...args]) => format(str(spec, 'format'), args), { max: Infinity, allowNull: true }),
  formatlist: fn(
    1,
    ([spec, ...args]) => {
      const template = str(spec, 'format');
      let length: number | undefined;
      for (const a of args) {
        if (!Array.isArray(a)) continue;
        if (length !== undefined && a.length !== length) throw new EvalError('Call to function "formatlist" failed: all list arguments must have the same length.');
        length = a.length;
      }
      if (length === undefined) return list([format(template, args)]);
      return list(Array.from({ length }, (_, i) => format(template, args.map((a) => (Array.isArray(a) ? a[i]! : a)))));
    },
    { max: Infinity },
  ),
  join: fn(
    2,
    ([sep, ...lists]) => {
      const items = lists.flatMap((l) => seq(l, 'lists'));
      if (items.includes(null)) throw new EvalError('Invalid value for "lists" parameter: element is null; cannot concatenate null values.');
      return items.map((x) => str(x)).join(str(sep, 'separator'));
    },
    { max: Infinity },
  ),
  split: fn(2, ([sep, s]) => list(str(s, 'str').split(str(sep, 'separator')))),
  replace: fn(3, ([s, search, replacement]) => {
    const text = str(s, 'str');
    const pattern = str(search, 'substr');
    const by = str(replacement, 'replace');
    if (pattern.length > 1 && pattern.startsWith('/') && pattern.endsWith('/')) return text.replace(re2(pattern.slice(1, -1), true), by.replace(/\$\{(\w+)\}/g, '$$<$1>'));
    return text.split(pattern).join(by);
  }),
  substr: fn(3, ([s, offsetValue, lengthValue]) => {
    const chars = graphemes(str(s, 'str'));
    let offset = int(offsetValue, 'offset');
    let length = int(lengthValue, 'length');
    if (offset < 0) offset = chars.length + offset;
    if (offset < 0 || offset > chars.length) throw new EvalError('Invalid value for "offset" parameter: offset is out of range.');
    if (length < 0) length = chars.length - offset + length + 1;
    return chars.slice(offset, offset + Math.max(0, length)).join('');
  }),
  trimspace: fn(1, ([s]) => str(s, 'str').replace(/^\s+|\s+$/gu, '')),
  trim: fn(2, ([s, cutset]) => {
    const cut = new Set(Array.from(str(cutset, 'cutset')));
    const chars = Array.from(str(s, 'str'));
    let a = 0;
    let b = chars.length;
    while (a < b && cut.has(chars[a]!)) a++;
    while (b > a && cut.has(chars[b - 1]!)) b--;
    return chars.slice(a, b).join('');
  }),
  trimprefix: fn(2, ([s, prefix]) => (str(s).startsWith(str(prefix)) ? str(s).slice(str(prefix).length) : str(s))),
  trimsuffix: fn(2, ([s, suffix]) => (str(suffix) && str(s).endsWith(str(suffix)) ? str(s).slice(0, -str(suffix).length) : str(s))),
  startswith: fn(2, ([s, prefix]) => str(s).startsWith(str(prefix))),
  endswith: fn(2, ([s, suffix]) => str(s).endsWith(str(suffix))),
  strcontains: fn(2, ([s, sub]) => str(s).includes(str(sub))),
  strrev: fn(1, ([s]) => graphemes(str(s)).reverse().join('')),
  chomp: fn(1, ([s]) => str(s).replace(/(\r\n|\n|\r)+$/, '')),
  indent: fn(2, ([spaces, s]) => {
    const lines = str(s, 'str').split('\n');
    const n = Math.max(0, int(spaces, 'spaces'));
    spend(((n * lines.length) >>> 4) + 1); // before building it: indent(1e9, …) is a gigabyte
    return lines.join(`\n${' '.repeat(n)}`);
  }),
  regex: fn(2, ([pattern, s]) => {
    const m = re2(str(pattern, 'pattern')).exec(str(s, 'str'));
    if (!m) throw new EvalError('Call to function "regex" failed: pattern did not match any part of the given string.');
    return matchValue(m);
  }),
  regexall: fn(2, ([pattern, s]) => {
    const items = [...str(s, 'str').matchAll(re2(str(pattern, 'pattern'), true))].map((m) => matchValue(m as RegExpExecArray));
    const first = items[0];
    if (first === undefined) return withType([], ['list', 'string']);
    return withType(items, typeof first === 'string' ? ['list', 'string'] : Array.isArray(first) ? ['list', ['tuple', first.map(() => 'string' as const)]] : ['list', ['object', Object.fromEntries(Object.keys(first as ValueMap).map((k) => [k, 'string' as const]))]]);
  }),
  templatestring: fn(2, ([template, vars], ctx: FunctionContext) => ctx.renderTemplate(str(template, 'template'), obj(vars, 'vars'))),
};

