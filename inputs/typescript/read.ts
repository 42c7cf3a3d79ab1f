/**
 * cdktf TypeScript, read statically with ts-morph → RawConfig. The files are parsed, never executed: only
 * `new <TipkitConstruct>(scope, id, props)` calls and `new <ProviderBinding>(scope, id, config)` calls (the
 * AWS provider's own classes, `SsoadminApplication` & co., imported from `@cdktf/provider-aws`, `@cdktn/provider-aws`
 * or a `cdktf get` `.gen/providers/aws` folder) are read, and only arguments that are literals or can be
 * resolved to literals without running code (const bindings, `as const`, simple spreads, template strings of
 * constants, `JSON.stringify` / `Fn.jsonencode` of literals, references to other constructs). Anything else is
 * skipped with a note, never guessed. Provider bindings become Terraform blocks (their config is the camelCase
 * of the HCL attributes) and go through the same mapping as HCL, so they lint exactly as the same HCL does.
 */
import { PROP_DEFAULTS } from '../../model/prop-defaults.js';
import { dirname, posix, resolve as resolvePath } from 'node:path';
import type { Node as TsNode, Project, SourceFile } from 'ts-morph';
import type { RawInput } from '../raw-input.js';
import { readSourceFile, type ReadOptions } from '../yaml/parse.js';
import { PositionIndex } from '../../model/positions.js';
import type { ConstructSuppression, NodePath, RawConfig, SourceLocation } from '../../model/types.js';
import { isObject } from '../../model/build.js';
import { ANY_SEGMENT } from '../../model/unknown.js';
import { readsType, terraformToRaw, type TerraformBlock } from '../terraform/mapping.js';
import { pointerKey } from '../../model/positions.js';

type TsMorph = typeof import('ts-morph');
type Note = NonNullable<RawInput['notes']>[number];
type Obj = Record<string, unknown>;

const CONSTRUCT_CLASSES = [
  'IdentityCenterApplication',
  'TrustedTokenIssuer',
  'ApplicationGrant',
  'ApplicationAccessScope',
  'ApplicationAuthenticationMethod',
] as const;
type ConstructClass = (typeof CONSTRUCT_CLASSES)[number];

/** The prop that says which resource a construct is; without it the construct is not read. */
const IDENTIFYING_PROP: Record<ConstructClass, string> = {
  IdentityCenterApplication: 'name',
  TrustedTokenIssuer: 'name',
  ApplicationGrant: 'grantType',
  ApplicationAccessScope: 'scope',
  ApplicationAuthenticationMethod: 'authenticationMethod',
};

/** Construct attributes that stand for the construct itself when used as a reference (`app.applicationArn`). */
const REFERENCE_ATTRIBUTES = new Set(['applicationArn', 'applicationName', 'trustedTokenIssuerArn', 'issuerName', 'arn', 'name', 'id']);

/** A value read from the source, with where each part of it was written. */
type Val =
  | { kind: 'primitive'; value: string | number | boolean | null; loc: SourceLocation }
  | { kind: 'object'; members: Member[]; loc: SourceLocation; skipped?: string[] }
  | { kind: 'array'; items: Val[]; loc: SourceLocation; /** Elements that could not be read (unknown, not missing). */ unknownItems?: number }
  | { kind: 'construct'; decl: ConstructDecl; loc: SourceLocation; /** `issuer.arn`: the attribute read off a provider binding. */ attribute?: string };
interface Member {
  key: string;
  keyLoc: SourceLocation;
  val: Val;
}

interface ConstructDecl {
  /** A tipkit construct class, or the provider binding's class name (then `tfType` is set). */
  cls: ConstructClass;
  /** The Terraform resource type of a provider binding (`aws_ssoadmin_application`). */
  tfType?: string;
  node: TsNode;
  loc: SourceLocation;
  /** The props object, read lazily (it may reference other constructs). */
  props?: Val;
  propsRead: boolean;
}

/** Max depth of const-following and nesting, so a cyclic or absurd file cannot hang the reader. */
const MAX_DEPTH = 64;

export async function readTypeScriptFiles(files: string[], opts: ReadOptions = {}): Promise<RawInput> {
  const tsm: TsMorph = await import('ts-morph');
  const project: Project = new tsm.Project({
    useInMemoryFileSystem: true,
    skipAddingFilesFromTsConfig: true,
    skipFileDependencyResolution: true,
    compilerOptions: { noLib: true, allowJs: false, noResolve: true },
  });
  const positions = new PositionIndex(files[0] ?? '<none>');
  const notes: Note[] = [];
  // In-memory path → the file name as the user gave it (locations report the latter).
  const displayName = new Map<string, string>();
  const sources: SourceFile[] = [];
  for (const file of files) {
    const text = readSourceFile(file, opts);
    positions.texts.set(file, text);
    const memPath = posix.normalize('/' + resolvePath(file).replace(/\\/g, '/').replace(/^[A-Za-z]:/, ''));
    displayName.set(memPath, file);
    let sf: SourceFile;
    let syntax: ReturnType<ReturnType<Project['getProgram']>['getSyntacticDiagnostics']>;
    try {
      sf = project.createSourceFile(memPath, text, { overwrite: true });
      syntax = project.getProgram().getSyntacticDiagnostics(sf);
    } catch (err) {
      if (!(err instanceof RangeError)) throw err;
      notes.push({ message: `skipped ${file}: it nests too deeply to read`, file, line: 1, column: 1 });
      continue;
    }
    const first = syntax[0];
    if (first) {
      const pos = sf.getLineAndColumnAtPos(first.getStart() ?? 0);
      const msg = first.getMessageText();
      const text = typeof msg === 'string' ? msg : msg.getMessageText();
      notes.push({ message: `skipped ${file}: TypeScript syntax error: ${text}`, file, line: pos.line, column: pos.column });
      continue;
    }
    sources.push(sf);
  }
  const reader = new StaticReader(tsm, sources, displayName, notes);
  return reader.read(positions);
}

class StaticReader {
  private readonly SK: TsMorph['SyntaxKind'];
  private readonly Node: TsMorph['Node'];
  private readonly decls = new Map<TsNode, ConstructDecl>();
  private readonly byPath = new Map<string, SourceFile>();
  private readonly noted = new Set<string>();
  /** Construct classes some `new` of which runs any number of times (in a loop, in a callback). */
  readonly repeated = new Set<ConstructClass>();

  constructor(
    tsm: TsMorph,
    private readonly sources: SourceFile[],
    private readonly displayName: Map<string, string>,
    private readonly notes: Note[],
  ) {
    this.SK = tsm.SyntaxKind;
    this.Node = tsm.Node;
    for (const sf of sources) this.byPath.set(sf.getFilePath(), sf);
  }

  read(positions: PositionIndex): RawInput {
    const all: ConstructDecl[] = [];
    for (const sf of this.sources) {
      const before = all.length;
      try {
        this.findConstructs(sf, all);
      } catch (err) {
        // Hostile nesting overflows the recursive walk: the file is skipped, not half-read.
        if (!(err instanceof RangeError)) throw err;
        all.length = before;
        const file = this.displayName.get(sf.getFilePath()) ?? sf.getFilePath();
        this.notes.push({ message: `skipped ${file}: it nests too deeply to read`, file, line: 1, column: 1 });
      }
    }
    const tipkit = new RawBuilder(this, positions, this.notes).build(all.filter((d) => d.tfType === undefined));
    const bindings = all.filter((d) => d.tfType !== undefined);
    if (bindings.length === 0) return tipkit;
    return mergeRawInputs(tipkit, this.bindingsToRaw(bindings, positions));
  }

  /**
   * Provider bindings → Terraform blocks → terraformToRaw(), the mapping HCL goes through. A value that cannot
   * be read is noted here (in TypeScript's words) and handed on as an unresolvable expression, so the mapping
   * records it as unknown, not missing, without a second note.
   */
  private bindingsToRaw(decls: ConstructDecl[], positions: PositionIndex): RawInput {
    const blocks: TerraformBlock[] = [];
    const unreadChildTypes = new Set<string>(this.repeatedTypes);
    for (const decl of decls) {
      const props = this.propsOf(decl);
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
        body[key] = this.toTerraformValue(m.val, [key], locs, MAP_ATTRIBUTES.has(key));
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
    const raw = terraformToRaw(blocks, { positions: mapped, notes });
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
    const id = idNode && this.evaluateQuiet(idNode, 0);
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

  private findConstructs(sf: SourceFile, all: ConstructDecl[]): void {
    const classNames = this.constructClassNames(sf);
    const bindings = this.providerBindings(sf);
    sf.forEachDescendant((n) => {
      if (!this.Node.isNewExpression(n)) return;
      const callee = n.getExpression();
      const tfType = this.bindingType(callee, bindings);
      if (tfType) {
        const cls = (this.Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText()) as ConstructClass;
        if (this.repetition(n)) {
          this.note(n, `skipped new ${cls}(…): it is created ${this.repetition(n)}, so how many there are is only known when the code runs`);
          this.repeatedTypes.add(tfType);
          return;
        }
        const decl: ConstructDecl = { cls, tfType, node: n, loc: this.loc(n), propsRead: false };
        this.decls.set(n, decl);
        all.push(decl);
        return;
      }
      const name = this.Node.isIdentifier(callee)
        ? classNames.get(callee.getText())
        : this.Node.isPropertyAccessExpression(callee)
          ? CONSTRUCT_CLASSES.find((c) => c === callee.getName())
          : undefined;
      if (!name) return;
      const repeated = this.repetition(n);
      if (repeated) {
        this.note(n, `skipped new ${name}(…): it is created ${repeated}, so how many there are is only known when the code runs`);
        this.repeated.add(name);
        return;
      }
      const decl: ConstructDecl = { cls: name, node: n, loc: this.loc(n), propsRead: false };
      this.decls.set(n, decl);
      all.push(decl);
    });
  }

  /** 'in a loop' / 'in a callback' when a `new` may run any number of times; undefined otherwise. */
  private repetition(n: TsNode): string | undefined {
    const { Node } = this;
    for (let p = n.getParent(); p && !Node.isSourceFile(p); p = p.getParent()) {
      if (Node.isForStatement(p) || Node.isForOfStatement(p) || Node.isForInStatement(p) || Node.isWhileStatement(p) || Node.isDoStatement(p)) return 'in a loop';
      if ((Node.isArrowFunction(p) || Node.isFunctionExpression(p)) && Node.isCallExpression(p.getParent())) return 'in a callback';
    }
    return undefined;
  }

  /** Terraform types of provider bindings created in a loop (their resources are skipped, their uses unknown). */
  readonly repeatedTypes = new Set<string>();

  /**
   * What a file imports from the AWS provider: local class names (→ Terraform type) and namespace names
   * (`import * as aws from '@cdktf/provider-aws'`, `import { ssoadminApplication } from '@cdktf/provider-aws'`).
   */
  private providerBindings(sf: SourceFile): { classes: Map<string, string>; namespaces: Set<string> } {
    const classes = new Map<string, string>();
    const namespaces = new Set<string>();
    for (const imp of sf.getImportDeclarations()) {
      const specifier = imp.getModuleSpecifierValue();
      if (!PROVIDER_MODULE.test(specifier)) continue;
      const moduleType = /\/(?:lib|aws)\/([a-z0-9-]+)(?:\/index(?:\.[cm]?[jt]s)?|\.[cm]?[jt]s)?$/.exec(specifier)?.[1];
      const ns = imp.getNamespaceImport()?.getText();
      if (ns) namespaces.add(ns);
      for (const spec of imp.getNamedImports()) {
        const imported = spec.getName();
        const local = spec.getAliasNode()?.getText() ?? imported;
        if (/^[a-z]/.test(imported)) namespaces.add(local);
        else classes.set(local, moduleType && moduleType !== 'index' ? `aws_${moduleType.replace(/-/g, '_')}` : terraformTypeOfClass(imported));
      }
    }
    return { classes, namespaces };
  }

  /** The Terraform type a `new` callee stands for, when it is a provider binding tipkit reads or notes. */
  private bindingType(callee: TsNode, bindings: { classes: Map<string, string>; namespaces: Set<string> }): string | undefined {
    const { Node } = this;
    let type: string | undefined;
    if (Node.isIdentifier(callee)) type = bindings.classes.get(callee.getText());
    else if (Node.isPropertyAccessExpression(callee)) {
      let root: TsNode = callee;
      while (Node.isPropertyAccessExpression(root)) root = root.getExpression();
      if (Node.isIdentifier(root) && bindings.namespaces.has(root.getText())) type = terraformTypeOfClass(callee.getName());
    }
    return type && readsType('resource', type) ? type : undefined;
  }

  /** Local names of the construct classes in a file: the class names themselves, plus import aliases. */
  private constructClassNames(sf: SourceFile): Map<string, ConstructClass> {
    const names = new Map<string, ConstructClass>(CONSTRUCT_CLASSES.map((c) => [c, c]));
    for (const imp of sf.getImportDeclarations()) {
      for (const spec of imp.getNamedImports()) {
        const imported = spec.getName() as ConstructClass;
        const alias = spec.getAliasNode()?.getText();
        if (alias && CONSTRUCT_CLASSES.includes(imported)) names.set(alias, imported);
      }
    }
    return names;
  }

  loc(node: TsNode): SourceLocation {
    const sf = node.getSourceFile();
    const start = sf.getLineAndColumnAtPos(node.getStart());
    const end = sf.getLineAndColumnAtPos(node.getEnd());
    return { file: this.fileOf(node), line: start.line, column: start.column, endLine: end.line, endColumn: end.column };
  }

  fileOf(node: TsNode): string {
    const p = node.getSourceFile().getFilePath();
    return this.displayName.get(p) ?? p;
  }

  note(node: TsNode, message: string): void {
    const loc = this.loc(node);
    const key = `${loc.file}:${loc.line}:${loc.column}:${message}`;
    if (this.noted.has(key)) return;
    this.noted.add(key);
    this.notes.push({ message, file: loc.file, line: loc.line, column: loc.column });
  }

  propsOf(decl: ConstructDecl): Val | undefined {
    if (decl.propsRead) return decl.props;
    decl.propsRead = true;
    const args = (decl.node as import('ts-morph').NewExpression).getArguments();
    const propsNode = args[2];
    if (!propsNode) {
      this.note(decl.node, `skipped new ${decl.cls}(…): expected (scope, id, props)`);
      return undefined;
    }
    decl.props = this.evaluate(propsNode, 0);
    if (decl.props && decl.props.kind !== 'object') {
      this.note(propsNode, `skipped new ${decl.cls}(…): its props are not an object literal`);
      decl.props = undefined;
    }
    return decl.props;
  }

  /** The construct's `name` prop as a string, when it resolves to one. */
  nameOf(decl: ConstructDecl): string | undefined {
    const props = this.propsOf(decl);
    if (props?.kind !== 'object') return undefined;
    const name = props.members.find((m) => m.key === 'name')?.val;
    return name?.kind === 'primitive' && typeof name.value === 'string' ? name.value : undefined;
  }

  /** Resolve an expression to a value without running it; undefined (with a note) when that is not possible. */
  evaluate(node: TsNode, depth: number): Val | undefined {
    const { Node, SK } = this;
    if (depth > MAX_DEPTH) return this.skip(node, 'nested too deeply');
    const loc = this.loc(node);
    if (Node.isStringLiteral(node) || Node.isNoSubstitutionTemplateLiteral(node)) return { kind: 'primitive', value: node.getLiteralValue(), loc };
    if (Node.isNumericLiteral(node)) return { kind: 'primitive', value: node.getLiteralValue(), loc };
    if (node.getKind() === SK.TrueKeyword) return { kind: 'primitive', value: true, loc };
    if (node.getKind() === SK.FalseKeyword) return { kind: 'primitive', value: false, loc };
    if (node.getKind() === SK.NullKeyword) return { kind: 'primitive', value: null, loc };
    if (Node.isPrefixUnaryExpression(node) && node.getOperatorToken() === SK.MinusToken) {
      const v = this.evaluate(node.getOperand(), depth + 1);
      return v?.kind === 'primitive' && typeof v.value === 'number' ? { kind: 'primitive', value: -v.value, loc } : this.skip(node, 'not a constant number');
    }
    if (Node.isParenthesizedExpression(node) || Node.isAsExpression(node) || Node.isSatisfiesExpression(node) || Node.isNonNullExpression(node) || Node.isTypeAssertion(node)) {
      const inner = this.evaluate(node.getExpression(), depth + 1);
      return inner && { ...inner, loc } as Val;
    }
    if (Node.isTemplateExpression(node)) {
      let out = node.getHead().getLiteralText();
      for (const span of node.getTemplateSpans()) {
        const v = this.evaluate(span.getExpression(), depth + 1);
        if (v?.kind !== 'primitive') return v && this.skip(span.getExpression(), 'template substitution is not a constant');
        out += String(v.value) + span.getLiteral().getLiteralText();
      }
      return { kind: 'primitive', value: out, loc };
    }
    if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SK.PlusToken) {
      const l = this.evaluate(node.getLeft(), depth + 1);
      const r = l && this.evaluate(node.getRight(), depth + 1);
      if (l?.kind === 'primitive' && r?.kind === 'primitive' && (typeof l.value === 'string' || typeof r.value === 'string')) {
        return { kind: 'primitive', value: String(l.value) + String(r.value), loc };
      }
      return l && r ? this.skip(node, 'not a constant string') : undefined;
    }
    if (Node.isArrayLiteralExpression(node)) {
      const items: Val[] = [];
      let unknownItems = 0;
      for (const el of node.getElements()) {
        if (Node.isSpreadElement(el)) {
          const spread = this.evaluate(el.getExpression(), depth + 1);
          if (spread?.kind === 'array') items.push(...spread.items);
          else {
            if (spread) this.skip(el, 'spread of something that is not a constant array');
            unknownItems++;
          }
          continue;
        }
        const v = this.evaluate(el, depth + 1);
        if (v) items.push(v);
        else unknownItems++;
      }
      return { kind: 'array', items, loc, ...(unknownItems ? { unknownItems } : {}) };
    }
    if (Node.isObjectLiteralExpression(node)) {
      const members: Member[] = [];
      const skipped: string[] = [];
      const put = (m: Member): void => {
        const at = members.findIndex((x) => x.key === m.key);
        if (at >= 0) members.splice(at, 1);
        members.push(m);
      };
      for (const p of node.getProperties()) {
        if (Node.isPropertyAssignment(p)) {
          const nameNode = p.getNameNode();
          const key = this.propertyName(nameNode, depth);
          if (key === undefined) {
            this.skip(nameNode, 'computed property name is not a constant');
            continue;
          }
          const init = p.getInitializer();
          const v = init && this.evaluate(init, depth + 1);
          if (v) put({ key, keyLoc: this.loc(nameNode), val: v });
          else skipped.push(key);
        } else if (Node.isShorthandPropertyAssignment(p)) {
          const v = this.evaluate(p.getNameNode(), depth + 1);
          if (v) put({ key: p.getName(), keyLoc: this.loc(p.getNameNode()), val: v });
          else skipped.push(p.getName());
        } else if (Node.isSpreadAssignment(p)) {
          const spread = this.evaluate(p.getExpression(), depth + 1);
          if (spread?.kind === 'object') spread.members.forEach(put);
          else if (spread) this.skip(p, 'spread of something that is not a constant object');
        } else {
          this.skip(p, 'methods and accessors are not read');
        }
      }
      return { kind: 'object', members, loc, skipped };
    }
    if (Node.isIdentifier(node)) {
      if (node.getText() === 'undefined') return this.skip(node, '`undefined` is not a value');
      const target = this.resolveIdentifier(node, depth);
      if (target === undefined) return this.skip(node, `\`${node.getText()}\` is not a const with a literal value`);
      if (target === null) return undefined;
      if (this.Node.isNewExpression(target) && this.decls.has(target)) return { kind: 'construct', decl: this.decls.get(target)!, loc };
      const v = this.evaluate(target, depth + 1);
      return v && ({ ...v, loc } as Val);
    }
    if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
      const objectNode = node.getExpression();
      const key = Node.isPropertyAccessExpression(node) ? node.getName() : this.elementKey(node, depth);
      if (key === undefined) return this.skip(node, 'element access with a non-constant key');
      const base = this.evaluateQuiet(objectNode, depth + 1);
      if (base?.kind === 'construct') {
        if (base.decl.tfType && base.attribute === undefined) return { kind: 'construct', decl: base.decl, attribute: key, loc };
        if (REFERENCE_ATTRIBUTES.has(key) && !base.decl.tfType) return { kind: 'construct', decl: base.decl, loc };
        return this.skip(node, `\`${key}\` of a ${base.decl.cls} is only known after deploy`);
      }
      if (base?.kind === 'object') {
        const m = base.members.find((x) => x.key === key);
        return m ? ({ ...m.val, loc } as Val) : this.skip(node, `\`${node.getText()}\` has no constant value`);
      }
      if (base?.kind === 'array' && /^\d+$/.test(key)) {
        const item = base.items[Number(key)];
        return item ? ({ ...item, loc } as Val) : this.skip(node, `\`${node.getText()}\` is out of range`);
      }
      return this.skip(node, `\`${node.getText()}\` is not a constant`);
    }
    if (Node.isNewExpression(node) && this.decls.has(node)) return { kind: 'construct', decl: this.decls.get(node)!, loc };
    if (Node.isCallExpression(node) && JSON_ENCODERS.has(node.getExpression().getText().replace(/\s+/g, '')) && node.getArguments().length === 1) {
      // A policy written as `JSON.stringify({...})` or `Fn.jsonencode({...})` of literals is JSON text, as Terraform's jsonencode gives it.
      const arg = this.evaluate(node.getArguments()[0]!, depth + 1);
      const plain = arg && plainValue(arg);
      if (plain !== UNREAD_VALUE && arg) return { kind: 'primitive', value: JSON.stringify(plain), loc };
      return arg && this.skip(node, 'the encoded value is not all literals');
    }
    return this.skip(node, `\`${abbreviate(node.getText())}\` is not a literal or a constant`);
  }

  /** Evaluate without noting failure at this node (the caller reports it with better context). */
  private evaluateQuiet(node: TsNode, depth: number): Val | undefined {
    const before = this.notes.length;
    const v = this.evaluate(node, depth);
    if (!v) this.notes.length = before;
    return v;
  }

  private skip(node: TsNode, why: string): undefined {
    this.note(node, `skipped a value that cannot be read without running the code: ${why}`);
    return undefined;
  }

  private propertyName(nameNode: TsNode, depth: number): string | undefined {
    const { Node } = this;
    if (Node.isIdentifier(nameNode) || Node.isPrivateIdentifier(nameNode)) return nameNode.getText();
    if (Node.isStringLiteral(nameNode) || Node.isNoSubstitutionTemplateLiteral(nameNode) || Node.isNumericLiteral(nameNode)) return String(nameNode.getLiteralValue());
    if (Node.isComputedPropertyName(nameNode)) {
      const v = this.evaluateQuiet(nameNode.getExpression(), depth + 1);
      return v?.kind === 'primitive' ? String(v.value) : undefined;
    }
    return undefined;
  }

  private elementKey(node: import('ts-morph').ElementAccessExpression, depth: number): string | undefined {
    const arg = node.getArgumentExpression();
    const v = arg && this.evaluateQuiet(arg, depth + 1);
    return v?.kind === 'primitive' ? String(v.value) : undefined;
  }

  /**
   * The initializer a name is bound to: a `const` in an enclosing scope, or an exported `const` of another
   * file of the set that this file imports. undefined: not such a binding; null: found but already noted.
   */
  private resolveIdentifier(id: TsNode, depth: number): TsNode | undefined | null {
    const name = id.getText();
    for (let scope: TsNode | undefined = id.getParent(); scope; scope = scope.getParent()) {
      const found = this.constInScope(scope, name);
      if (found) return found;
      if (this.Node.isSourceFile(scope)) return this.resolveImport(scope, name, depth);
    }
    return undefined;
  }

  private constInScope(scope: TsNode, name: string): TsNode | undefined {
    const { Node } = this;
    if (!(Node.isSourceFile(scope) || Node.isBlock(scope) || Node.isModuleBlock(scope) || Node.isCaseClause(scope) || Node.isDefaultClause(scope))) return undefined;
    for (const st of scope.getStatements()) {
      if (!Node.isVariableStatement(st)) continue;
      if (st.getDeclarationKind() !== 'const') continue;
      for (const d of st.getDeclarations()) {
        const nameNode = d.getNameNode();
        if (Node.isIdentifier(nameNode) && nameNode.getText() === name) return d.getInitializer();
      }
    }
    return undefined;
  }

  private resolveImport(sf: SourceFile, name: string, depth: number): TsNode | undefined | null {
    if (depth > MAX_DEPTH) return undefined;
    for (const imp of sf.getImportDeclarations()) {
      const spec = imp.getNamedImports().find((s) => (s.getAliasNode()?.getText() ?? s.getName()) === name);
      if (!spec) continue;
      const target = this.importedFile(sf, imp.getModuleSpecifierValue());
      if (!target) return undefined;
      return this.constInScope(target, spec.getName()) ?? this.resolveImport(target, spec.getName(), depth + 1);
    }
    return undefined;
  }

  /** A relative import that names another file of the set (`./consts.js` → consts.ts). */
  private importedFile(from: SourceFile, specifier: string): SourceFile | undefined {
    if (!specifier.startsWith('.')) return undefined;
    const base = posix.join(dirname(from.getFilePath()), specifier);
    const stem = base.replace(/\.(m|c)?(j|t)s$/, '');
    for (const candidate of [base, `${stem}.ts`, `${stem}.mts`, `${stem}.cts`, `${stem}/index.ts`]) {
      const hit = this.byPath.get(candidate);
      if (hit) return hit;
    }
    return undefined;
  }
}

/**
 * Turns the read constructs into one RawConfig: props keys are upper-cased on the first letter (the props
 * mirror the sso-admin shapes), `actorPolicy` is kept as written, construct references become Names.
 */
class RawBuilder {
  private readonly raw: RawConfig = { version: 1 };
  private readonly suppressions: ConstructSuppression[] = [];
  /** RawConfig places whose value could not be read (see RawInput.holes). */
  private readonly holes: NodePath[] = [];
  private instanceArn?: string;

  constructor(
    private readonly reader: StaticReader,
    private readonly positions: PositionIndex,
    private readonly notes: Note[],
  ) {}

  build(decls: ConstructDecl[]): RawInput {
    const issuers = decls.filter((d) => d.cls === 'TrustedTokenIssuer');
    const apps = decls.filter((d) => d.cls === 'IdentityCenterApplication');
    const children = decls.filter((d) => d.cls !== 'TrustedTokenIssuer' && d.cls !== 'IdentityCenterApplication');
    const appIndex = new Map<ConstructDecl, number>();
    const appByName = new Map<string, number>();
    const rawIssuers: Obj[] = [];
    const rawApps: Obj[] = [];

    for (const decl of issuers) {
      const props = this.reader.propsOf(decl);
      if (props?.kind !== 'object' || !this.identifiable(decl, props)) continue;
      const path: NodePath = ['trustedTokenIssuers', rawIssuers.length];
      const out: Obj = {};
      rawIssuers.push(out);
      this.positions.setValue(path, props.loc);
      for (const m of props.members) {
        if (m.key === 'instanceArn') this.takeInstanceArn(m, out, path);
        else if (m.key === 'suppressions') this.takeSuppressions(m, path, () => `trustedTokenIssuers/${String(out.Name)}`);
        else this.put(out, path, m);
      }
      this.holesOfProps(props, path);
      // The construct's documented defaults, as synth writes them.
      if (out.TrustedTokenIssuerType === undefined) this.putDefault(out, path, 'TrustedTokenIssuerType', PROP_DEFAULTS.trustedTokenIssuerType, props.loc);
      const oidc = (out.TrustedTokenIssuerConfiguration as Obj | undefined)?.OidcJwtConfiguration;
      if (isObject(oidc) && oidc.JwksRetrievalOption === undefined) {
        this.putDefault(oidc, [...path, 'TrustedTokenIssuerConfiguration', 'OidcJwtConfiguration'], 'JwksRetrievalOption', PROP_DEFAULTS.jwksRetrievalOption, props.loc);
      }
    }

    for (const decl of apps) {
      const props = this.reader.propsOf(decl);
      if (props?.kind !== 'object' || !this.identifiable(decl, props)) continue;
      const path: NodePath = ['applications', rawApps.length];
      const out: Obj = {};
      appIndex.set(decl, rawApps.length);
      rawApps.push(out);
      this.positions.setValue(path, props.loc);
      for (const m of props.members) {
        if (m.key === 'instanceArn') this.takeInstanceArn(m, out, path);
        else if (m.key === 'identityStoreId') this.takeIdentityStoreId(m);
        else if (m.key === 'suppressions') this.takeSuppressions(m, path, () => `applications/${String(out.Name)}`);
        else this.put(out, path, m);
      }
      this.holesOfProps(props, path);
      if (typeof out.Name === 'string' && !appByName.has(out.Name)) appByName.set(out.Name, appIndex.get(decl)!);
    }

    const section: Record<string, string> = {
      ApplicationGrant: 'Grants',
      ApplicationAccessScope: 'AccessScopes',
      ApplicationAuthenticationMethod: 'AuthenticationMethods',
    };
    // A grant, scope or method that belongs to some application but could not be read: that application has
    // one more of them than is known (unknown, not missing), whichever application it is.
    const someApplicationHasOneMore = (cls: ConstructClass): void => {
      this.holes.push(['applications', ANY_SEGMENT, section[cls]!, ANY_SEGMENT]);
    };
    for (const cls of this.reader.repeated) if (section[cls]) someApplicationHasOneMore(cls);
    for (const decl of children) {
      const props = this.reader.propsOf(decl);
      if (props?.kind !== 'object' || !this.identifiable(decl, props)) {
        someApplicationHasOneMore(decl.cls);
        continue;
      }
      const appMember = props.members.find((m) => m.key === 'application');
      if (!appMember) {
        const unreadable = props.skipped?.includes('application');
        this.note(decl.loc, `skipped new ${decl.cls}(…): ${unreadable ? 'its `application` cannot be read without running the code' : 'it has no `application`'}`);
        if (unreadable) someApplicationHasOneMore(decl.cls);
        continue;
      }
      const appVal = appMember.val;
      let index: number | undefined;
      if (appVal.kind === 'construct') index = appIndex.get(appVal.decl);
      else if (appVal.kind === 'primitive' && typeof appVal.value === 'string') {
        index = appByName.get(appVal.value) ?? rawApps.findIndex((a) => a.ApplicationArn === appVal.value);
        if (index < 0) index = undefined;
      }
      if (index === undefined) {
        this.note(appVal.loc, `skipped new ${decl.cls}(…): its \`application\` is not an IdentityCenterApplication declared in these files`);
        // An application construct of these files that could not be read itself (its name is not constant).
        if (appVal.kind === 'construct') someApplicationHasOneMore(decl.cls);
        continue;
      }
      const app = rawApps[index]!;
      const key = section[decl.cls]!;
      const list = (app[key] ??= []) as Obj[];
      const path: NodePath = ['applications', index, key, list.length];
      const out: Obj = {};
      list.push(out);
      this.positions.setValue(path, props.loc);
      for (const m of props.members) {
        if (m.key === 'application') continue;
        if (m.key === 'suppressions') this.takeSuppressions(m, path, () => `applications/${String(app.Name)}/${key}/${String(path[3])}`);
        else this.put(out, path, m);
      }
      this.holesOfProps(props, path);
      if (decl.cls === 'ApplicationGrant' && out.Grant === undefined) {
        // refresh_token and token_exchange take no settings; the construct sends the empty union member.
        const member = out.GrantType === 'refresh_token' ? 'RefreshToken' : out.GrantType === 'urn:ietf:params:oauth:grant-type:token-exchange' ? 'TokenExchange' : undefined;
        if (member) this.putDefault(out, path, 'Grant', { [member]: {} }, props.loc);
      }
      if (decl.cls === 'ApplicationAuthenticationMethod' && out.AuthenticationMethodType === undefined) {
        this.putDefault(out, path, 'AuthenticationMethodType', PROP_DEFAULTS.authenticationMethodType, props.loc);
      }
    }

    if (rawIssuers.length) this.raw.trustedTokenIssuers = rawIssuers;
    if (rawApps.length) this.raw.applications = rawApps;
    this.raw.instance ??= {};
    return { raw: this.raw, positions: this.positions, suppressions: this.suppressions, notes: this.notes, holes: this.holes };
  }

  /**
   * A construct whose identifying prop (an application's or issuer's name, a grant's type, a scope) cannot
   * be read is skipped as a whole: a nameless entry would only produce findings about the reader's gap.
   */
  private identifiable(decl: ConstructDecl, props: Extract<Val, { kind: 'object' }>): boolean {
    const key = IDENTIFYING_PROP[decl.cls];
    if (!props.skipped?.includes(key)) return true;
    this.note(decl.loc, `skipped new ${decl.cls}(…): its \`${key}\` cannot be read without running the code`);
    return false;
  }

  private note(loc: SourceLocation, message: string): void {
    this.notes.push({ message, file: loc.file, line: loc.line, column: loc.column });
  }

  /** Props that could not be read are holes: unknown, not missing (instanceArn/identityStoreId live on the instance). */
  private holesOfProps(props: Extract<Val, { kind: 'object' }>, path: NodePath): void {
    for (const key of props.skipped ?? []) {
      if (key === 'instanceArn' && this.instanceArn === undefined) this.holes.push(['instance', 'InstanceArn']);
      else if (key === 'identityStoreId') this.holes.push(['instance', 'IdentityStoreId']);
      else if (key !== 'suppressions' && key !== 'application') this.holes.push([...path, pascal(key)]);
    }
  }

  /** The first instanceArn seen is the config's instance; a resource on another instance keeps its own. */
  private takeInstanceArn(m: Member, out: Obj, path: NodePath): void {
    const value = m.val.kind === 'primitive' ? m.val.value : undefined;
    if (typeof value !== 'string') return this.put(out, path, m);
    if (this.instanceArn === undefined) {
      this.instanceArn = value;
      this.raw.instance = { InstanceArn: value, ...(this.raw.instance ?? {}) };
      this.positions.setValue(['instance'], m.val.loc);
      this.positions.setValue(['instance', 'InstanceArn'], m.val.loc);
      this.positions.setKey(['instance', 'InstanceArn'], m.keyLoc);
    } else if (value !== this.instanceArn) {
      this.put(out, path, m);
    }
  }

  private takeIdentityStoreId(m: Member): void {
    const instance = (this.raw.instance ??= {});
    if (instance.IdentityStoreId !== undefined) return;
    const value = this.toRaw(m.val, ['instance', 'IdentityStoreId'], false);
    if (value === SKIP) return;
    instance.IdentityStoreId = value;
    this.positions.setKey(['instance', 'IdentityStoreId'], m.keyLoc);
  }

  private takeSuppressions(m: Member, path: NodePath, resource: () => string): void {
    if (m.val.kind !== 'array') {
      this.note(m.val.loc, 'skipped `suppressions`: expected an array of { id, reason }');
      return;
    }
    m.val.items.forEach((item, k) => {
      const id = item.kind === 'object' ? item.members.find((x) => x.key === 'id')?.val : undefined;
      const reason = item.kind === 'object' ? item.members.find((x) => x.key === 'reason')?.val : undefined;
      if (id?.kind !== 'primitive' || typeof id.value !== 'string') {
        this.note(item.loc, 'skipped a suppression: expected { id, reason }');
        return;
      }
      const pointer: NodePath = [...path, 'suppressions', k];
      this.positions.setValue(pointer, item.loc);
      const why = reason?.kind === 'primitive' && typeof reason.value === 'string' ? reason.value : undefined;
      this.suppressions.push({ id: id.value, reason: why, resource: resource(), pointer });
    });
  }

  private put(out: Obj, path: NodePath, m: Member): void {
    const key = pascal(m.key);
    const childPath = [...path, key];
    const value = this.toRaw(m.val, childPath, m.key === 'actorPolicy');
    if (value === SKIP) {
      this.holes.push(childPath);
      return;
    }
    this.positions.setKey(childPath, m.keyLoc);
    out[key] = value;
  }

  private putDefault(out: Obj, path: NodePath, key: string, value: unknown, loc: SourceLocation): void {
    out[key] = value;
    this.positions.setValue([...path, key], loc);
  }

  /**
   * A Val → plain JSON at `path`, recording positions; `verbatim` keeps object keys as written. SKIP: a
   * reference to a construct whose name is not constant (noted, left out like any unreadable value).
   */
  private toRaw(val: Val, path: NodePath, verbatim: boolean): unknown {
    switch (val.kind) {
      case 'primitive':
        this.positions.setValue(path, val.loc);
        return val.value;
      case 'construct': {
        const name = this.reader.nameOf(val.decl);
        if (name === undefined) {
          this.note(val.loc, `skipped a reference: the referenced ${val.decl.cls} has no constant \`name\``);
          return SKIP;
        }
        this.positions.setValue(path, val.loc);
        return name;
      }
      case 'array': {
        this.positions.setValue(path, val.loc);
        const out: unknown[] = [];
        let unknownItems = val.unknownItems ?? 0;
        for (const item of val.items) {
          const v = this.toRaw(item, [...path, out.length], verbatim);
          if (v !== SKIP) out.push(v);
          else unknownItems++;
        }
        // The unread elements come after the read ones: the list is known to hold them, not what they are.
        for (let k = 0; k < unknownItems; k++) this.holes.push([...path, out.length + k]);
        return out;
      }
      case 'object': {
        this.positions.setValue(path, val.loc);
        for (const key of val.skipped ?? []) this.holes.push([...path, verbatim ? key : pascal(key)]);
        const out: Obj = {};
        for (const m of val.members) {
          const key = verbatim ? m.key : pascal(m.key);
          const v = this.toRaw(m.val, [...path, key], verbatim || m.key === 'actorPolicy');
          if (v === SKIP) {
            this.holes.push([...path, key]);
            continue;
          }
          this.positions.setKey([...path, key], m.keyLoc);
          out[key] = v;
        }
        return out;
      }
    }
  }
}

const SKIP: unique symbol = Symbol('skip');
const pascal = (key: string): string => key.charAt(0).toUpperCase() + key.slice(1);
const abbreviate = (s: string): string => {
  const one = s.replace(/\s+/g, ' ');
  return one.length > 60 ? `${one.slice(0, 57)}...` : one;
};

/** Where AWS provider bindings are imported from: the prebuilt packages, or a `cdktf get` folder. */
const PROVIDER_MODULE = /^@cdktf\/provider-aws(\/|$)|^@cdktn\/provider-aws(\/|$)|(^|\/)\.gen\/providers\/aws(\/|$)/;

/** Provider class names whose Terraform type is not their snake_case (the S3 Control prefix is one word in Terraform). */
const CLASS_TYPE_EXCEPTIONS: Readonly<Record<string, string>> = {
  S3ControlAccessGrantsInstance: 'aws_s3control_access_grants_instance',
};

/** `SsoadminApplicationAccessScope` → `aws_ssoadmin_application_access_scope`. */
function terraformTypeOfClass(cls: string): string {
  return CLASS_TYPE_EXCEPTIONS[cls] ?? `aws_${snakeCase(cls)}`;
}

/** `authorizedTokenIssuers` → `authorized_token_issuers` (the provider bindings' config is the camelCase of HCL). */
const snakeCase = (key: string): string => key.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase();

/** Construct options that are cdktf meta-arguments, not resource attributes (`forEach`/`count` are kept: they expand). */
const BINDING_META_ARGUMENTS = new Set(['dependsOn', 'provider', 'lifecycle', 'provisioners', 'connection']);

/** Child resource types → the application section they fill. */
const CHILD_SECTION_OF_TYPE: Readonly<Record<string, string>> = {
  aws_ssoadmin_application_grant: 'Grants',
  aws_ssoadmin_application_access_scope: 'AccessScopes',
  aws_ssoadmin_application_authentication_method: 'AuthenticationMethods',
  aws_ssoadmin_application_assignment: 'Assignments',
};

/** Map attributes, whose keys are data (tag names), not attribute names. */
const MAP_ATTRIBUTES = new Set(['tags', 'tags_all']);

/** A value a binding's config holds that could not be read: an interpolation nothing resolves (noted at the TypeScript). */
const UNREAD = '${tipkit-unread}';

const JSON_ENCODERS = new Set(['JSON.stringify', 'Fn.jsonencode', 'cdktf.Fn.jsonencode']);

const UNREAD_VALUE: unique symbol = Symbol('unread');
/** A read value as plain JSON; UNREAD_VALUE when any part of it is a reference or could not be read. */
function plainValue(val: Val): unknown {
  switch (val.kind) {
    case 'primitive':
      return val.value;
    case 'construct':
      return UNREAD_VALUE;
    case 'array': {
      if (val.unknownItems) return UNREAD_VALUE;
      const out = val.items.map(plainValue);
      return out.includes(UNREAD_VALUE) ? UNREAD_VALUE : out;
    }
    case 'object': {
      if (val.skipped?.length) return UNREAD_VALUE;
      const out: Obj = {};
      for (const m of val.members) {
        const v = plainValue(m.val);
        if (v === UNREAD_VALUE) return UNREAD_VALUE;
        out[m.key] = v;
      }
      return out;
    }
  }
}

/**
 * One RawInput of two (a file set with both tipkit constructs and provider bindings): the second's issuers,
 * applications and AWS-managed applications follow the first's, with their positions and holes re-rooted.
 */
function mergeRawInputs(a: RawInput, b: RawInput): RawInput {
  if (!a.raw.applications && !a.raw.trustedTokenIssuers && !a.suppressions?.length) {
    return { ...b, notes: [...(a.notes ?? []), ...(b.notes ?? [])], holes: [...(a.holes ?? []), ...(b.holes ?? [])] };
  }
  const positions = a.positions;
  const holes = [...(a.holes ?? [])];
  const raw = a.raw;
  for (const section of ['trustedTokenIssuers', 'applications'] as const) {
    const extra = (b.raw[section] ?? []) as Obj[];
    if (extra.length === 0) continue;
    const list = ((raw[section] as Obj[] | undefined) ??= []);
    const offset = list.length;
    extra.forEach((item, i) => {
      list.push(item);
      positions.absorb(b.positions, [section, i], [section, offset + i]);
    });
    for (const hole of b.holes ?? []) {
      if (hole[0] === section && typeof hole[1] === 'number') holes.push([section, hole[1] + offset, ...hole.slice(2)]);
    }
  }
  for (const hole of b.holes ?? []) if (hole[0] !== 'trustedTokenIssuers' && hole[0] !== 'applications') holes.push(hole);
  for (const hole of b.holes ?? []) if (hole[0] === 'applications' && hole[1] === ANY_SEGMENT) holes.push(hole);
  const instance = isObject(b.raw.instance) ? b.raw.instance : {};
  if (raw.instance && Object.keys(raw.instance).length === 0 && Object.keys(instance).length > 0) {
    raw.instance = instance;
    positions.absorb(b.positions, ['instance'], ['instance']);
  }
  if (b.managedApplications?.length) positions.absorb(b.positions, ['managedApplications'], ['managedApplications']);
  return {
    raw,
    positions,
    suppressions: [...(a.suppressions ?? []), ...(b.suppressions ?? [])],
    notes: [...(a.notes ?? []), ...(b.notes ?? [])],
    holes,
    managedApplications: [...(a.managedApplications ?? []), ...(b.managedApplications ?? [])],
  };
}
