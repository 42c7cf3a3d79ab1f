import type { NodePath } from '../../model/types.js';
import { addressOf, type TerraformBlock } from './blocks.js';
import { CannotExpand, evaluate, expandBlock, instancesOf, Unknown, type Scope, type Value } from './eval/index.js';
import { readsType } from './resource-types.js';

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
  scope.instances = (address) => {
    if (instanceKeys.has(address)) return instanceKeys.get(address);
    instanceKeys.set(address, undefined); // a block whose for_each iterates itself stays unknown
    const b = blocks.find((x) => addressOf(x) === address);
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
    if (!readsType(b.mode, b.type) && !(b.mode === 'data' && b.type.startsWith('aws_identitystore_'))) return [b];
    try {
      return expandBlock(b.body, scope).map((instance) => ({
        ...b,
        name: b.name + instance.suffix,
        body: instance.body,
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
