/**
 * What every tipkit construct records about itself so collectConfig() and the TipkitChecks aspect can see
 * it: its kind, its props as given, its suppressions, and the source line that created it.
 */
import { fileURLToPath } from 'node:url';
import { dirname, sep } from 'node:path';
import type { IConstruct } from 'constructs';
import type { TerraformElement } from './cdk.js';
import type { SourceLocation } from '../model/types.js';
import type { SuppressionProps } from './props.js';

export type TipkitKind = 'application' | 'trustedTokenIssuer' | 'grant' | 'accessScope' | 'authenticationMethod';

export interface TipkitRecord {
  kind: TipkitKind;
  /** The props the construct was created with (references still as constructs or ARN strings). */
  props: object;
  suppressions: readonly SuppressionProps[];
  /** Where user code created the construct, when the stack trace says so. */
  site?: SourceLocation;
}

/** Symbol.for, so records survive two copies of tipkit in one process (src in tests, dist in apps). */
export const TIPKIT_RECORD: unique symbol = Symbol.for('tipkit.construct') as never;

export interface TipkitConstruct extends IConstruct {
  readonly [TIPKIT_RECORD]: TipkitRecord;
}

export function recordOf(c: IConstruct): TipkitRecord | undefined {
  return (c as Partial<TipkitConstruct>)[TIPKIT_RECORD];
}

export function attachRecord(c: IConstruct, kind: TipkitKind, props: object & { suppressions?: readonly SuppressionProps[] }): void {
  const record: TipkitRecord = { kind, props, suppressions: props.suppressions ?? [], site: creationSite() };
  Object.defineProperty(c, TIPKIT_RECORD, { value: record, enumerable: false });
}

/**
 * Write a construct's suppressions into its Terraform resource's `//` comment block (Terraform ignores it), so
 * `tipkit lint` on the synthesized JSON honours them as the synth-time aspect does.
 */
export function writeSuppressions(resource: TerraformElement, suppressions: readonly SuppressionProps[] | undefined): void {
  if (suppressions?.length) resource.addOverride('//.tipkit.suppressions', suppressions.map((s) => ({ id: s.id, reason: s.reason })));
}

const ownDir = dirname(fileURLToPath(import.meta.url)) + sep;

/**
 * The first stack frame outside tipkit's constructs and the construct libraries: the user's `new …(…)`.
 * Findings of the synth-time aspect point there.
 */
export function creationSite(): SourceLocation | undefined {
  const stack = new Error().stack ?? '';
  for (const line of stack.split('\n').slice(1)) {
    const m = /\(?((?:file:\/\/)?[^\s()]+):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith('file://')) file = fileURLToPath(file);
    if (file.startsWith(ownDir) || file.startsWith('node:') || file.includes(`${sep}node_modules${sep}`)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}
