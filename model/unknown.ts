/**
 * Where a static reader met a value it could not know (a `var.x`, a data source, a skipped list element, a
 * construct's computed attribute): "unknown, not missing". A reader records each such place as a hole (a
 * pointer into the RawConfig; `'*'` stands for any one segment, for "some application's grant"); the model
 * answers two questions from them, and every rule asks before calling something missing or wrong.
 */
import type { NodePath } from './types.js';

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
   * A `'*'` hole ("some application has one more grant") makes no particular value unknown.
   */
  isUnknown(path: NodePath): boolean {
    return this.holes.some((hole) => hole.length <= path.length && !hole.includes(ANY_SEGMENT) && prefixMatches(hole, path));
  }

  /**
   * Some part of the value at `path` is unknown: a hole is at, above or below it. A list with an unknown
   * element has unknown parts (and at least one element); an object with an unreadable member has too.
   */
  hasUnknownParts(path: NodePath): boolean {
    return this.holes.some((hole) => (hole.length <= path.length ? prefixMatches(hole, path) : prefixMatches(path, hole)));
  }

  /** The holes, for a reader that hands them on (merging inputs). */
  get paths(): readonly NodePath[] {
    return this.holes;
  }
}

/** `short` is a prefix of `long`, `'*'` in either matching any one segment. */
function prefixMatches(short: NodePath, long: NodePath): boolean {
  for (let i = 0; i < short.length; i++) {
    const a = short[i];
    const b = long[i];
    if (a !== ANY_SEGMENT && b !== ANY_SEGMENT && a !== b) return false;
  }
  return true;
}
