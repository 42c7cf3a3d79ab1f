/** Date and time functions that do not depend on the clock: formatdate, timeadd, timecmp. */
import { EvalError } from '../types.js';
import { fn, str, type TerraformFunction } from './define.js';

interface Timestamp {
  /** Milliseconds since the epoch (UTC), plus sub-millisecond nanoseconds kept apart. */
  ms: number;
  nanos: number;
  /** Offset from UTC in minutes, as written (Z = 0). */
  offset: number;
  utc: boolean;
}

const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

function parseTimestamp(text: string): Timestamp {
  const m = RFC3339.exec(text);
  if (!m) throw new EvalError(`Invalid value for "time" parameter: not a valid RFC3339 timestamp: ${JSON.stringify(text)}.`);
  const [, y, mo, d, h, mi, s, frac = '', z, sign, oh, om] = m;
  const offset = z ? 0 : (sign === '-' ? -1 : 1) * (Number(oh) * 60 + Number(om));
  const fraction = (frac + '000000000').slice(0, 9);
  const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Number(fraction.slice(0, 3))) - offset * 60_000;
  return { ms, nanos: Number(fraction.slice(3)), offset, utc: Boolean(z) };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function offsetText(offset: number, colon: boolean): string {
  const sign = offset < 0 ? '-' : '+';
  const a = Math.abs(offset);
  return `${sign}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/** The wall-clock fields of a timestamp in its own offset. */
function fields(t: Timestamp): Date {
  return new Date(t.ms + t.offset * 60_000);
}

function formatTimestamp(t: Timestamp): string {
  const d = fields(t);
  // Go's time.RFC3339 layout: whole seconds.
  const date = `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
  return date + (t.utc ? 'Z' : offsetText(t.offset, true));
}

export function formatdate(spec: string, t: Timestamp): string {
  const d = fields(t);
  let out = '';
  let i = 0;
  while (i < spec.length) {
    const c = spec[i]!;
    if (c === "'") {
      const end = spec.indexOf("'", i + 1);
      if (end < 0) throw new EvalError('Invalid value for "format" parameter: unterminated literal \'.');
      out += end === i + 1 ? "'" : spec.slice(i + 1, end);
      i = end + 1;
      continue;
    }
    if (!/[A-Za-z]/.test(c)) {
      out += c;
      i++;
      continue;
    }
    let j = i;
    while (spec[j] === c) j++;
    const token = spec.slice(i, j);
    i = j;
    const hours = d.getUTCHours();
    switch (token) {
      case 'YYYY': out += pad(d.getUTCFullYear(), 4); break;
      case 'YY': out += pad(d.getUTCFullYear() % 100); break;
      case 'MMMM': out += MONTHS[d.getUTCMonth()]; break;
      case 'MMM': out += MONTHS[d.getUTCMonth()]!.slice(0, 3); break;
      case 'MM': out += pad(d.getUTCMonth() + 1); break;
      case 'M': out += String(d.getUTCMonth() + 1); break;
      case 'DD': out += pad(d.getUTCDate()); break;
      case 'D': out += String(d.getUTCDate()); break;
      case 'EEEE': out += DAYS[d.getUTCDay()]; break;
      case 'EEE': out += DAYS[d.getUTCDay()]!.slice(0, 3); break;
      case 'hh': out += pad(hours); break;
      case 'h': out += String(hours); break;
      case 'HH': out += pad(hours % 12 || 12); break;
      case 'H': out += String(hours % 12 || 12); break;
      case 'AA': out += hours < 12 ? 'AM' : 'PM'; break;
      case 'aa': out += hours < 12 ? 'am' : 'pm'; break;
      case 'mm': out += pad(d.getUTCMinutes()); break;
      case 'm': out += String(d.getUTCMinutes()); break;
      case 'ss': out += pad(d.getUTCSeconds()); break;
      case 's': out += String(d.getUTCSeconds()); break;
      case 'ZZZZZ': out += offsetText(t.offset, true); break;
      case 'ZZZZ': out += offsetText(t.offset, false); break;
      case 'ZZZ': out += t.utc ? 'UTC' : offsetText(t.offset, false); break;
      case 'Z': out += t.utc ? 'Z' : offsetText(t.offset, true); break;
      default:
        throw new EvalError(`Invalid value for "format" parameter: invalid date format verb ${JSON.stringify(token)}.`);
    }
  }
  return out;
}

/** Go's time.ParseDuration: `1h30m`, `-24h`, `1.5s`, `300ms`. Nanoseconds. */
function parseDuration(text: string): number {
  const m = /^([-+]?)((?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+$/.exec(text);
  if (!m && text !== '0') throw new EvalError(`Invalid value for "duration" parameter: time: invalid duration ${JSON.stringify(text)}.`);
  if (text === '0') return 0;
  const units: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, μs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };
  let total = 0;
  for (const part of text.replace(/^[-+]/, '').matchAll(/(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * units[part[2]!]!;
  return text.startsWith('-') ? -total : total;
}

export const DATETIME_FUNCTIONS: Record<string, TerraformFunction> = {
  formatdate: fn(2, ([spec, time]) => formatdate(str(spec, 'format'), parseTimestamp(str(time, 'time')))),
  timeadd: fn(2, ([time, duration]) => {
    const t = parseTimestamp(str(time, 'timestamp'));
    const nanos = Math.round(parseDuration(str(duration, 'duration'))) + t.nanos;
    const ms = t.ms + Math.floor(nanos / 1e6);
    return formatTimestamp({ ...t, ms, nanos: ((nanos % 1e6) + 1e6) % 1e6 });
  }),
  timecmp: fn(2, ([a, b]) => {
    const x = parseTimestamp(str(a, 'timestamp_a'));
    const y = parseTimestamp(str(b, 'timestamp_b'));
    const d = x.ms - y.ms || x.nanos - y.nanos;
    return Math.sign(d);
  }),
};
