/**
 * Variable type constraints (`map(object({ name = string, enabled = optional(bool, true) }))`) and the
 * value a variable has under one: the given value, else its default, with `optional()` defaults applied and
 * converted to the type, as Terraform does before the configuration sees it.
 */
import { Evaluator } from './evaluate.js';
import { parseExpression, SyntaxError_, type Node } from './syntax.js';
import { convert, EvalError, type ObjectExtras, type Type } from './types.js';
import { isUnknown, Unknown, type Value } from './values.js';

/** A type constraint's source (`map(string)`, or hcl2json's `${map(string)}`) → its Type; undefined when unreadable. */
export function parseTypeConstraint(source: string): Type | undefined {
  const text = /^\$\{([^]*)\}$/.exec(source.trim())?.[1] ?? source;
  try {
    return typeOfNode(parseExpression(text), text);
  } catch (err) {
    if (err instanceof SyntaxError_ || err instanceof EvalError) return undefined;
    throw err;
  }
}

function typeOfNode(node: Node, source: string): Type {
  if (node.kind === 'name') {
    if (node.name === 'string' || node.name === 'number' || node.name === 'bool') return node.name;
    if (node.name === 'any') return 'dynamic';
    if (node.name === 'list' || node.name === 'set' || node.name === 'map') return [node.name, 'dynamic'];
    throw new EvalError(`unknown type ${node.name}`);
  }
  if (node.kind !== 'call') throw new EvalError('not a type');
  const [arg, second] = node.args;
  switch (node.name) {
    case 'list':
    case 'set':
    case 'map':
      if (!arg || second) throw new EvalError(`${node.name}() takes one type`);
      return [node.name, typeOfNode(arg, source)];
    case 'tuple':
      if (arg?.kind !== 'tuple') throw new EvalError('tuple() takes a list of types');
      return ['tuple', arg.items.map((n) => typeOfNode(n, source))];
    case 'object': {
      if (arg?.kind !== 'object') throw new EvalError('object() takes an object of types');
      const attrs: Record<string, Type> = {};
      const extras: ObjectExtras = { optional: new Set(), defaults: new Map() };
      for (const m of arg.members) {
        if (m.key.kind !== 'literal' || typeof m.key.value !== 'string') throw new EvalError('attribute names are names');
        const name = m.key.value;
        if (m.value.kind === 'call' && m.value.name === 'optional') {
          const [t, fallback] = m.value.args;
          if (!t) throw new EvalError('optional() takes a type');
          attrs[name] = typeOfNode(t, source);
          extras.optional.add(name);
          if (fallback) {
            const v = new Evaluator(source, {}).top(fallback);
            if (isUnknown(v)) throw new EvalError('a default must be a literal');
            extras.defaults.set(name, convert(v, attrs[name]!));
          }
        } else attrs[name] = typeOfNode(m.value, source);
      }
      return extras.optional.size ? ['object', attrs, extras] : ['object', attrs];
    }
  }
  throw new EvalError(`unknown type ${node.name}()`);
}

export interface VariableDeclaration {
  /** The `type` argument's source, if any. */
  type?: string;
  /** The default, already a value (undefined: none). */
  default?: Value;
  nullable?: boolean;
}

/**
 * A variable's value: `given` (a module input, `--var`, `--var-file`) or else its default, under its type
 * constraint. Unknown when neither is known, or when the value does not convert (Terraform would stop with
 * an error; tipkit says why).
 */
export function variableValue(name: string, decl: VariableDeclaration, given?: Value): Value {
  const raw = given !== undefined ? given : decl.default;
  if (raw === undefined) return new Unknown(`\${var.${name}}`);
  if (raw === null && decl.nullable === false) return new Unknown(`\${var.${name}}`, `variable "${name}" must not be null`);
  if (decl.type === undefined) return raw;
  const type = parseTypeConstraint(decl.type);
  if (type === undefined) return new Unknown(`\${var.${name}}`, `the type constraint of variable "${name}" is not one tipkit reads`);
  try {
    return convert(raw, type);
  } catch (err) {
    if (err instanceof EvalError) return new Unknown(`\${var.${name}}`, `variable "${name}": ${err.message}`);
    throw err;
  }
}
