/** count / for_each instances and dynamic blocks: a block body evaluated once per instance it makes. */
import type { NodePath } from '../../../model/types.js';
import { budgetMessage, isBudgetReason, LIMITS, PAST_BUDGET } from './budget.js';
import { evaluate } from './evaluate.js';
import { instanceSuffix, isKnown, isMap, isSet, toHclJson, Unknown, type Iteration, type Scope, type Value } from './values.js';

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
    if (typeof value === 'number' && Number.isInteger(value) && value > LIMITS.instances) return { why: budgetMessage('instances') };
    if (typeof value === 'number' && Number.isInteger(value) && value >= 0) return Array.from({ length: value }, (_, i) => ({ key: i, count: i }));
    return { why: unknownWhy(value) ?? 'it is not a whole number' };
  }
  if ((isMap(value) && Object.keys(value).length > LIMITS.instances) || (Array.isArray(value) && value.length > LIMITS.instances)) return { why: budgetMessage('instances') };
  if (isMap(value)) return Object.keys(value).sort().map((k) => ({ key: k, each: { key: k, value: value[k]! } }));
  if (Array.isArray(value) && isSet(value)) return value.map((v) => ({ key: String(v), each: { key: v, value: v } }));
  if (Array.isArray(value)) return { why: 'Terraform takes a map or a set of strings here, not a list (wrap it in toset())' };
  return { why: unknownWhy(value) ?? 'it is not a map or a set' };
}

/** Why an unknown count / for_each is unknown: the evaluator's reason (a budget, an error), else that Terraform computes it. */
function unknownWhy(value: Value): string | undefined {
  if (!(value instanceof Unknown)) return undefined;
  if (!value.reason) return `\`${value.source}\` is only known when Terraform runs`;
  return `\`${value.source}\`: ${isBudgetReason(value.reason) ? PAST_BUDGET : value.reason}`;
}


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
  if (typeof value === 'string') {
    const v = evaluate(value, scope);
    if (scope.reasons) recordReasons(v, scope.reasons);
    return toHclJson(v);
  }
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
  if ((isMap(value) && Object.keys(value).length > LIMITS.instances) || (Array.isArray(value) && value.length > LIMITS.instances)) return { why: budgetMessage('instances') };
  if (Array.isArray(value)) return value.map((v, i) => ({ key: isSet(value) ? v : i, value: v }));
  if (isMap(value)) return Object.keys(value).sort().map((k) => ({ key: k, value: value[k]! }));
  return { why: unknownWhy(value) ?? 'it is not a collection' };
}

/** `iterator = name` (hcl2json writes the bare name as `${name}`). */
function iteratorName(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const m = /^(?:\$\{\s*)?([A-Za-z_][\w-]*)(?:\s*\})?$/.exec(v);
  return m?.[1];
}

/** The reasons of the unknowns in a value, by the source they are written back as (the mapper's notes use them). */
function recordReasons(v: Value, into: Map<string, string>): void {
  if (isKnown(v)) return;
  if (v instanceof Unknown) {
    if (v.reason) into.set(v.source, isBudgetReason(v.reason) ? PAST_BUDGET : v.reason);
  } else if (Array.isArray(v)) for (const x of v) recordReasons(x, into);
  else if (isMap(v)) for (const x of Object.values(v)) recordReasons(x, into);
}
