/**
 * The static TypeScript reader's limits. A file in a pull request can build huge values from a few lines
 * (`const a2 = [...a1, ...a1]` doubles at each line); past a limit the value is unknown with one note naming
 * the limit, so linting any input under the size limit finishes in seconds with bounded memory. The limits
 * are far above what real apps hold (2,000 applications, each with a grant, a scope, an IAM method and an
 * assignment, read about 135,000 values in all; one actor policy is a few dozen) and are documented in docs/cdktf.md.
 */
import { MAX_DEPTH, type Val } from './values.js';

export const TS_LIMITS = {
  /** Values one value may hold (itself, its elements and members, all the way down; strings count one per 100 characters). */
  valueNodes: 100_000,
  /** Values read in all, for one file set: every expression evaluated, every element copied, every value handed to the mapping. */
  totalNodes: 1_000_000,
  /** Characters of one string built from constants (templates, `+`, JSON encoding). */
  stringLength: 1_000_000,
  /** Nesting of one value (objects in arrays in objects …). */
  depth: MAX_DEPTH,
  /** Expressions inside expressions, consts followed to other consts (keeps the reader's recursion off the end of the call stack). */
  evaluationDepth: 256,
} as const;

/** How big a value is: nodes in its expanded tree and its nesting height, memoized on the shared parts (values are DAGs). */
interface Measure {
  size: number;
  height: number;
}

export class ValueBudget {
  /** Values read so far (see TS_LIMITS.totalNodes). */
  spent = 0;
  private readonly measured = new WeakMap<object, Measure>();

  /** Spend `n` of the total; false once the total is spent (the caller makes the value unknown). */
  charge(n: number): boolean {
    this.spent += n;
    return this.spent <= TS_LIMITS.totalNodes;
  }

  get exhausted(): boolean {
    return this.spent > TS_LIMITS.totalNodes;
  }

  measure(val: Val): Measure {
    switch (val.kind) {
      case 'primitive':
        return { size: 1 + (typeof val.value === 'string' ? Math.floor(val.value.length / 100) : 0), height: 0 };
      case 'construct':
        return { size: 1, height: 0 };
      case 'array':
        return this.measureParts(val.items, val.items.length, (i) => val.items[i]!);
      case 'object':
        return this.measureParts(val.members, val.members.length, (i) => val.members[i]!.val);
    }
  }

  private measureParts(key: object, count: number, part: (i: number) => Val): Measure {
    const known = this.measured.get(key);
    if (known) return known;
    let size = 1;
    let height = 0;
    for (let i = 0; i < count; i++) {
      const m = this.measure(part(i));
      size += m.size;
      if (m.height + 1 > height) height = m.height + 1;
    }
    const out = { size, height };
    this.measured.set(key, out);
    return out;
  }
}
