/**
 * One Terraform module's scope, from its hcl2json body (all its files merged): variables under their type
 * constraints (the given value, else the default, else unknown), locals evaluated once on first use (a
 * cycle is unknown), resource instances from their count / for_each, the attributes the configuration sets
 * on them (what only the provider computes stays a Reference), paths, and the files of its directory tree.
 */
import { Budget } from './budget.js';
import { parseTypeConstraint, variableValue } from './constraints.js';
import { evaluate } from './evaluate.js';
import { confinedFiles } from './files.js';
import { isMap, isSet, Unknown, type Scope, type Value } from './values.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const first = (v: unknown): Obj | undefined => (Array.isArray(v) ? (isObj(v[0]) ? v[0] : undefined) : isObj(v) ? v : undefined);

export interface ConfigurationOptions {
  /** Values given for variables (module inputs, `--var`, `--var-file`). */
  given?: ReadonlyMap<string, Value>;
  /** The module's directory and the tree file functions may read (the root module's directory). */
  dir?: string;
  root?: string;
  /** path.module / path.root / path.cwd as Terraform gives them. */
  paths?: Scope['paths'];
  budget?: Budget;
  modulePrefix?: string;
  /** `module.NAME` outputs, when the caller follows module calls. */
  module?: Scope['module'];
}

const META = new Set(['count', 'for_each', 'provider', 'depends_on', 'lifecycle', 'provisioner', 'connection']);

export function configurationScope(body: Obj, options: ConfigurationOptions = {}): Scope {
  const budget = options.budget ?? new Budget();
  const declarations = new Map<string, Obj>();
  if (isObj(body.variable)) for (const [name, decl] of Object.entries(body.variable)) declarations.set(name, first(decl) ?? {});
  const locals = new Map<string, unknown>();
  for (const block of Array.isArray(body.locals) ? body.locals : body.locals ? [body.locals] : []) if (isObj(block)) for (const [k, v] of Object.entries(block)) locals.set(k, v);
  const blocks = new Map<string, Obj>();
  for (const mode of ['resource', 'data'] as const) {
    const byType = body[mode];
    if (!isObj(byType)) continue;
    for (const [type, byName] of Object.entries(byType)) {
      if (!isObj(byName)) continue;
      for (const [name, b] of Object.entries(byName)) {
        const block = first(b);
        if (block) blocks.set(`${mode === 'data' ? 'data.' : ''}${type}.${name}`, block);
      }
    }
  }

  const variables = new Map<string, Value>();
  const evaluatedLocals = new Map<string, Value>();
  const evaluating = new Set<string>();
  const attributesEvaluating = new Set<string>();
  const instanceCache = new Map<string, Map<string, Scope> | null | undefined>();
  const files = options.dir ? confinedFiles(options.root ?? options.dir, options.dir) : undefined;

  const scope: Scope = {
    budget,
    modulePrefix: options.modulePrefix,
    paths: options.paths,
    module: options.module,
    readFile: files?.readFile,
    fileset: files?.fileset,
    variable(name) {
      const hit = variables.get(name);
      if (hit !== undefined) return hit;
      const decl = declarations.get(name);
      if (!decl) return new Unknown(`\${var.${name}}`, `variable "${name}" is not declared`);
      const v = variableValue(
        name,
        {
          type: typeof decl.type === 'string' ? decl.type : undefined,
          default: decl.default === undefined ? undefined : evaluate(decl.default, { budget }),
          nullable: typeof decl.nullable === 'boolean' ? decl.nullable : undefined,
        },
        options.given?.get(name),
      );
      variables.set(name, v);
      return v;
    },
    variableType(name) {
      const decl = declarations.get(name);
      return typeof decl?.type === 'string' ? parseTypeConstraint(decl.type) : undefined;
    },
    local(name) {
      const hit = evaluatedLocals.get(name);
      if (hit !== undefined) return hit;
      if (!locals.has(name)) return new Unknown(`\${local.${name}}`, `local.${name} is not declared`);
      if (evaluating.has(name)) return new Unknown(`\${local.${name}}`, `local.${name} refers to itself`);
      evaluating.add(name);
      try {
        const v = evaluate(locals.get(name), scope);
        evaluatedLocals.set(name, v);
        return v;
      } finally {
        evaluating.delete(name);
      }
    },
    instances(address) {
      const made = instancesOf(address);
      if (made === null || made === undefined) return made;
      return [...made.keys()].map((k) => (blocks.get(address)?.count !== undefined ? Number(k) : k));
    },
    attribute(address, name) {
      const m = /^(.*?)(\[(?:"(?:[^"\\]|\\.)*"|\d+)\])?$/.exec(address);
      const base = m?.[1] ?? address;
      const block = blocks.get(base);
      if (!block || META.has(name) || !Object.hasOwn(block, name)) return undefined;
      const made = instancesOf(base);
      let inner: Scope | undefined = scope;
      if (made) {
        const key = m?.[2] ? String(JSON.parse(m[2].slice(1, -1))) : undefined;
        inner = key === undefined ? undefined : made.get(key);
      }
      if (!inner) return undefined;
      const key = `${address} ${name}`;
      if (attributesEvaluating.has(key)) return new Unknown(`\${${address}.${name}}`, `${address}.${name} refers to itself`);
      attributesEvaluating.add(key);
      try {
        return evaluate(block[name], inner);
      } finally {
        attributesEvaluating.delete(key);
      }
    },
  };

  /** A block's instances by key, each with its scope; null without count / for_each; undefined when unknown. */
  function instancesOf(address: string): Map<string, Scope> | null | undefined {
    if (instanceCache.has(address)) return instanceCache.get(address);
    instanceCache.set(address, undefined); // a block whose for_each refers to itself: unknown
    const block = blocks.get(address);
    let made: Map<string, Scope> | null | undefined;
    if (!block) made = undefined;
    else if (block.count !== undefined) {
      const n = evaluate(block.count, scope);
      if (typeof n === 'number' && Number.isInteger(n) && n >= 0) {
        budget.instances(n);
        made = new Map(Array.from({ length: n }, (_, i) => [String(i), { ...scope, count: i }]));
      }
    } else if (block.for_each !== undefined) {
      const each = evaluate(block.for_each, scope);
      if (isMap(each)) {
        budget.instances(Object.keys(each).length);
        made = new Map(Object.keys(each).sort().map((k) => [k, { ...scope, each: { key: k, value: each[k]! } }]));
      } else if (Array.isArray(each) && isSet(each) && each.every((v) => typeof v === 'string')) {
        budget.instances(each.length);
        made = new Map(each.map((k) => [k as string, { ...scope, each: { key: k, value: k } }]));
      }
    } else made = null;
    instanceCache.set(address, made);
    return made;
  }

  return scope;
}

/**
 * The scope of one Terraform module: its locals (evaluated once, on first use, and shared; a local that refers
 * to itself, through others or not, is unknown) and its variables as `variable` gives them. One budget for
 * the whole configuration unless `rest` brings one.
 */
export function moduleScope(locals: ReadonlyMap<string, unknown>, rest: Omit<Scope, 'local'> = {}): Scope {
  const evaluated = new Map<string, Value>();
  const evaluating = new Set<string>();
  const scope: Scope = {
    budget: new Budget(),
    ...rest,
    local: (name) => {
      if (evaluated.has(name)) return evaluated.get(name)!;
      if (!locals.has(name)) return new Unknown(`\${local.${name}}`);
      if (evaluating.has(name)) return new Unknown(`\${local.${name}}`, `local.${name} refers to itself`);
      evaluating.add(name);
      try {
        const v = evaluate(locals.get(name), scope);
        evaluated.set(name, v);
        return v;
      } finally {
        evaluating.delete(name);
      }
    },
  };
  return scope;
}

