/**
 * Positions of a JSON document (valid JSON, already checked by JSON.parse) from one scan of its text: the same
 * locations the `yaml` parser's node ranges give, at a fraction of the cost (Terraform JSON runs to megabytes).
 * Returns undefined where the two could differ, so the caller falls back to the `yaml` parser: duplicate keys
 * (an error there), `<<` merge keys, lone carriage returns, and nesting deeper than a safe recursion.
 */
import { PositionIndex, childPointerKey } from '../../model/positions.js';

/** Values nested deeper than this are not located (as in the YAML walk). */
const MAX_LOCATED_DEPTH = 200;
/** Deeper documents go to the `yaml` parser, which reports hostile nesting. */
const MAX_SCANNED_DEPTH = 1000;

class Unsupported extends Error {}

export function scanJsonPositions(text: string, file: string): PositionIndex | undefined {
  if (text.includes('"<<"') || /\r(?!\n)/.test(text)) return undefined;
  const positions = new PositionIndex(file);
  let i = 0;
  let line = 1;
  let lineStart = 0;

  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(i);
      if (c === 0x0a) {
        i++;
        line++;
        lineStart = i;
      } else if (c === 0x20 || c === 0x09 || c === 0x0d) i++;
      else return;
    }
  };
  /** End of the string token starting at i (the quote); strings never span lines in valid JSON. */
  const stringEnd = (): number => {
    let j = i + 1;
    for (;;) {
      const c = text.charCodeAt(j);
      if (c === 0x5c) j += 2;
      else if (c === 0x22) return j + 1;
      else j++;
    }
  };
  const decodeKey = (start: number, end: number): string => {
    const raw = text.slice(start + 1, end - 1);
    return raw.includes('\\') ? (JSON.parse(text.slice(start, end)) as string) : raw;
  };

  const value = (key: string, depth: number): void => {
    if (depth > MAX_SCANNED_DEPTH) throw new Unsupported();
    // Recorded before the children, as the YAML walk does (a root-level "" key shares the root's pointer key).
    const location = { file, line, column: i - lineStart + 1, endLine: 0, endColumn: 0 };
    if (depth <= MAX_LOCATED_DEPTH) positions.setValueAt(key, location);
    const c = text.charCodeAt(i);
    if (c === 0x7b || c === 0x5b) {
      const isObject = c === 0x7b;
      const seen = isObject ? new Set<string>() : undefined;
      let index = 0;
      i++;
      skipSpace();
      const close = isObject ? 0x7d : 0x5d;
      while (text.charCodeAt(i) !== close) {
        if (isObject) {
          const keyStart = i;
          const keyLine = line;
          const keyEnd = stringEnd();
          const name = decodeKey(keyStart, keyEnd);
          if (seen!.has(name)) throw new Unsupported();
          seen!.add(name);
          const childKey = childPointerKey(key, depth, name);
          if (depth <= MAX_LOCATED_DEPTH) positions.setKeyAt(childKey, { file, line: keyLine, column: keyStart - lineStart + 1 });
          i = keyEnd;
          skipSpace();
          i++; // ':'
          skipSpace();
          value(childKey, depth + 1);
        } else {
          value(childPointerKey(key, depth, index++), depth + 1);
        }
        skipSpace();
        if (text.charCodeAt(i) === 0x2c) {
          i++;
          skipSpace();
        }
      }
      i++;
    } else if (c === 0x22) {
      i = stringEnd();
    } else {
      // A number, true, false or null: up to the next delimiter.
      while (i < text.length && !/[\s,\]}]/.test(text[i]!)) i++;
    }
    location.endLine = line;
    location.endColumn = i - lineStart + 1;
  };

  try {
    skipSpace();
    value('', 0);
  } catch (err) {
    if (err instanceof Unsupported || err instanceof RangeError) return undefined;
    throw err;
  }
  return positions;
}
