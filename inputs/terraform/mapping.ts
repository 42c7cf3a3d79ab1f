/**
 * Terraform resources (from HCL or Terraform JSON) → one RawConfig. Both Terraform readers hand over their
 * blocks in the shape Terraform JSON and hcl2json share (attributes by name, nested blocks as lists of
 * objects or as one object, expressions as `${…}` strings) plus a way to locate each attribute; this module
 * maps the aws_ssoadmin_* resources to tipkit.yaml keys and resolves references to declared resources to
 * their Name, as a tipkit.yaml would write them. What it cannot resolve (variables, data lookups, function
 * calls) is skipped with a note, never guessed.
 */
export type { ExtraChild, TerraformBlock, TerraformMappingOptions } from './blocks.js';
import { mapRoles, ROLE_RESOURCE_TYPES } from './roles.js';
import { addressOf, REFERENCE, type ExtraChild, type TerraformBlock, type TerraformMappingOptions } from './blocks.js';
export { expandTerraformBlocks } from './expand-blocks.js';
export { MANAGED_APPLICATIONS, readsType, TERRAFORM_TYPES } from './resource-types.js';
import { APPLICATION_ATTRIBUTES, ARN_ATTRIBUTES, CHILD_SECTIONS, isUnrelatedType, ISSUER_ATTRIBUTES, MANAGED_APPLICATIONS, readAs, readsType, SINGLE_BLOCKS, TERRAFORM_TYPES } from './resource-types.js';
import type { RawInput } from '../raw-input.js';
import { EVALUATED_FUNCTIONS } from './eval/index.js';
import type { PositionIndex } from '../../model/positions.js';
import { type NodePath, type RawConfig, type SourceLocation } from '../../model/types.js';
import { isObject, type ManagedApplicationInput } from '../../model/build.js';
import { ANY_SEGMENT } from '../../model/unknown.js';
import { asList, attributePath, defaultGrant, findDynamic, valueAtBlockPath } from './mapping-helpers.js';

type Obj = Record<string, unknown>;
type Note = NonNullable<RawInput['notes']>[number];

/** A resolved expression: a literal, or a reference to a declared block. */
type Resolved = { kind: 'literal'; value: unknown } | { kind: 'ref'; block: TerraformBlock; attribute: string } | { kind: 'unresolved'; why: string };

/** Deeper values are skipped (no tipkit shape nests beyond a dozen levels). */
const MAX_DEPTH = 64;

const SKIP: unique symbol = Symbol('skip');

export function terraformToRaw(blocks: readonly TerraformBlock[], opts: TerraformMappingOptions): RawInput {
  return new TerraformMapper(blocks, opts).map();
}

/** `snake_case` → `SnakeCase`, the tipkit.yaml (API) spelling. */
export const pascalFromSnake = (key: string): string => key.split('_').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('');

class TerraformMapper {
  private readonly raw: RawConfig = { version: 1 };
  private readonly notes: Note[];
  /** RawConfig places whose value Terraform only knows when it runs (see RawInput.holes). */
  private readonly holes: NodePath[] = [];
  private readonly positions: PositionIndex;
  private readonly byAddress = new Map<string, TerraformBlock>();
  private readonly appIndex = new Map<TerraformBlock, number>();
  private readonly rawApps: Obj[] = [];
  /** Per application: its Terraform address, to name it by when its `name` is unknown. */
  private readonly labels: (string | undefined)[] = [];
  /** Stand-ins for applications named only by an unknown `application_arn`, by that expression's text. */
  private readonly standIns = new Map<string, number>();
  private readonly managed: ManagedApplicationInput[] = [];

  constructor(
    private readonly blocks: readonly TerraformBlock[],
    private readonly opts: TerraformMappingOptions,
  ) {
    this.notes = opts.notes ?? [];
    this.positions = opts.positions;
    for (const b of blocks) this.byAddress.set(addressOf(b), b);
  }

  map(): RawInput {
    const usable = this.blocks.filter((b) => {
      if (b.mode !== 'resource' || !Object.values(TERRAFORM_TYPES).includes(readAs(b.type) as never)) return false;
      if (this.single(b)) return true;
      this.someApplicationHasOneMore(readAs(b.type));
      return false;
    });
    const ofType = (t: string) => usable.filter((b) => readAs(b.type) === t);

    const issuers = ofType(TERRAFORM_TYPES.issuer).map((b, i) => this.mapTopLevel(b, ['trustedTokenIssuers', i], ISSUER_ATTRIBUTES));
    if (issuers.length) this.raw.trustedTokenIssuers = issuers;
    ofType(TERRAFORM_TYPES.application).forEach((b) => {
      this.appIndex.set(b, this.rawApps.length);
      this.labels.push(addressOf(b));
      this.rawApps.push(this.mapTopLevel(b, ['applications', this.rawApps.length], APPLICATION_ATTRIBUTES));
    });
    if (this.rawApps.length) this.raw.applications = this.rawApps;

    for (const b of ofType(TERRAFORM_TYPES.assignmentConfiguration)) {
      const app = this.applicationOf(b);
      if (app === undefined) {
        this.someApplicationHasOneMore(b.type);
        continue;
      }
      const path: NodePath = ['applications', app, 'AssignmentRequired'];
      const v = this.convert(b, ['assignment_required'], b.body.assignment_required, path);
      if (v !== SKIP && v !== undefined) this.rawApps[app]!.AssignmentRequired = v;
    }
    for (const b of ofType(TERRAFORM_TYPES.grant)) this.mapChild(b, 'Grants', ['grant_type', 'grant'], (out) => defaultGrant(out));
    for (const b of ofType(TERRAFORM_TYPES.accessScope)) this.mapChild(b, 'AccessScopes', ['scope', 'authorized_targets']);
    for (const b of ofType(TERRAFORM_TYPES.assignment)) this.mapChild(b, 'Assignments', ['principal_type', 'principal_id']);
    for (const b of ofType(TERRAFORM_TYPES.authenticationMethod)) this.mapChild(b, 'AuthenticationMethods', ['authentication_method_type', 'authentication_method']);
    this.managedApplications();
    const roles = mapRoles(this.blocks, {
      resolve: (v) => this.resolve(v),
      single: (b) => this.single(b),
      note: (loc, message) => this.note(loc, message),
      hole: (path) => this.holes.push(path),
      positions: this.positions,
    });
    if (roles.roles.length) this.raw.roles = roles.roles;
    this.noteUnreadTypes();
    for (const extra of this.opts.extra ?? []) this.mapExtra(extra);
    this.takeIdentityStore();

    this.raw.instance ??= {};
    return { raw: this.raw, positions: this.positions, notes: this.notes, holes: this.holes, managedApplications: this.managed, applicationLabels: this.labels, roleUsages: roles.usages };
  }

  /**
   * AWS-managed applications: usage records of the issuers they authorize and of the Identity Center instance
   * they name (see MANAGED_APPLICATIONS). What only Terraform knows there is a hole under the record.
   */
  private managedApplications(): void {
    for (const b of this.blocks) {
      const spec = MANAGED_APPLICATIONS[b.type];
      if (b.mode !== 'resource' || !spec || !this.single(b)) continue;
      const at: NodePath = ['managedApplications', this.managed.length];
      const issuers: ManagedApplicationInput['authorizedTokenIssuers'] = [];
      for (const list of spec.issuers?.lists ?? []) {
        asList(b.body[list]).forEach((entry, k) => {
          if (!isObject(entry)) return;
          const path: NodePath = [...at, 'AuthorizedTokenIssuers', issuers.length];
          const issuer: ManagedApplicationInput['authorizedTokenIssuers'][number] = {};
          this.positions.setValue(path, this.locate(b, [list, k]) ?? b.loc);
          const arn = entry[spec.issuers!.arn];
          if (arn !== undefined) {
            const r = this.resolve(arn);
            const ref = r.kind === 'ref' ? this.referencedName(r.block) : r.kind === 'literal' && typeof r.value === 'string' ? r.value : undefined;
            if (ref === undefined) this.holes.push([...path, 'TrustedTokenIssuerArn']);
            else issuer.TrustedTokenIssuerArn = ref;
            const here = this.locate(b, [list, k, spec.issuers!.arn]);
            if (here) this.positions.setValue([...path, 'TrustedTokenIssuerArn'], here);
          }
          const audiences = entry[spec.issuers!.audiences];
          if (audiences !== undefined) {
            const resolved = asList(audiences).map((a) => this.resolve(a));
            issuer.AuthorizedAudiences = resolved.flatMap((a) => (a.kind === 'literal' && typeof a.value === 'string' ? [a.value] : []));
            if (!Array.isArray(audiences) || resolved.some((a) => a.kind !== 'literal')) this.holes.push([...path, 'AuthorizedAudiences', ANY_SEGMENT]);
            const here = this.locate(b, [list, k, spec.issuers!.audiences]);
            if (here) this.positions.setValue([...path, 'AuthorizedAudiences'], here);
          }
          issuers.push(issuer);
        });
      }
      const scopes: string[] = [];
      const integrations = asList(b.body.service_integration ?? b.body.service_integrations).filter(isObject);
      for (const [block, scope] of Object.entries(spec.scopes ?? {})) if (integrations.some((i) => i[block] !== undefined)) scopes.push(scope);
      this.positions.setValue(at, b.loc);
      const record: ManagedApplicationInput = { name: addressOf(b), type: b.type, authorizedTokenIssuers: issuers, scopes };
      const instance = spec.instanceArn && valueAtBlockPath(b.body, spec.instanceArn);
      if (instance && instance.value !== undefined) {
        const r = this.resolve(instance.value);
        const here = this.locate(b, instance.path);
        if (here) this.positions.setValue([...at, 'InstanceArn'], here);
        if (r.kind === 'literal' && typeof r.value === 'string') record.instanceArn = r.value;
        else this.holes.push([...at, 'InstanceArn']);
      }
      this.managed.push(record);
    }
  }

  /** One note per Identity Center resource type that tipkit does not read, at its first block. */
  private noteUnreadTypes(): void {
    const unread = new Map<string, TerraformBlock[]>();
    for (const b of this.blocks) {
      if (!readsType(b.mode, b.type) || Object.values(TERRAFORM_TYPES).includes(readAs(b.type) as never) || b.type in MANAGED_APPLICATIONS || isUnrelatedType(b.type) || ROLE_RESOURCE_TYPES.has(b.type)) continue;
      unread.set(b.type, [...(unread.get(b.type) ?? []), b]);
    }
    for (const [type, list] of unread) {
      const count = list.length === 1 ? `${list[0]!.module ?? ''}${type}.${list[0]!.name}` : `${list.length} resources`;
      this.note(list[0]!.loc, `${type} is not read by tipkit (${count}): it lints Identity Center applications, trusted token issuers, grants, access scopes, authentication methods and application assignments`);
    }
  }

  /**
   * count / for_each make several instances, and `dynamic` blocks a number of blocks, that only Terraform
   * knows: the resource is skipped whole rather than read in part (a half-read grant would look incomplete).
   */
  /**
   * A grant, scope, assignment or method that was not attached (its application_arn is unknown, or names an
   * application not declared here, or it could not be expanded) may belong to any application, and may use
   * any issuer: unknown, not missing, for the rules that look across applications (see model/unknown.ts).
   */
  private someApplicationHasOneMore(type: string): void {
    const section = CHILD_SECTIONS[readAs(type)];
    if (section === 'AssignmentRequired') this.holes.push(['applications', ANY_SEGMENT, section]);
    else if (section) this.holes.push(['applications', ANY_SEGMENT, section, ANY_SEGMENT]);
  }

  private single(b: TerraformBlock): boolean {
    if (b.unexpandable) {
      this.note(b.locate(b.unexpandable.at)?.key ?? b.loc, `skipped ${addressOf(b)}: ${b.unexpandable.why}`);
      return false;
    }
    for (const meta of ['count', 'for_each']) {
      if (b.body[meta] !== undefined) {
        this.note(b.locate([meta])?.key ?? b.loc, `skipped ${b.type}.${b.name}: \`${meta}\` makes instances that only Terraform can expand`);
        return false;
      }
    }
    const dynamic = findDynamic(b.body, []);
    if (dynamic) {
      this.note(b.locate(dynamic)?.key ?? b.loc, `skipped ${b.type}.${b.name}: its \`dynamic\` block is expanded only when Terraform runs`);
      return false;
    }
    return true;
  }

  private mapTopLevel(b: TerraformBlock, path: NodePath, attributes: string[]): Obj {
    const out: Obj = {};
    this.positions.setValue(path, b.loc);
    this.takeInstance(b, out, path);
    for (const attr of attributes) {
      if (b.body[attr] === undefined) continue;
      const key = pascalFromSnake(attr);
      const v = attr === 'tags' ? this.tags(b, b.body.tags, [...path, key]) : this.convert(b, [attr], b.body[attr], [...path, key]);
      if (v === SKIP) continue;
      out[key] = v;
      const keyLoc = b.locate([attr])?.key;
      if (keyLoc) this.positions.setKey([...path, key], keyLoc);
    }
    return out;
  }

  /** The first instance_arn (and region) seen is the config's instance; another instance stays on its resource. */
  private takeInstance(b: TerraformBlock, out: Obj, path: NodePath): void {
    const instance = (this.raw.instance ??= {});
    for (const [attr, key] of [
      ['instance_arn', 'InstanceArn'],
      ['region', 'Region'],
    ] as const) {
      if (b.body[attr] === undefined) continue;
      const here = this.locate(b, [attr]);
      const r = this.resolve(b.body[attr]);
      if (r.kind !== 'literal' || typeof r.value !== 'string') {
        this.note(here ?? b.loc, `skipped ${b.type}.${b.name}.${attr}: ${r.kind === 'unresolved' ? r.why : 'not a string'}`);
        this.holes.push(['instance', key]);
        continue;
      }
      if (instance[key] === undefined) {
        instance[key] = r.value;
        if (here) this.positions.setValue(['instance', key], here);
        if (key === 'InstanceArn' && here) this.positions.setValue(['instance'], here);
      } else if (instance[key] !== r.value && key === 'InstanceArn') {
        out.InstanceArn = r.value;
        if (here) this.positions.setValue([...path, 'InstanceArn'], here);
      }
    }
  }

  /** The identity store the config's identitystore lookups use (assignments by DisplayName need it). */
  private takeIdentityStore(): void {
    const instance = (this.raw.instance ??= {});
    if (instance.IdentityStoreId !== undefined) return;
    for (const b of this.blocks) {
      if (b.mode !== 'data' || !b.type.startsWith('aws_identitystore_')) continue;
      const r = this.resolve(b.body.identity_store_id);
      if (r.kind !== 'literal' || typeof r.value !== 'string') continue;
      instance.IdentityStoreId = r.value;
      const here = this.locate(b, ['identity_store_id']);
      if (here) this.positions.setValue(['instance', 'IdentityStoreId'], here);
      return;
    }
  }

  private mapChild(b: TerraformBlock, section: 'Grants' | 'AccessScopes' | 'Assignments' | 'AuthenticationMethods', attributes: string[], fill?: (out: Obj) => void): void {
    const app = this.applicationOf(b);
    if (app === undefined) {
      this.someApplicationHasOneMore(b.type);
      return;
    }
    const list = (this.rawApps[app]![section] ??= []) as Obj[];
    const path: NodePath = ['applications', app, section, list.length];
    const out: Obj = {};
    this.positions.setValue(path, b.loc);
    for (const attr of attributes) {
      if (b.body[attr] === undefined) continue;
      const key = pascalFromSnake(attr);
      const v = this.convert(b, [attr], b.body[attr], [...path, key]);
      if (v === SKIP) continue;
      out[key] = v;
      const keyLoc = b.locate([attr])?.key;
      if (keyLoc) this.positions.setKey([...path, key], keyLoc);
    }
    fill?.(out);
    list.push(out);
  }

  private mapExtra(extra: ExtraChild): void {
    const r = this.resolve(extra.application);
    const app = r.kind === 'ref' ? this.appIndex.get(r.block) : undefined;
    if (app === undefined) {
      this.note(extra.applicationLoc ?? extra.loc, `skipped a ${extra.section === 'Grants' ? 'grant' : 'setting'}: its application is not an aws_ssoadmin_application declared in these files`);
      this.holes.push(['applications', ANY_SEGMENT, extra.section, ANY_SEGMENT]);
      return;
    }
    const list = (this.rawApps[app]![extra.section] ??= []) as Obj[];
    const path: NodePath = ['applications', app, extra.section, list.length];
    list.push(extra.value);
    this.positions.setValue(path, extra.loc);
    const walk = (v: unknown, sub: NodePath): void => {
      const loc = extra.locate?.(sub);
      if (loc) this.positions.setValue([...path, ...sub], loc);
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, [...sub, i]));
      else if (isObject(v)) for (const [k, x] of Object.entries(v)) walk(x, [...sub, k]);
    };
    walk(extra.value, []);
  }

  /**
   * The index of the application a child resource names in `application_arn`. When that application is not
   * known here (a `var.x`, an ARN of an application declared elsewhere), the child goes to a stand-in application
   * whose every other part is unknown (a hole at the application itself), one per `application_arn` expression:
   * the child's own values (`scope = ""`, `principal_type = ""`) are still checked, nothing about the
   * application is assumed. It is noted once per stand-in.
   */
  private applicationOf(b: TerraformBlock): number | undefined {
    const r = this.resolve(b.body.application_arn);
    const app = r.kind === 'ref' ? this.appIndex.get(r.block) : undefined;
    if (app !== undefined) return app;
    if (b.body.application_arn === undefined) return undefined;
    // It may still be one of the applications declared here (an ARN passed in through a variable).
    this.someApplicationHasOneMore(b.type);
    const text = typeof b.body.application_arn === 'string' ? b.body.application_arn : JSON.stringify(b.body.application_arn);
    const known = this.standIns.get(text);
    if (known !== undefined) return known;
    const why = r.kind === 'unresolved' ? r.why : 'it does not reference an aws_ssoadmin_application declared in these files';
    const here = this.locate(b, ['application_arn']) ?? b.loc;
    // The Identity Center application an integrated service creates (aws_qbusiness_application.x.identity_center_application_arn)
    // is known to be one: nothing to note, its settings are AWS's.
    const managed = r.kind === 'ref' && MANAGED_APPLICATIONS[r.block.type]?.arnAttributes.includes(r.attribute);
    if (!managed) this.note(here, `application of ${b.type}.${b.name} not known: application_arn: ${why}; its own values are checked`);
    const i = this.rawApps.length;
    this.rawApps.push({});
    this.raw.applications = this.rawApps;
    this.labels.push(managed && r.kind === 'ref' ? addressOf(r.block) : text.replace(/^\$\{\s*([^]*?)\s*\}$/, '$1'));
    this.positions.setValue(['applications', i], here);
    this.holes.push(['applications', i]);
    this.standIns.set(text, i);
    return i;
  }

  /** Terraform's `tags = { k = v }` → `Tags: [{ Key, Value }]`. */
  private tags(b: TerraformBlock, value: unknown, path: NodePath): unknown {
    const here = this.locate(b, ['tags']);
    // AWSCC writes tags as CloudFormation does: a list of { key, value }.
    if (Array.isArray(value) && value.every((t) => isObject(t) && 'key' in t)) value = Object.fromEntries(value.map((t) => [String((t as Obj).key), (t as Obj).value]));
    if (!isObject(value)) {
      this.note(here ?? b.loc, `skipped ${b.type}.${b.name}.tags: not a literal map`);
      return SKIP;
    }
    if (here) this.positions.setValue(path, here);
    const out: Obj[] = [];
    for (const [k, v] of Object.entries(value)) {
      const loc = b.locate(['tags', k])?.key;
      const r = this.resolve(v);
      if (r.kind !== 'literal' || typeof r.value !== 'string') {
        this.note(loc ?? here ?? b.loc, `skipped tag ${k}: ${r.kind === 'unresolved' ? r.why : 'not a string'}`);
        continue;
      }
      if (loc) this.positions.setValue([...path, out.length], loc);
      out.push({ Key: k, Value: r.value });
    }
    return out;
  }

  /** An attribute or block value → tipkit.yaml shape, with positions; SKIP when it cannot be read (noted). */
  private convert(b: TerraformBlock, src: NodePath, value: unknown, path: NodePath): unknown {
    const here = this.locate(b, src);
    if (src.length > MAX_DEPTH) {
      this.note(here ?? b.loc, `skipped ${b.type}.${b.name}.${attributePath(src.slice(0, 4))}…: it nests too deeply to read`);
      return SKIP;
    }
    const last = src[src.length - 1];
    if (typeof last === 'string' && SINGLE_BLOCKS.has(last) && Array.isArray(value)) {
      if (value.length === 0) return SKIP;
      if (value.length > 1) this.note(here ?? b.loc, `${b.type}.${b.name}: only one \`${last}\` block is allowed; the first is read`);
      return this.convert(b, [...src, 0], value[0], path);
    }
    if (here) this.positions.setValue(path, here);
    if (last === 'actor_policy') return this.policy(b, src, value, path);
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      value.forEach((item, i) => {
        const holes = this.holes.length;
        const v = this.convert(b, [...src, i], item, [...path, out.length]);
        if (v !== SKIP) out.push(v);
        else if (this.holes.length > holes) {
          // The element is unknown, not absent: "one more, unknown, element" (a trailing '*', see
          // model/unknown.ts), so the list counts as holding a value without shadowing a known element.
          this.holes.length = holes;
          this.holes.push([...path, ANY_SEGMENT]);
        }
      });
      return out;
    }
    if (isObject(value)) {
      const out: Obj = {};
      for (const [k, v] of Object.entries(value)) {
        const key = pascalFromSnake(k);
        const c = this.convert(b, [...src, k], v, [...path, key]);
        if (c === SKIP) continue;
        out[key] = c;
        const keyLoc = b.locate([...src, k])?.key;
        if (keyLoc) this.positions.setKey([...path, key], keyLoc);
      }
      return out;
    }
    const r = this.resolve(value);
    if (r.kind === 'literal') return r.value;
    if (r.kind === 'ref') {
      const name = this.referencedName(r.block);
      const wantsName = ARN_ATTRIBUTES.has(String(last)) || src[0] === 'authorized_targets' || (src[0] === 'principal_id' && r.block.mode === 'data');
      if (name !== undefined && wantsName) return name;
      this.note(here ?? b.loc, `skipped ${b.type}.${b.name}.${attributePath(src)}: \`${String(value)}\` is only known after apply`);
      this.holes.push(path);
      return SKIP;
    }
    this.note(here ?? b.loc, `skipped ${b.type}.${b.name}.${attributePath(src)}: ${r.why}`);
    this.holes.push(path);
    return SKIP;
  }

  /**
   * An IAM policy document (actor_policy): `jsonencode({…})` of literals arrives as JSON text, a literal object
   * as itself. Its keys are IAM's own (Version, Statement, aws:PrincipalOrgID), so they are kept as written.
   */
  private policy(b: TerraformBlock, src: NodePath, value: unknown, path: NodePath): unknown {
    const here = this.locate(b, src) ?? b.loc;
    const r = this.resolve(value);
    if (r.kind === 'literal' && typeof r.value === 'string') {
      try {
        return JSON.parse(r.value) as unknown;
      } catch {
        this.note(here, `skipped ${b.type}.${b.name}.${attributePath(src)}: not a JSON policy document`);
        this.holes.push(path);
        return SKIP;
      }
    }
    if (isObject(value)) return this.partialPolicy(b, src, value, path);
    this.note(here, `skipped ${b.type}.${b.name}.${attributePath(src)}: ${r.kind === 'unresolved' ? r.why : 'it is only known when Terraform runs'}`);
    this.holes.push(path);
    return SKIP;
  }

  /**
   * A policy object with some unknown leaves (`Condition = { … = var.organization_id }`): the known leaves are
   * kept as written, each unknown one is a hole with its note, so the rules still read the statements' Effect,
   * Action and Principal. An unknown list element is "one more, unknown, element".
   */
  private partialPolicy(b: TerraformBlock, src: NodePath, value: unknown, path: NodePath): unknown {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      value.forEach((item, i) => {
        const v = this.partialPolicy(b, [...src, i], item, [...path, out.length]);
        if (v !== SKIP) out.push(v);
        else this.holes.splice(this.holes.length - 1, 1, [...path, ANY_SEGMENT]);
      });
      return out;
    }
    if (isObject(value)) {
      const out: Obj = {};
      for (const [k, v] of Object.entries(value)) {
        const c = this.partialPolicy(b, [...src, k], v, [...path, k]);
        // An unknown Condition is still a Condition: the statement is conditional, whatever it tests.
        if (c !== SKIP) out[k] = c;
        else if (k === 'Condition') out[k] = {};
      }
      return out;
    }
    const r = this.resolve(value);
    if (r.kind === 'literal') return r.value;
    this.note(this.locate(b, src.slice(0, src.indexOf('actor_policy') + 1)) ?? b.loc, `skipped ${b.type}.${b.name}.${attributePath(src)}: ${r.kind === 'unresolved' ? r.why : 'it is only known when Terraform runs'}`);
    this.holes.push(path);
    return SKIP;
  }

  /**
   * The Name a tipkit.yaml would use for a referenced block: an application's or issuer's `name`, or the
   * DisplayName / UserName an identitystore data source looks up.
   */
  private referencedName(block: TerraformBlock): string | undefined {
    if (block.type in MANAGED_APPLICATIONS) return addressOf(block);
    if (readAs(block.type) === TERRAFORM_TYPES.application || block.type === TERRAFORM_TYPES.issuer) {
      const r = this.resolve(block.body.name);
      return r.kind === 'literal' && typeof r.value === 'string' ? r.value : undefined;
    }
    if (block.mode === 'data' && (block.type === 'aws_identitystore_group' || block.type === 'aws_identitystore_user')) {
      const first = (v: unknown): Obj | undefined => (Array.isArray(v) ? (isObject(v[0]) ? v[0] : undefined) : isObject(v) ? v : undefined);
      const lookup = first(first(block.body.alternate_identifier)?.unique_attribute) ?? first(block.body.filter);
      const value = lookup && this.resolve(lookup.attribute_value);
      return value?.kind === 'literal' && typeof value.value === 'string' ? value.value : undefined;
    }
    return undefined;
  }

  /** A Terraform value: a literal, a whole-string reference `${TYPE.NAME.ATTR}`, or a template of locals. */
  resolve(value: unknown, depth = 0): Resolved {
    if (typeof value !== 'string') return { kind: 'literal', value };
    if (!value.includes('${') && !value.includes('%{')) return { kind: 'literal', value };
    const whole = /^\$\{\s*([^{}]+?)\s*\}$/.exec(value);
    if (whole) {
      const ref = REFERENCE.exec(whole[1]!);
      const block = ref && this.byAddress.get(ref[1]!);
      if (ref && block) return { kind: 'ref', block, attribute: ref[2]! };
      const local = /^local\.([a-zA-Z_][\w-]*)$/.exec(whole[1]!);
      if (local && depth < 8 && this.opts.locals && local[1]! in this.opts.locals) {
        // A whole-value local keeps its type (a list, a number).
        const r = this.resolve(this.opts.locals[local[1]!], depth + 1);
        if (r.kind === 'literal') return r;
      }
    }
    // A template whose interpolations are all literal locals.
    let unresolved: string | undefined;
    // `$${` and `%%{` are Terraform's escapes for a literal `${` / `%{`, not interpolations.
    const out = value.replace(/(?<![$%])\$\{\s*([^{}]*?)\s*\}|(?<!%)%\{[^}]*\}/g, (m, expr: string | undefined) => {
      const local = expr && /^local\.([a-zA-Z_][\w-]*)$/.exec(expr);
      if (local && depth < 8) {
        const r = this.resolve(this.opts.locals?.[local[1]!], depth + 1);
        if (r.kind === 'literal' && ['string', 'number', 'boolean'].includes(typeof r.value)) return String(r.value);
      }
      unresolved ??= m;
      return m;
    });
    if (unresolved !== undefined) {
      const reason = this.opts.reasons?.get(value) ?? this.opts.reasons?.get(unresolved);
      if (reason) return { kind: 'unresolved', why: `\`${unresolved}\`: ${reason}` };
      // A function tipkit does not evaluate is fixable (write the value another way); anything else is Terraform's to know.
      const unsupported = [...String(unresolved).matchAll(/\b([a-z][a-z0-9_]*)\(/g)].map((m) => m[1]!).find((f) => !EVALUATED_FUNCTIONS.includes(f));
      if (unsupported) return { kind: 'unresolved', why: `\`${unresolved}\` calls ${unsupported}(), which tipkit does not evaluate` };
      return { kind: 'unresolved', why: `\`${unresolved}\` is only known when Terraform runs` };
    }
    return { kind: 'literal', value: out.replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{') };
  }

  private locate(b: TerraformBlock, path: NodePath): SourceLocation | undefined {
    return b.locate(path)?.value;
  }

  private note(loc: SourceLocation, message: string): void {
    this.notes.push({ message, file: loc.file, line: loc.line, column: loc.column });
  }
}
