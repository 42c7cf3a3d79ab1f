/**
 * Gives HCL expression trees (syntax.ts) their values, as Terraform does without providers or state:
 * operators, conditionals (both results unified to one type), `for` expressions with `if` and grouping,
 * splats, traversals, templates with directives, `try`/`can`, and the pure functions of functions/.
 * What only Terraform knows when it runs (resource attributes the provider computes, variables without a
 * value) is Unknown, and an unknown leaf keeps its known siblings. A Terraform error (a type error, a failed
 * function) makes the value unknown too, never a wrong value. Every evaluation spends from a Budget.
 */
import { Budget, BudgetExceeded, withBudget } from './budget.js';
import type { FunctionContext } from './functions/define.js';
import { callFunction } from './functions/index.js';
import { parseExpression, parseTemplate, SyntaxError_, type Node, type TemplatePart } from './syntax.js';
import { parseTemplateOrError } from './template-text.js';
import { binaryOperation, exactNumber, Inexact, templateString, unaryOperation } from './operators.js';
import { getAttribute, index, nullType } from './traversal.js';
import { convert, EvalError, Unevaluated, makeSet, typeName, typeOf, unify, type Type } from './types.js';
import {
  ESCAPABLE,
  escapeOne,
  instanceSuffix,
  type Scope,
  isKnown,
  isMap,
  isSet,
  isUnknown,
  orderedMap,
  recordedType,
  Reference,
  sortedKeys,
  Unknown,
  unknownReason,
  withType,
  type Value,
  type ValueMap,
} from './values.js';

/** The value of an expression's source text. Errors and anything outside what can be known: Unknown. */
export function evaluateExpression(source: string, scope: Scope): Value {
  let node: Node;
  try {
    node = parseExpression(source);
  } catch (err) {
    if (err instanceof SyntaxError_) return new Unknown(`\${${source}}`, `not an expression tipkit reads: ${err.message}`);
    throw err;
  }
  return new Evaluator(source, scope).top(node);
}

/** A template's text (hcl2json form: no backslash escapes; `$${` is a literal `${`) → its value. */
export function evaluateTemplateText(text: string, scope: Scope, raw = false): Value {
  let parts: TemplatePart[];
  try {
    parts = parseTemplate(text, raw);
  } catch (err) {
    if (err instanceof SyntaxError_) return new Unknown(text, `not a template tipkit reads: ${err.message}`);
    throw err;
  }
  const evaluator = new Evaluator(text, scope);
  return evaluator.guard(() => evaluator.template(parts, text), (reason) => new Unknown(text, reason));
}

/** Evaluate a value in hcl2json form (JSON with `${…}` template strings). */
export function evaluate(value: unknown, scope: Scope): Value {
  if (typeof value === 'string') return value.includes('${') || value.includes('%{') ? evaluateTemplateText(value, scope) : value;
  if (Array.isArray(value)) return value.map((v) => evaluate(v, scope));
  if (typeof value === 'object' && value !== null) {
    const out: ValueMap = {};
    for (const [k, v] of Object.entries(value)) out[k] = evaluate(v, scope);
    return out;
  }
  return (value ?? null) as Value;
}

/** Roots whose attributes only Terraform knows when it runs. */
const RUN_TIME_ROOTS = new Set(['terraform', 'self']);

export class Evaluator {
  private readonly budget: Budget;
  /** Names bound by `for` expressions and template `%{for}`, innermost last. */
  private readonly bound: Map<string, Value>[] = [];
  private splatItem: Value[] = [];
  /** The type of a null a traversal produced (`var.x` declared `map(string)` and null), by node. */
  private readonly nullTypes = new Map<Node, Type>();

  constructor(
    private readonly source: string,
    private readonly scope: Scope,
  ) {
    this.budget = scope.budget ?? new Budget();
  }

  /** The value of a whole expression: errors become Unknown (with Terraform's reason). */
  top(node: Node): Value {
    return this.guard(
      () => this.value(node),
      (reason) => this.unknown(node, reason),
    );
  }

  guard(run: () => Value, onError: (reason: string) => Value): Value {
    try {
      return withBudget(this.budget, run);
    } catch (err) {
      if (err instanceof EvalError || err instanceof BudgetExceeded || err instanceof Unevaluated) return onError(err.message);
      if (err instanceof RangeError) return onError('too large or too deeply nested to evaluate'); // hostile input past a JavaScript limit
      throw err;
    }
  }

  private unknown(node: Node, reason?: string): Unknown {
    return new Unknown(`\${${this.source.slice(node.start, node.end)}}`, reason);
  }

  /** A value's type, a null's as its traversal declared it. */
  private typeOfResult(node: Node, v: Value): Type {
    return v === null ? (this.nullTypes.get(node) ?? 'dynamic') : typeOf(v);
  }

  /** Records the type of a collection built from `members` when one of them is a typed null. */
  private keepNullTypes<T extends Value[] | ValueMap>(out: T, members: [Node, Value, string?][]): T {
    if (!members.some(([n, v]) => v === null && this.nullTypes.has(n))) return out;
    if (Array.isArray(out)) return withType(out, ['tuple', members.map(([n, v]) => this.typeOfResult(n, v))]);
    return withType(out, ['object', Object.fromEntries(members.map(([n, v, k]) => [k!, this.typeOfResult(n, v)]))]);
  }

  value(node: Node): Value {
    const v = this.raw(node);
    if (v instanceof Unknown && node.kind !== 'template' && node.kind !== 'tuple' && node.kind !== 'object') return this.unknown(node, v.reason);
    return v;
  }

  private raw(node: Node): Value {
    switch (node.kind) {
      case 'literal':
        if (typeof node.value === 'number' && !exactNumber(this.source.slice(node.start, node.end), node.value)) {
          throw new Inexact();
        }
        return node.value;
      case 'template':
        return this.template(node.parts, this.source.slice(node.start, node.end));
      case 'tuple': {
        this.budget.charge(node.items.length);
        const items = node.items.map((n) => this.value(n));
        return this.keepNullTypes(items, node.items.map((n, i) => [n, items[i]!]));
      }
      case 'object': {
        this.budget.charge(node.members.length);
        const entries: [string, Value][] = [];
        const members: [Node, Value, string][] = [];
        for (const m of node.members) {
          const key = this.value(m.key);
          if (isUnknown(key)) return this.unknown(node);
          if (key === null) throw new EvalError('object key is null');
          const name = String(convert(key, 'string'));
          const v = this.value(m.value);
          entries.push([name, v]);
          members.push([m.value, v, name]);
        }
        return this.keepNullTypes(orderedMap(entries), members);
      }
      case 'name':
      case 'attribute':
      case 'index':
        return this.traversal(node);
      case 'splat':
        return this.splat(node);
      case 'splat-item':
        return this.splatItem[this.splatItem.length - 1]!;
      case 'call':
        return this.call(node);
      case 'unary':
        return unaryOperation(node.op, this.value(node.operand));
      case 'binary':
        return this.binary(node.op, node.left, node.right);
      case 'conditional':
        return this.conditional(node);
      case 'for-tuple':
      case 'for-object':
        return this.forExpression(node);
    }
  }

  // --- operators (operators.ts) -------------------------------------------------------------------------

  private binary(op: string, leftNode: Node, rightNode: Node): Value {
    return binaryOperation(op, this.value(leftNode), this.value(rightNode));
  }

  private conditional(node: Extract<Node, { kind: 'conditional' }>): Value {
    const cond = this.value(node.cond);
    if (cond === null) throw new EvalError('The condition value is null. Conditions must either be true or false.');
    // Both results are evaluated and unified to one type, as HCL does; an error in the result not taken is ignored.
    const attempt = (n: Node): { value: Value } | { error: Error } => {
      try {
        return { value: this.value(n) };
      } catch (err) {
        if (err instanceof EvalError) return { error: err };
        throw err;
      }
    };
    const then = attempt(node.then);
    const otherwise = attempt(node.else);
    let type: Type | undefined;
    if ('value' in then && 'value' in otherwise) {
      const a = this.typeOfResult(node.then, then.value);
      const b = this.typeOfResult(node.else, otherwise.value);
      type = unify([a, b]);
      if (!type) throw new EvalError(`Inconsistent conditional result types: the 'true' value is ${typeName(a)}, but the 'false' value is ${typeName(b)}.`);
    }
    if (isUnknown(cond)) return new Unknown('', unknownReason(cond));
    const choice = (convert(cond, 'bool') as boolean) ? node.then : node.else;
    const taken = choice === node.then ? then : otherwise;
    if ('error' in taken) throw taken.error;
    if (taken.value === null && type && type !== 'dynamic') this.nullTypes.set(node, type);
    return type ? convert(taken.value, type) : taken.value;
  }

  // --- for expressions ---------------------------------------------------------------------------------

  private iterate(collection: Value): [Value, Value][] {
    if (collection === null) throw new EvalError('A null value cannot be used as the collection in a \'for\' expression.');
    if (Array.isArray(collection)) {
      this.budget.charge(collection.length);
      return collection.map((v, i) => [isSet(collection) ? v : i, v]);
    }
    if (isMap(collection)) {
      const keys = sortedKeys(collection);
      this.budget.charge(keys.length);
      return keys.map((k) => [k, collection[k]!]);
    }
    throw new EvalError(`A value of type ${typeName(typeOf(collection))} cannot be used as the collection in a 'for' expression.`);
  }

  private forExpression(node: Extract<Node, { kind: 'for-tuple' | 'for-object' }>): Value {
    const collection = this.value(node.collection);
    if (isUnknown(collection)) return new Unknown('', unknownReason(collection));
    const items = this.iterate(collection);
    const tuple: Value[] = [];
    const tupleMembers: [Node, Value][] = [];
    const entries = new Map<string, Value[]>();
    const objectMembers: [Node, Value, string][] = [];
    for (const [key, value] of items) {
      const frame = new Map<string, Value>();
      if (node.key) frame.set(node.key, key);
      frame.set(node.value, value);
      this.bound.push(frame);
      try {
        if (node.cond) {
          const keep = this.value(node.cond);
          if (isUnknown(keep)) return new Unknown('', unknownReason(keep));
          if (keep === null) throw new EvalError('The condition value is null.');
          if (!(convert(keep, 'bool') as boolean)) continue;
        }
        if (node.kind === 'for-tuple') {
          const v = this.value(node.expr);
          tuple.push(v);
          if (v === null && this.nullTypes.has(node.expr)) tupleMembers.push([node.expr, v]);
          continue;
        }
        const k = this.value(node.keyExpr);
        if (isUnknown(k)) return new Unknown('', unknownReason(k));
        if (k === null) throw new EvalError('Key expression in \'for\' expression must not produce a null value.');
        const name = convert(k, 'string') as string;
        const v = this.value(node.valueExpr);
        const group = entries.get(name);
        if (group && !node.group) throw new EvalError(`Two different items produced the key ${JSON.stringify(name)} in this 'for' expression.`);
        if (group) group.push(v);
        else entries.set(name, [v]);
        if (!node.group && v === null && this.nullTypes.has(node.valueExpr)) objectMembers.push([node.valueExpr, v, name]);
      } finally {
        this.bound.pop();
      }
    }
    if (node.kind === 'for-tuple') {
      if (tupleMembers.length === 0) return tuple;
      const nullType = this.nullTypes.get(node.expr)!;
      return withType(tuple, ['tuple', tuple.map((v) => (v === null ? nullType : typeOf(v)))]);
    }
    const out = orderedMap([...entries].map(([k, vs]) => [k, node.kind === 'for-object' && node.group ? vs : vs[0]!]));
    if (objectMembers.length === 0) return out;
    const nullType = this.nullTypes.get(node.valueExpr)!;
    return withType(out, ['object', Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v === null ? nullType : typeOf(v)]))]);
  }

  // --- splats and traversals ---------------------------------------------------------------------------

  private splat(node: Extract<Node, { kind: 'splat' }>): Value {
    const target = this.value(node.target);
    if (isUnknown(target)) return new Unknown('', unknownReason(target));
    if (target === null) return [];
    const each = (item: Value): Value => {
      this.splatItem.push(item);
      try {
        return this.value(node.each);
      } finally {
        this.splatItem.pop();
      }
    };
    if (!Array.isArray(target)) return [each(target)];
    this.budget.charge(target.length);
    const out = target.map(each);
    const kind = recordedType(target);
    if (Array.isArray(kind) && (kind[0] === 'list' || kind[0] === 'set')) {
      const element = unify(out.map(typeOf)) ?? 'dynamic';
      return kind[0] === 'set' ? makeSet(out, element) : withType(out.map((v) => convert(v, element)), ['list', element]);
    }
    return out;
  }

  private traversal(node: Node): Value {
    const steps: (string | Node)[] = [];
    let n: Node = node;
    while (n.kind === 'attribute' || n.kind === 'index') {
      steps.unshift(n.kind === 'attribute' ? n.name : n.key);
      n = n.target;
    }
    if (n.kind !== 'name') return this.apply(this.value(n), steps, node);
    const root = n.name;
    for (let i = this.bound.length - 1; i >= 0; i--) {
      const frame = this.bound[i]!;
      if (frame.has(root)) return this.apply(frame.get(root)!, steps, node);
    }
    const first = steps[0];
    const rest = steps.slice(1);
    const s = this.scope;
    if (root === 'local' && typeof first === 'string') {
      if (!s.local) return this.unknown(node);
      this.budget.enter();
      try {
        return this.apply(s.local(first), rest, node);
      } finally {
        this.budget.leave();
      }
    }
    if (root === 'var' && typeof first === 'string') return this.apply(s.variable ? s.variable(first) : this.unknown(node), rest, node, s.variableType?.(first));
    if (root === 'each' && s.each && (first === 'key' || first === 'value')) return this.apply(s.each[first], rest, node);
    if (root === 'count' && s.count !== undefined && first === 'index') return this.apply(s.count, rest, node);
    const iterator = s.iterators?.get(root);
    if (iterator && (first === 'key' || first === 'value')) return this.apply(iterator[first], rest, node);
    if (root === 'path' && (first === 'module' || first === 'root' || first === 'cwd') && s.paths?.[first] !== undefined) return this.apply(s.paths[first]!, rest, node);
    if (root === 'module' && typeof first === 'string') {
      const outputs = s.module?.(first);
      return this.apply(outputs === undefined ? this.unknown(node) : outputs, rest, node);
    }
    if (RUN_TIME_ROOTS.has(root) || ['local', 'var', 'each', 'count', 'path', 'module'].includes(root)) return this.unknown(node);
    // TYPE.NAME[key].ATTR or data.TYPE.NAME[key].ATTR
    const labels = root === 'data' ? 2 : 1;
    let address = `${s.modulePrefix ?? ''}${root}`;
    let i = 0;
    for (; i < labels; i++) {
      if (typeof steps[i] !== 'string') return this.unknown(node);
      address += `.${steps[i] as string}`;
    }
    const keys = s.instances?.(address);
    const key = steps[i];
    if (key === undefined || typeof key === 'string') {
      // The whole block: its instances by key (for_each), by index (count), or the one instance.
      if (keys === null) return this.apply(new Reference(address, ''), steps.slice(i), node);
      if (!keys) return key === undefined ? this.unknown(node) : this.apply(new Reference(address, ''), steps.slice(i), node);
      // No instance: an empty object (for_each over it makes none either way; length() is 0).
      const all = keys.length > 0 && keys.every((k) => typeof k === 'number')
        ? keys.map((k) => new Reference(`${address}[${k}]`, ''))
        : orderedMap(keys.map((k) => [String(k), new Reference(`${address}${instanceSuffix(k)}`, '')]));
      return this.apply(all, steps.slice(i), node);
    }
    const k = this.value(key);
    if (isUnknown(k)) return this.unknown(node);
    if (typeof k === 'string') address += `[${JSON.stringify(k)}]`;
    else if (typeof k === 'number') address += `[${k}]`;
    else return this.unknown(node);
    if (keys && !keys.some((x) => String(x) === String(k))) throw new EvalError('Invalid index: the given key does not identify an element in this collection value.');
    return this.apply(new Reference(address, ''), steps.slice(i + 1), node);
  }

  private apply(value: Value, steps: (string | Node)[], node: Node, declared?: Type): Value {
    let v = value;
    const keys: Value[] = [];
    for (const step of steps) {
      if (v instanceof Reference && v.attribute === '' && typeof step === 'string') {
        v = this.scope.attribute?.(v.address, step) ?? new Reference(v.address, step);
        continue;
      }
      if (isUnknown(v)) return this.unknown(node, unknownReason(v));
      if (typeof step === 'string') {
        v = getAttribute(v, step);
        keys.push(step);
        continue;
      }
      const key = this.value(step);
      if (isUnknown(key)) return this.unknown(node, unknownReason(key));
      v = index(v, key);
      keys.push(key);
    }
    if (v === null) {
      const type = nullType(value, declared, keys);
      if (type && type !== 'dynamic') this.nullTypes.set(node, type);
      else this.nullTypes.delete(node);
    }
    return v;
  }

  // --- calls -------------------------------------------------------------------------------------------

  private call(node: Extract<Node, { kind: 'call' }>): Value {
    const name = node.name.startsWith('core::') ? node.name.slice(6) : node.name;
    if (name === 'try') {
      if (node.args.length === 0) throw new EvalError('At least one argument is required.');
      let last: Error | undefined;
      for (const arg of node.args) {
        try {
          const v = this.value(arg);
          if (!isKnown(v)) return new Unknown('', unknownReason(v));
          return v;
        } catch (err) {
          if (!(err instanceof EvalError)) throw err;
          last = err;
        }
      }
      throw new EvalError(`Call to function "try" failed: no expression succeeded (${last?.message ?? ''})`);
    }
    if (name === 'can') {
      if (node.args.length !== 1) throw new EvalError('Function "can" takes one argument.');
      try {
        const v = this.value(node.args[0]!);
        if (!isKnown(v)) return new Unknown('', unknownReason(v));
        return true;
      } catch (err) {
        if (!(err instanceof EvalError)) throw err;
        return false;
      }
    }
    this.budget.enter();
    try {
      let args = node.args.map((a) => this.value(a));
      if (node.expand) {
        const last = args[args.length - 1]!;
        if (isUnknown(last)) return this.unknown(node, unknownReason(last));
        if (!Array.isArray(last)) throw new EvalError('Invalid expanding argument value: the expanding argument (indicated by ...) must be of a tuple, list, or set type.');
        args = [...args.slice(0, -1), ...last];
      }
      const out = callFunction(name, args, this.functionContext());
      if (out === undefined) return this.unknown(node, `\`${node.name}\` is not a function tipkit evaluates`);
      if (typeof out === 'string') this.budget.chargeString(out);
      else if (Array.isArray(out)) this.budget.charge(out.length);
      else if (isMap(out)) this.budget.charge(Object.keys(out).length);
      return out;
    } finally {
      this.budget.leave();
    }
  }

  private functionContext(): FunctionContext {
    return {
      scope: this.scope,
      budget: this.budget,
      renderTemplate: (text, vars) => {
        const parts = parseTemplateOrError(text);
        const inner = new Evaluator(text, { budget: this.budget, paths: this.scope.paths, readFile: this.scope.readFile, fileset: this.scope.fileset });
        inner.bound.push(new Map(Object.entries(vars)));
        inner.templateVariables = new Set(Object.keys(vars));
        return inner.template(parts, text);
      },
    };
  }

  /** Inside templatefile(): the only names a template may use. */
  private templateVariables?: Set<string>;

  // --- templates ---------------------------------------------------------------------------------------

  /** A template's value: one interpolation alone keeps its type; otherwise a string. */
  template(parts: TemplatePart[], source: string): Value {
    if (parts.length === 1 && typeof parts[0] !== 'string' && parts[0]!.kind === 'interp') {
      const v = this.value(parts[0]!.expr);
      return v instanceof Unknown ? new Unknown(`\${${parts[0]!.source}}`, v.reason) : v;
    }
    const out = { text: '', source: '', known: true, reason: undefined as string | undefined };
    this.render(parts, out);
    this.budget.chargeString(out.text);
    if (out.known) return out.text;
    return new Unknown(out.source || source, out.reason);
  }

  private render(parts: TemplatePart[], out: { text: string; source: string; known: boolean; reason?: string }): void {
    for (const part of parts) {
      if (typeof part === 'string') {
        out.text += part;
        out.source += part.replace(ESCAPABLE, escapeOne);
        continue;
      }
      if (part.kind === 'interp') {
        if (this.templateVariables) this.checkTemplateNames(part.expr);
        const v = this.value(part.expr);
        if (isUnknown(v)) {
          out.known = false;
          out.reason ??= unknownReason(v);
          out.source += `\${${part.source}}`;
          continue;
        }
        const s = templateString(v);
        out.text += s;
        out.source += s.replace(ESCAPABLE, escapeOne);
        continue;
      }
      if (part.kind === 'if') {
        const cond = this.value(part.cond);
        if (isUnknown(cond)) {
          out.known = false;
          out.reason ??= unknownReason(cond);
          continue;
        }
        if (cond === null) throw new EvalError('The condition value is null.');
        this.render((convert(cond, 'bool') as boolean) ? part.then : part.else, out);
        continue;
      }
      const collection = this.value(part.collection);
      if (isUnknown(collection)) {
        out.known = false;
        out.reason ??= unknownReason(collection);
        continue;
      }
      for (const [key, value] of this.iterate(collection)) {
        const frame = new Map<string, Value>();
        if (part.key) frame.set(part.key, key);
        frame.set(part.value, value);
        this.bound.push(frame);
        try {
          this.render(part.body, out);
        } finally {
          this.bound.pop();
        }
      }
    }
  }

  /** templatefile(): a name the vars map does not give is an error (the template has no other scope). */
  private checkTemplateNames(node: Node): void {
    let n = node;
    while (n.kind === 'attribute' || n.kind === 'index') n = n.target;
    if (n.kind !== 'name') return;
    if (!this.bound.some((f) => f.has(n.kind === 'name' ? n.name : ''))) throw new EvalError(`vars map does not contain key ${JSON.stringify(n.name)}`);
  }
}


