/** Where a value sits in a RawConfig, and where it was written: the two coordinates every finding carries. */

/** A JSON-pointer-like path into a RawConfig: ['applications', 0, 'Grants', 1, 'Grant']. */
export type PathSegment = string | number;
export type NodePath = readonly PathSegment[];

export interface SourceLocation {
  file: string;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
  endLine?: number;
  endColumn?: number;
}
