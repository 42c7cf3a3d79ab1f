/**
 * Terraform HCL (.tf) → RawConfig. @cdktf/hcl2json (HashiCorp's HCL parser, compiled to wasm) parses and
 * validates each file; what Terraform would compute from literals alone (locals, count / for_each
 * instances, dynamic blocks, module inputs) is evaluated by inputs/terraform/eval/; local modules are followed;
 * the resources are mapped by model/terraform-mapping.ts, shared with the Terraform JSON and plan readers.
 * hcl2json reports no positions, so a small scanner (below) recovers where each block, attribute and list
 * element is written.
 */
import { readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { CannotExpand, evaluate, expandBlock, moduleScope, Unknown, type Scope, type Value } from './eval/index.js';
import type { RawInput } from '../raw-input.js';
import { readSourceFile, type ReadOptions } from '../yaml/parse.js';
import { PositionIndex } from '../../model/positions.js';
import { expandTerraformBlocks, terraformToRaw, type TerraformBlock } from './mapping.js';
import type { NodePath, SourceLocation } from '../../model/types.js';
import { isObject } from '../../model/build.js';
import { locateIn, outlineOf, type HclBlock } from './hcl-positions.js';

type Obj = Record<string, unknown>;
type Note = NonNullable<RawInput['notes']>[number];

export async function readHclFiles(files: string[], opts: ReadOptions = {}): Promise<RawInput> {
  const reader = new HclModuleReader(files[0] ?? '<none>', opts);
  await reader.readModule(files, undefined);
  return terraformToRaw(reader.blocks, { positions: reader.positions, notes: reader.notes });
}

/** How a module is called: the literal inputs it is given, and the address prefix of its resources. */
interface ModuleCall {
  inputs: Map<string, Value>;
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

  constructor(
    defaultFile: string,
    private readonly opts: ReadOptions,
  ) {
    this.positions = new PositionIndex(defaultFile);
  }

  async readModule(files: string[], call: ModuleCall | undefined): Promise<void> {
    const { parse } = await import('@cdktf/hcl2json');
    const locals = new Map<string, { value: unknown }>();
    const variables = new Map<string, { value?: unknown }>();
    const declared: { mode: 'resource' | 'data'; type: string; name: string; body: Obj; file: string; outline?: HclBlock }[] = [];
    const modules: { name: string; body: Obj; file: string; outline?: HclBlock }[] = [];
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
          variables.set(name, isObject(body) && body.default !== undefined ? { value: body.default } : {});
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
      if (isObject(json.module)) {
        for (const [name, bodies] of Object.entries(json.module)) {
          const body = asList(bodies)[0];
          if (isObject(body)) modules.push({ name, body, file, outline: find('module', name) });
        }
      }
    }

    const scope = moduleScope(new Map([...locals].map(([k, v]) => [k, v.value])), {
      modulePrefix: call?.prefix ?? '',
      // At the root a variable is set from outside (tfvars, -var, the environment): unknown. A module's
      // variable has the literal its caller gives, else its default.
      variable: (name) => {
        const given = call?.inputs.get(name);
        if (given !== undefined) return given;
        const declaredVariable = variables.get(name);
        if (call && declaredVariable?.value !== undefined) return evaluate(declaredVariable.value, {});
        return new Unknown(`\${var.${name}}`);
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
    this.blocks.push(...expandTerraformBlocks(written, scope));

    for (const m of modules) await this.followModule(m, scope, call, files);
  }

  private async followModule(m: { name: string; body: Obj; file: string; outline?: HclBlock }, scope: Scope, call: ModuleCall | undefined, files: string[]): Promise<void> {
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
      this.note(at(['source']), `${label} was not followed: ${source} holds no .tf files`);
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
    for (const instance of instances) {
      const inputs = new Map<string, Value>();
      for (const [k, v] of Object.entries(m.body)) if (!MODULE_META_ARGUMENTS.has(k) && k !== 'count' && k !== 'for_each') inputs.set(k, evaluate(v, instance.scope));
      await this.readModule(moduleFiles, { inputs, prefix: `${label}${instance.suffix}.`, stack: [...stack, dir] });
    }
  }

  private note(loc: SourceLocation, message: string): void {
    this.notes.push({ message, file: loc.file, line: loc.line, column: loc.column });
  }
}

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
    mentions.set(dir, result);
    return result;
  };
  const linted = [...directories.entries()].filter(([dir]) => relevant(dir, []));
  const called = new Set(linted.flatMap(([dir, g]) => calls(dir, g.files).local));
  return linted.filter(([dir, g]) => g.explicit || !called.has(dir)).map(([, g]) => g);
}

const IDENTITY_CENTER_TEXT = /\b(aws_ssoadmin_|awscc_sso_|aws_redshift_idc_application\b)/;

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
