/**
 * Terraform plan JSON (`terraform show -json PLAN`) → RawConfig. A plan has what the HCL reader can only
 * approximate: every variable, count, for_each and module input resolved. The resources come from
 * `planned_values` (the root module and its child modules: what exists after apply) and `resource_changes`
 * (what the plan creates or updates, and which values are still unknown: `after_unknown`). They are mapped
 * by model/terraform-mapping.ts like any Terraform resource.
 *
 * What a plan leaves unknown is mostly a reference: a grant's `application_arn` of an application the same
 * plan creates. The plan's `configuration` section names the expressions' references (not their file or
 * line), so an unknown value is read back as the reference it came from when that names a resource of the
 * plan; otherwise it stays unknown (a hole, with a note). A known ARN that belongs to another resource of the
 * plan (an application that already exists) is read as a reference to it. Findings point at the value in
 * the plan file: the plan format records no source positions.
 */
import { InputError } from '../../model/errors.js';
import type { RawInput } from '../raw-input.js';
import type { PositionIndex } from '../../model/positions.js';
import { terraformToRaw, type TerraformBlock } from './mapping.js';
import type { NodePath } from '../../model/types.js';
import { isObject } from '../../model/build.js';

type Obj = Record<string, unknown>;

import { isTerraformPlan } from './plan-detect.js';

export { isTerraformPlan, mayBeIdentityCenterPlan, PLAN_FILE_NAME } from './plan-detect.js';

interface PlannedResource {
  address: string;
  mode: 'resource' | 'data';
  type: string;
  name: string;
  index?: string | number;
  /** `module.a.module.b.` or ''. */
  module: string;
  values: Obj;
  unknown: unknown;
  /** Where `values` is in the plan file. */
  path: NodePath;
}

export function planToRaw(plan: unknown, positions: PositionIndex, file: string): RawInput {
  if (!isTerraformPlan(plan)) throw new InputError('expected a Terraform plan (terraform show -json): an object with format_version and planned_values', { file, line: 1, column: 1 });
  const major = /^(\d+)\./.exec(plan.format_version as string)?.[1];
  if (major !== '1') {
    throw new InputError(`unsupported Terraform plan format_version '${String(plan.format_version)}': tipkit reads format 1.x`, positions.locate(['format_version']));
  }

  const changes = new Map<string, { actions: string[]; after: unknown; afterUnknown: unknown; path: NodePath }>();
  (Array.isArray(plan.resource_changes) ? plan.resource_changes : []).forEach((rc, i) => {
    if (!isObject(rc) || typeof rc.address !== 'string' || !isObject(rc.change)) return;
    const actions = Array.isArray(rc.change.actions) ? rc.change.actions.filter((a): a is string => typeof a === 'string') : [];
    changes.set(rc.address, { actions, after: rc.change.after, afterUnknown: rc.change.after_unknown, path: ['resource_changes', i, 'change', 'after'] });
  });

  const resources: PlannedResource[] = [];
  const seen = new Set<string>();
  const walk = (module: unknown, path: NodePath): void => {
    if (!isObject(module)) return;
    (Array.isArray(module.resources) ? module.resources : []).forEach((r, i) => {
      if (!isObject(r) || typeof r.address !== 'string' || typeof r.type !== 'string' || typeof r.name !== 'string') return;
      const change = changes.get(r.address);
      if (change && isDeleteOnly(change.actions)) return;
      seen.add(r.address);
      resources.push({
        address: r.address,
        mode: r.mode === 'data' ? 'data' : 'resource',
        type: r.type,
        name: r.name,
        index: typeof r.index === 'string' || typeof r.index === 'number' ? r.index : undefined,
        module: moduleOf(r.address, r.type, r.mode === 'data'),
        values: isObject(r.values) ? r.values : {},
        unknown: change?.afterUnknown,
        path: [...path, 'resources', i, 'values'],
      });
    });
    (Array.isArray(module.child_modules) ? module.child_modules : []).forEach((child, i) => walk(child, [...path, 'child_modules', i]));
  };
  if (isObject(plan.planned_values)) walk(plan.planned_values.root_module, ['planned_values', 'root_module']);
  else if (isObject(plan.values)) walk(plan.values.root_module, ['values', 'root_module']);
  // A change whose resource is missing from planned_values (a plan written without it): read what it creates or updates.
  (Array.isArray(plan.resource_changes) ? plan.resource_changes : []).forEach((rc) => {
    if (!isObject(rc) || typeof rc.address !== 'string' || seen.has(rc.address) || typeof rc.type !== 'string' || typeof rc.name !== 'string') return;
    const change = changes.get(rc.address);
    if (!change || !isObject(change.after) || !change.actions.some((a) => a === 'create' || a === 'update')) return;
    resources.push({
      address: rc.address,
      mode: rc.mode === 'data' ? 'data' : 'resource',
      type: rc.type,
      name: rc.name,
      index: typeof rc.index === 'string' || typeof rc.index === 'number' ? rc.index : undefined,
      module: moduleOf(rc.address, rc.type, rc.mode === 'data'),
      values: change.after,
      unknown: change.afterUnknown,
      path: change.path,
    });
  });

  const config = configurationResources(plan.configuration);
  const byAddress = new Map(resources.map((r) => [r.address, r]));
  const byArn = new Map<string, PlannedResource>();
  for (const r of resources) {
    const own = r.type === 'aws_ssoadmin_application' ? r.values.application_arn ?? r.values.arn : r.values.arn;
    if (typeof own === 'string') byArn.set(own, r);
  }

  const blocks: TerraformBlock[] = resources.map((r) => {
    const body = withoutNulls(structuredClone(r.values)) as Obj;
    fillUnknown(body, r.unknown, [], (attrPath) => unknownAs(r, attrPath, config, byAddress));
    referToKnownArns(body, r, byArn);
    return {
      mode: r.mode,
      type: r.type,
      name: r.name + (r.index === undefined ? '' : typeof r.index === 'number' ? `[${r.index}]` : `[${JSON.stringify(r.index)}]`),
      module: r.module || undefined,
      body,
      loc: positions.locate(r.path.slice(0, -1)),
      locate: (sub) => ({ key: positions.locateKey([...r.path, ...sub]), value: positions.locate([...r.path, ...sub]) }),
    };
  });
  return terraformToRaw(blocks, { positions, notes: [] });
}

/** A plan writes an unset attribute as null: absent, as in the configuration. */
function withoutNulls(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([, x]) => x !== null).map(([k, x]) => [k, withoutNulls(x)]));
}

const isDeleteOnly = (actions: string[]): boolean => actions.length > 0 && actions.every((a) => a === 'delete' || a === 'forget');

/** `module.a["x"].module.b.aws_x.y[0]` → `module.a["x"].module.b.` */
function moduleOf(address: string, type: string, data: boolean): string {
  const at = address.lastIndexOf(`${data ? 'data.' : ''}${type}.`);
  return at > 0 ? address.slice(0, at) : '';
}

/** Put a `${…}` placeholder wherever after_unknown says a value is unknown (plans omit or null those). */
function fillUnknown(body: Obj, unknown: unknown, path: NodePath, as: (path: NodePath) => string): void {
  if (!isObject(unknown)) return;
  for (const [k, u] of Object.entries(unknown)) {
    if (u === true) {
      body[k] = as([...path, k]);
    } else if (Array.isArray(u)) {
      const list = Array.isArray(body[k]) ? (body[k] as unknown[]) : [];
      u.forEach((item, i) => {
        if (item === true) list[i] = as([...path, k, i]);
        else if (isObject(item) && isObject(list[i])) fillUnknown(list[i] as Obj, item, [...path, k, i], as);
      });
      if (list.length > 0) body[k] = list;
    } else if (isObject(u) && isObject(body[k])) fillUnknown(body[k] as Obj, u, [...path, k], as);
  }
}

/** A known ARN of another resource of the plan (one that already exists) → a reference to that resource. */
function referToKnownArns(body: Obj, self: PlannedResource, byArn: Map<string, PlannedResource>): void {
  const visit = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string') {
      const target = byArn.get(v);
      return target && target !== self && key !== 'arn' ? `\${${target.address}.arn}` : v;
    }
    if (Array.isArray(v)) return v.map((x) => visit(x));
    if (isObject(v)) {
      for (const [k, x] of Object.entries(v)) v[k] = visit(x, k);
      return v;
    }
    return v;
  };
  visit(body);
}

/** Configuration resources by module prefix + address without instance key: their expressions. */
function configurationResources(configuration: unknown): Map<string, Obj> {
  const out = new Map<string, Obj>();
  const walk = (module: unknown, prefix: string): void => {
    if (!isObject(module)) return;
    for (const r of Array.isArray(module.resources) ? module.resources : []) {
      if (isObject(r) && typeof r.address === 'string' && isObject(r.expressions)) out.set(`${prefix}${r.address}`, r.expressions);
    }
    if (isObject(module.module_calls)) {
      for (const [name, call] of Object.entries(module.module_calls)) if (isObject(call)) walk(call.module, `${prefix}module.${name}.`);
    }
  };
  walk(isObject(configuration) ? configuration.root_module : undefined, '');
  return out;
}

/**
 * What an unknown value was written as. When the configuration's expression references a resource of the
 * plan (`aws_ssoadmin_application.portal.arn`, or `aws_ssoadmin_application.portal[each.key].arn`, which the
 * plan lists as `aws_ssoadmin_application.portal` and `each.key`), the matching instance's attribute; else the
 * first reference (a variable, a data source), else "known after apply". Module prefixes (with their instance
 * keys) are dropped to match configuration addresses and put back for references.
 */
function unknownAs(r: PlannedResource, attrPath: NodePath, config: Map<string, Obj>, byAddress: Map<string, PlannedResource>): string {
  const configModule = r.module.replace(/\[[^\]]*\]/g, '');
  const expressions = config.get(`${configModule}${r.mode === 'data' ? 'data.' : ''}${r.type}.${r.name}`);
  let expr: unknown = expressions;
  for (const seg of attrPath) {
    if (Array.isArray(expr)) expr = expr[typeof seg === 'number' ? seg : 0];
    if (isObject(expr)) expr = typeof seg === 'string' ? expr[seg] : expr;
  }
  const references = isObject(expr) && Array.isArray(expr.references) ? expr.references.filter((x): x is string => typeof x === 'string') : [];
  const iterated = references.includes('each.key') || references.includes('count.index');
  for (const ref of references) {
    const m = /^((?:data\.)?[a-zA-Z_][\w-]*\.[a-zA-Z_][\w-]*)(\[[^\]]+\])?(?:\.([a-zA-Z_][\w-]*))?$/.exec(ref);
    if (!m || /^(var|local|each|count|path|module|terraform|self)\./.test(ref)) continue;
    const base = `${r.module}${m[1]!}`;
    const attribute = m[3] ?? 'arn';
    const exact = m[2] ? byAddress.get(`${base}${m[2]}`) : undefined;
    const single = byAddress.get(base);
    const sameKey = iterated && r.index !== undefined ? byAddress.get(`${base}${typeof r.index === 'number' ? `[${r.index}]` : `[${JSON.stringify(r.index)}]`}`) : undefined;
    const target = exact ?? single ?? sameKey;
    if (target) return `\${${target.address}.${attribute}}`;
  }
  return `\${${references.find((x) => !/^(each|count)\./.test(x)) ?? '(known after apply)'}}`;
}
