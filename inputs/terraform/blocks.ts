/** The shape both Terraform readers hand to the mapping: blocks, their addresses, and the children a reader recovered. */
import type { PositionIndex } from '../../model/positions.js';
import type { NodePath, SourceLocation } from '../../model/types.js';
import type { RawInput } from '../raw-input.js';

type Obj = Record<string, unknown>;
type Note = NonNullable<RawInput['notes']>[number];

/** One `resource` or `data` block. */
export interface TerraformBlock {
  mode: 'resource' | 'data';
  type: string;
  /** The Terraform name (`resource "TYPE" "NAME"`), with the instance key of a count / for_each instance (`NAME["key"]`). */
  name: string;
  /** The address prefix of a block inside a module (`module.tip.`); references within the module carry it too. */
  module?: string;
  /** Why its count / for_each / dynamic blocks could not be expanded over literals, and where (the mapper skips it). */
  unexpandable?: { why: string; at: NodePath };
  body: Obj;
  /** Where the block is written. */
  loc: SourceLocation;
  /** Where an attribute, block or element below the body is written (its key, and its value). */
  locate(path: NodePath): { key?: SourceLocation; value?: SourceLocation } | undefined;
}

/**
 * A grant or authentication method that a reader recovered from something other than a native resource
 * (tipkit's synthesized form in Terraform JSON), already in tipkit.yaml shape. `application` is a Terraform
 * expression (a reference to an aws_ssoadmin_application, or an ARN); `origin` locates the parts.
 */
export interface ExtraChild {
  section: 'Grants' | 'AuthenticationMethods' | 'AccessScopes' | 'Assignments';
  application: string;
  applicationLoc?: SourceLocation;
  value: Obj;
  loc: SourceLocation;
  /** Locations of parts of `value`, by path inside it. */
  locate?(path: NodePath): SourceLocation | undefined;
}

export interface TerraformMappingOptions {
  positions: PositionIndex;
  notes?: Note[];
  /** `locals` values, for `${local.NAME}` (only literal ones are used). */
  locals?: Obj;
  extra?: ExtraChild[];
  /** Why values written as `${…}` are unknown, by their written form, where the evaluator knows more (a type error, a budget). */
  reasons?: ReadonlyMap<string, string>;
}

/** `[module.M[KEY].]…[data.]TYPE.NAME[KEY].ATTRIBUTE`: the address of a block (with instance keys), and the attribute. */
export const REFERENCE = /^((?:module\.[\w-]+(?:\[(?:"[^"]*"|\d+)\])?\.)*(?:data\.)?[a-zA-Z_][\w-]*\.[a-zA-Z_][\w-]*(?:\[(?:"[^"]*"|\d+)\])?)\.([a-zA-Z_][\w-]*)$/;

/** A block's address, as references write it. */
export const addressOf = (b: TerraformBlock): string => `${b.module ?? ''}${b.mode === 'data' ? 'data.' : ''}${b.type}.${b.name}`;
