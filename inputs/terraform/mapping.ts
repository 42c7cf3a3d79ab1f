/**
 * Terraform resources (from HCL or Terraform JSON) → one RawConfig. Both Terraform readers hand over their
 * blocks in the shape Terraform JSON and hcl2json share (attributes by name, nested blocks as lists of
 * objects or as one object, expressions as `${…}` strings) plus a way to locate each attribute; this module
 * maps the aws_ssoadmin_* resources to tipkit.yaml keys and resolves references to declared resources to
 * their Name, as a tipkit.yaml would write them. What it cannot resolve (variables, data lookups, function
 * calls) is skipped with a note, never guessed.
 */
export type { ExtraChild, TerraformBlock, TerraformMappingOptions } from './blocks.js';
import { addressOf, REFERENCE, type ExtraChild, type TerraformBlock, type TerraformMappingOptions } from './blocks.js';
export { expandTerraformBlocks } from './expand-blocks.js';
export { MANAGED_APPLICATIONS, readsType, TERRAFORM_TYPES } from './resource-types.js';
import { APPLICATION_ATTRIBUTES, ARN_ATTRIBUTES, CHILD_SECTIONS, ISSUER_ATTRIBUTES, MANAGED_APPLICATIONS, readsType, SINGLE_BLOCKS, TERRAFORM_TYPES } from './resource-types.js';
import type { RawInput } from '../raw-input.js';
import type { PositionIndex } from '../../model/positions.js';
import { GRANT_TYPES, type NodePath, type RawConfig, type SourceLocation } from '../../model/types.js';
import { isObject, type ManagedApplicationInput } from '../../model/build.js';
import { ANY_SEGMENT } from '../../model/unknown.js';

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
      if (b.mode !== 'resource' || !Object.values(TERRAFORM_TYPES).includes(b.type as never)) return false;
      if (this.single(b)) return true;
      this.someApplicationHasOneMore(b.type);
      return false;
    });
    const ofType = (t: string) => usable.filter((b) => b.type === t);

    const issuers = ofType(TERRAFORM_TYPES.issuer).map((b, i) => this.mapTopLevel(b, ['trustedTokenIssuers', i], ISSUER_ATTRIBUTES));
    if (issuers.length) this.raw.trustedTokenIssuers = issuers;
    ofType(TERRAFORM_TYPES.application).forEach((b) => {
      this.appIndex.set(b, this.rawApps.length);
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
    this.noteUnreadTypes();
    for (const extra of this.opts.extra ?? []) this.mapExtra(extra);
    this.takeIdentityStore();

    this.raw.instance ??= {};
    return { raw: this.raw, positions: this.positions, notes: this.notes, holes: this.holes, managedApplications: this.managed };
  }

  /** AWS-managed applications: usage records of the issuers they authorize (see MANAGED_APPLICATIONS). */
  private managedApplications(): void {
    for (const b of this.blocks) {
      const spec = MANAGED_APPLICATIONS[b.type];
      if (b.mode !== 'resource' || !spec || !this.single(b)) continue;
      const issuers: ManagedApplicationInput['authorizedTokenIssuers'] = [];
      for (const entry of spec.issuers ? asList(b.body[spec.issuers.list]) : []) {
        if (!isObject(entry)) continue;
        const r = this.resolve(entry[spec.issuers!.arn]);
        const ref = r.kind === 'ref' ? this.referencedName(r.block) : r.kind === 'literal' && typeof r.value === 'string' ? r.value : undefined;
        const audiences = asList(entry[spec.issuers!.audiences]).map((a) => this.resolve(a)).flatMap((a) => (a.kind === 'literal' && typeof a.value === 'string' ? [a.value] : []));
        if (ref !== undefined) issuers.push({ TrustedTokenIssuerArn: ref, AuthorizedAudiences: audiences });
      }
      const scopes: string[] = [];
      const integrations = asList(b.body.service_integration ?? b.body.service_integrations).filter(isObject);
      for (const [block, scope] of Object.entries(spec.scopes ?? {})) if (integrations.some((i) => i[block] !== undefined)) scopes.push(scope);
      this.positions.setValue(['managedApplications', this.managed.length], b.loc);
      this.managed.push({ name: addressOf(b), type: b.type, authorizedTokenIssuers: issuers, scopes });
    }
  }

  /** One note per Identity Center resource type that tipkit does not read, at its first block. */
  private noteUnreadTypes(): void {
    const unread = new Map<string, TerraformBlock[]>();
    for (const b of this.blocks) {
      if (!readsType(b.mode, b.type) || Object.values(TERRAFORM_TYPES).includes(b.type as never) || b.type in MANAGED_APPLICATIONS) continue;
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
    const section = CHILD_SECTIONS[type];
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

  /** The index of the application a child resource names in `application_arn`, or undefined (noted). */
  private applicationOf(b: TerraformBlock): number | undefined {
    const r = this.resolve(b.body.application_arn);
    const app = r.kind === 'ref' ? this.appIndex.get(r.block) : undefined;
    if (app === undefined) {
      const why = r.kind === 'unresolved' ? r.why : 'it does not reference an aws_ssoadmin_application declared in these files';
      this.note(this.locate(b, ['application_arn']) ?? b.loc, `skipped ${b.type}.${b.name}: application_arn: ${why}`);
    }
    return app;
  }

  /** Terraform's `tags = { k = v }` → `Tags: [{ Key, Value }]`. */
  private tags(b: TerraformBlock, value: unknown, path: NodePath): unknown {
    const here = this.locate(b, ['tags']);
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
    if (isObject(value) && isKnownLiteral(value, (v) => this.resolve(v))) return literalOf(value, (v) => this.resolve(v));
    this.note(here, `skipped ${b.type}.${b.name}.${attributePath(src)}: ${r.kind === 'unresolved' ? r.why : 'it is only known when Terraform runs'}`);
    this.holes.push(path);
    return SKIP;
  }

  /**
   * The Name a tipkit.yaml would use for a referenced block: an application's or issuer's `name`, or the
   * DisplayName / UserName an identitystore data source looks up.
   */
  private referencedName(block: TerraformBlock): string | undefined {
    if (block.type in MANAGED_APPLICATIONS) return addressOf(block);
    if (block.type === TERRAFORM_TYPES.application || block.type === TERRAFORM_TYPES.issuer) {
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
      return { kind: 'unresolved', why: reason ? `\`${unresolved}\`: ${reason}` : `\`${unresolved}\` is only known when Terraform runs` };
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

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

type Resolve = (v: unknown) => Resolved;
/** Every leaf of a literal object or list resolves to a literal. */
function isKnownLiteral(v: unknown, resolve: Resolve): boolean {
  if (Array.isArray(v)) return v.every((x) => isKnownLiteral(x, resolve));
  if (isObject(v)) return Object.values(v).every((x) => isKnownLiteral(x, resolve));
  return resolve(v).kind === 'literal';
}
function literalOf(v: unknown, resolve: Resolve): unknown {
  if (Array.isArray(v)) return v.map((x) => literalOf(x, resolve));
  if (isObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, literalOf(x, resolve)]));
  const r = resolve(v);
  return r.kind === 'literal' ? r.value : undefined;
}

/** refresh_token and token_exchange grants take no block; the API still wants the empty union member. */
function defaultGrant(out: Obj): void {
  if (out.Grant !== undefined) return;
  if (out.GrantType === GRANT_TYPES.refreshToken) out.Grant = { RefreshToken: {} };
  if (out.GrantType === GRANT_TYPES.tokenExchange) out.Grant = { TokenExchange: {} };
}

/** The path of the first `dynamic` block in a body, if any. */
function findDynamic(value: unknown, path: NodePath): NodePath | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findDynamic(value[i], [...path, i]);
      if (hit) return hit;
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'dynamic') return [...path, k];
      const hit = findDynamic(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** ['grant', 0, 'jwt_bearer', 0, 'authorized_token_issuers', 1, 'authorized_audiences', 0] → grant.jwt_bearer.authorized_token_issuers[1].authorized_audiences[0] */
function attributePath(path: NodePath): string {
  let out = '';
  path.forEach((seg, i) => {
    if (typeof seg === 'string') out += (out ? '.' : '') + seg;
    else if (!SINGLE_BLOCKS.has(String(path[i - 1]))) out += `[${seg}]`;
  });
  return out;
}

