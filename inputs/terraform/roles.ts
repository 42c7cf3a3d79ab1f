/**
 * IAM roles in Terraform (spec §9): `aws_iam_role` → a `roles:` entry, with its `assume_role_policy` as a literal
 * JSON string, `jsonencode({…})` of literals, or a reference to a `data "aws_iam_policy_document"` (rebuilt here as
 * the JSON policy Terraform renders); `inline_policy` blocks become `Policies`. Resources of integrated services
 * that assume a role with identity context (an S3 Access Grants location, a Transfer Family web app, a Q Business
 * web experience) mark the role they name. What cannot be read is skipped with a note and marked unknown, never
 * guessed. Kept apart from mapping.ts, which hands it its resolver.
 */
import { IDENTITY_CONTEXT_SERVICES, isObject, type RoleUsageInput } from '../../model/build.js';
import type { PositionIndex } from '../../model/positions.js';
import type { NodePath, SourceLocation } from '../../model/types.js';
import { addressOf, type TerraformBlock } from './blocks.js';

type Obj = Record<string, unknown>;

export const ROLE_TYPE = 'aws_iam_role';
export const POLICY_DOCUMENT_DATA = 'aws_iam_policy_document';

/** Where a resource names the role its service assumes with identity context (through single nested blocks). */
export const ROLE_USAGES: readonly { type: string; path: readonly string[]; service: string }[] = [
  { type: 'aws_s3control_access_grants_location', path: ['iam_role_arn'], service: IDENTITY_CONTEXT_SERVICES.s3AccessGrants },
  { type: 'aws_transfer_web_app', path: ['identity_provider_details', 'identity_center_config', 'role'], service: IDENTITY_CONTEXT_SERVICES.transferWebApp },
  { type: 'awscc_transfer_web_app', path: ['identity_provider_details', 'identity_center_config', 'role'], service: IDENTITY_CONTEXT_SERVICES.transferWebApp },
  { type: 'awscc_qbusiness_web_experience', path: ['role_arn'], service: IDENTITY_CONTEXT_SERVICES.qBusinessWebExperience },
];

/** The resource and data types this file reads (the expansion evaluates them; the unread-type note skips them). */
export const ROLE_RESOURCE_TYPES: ReadonlySet<string> = new Set([ROLE_TYPE, ...ROLE_USAGES.map((u) => u.type)]);

export type Resolved = { kind: 'literal'; value: unknown } | { kind: 'ref'; block: TerraformBlock; attribute: string } | { kind: 'unresolved'; why: string };

/** What the Terraform mapper lends this file. */
export interface RoleMappingHost {
  resolve(value: unknown): Resolved;
  /** Whether the block is one instance that can be read (else the host has noted why). */
  single(b: TerraformBlock): boolean;
  note(loc: SourceLocation, message: string): void;
  /** A RawConfig place whose value is unknown (see RawInput.holes). */
  hole(path: NodePath): void;
  positions: PositionIndex;
}

class Unreadable extends Error {}

const first = (v: unknown): Obj | undefined => (Array.isArray(v) ? (isObject(v[0]) ? v[0] : undefined) : isObject(v) ? v : undefined);
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

export function mapRoles(blocks: readonly TerraformBlock[], host: RoleMappingHost): { roles: Obj[]; usages: RoleUsageInput[] } {
  const literal = (v: unknown, what: string): unknown => {
    const r = host.resolve(v);
    if (r.kind === 'literal') return r.value;
    throw new Unreadable(r.kind === 'ref' ? `${what} (\`${String(v)}\`) is only known after apply` : `${what}: ${r.why}`);
  };
  const literalString = (v: unknown, what: string): string => {
    const s = literal(v, what);
    if (typeof s !== 'string') throw new Unreadable(`${what} is not a string`);
    return s;
  };

  /** A policy document attribute: JSON text (a literal or jsonencode of literals) or a policy document data source. */
  const policy = (v: unknown, what: string): Obj => {
    const r = host.resolve(v);
    if (r.kind === 'ref' && r.block.mode === 'data' && r.block.type === POLICY_DOCUMENT_DATA && r.attribute === 'json') return policyDocument(r.block, literal, literalString);
    if (r.kind === 'ref') throw new Unreadable(`${what} (\`${String(v)}\`) is only known after apply`);
    if (r.kind === 'unresolved') throw new Unreadable(`${what}: ${r.why}`);
    if (isObject(r.value)) return r.value;
    if (typeof r.value !== 'string') throw new Unreadable(`${what} is not a policy document`);
    try {
      const parsed: unknown = JSON.parse(r.value);
      if (isObject(parsed)) return parsed;
    } catch {
      // reported below
    }
    throw new Unreadable(`${what} is not a JSON policy document`);
  };

  const roles: Obj[] = [];
  const byAddress = new Map<string, string>();
  for (const b of blocks) {
    if (b.mode !== 'resource' || b.type !== ROLE_TYPE || !host.single(b)) continue;
    const path: NodePath = ['roles', roles.length];
    host.positions.setValue(path, b.loc);
    const role: Obj = {};
    const read = (attr: string, key: string, make: (v: unknown) => unknown): void => {
      if (b.body[attr] === undefined) return;
      const at = b.locate([attr]);
      try {
        role[key] = make(b.body[attr]);
        if (at?.value) host.positions.setValue([...path, key], at.value);
        if (at?.key) host.positions.setKey([...path, key], at.key);
      } catch (err) {
        if (!(err instanceof Unreadable)) throw err;
        host.note(at?.key ?? b.loc, `skipped ${addressOf(b)}.${attr}: ${err.message}`);
        host.hole([...path, key]);
      }
    };
    // Without `name` AWS makes one up; the Terraform name stands for it.
    role.RoleName = b.name.replace(/[^\w+=,.@-]/g, '_').slice(0, 64);
    read('name', 'RoleName', (v) => literalString(v, 'name'));
    read('path', 'Path', (v) => literalString(v, 'path'));
    read('description', 'Description', (v) => literalString(v, 'description'));
    read('max_session_duration', 'MaxSessionDuration', (v) => literal(v, 'max_session_duration'));
    read('assume_role_policy', 'AssumeRolePolicyDocument', (v) => policy(v, 'assume_role_policy'));
    const inline = asList(b.body.inline_policy).filter(isObject);
    if (inline.length) {
      const policies: Obj[] = [];
      inline.forEach((p, k) => {
        const at = b.locate(['inline_policy', k]);
        try {
          policies.push({ PolicyName: literalString(p.name, 'inline_policy.name'), PolicyDocument: policy(p.policy, 'inline_policy.policy') });
          if (at?.value) host.positions.setValue([...path, 'Policies', policies.length - 1], at.value);
        } catch (err) {
          if (!(err instanceof Unreadable)) throw err;
          host.note(at?.key ?? b.loc, `skipped ${addressOf(b)}.inline_policy[${k}]: ${err.message}`);
          host.hole([...path, 'Policies', '*']);
        }
      });
      if (policies.length) role.Policies = policies;
    }
    byAddress.set(addressOf(b), String(role.RoleName));
    roles.push(role);
  }

  const usages: RoleUsageInput[] = [];
  for (const b of blocks) {
    const spec = ROLE_USAGES.find((u) => u.type === b.type);
    if (b.mode !== 'resource' || !spec || !host.single(b)) continue;
    let node: unknown = b.body;
    for (const step of spec.path) node = first(node)?.[step];
    if (node === undefined) continue;
    const r = host.resolve(node);
    const role = r.kind === 'ref' && r.block.type === ROLE_TYPE ? byAddress.get(addressOf(r.block)) : r.kind === 'literal' && typeof r.value === 'string' ? r.value : undefined;
    if (role !== undefined) usages.push({ role, reason: addressOf(b), servicePrincipal: spec.service });
  }
  return { roles, usages };
}

/**
 * A `data "aws_iam_policy_document"` as the JSON Terraform renders: `statement` blocks with sid, effect (Allow by
 * default), actions / not_actions, resources / not_resources, principals / not_principals { type, identifiers }
 * and condition { test, variable, values }. Documents merged from others (source_policy_documents,
 * override_policy_documents) are not read.
 */
export function policyDocument(block: TerraformBlock, literal: (v: unknown, what: string) => unknown, literalString: (v: unknown, what: string) => string): Obj {
  const body = block.body;
  for (const merged of ['source_policy_documents', 'override_policy_documents', 'source_json', 'override_json'])
    if (body[merged] !== undefined) throw new Unreadable(`${addressOf(block)} merges other documents (${merged}), which tipkit does not read`);
  const strings = (v: unknown, what: string): string[] => {
    const value = literal(v, what);
    const list = asList(value).map((x) => literal(x, what));
    if (!list.every((x): x is string => typeof x === 'string')) throw new Unreadable(`${what} holds a value that is not a string`);
    return list;
  };
  const one = (list: string[]): string | string[] => (list.length === 1 ? list[0]! : list);
  const principals = (v: unknown, what: string): unknown => {
    const out: Obj = {};
    for (const p of asList(v).filter(isObject)) {
      const type = literalString(p.type, `${what}.type`);
      const ids = strings(p.identifiers, `${what}.identifiers`);
      if (type === '*') return '*';
      out[type] = [...asList(out[type]).map(String), ...ids];
    }
    for (const [k, ids] of Object.entries(out)) out[k] = one(ids as string[]);
    return out;
  };
  const statements = asList(body.statement)
    .filter(isObject)
    .map((s, i) => {
      const what = `${addressOf(block)}.statement[${i}]`;
      const out: Obj = {};
      if (s.sid !== undefined) out.Sid = literalString(s.sid, `${what}.sid`);
      out.Effect = s.effect === undefined ? 'Allow' : literalString(s.effect, `${what}.effect`);
      if (s.principals !== undefined) out.Principal = principals(s.principals, `${what}.principals`);
      if (s.not_principals !== undefined) out.NotPrincipal = principals(s.not_principals, `${what}.not_principals`);
      if (s.actions !== undefined) out.Action = one(strings(s.actions, `${what}.actions`));
      if (s.not_actions !== undefined) out.NotAction = one(strings(s.not_actions, `${what}.not_actions`));
      if (s.resources !== undefined) out.Resource = one(strings(s.resources, `${what}.resources`));
      if (s.not_resources !== undefined) out.NotResource = one(strings(s.not_resources, `${what}.not_resources`));
      const conditions = asList(s.condition).filter(isObject);
      if (conditions.length) {
        const c: Record<string, Obj> = {};
        for (const cond of conditions) {
          const test = literalString(cond.test, `${what}.condition.test`);
          const variable = literalString(cond.variable, `${what}.condition.variable`);
          (c[test] ??= {})[variable] = one(strings(cond.values, `${what}.condition.values`));
        }
        out.Condition = c;
      }
      return out;
    });
  return { Version: body.version === undefined ? '2012-10-17' : literalString(body.version, `${addressOf(block)}.version`), Statement: statements };
}
