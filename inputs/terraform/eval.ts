import type { NodePath } from '../../model/types.js';

/**
 * A small evaluator of Terraform expressions over literals, for the Terraform readers. It works on the form
 * hcl2json and Terraform JSON share: literal values as JSON, every other expression as a `${…}` string holding
 * its source text. What it can compute from literals alone (locals of literals, `each.*`, `count.index`, a
 * `dynamic` block's iterator, module inputs, string templates, and a handful of pure functions) becomes a
 * value; a reference to a resource stays a reference (the mapper resolves it to a Name); everything else
 * (variables without a literal value, data sources, operators, `for` expressions, other functions) stays
 * unknown, with the text it came from, so the reader can note it. It never calls out and never guesses.
 */

/** A value only Terraform knows when it runs. `source` is its hcl2json form (`${var.x}`, or a template). */
export class Unknown {
  constructor(readonly source: string) {}
}

/**
 * A reference to a resource or data source attribute (`aws_ssoadmin_application.web["a"].arn`), or with an
 * empty attribute to a whole instance (`for_each = aws_ssoadmin_trusted_token_issuer.idp` iterates those).
 */
export class Reference {
  constructor(
    /** The block's address, with its instance key when it has one: `aws_x.y`, `aws_x.y["k"]`, `data.aws_x.y`, `module.m.aws_x.y`. */
    readonly address: string,
    readonly attribute: string,
  ) {}
}

/** `${` and `%{` in literal text, written `$${` / `%%{` in hcl2json form. */
const ESCAPABLE = /([$%])\{/g;
const escapeOne = (_: string, c: string): string => `${c}${c}{`;

export type Value = string | number | boolean | null | Value[] | { [key: string]: Value } | Unknown | Reference;
type ValueMap = { [key: string]: Value };

/** Lists made by toset() (Terraform iterates a set of strings in lexical order, keyed by the element). */
const SETS = new WeakSet<Value[]>();

export interface Iteration {
  key: Value;
  value: Value;
}

/** What names mean where an expression is evaluated. */
export interface Scope {
  /** `local.NAME` (Unknown when the local is not a literal). */
  local?(name: string): Value;
  /** `var.NAME` (Unknown when no literal value is given). */
  variable?(name: string): Value;
  each?: Iteration;
  count?: number;
  /** `dynamic` block iterators by name. */
  iterators?: ReadonlyMap<string, Iteration>;
  /** Prefix of resource addresses inside a module (`module.NAME.`), so references name the right block. */
  modulePrefix?: string;
  /**
   * The instance keys of a declared block (its address without a key): null for a block without count /
   * for_each, undefined when it is not declared or its instances are not known here.
   */
  instances?(address: string): (string | number)[] | null | undefined;
}

export const isMap = (v: unknown): v is ValueMap =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Unknown) && !(v instanceof Reference);
export const isSet = (v: Value): boolean => Array.isArray(v) && SETS.has(v);

/** Whether a value holds no Unknown or Reference anywhere. */
export function isKnown(v: Value): boolean {
  if (v instanceof Unknown || v instanceof Reference) return false;
  if (Array.isArray(v)) return v.every(isKnown);
  if (isMap(v)) return Object.values(v).every(isKnown);
  return true;
}

// ---------------------------------------------------------------------------------------------------------
// hcl2json form ⇄ values
// ---------------------------------------------------------------------------------------------------------

/** Evaluate a value in hcl2json form (JSON with `${…}` template strings). */
export function evaluate(value: unknown, scope: Scope): Value {
  if (typeof value === 'string') return value.includes('${') || value.includes('%{') ? evaluateTemplate(value, scope, false) : value;
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
  if (typeof value === 'object' && value !== null) {
    const out: ValueMap = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluate(v, scope);
    return out;
  }
  return (value ?? null) as Value;
}

/** Back to hcl2json form: unknowns as their source, references as `${address.attribute}`, `${` in text escaped. */
export function toHclJson(value: Value): unknown {
  if (value instanceof Unknown) return value.source;
  if (value instanceof Reference) return value.attribute ? `\${${value.address}.${value.attribute}}` : `\${${value.address}}`;
  if (typeof value === 'string') return value.replace(ESCAPABLE, escapeOne);
  if (Array.isArray(value)) return value.map(toHclJson);
  if (isMap(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, toHclJson(v)]));
  return value;
}

/**
 * A template: literal text with `${expr}` interpolations (`$${` is a literal `${`). A whole-string
 * interpolation keeps its type. `%{…}` directives are not evaluated. `raw` when the text still holds HCL
 * escapes (a quoted string inside an expression, which hcl2json leaves as written).
 */
function evaluateTemplate(text: string, scope: Scope, raw: boolean): Value {
  const parts: (string | { expr: string })[] = [];
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
    } else if (c === '%' && text[i + 1] === '{') {
      return new Unknown(text); // a directive (%{if}, %{for}): not evaluated
    } else if (c === '$' && text[i + 1] === '{') {
      const end = closingBrace(text, i + 2);
      if (end < 0) return new Unknown(text);
      if (literal) parts.push(literal);
      literal = '';
      parts.push({ expr: text.slice(i + 2, end) });
      i = end + 1;
    } else {
      literal += c;
      i++;
    }
  }
  if (literal) parts.push(literal);
  if (parts.length === 1 && typeof parts[0] !== 'string') return evaluateExpression(parts[0]!.expr, scope);
  let known = true;
  let out = '';
  let source = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      out += part;
      source += part.replace(ESCAPABLE, escapeOne);
      continue;
    }
    const v = evaluateExpression(part.expr, scope);
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') {
      out += String(v);
      source += String(v).replace(ESCAPABLE, escapeOne);
    } else {
      known = false;
      source += v instanceof Unknown && /^\$\{[^]*\}$/.test(v.source) ? v.source : `\${${part.expr}}`;
    }
  }
  return known ? out : new Unknown(source);
}

function decodeEscape(text: string, i: number): [string, number] {
  const n = text[i + 1];
  const simple: Record<string, string> = { n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\' };
  if (n !== undefined && n in simple) return [simple[n]!, 2];
  if (n === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) return [String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), 6];
  if (n === 'U' && /^[0-9a-fA-F]{8}$/.test(text.slice(i + 2, i + 10))) return [String.fromCodePoint(parseInt(text.slice(i + 2, i + 10), 16)), 10];
  return [n ?? '', 2];
}

/** The index of the `}` that closes an interpolation starting at `from`, stepping over nested braces and strings. */
function closingBrace(text: string, from: number): number {
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

/** The index after the quoted string that starts at `i` (templates inside it included). */
function stringEnd(text: string, i: number): number {
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

// ---------------------------------------------------------------------------------------------------------
// Expressions
// ---------------------------------------------------------------------------------------------------------

/** An expression's source text → its value. Anything outside the supported subset is Unknown. */
export function evaluateExpression(source: string, scope: Scope): Value {
  let node: Node;
  try {
    node = new Parser(source).parseAll();
  } catch (err) {
    if (err instanceof Unsupported) return new Unknown(`\${${source}}`);
    throw err;
  }
  return new Evaluator(source, scope).value(node);
}

class Unsupported extends Error {}

/** Expressions nested deeper than this are left unknown (no Terraform configuration nests so deep). */
const MAX_EXPRESSION_DEPTH = 256;

type Node = { start: number; end: number } & (
  | { kind: 'literal'; value: string | number | boolean | null }
  | { kind: 'template'; text: string; heredoc: boolean }
  | { kind: 'tuple'; items: Node[] }
  | { kind: 'object'; members: { key: Node | string; value: Node }[] }
  | { kind: 'name'; name: string }
  | { kind: 'attribute'; target: Node; name: string }
  | { kind: 'index'; target: Node; key: Node }
  | { kind: 'call'; name: string; args: Node[] }
);

type Token = { type: 'number' | 'string' | 'heredoc' | 'name' | 'punct'; text: string; start: number; end: number; value?: string };

const PUNCTUATION = ['...', '=>', '==', '!=', '<=', '>=', '&&', '||', '[', ']', '{', '}', '(', ')', ',', '.', '=', ':', '?', '+', '-', '*', '/', '%', '!', '<', '>'];

function tokenize(source: string): Token[] {
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

class Parser {
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

/** Roots whose attributes Terraform only knows when it runs. */
const RUN_TIME_ROOTS = new Set(['path', 'terraform', 'self', 'module']);

class Evaluator {
  constructor(
    private readonly source: string,
    private readonly scope: Scope,
  ) {}

  /** Unknown values of a node are reported as the node's own source text (the part a user wrote). */
  value(node: Node): Value {
    const v = this.raw(node);
    if (v instanceof Unknown && node.kind !== 'template' && node.kind !== 'tuple' && node.kind !== 'object') return this.unknown(node);
    return v;
  }

  private unknown(node: Node): Unknown {
    return new Unknown(`\${${this.source.slice(node.start, node.end)}}`);
  }

  private raw(node: Node): Value {
    switch (node.kind) {
      case 'literal':
        return node.value;
      case 'template':
        return evaluateTemplate(node.text, this.scope, !node.heredoc);
      case 'tuple':
        return node.items.map((n) => this.value(n));
      case 'object': {
        const out: ValueMap = {};
        for (const m of node.members) {
          const key = typeof m.key === 'string' ? m.key : this.value(m.key);
          if (typeof key !== 'string' && typeof key !== 'number' && typeof key !== 'boolean') return this.unknown(node);
          out[String(key)] = this.value(m.value);
        }
        return out;
      }
      case 'name':
      case 'attribute':
      case 'index':
        return this.traversal(node);
      case 'call':
        return this.call(node);
    }
  }

  /** `root.a["b"][0]`: locals, variables, iterators, or a reference to a block. */
  private traversal(node: Node): Value {
    const steps: (string | Node)[] = [];
    let n: Node = node;
    while (n.kind === 'attribute' || n.kind === 'index') {
      steps.unshift(n.kind === 'attribute' ? n.name : n.key);
      n = n.target;
    }
    if (n.kind !== 'name') return this.apply(this.value(n), steps, node);
    const root = n.name;
    const first = steps[0];
    const rest = steps.slice(1);
    const s = this.scope;
    if (root === 'local' && typeof first === 'string') return this.apply(s.local?.(first) ?? this.unknown(node), rest, node);
    if (root === 'var' && typeof first === 'string') return this.apply(s.variable?.(first) ?? this.unknown(node), rest, node);
    if (root === 'each' && s.each && (first === 'key' || first === 'value')) return this.apply(s.each[first], rest, node);
    if (root === 'count' && s.count !== undefined && first === 'index') return this.apply(s.count, rest, node);
    const iterator = s.iterators?.get(root);
    if (iterator && (first === 'key' || first === 'value')) return this.apply(iterator[first], rest, node);
    if (RUN_TIME_ROOTS.has(root) || ['local', 'var', 'each', 'count'].includes(root)) return this.unknown(node);
    // TYPE.NAME[key].ATTR or data.TYPE.NAME[key].ATTR
    const labels = root === 'data' ? 2 : 1;
    let address = `${s.modulePrefix ?? ''}${root}`;
    let i = 0;
    for (; i < labels; i++) {
      if (typeof steps[i] !== 'string') return this.unknown(node);
      address += `.${steps[i] as string}`;
    }
    const key = steps[i];
    if (key === undefined) {
      // The whole block: its instances by key (for_each), by index (count), or the one instance.
      const keys = s.instances?.(address);
      if (keys === null) return new Reference(address, '');
      if (!keys) return this.unknown(node);
      if (keys.every((k) => typeof k === 'number')) return keys.map((k) => new Reference(`${address}[${k}]`, ''));
      return Object.fromEntries(keys.map((k) => [String(k), new Reference(`${address}${instanceSuffix(k)}`, '')]));
    }
    if (typeof key !== 'string') {
      const k = this.value(key);
      if (typeof k === 'string') address += `[${JSON.stringify(k)}]`;
      else if (typeof k === 'number') address += `[${k}]`;
      else return this.unknown(node);
      i++;
    }
    const attribute = steps[i];
    if (attribute === undefined) return new Reference(address, '');
    if (typeof attribute !== 'string' || steps.length !== i + 1) return this.unknown(node);
    return new Reference(address, attribute);
  }

  private apply(value: Value, steps: (string | Node)[], node: Node): Value {
    let v = value;
    for (const step of steps) {
      if (v instanceof Reference && v.attribute === '' && typeof step === 'string') {
        v = new Reference(v.address, step);
        continue;
      }
      if (v instanceof Unknown || v instanceof Reference) return this.unknown(node);
      const key = typeof step === 'string' ? step : this.value(step);
      if (Array.isArray(v) && typeof key === 'number' && !isSet(v)) v = v[key] ?? this.unknown(node);
      else if (isMap(v) && (typeof key === 'string' || typeof key === 'number')) v = Object.hasOwn(v, String(key)) ? v[String(key)]! : this.unknown(node);
      else return this.unknown(node);
    }
    return v;
  }

  private call(node: Extract<Node, { kind: 'call' }>): Value {
    const fn = FUNCTIONS[node.name];
    if (!fn) return this.unknown(node);
    const args = node.args.map((a) => this.value(a));
    const out = fn(args);
    return out === undefined ? this.unknown(node) : out;
  }
}

/**
 * The scope of one Terraform module: its locals (evaluated once, on first use; a local that refers to itself,
 * through others or not, is unknown) and its variables as `variable` gives them.
 */
export function moduleScope(locals: ReadonlyMap<string, unknown>, rest: Omit<Scope, 'local'> = {}): Scope {
  const evaluated = new Map<string, Value>();
  const evaluating = new Set<string>();
  const scope: Scope = {
    ...rest,
    local: (name) => {
      const hit = evaluated.get(name);
      if (hit !== undefined) return hit;
      if (!locals.has(name) || evaluating.has(name)) return new Unknown(`\${local.${name}}`);
      evaluating.add(name);
      const v = evaluate(locals.get(name), scope);
      evaluating.delete(name);
      evaluated.set(name, v);
      return v;
    },
  };
  return scope;
}

// ---------------------------------------------------------------------------------------------------------
// Functions (pure, over known arguments; undefined = cannot compute here)
// ---------------------------------------------------------------------------------------------------------

const isList = (v: Value): v is Value[] => Array.isArray(v);
const isPrimitive = (v: Value): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';

function toSet(items: Value[]): Value[] | undefined {
  if (!items.every(isPrimitive)) return undefined; // sets of objects or of unknowns: order and identity unknown
  const unique = [...new Set(items.map((v) => String(v)))].sort();
  const out: Value[] = unique;
  SETS.add(out);
  return out;
}

/** JSON for jsonencode: sets as lists, keys in lexical order as Terraform writes them. */
function toJson(v: Value): unknown {
  if (Array.isArray(v)) return v.map(toJson);
  if (isMap(v)) return Object.fromEntries(Object.keys(v).sort().map((k) => [k, toJson(v[k]!)]));
  return v;
}

/** Terraform's format verbs that need no type information: %s %d %v %q %%. */
function format(spec: Value, args: Value[]): Value | undefined {
  if (typeof spec !== 'string') return undefined;
  let next = 0;
  let failed = false;
  const out = spec.replace(/%(%|[sdvq])/g, (_, verb: string) => {
    if (verb === '%') return '%';
    const a = args[next++];
    if (a === undefined || !isPrimitive(a)) {
      failed = true;
      return '';
    }
    if (verb === 'd' && (typeof a !== 'number' || !Number.isInteger(a))) failed = true;
    return verb === 'q' ? JSON.stringify(String(a)) : String(a);
  });
  if (failed || /%[^%sdvq]/.test(spec.replace(/%%/g, ''))) return undefined;
  return out;
}

const FUNCTIONS: Record<string, (args: Value[]) => Value | undefined> = {
  tolist: ([v, ...more]) => (more.length === 0 && v !== undefined && isList(v) ? [...v] : undefined),
  toset: ([v, ...more]) => (more.length === 0 && v !== undefined && isList(v) ? toSet(v) : undefined),
  tomap: ([v, ...more]) => (more.length === 0 && v !== undefined && isMap(v) ? { ...v } : undefined),
  concat: (args) => (args.every(isList) ? args.flat(1) : undefined),
  merge: (args) => (args.every((a) => isMap(a) || a === null) ? Object.assign({}, ...args.filter(isMap)) : undefined),
  lookup: ([map, key, fallback, ...more]) => {
    if (more.length || map === undefined || !isMap(map) || typeof key !== 'string') return undefined;
    if (Object.hasOwn(map, key)) return map[key]!;
    return fallback;
  },
  jsonencode: ([v, ...more]) => (more.length === 0 && v !== undefined && isKnown(v) ? JSON.stringify(toJson(v)) : undefined),
  format: ([spec, ...args]) => (spec === undefined ? undefined : format(spec, args)),
  length: ([v, ...more]) => {
    if (more.length || v === undefined) return undefined;
    if (typeof v === 'string') return [...v].length;
    if (isList(v)) return v.length;
    if (isMap(v)) return Object.keys(v).length;
    return undefined;
  },
  keys: ([v]) => (v !== undefined && isMap(v) ? Object.keys(v).sort() : undefined),
  values: ([v]) => (v !== undefined && isMap(v) ? Object.keys(v).sort().map((k) => v[k]!) : undefined),
};

/** The function names evaluated here (docs and notes list them). */
export const EVALUATED_FUNCTIONS: readonly string[] = Object.keys(FUNCTIONS);

// ---------------------------------------------------------------------------------------------------------
// count / for_each
// ---------------------------------------------------------------------------------------------------------

/** One instance a `count` or `for_each` makes: its key (`[0]`, `["web"]`) and what `each`/`count` mean in it. */
export interface Instance {
  key: string | number;
  each?: Iteration;
  count?: number;
}

/**
 * The instances of a block from its evaluated `count` / `for_each`, or why they cannot be known here.
 * Terraform takes a map or a set for for_each (a list is an error there), a whole number for count.
 */
export function instancesOf(meta: 'count' | 'for_each', value: Value): Instance[] | { why: string } {
  if (meta === 'count') {
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return Array.from({ length: value }, (_, i) => ({ key: i, count: i }));
    return { why: value instanceof Unknown ? `\`${value.source}\` is only known when Terraform runs` : 'it is not a whole number' };
  }
  if (isMap(value)) return Object.keys(value).sort().map((k) => ({ key: k, each: { key: k, value: value[k]! } }));
  if (Array.isArray(value) && isSet(value)) return value.map((v) => ({ key: String(v), each: { key: v, value: v } }));
  if (Array.isArray(value)) return { why: 'Terraform takes a map or a set of strings here, not a list (wrap it in toset())' };
  return { why: value instanceof Unknown ? `\`${value.source}\` is only known when Terraform runs` : 'it is not a map or a set' };
}

/** `[0]` / `["web"]`, as Terraform writes an instance key in an address. */
export const instanceSuffix = (key: string | number): string => (typeof key === 'number' ? `[${key}]` : `[${JSON.stringify(key)}]`);

// ---------------------------------------------------------------------------------------------------------
// Blocks: instances and dynamic blocks
// ---------------------------------------------------------------------------------------------------------

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A block body that cannot be expanded here: why, and the path (in the written body) of what stopped it. */
export class CannotExpand extends Error {
  constructor(
    readonly why: string,
    readonly at: NodePath,
  ) {
    super(why);
  }
}

/** One expanded instance of a block: its evaluated body, and how to find a path of it in the written body. */
export interface ExpandedInstance {
  /** '' for a block without count / for_each, else `[0]` / `["key"]`. */
  suffix: string;
  body: Obj;
  /** The scope its attributes were evaluated in (each / count set). */
  scope: Scope;
  /** A path in `body` → the path of the same thing in the block as written (for locations). */
  written(path: NodePath): NodePath;
}

/**
 * Expand a block as Terraform would: one instance per `count` / `for_each` element, each with its
 * attributes evaluated and its `dynamic` blocks turned into the blocks they make. Throws CannotExpand when
 * the instances or a dynamic block depend on something only Terraform knows.
 */
export function expandBlock(body: Obj, scope: Scope): ExpandedInstance[] {
  let instances: Instance[] | undefined;
  for (const meta of ['count', 'for_each'] as const) {
    if (body[meta] === undefined) continue;
    const made = instancesOf(meta, evaluate(body[meta], scope));
    if (!Array.isArray(made)) throw new CannotExpand(`\`${meta}\` makes instances that only Terraform can expand (${made.why})`, [meta]);
    instances = made;
  }
  const rest = Object.fromEntries(Object.entries(body).filter(([k]) => k !== 'count' && k !== 'for_each'));
  return (instances ?? [undefined]).map((instance) => {
    const rewrites: { from: NodePath; to: NodePath }[] = [];
    const inner: Scope = instance ? { ...scope, each: instance.each, count: instance.count } : scope;
    return {
      suffix: instance ? instanceSuffix(instance.key) : '',
      scope: inner,
      body: expandObject(rest, inner, [], rewrites),
      written: (path) => rewritePath(path, rewrites),
    };
  });
}

function rewritePath(path: NodePath, rewrites: readonly { from: NodePath; to: NodePath }[]): NodePath {
  let out = path;
  for (let guard = 0; guard <= rewrites.length; guard++) {
    // The longest match first: a dynamic block inside a generated one maps to its parent's generated path.
    let hit: { from: NodePath; to: NodePath } | undefined;
    for (const r of rewrites) if (r.from.length <= out.length && r.from.every((seg, i) => out[i] === seg) && r.from.length > (hit?.from.length ?? -1)) hit = r;
    if (!hit) return out;
    out = [...hit.to, ...out.slice(hit.from.length)];
  }
  return out;
}

function expandValue(value: unknown, scope: Scope, path: NodePath, rewrites: { from: NodePath; to: NodePath }[]): unknown {
  if (typeof value === 'string') return toHclJson(evaluate(value, scope));
  if (Array.isArray(value)) return value.map((v, i) => expandValue(v, scope, [...path, i], rewrites));
  if (isObj(value)) return expandObject(value, scope, path, rewrites);
  return value;
}

/** An object (a block body or a map): members evaluated, `dynamic` blocks expanded after the static ones. */
function expandObject(obj: Obj, scope: Scope, path: NodePath, rewrites: { from: NodePath; to: NodePath }[]): Obj {
  const out: Obj = {};
  for (const [k, v] of Object.entries(obj)) if (k !== 'dynamic' || !isObj(v)) out[k] = expandValue(v, scope, [...path, k], rewrites);
  const dynamic = obj.dynamic;
  if (!isObj(dynamic)) return out;
  for (const [label, specs] of Object.entries(dynamic)) {
    const list = Array.isArray(specs) ? specs : [specs];
    list.forEach((spec, j) => {
      if (!isObj(spec)) return;
      const specPath: NodePath = Array.isArray(specs) ? [...path, 'dynamic', label, j] : [...path, 'dynamic', label];
      const items = dynamicItems(evaluate(spec.for_each, scope));
      if (!Array.isArray(items)) throw new CannotExpand(`its \`dynamic "${label}"\` block is expanded only when Terraform runs (${items.why})`, [...specPath, 'for_each']);
      const iterator = iteratorName(spec.iterator) ?? label;
      const content = Array.isArray(spec.content) ? spec.content[0] : spec.content;
      const contentPath: NodePath = Array.isArray(spec.content) ? [...specPath, 'content', 0] : [...specPath, 'content'];
      const existing = out[label];
      const target: unknown[] = Array.isArray(existing) ? existing : existing === undefined ? [] : [existing];
      out[label] = target;
      for (const item of items) {
        const newPath: NodePath = [...path, label, target.length];
        rewrites.push({ from: newPath, to: contentPath });
        const iterators = new Map(scope.iterators ?? []);
        iterators.set(iterator, item);
        target.push(isObj(content) ? expandObject(content, { ...scope, iterators }, newPath, rewrites) : {});
      }
    });
  }
  return out;
}

/** A dynamic block iterates any collection: a list or set by index, a map by key. */
function dynamicItems(value: Value): Iteration[] | { why: string } {
  if (Array.isArray(value)) return value.map((v, i) => ({ key: isSet(value) ? v : i, value: v }));
  if (isMap(value)) return Object.keys(value).sort().map((k) => ({ key: k, value: value[k]! }));
  return { why: value instanceof Unknown ? `\`${value.source}\` is only known when Terraform runs` : 'it is not a collection' };
}

/** `iterator = name` (hcl2json writes the bare name as `${name}`). */
function iteratorName(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(?:\$\{\s*)?([A-Za-z_][\w-]*)(?:\s*\})?$/.exec(v);
  return m?.[1];
}
