/** Terraform expression syntax: tokens and the parser (source text → a node tree the evaluator walks). */

export class Unsupported extends Error {}

/** Expressions nested deeper than this are left unknown (no Terraform configuration nests so deep). */
export const MAX_EXPRESSION_DEPTH = 256;

export type Node = { start: number; end: number } & (
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; text: string; heredoc: boolean }
  | { kind: 'tuple'; items: Node[] }
  | { kind: 'object'; members: { key: Node | string; value: Node }[] }
  | { kind: 'name'; name: string }
  | { kind: 'attribute'; target: Node; name: string }
  | { kind: 'index'; target: Node; key: Node }
  | { kind: 'call'; name: string; args: Node[] }
);

export type Token = { type: 'number' | 'string' | 'heredoc' | 'name' | 'punct'; text: string; start: number; end: number; value?: string };

export const PUNCTUATION = ['...', '=>', '==', '!=', '<=', '>=', '&&', '||', '[', ']', '{', '}', '(', ')', ',', '.', '=', ':', '?', '+', '-', '*', '/', '%', '!', '<', '>'];

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < source.length) {
    const c = source[i]!;
    if (/\s/.test(c)) {
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
    const number = /^\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(source.slice(i, i + 64));
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
      if (source[i - 1] !== '"' || i - start < 2) throw new Unsupported();
      tokens.push({ type: 'string', text: source.slice(start, i), start, end: i, value: source.slice(start + 1, i - 1) });
      continue;
    }
    const heredoc = /^<<(-?)([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(source.slice(i));
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
      if (!closed) throw new Unsupported();
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
    if (!punct) throw new Unsupported();
    i += punct.length;
    tokens.push({ type: 'punct', text: punct, start, end: i });
  }
  return tokens;
}

export class Parser {
  private readonly tokens: Token[];
  private pos = 0;
  private depth = 0;

  constructor(source: string) {
    this.tokens = tokenize(source);
  }

  parseAll(): Node {
    const node = this.expression();
    if (this.pos !== this.tokens.length) throw new Unsupported(); // operators, conditionals, …
    return node;
  }

  private peek(offset = 0): Token | undefined {
    return this.tokens[this.pos + offset];
  }

  private take(text?: string): Token {
    const t = this.tokens[this.pos];
    if (!t || (text !== undefined && (t.type !== 'punct' || t.text !== text))) throw new Unsupported();
    this.pos++;
    return t;
  }

  private isPunct(text: string, offset = 0): boolean {
    const t = this.peek(offset);
    return t?.type === 'punct' && t.text === text;
  }

  private expression(): Node {
    if (++this.depth > MAX_EXPRESSION_DEPTH) throw new Unsupported(); // hostile nesting: unknown, not a stack overflow
    let node = this.primary();
    for (;;) {
      if (this.isPunct('.')) {
        this.pos++;
        const t = this.take();
        if (t.type === 'name') node = { kind: 'attribute', target: node, name: t.text, start: node.start, end: t.end };
        else if (t.type === 'number' && /^\d+$/.test(t.text)) {
          const key: Node = { kind: 'literal', value: Number(t.text), start: t.start, end: t.end };
          node = { kind: 'index', target: node, key, start: node.start, end: t.end };
        } else throw new Unsupported(); // splat
      } else if (this.isPunct('[')) {
        this.pos++;
        if (this.isPunct('*')) throw new Unsupported();
        const key = this.expression();
        const close = this.take(']');
        node = { kind: 'index', target: node, key, start: node.start, end: close.end };
      } else {
        this.depth--;
        return node;
      }
    }
  }

  private primary(): Node {
    const t = this.take();
    const at = { start: t.start };
    if (t.type === 'number') return { kind: 'literal', value: Number(t.text), ...at, end: t.end };
    if (t.type === 'string') return { kind: 'template', text: t.value!, heredoc: false, ...at, end: t.end };
    if (t.type === 'heredoc') return { kind: 'template', text: t.value!, heredoc: true, ...at, end: t.end };
    if (t.type === 'name') {
      if (t.text === 'true' || t.text === 'false') return { kind: 'literal', value: t.text === 'true', ...at, end: t.end };
      if (t.text === 'null') return { kind: 'literal', value: null, ...at, end: t.end };
      if (this.isPunct('(')) {
        this.pos++;
        const args: Node[] = [];
        while (!this.isPunct(')')) {
          args.push(this.expression());
          if (this.isPunct('...')) throw new Unsupported();
          if (!this.isPunct(')')) this.take(',');
        }
        const close = this.take(')');
        return { kind: 'call', name: t.text, args, ...at, end: close.end };
      }
      return { kind: 'name', name: t.text, ...at, end: t.end };
    }
    if (t.text === '(') {
      const inner = this.expression();
      this.take(')');
      return inner;
    }
    if (t.text === '[') {
      if (this.peek()?.type === 'name' && this.peek()!.text === 'for') throw new Unsupported();
      const items: Node[] = [];
      while (!this.isPunct(']')) {
        items.push(this.expression());
        if (!this.isPunct(']')) this.take(',');
      }
      const close = this.take(']');
      return { kind: 'tuple', items, ...at, end: close.end };
    }
    if (t.text === '{') {
      if (this.peek()?.type === 'name' && this.peek()!.text === 'for') throw new Unsupported();
      const members: { key: Node | string; value: Node }[] = [];
      while (!this.isPunct('}')) {
        const k = this.peek();
        let key: Node | string;
        if (k?.type === 'name' && (this.isPunct('=', 1) || this.isPunct(':', 1))) {
          this.pos++;
          key = k.text;
        } else key = this.expression();
        if (this.isPunct('=') || this.isPunct(':')) this.pos++;
        else throw new Unsupported();
        members.push({ key, value: this.expression() });
        if (this.isPunct(',')) this.pos++;
      }
      const close = this.take('}');
      return { kind: 'object', members, ...at, end: close.end };
    }
    throw new Unsupported(); // unary operators and the rest
  }
}

/** The index after the quoted string that starts at `i` (templates inside it included). */
export function stringEnd(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === '"') return j + 1;
    else if ((c === '$' || c === '%') && text[j + 1] === '{') {
      const end = closingBrace(text, j + 2);
      if (end < 0) return text.length;
      j = end + 1;
    } else j++;
  }
  return text.length;
}

/** The index of the `}` that closes an interpolation starting at `from`, stepping over nested braces and strings. */
export function closingBrace(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      i = stringEnd(text, i) - 1;
    } else if (c === '{') depth++;
    else if (c === '}') {
      if (depth === 0) return i;
      depth--;
    }
  }
  return -1;
}
