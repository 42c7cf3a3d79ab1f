/**
 * A small evaluator of Terraform expressions over literals, for the Terraform readers. It works on the form
 * hcl2json and Terraform JSON share: literal values as JSON, every other expression as a `${…}` string holding
 * its source text. What it can compute from literals alone (locals of literals, `each.*`, `count.index`, a
 * `dynamic` block's iterator, module inputs, string templates, and a handful of pure functions) becomes a
 * value; a reference to a resource stays a reference (the mapper resolves it to a Name); everything else
 * (variables without a literal value, data sources, operators, `for` expressions, other functions) stays
 * unknown, with the text it came from, so the reader can note it. It never calls out and never guesses.
 */
import { escapeOne, ESCAPABLE, instanceSuffix, isMap, isSet, Reference, Unknown, type Scope, type Value, type ValueMap } from './values.js';
import { closingBrace, Parser, Unsupported, type Node } from './syntax.js';
import { FUNCTIONS } from './functions.js';

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
