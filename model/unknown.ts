/**
 * Where a static reader met a value it could not know (a `var.x`, a data source, a skipped list element, a
 * construct's computed attribute): "unknown, not missing". A reader records each such place as a hole (a
 * pointer into the RawConfig; `'*'` stands for any one segment, for "some application's grant"); the model
 * answers two questions from them, and every rule asks before calling something missing or wrong.
 */
import type { NodePath } from './node-path.js';

/** Any one segment in a hole's path (a child resource whose application could not be read). */
export const ANY_SEGMENT = '*';

export class UnknownValues {
  private readonly holes: readonly NodePath[];

  constructor(holes: readonly NodePath[] = []) {
    this.holes = holes;
  }

  /** No hole at all: every value of the input was read. */
  get none(): boolean {
    return this.holes.length === 0;
  }

  /**
   * The value at `path` is unknown: a hole is at it or above it (an unknown object's members are unknown too).
   * A hole ending in `'*'` ("some application has one more grant") makes no grant that was read unknown.
   */
  isUnknown(path: NodePath): boolean {
    return this.holes.some((hole) => hole.length <= path.length && matches(hole, path, hole.length));
  }

  /**
   * Some part of the value at `path` is unknown: a hole is at, above or below it. A list with an unknown
   * element has unknown parts (and at least one element); an object with an unreadable member has too. A `'*'`
   * in `path` asks about any one segment ("does any grant have an unknown GrantType?").
   */
  hasUnknownParts(path: NodePath): boolean {
    return this.holes.some((hole) => matches(hole, path, Math.min(hole.length, path.length)));
  }

  /**
   * The unknown parts of the value at `path`, as paths relative to it; `'all'` when the value itself is unknown
   * (a hole at or above it). For a rule that can still read a value whose unknown parts do not matter to it.
   */
  unknownPartsOf(path: NodePath): NodePath[] | 'all' {
    const parts: NodePath[] = [];
    for (const hole of this.holes) {
      if (!matches(hole, path, Math.min(hole.length, path.length))) continue;
      if (hole.length <= path.length) return 'all';
      parts.push(hole.slice(path.length));
    }
    return parts;
  }

  /** The holes, for a reader that hands them on (merging inputs). */
  get paths(): readonly NodePath[] {
    return this.holes;
  }
}

/**
 * The first `length` segments of a hole and a path match. A `'*'` in the path matches anything. A `'*'` in the
 * hole is "which one is unknown" inside it (matches any segment), but as its last segment it is "one more,
 * unknown, element": it matches no element that was read, only a `'*'` of the path.
 */
function matches(hole: NodePath, path: NodePath, length: number): boolean {
  for (let i = 0; i < length; i++) {
    const h = hole[i];
    const p = path[i];
    if (p === ANY_SEGMENT || h === p) continue;
    if (h === ANY_SEGMENT && i < hole.length - 1) continue;
    return false;
  }
  return true;
}
