/** Encoding functions (Terraform's funcs/encoding.go, cty's JSON and CSV functions, go-cty-yaml). */
import { parse as parseCsv } from './csv.js';
import { parse as parseYaml } from 'yaml';
import { spend } from '../budget.js';
import { EvalError, numberToString } from '../types.js';
import { isMap, orderedMap, sortedKeys, withType, type Value, type ValueMap } from '../values.js';
import { fn, str, type TerraformFunction } from './define.js';

/** JSON as Terraform writes it: keys sorted, `<>&` and U+2028/9 escaped (Go's encoding/json), no exponents. */
export function jsonText(v: Value): string {
  spend();
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  if (typeof v === 'number') return numberToString(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (isMap(v)) return `{${sortedKeys(v).map((k) => `${jsonText(k)}:${jsonText(v[k]!)}`).join(',')}}`;
  throw new EvalError('value is not known');
}

/** A decoded JSON/YAML value with Terraform's types: objects and tuples (structural). */
function fromData(v: unknown): Value {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(fromData);
  if (typeof v === 'object') return orderedMap(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, fromData(x)]));
  throw new EvalError('unsupported value');
}

/** YAML as go-cty-yaml writes it: keys and strings double-quoted, lists not indented under their key. */
function yamlText(v: Value, indent: string): string {
  spend();
  if (Array.isArray(v)) {
    if (v.length === 0) return `${indent}[]\n`;
    return v.map((item) => `${indent}-${yamlValue(item, `${indent}  `, true)}`).join('');
  }
  if (isMap(v)) {
    const keys = sortedKeys(v);
    if (keys.length === 0) return `${indent}{}\n`;
    return keys.map((k) => `${indent}${JSON.stringify(k)}:${yamlValue(v[k]!, `${indent}  `, false, indent)}`).join('');
  }
  return `${indent}${yamlScalar(v)}\n`;
}

function yamlValue(v: Value, childIndent: string, inList: boolean, keyIndent = ''): string {
  if (Array.isArray(v) && v.length) return `\n${yamlText(v, inList ? childIndent : keyIndent)}`;
  if (isMap(v) && Object.keys(v).length) return inList ? ` ${yamlText(v, childIndent).slice(childIndent.length)}` : `\n${yamlText(v, childIndent)}`;
  if (Array.isArray(v)) return ' []\n';
  if (isMap(v)) return ' {}\n';
  return ` ${yamlScalar(v)}\n`;
}

function yamlScalar(v: Value): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return numberToString(v);
  return String(v);
}

function decodeBase64Strict(text: string, fn: string): Buffer {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new EvalError(`Call to function "${fn}" failed: failed to decode base64 data ${JSON.stringify(text)}.`);
  return Buffer.from(text, 'base64');
}

export const ENCODING_FUNCTIONS: Record<string, TerraformFunction> = {
  jsonencode: fn(1, ([v]) => jsonText(v!), { allowNull: true }),
  jsondecode: fn(1, ([s]) => {
    try {
      return fromData(JSON.parse(str(s, 'str')));
    } catch (err) {
      throw new EvalError(`Call to function "jsondecode" failed: ${(err as Error).message}.`);
    }
  }),
  yamlencode: fn(1, ([v]) => (Array.isArray(v) || isMap(v) ? yamlText(v, '') : `${yamlScalar(v!)}\n`), { allowNull: true }),
  yamldecode: fn(1, ([s]) => {
    try {
      return fromData(parseYaml(str(s, 'src'), { version: '1.1', maxAliasCount: 100 }));
    } catch (err) {
      throw new EvalError(`Call to function "yamldecode" failed: ${(err as Error).message}.`);
    }
  }),
  base64encode: fn(1, ([s]) => Buffer.from(str(s, 'str'), 'utf8').toString('base64')),
  base64decode: fn(1, ([s]) => {
    const text = str(s, 'str');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) throw new EvalError(`Call to function "base64decode" failed: failed to decode base64 data ${JSON.stringify(text)}.`);
    const bytes = Buffer.from(text, 'base64');
    const decoded = bytes.toString('utf8');
    if (!Buffer.from(decoded, 'utf8').equals(bytes)) throw new EvalError('Call to function "base64decode" failed: the result of decoding the provided string is not valid UTF-8.');
    return decoded;
  }),
  urlencode: fn(1, ([s]) =>
    Array.from(Buffer.from(str(s, 'str'), 'utf8'))
      .map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : b === 0x20 ? '+' : `%${b.toString(16).toUpperCase().padStart(2, '0')}`))
      .join(''),
  ),
  csvdecode: fn(1, ([s]) => {
    const rows = parseCsv(str(s, 'str'));
    const header = rows.shift();
    if (!header) throw new EvalError('Call to function "csvdecode" failed: missing header line.');
    const out = rows.map((row, i) => {
      if (row.length !== header.length) throw new EvalError(`Call to function "csvdecode" failed: line ${i + 2}: wrong number of fields.`);
      const record: ValueMap = {};
      header.forEach((h, j) => (record[h] = row[j]!));
      return orderedMap(Object.entries(record));
    });
    return withType(out, ['list', ['object', Object.fromEntries(header.map((h) => [h, 'string' as const]))]]);
  }),
  textencodebase64: fn(2, ([s, encoding]) => {
    const name = str(encoding, 'encoding').toLowerCase().replace(/[-_]/g, '');
    const text = str(s, 'string');
    if (name === 'utf8') return Buffer.from(text, 'utf8').toString('base64');
    if (name === 'utf16le') return Buffer.from(text, 'utf16le').toString('base64');
    if (name === 'utf16be') return Buffer.from(text, 'utf16le').swap16().toString('base64');
    if (name === 'iso88591' || name === 'latin1') {
      if (/[^\u0000-\u00ff]/.test(text)) throw new EvalError('Call to function "textencodebase64" failed: the given string contains characters that cannot be represented in ISO-8859-1.');
      return Buffer.from(text, 'latin1').toString('base64');
    }
    throw new EvalError(`Invalid value for "encoding" parameter: ${JSON.stringify(str(encoding))} is not an encoding tipkit evaluates.`);
  }),
  textdecodebase64: fn(2, ([s, encoding]) => {
    const name = str(encoding, 'encoding').toLowerCase().replace(/[-_]/g, '');
    const bytes = decodeBase64Strict(str(s, 'source'), 'textdecodebase64');
    if (name === 'utf8') return bytes.toString('utf8');
    if (name === 'utf16le') return bytes.toString('utf16le');
    if (name === 'utf16be') return Buffer.from(bytes).swap16().toString('utf16le');
    if (name === 'iso88591' || name === 'latin1') return bytes.toString('latin1');
    throw new EvalError(`Invalid value for "encoding" parameter: ${JSON.stringify(str(encoding))} is not an encoding tipkit evaluates.`);
  }),
};

