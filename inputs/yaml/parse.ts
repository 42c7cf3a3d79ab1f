/**
 * YAML and JSON documents → plain values plus a PositionIndex, using the `yaml` package's node ranges.
 * Used for tipkit configs, scenarios and Terraform JSON alike (JSON is parsed by JSON.parse rules first, so
 * YAML-only syntax in a .json file is an error, then by `yaml` for positions).
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { CST, Lexer, LineCounter, isMap, isPair, isScalar, isSeq, isAlias, parseDocument, type Alias, type Document, type Node as YamlNode } from 'yaml';
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
  const max = opts.maxBytes ?? DEFAULT_MAX_INPUT_BYTES;
  let fd: number;
  try {
    // stat follows symbolic links: a link to /dev/zero or a FIFO is judged by what it points at.
    const st = statSync(file);
    if (st.isDirectory()) throw new InputError('is a directory, expected a file', { file });
    if (!st.isFile()) throw notRegular(file);
    if (st.size > max) throw overLimit(file, max, st.size);
    // Non-blocking, so a FIFO swapped in after the stat cannot hang the open; checked again on what was opened.
    fd = openSync(file, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    if (err instanceof InputError) throw err;
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') throw new NoSuchFileError(file);
    throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file });
  }
  let buf: Buffer;
  try {
    if (!fstatSync(fd).isFile()) throw notRegular(file);
    buf = readAtMost(fd, max, file);
  } finally {
    closeSync(fd);
  }
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

const notRegular = (file: string): InputError => new InputError('not a regular file (devices, FIFOs and sockets are not read)', { file });

const overLimit = (file: string, max: number, size?: number): InputError =>
  new InputError(`file is ${size ?? `more than ${max}`} bytes, over the ${max}-byte limit (raise it with --max-input-bytes)`, { file });

/** The file's bytes, stopping one past `max` whatever its size said (a /proc file says 0 and may not end). */
function readAtMost(fd: number, max: number, file: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const chunk = Buffer.allocUnsafe(Math.min(1 << 20, max + 1 - total));
    let n: number;
    try {
      n = readSync(fd, chunk, 0, chunk.length, null);
    } catch (err) {
      throw new InputError(`cannot read file (${(err as NodeJS.ErrnoException).code ?? 'error'})`, { file });
    }
    if (n === 0) break;
    chunks.push(chunk.subarray(0, n));
    total += n;
    if (total > max) throw overLimit(file, max);
  }
  return Buffer.concat(chunks, total);
}

export function parseDocumentFile(file: string, opts: ReadOptions = {}): ParsedDocument {
  return parseDocumentText(readSourceFile(file, opts), file, opts);
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

/**
 * What one document may hold, per MiB of the input limit (so `--max-input-bytes` raises them too; 10 MiB, the
 * default, allows 250,000 YAML nodes and 500,000 JSON values). The `yaml` parser needs about 1 KB and 20 µs per
 * node, so a 10 MB one-line list of 5 million numbers took minutes and gigabytes; a config with 20,000 resources
 * holds about 200,000 nodes. Aliases may stand for as many nodes as a document may hold, counted as the nodes
 * they expand to (an alias to a 1,000-item list counts 1,001): `yaml`'s own limit counts aliases, so 99 aliases
 * to a million-item anchor passed it and every walk after loading visited 99 million nodes. JSON is read by
 * JSON.parse and a position scanner, far lighter than `yaml`.
 */
const YAML_NODES_PER_MIB = 25_000;
const JSON_VALUES_PER_MIB = 50_000;

export interface DocumentLimits {
  yamlNodes: number;
  aliasExpansion: number;
  jsonValues: number;
}

export function documentLimits(maxBytes: number = DEFAULT_MAX_INPUT_BYTES): DocumentLimits {
  const mib = maxBytes / (1024 * 1024);
  const yamlNodes = Math.max(1_000, Math.floor(mib * YAML_NODES_PER_MIB));
  return { yamlNodes, aliasExpansion: yamlNodes, jsonValues: Math.max(1_000, Math.floor(mib * JSON_VALUES_PER_MIB)) };
}

/** Line and column (1-based) of an offset in a text. */
function positionOf(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  return { line: before.split('\n').length, column: offset - before.lastIndexOf('\n') };
}

/** The offset of the value that makes a JSON text hold more than `max` values, or undefined (commas and openings, strings skipped). */
function jsonValuesExceeded(text: string, max: number): number | undefined {
  let values = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) if (text.charCodeAt(i) === 0x5c) i++;
    } else if (c === 0x2c || c === 0x5b || c === 0x7b) {
      if (++values > max) return i;
    }
  }
  return undefined;
}

/** Lexer marks that stand for no text (document start, end of a flow collection, start of a scalar). */
const ZERO_WIDTH = new Set(['\x02', '\x18', '\x1f']);
const NODE_TOKENS = new Set(['scalar', 'single-quoted-scalar', 'double-quoted-scalar', 'flow-map-start', 'flow-seq-start', 'seq-item-ind', 'alias']);

/** The offset of the node that makes a YAML text hold more than `max` nodes, or undefined: the lexer only, no tree is built. */
function yamlNodesExceeded(text: string, max: number): number | undefined {
  let nodes = 0;
  let offset = 0;
  for (const token of new Lexer().lex(text)) {
    if (NODE_TOKENS.has(CST.tokenType(token) ?? '') && ++nodes > max) return offset;
    if (!ZERO_WIDTH.has(token)) offset += token.length;
  }
  return undefined;
}

/**
 * The alias at which the nodes all aliases stand for (their targets' nodes, aliases inside them expanded) pass
 * `max`, or undefined. In document order, without recursion: an alias names the latest anchor before it, whose
 * node has been counted by then (an alias inside its own anchor was refused as a cycle before).
 */
function aliasExpansionExceeded(doc: Document, max: number): Alias | undefined {
  const size = new Map<unknown, number>();
  const anchors = new Map<string, unknown>();
  let expanded = 0;
  const stack: [unknown, boolean][] = [[doc.contents, false]];
  while (stack.length) {
    const [node, after] = stack.pop()!;
    if (node === null || node === undefined) continue;
    if (isAlias(node)) {
      const n = size.get(anchors.get(node.source)) ?? 1;
      expanded += n;
      if (expanded > max) return node;
      size.set(node, n);
      continue;
    }
    const children: unknown[] = isPair(node) ? [node.key, node.value] : isMap(node) || isSeq(node) ? node.items : [];
    if (after) {
      size.set(node, (isPair(node) ? 0 : 1) + children.reduce<number>((sum, c) => sum + (size.get(c) ?? 0), 0));
      continue;
    }
    if ((isScalar(node) || isMap(node) || isSeq(node)) && node.anchor) anchors.set(node.anchor, node);
    stack.push([node, true]);
    for (let i = children.length - 1; i >= 0; i--) stack.push([children[i], false]);
  }
  return undefined;
}

/** `opts.maxBytes` is the input limit the text was read under: the document limits grow with it. */
export function parseDocumentText(text: string, file: string, opts: ReadOptions = {}): ParsedDocument {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const isJson = /\.json$/i.test(file);
  const limits = documentLimits(opts.maxBytes);
  const tooMany = isJson ? jsonValuesExceeded(text, limits.jsonValues) : yamlNodesExceeded(text, limits.yamlNodes);
  if (tooMany !== undefined) {
    const limit = isJson ? `${limits.jsonValues} values` : `${limits.yamlNodes} nodes`;
    throw new InputError(`invalid ${isJson ? 'JSON' : 'YAML'}: the document holds more than ${limit}, over tipkit's limit`, { file, ...positionOf(text, tooMany) });
  }
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
    if (tooDeep !== undefined) throw new InputError('invalid JSON: the document nests too deeply to read', { file, ...positionOf(text, tooDeep) });
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
  const bomb = aliasExpansionExceeded(doc, limits.aliasExpansion);
  if (bomb) {
    const pos = lineCounter.linePos(bomb.range?.[0] ?? 0);
    throw new InputError(`invalid YAML: aliases expand to more than ${limits.aliasExpansion} nodes in all, over tipkit's limit; repeat fewer values`, { file, line: pos.line, column: pos.col });
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
    // A local tag (CloudFormation's short-form intrinsics, `!Ref X`): the value is kept as written, the tag beside it.
    if (node.tag?.startsWith('!') && !node.tag.startsWith('!!')) positions.tags.set(key, node.tag.slice(1));
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
