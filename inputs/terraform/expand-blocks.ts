import type { NodePath } from '../../model/types.js';
import { addressOf, type TerraformBlock } from './blocks.js';
import { CannotExpand, evaluate, expandBlock, instancesOf, type Scope } from './eval/index.js';
import { readsType } from './resource-types.js';

/**
 * Terraform's own expansion, over literals (inputs/terraform/eval/): each block becomes its count / for_each
 * instances (`NAME[0]`, `NAME["key"]`) with attributes evaluated and dynamic blocks expanded. A block that
 * cannot be expanded here is handed on marked `unexpandable` (the mapper skips it with a note). `scope` gains the
 * instance keys of these blocks, so `for_each = aws_x.y` iterates a declared resource's instances.
 */
export function expandTerraformBlocks(blocks: readonly TerraformBlock[], scope: Scope): TerraformBlock[] {
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
