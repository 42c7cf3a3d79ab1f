/** What every reader hands to the shared part of loading, and what loading hands back. */
import type { ManagedApplicationInput, RoleUsageInput } from '../model/build.js';
import type { PositionIndex } from '../model/positions.js';
import type { SchemaViolation } from '../model/schema.js';
import type { ConstructSuppression, NodePath, RawConfig, TipModel } from '../model/types.js';

/** Named JSON/YAML files that are not tipkit configs but are read for what they are (foreign.ts). */
export type ForeignKind = 'request' | 'cloudformation';

export type InputKind = 'config' | 'tfjson' | 'typescript' | 'hcl' | 'plan' | ForeignKind;

export interface LoadedConfig {
  kind: InputKind;
  model: TipModel;
  /** Schema violations (the linter reports them as findings; synth and simulate refuse the file). */
  violations: SchemaViolation[];
  /** Things a reader skipped rather than guessed (unresolvable TypeScript arguments, …). */
  notes: { message: string; file: string; line: number; column: number }[];
}

/** What a reader hands to the shared part of loading. */
export interface RawInput {
  raw: RawConfig;
  positions: PositionIndex;
  suppressions?: ConstructSuppression[];
  notes?: LoadedConfig['notes'];
  /**
   * Places the reader could not read (a `var.x`, a value only known at run time). The value there is
   * unknown, not missing: schema violations at or under a hole are dropped, the note already says why.
   */
  holes?: NodePath[];
  /** AWS-managed applications (Terraform readers; see ManagedApplicationNode). */
  managedApplications?: ManagedApplicationInput[];
  /** What to call each application whose Name is unknown (its Terraform address, its logical id), by index. */
  applicationLabels?: (string | undefined)[];
  /** Roles integrated services assume with identity context (Terraform and CloudFormation readers). */
  roleUsages?: RoleUsageInput[];
}
