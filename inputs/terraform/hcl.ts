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
      const find = (type: string, ...labels: string[]) => outline.blocks.find((b) => b.type === type && labels.every((l, i) => b.labels[i] === l));
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

// ---------------------------------------------------------------------------------------------------------
// Positions. A structural scanner over HCL native syntax: bodies of attributes (`name = expr`) and blocks
// (`type "label" … { body }`), and inside expressions only tuple `[…]` and object `{…}` literals. Other
// expressions are skipped as opaque text (strings with `${…}` / `%{…}` templates, heredocs, comments and
// nested brackets are stepped over correctly). Its limits: it trusts hcl2json to have rejected invalid
// syntax first, it does not look inside `for` expressions or function calls (their elements get the
// location of the whole expression), and `dynamic` blocks are located as blocks named `dynamic`.
// ---------------------------------------------------------------------------------------------------------

export interface HclBody {
  attributes: Map<string, { key: SourceLocation; value: HclExpr }>;
  blocks: HclBlock[];
}
export interface HclBlock {
  type: string;
  labels: string[];
  loc: SourceLocation;
  body: HclBody;
}
export interface HclExpr {
  loc: SourceLocation;
  items?: HclExpr[];
  members?: Map<string, { key: SourceLocation; value: HclExpr }>;
}

/** Where a hcl2json path (attribute names, block type + index, tuple indexes, object keys) is written. */
export function locateIn(body: HclBody, path: NodePath): { key?: SourceLocation; value?: SourceLocation } | undefined {
  let current: HclBody | HclExpr = body;
  let key: SourceLocation | undefined;
  let value: SourceLocation | undefined;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    if ('attributes' in current) {
      const attr = current.attributes.get(String(seg));
      if (attr) {
        key = attr.key;
        value = attr.value.loc;
        current = attr.value;
        continue;
      }
      let named: HclBlock[] = current.blocks.filter((b) => b.type === String(seg));
      // hcl2json writes `dynamic "label" {…}` as dynamic → label → [bodies]: the label picks the blocks.
      if (seg === 'dynamic' && typeof path[i + 1] === 'string') {
        const label = path[++i];
        named = named.filter((b) => b.labels[0] === label);
      }
      // hcl2json writes every block as a list; a path may or may not carry the index.
      const next = path[i + 1];
      const index = typeof next === 'number' ? next : 0;
      if (typeof next === 'number') i++;
      const block: HclBlock | undefined = named[index];
      if (!block) return undefined;
      key = value = block.loc;
      current = block.body;
      continue;
    }
    const expr: HclExpr = current;
    const item = typeof seg === 'number' ? expr.items?.[seg] : undefined;
    const member = typeof seg === 'string' ? expr.members?.get(seg) : undefined;
    const next = item ?? member?.value;
    if (!next) return undefined;
    key = member ? member.key : next.loc;
    value = next.loc;
    current = next;
  }
  return { key, value };
}

/** The outline of a file, or an empty one if the file nests too deeply for the scanner (values then point at 1:1). */
function outlineOf(text: string, file: string): HclBody {
  try {
    return scanHcl(text, file);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    return { attributes: new Map(), blocks: [] };
  }
}

export function scanHcl(text: string, file: string): HclBody {
  return new HclScanner(text, file).document();
}

/** Literal tuples/objects nested deeper than this are stepped over without locating their parts. */
const MAX_NESTING = 100;

class HclScanner {
  private pos = 0;
  private readonly lineStarts: number[] = [0];

  constructor(
    private readonly text: string,
    private readonly file: string,
  ) {
    for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
  }

  document(): HclBody {
    return this.body(false);
  }

  private loc(offset: number): SourceLocation {
    let lo = 0;
    let hi = this.lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { file: this.file, line: lo + 1, column: offset - this.lineStarts[lo]! + 1 };
  }

  private body(nested: boolean): HclBody {
    const body: HclBody = { attributes: new Map(), blocks: [] };
    for (;;) {
      this.skipSpace(true);
      if (this.pos >= this.text.length) return body;
      if (this.text[this.pos] === '}') {
        this.pos++; // at top level a stray brace, which hcl2json would have refused: stepped over
        if (nested) return body;
        continue;
      }
      const start = this.pos;
      const name = this.identifier();
      if (!name) {
        this.skipLine();
        continue;
      }
      this.skipSpace(false);
      if (this.text[this.pos] === '=' && this.text[this.pos + 1] !== '=') {
        this.pos++;
        this.skipSpace(false);
        body.attributes.set(name, { key: this.loc(start), value: this.expression(true) });
        continue;
      }
      const labels: string[] = [];
      while (this.pos < this.text.length && this.text[this.pos] !== '{' && this.text[this.pos] !== '\n') {
        if (this.text[this.pos] === '"') {
          const s = this.pos;
          this.string();
          labels.push(this.text.slice(s + 1, this.pos - 1));
        } else {
          const label = this.identifier();
          if (label) labels.push(label);
          else this.pos++;
        }
        this.skipSpace(false);
      }
      if (this.text[this.pos] !== '{') continue;
      this.pos++;
      body.blocks.push({ type: name, labels, loc: this.loc(start), body: this.body(true) });
    }
  }

  /** An expression; stops at a newline (when `lineEnds`), a comma or a closing bracket at depth 0. */
  private expression(lineEnds: boolean, depth = 0): HclExpr {
    this.skipSpace(!lineEnds);
    const start = this.pos;
    const loc = this.loc(start);
    const c = this.text[this.pos];
    if (depth > MAX_NESTING) {
      this.opaque(lineEnds);
      return { loc };
    }
    if (c === '[' && !this.isForExpression(start + 1)) {
      this.pos++;
      const items: HclExpr[] = [];
      for (;;) {
        this.skipSpace(true);
        if (this.pos >= this.text.length) break;
        if (this.text[this.pos] === ']') {
          this.pos++;
          break;
        }
        if (this.text[this.pos] === ',') {
          this.pos++;
          continue;
        }
        const before = this.pos;
        items.push(this.expression(false, depth + 1));
        if (this.pos === before) this.pos++;
      }
      return this.withTail({ loc, items }, lineEnds);
    }
    if (c === '{' && !this.isForExpression(start + 1)) {
      this.pos++;
      const members = new Map<string, { key: SourceLocation; value: HclExpr }>();
      for (;;) {
        this.skipSpace(true);
        if (this.pos >= this.text.length) break;
        const ch = this.text[this.pos];
        if (ch === '}') {
          this.pos++;
          break;
        }
        if (ch === ',') {
          this.pos++;
          continue;
        }
        const keyStart = this.pos;
        let key: string;
        if (ch === '"') {
          this.string();
          key = unquote(this.text.slice(keyStart, this.pos));
        } else if (ch === '(') {
          this.opaque(false);
          key = this.text.slice(keyStart, this.pos);
        } else {
          key = this.identifier() ?? '';
          if (!key) {
            this.opaque(false);
            continue;
          }
        }
        this.skipSpace(false);
        if (this.text[this.pos] === '=' || this.text[this.pos] === ':') this.pos++;
        members.set(key, { key: this.loc(keyStart), value: this.expression(false, depth + 1) });
      }
      return this.withTail({ loc, members }, lineEnds);
    }
    this.opaque(lineEnds);
    return { loc };
  }

  /** After a literal tuple/object, anything more (`[…][0]`, `{…}.x`) makes it an opaque expression. */
  private withTail(expr: HclExpr, lineEnds: boolean): HclExpr {
    const save = this.pos;
    this.skipSpace(false);
    const c = this.text[this.pos];
    if (this.pos >= this.text.length || c === '\n' || c === ',' || c === ']' || c === '}' || c === ')' || c === '#' || c === '/') {
      this.pos = save;
      return expr;
    }
    this.opaque(lineEnds);
    return { loc: expr.loc };
  }

  private isForExpression(at: number): boolean {
    return /^\s*for\s/.test(this.text.slice(at, at + 16));
  }

  /** Skip an expression without looking inside it. */
  private opaque(lineEnds: boolean): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') this.string();
      else if (c === '<' && this.text[this.pos + 1] === '<' && /^<<-?[A-Za-z_]/.test(this.text.slice(this.pos, this.pos + 4))) this.heredoc();
      else if (c === '#' || (c === '/' && (this.text[this.pos + 1] === '/' || this.text[this.pos + 1] === '*'))) {
        if (depth === 0 && lineEnds && c !== '/') return;
        this.comment();
      } else if (c === '(' || c === '[' || c === '{') {
        depth++;
        this.pos++;
      } else if (c === ')' || c === ']' || c === '}') {
        if (depth === 0) return;
        depth--;
        this.pos++;
      } else if (depth === 0 && (c === ',' || (c === '\n' && lineEnds))) return;
      else this.pos++;
    }
  }

  /** A quoted template string, with `${…}` and `%{…}` sequences (which may hold strings of their own). */
  private string(): void {
    this.pos++; // opening quote
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '\\') this.pos += 2;
      else if (c === '"') {
        this.pos++;
        return;
      } else if ((c === '$' || c === '%') && this.text[this.pos + 1] === '{') {
        if (this.text[this.pos - 1] === c && this.text[this.pos - 2] !== c) {
          this.pos += 2; // `$${` / `%%{` is a literal
          continue;
        }
        this.pos += 2;
        this.templateBody();
      } else if (c === '\n') return; // unterminated: hcl2json reports it
      else this.pos++;
    }
  }

  private templateBody(): void {
    let depth = 0;
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === '"') this.string();
      else if (c === '{') {
        depth++;
        this.pos++;
      } else if (c === '}') {
        this.pos++;
        if (depth-- === 0) return;
      } else this.pos++;
    }
  }

  private heredoc(): void {
    const m = /^<<-?([A-Za-z_][\w-]*)[ \t]*\r?\n/.exec(this.text.slice(this.pos));
    if (!m) {
      this.pos += 2;
      return;
    }
    const marker = m[1]!;
    this.pos += m[0].length;
    while (this.pos < this.text.length) {
      const end = this.text.indexOf('\n', this.pos);
      const line = this.text.slice(this.pos, end < 0 ? this.text.length : end);
      this.pos = end < 0 ? this.text.length : end + 1;
      if (line.trim() === marker) {
        if (end >= 0) this.pos = end; // leave the newline: it ends the attribute
        return;
      }
    }
  }

  private comment(): void {
    if (this.text.startsWith('/*', this.pos)) {
      const end = this.text.indexOf('*/', this.pos + 2);
      this.pos = end < 0 ? this.text.length : end + 2;
      return;
    }
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end;
  }

  private skipSpace(newlines: boolean): void {
    while (this.pos < this.text.length) {
      const c = this.text[this.pos]!;
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.pos++;
      else if (c === '#' || (c === '/' && this.text[this.pos + 1] === '/')) this.comment();
      else if (c === '/' && this.text[this.pos + 1] === '*') this.comment();
      else return;
    }
  }

  private skipLine(): void {
    const end = this.text.indexOf('\n', this.pos);
    this.pos = end < 0 ? this.text.length : end + 1;
  }

  private identifier(): string | undefined {
    const m = /^[A-Za-z_][\w-]*/.exec(this.text.slice(this.pos, this.pos + 256));
    if (!m) return undefined;
    this.pos += m[0].length;
    return m[0];
  }
}

function unquote(s: string): string {
  try {
    return JSON.parse(s) as string;
  } catch {
    return s.slice(1, -1);
  }
}
