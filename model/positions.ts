/**
 * Where each node of a RawConfig came from. Loaders record the location of every value (and of every
 * map key) by pointer; locate() answers with the nearest recorded ancestor, so a finding about a missing
 * member still points at the object that lacks it.
 */
import type { NodePath, SourceLocation } from './node-path.js';

const escapeSegment = (segment: string | number): string => {
  const s = String(segment);
  return s.includes('~') || s.includes('/') ? s.replace(/~/g, '~0').replace(/\//g, '~1') : s;
};

export function pointerKey(path: NodePath): string {
  return path.map(escapeSegment).join('/');
}

/** pointerKey([...parent, segment]) from the parent's key and length, without rebuilding the whole path (loaders walk big trees). */
export function childPointerKey(parentKey: string, parentLength: number, segment: string | number): string {
  return parentLength === 0 ? escapeSegment(segment) : `${parentKey}/${escapeSegment(segment)}`;
}

export class PositionIndex {
  private readonly values = new Map<string, SourceLocation>();
  private readonly keys = new Map<string, SourceLocation>();
  /** Source text by file, for carets in text output and suppression comments. */
  readonly texts = new Map<string, string>();
  /** YAML local tags by pointer key (`!Ref`, `!GetAtt` in a CloudFormation template), without the `!`. */
  readonly tags = new Map<string, string>();

  /** The local tag written on the value at `path` (`Ref` for `!Ref X`), if any. */
  tagAt(path: NodePath): string | undefined {
    return this.tags.get(pointerKey(path));
  }

  constructor(readonly defaultFile: string) {}

  setValue(path: NodePath, loc: SourceLocation): void {
    this.values.set(pointerKey(path), loc);
  }

  setKey(path: NodePath, loc: SourceLocation): void {
    this.keys.set(pointerKey(path), loc);
  }

  /** setValue() by a key from pointerKey() / childPointerKey(). */
  setValueAt(key: string, loc: SourceLocation): void {
    this.values.set(key, loc);
  }

  /** setKey() by a key from pointerKey() / childPointerKey(). */
  setKeyAt(key: string, loc: SourceLocation): void {
    this.keys.set(key, loc);
  }

  /** Location of the value at `path`, else of its nearest located ancestor, else the file itself. */
  locate(path: NodePath): SourceLocation {
    for (let n = path.length; n >= 0; n--) {
      const hit = this.values.get(pointerKey(path.slice(0, n)));
      if (hit) return hit;
    }
    return { file: this.defaultFile, line: 1, column: 1 };
  }

  /** Location of the key naming `path` (for unknown keys), else of the value. */
  locateKey(path: NodePath): SourceLocation {
    return this.keys.get(pointerKey(path)) ?? this.locate(path);
  }

  /** Merge another index (multi-file inputs such as a TypeScript project), re-rooting its paths. */
  absorb(other: PositionIndex, from: NodePath, to: NodePath): void {
    const fromKey = pointerKey(from);
    const rebase = (k: string): string | undefined => {
      if (fromKey !== '' && k !== fromKey && !k.startsWith(fromKey + '/')) return undefined;
      const rest = fromKey === '' ? k : k.slice(fromKey.length).replace(/^\//, '');
      const base = pointerKey(to);
      return rest ? (base ? `${base}/${rest}` : rest) : base;
    };
    for (const [k, v] of other.values) {
      const nk = rebase(k);
      if (nk !== undefined) this.values.set(nk, v);
    }
    for (const [k, v] of other.keys) {
      const nk = rebase(k);
      if (nk !== undefined) this.keys.set(nk, v);
    }
    for (const [f, t] of other.texts) this.texts.set(f, t);
  }

  get size(): number {
    return this.values.size;
  }
}
