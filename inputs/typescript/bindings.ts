/**
 * Provider bindings → Terraform blocks → terraformToRaw(), the mapping HCL goes through, so a bindings app lints
 * exactly as the same HCL does.
 */
import type { SourceLocation, NodePath } from '../../model/types.js';
import { pointerKey, PositionIndex } from '../../model/positions.js';
import { ANY_SEGMENT } from '../../model/unknown.js';
import type { RawInput } from '../raw-input.js';
import { moduleScope } from '../terraform/eval/index.js';
import { expandTerraformBlocks, terraformToRaw, type TerraformBlock } from '../terraform/mapping.js';
import { BINDING_META_ARGUMENTS, CHILD_SECTION_OF_TYPE, MAP_ATTRIBUTES, snakeCase, UNREAD } from './provider-classes.js';
import type { StaticReader } from './static-reader.js';
import type { ConstructDecl, Note, Obj, Val } from './values.js';

export class BindingMapper {
  constructor(
    private readonly reader: StaticReader,
    private readonly notes: Note[],
  ) {}

  /**
   * Provider bindings → Terraform blocks → terraformToRaw(), the mapping HCL goes through. A value that cannot
   * be read is noted here (in TypeScript's words) and handed on as an unresolvable expression, so the mapping
   * records it as unknown, not missing, without a second note.
   */
  toRaw(decls: ConstructDecl[], positions: PositionIndex): RawInput {
    const blocks: TerraformBlock[] = [];
    const unreadChildTypes = new Set<string>(this.reader.repeatedTypes);
    for (const decl of decls) {
      const props = this.reader.propsOf(decl);
      if (props?.kind !== 'object') {
        unreadChildTypes.add(decl.tfType!);
        continue;
      }
      const locs = new Map<string, { key?: SourceLocation; value?: SourceLocation }>();
      const body: Obj = {};
      for (const m of props.members) {
        if (BINDING_META_ARGUMENTS.has(m.key)) continue;
        const key = snakeCase(m.key);
        locs.set(pointerKey([key]), { key: m.keyLoc, value: m.val.loc });
        // Each use of a shared const is expanded here: the reader's budget counts it.
        body[key] = this.reader.afford(m.val, m.val.loc) ? this.toTerraformValue(m.val, [key], locs, MAP_ATTRIBUTES.has(key)) : UNREAD;
      }
      for (const key of props.skipped ?? []) if (!BINDING_META_ARGUMENTS.has(key)) body[snakeCase(key)] = UNREAD;
      blocks.push({
        mode: 'resource',
        type: decl.tfType!,
        name: this.bindingName(decl),
        body,
        loc: decl.loc,
        locate: (path) => locs.get(pointerKey(path)),
      });
    }
    // Terraform configuration is unordered; the HCL and Terraform JSON readers see blocks by type, then name
    // (hcl2json sorts them), so bindings go in that order too and number their grants and scopes alike.
    const byAddress = (x: TerraformBlock, y: TerraformBlock): number => (x.type < y.type ? -1 : x.type > y.type ? 1 : x.name < y.name ? -1 : x.name > y.name ? 1 : 0);
    blocks.sort(byAddress);
    const mapped = new PositionIndex(positions.defaultFile);
    for (const [file, text] of positions.texts) mapped.texts.set(file, text);
    const notes: Note[] = [];
    // A binding with `forEach: TerraformIterator.fromList(…)` makes one resource per element, as Terraform does.
    const expanded = blocks.some((b) => b.body.for_each !== undefined || b.body.count !== undefined) ? expandTerraformBlocks(blocks, moduleScope(new Map())) : blocks;
    const raw = terraformToRaw(expanded, { positions: mapped, notes });
    raw.notes = notes.filter((n) => !n.message.includes(UNREAD));
    // Child resources made in a loop, or whose config cannot be read: some application has more of them.
    for (const type of unreadChildTypes) {
      const section = CHILD_SECTION_OF_TYPE[type];
      if (section) (raw.holes ??= []).push(['applications', ANY_SEGMENT, section, ANY_SEGMENT]);
    }
    return raw;
  }

  private readonly bindingNames = new Map<ConstructDecl, string>();
  /** The Terraform name of a binding: its construct id where that is a usable name, unique per type. */
  private bindingName(decl: ConstructDecl): string {
    const known = this.bindingNames.get(decl);
    if (known) return known;
    const idNode = (decl.node as import('ts-morph').NewExpression).getArguments()[1];
    // `binding.overrideLogicalId('name')` (as `cdktf convert` writes it) is the name Terraform sees.
    const overridden = this.reader.logicalId(decl);
    const id = overridden !== undefined ? { kind: 'primitive' as const, value: overridden } : idNode && this.reader.evaluateQuiet(idNode, 0);
    const base = id?.kind === 'primitive' && typeof id.value === 'string' && id.value !== '' ? id.value.replace(/[^\w-]/g, '_').replace(/^(?=[\d-])/, '_') : 'binding';
    const taken = new Set([...this.bindingNames].filter(([d]) => d.tfType === decl.tfType).map(([, n]) => n));
    let name = base;
    for (let k = 2; taken.has(name); k++) name = `${base}_${k}`;
    this.bindingNames.set(decl, name);
    return name;
  }

  /** A read value → the shape Terraform JSON gives it (snake_case keys, `${TYPE.NAME.ATTR}` references). */
  private toTerraformValue(val: Val, path: NodePath, locs: Map<string, { key?: SourceLocation; value?: SourceLocation }>, verbatim: boolean): unknown {
    const at = pointerKey(path);
    locs.set(at, { ...locs.get(at), value: val.loc });
    switch (val.kind) {
      case 'primitive':
        return val.value;
      case 'construct':
        if (val.decl.tfType) return `\${${val.decl.tfType}.${this.bindingName(val.decl)}.${snakeCase(val.attribute ?? 'id')}}`;
        this.notes.push({ message: `skipped a value that cannot be read without running the code: a ${val.decl.cls} referenced from a provider binding`, file: val.loc.file, line: val.loc.line, column: val.loc.column });
        return UNREAD;
      case 'array': {
        const out = val.items.map((item, i) => this.toTerraformValue(item, [...path, i], locs, verbatim));
        for (let k = 0; k < (val.unknownItems ?? 0); k++) out.push(UNREAD);
        return out;
      }
      case 'object': {
        const out: Obj = {};
        for (const m of val.members) {
          const key = verbatim ? m.key : snakeCase(m.key);
          locs.set(pointerKey([...path, key]), { key: m.keyLoc, value: m.val.loc });
          out[key] = this.toTerraformValue(m.val, [...path, key], locs, verbatim || MAP_ATTRIBUTES.has(key));
        }
        for (const key of val.skipped ?? []) out[verbatim ? key : snakeCase(key)] = UNREAD;
        return out;
      }
    }
  }
}
