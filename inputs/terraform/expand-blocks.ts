import type { NodePath } from '../../model/types.js';
import { addressOf, type TerraformBlock } from './blocks.js';
import { CannotExpand, evaluate, evaluateExpression, expandBlock, instancesOf, isMap, toHclJson, Unknown, type Scope, type Value } from './eval/index.js';
import { readsType } from './resource-types.js';
import { POLICY_DOCUMENT_DATA } from './roles.js';

/**
 * Terraform's own expansion, over literals (inputs/terraform/eval/): each block becomes its count / for_each
 * instances (`NAME[0]`, `NAME["key"]`) with attributes evaluated and dynamic blocks expanded. A block that
 * cannot be expanded here is handed on marked `unexpandable` (the mapper skips it with a note). `scope` gains the
 * instance keys of these blocks, so `for_each = aws_x.y` iterates a declared resource's instances, and the
 * attributes they set, so `aws_x.y["k"].name` and `each.value.name` are the configured value (what only the
 * provider computes, such as `arn`, stays a reference).
 */
export function expandTerraformBlocks(blocks: readonly TerraformBlock[], scope: Scope): TerraformBlock[] {
  withBlocks(blocks, scope);
  return expandOnly(blocks, scope);
}

/** `scope` gains the instance keys and configured attributes of `blocks` (before anything is expanded in it). */
export function withBlocks(blocks: readonly TerraformBlock[], scope: Scope): void {
  const instanceKeys = new Map<string, (string | number)[] | null | undefined>();
  // The first block with each address, indexed once (a search per reference made large configurations quadratic).
  let byAddress: Map<string, TerraformBlock> | undefined;
  const blockAt = (address: string): TerraformBlock | undefined => {
    if (!byAddress) {
      byAddress = new Map();
      for (const b of blocks) if (!byAddress.has(addressOf(b))) byAddress.set(addressOf(b), b);
    }
    return byAddress.get(address);
  };
  scope.instances = (address) => {
    if (instanceKeys.has(address)) return instanceKeys.get(address);
    instanceKeys.set(address, undefined); // a block whose for_each iterates itself stays unknown
    const b = blockAt(address);
    let keys: (string | number)[] | null | undefined;
    if (b) {
      const meta = b.body.count !== undefined ? 'count' : b.body.for_each !== undefined ? 'for_each' : undefined;
      const made = meta ? instancesOf(meta, evaluate(b.body[meta], scope)) : null;
      keys = made === null ? null : Array.isArray(made) ? made.map((i) => i.key) : undefined;
    }
    instanceKeys.set(address, keys);
    return keys;
  };
  const evaluating = new Set<string>();
  scope.attribute = (address, name) => {
    const m = /^(.*?)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?$/.exec(address);
    const b = blocks.find((x) => addressOf(x) === m?.[1]);
    if (!b || META_ARGUMENTS.has(name) || !Object.hasOwn(b.body, name)) return undefined;
    const meta = b.body.count !== undefined ? 'count' : b.body.for_each !== undefined ? 'for_each' : undefined;
    let inner: Scope | undefined = scope;
    if (meta) {
      const made = instancesOf(meta, evaluate(b.body[meta], scope));
      const key = m?.[2] === undefined ? undefined : (JSON.parse(m[2].slice(1, -1)) as string | number);
      const instance = Array.isArray(made) ? made.find((i) => String(i.key) === String(key)) : undefined;
      inner = instance ? { ...scope, each: instance.each, count: instance.count } : undefined;
    }
    if (!inner) return undefined;
    const cycle = `${address} ${name}`;
    if (evaluating.has(cycle)) return new Unknown(`\${${address}.${name}}`, `${address}.${name} refers to itself`);
    evaluating.add(cycle);
    try {
      return evaluate(b.body[name], inner) as Value;
    } finally {
      evaluating.delete(cycle);
    }
  };
}

/** Each block as its instances, in a scope that withBlocks() prepared. */
export function expandOnly(blocks: readonly TerraformBlock[], scope: Scope): TerraformBlock[] {
  return blocks.flatMap((b): TerraformBlock[] => {
    // Only what the mapper reads is evaluated (others pass as written: an S3 bucket's for_each is not ours to expand).
    if (!readsType(b.mode, b.type) && !(b.mode === 'data' && (b.type.startsWith('aws_identitystore_') || b.type === POLICY_DOCUMENT_DATA))) return [b];
    try {
      return expandBlock(b.body, scope).map((instance) => ({
        ...b,
        name: b.name + instance.suffix,
        body: withPartialPolicies(instance.body, instance.scope) as Record<string, unknown>,
        locate: (path: NodePath) => b.locate(instance.written(path)),
      }));
    } catch (err) {
      // Handed on whole: the mapper notes it, and knows some application may have one more child then.
      if (err instanceof CannotExpand) return [{ ...b, unexpandable: { why: err.why, at: err.at } }];
      if (err instanceof RangeError) return [{ ...b, unexpandable: { why: 'it nests too deeply to read', at: [] } }];
      throw err;
    }
  });
}

/** Arguments of every block that are Terraform's, not the resource's. */
const META_ARGUMENTS = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection', 'dynamic']);

/** `${jsonencode(EXPR)}` as a whole value (EXPR is kept as written while any leaf of it is unknown). */
/** Most values a partially known policy may hold to be written out (a real policy holds a few dozen). */
const MAX_POLICY_NODES = 10_000;

/** Whether a value has at most `max` nodes, counting each use of a shared part (stops walking at the limit). */
function nodesWithin(value: unknown, max: number): boolean {
  const pending: unknown[] = [value];
  let count = 0;
  while (pending.length > 0) {
    const v = pending.pop();
    if (++count > max) return false;
    if (Array.isArray(v)) pending.push(...v);
    else if (isMap(v)) pending.push(...Object.values(v));
  }
  return true;
}

const JSONENCODE = /^\$\{\s*jsonencode\(([^]*)\)\s*\}$/;

/**
 * An IAM policy written `jsonencode({…})` with one unknown leaf (a `Condition` on `var.organization_id`) is
 * unknown as a whole to Terraform until it runs, but its known leaves are already what they will be: the policy
 * is handed on as the object EXPR evaluates to, unknown leaves in their `${…}` form, so the mapping keeps the
 * known parts and marks only the unknown ones.
 */
function withPartialPolicies(value: unknown, scope: Scope, key?: string): unknown {
  if (key === 'actor_policy' && typeof value === 'string') {
    const m = JSONENCODE.exec(value);
    if (!m) return value;
    const partial = evaluateExpression(m[1]!, scope);
    // The evaluator shares values, so a policy that doubles itself is small in memory but not when written out:
    // only a policy of a policy's size is written out (IAM caps a policy document at 10,240 characters).
    return isMap(partial) && nodesWithin(partial, MAX_POLICY_NODES) ? toHclJson(partial) : value;
  }
  if (Array.isArray(value)) return value.map((v) => withPartialPolicies(v, scope, key));
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, withPartialPolicies(v, scope, k)]));
  return value;
}
