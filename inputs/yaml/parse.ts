/**
 * YAML and JSON documents → plain values plus a PositionIndex, using the `yaml` package's node ranges.
 * Used for tipkit configs, scenarios and Terraform JSON alike (JSON is parsed by JSON.parse rules first, so
 * YAML-only syntax in a .json file is an error, then by `yaml` for positions).
 */
import { readFileSync, statSync } from 'node:fs';
import { LineCounter, isMap, isPair, isScalar, isSeq, isAlias, parseDocument, type Alias, type Document, type Node as YamlNode } from 'yaml';
import { InputError, NoSuchFileError } from '../../model/errors.js';
import { scanJsonPositions } from './json-positions.js';
import { PositionIndex, childPointerKey } from '../../model/positions.js';

export interface ParsedDocument {
  value: unknown;
  positions: PositionIndex;
  text: string;
}

/** Largest input read by default (bytes); `maxBytes` raises it. */
export const DEFAULT_MAX_INPUT_BYTES = 10 * 1024 * 1024;

export interface ReadOptions {
  maxBytes?: number;
}

export function readSourceFile(file: string, opts: ReadOptions = {}): string {
  let size: number;
  try {
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError('is a directory, expected a file', { file });
    size = st.size;
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NoSuchFileError(file);
    throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file });
  }
  const max = opts.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  if (size > max) throw new InputError(`file is ${size} bytes, over the ${max}-byte limit (raise it with --max-input-bytes)`, { file });
  const buf = readFileSync(file);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    // Point at the first byte that does not decode (the replacement character in a lenient decoding).
    const lenient = buf.toString('utf8');
    const before = lenient.slice(0, Math.max(0, lenient.indexOf('\ufffd')));
    const line = before.split('\n').length;
    throw new InputError('file is not valid UTF-8 (save it as UTF-8)', { file, line, column: before.length - before.lastIndexOf('\n') });
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export function parseDocumentFile(file: string, opts: ReadOptions = {}): ParsedDocument {
  return parseDocumentText(readSourceFile(file, opts), file);
}

/** Deepest JSON nesting read (arrays and objects); real configs and Terraform JSON stay far below. */
const MAX_JSON_DEPTH = 1000;

/** The offset of the bracket that opens level `max + 1` of a JSON text (valid JSON), or undefined. */
function jsonDepthExceeded(text: string, max: number): number | undefined {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === '{' || c === '[') {
      if (++depth > max) return i;
    } else if (c === '}' || c === ']') depth--;
  }
  return undefined;
}

export function parseDocumentText(text: string, file: string): ParsedDocument {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const isJson = /\.json$/i.test(file);
  if (isJson) {
    const value = checkJson(text, file);
    const positions = scanJsonPositions(text, file);
    if (positions) {
      positions.texts.set(file, text);
      return { value, positions, text };
    }
    // Never hand deep JSON to the `yaml` parser: it recurses per level, and parsing a 10,000-deep JSON document
    // into its stack limit a few times aborts the whole process (V8 "FATAL ERROR: RegExpCompiler Allocation
    // failed - process out of memory", with a 40 MB heap) — the vitest worker crash of issue 12.13.
    const tooDeep = jsonDepthExceeded(text, MAX_JSON_DEPTH);
    if (tooDeep !== undefined) {
      const before = text.slice(0, tooDeep);
      throw new InputError('invalid JSON: the document nests too deeply to read', { file, line: before.split('\n').length, column: tooDeep - before.lastIndexOf('\n') });
    }
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, {
    lineCounter,
    uniqueKeys: true,
    prettyErrors: false,
    strict: true,
    merge: true,
  });
  const firstError = doc.errors[0];
  if (firstError) {
    const pos = lineCounter.linePos(firstError.pos[0]);
    const raw = firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    // The parser recurses per nesting level; a stack overflow means hostile nesting, not a parser bug.
    const message = /call stack/i.test(raw) ? 'the document nests too deeply to read' : raw;
    throw new InputError(`invalid ${isJson ? 'JSON' : 'YAML'}: ${message}`, { file, line: pos.line, column: pos.col });
  }
  const cyclic = findSelfReferentialAlias(doc);
  if (cyclic) {
    const pos = lineCounter.linePos(cyclic.range?.[0] ?? 0);
    throw new InputError(`invalid YAML: alias *${cyclic.source} refers to the node that contains it (a cycle); repeat the values instead`, { file, line: pos.line, column: pos.col });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 100 });
  } catch (err) {
    throw new InputError(`invalid YAML: ${(err as Error).message}`, { file, line: 1, column: 1 });
  }
  const positions = new PositionIndex(file);
  positions.texts.set(file, text);
  const at = (offset: number) => {
    const p = lineCounter.linePos(offset);
    return { file, line: p.line, column: p.col };
  };
  // Carries the pointer key down rather than the path, so a big document does not build a path array per node.
  const walk = (node: YamlNode | null | undefined, key: string, depth: number): void => {
    if (!node || depth > 200) return;
    if (node.range) {
      const start = lineCounter.linePos(node.range[0]);
      const end = lineCounter.linePos(node.range[1]);
      positions.setValueAt(key, { file, line: start.line, column: start.col, endLine: end.line, endColumn: end.col });
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const name = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
        const childKey = childPointerKey(key, depth, name);
        const keyNode = pair.key as YamlNode | null;
        if (keyNode && keyNode.range) positions.setKeyAt(childKey, at(keyNode.range[0]));
        const valueNode = pair.value as YamlNode | null;
        if (valueNode) walk(valueNode, childKey, depth + 1);
        else if (keyNode && keyNode.range) positions.setValueAt(childKey, at(keyNode.range[0]));
      }
    } else if (isSeq(node)) {
      node.items.forEach((item, i) => walk(item as YamlNode, childPointerKey(key, depth, i), depth + 1));
    } else if (isAlias(node)) {
      // Positions of an alias are those of the alias itself; its target was walked where it was defined.
    }
  };
  walk(doc.contents as YamlNode, '', 0);
  return { value, positions, text };
}

/**
 * The first alias that points at a node it is inside (`a: &a [*a]`, or a merge `<<: *a` within `&a`). `yaml`
 * turns such an alias into a cyclic object, which every later walk (schema, rules, secret scan) would follow
 * forever. Walks in document order without recursion (block nesting is not limited by the parser), keeping the
 * anchors defined so far (an alias names the latest one before it) and the anchored nodes it is inside.
 */
function findSelfReferentialAlias(doc: Document): Alias | undefined {
  const anchors = new Map<string, unknown>();
  const open = new Set<unknown>();
  const EXIT = Symbol('exit');
  const stack: unknown[] = [doc.contents];
  while (stack.length) {
    const node = stack.pop();
    if (node === EXIT) {
      open.delete(stack.pop());
      continue;
    }
    if (isAlias(node)) {
      if (open.has(anchors.get(node.source))) return node;
      continue;
    }
    if (isPair(node)) {
      stack.push(node.value, node.key);
      continue;
    }
    if (!isMap(node) && !isSeq(node)) {
      if (isScalar(node) && node.anchor) anchors.set(node.anchor, node);
      continue;
    }
    if (node.anchor) {
      anchors.set(node.anchor, node);
      open.add(node);
      stack.push(node, EXIT);
    }
    for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
  }
  return undefined;
}

function checkJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const m = /position (\d+)/.exec(message);
    let line = 1;
    let column = 1;
    if (m) {
      const offset = Number(m[1]);
      const before = text.slice(0, offset);
      line = before.split('\n').length;
      column = offset - before.lastIndexOf('\n');
    }
    throw new InputError(`invalid JSON: ${message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '')}`, { file, line, column });
  }
}
