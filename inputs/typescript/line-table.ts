/**
 * Line and column of a position, by binary search in a table of line starts made once per file. (ts-morph's
 * getLineAndColumnAtPos counts newlines from the start of the file at every call, which made reading a file
 * quadratic in its length: every value read is located.) Same answers as ts-morph: lines count `\n`, columns
 * count from the last `\n` or `\r`, both 1-based.
 */
export class LineTable {
  /** Offsets just after each `\n`. */
  private readonly lineStarts: number[] = [0];
  /** Offsets just after each `\n` or `\r` (where columns restart). */
  private readonly columnStarts: number[] = [0];

  constructor(text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.lineStarts.push(i + 1);
      if (c === 10 || c === 13) this.columnStarts.push(i + 1);
    }
  }

  at(pos: number): { line: number; column: number } {
    return { line: lastAtOrBefore(this.lineStarts, pos) + 1, column: pos - this.columnStarts[lastAtOrBefore(this.columnStarts, pos)]! + 1 };
  }
}

/** The index of the last element ≤ pos in an ascending array whose first element is 0. */
function lastAtOrBefore(sorted: number[], pos: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= pos) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
