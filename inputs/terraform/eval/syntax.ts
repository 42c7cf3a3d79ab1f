/**
 * HCL's expression syntax (the native syntax Terraform writes): literals, templates with `${}` and `%{}`
 * directives, heredocs, tuples and objects, `for` expressions, splats, traversals, calls, operators and
 * conditionals. Source text → a tree; evaluate.ts gives the tree its value.
 */

export class SyntaxError_ extends Error {}

/** Expressions nested deeper than this are refused (no configuration nests so deep; no stack overflow). */
export const MAX_EXPRESSION_DEPTH = 256;

export type TemplatePart =
  | string
  | { kind: 'interp'; expr: Node; source: string }
  | { kind: 'if'; cond: Node; then: TemplatePart[]; else: TemplatePart[] }
  | { kind: 'for'; key?: string; value: string; collection: Node; body: TemplatePart[] };

export type Node = { start: number; end: number } & (
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; parts: TemplatePart[] }
  | { kind: 'tuple'; items: Node[] }
  | { kind: 'object'; members: { key: Node; value: Node }[] }
  | { kind: 'name'; name: string }
  | { kind: 'attribute'; target: Node; name: string }
  | { kind: 'index'; target: Node; key: Node }
  | { kind: 'splat'; target: Node; each: Node }
  | { kind: 'splat-item' }
  | { kind: 'call'; name: string; args: Node[]; expand: boolean }
  | { kind: 'unary'; op: '!' | '-'; operand: Node }
  | { kind: 'binary'; op: string; left: Node; right: Node }
  | { kind: 'conditional'; cond: Node; then: Node; else: Node }
  | { kind: 'for-tuple'; key?: string; value: string; collection: Node; expr: Node; cond?: Node }
  | { kind: 'for-object'; key?: string; value: string; collection: Node; keyExpr: Node; valueExpr: Node; group: boolean; cond?: Node }
);

type Token = { type: 'number' | 'string' | 'heredoc' | 'name' | 'punct'; text: string; start: number; end: number; value?: string };

const PUNCTUATION = ['...', '=>', '==', '!=', '<=', '>=', '&&', '||', '::', '[', ']', '{', '}', '(', ')', ',', '.', '=', ':', '?', '+', '-', '*', '/', '%', '!', '<', '>'];

/** The index of the `}` that closes a `${` / `%{` whose body starts at `from`, stepping over nested braces and strings. */
export function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') i = stringEnd(text, i) - 1;
    else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}

/** The index after the quoted string that starts at `i` (templates inside it included). */
export function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else if ((c === '$' || c === '%') && text[j + 1] === c && text[j + 2] === '{') j += 3;
    else if ((c === '$' || c === '%') && text[j + 1] === '{') {
      const end = closingBrace(text, j + 2);
      if (end < 0) return text.length;
      j = end + 1;
    } else j++;
  }
  return text.length;
}

function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '#' || (c === '/' && source[i + 1] === '/')) {
      while (i < source.length && source[i] !== '\n') i++;
      continue;
    }
    if (c === '/' && source[i + 1] === '*') {
      const end = source.indexOf('*/', i + 2);
      i = end < 0 ? source.length : end + 2;
      continue;
    }
    const start = i;
    const previous = tokens[tokens.length - 1];
    const afterDot = previous?.type === 'punct' && previous.text === '.';
    const number = (afterDot ? /^\d+/ : /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/).exec(source.slice(i, i + 400));
    if (number) {
      i += number[0].length;
      tokens.push({ type: 'number', text: number[0], start, end: i });
      continue;
    }
    const name = /^[A-Za-z_][\w-]*/.exec(source.slice(i, i + 256));
    if (name) {
      i += name[0].length;
      tokens.push({ type: 'name', text: name[0], start, end: i });
      continue;
    }
    if (c === '"') {
      i = stringEnd(source, i);
      if (source[i - 1] !== '"' || i - start < 2) throw new SyntaxError_('unterminated string');
      tokens.push({ type: 'string', text: source.slice(start, i), start, end: i, value: source.slice(start + 1, i - 1) });
      continue;
    }
    const heredoc = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(source.slice(i, i + 300));
    if (heredoc) {
      const lines: string[] = [];
      let j = i + heredoc[0].length;
      let closed = false;
      while (j < source.length) {
        const nl = source.indexOf('\n', j);
        const line = source.slice(j, nl < 0 ? source.length : nl).replace(/\r$/, '');
        j = nl < 0 ? source.length : nl + 1;
        if (line.trim() === heredoc[2]) {
          closed = true;
          break;
        }
        lines.push(line);
      }
      if (!closed) throw new SyntaxError_('unterminated heredoc');
      let body = lines;
      if (heredoc[1] === '-') {
        const indent = Math.min(...lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length));
        body = lines.map((l) => l.slice(Number.isFinite(indent) ? indent : 0));
      }
      tokens.push({ type: 'heredoc', text: source.slice(start, j), start, end: j, value: body.map((l) => `${l}\n`).join('') });
      i = j;
      continue;
    }
    const punct = PUNCTUATION.find((p) => source.startsWith(p, i));
    if (!punct) throw new SyntaxError_(`unexpected character ${JSON.stringify(c)}`);
    i += punct.length;
    tokens.push({ type: 'punct', text: punct, start, end: i });
  }
  return tokens;
}

const BINARY_LEVELS: string[][] = [['||'], ['&&'], ['==', '!='], ['<', '>', '<=', '>='], ['+', '-'], ['*', '/', '%']];

export class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;

  constructor(source: string) {
    this.tokens = tokenize(source);
  }

  parseAll(): Node {
    const node = this.expression();
    if (this.pos !== this.tokens.length) throw new SyntaxError_(`unexpected ${JSON.stringify(this.tokens[this.pos]!.text)}`);
    return node;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private take(text?: string): Token {
    const t = this.tokens[this.pos];
    if (!t) throw new SyntaxError_('unexpected end of expression');
    if (text !== undefined && (t.type !== 'punct' || t.text !== text)) throw new SyntaxError_(`expected ${JSON.stringify(text)}, found ${JSON.stringify(t.text)}`);
    this.pos++;
    return t;
  }

  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.type === 'punct' && t.text === text;
  }

  private isName(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.type === 'name' && t.text === text;
  }

  private expression(): Node {
    if (++this.depth > MAX_EXPRESSION_DEPTH) throw new SyntaxError_('expression nested too deeply');
    const cond = this.binary(0);
    let out = cond;
    if (this.isPunct('?')) {
      this.pos++;
      const then = this.expression();
      this.take(':');
      const otherwise = this.expression();
      out = { kind: 'conditional', cond, then, else: otherwise, start: cond.start, end: otherwise.end };
    }
    this.depth--;
    return out;
  }

  private binary(level: number): Node {
    if (level === BINARY_LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t?.type !== 'punct' || !BINARY_LEVELS[level]!.includes(t.text)) return left;
      this.pos++;
      const right = this.binary(level + 1);
      left = { kind: 'binary', op: t.text, left, right, start: left.start, end: right.end };
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t?.type === 'punct' && (t.text === '!' || t.text === '-')) {
      if (++this.depth > MAX_EXPRESSION_DEPTH) throw new SyntaxError_('expression nested too deeply');
      this.pos++;
      const operand = this.unary();
      this.depth--;
      return { kind: 'unary', op: t.text, operand, start: t.start, end: operand.end };
    }
    return this.postfix();
  }

  private postfix(): Node {
    let node = this.primary();
    for (;;) {
      if (this.isPunct('.') && this.isPunct('*', 1)) {
        this.pos += 2;
        node = this.splat(node, true);
      } else if (this.isPunct('[') && this.isPunct('*', 1) && this.isPunct(']', 2)) {
        this.pos += 3;
        node = this.splat(node, false);
      } else {
        const next = this.traversalStep(node, node);
        if (!next) return node;
        node = next;
      }
    }
  }

  /** `.name`, `.0` or `[key]` applied to `target`, or undefined when no traversal follows. */
  private traversalStep(target: Node, startFrom: Node): Node | undefined {
    if (this.isPunct('.')) {
      const t = this.peek(1);
      if (t?.type === 'name') {
        this.pos += 2;
        return { kind: 'attribute', target, name: t.text, start: startFrom.start, end: t.end };
      }
      if (t?.type === 'number') {
        this.pos += 2;
        const key: Node = { kind: 'literal', value: Number(t.text), start: t.start, end: t.end };
        return { kind: 'index', target, key, start: startFrom.start, end: t.end };
      }
      return undefined;
    }
    if (this.isPunct('[') && !this.isPunct('*', 1)) {
      this.pos++;
      const key = this.expression();
      const close = this.take(']');
      return { kind: 'index', target, key, start: startFrom.start, end: close.end };
    }
    return undefined;
  }

  /** The traversals after a splat apply to each element (a legacy `.*` takes attributes only). */
  private splat(target: Node, legacy: boolean): Node {
    let each: Node = { kind: 'splat-item', start: target.start, end: target.end };
    let end = this.tokens[this.pos - 1]!.end;
    for (;;) {
      if (legacy && this.isPunct('[')) break;
      const next = this.traversalStep(each, each);
      if (!next) break;
      each = next;
      end = next.end;
    }
    return { kind: 'splat', target, each, start: target.start, end };
  }

  private primary(): Node {
    const t = this.take();
    const at = { start: t.start };
    if (t.type === 'number') return { kind: 'literal', value: Number(t.text), ...at, end: t.end };
    if (t.type === 'string') return { kind: 'template', parts: parseTemplate(t.value!, true), ...at, end: t.end };
    if (t.type === 'heredoc') return { kind: 'template', parts: parseTemplate(t.value!, false), ...at, end: t.end };
    if (t.type === 'name') {
      if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true', ...at, end: t.end };
      if (t.text === 'null') return { kind: 'literal', value: null, ...at, end: t.end };
      let name = t.text;
      while (this.isPunct('::') && this.peek(1)?.type === 'name' && (this.isPunct('(', 2) || this.isPunct('::', 2))) {
        name += `::${this.peek(1)!.text}`;
        this.pos += 2;
      }
      if (this.isPunct('(')) {
        this.pos++;
        const args: Node[] = [];
        let expand = false;
        while (!this.isPunct(')')) {
          args.push(this.expression());
          if (this.isPunct('...')) {
            this.pos++;
            expand = true;
            if (!this.isPunct(')')) throw new SyntaxError_('`...` only after the last argument');
            break;
          }
          if (!this.isPunct(')')) this.take(',');
        }
        const close = this.take(')');
        return { kind: 'call', name, args, expand, ...at, end: close.end };
      }
      return { kind: 'name', name, ...at, end: t.end };
    }
    if (t.text === '(') {
      const inner = this.expression();
      const close = this.take(')');
      return { ...inner, start: t.start, end: close.end };
    }
    if (t.text === '[') {
      if (this.isName('for')) return this.forExpression(t, ']');
      const items: Node[] = [];
      while (!this.isPunct(']')) {
        items.push(this.expression());
        if (!this.isPunct(']')) this.take(',');
      }
      const close = this.take(']');
      return { kind: 'tuple', items, ...at, end: close.end };
    }
    if (t.text === '{') {
      if (this.isName('for')) return this.forExpression(t, '}');
      const members: { key: Node; value: Node }[] = [];
      while (!this.isPunct('}')) {
        const k = this.peek();
        let key: Node;
        if (k?.type === 'name' && (this.isPunct('=', 1) || this.isPunct(':', 1))) {
          this.pos++;
          key = { kind: 'literal', value: k.text, start: k.start, end: k.end };
        } else key = this.expression();
        if (this.isPunct('=') || this.isPunct(':')) this.pos++;
        else throw new SyntaxError_('expected `=` after an object key');
        members.push({ key, value: this.expression() });
        if (this.isPunct(',')) this.pos++;
      }
      const close = this.take('}');
      return { kind: 'object', members, ...at, end: close.end };
    }
    throw new SyntaxError_(`unexpected ${JSON.stringify(t.text)}`);
  }

  private forExpression(open: Token, close: ']' | '}'): Node {
    this.pos++; // for
    const first = this.take();
    if (first.type !== 'name') throw new SyntaxError_('expected a name after `for`');
    let key: string | undefined;
    let value = first.text;
    if (this.isPunct(',')) {
      this.pos++;
      const second = this.take();
      if (second.type !== 'name') throw new SyntaxError_('expected a name');
      key = first.text;
      value = second.text;
    }
    if (!this.isName('in')) throw new SyntaxError_('expected `in`');
    this.pos++;
    const collection = this.expression();
    this.take(':');
    const firstExpr = this.expression();
    let valueExpr: Node | undefined;
    let group = false;
    if (close === '}') {
      this.take('=>');
      valueExpr = this.expression();
      if (this.isPunct('...')) {
        this.pos++;
        group = true;
      }
    }
    let cond: Node | undefined;
    if (this.isName('if')) {
      this.pos++;
      cond = this.expression();
    }
    const end = this.take(close).end;
    if (close === ']') return { kind: 'for-tuple', key, value, collection, expr: firstExpr, cond, start: open.start, end };
    return { kind: 'for-object', key, value, collection, keyExpr: firstExpr, valueExpr: valueExpr!, group, cond, start: open.start, end };
  }
}

/** An expression's source text → its tree. Throws SyntaxError_. */
export const parseExpression = (source: string): Node => new Parser(source).parseAll();

const SIMPLE_ESCAPES: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };

function decodeEscape(text: string, i: number): [string, number] {
  const n = text[i + 1];
  if (n !== undefined && n in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[n]!, 2];
  if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return [String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), 6];
  if (n === 'U' && /^[0-9a-fA-F]{8}$/.test(text.slice(i + 2, i + 10))) return [String.fromCodePoint(parseInt(text.slice(i + 2, i + 10), 16)), 10];
  throw new SyntaxError_(`invalid escape \\${n ?? ''}`);
}

type TemplateToken = { lit: string } | { tag: 'interp' | 'directive'; source: string; stripLeft: boolean; stripRight: boolean };

/**
 * A template's text → its parts. `raw` when the text still holds backslash escapes (a quoted string as
 * written); heredocs and hcl2json's decoded strings have none. `$${` and `%%{` are literal `${` / `%{`.
 */
export function parseTemplate(text: string, raw: boolean): TemplatePart[] {
  const tokens: TemplateToken[] = [];
  let literal = '';
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (raw && c === '\\') {
      const [decoded, length] = decodeEscape(text, i);
      literal += decoded;
      i += length;
    } else if ((c === '$' || c === '%') && text[i + 1] === c && text[i + 2] === '{') {
      literal += `${c}{`;
      i += 3;
    } else if ((c === '$' || c === '%') && text[i + 1] === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) throw new SyntaxError_('unclosed template interpolation');
      let inner = text.slice(i + 2, end);
      const stripLeft = inner.startsWith('~');
      const stripRight = inner.endsWith('~') && inner.length > (stripLeft ? 1 : 0);
      inner = inner.slice(stripLeft ? 1 : 0, stripRight ? -1 : undefined);
      tokens.push({ lit: literal }, { tag: c === '$' ? 'interp' : 'directive', source: inner, stripLeft, stripRight });
      literal = '';
      i = end + 1;
    } else {
      literal += c;
      i++;
    }
  }
  tokens.push({ lit: literal });
  // `~` strips the whitespace on its side of the tag. HCL reads a multi-line template one line at a time,
  // so in a heredoc or file the strip reaches no further than the line next to the tag (its newline included).
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if ('lit' in t) continue;
    const before = tokens[k - 1];
    const after = tokens[k + 1];
    if (t.stripLeft && before && 'lit' in before) before.lit = raw ? before.lit.replace(/\s+$/, '') : stripLastLine(before.lit);
    if (t.stripRight && after && 'lit' in after) after.lit = raw ? after.lit.replace(/^\s+/, '') : stripFirstLine(after.lit);
  }
  const position = { at: 0 };
  const parts = templateParts(tokens, position, []);
  if (position.at < tokens.length) throw new SyntaxError_('unexpected template directive');
  return parts;
}

function stripFirstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text.replace(/^\s+/, '') : text.slice(0, nl + 1).replace(/^\s+/, '') + text.slice(nl + 1);
}

function stripLastLine(text: string): string {
  const k = text.lastIndexOf('\n', text.endsWith('\n') ? text.length - 2 : text.length);
  return text.slice(0, k + 1) + text.slice(k + 1).replace(/\s+$/, '');
}

function templateParts(tokens: TemplateToken[], position: { at: number }, ends: string[]): TemplatePart[] {
  const parts: TemplatePart[] = [];
  while (position.at < tokens.length) {
    const t = tokens[position.at]!;
    if ('lit' in t) {
      if (t.lit) parts.push(t.lit);
      position.at++;
      continue;
    }
    if (t.tag === 'interp') {
      parts.push({ kind: 'interp', expr: parseExpression(t.source), source: t.source });
      position.at++;
      continue;
    }
    const words = t.source.trim();
    const keyword = /^\w+/.exec(words)?.[0] ?? '';
    if (ends.includes(keyword)) return parts;
    position.at++;
    if (keyword === 'if') {
      const cond = parseExpression(words.slice(2));
      const then = templateParts(tokens, position, ['else', 'endif']);
      let otherwise: TemplatePart[] = [];
      if (closingKeyword(tokens, position) === 'else') {
        position.at++;
        otherwise = templateParts(tokens, position, ['endif']);
      }
      if (closingKeyword(tokens, position) !== 'endif') throw new SyntaxError_('`%{if}` without `%{endif}`');
      position.at++;
      parts.push({ kind: 'if', cond, then, else: otherwise });
    } else if (keyword === 'for') {
      const m = /^for\s+([A-Za-z_][\w-]*)(?:\s*,\s*([A-Za-z_][\w-]*))?\s+in\s+([^]*)$/.exec(words);
      if (!m) throw new SyntaxError_('invalid `%{for}`');
      const collection = parseExpression(m[3]!);
      const body = templateParts(tokens, position, ['endfor']);
      if (closingKeyword(tokens, position) !== 'endfor') throw new SyntaxError_('`%{for}` without `%{endfor}`');
      position.at++;
      parts.push(m[2] ? { kind: 'for', key: m[1], value: m[2], collection, body } : { kind: 'for', value: m[1]!, collection, body });
    } else throw new SyntaxError_(`unexpected \`%{${keyword}}\``);
  }
  return parts;
}

function closingKeyword(tokens: TemplateToken[], position: { at: number }): string | undefined {
  const t = tokens[position.at];
  return t && !('lit' in t) ? /^\w+/.exec(t.source.trim())?.[0] : undefined;
}
