/**
 * Terraform HCL (.tf) → RawConfig. @cdktf/hcl2json (HashiCorp's HCL parser, compiled to wasm) parses and
 * validates each file; what Terraform would compute from literals alone (locals, count / for_each
 * instances, dynamic blocks, module inputs) is evaluated by inputs/terraform/eval/; local modules are followed;
 * the resources are mapped by model/terraform-mapping.ts, shared with the Terraform JSON and plan readers.
 * hcl2json reports no positions, so a small scanner (below) recovers where each block, attribute and list
 * element is written.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { Budget, budgetMessage, CannotExpand, evaluate, expandBlock, moduleScope, parseTypeConstraint, Unknown, variableValue, type Scope, type Value } from './eval/index.js';
import { confinedFiles } from './eval/files.js';
import { rootVariables, type VariableArgument } from './tfvars.js';
import type { RawInput } from '../raw-input.js';
import { readSourceFile, type ReadOptions } from '../yaml/parse.js';
import { PositionIndex } from '../../model/positions.js';
import { expandOnly, withBlocks } from './expand-blocks.js';
import { MANAGED_APPLICATIONS, terraformToRaw, type TerraformBlock } from './mapping.js';
import type { NodePath, SourceLocation } from '../../model/types.js';
import { isObject } from '../../model/build.js';
import { locateIn, outlineOf, type HclBlock } from './hcl-positions.js';

type Obj = Record<string, unknown>;
type Note = NonNullable<RawInput['notes']>[number];

export interface HclReadOptions extends ReadOptions {
  /** `--var-file` / `--var` for the root module, in command-line order (tfvars files beside it are read too). */
  variables?: readonly VariableArgument[];
}

export async function readHclFiles(files: string[], opts: HclReadOptions = {}): Promise<RawInput> {
  const reader = new HclModuleReader(files[0] ?? '<none>', opts);
  await reader.readModule(files, undefined);
  if (reader.budget.exceeded) reader.notes.push({ message: budgetMessage(reader.budget.exceeded).replace(/; left unknown$/, ': the values past it are unknown'), file: files[0] ?? '<none>', line: 1, column: 1 });
  return terraformToRaw(reader.blocks, { positions: reader.positions, notes: reader.notes, reasons: reader.reasons });
}

/** How a module is called: the literal inputs it is given, and the address prefix of its resources. */
interface ModuleCall {
  inputs: Map<string, Value>;
  /** The root module's directory: file() and templatefile() read only inside it. */
  root: string;
  prefix: string;
  /** Directories on the call stack (a module that calls itself is not followed again). */
  stack: string[];
}

/** Local modules nest at most this deep (Terraform has no limit; a deeper chain is almost surely a loop). */
const MAX_MODULE_DEPTH = 16;

/**
 * Reads one Terraform module (the files of a directory): its locals and variables become the evaluation
 * scope, its resources are expanded (count, for_each, dynamic blocks) over literals, and module blocks with a
 * local `source` are followed with the literal inputs they are given.
 */
class HclModuleReader {
  readonly positions: PositionIndex;
  readonly notes: Note[] = [];
  readonly blocks: TerraformBlock[] = [];
  /** One budget for the configuration: the root module and every module it calls. */
  readonly budget = new Budget();
  /** Why values are unknown where the evaluator knows more than "Terraform computes it". */
  readonly reasons = new Map<string, string>();

  constructor(
    defaultFile: string,
    private readonly opts: HclReadOptions,
  ) {
    this.positions = new PositionIndex(defaultFile);
  }

  /** Reads one module; its outputs (`module.NAME` in the caller) as an object, evaluated on first use. */
  async readModule(files: string[], call: ModuleCall | undefined): Promise<() => Value> {
    const { parse } = await import('@cdktf/hcl2json');
    const locals = new Map<string, { value: unknown }>();
    const variables = new Map<string, { default?: unknown; type?: string; nullable?: boolean }>();
    const declared: { mode: 'resource' | 'data'; type: string; name: string; body: Obj; file: string; outline?: HclBlock }[] = [];
    const modules: { name: string; body: Obj; file: string; outline?: HclBlock }[] = [];
    const outputs = new Map<string, unknown>();
    for (const file of files) {
      const text = readSourceFile(file, this.opts);
      this.positions.texts.set(file, text);
      let json: Obj;
      try {
        json = (await parse(file, text)) as Obj;
      } catch (err) {
        this.notes.push({ ...hclErrorLocation(String((err as Error).message ?? err), file), file });
        continue;
      }
      const outline = outlineOf(text, file);
      // The first outline block of each type and labels, indexed once (a search per block was quadratic).
      const outlineKey = (type: string, labels: readonly string[]): string => [type, ...labels].join('\u0000');
      const byLabels = new Map<string, (typeof outline.blocks)[number]>();
      for (const b of outline.blocks)
        for (let n = 0; n <= b.labels.length; n++) {
          const key = outlineKey(b.type, b.labels.slice(0, n));
          if (!byLabels.has(key)) byLabels.set(key, b);
        }
      const find = (type: string, ...labels: string[]) => byLabels.get(outlineKey(type, labels));
      for (const local of asList(json.locals)) if (isObject(local)) for (const [k, v] of Object.entries(local)) locals.set(k, { value: v });
      if (isObject(json.variable)) {
        for (const [name, bodies] of Object.entries(json.variable)) {
          const body = asList(bodies)[0];
          if (!isObject(body)) continue;
          variables.set(name, {
            default: body.default,
            type: typeof body.type === 'string' ? body.type : undefined,
            nullable: typeof body.nullable === 'boolean' ? body.nullable : undefined,
          });
        }
      }
      for (const mode of ['resource', 'data'] as const) {
        const section = json[mode];
        if (!isObject(section)) continue;
        for (const [type, byName] of Object.entries(section)) {
          if (!isObject(byName)) continue;
          for (const [name, bodies] of Object.entries(byName)) {
            const body = asList(bodies)[0];
            if (isObject(body)) declared.push({ mode, type, name, body, file, outline: find(mode, type, name) });
          }
        }
      }
      if (isObject(json.output)) {
        for (const [name, bodies] of Object.entries(json.output)) {
          const body = asList(bodies)[0];
          if (isObject(body) && body.value !== undefined) outputs.set(name, body.value);
        }
      }
      if (isObject(json.module)) {
        for (const [name, bodies] of Object.entries(json.module)) {
          const body = asList(bodies)[0];
          if (isObject(body)) modules.push({ name, body, file, outline: find('module', name) });
        }
      }
    }

    // A root module's variables take what Terraform would give them: tfvars files beside it, --var-file and
    // --var, else the default, else unknown. A called module's take the call's inputs, else the default.
    // Either way under the declared type constraint, optional() attributes filled in.
    const dir = dirname(files[0] ?? '.');
    const given = call ? call.inputs : await rootVariables(dir, this.opts.variables ?? [], (name) => variables.get(name)?.type, this.opts);
    const values = new Map<string, Value>();
    const moduleOutputs = new Map<string, () => Value>();
    // Terraform runs in the root module's directory: relative paths and path.module are taken from there.
    const root = call?.root ?? resolve(dir);
    const files_ = confinedFiles(root, root);
    const scope = moduleScope(new Map([...locals].map(([k, v]) => [k, v.value])), {
      modulePrefix: call?.prefix ?? '',
      budget: this.budget,
      reasons: this.reasons,
      paths: { module: relative(root, resolve(dir)).split(sep).join('/') || '.', root: '.' },
      readFile: files_.readFile,
      fileset: files_.fileset,
      variable: (name) => {
        if (values.has(name)) return values.get(name)!;
        const declared = variables.get(name);
        const v = declared
          ? variableValue(name, { ...declared, default: declared.default === undefined ? undefined : evaluate(declared.default, { budget: this.budget }) }, given.get(name))
          : new Unknown(`\${var.${name}}`);
        values.set(name, v);
        return v;
      },
      module: (name) => moduleOutputs.get(name)?.(),
      variableType: (name) => {
        const type = variables.get(name)?.type;
        return type === undefined ? undefined : parseTypeConstraint(type);
      },
    });

    const written: TerraformBlock[] = declared.map((d) => ({
      mode: d.mode,
      type: d.type,
      name: d.name,
      module: call?.prefix || undefined,
      body: d.body,
      loc: d.outline?.loc ?? { file: d.file, line: 1, column: 1 },
      locate: (path: NodePath) => (d.outline ? locateIn(d.outline.body, path) : undefined),
    }));
    // The called modules are read before this module's blocks are expanded, so `module.NAME.OUTPUT` is known
    // there; the blocks keep their place ahead of the modules' own.
    withBlocks(written, scope);
    const at = this.blocks.length;
    for (const m of modules) {
      const made = await this.followModule(m, scope, call, files);
      if (made) moduleOutputs.set(m.name, made);
    }
    this.blocks.splice(at, 0, ...expandOnly(written, scope));

    let evaluatedOutputs: Value | undefined;
    return () => (evaluatedOutputs ??= orderedOutputs([...outputs].map(([name, v]) => [name, evaluate(v, scope)])));
  }

  /** Reads a called module; its outputs for `module.NAME` (by instance key under count / for_each), or undefined when not followed. */
  private async followModule(m: { name: string; body: Obj; file: string; outline?: HclBlock }, scope: Scope, call: ModuleCall | undefined, files: string[]): Promise<(() => Value) | undefined> {
    const loc = m.outline?.loc ?? { file: m.file, line: 1, column: 1 };
    const at = (path: NodePath) => (m.outline ? locateIn(m.outline.body, path)?.value : undefined) ?? loc;
    const label = `${call?.prefix ?? ''}module.${m.name}`;
    const source = evaluate(m.body.source, {});
    if (typeof source !== 'string' || !/^\.\.?[\\/]/.test(source)) {
      const what = typeof source === 'string' ? `its source '${source}' is not a local directory (./ or ../)` : 'its source is not a literal string';
      this.note(at(['source']), `${label} was not followed: ${what}; its resources are not linted (lint its code, or a plan: terraform show -json)`);
      return;
    }
    const here = dirname(files[0] ?? '.');
    const dir = resolve(here, source);
    const stack = call?.stack ?? [resolve(here)];
    if (stack.includes(dir) || stack.length > MAX_MODULE_DEPTH) {
      this.note(at(['source']), `${label} was not followed: it would call itself (or nest more than ${MAX_MODULE_DEPTH} modules deep)`);
      return;
    }
    const moduleFiles = terraformFilesIn(dir);
    if (moduleFiles.length === 0) {
      this.note(at(['source']), existsSync(dir) ? `${label} was not followed: ${source} holds no .tf files` : `module \`${m.name}\`: source \`${source}\` not found`);
      return;
    }
    let instances;
    try {
      instances = expandBlock(m.body, scope);
    } catch (err) {
      if (!(err instanceof CannotExpand)) throw err;
      this.note(at(err.at), `${label} was not followed: ${err.why}`);
      return;
    }
    const made: [string, () => Value][] = [];
    for (const instance of instances) {
      const inputs = new Map<string, Value>();
      for (const [k, v] of Object.entries(m.body)) if (!MODULE_META_ARGUMENTS.has(k) && k !== 'count' && k !== 'for_each') inputs.set(k, evaluate(v, instance.scope));
      made.push([instance.suffix, await this.readModule(moduleFiles, { inputs, root: call?.root ?? resolve(here), prefix: `${label}${instance.suffix}.`, stack: [...stack, dir] })]);
    }
    if (made.length === 1 && made[0]![0] === '') return made[0]![1];
    // Under count: a list of the instances' outputs; under for_each: an object by key.
    const keys = made.map(([suffix]) => JSON.parse(suffix.slice(1, -1)) as string | number);
    return () => (keys.every((k) => typeof k === 'number') ? made.map(([, outputsOf]) => outputsOf()) : orderedOutputs(made.map(([, outputsOf], i) => [String(keys[i]), outputsOf()])));
  }

  private note(loc: SourceLocation, message: string): void {
    this.notes.push({ message, file: loc.file, line: loc.line, column: loc.column });
  }
}

const orderedOutputs = (entries: [string, Value][]): Value => Object.fromEntries(entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));

const MODULE_META_ARGUMENTS = new Set(['source', 'version', 'providers', 'depends_on']);

/** The .tf files of a directory (not .tf.json: Terraform reads both, tipkit's HCL reader the first). */
export function terraformFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true })
      .filter((e) => e.isFile() && /\.tf$/i.test(e.name))
      .map((e) => join(dir, e.name))
      .sort();
  } catch {
    return [];
  }
}

/** A directory of .tf files found by `tipkit lint` (a Terraform module). */
export interface TerraformDirectory {
  files: string[];
  /** It declares Identity Center resources, or a file of it was named on the command line. */
  relevant: boolean;
  explicit?: boolean;
}

/** A remote module whose source names Identity Center is worth a "not followed" note. */
const IDENTITY_CENTER_MODULE = /sso|identity[-_ ]?center|\bidc\b/i;

/**
 * The Terraform configurations to lint among the directories a walk found: every relevant directory, plus
 * one that holds only module calls when a called local module is relevant (its code is read through the
 * call) or a remote module's source names Identity Center (it gets a "not followed" note). A directory that
 * a linted directory calls as a local module is linted through that call, with the inputs it is given, not
 * again on its own with unknown variables (unless a file of it was named on the command line).
 */
export function terraformConfigurations(directories: ReadonlyMap<string, TerraformDirectory>, opts: ReadOptions = {}): TerraformDirectory[] {
  const callsOf = new Map<string, { local: string[]; remote: string[] }>();
  const calls = (dir: string, files?: string[]) => {
    let hit = callsOf.get(dir);
    if (hit) return hit;
    hit = { local: [], remote: [] };
    callsOf.set(dir, hit);
    for (const file of files ?? terraformFilesIn(dir)) {
      let text: string;
      try {
        text = readSourceFile(file, opts);
      } catch {
        continue;
      }
      for (const source of moduleSources(text, file)) {
        if (/^\.\.?[\\/]/.test(source)) hit.local.push(resolve(dir, source));
        else hit.remote.push(source);
      }
    }
    return hit;
  };
  const mentions = new Map<string, boolean>();
  const relevant = (dir: string, stack: string[]): boolean => {
    const known = mentions.get(dir);
    if (known !== undefined) return known;
    if (stack.includes(dir) || stack.length > MAX_MODULE_DEPTH) return false;
    const group = directories.get(dir);
    // Any Identity Center type counts, also one tipkit does not read (permission sets): it gets a note naming it.
    let result = (group?.relevant ?? false) || (group?.files ?? terraformFilesIn(dir)).some((f) => IDENTITY_CENTER_TEXT.test(safeRead(f, opts)));
    const c = calls(dir, group?.files);
    result ||= c.remote.some((source) => IDENTITY_CENTER_MODULE.test(source)) || c.local.some((d) => relevant(d, [...stack, dir]));
    // A module call whose local source does not exist is a mistake the user can fix: say so rather than find nothing.
    result ||= stack.length === 0 && c.local.some((d) => !existsSync(d));
    mentions.set(dir, result);
    return result;
  };
  const linted = [...directories.entries()].filter(([dir]) => relevant(dir, []));
  const called = new Set(linted.flatMap(([dir, g]) => calls(dir, g.files).local));
  return linted.filter(([dir, g]) => g.explicit || !called.has(dir)).map(([, g]) => g);
}

const IDENTITY_CENTER_TEXT = new RegExp(`\\b(aws_ssoadmin_|awscc_sso_|(${Object.keys(MANAGED_APPLICATIONS).join('|')})\\b)`);

function safeRead(file: string, opts: ReadOptions): string {
  try {
    return readSourceFile(file, opts);
  } catch {
    return '';
  }
}

/** The literal `source` of each module block of a file (read with the position scanner, without parsing). */
function moduleSources(text: string, file: string): string[] {
  if (!/\bmodule\s/.test(text)) return [];
  const lines = text.split('\n');
  const out: string[] = [];
  for (const block of outlineOf(text, file).blocks) {
    if (block.type !== 'module') continue;
    const at = block.body.attributes.get('source')?.value.loc;
    const m = at && /^"([^"\\$]*)"/.exec((lines[at.line - 1] ?? '').slice(at.column - 1));
    if (m) out.push(m[1]!);
  }
  return out;
}

/** `parse config: [main.tf:2,7-3,1: Invalid expression; Expected …]` → a note at 2:7. */
function hclErrorLocation(message: string, file: string): Omit<Note, 'file'> {
  if (!/parse config/.test(message)) {
    // Not a diagnostic (the wasm parser itself gave up, e.g. on hostile nesting).
    return { message: `skipped ${file}: the HCL parser could not read it (${message.replace(/^Error:\s*/, '').split('\n')[0]})`, line: 1, column: 1 };
  }
  const first = message.replace(/^Error:\s*/, '').replace(/^parse config:\s*\[?/, '').replace(/\]$/, '');
  const m = /^(?:.*?):(\d+),(\d+)(?:-\d+(?:,\d+)?)?:\s*(.*)$/s.exec(first);
  const detail = (m ? m[3]! : first).split(/;\s*|\n/).filter(Boolean).join(': ');
  return { message: `skipped ${file}: HCL syntax error: ${detail}`, line: m ? Number(m[1]) : 1, column: m ? Number(m[2]) : 1 };
}

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
