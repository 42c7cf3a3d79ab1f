/**
 * A scenario's key files (`privateJwk:`, `jwks:`), read so that no error shows their content: a path typed by
 * mistake (or on purpose: `privateJwk: /etc/passwd`) must not print the start of some other file, and a private
 * key must not end up in a terminal or CI log. Errors are located in the key file (FILE:LINE:COL) instead.
 */
import { importJWK, type JWK } from 'jose';
import { InputError } from '../model/errors.js';
import { scanJsonPositions } from '../inputs/index.js';
import type { SourceLocation } from '../model/types.js';
import { defaultAlg } from './keys.js';

type Obj = Record<string, unknown>;

export interface KeyFile {
  file: string;
  text: string;
  value: Obj;
}

/** Line and column (1-based) of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, column: offset - (before.lastIndexOf('\n') + 1) + 1 };
}

/**
 * The offset where `text` stops being JSON (RFC 8259), or undefined when it is JSON. A small scanner, because
 * JSON.parse's own message quotes the text it choked on.
 */
export function jsonErrorOffset(text: string): number | undefined {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail();
  };
  const string = () => {
    if (text[i] !== '"') fail();
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text.charCodeAt(i) < 0x20) fail();
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) fail();
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? 'x')) fail();
      }
      i++;
    }
    if (i >= text.length) fail();
    i++;
  };
  const number = () => {
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += m![0].length;
  };
  const key = () => {
    ws();
    string();
    ws();
    if (text[i] !== ':') fail();
    i++;
  };
  // Iterative, with an explicit stack of open containers, so a hostile file cannot exhaust the call stack.
  const stack: string[] = [];
  let expectValue = true;
  try {
    for (;;) {
      ws();
      if (expectValue) {
        const c = text[i];
        if (c === '{' || c === '[') {
          const close = c === '{' ? '}' : ']';
          stack.push(close);
          i++;
          ws();
          if (text[i] === close) {
            stack.pop();
            i++;
            expectValue = false;
          } else if (c === '{') key();
          continue;
        }
        if (c === '"') string();
        else if (c === 't') literal('true');
        else if (c === 'f') literal('false');
        else if (c === 'n') literal('null');
        else number();
        expectValue = false;
        continue;
      }
      const close = stack[stack.length - 1];
      if (close === undefined) break;
      if (text[i] === ',') {
        i++;
        if (close === '}') key();
        expectValue = true;
      } else if (text[i] === close) {
        stack.pop();
        i++;
      } else fail();
    }
    return i < text.length ? i : undefined;
  } catch (offset) {
    if (typeof offset !== 'number') throw offset;
    return Math.min(offset, text.length);
  }
}

/** A key file's text as a JSON object; errors name the file and position, never its content. */
export function parseKeyFile(file: string, text: string, what: string): KeyFile {
  const offset = jsonErrorOffset(text);
  if (offset !== undefined) throw new InputError(`${what} is not valid JSON here (the file's content is not shown)`, { file, ...lineColumn(text, offset) });
  const value = JSON.parse(text) as unknown;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new InputError(`${what} does not hold a JSON object`, { file, line: 1, column: 1 });
  return { file, text, value: value as Obj };
}

/** Where member `name` of the key file's top-level object is (its value), else the file's start. */
export function memberLocation(key: KeyFile, name: string): SourceLocation {
  const loc = scanJsonPositions(key.text, key.file)?.locate([name]);
  return loc ?? { file: key.file, line: 1, column: 1 };
}

/**
 * Import a private JWK now, at load, so that a corrupted one (a `d` that is not the key of `x`/`y`, a `crv` that
 * does not fit, a truncated modulus) is refused with its place in the file, not later as an internal error.
 */
export async function checkPrivateJwk(key: KeyFile): Promise<void> {
  const jwk = key.value as JWK;
  const alg = defaultAlg(jwk);
  try {
    await importJWK(jwk, alg);
  } catch (err) {
    const message = (err as Error).message;
    const member = /crv/i.test(message) ? 'crv' : /alg/i.test(message) ? 'alg' : 'd';
    const detail = member === 'crv' ? `crv ${JSON.stringify(jwk.crv)} does not fit kty ${jwk.kty} and alg ${alg}` : member === 'alg' ? `alg ${alg} does not fit kty ${jwk.kty}` : `the key material (d and the public members) does not form a valid ${jwk.kty} key`;
    throw new InputError(`private JWK cannot be imported: ${detail}`, memberLocation(key, member));
  }
}
