import type { NodePath, SourceLocation } from '../../model/types.js';

// ---------------------------------------------------------------------------------------------------------
// Positions. A structural scanner over HCL native syntax: bodies of attributes (`name = expr`) and blocks
// (`type "label" … { body }`), and inside expressions only tuple `[…]` and object `{…}` literals. Other
// expressions are skipped as opaque text (strings with `${…}` / `%{…}` templates, heredocs, comments and
// nested brackets are stepped over correctly). Its limits: it trusts hcl2json to have rejected invalid
// syntax first, it does not look inside `for` expressions or function calls (their elements get the
// location of the whole expression), and `dynamic` blocks are located as blocks named `dynamic`.
// ---------------------------------------------------------------------------------------------------------

export interface HclBody {
  attributes: Map<string, { key: SourceLocation; value: HclExpr }>;
  blocks: HclBlock[];
}
export interface HclBlock {
  type: string;
  labels: string[];
  loc: SourceLocation;
  body: HclBody;
}
export interface HclExpr {
  loc: SourceLocation;
  items?: HclExpr[];
  members?: Map<string, { key: SourceLocation; value: HclExpr }>;
}

/** Where a hcl2json path (attribute names, block type + index, tuple indexes, object keys) is written. */
export function locateIn(body: HclBody, path: NodePath): { key?: SourceLocation; value?: SourceLocation } | undefined {
  let current: HclBody | HclExpr = body;
  let key: SourceLocation | undefined;
  let value: SourceLocation | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if ('attributes' in current) {
      const attr = current.attributes.get(String(seg));
      if (attr) {
        key = attr.key;
        value = attr.value.loc;
        current = attr.value;
        continue;
      }
      let named: HclBlock[] = current.blocks.filter((b) => b.type === String(seg));
      // hcl2json writes `dynamic "label" {…}` as dynamic → label → [bodies]: the label picks the blocks.
      if (seg === 'dynamic' && typeof path[i + 1] === 'string') {
        const label = path[++i];
        named = named.filter((b) => b.labels[0] === label);
      }
      // hcl2json writes every block as a list; a path may or may not carry the index.
      const next = path[i + 1];
      const index = typeof next === 'number' ? next : 0;
      if (typeof next === 'number') i++;
      const block: HclBlock | undefined = named[index];
      if (!block) return undefined;
      key = value = block.loc;
      current = block.body;
      continue;
    }
    const expr: HclExpr = current;
    const item = typeof seg === 'number' ? expr.items?.[seg] : undefined;
    const member = typeof seg === 'string' ? expr.members?.get(seg) : undefined;
    const next = item ?? member?.value;
    if (!next) return undefined;
    key = member ? member.key : next.loc;
    value = next.loc;
    current = next;
  }
  return { key, value };
}

/** The outline of a file, or an empty one if the file nests too deeply for the scanner (values then point at 1:1). */
export function outlineOf(text: string, file: string): HclBody {
  try {
    return scanHcl(text, file);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return { attributes: new Map(), blocks: [] };
  }
}

export function scanHcl(text: string, file: string): HclBody {
  return new HclScanner(text, file).document();
}

/** Literal tuples/objects nested deeper than this are stepped over without locating their parts. */
const MAX_NESTING = 100;

class HclScanner {
  private pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  document(): HclBody {
    return this.body(false);
  }

  private loc(offset: number): SourceLocation {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  private body(nested: boolean): HclBody {
    const body: HclBody = { attributes: new Map(), blocks: [] };
    for (;;) {
      this.skipSpace(true);
      if (this.pos >= this.text.length) return body;
      if (this.text[this.pos] === '}') {
        this.pos++; // at top level a stray brace, which hcl2json would have refused: stepped over
        if (nested) return body;
        continue;
      }
      const start = this.pos;
      const name = this.identifier();
      if (!name) {
        this.skipLine();
        continue;
      }
      this.skipSpace(false);
      if (this.text[this.pos] === '=' && this.text[this.pos + 1] !== '=') {
        this.pos++;
        this.skipSpace(false);
        body.attributes.set(name, { key: this.loc(start), value: this.expression(true) });
        continue;
      }
      const labels: string[] = [];
      while (this.pos < this.text.length && this.text[this.pos] !== '{' && this.text[this.pos] !== '\n') {
        if (this.text[this.pos] === '"') {
          const s = this.pos;
          this.string();
          labels.push(this.text.slice(s + 1, this.pos - 1));
        } else {
          const label = this.identifier();
          if (label) labels.push(label);
          else this.pos++;
        }
        this.skipSpace(false);
      }
      if (this.text[this.pos] !== '{') continue;
      this.pos++;
      body.blocks.push({ type: name, labels, loc: this.loc(start), body: this.body(true) });
    }
  }

  /** An expression; stops at a newline (when `lineEnds`), a comma or a closing bracket at depth 0. */
  private expression(lineEnds: boolean, depth = 0): HclExpr {
    this.skipSpace(!lineEnds);
    const start = this.pos;
    const loc = this.loc(start);
    const c = this.text[this.pos];
    if (depth > MAX_NESTING) {
      this.opaque(lineEnds);
      return { loc };
    }
    if (c === '[' && !this.isForExpression(start + 1)) {
      this.pos++;
      const items: HclExpr[] = [];
      for (;;) {
        this.skipSpace(true);
        if (this.pos >= this.text.length) break;
        if (this.text[this.pos] === ']') {
          this.pos++;
          break;
        }
        if (this.text[this.pos] === ',') {
          this.pos++;
          continue;
        }
        const before = this.pos;
        items.push(this.expression(false, depth + 1));
        if (this.pos === before) this.pos++;
      }
      return this.withTail({ loc, items }, lineEnds);
    }
    if (c === '{' && !this.isForExpression(start + 1)) {
      this.pos++;
      const members = new Map<string, { key: SourceLocation; value: HclExpr }>();
      for (;;) {
        this.skipSpace(true);
        if (this.pos >= this.text.length) break;
        const ch = this.text[this.pos];
        if (ch === '}') {
          this.pos++;
          break;
        }
        if (ch === ',') {
          this.pos++;
          continue;
        }
        const keyStart = this.pos;
        let key: string;
        if (ch === '"') {
          this.string();
          key = unquote(this.text.slice(keyStart, this.pos));
        } else if (ch === '(') {
          this.opaque(false);
          key = this.text.slice(keyStart, this.pos);
        } else {
          key = this.identifier() ?? '';
          if (!key) {
            this.opaque(false);
            continue;
          }
        }
        this.skipSpace(false);
        if (this.text[this.pos] === '=' || this.text[this.pos] === ':') this.pos++;
        members.set(key, { key: this.loc(keyStart), value: this.expression(false, depth + 1) });
      }
      return this.withTail({ loc, members }, lineEnds);
    }
    this.opaque(lineEnds);
    return { loc };
  }

  /** After a literal tuple/object, anything more (`[…][0]`, `{…}.x`) makes it an opaque expression. */
  private withTail(expr: HclExpr, lineEnds: boolean): HclExpr {
    const save = this.pos;
    this.skipSpace(false);
    const c = this.text[this.pos];
    if (this.pos >= this.text.length || c === '\n' || c === ',' || c === ']' || c === '}' || c === ')' || c === '#' || c === '/') {
      this.pos = save;
      return expr;
    }
    this.opaque(lineEnds);
    return { loc: expr.loc };
  }

  private isForExpression(at: number): boolean {
    return /^\s*for\s/.test(this.text.slice(at, at + 16));
  }

  /** Skip an expression without looking inside it. */
  private opaque(lineEnds: boolean): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') this.string();
      else if (c === '<' && this.text[this.pos + 1] === '<' && /^<<-?[A-Za-z_]/.test(this.text.slice(this.pos, this.pos + 4))) this.heredoc();
      else if (c === '#' || (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*'))) {
        if (depth === 0 && lineEnds && c !== '/') return;
        this.comment();
      } else if (c === '(' || c === '[' || c === '{') {
        depth++;
        this.pos++;
      } else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return;
        depth--;
        this.pos++;
      } else if (depth === 0 && (c === ',' || (c === '\n' && lineEnds))) return;
      else this.pos++;
    }
  }

  /** A quoted template string, with `${…}` and `%{…}` sequences (which may hold strings of their own). */
  private string(): void {
    this.pos++; // opening quote
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '\\') this.pos += 2;
      else if (c === '"') {
        this.pos++;
        return;
      } else if ((c === '$' || c === '%') && this.text[this.pos + 1] === '{') {
        if (this.text[this.pos - 1] === c && this.text[this.pos - 2] !== c) {
          this.pos += 2; // `$${` / `%%{` is a literal
          continue;
        }
        this.pos += 2;
        this.templateBody();
      } else if (c === '\n') return; // unterminated: hcl2json reports it
      else this.pos++;
    }
  }

  private templateBody(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') this.string();
      else if (c === '{') {
        depth++;
        this.pos++;
      } else if (c === '}') {
        this.pos++;
        if (depth-- === 0) return;
      } else this.pos++;
    }
  }

  private heredoc(): void {
    const m = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(this.text.slice(this.pos));
    if (!m) {
      this.pos += 2;
      return;
    }
    const marker = m[1]!;
    this.pos += m[0].length;
    while (this.pos < this.text.length) {
      const end = this.text.indexOf('\n', this.pos);
      const line = this.text.slice(this.pos, end < 0 ? this.text.length : end);
      this.pos = end < 0 ? this.text.length : end + 1;
      if (line.trim() === marker) {
        if (end >= 0) this.pos = end; // leave the newline: it ends the attribute
        return;
      }
    }
  }

  private comment(): void {
    if (this.text.startsWith('/*', this.pos)) {
      const end = this.text.indexOf('*/', this.pos + 2);
      this.pos = end < 0 ? this.text.length : end + 2;
      return;
    }
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end;
  }

  private skipSpace(newlines: boolean): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '#' || (c === '/' && this.text[this.pos + 1] === '/')) this.comment();
      else if (c === '/' && this.text[this.pos + 1] === '*') this.comment();
      else return;
    }
  }

  private skipLine(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end + 1;
  }

  private identifier(): string | undefined {
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

function unquote(s: string): string {
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}
