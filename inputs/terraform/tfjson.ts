/**
 * Terraform JSON (`cdk.tf.json` from `tipkit synth` or any cdktf app, or a hand-written `*.tf.json`) →
 * RawConfig. The aws_ssoadmin_* resources (including a native aws_ssoadmin_application_grant) are mapped by
 * inputs/terraform/mapping.ts, shared with the HCL reader; this file adds what only Terraform JSON holds:
 * tipkit's synthesized grants and authentication methods (`terraform_data` whose `input.tipkit` names the
 * API call and `input.request` holds the request), the `tipkit_instance` local, and the provider's region.
 * Positions come from the parsed JSON, re-keyed from Terraform paths to tipkit.yaml pointers.
 */
import { InputError } from '../../model/errors.js';
import type { RawInput } from '../raw-input.js';
import type { PositionIndex } from '../../model/positions.js';
import { moduleScope } from './eval/index.js';
import { expandTerraformBlocks, terraformToRaw, TERRAFORM_TYPES, type ExtraChild, type TerraformBlock } from './mapping.js';
import type { ConstructSuppression, NodePath, RawConfig, SourceLocation } from '../../model/types.js';
import { isObject } from '../../model/build.js';

type Obj = Record<string, unknown>;
type Note = NonNullable<RawInput['notes']>[number];

export { INSTANCE_LOCAL, SYNTHESIZED_CALLS, type SynthesizedCall } from '../../model/synthesized-calls.js';
import { INSTANCE_LOCAL, SYNTHESIZED_CALLS, type SynthesizedCall } from '../../model/synthesized-calls.js';

const INSTANCE_KEYS = ['InstanceArn', 'IdentityStoreId', 'Region'] as const;

export function tfJsonToRaw(value: unknown, positions: PositionIndex, file: string): RawInput {
  if (!isObject(value)) throw new InputError('expected a Terraform JSON object at the top level', { file, line: 1, column: 1 });
  const notes: Note[] = [];
  const blocks: TerraformBlock[] = [];
  const extra: ExtraChild[] = [];
  const at = (path: NodePath): SourceLocation => positions.locate(path);

  const synthesized: { name: string; body: Obj; path: NodePath }[] = [];
  for (const mode of ['resource', 'data'] as const) {
    for (const { type, name, body, path } of blocksOf(value[mode], [mode])) {
      if (mode === 'resource' && type === 'terraform_data') synthesized.push({ name, body, path });
      blocks.push({
        mode,
        type,
        name,
        body,
        loc: at(path),
        locate: (sub) => ({ key: positions.locateKey([...path, ...sub]), value: positions.locate([...path, ...sub]) }),
      });
    }
  }

  // Terraform's own expansion over literals (count, for_each, dynamic blocks, locals), as for HCL.
  const locals = mergedLocals(value.locals);
  const expanded = expandTerraformBlocks(blocks, moduleScope(new Map(Object.entries(locals.values))));

  const issuerNames = new Map<string, string>();
  for (const b of expanded) {
    if (b.mode === 'resource' && b.type === TERRAFORM_TYPES.issuer && typeof b.body.name === 'string' && !b.body.name.includes('${')) {
      issuerNames.set(`${b.type}.${b.name}`, b.body.name);
    }
  }

  for (const { name, body, path } of synthesized) {
    const input = body.input;
    if (!isObject(input) || typeof input.tipkit !== 'string') continue;
    const call = Object.hasOwn(SYNTHESIZED_CALLS, input.tipkit) ? SYNTHESIZED_CALLS[input.tipkit as SynthesizedCall] : undefined;
    const request = input.request;
    if (!call || !isObject(request)) {
      const loc = at([...path, 'input', 'tipkit']);
      notes.push({ ...loc, message: `skipped terraform_data.${name}: unknown tipkit call '${input.tipkit}'` });
      continue;
    }
    const requestPath = [...path, 'input', 'request'];
    const entry: Obj = {};
    for (const member of call.members) if (request[member] !== undefined) entry[member] = issuerRefsToNames(request[member], issuerNames);
    extra.push({
      section: call.section,
      application: typeof request.ApplicationArn === 'string' ? request.ApplicationArn : '',
      applicationLoc: at([...requestPath, 'ApplicationArn']),
      value: entry,
      loc: at(path),
      // The entry itself stays at its terraform_data block (where construct suppressions find it again).
      locate: (sub) => (sub.length === 0 ? undefined : positions.locate([...requestPath, ...sub])),
    });
  }

  const mapped = terraformToRaw(expanded, { positions, notes, locals: locals.values, extra });
  const instance = (mapped.raw.instance ??= {});

  // tipkit's own record of the instance wins: it also carries what no resource does (IdentityStoreId without lookups).
  const declared = locals.values[INSTANCE_LOCAL];
  if (isObject(declared)) {
    for (const key of INSTANCE_KEYS) {
      if (typeof declared[key] !== 'string') continue;
      instance[key] = declared[key];
      positions.setValue(['instance', key], at([...locals.pathOf(INSTANCE_LOCAL), key]));
    }
    positions.setValue(['instance'], at(locals.pathOf(INSTANCE_LOCAL)));
  }
  if (instance.Region === undefined) {
    const provider = awsProvider(value.provider);
    if (provider && typeof provider.body.region === 'string' && !provider.body.region.includes('${')) {
      instance.Region = provider.body.region;
      positions.setValue(['instance', 'Region'], at([...provider.path, 'region']));
    }
  }
  return { ...mapped, notes, suppressions: constructSuppressions(expanded, mapped.raw, positions) };
}

/**
 * Suppressions the constructs wrote into a resource's `//` comment block (`"//": { "tipkit": { "suppressions":
 * [{ id, reason }] } }`), attached to the entry that resource became. The mapper places each entry at its block's
 * location, which is how an entry is found again.
 */
function constructSuppressions(blocks: readonly TerraformBlock[], raw: RawConfig, positions: PositionIndex): ConstructSuppression[] {
  const carrying = blocks.filter((b) => b.mode === 'resource' && Array.isArray(commentSuppressions(b.body)));
  if (carrying.length === 0) return [];
  const entryAt = new Map<string, { pointer: NodePath; resource: string }>();
  const add = (pointer: NodePath, resource: string): void => {
    const loc = positions.locate(pointer);
    entryAt.set(`${loc.line}:${loc.column}`, { pointer, resource });
  };
  const entries = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObject) : []);
  entries(raw.trustedTokenIssuers).forEach((issuer, i) => add(['trustedTokenIssuers', i], `trustedTokenIssuers/${String(issuer.Name ?? `#${i}`)}`));
  entries(raw.applications).forEach((app, i) => {
    const base = `applications/${String(app.Name ?? `#${i}`)}`;
    add(['applications', i], base);
    for (const section of ['Grants', 'AccessScopes', 'AuthenticationMethods', 'Assignments']) {
      entries(app[section]).forEach((_, j) => add(['applications', i, section, j], `${base}/${section}/${j}`));
    }
  });
  const out: ConstructSuppression[] = [];
  for (const b of carrying) {
    const entry = entryAt.get(`${b.loc.line}:${b.loc.column}`);
    if (!entry) continue;
    for (const s of commentSuppressions(b.body)!) {
      if (isObject(s) && typeof s.id === 'string') out.push({ id: s.id, reason: typeof s.reason === 'string' ? s.reason : undefined, ...entry });
    }
  }
  return out;
}

const commentSuppressions = (body: Obj): unknown[] | undefined => {
  const comment = body['//'];
  const tipkit = isObject(comment) ? comment.tipkit : undefined;
  return isObject(tipkit) && Array.isArray(tipkit.suppressions) ? tipkit.suppressions : undefined;
};

/** `{ TYPE: { NAME: body } }`, where Terraform JSON also allows a list of such objects and a list of bodies. */
function blocksOf(section: unknown, base: NodePath): { type: string; name: string; body: Obj; path: NodePath }[] {
  const out: { type: string; name: string; body: Obj; path: NodePath }[] = [];
  const byType = (v: unknown, path: NodePath): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => byType(x, [...path, i]));
    if (!isObject(v)) return;
    for (const [type, byName] of Object.entries(v)) {
      const names = (w: unknown, p: NodePath): void => {
        if (Array.isArray(w)) return w.forEach((x, i) => names(x, [...p, i]));
        if (!isObject(w)) return;
        for (const [name, body] of Object.entries(w)) {
          // A list of bodies declares the same block more than once: Terraform refuses that, so read the first.
          const first = Array.isArray(body) ? body[0] : body;
          if (isObject(first)) out.push({ type, name, body: first, path: Array.isArray(body) ? [...p, name, 0] : [...p, name] });
        }
      };
      names(byName, [...path, type]);
    }
  };
  byType(section, base);
  return out;
}

/** The locals of the file (an object, or a list of objects), and where each is written. */
function mergedLocals(section: unknown): { values: Obj; pathOf(name: string): NodePath } {
  const values: Obj = {};
  const paths = new Map<string, NodePath>();
  const take = (v: unknown, path: NodePath): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => take(x, [...path, i]));
    if (!isObject(v)) return;
    for (const [k, x] of Object.entries(v)) {
      values[k] = x;
      paths.set(k, [...path, k]);
    }
  };
  take(section, ['locals']);
  return { values, pathOf: (name) => paths.get(name) ?? ['locals'] };
}

/** The default (un-aliased) `aws` provider block. */
function awsProvider(section: unknown): { body: Obj; path: NodePath } | undefined {
  if (!isObject(section)) return undefined;
  const aws = section.aws;
  const bodies: [unknown, NodePath][] = Array.isArray(aws) ? aws.map((b, i) => [b, ['provider', 'aws', i]]) : [[aws, ['provider', 'aws']]];
  for (const [body, path] of bodies) if (isObject(body) && body.alias === undefined) return { body, path };
  return undefined;
}

/** `${aws_ssoadmin_trusted_token_issuer.X.arn}` inside a synthesized grant → the issuer's Name, as tipkit.yaml writes it. */
function issuerRefsToNames(value: unknown, issuerNames: Map<string, string>): unknown {
  if (Array.isArray(value)) return value.map((v) => issuerRefsToNames(v, issuerNames));
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, issuerRefsToNames(v, issuerNames)]));
  if (typeof value !== 'string') return value;
  const ref = /^\$\{\s*(aws_ssoadmin_trusted_token_issuer\.[a-zA-Z_][\w-]*)\.(?:arn|id)\s*\}$/.exec(value);
  return (ref && issuerNames.get(ref[1]!)) ?? value;
}

