/** What the static TypeScript reader reads: values with where each part was written, and the construct declarations it finds. */
import type { Node as TsNode } from 'ts-morph';
import type { SourceLocation } from '../../model/types.js';
import type { RawInput } from '../raw-input.js';
export type TsMorph = typeof import('ts-morph');
export type Note = NonNullable<RawInput['notes']>[number];
export type Obj = Record<string, unknown>;

export const CONSTRUCT_CLASSES = [
  'IdentityCenterApplication',
  'TrustedTokenIssuer',
  'ApplicationGrant',
  'ApplicationAccessScope',
  'ApplicationAuthenticationMethod',
] as const;
export type ConstructClass = (typeof CONSTRUCT_CLASSES)[number];

/** The prop that says which resource a construct is; without it the construct is not read. */
export const IDENTIFYING_PROP: Record<ConstructClass, string> = {
  IdentityCenterApplication: 'name',
  TrustedTokenIssuer: 'name',
  ApplicationGrant: 'grantType',
  ApplicationAccessScope: 'scope',
  ApplicationAuthenticationMethod: 'authenticationMethod',
};

/** Construct attributes that stand for the construct itself when used as a reference (`app.applicationArn`). */
export const REFERENCE_ATTRIBUTES = new Set(['applicationArn', 'applicationName', 'trustedTokenIssuerArn', 'issuerName', 'arn', 'name', 'id']);

/** A value read from the source, with where each part of it was written. */
export type Val =
  | {
      kind: 'primitive';
      value: string | number | boolean | null;
      loc: SourceLocation;
      /** A Terraform expression in hcl2json form (`${each.value}` of a TerraformIterator): only a provider binding can use it. */
      terraform?: true;
    }
  | { kind: 'object'; members: Member[]; loc: SourceLocation; skipped?: string[] }
  | { kind: 'array'; items: Val[]; loc: SourceLocation; /** Elements that could not be read (unknown, not missing). */ unknownItems?: number }
  | { kind: 'construct'; decl: ConstructDecl; loc: SourceLocation; /** `issuer.arn`: the attribute read off a provider binding. */ attribute?: string };
export interface Member {
  key: string;
  keyLoc: SourceLocation;
  val: Val;
}

export interface ConstructDecl {
  /** A tipkit construct class, or the provider binding's class name (then `tfType` is set). */
  cls: ConstructClass;
  /** The Terraform resource type of a provider binding (`aws_ssoadmin_application`). */
  tfType?: string;
  /** The CloudFormation type of an AWS CDK `Cfn*` class (`AWS::SSO::Application`): read as that template resource. */
  cfnType?: string;
  node: TsNode;
  loc: SourceLocation;
  /** The props object, read lazily (it may reference other constructs). */
  props?: Val;
  propsRead: boolean;
}

/** Max depth of const-following and nesting, so a cyclic or absurd file cannot hang the reader. */
export const MAX_DEPTH = 64;

export const SKIP: unique symbol = Symbol('skip');
export const pascal = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);
export const abbreviate = (s: string): string => {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
};

export const JSON_ENCODERS = new Set(['JSON.stringify', 'Fn.jsonencode', 'cdktf.Fn.jsonencode']);

export const UNREAD_VALUE: unique symbol = Symbol('unread');

/** A read value as plain JSON; UNREAD_VALUE when any part of it is a reference or could not be read. */
export function plainValue(val: Val): unknown {
  switch (val.kind) {
    case 'primitive':
      return val.terraform ? UNREAD_VALUE : val.value;
    case 'construct':
      return UNREAD_VALUE;
    case 'array': {
      if (val.unknownItems) return UNREAD_VALUE;
      const out = val.items.map(plainValue);
      return out.includes(UNREAD_VALUE) ? UNREAD_VALUE : out;
    }
    case 'object': {
      if (val.skipped?.length) return UNREAD_VALUE;
      const out: Obj = {};
      for (const m of val.members) {
        const v = plainValue(m.val);
        if (v === UNREAD_VALUE) return UNREAD_VALUE;
        out[m.key] = v;
      }
      return out;
    }
  }
}
