/**
 * The static evaluator: resolves a TypeScript expression to a value without running it (literals, const
 * bindings followed across imports, `as const`, spreads, templates of constants, `JSON.stringify` of literals,
 * references to constructs), and finds the `new` calls of tipkit's constructs and of provider bindings.
 */
import { bindingType, providerBindings, tipkitClassNames } from './class-imports.js';
import { callTerraformFunction, TOKEN_CASTS } from './cdktf-calls.js';
import { cdkImports, cfnTypeOf } from './aws-cdk-classes.js';
import type { Node as TsNode, SourceFile, ts } from 'ts-morph';
import type { SourceLocation } from '../../model/types.js';
import { TS_LIMITS, ValueBudget } from './budget.js';
import { LineTable } from './line-table.js';
import { ConstResolver, wrapped } from './const-resolver.js';
import { abbreviate, CONSTRUCT_CLASSES, JSON_ENCODERS, plainValue, REFERENCE_ATTRIBUTES, UNREAD_VALUE, type ConstructClass, type ConstructDecl, type Member, type Note, type TsMorph, type Val } from './values.js';

const PENDING: unique symbol = Symbol('pending');
const NOT_A_TERRAFORM_VALUE: unique symbol = Symbol('not a Terraform value');
const VARIABLE_VALUES = new Set(['value', 'stringValue', 'numberValue', 'listValue', 'booleanValue']);
const LOCAL_VALUES = new Set(['expression', 'asString', 'asNumber', 'asList', 'asBoolean', 'asStringMap', 'asNumberMap', 'asBooleanMap', 'asAnyMap', 'fqn']);

/** `TerraformVariable` / `cdktf.TerraformVariable` → its class name (cdktf's classes have no look-alikes worth telling apart here). */
function cdktfClassOf(callee: TsNode): string {
  return callee.getText().replace(/^cdktf\./, '');
}

function isOverrideLogicalId(call: ts.CallExpression): boolean {
  const callee = call.expression as ts.PropertyAccessExpression;
  return call.arguments.length === 1 && (callee.name as ts.Identifier | undefined)?.escapedText === 'overrideLogicalId';
}

export class StaticReader {
  private readonly SK: TsMorph['SyntaxKind'];
  private readonly Node: TsMorph['Node'];
  private readonly ts: TsMorph['ts'];
  private readonly decls = new Map<TsNode, ConstructDecl>();
  /** What each name stands for (consts in scope and across imports). */
  readonly consts: ConstResolver;
  private readonly noted = new Set<string>();
  /** Construct classes some `new` of which runs any number of times (in a loop, in a callback). */
  readonly repeated = new Set<ConstructClass>();
  /** What reading values may cost in all (see budget.ts); the constructs and the binding mapper charge it too. */
  readonly budget = new ValueBudget();
  private budgetNoted = false;
  /** Each const's value, evaluated once and shared by every use (undefined: cannot be read; PENDING: being read). */
  private readonly constValues = new Map<TsNode, Val | undefined | typeof PENDING>();

  constructor(
    tsm: TsMorph,
    private readonly sources: SourceFile[],
    private readonly displayName: Map<string, string>,
    private readonly notes: Note[],
  ) {
    this.SK = tsm.SyntaxKind;
    this.Node = tsm.Node;
    this.ts = tsm.ts;
    this.consts = new ConstResolver(tsm, sources);
  }

  /** Every construct and provider binding the files declare (a file nested too deeply to walk is skipped with a note). */
  findAll(): ConstructDecl[] {
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
    return all;
  }

  private findConstructs(sf: SourceFile, all: ConstructDecl[]): void {
    const { names: classNames, namespaces: tipkitNamespaces } = tipkitClassNames(sf);
    const bindings = providerBindings(sf);
    const cdk = cdkImports(sf);
    // The walk is over the compiler's nodes: ts-morph wraps only the `new` calls (wrapping every node of a big
    // file cost more than parsing it).
    const newExpression = this.SK.NewExpression;
    const callExpression = this.SK.CallExpression;
    const visit = (node: ts.Node): void => {
      if (node.kind === newExpression) found(wrapped(sf, node) as import('ts-morph').NewExpression);
      else if (node.kind === callExpression && isOverrideLogicalId(node as ts.CallExpression)) this.logicalIdCalls.push(wrapped(sf, node) as import('ts-morph').CallExpression);
      this.ts.forEachChild(node, visit);
    };
    const found = (n: import('ts-morph').NewExpression): void => {
      const callee = n.getExpression();
      const cfnType = cfnTypeOf(callee, cdk);
      if (cfnType) {
        const cls = (this.Node.isPropertyAccessExpression(callee) ? callee.getName() : callee.getText()) as ConstructClass;
        if (this.repetition(n)) {
          this.note(n, `skipped new ${cls}(…): it is created ${this.repetition(n)}, so how many there are is only known when the code runs`);
          return;
        }
        const decl: ConstructDecl = { cls, cfnType, node: n, loc: this.loc(n), propsRead: false };
        this.decls.set(n, decl);
        all.push(decl);
        return;
      }
      const tfType = bindingType(this.Node, callee, bindings);
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
      // tipkit's constructs by where they are imported from, never by the class name alone.
      const name = this.Node.isIdentifier(callee)
        ? classNames.get(callee.getText())
        : this.Node.isPropertyAccessExpression(callee) && tipkitNamespaces.has(callee.getExpression().getText())
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
    };
    visit(sf.compilerNode);
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

  /** `binding.overrideLogicalId('name')` calls, read once every binding is known (see logicalId). */
  private readonly logicalIdCalls: import('ts-morph').CallExpression[] = [];
  private logicalIds?: Map<ConstructDecl, string>;

  /** The Terraform name a binding was given with `overrideLogicalId('name')` (as `cdktf convert` writes it), if any. */
  logicalId(decl: ConstructDecl): string | undefined {
    if (!this.logicalIds) {
      this.logicalIds = new Map();
      for (const call of this.logicalIdCalls) {
        const target = this.evaluateQuiet((call.getExpression() as import('ts-morph').PropertyAccessExpression).getExpression(), 0);
        const id = this.evaluateQuiet(call.getArguments()[0]!, 0);
        if (target?.kind === 'construct' && target.attribute === undefined && id?.kind === 'primitive' && typeof id.value === 'string') this.logicalIds.set(target.decl, id.value);
      }
    }
    return this.logicalIds.get(decl);
  }

  private readonly lineTables = new Map<SourceFile, LineTable>();

  loc(node: TsNode): SourceLocation {
    const sf = node.getSourceFile();
    let lines = this.lineTables.get(sf);
    if (!lines) this.lineTables.set(sf, (lines = new LineTable(sf.getFullText())));
    const start = lines.at(node.getStart());
    const end = lines.at(node.getEnd());
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
    if (depth > TS_LIMITS.evaluationDepth) return this.skip(node, 'nested too deeply');
    if (!this.budget.charge(1)) return this.overBudget(node);
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
      let out = escapeTemplate(node.getHead().getLiteralText());
      let terraform = false;
      for (const span of node.getTemplateSpans()) {
        const v = this.evaluate(span.getExpression(), depth + 1);
        if (v?.kind !== 'primitive') return v && this.skip(span.getExpression(), 'template substitution is not a constant');
        if (v.terraform) terraform = true;
        out += (v.terraform ? String(v.value) : escapeTemplate(String(v.value))) + escapeTemplate(span.getLiteral().getLiteralText());
        if (out.length > TS_LIMITS.stringLength) return this.tooLong(node);
      }
      // Text around a Terraform expression is a Terraform template (its own `${` escaped); otherwise plain text.
      return terraform ? { kind: 'primitive', value: out, loc, terraform } : { kind: 'primitive', value: unescapeTemplate(out), loc };
    }
    if (Node.isBinaryExpression(node) && node.getOperatorToken().getKind() === SK.PlusToken) {
      const l = this.evaluate(node.getLeft(), depth + 1);
      const r = l && this.evaluate(node.getRight(), depth + 1);
      if (l?.kind === 'primitive' && r?.kind === 'primitive' && (typeof l.value === 'string' || typeof r.value === 'string')) {
        if (String(l.value).length + String(r.value).length > TS_LIMITS.stringLength) return this.tooLong(node);
        if (l.terraform || r.terraform) {
          const part = (v: typeof l): string => (v.terraform ? String(v.value) : escapeTemplate(String(v.value)));
          return { kind: 'primitive', value: part(l) + part(r), loc, terraform: true };
        }
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
          if (spread?.kind === 'array') {
            // One element at a time: `push(...items)` of a huge array overflows the call stack.
            if (items.length + spread.items.length > TS_LIMITS.valueNodes || !this.budget.charge(spread.items.length)) return this.tooBig(node);
            for (const item of spread.items) items.push(item);
          } else {
            if (spread) this.skip(el, 'spread of something that is not a constant array');
            unknownItems++;
          }
          continue;
        }
        const v = this.evaluate(el, depth + 1);
        if (v) items.push(v);
        else unknownItems++;
      }
      return this.bounded(node, { kind: 'array', items, loc, ...(unknownItems ? { unknownItems } : {}) });
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
          if (spread?.kind === 'object') {
            if (!this.budget.charge(spread.members.length)) return this.overBudget(p);
            spread.members.forEach(put);
          }
          else if (spread) this.skip(p, 'spread of something that is not a constant object');
        } else {
          this.skip(p, 'methods and accessors are not read');
        }
      }
      return this.bounded(node, { kind: 'object', members, loc, skipped });
    }
    if (Node.isIdentifier(node)) {
      if (node.getText() === 'undefined') return this.skip(node, '`undefined` is not a value');
      const target = this.consts.resolveIdentifier(node, depth);
      if (target === undefined) return this.skip(node, `\`${node.getText()}\` is not a const with a literal value`);
      if (target === null) return undefined;
      if (this.Node.isNewExpression(target) && this.decls.has(target)) return { kind: 'construct', decl: this.decls.get(target)!, loc };
      const v = this.constValue(target, depth + 1);
      return v && ({ ...v, loc } as Val);
    }
    if (Node.isPropertyAccessExpression(node) || Node.isElementAccessExpression(node)) {
      const objectNode = node.getExpression();
      const key = Node.isPropertyAccessExpression(node) ? node.getName() : this.elementKey(node, depth);
      if (key === undefined) return this.skip(node, 'element access with a non-constant key');
      const iterated = this.iteratorValue(node, depth);
      if (iterated) return iterated;
      const cdktfValue = this.terraformValueOf(objectNode, key, depth);
      if (cdktfValue !== NOT_A_TERRAFORM_VALUE) return cdktfValue && ({ ...cdktfValue, loc } as Val);
      const base = this.evaluateQuiet(objectNode, depth + 1);
      if (base?.kind === 'construct') {
        if ((base.decl.tfType || base.decl.cfnType) && base.attribute === undefined) return { kind: 'construct', decl: base.decl, attribute: key, loc };
        if (REFERENCE_ATTRIBUTES.has(key) && !base.decl.tfType && !base.decl.cfnType) return { kind: 'construct', decl: base.decl, loc };
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
    if (Node.isCallExpression(node) && /^(?:cdktf\.)?TerraformIterator\.from(List|Map)$/.test(node.getExpression().getText())) return this.iteratorForEach(node, depth);
    if (Node.isCallExpression(node) && Node.isPropertyAccessExpression(node.getExpression())) {
      const callee = node.getExpression() as import('ts-morph').PropertyAccessExpression;
      const owner = callee.getExpression().getText().replace(/^cdktf\./, '');
      const args = node.getArguments();
      // `Token.asString(x)` & co. only retype a value for TypeScript: the value is x.
      if (owner === 'Token' && TOKEN_CASTS.has(callee.getName()) && args.length === 1) {
        const inner = this.evaluate(args[0]!, depth + 1);
        return inner && ({ ...inner, loc } as Val);
      }
      // `Fn.lookup(…)`, `Fn.tolist(…)`…: Terraform's functions, evaluated as the HCL reader evaluates them.
      if (owner === 'Fn' && !JSON_ENCODERS.has(`Fn.${callee.getName()}`)) {
        const values: Val[] = [];
        for (const arg of args) {
          const v = this.evaluate(arg, depth + 1);
          if (!v) return undefined;
          values.push(v);
        }
        const result = callTerraformFunction(callee.getName(), values, loc);
        if (typeof result === 'string') return this.skip(node, result);
        return this.bounded(node, result);
      }
    }
    if (Node.isCallExpression(node) && JSON_ENCODERS.has(node.getExpression().getText().replace(/\s+/g, '')) && node.getArguments().length === 1) {
      // A policy written as `JSON.stringify({...})` or `Fn.jsonencode({...})` of literals is JSON text, as Terraform's jsonencode gives it.
      const arg = this.evaluate(node.getArguments()[0]!, depth + 1);
      if (arg && !this.afford(arg, node)) return undefined;
      const plain = arg && plainValue(arg);
      if (plain !== UNREAD_VALUE && arg) {
        const text = JSON.stringify(plain);
        return text.length > TS_LIMITS.stringLength ? this.tooLong(node) : { kind: 'primitive', value: text, loc };
      }
      return arg && this.skip(node, 'the encoded value is not all literals');
    }
    return this.skip(node, `\`${abbreviate(node.getText())}\` is not a literal or a constant`);
  }

  /**
   * A `TerraformIterator.fromList(list)` / `fromMap(map)` as a binding's `forEach` is Terraform's `for_each` (a set
   * of the list's strings, or the map); its `value`, `key` and `getString('attr')` & co. are `each.value`,
   * `each.key`, `each.value["attr"]`, as cdktf writes them. Only a provider binding can use them.
   */
  private iteratorValue(node: TsNode, depth: number): Val | undefined {
    const { Node } = this;
    let objectNode: TsNode;
    let member: string;
    let attr: string | undefined;
    if (Node.isPropertyAccessExpression(node)) {
      objectNode = node.getExpression();
      member = node.getName();
    } else return undefined;
    const call = node.getParent();
    if (Node.isCallExpression(call) && call.getExpression() === node && /^get(String|Number|Boolean|List|Map|Any|NumberList|StringMap|NumberMap|BooleanMap|AnyMap)$/.test(member)) {
      const a = call.getArguments()[0];
      const v = a && this.evaluateQuiet(a, depth + 1);
      if (v?.kind !== 'primitive' || typeof v.value !== 'string') return undefined;
      attr = v.value;
    }
    const iterator = Node.isIdentifier(objectNode) ? this.consts.resolveIdentifier(objectNode, depth) : undefined;
    if (!iterator || !Node.isCallExpression(iterator)) return undefined;
    const made = /^(?:cdktf\.)?TerraformIterator\.from(List|Map)$/.exec(iterator.getExpression().getText());
    if (!made) return undefined;
    const loc = this.loc(node);
    if (member === 'value') return { kind: 'primitive', value: '${each.value}', loc, terraform: true };
    if (member === 'key') return { kind: 'primitive', value: '${each.key}', loc, terraform: true };
    if (attr !== undefined) return { kind: 'primitive', value: `\${each.value[${JSON.stringify(attr)}]}`, loc, terraform: true };
    return undefined;
  }

  /** `TerraformIterator.fromList/fromMap(x)` (a binding's `forEach`): Terraform's for_each of x. */
  private iteratorForEach(iterator: import('ts-morph').CallExpression, depth: number): Val | undefined {
    const made = /^(?:cdktf\.)?TerraformIterator\.from(List|Map)$/.exec(iterator.getExpression().getText());
    const arg = iterator.getArguments()[0];
    if (!made || !arg) return this.skip(iterator, 'a TerraformIterator of something other than a list or map');
    const v = this.evaluate(arg, depth + 1);
    const plain = v && plainValue(v);
    if (!v || plain === UNREAD_VALUE) return undefined;
    if (made[1] === 'List') {
      if (!Array.isArray(plain) || !plain.every((x) => typeof x === 'string')) return this.skip(iterator, 'a TerraformIterator of a list that is not all constant strings');
      return { kind: 'primitive', value: `\${toset(${JSON.stringify(plain)})}`, loc: this.loc(iterator), terraform: true };
    }
    return v.kind === 'object' ? v : this.skip(iterator, 'a TerraformIterator.fromMap of something that is not a constant map');
  }

  /**
   * `v.stringValue` of a `new TerraformVariable(…)` is its `default` (unknown without one: only Terraform knows
   * the value given); `l.asString` / `l.expression` of a `new TerraformLocal(scope, id, expression)` is the expression.
   */
  private terraformValueOf(objectNode: TsNode, key: string, depth: number): Val | undefined | typeof NOT_A_TERRAFORM_VALUE {
    if (!this.Node.isIdentifier(objectNode)) return NOT_A_TERRAFORM_VALUE;
    const target = this.consts.resolveIdentifier(objectNode, depth);
    if (!target || !this.Node.isNewExpression(target)) return NOT_A_TERRAFORM_VALUE;
    const cls = cdktfClassOf(target.getExpression());
    const args = target.getArguments();
    if (cls === 'TerraformVariable' && VARIABLE_VALUES.has(key)) {
      const config = args[2] && this.evaluateQuiet(args[2], depth + 1);
      const fallback = config?.kind === 'object' ? config.members.find((m) => m.key === 'default')?.val : undefined;
      return fallback ?? this.skip(objectNode, `\`${objectNode.getText()}.${key}\` is a Terraform variable without a default: its value is only known when Terraform runs`);
    }
    if (cls === 'TerraformLocal' && LOCAL_VALUES.has(key) && args[2]) return this.evaluate(args[2], depth + 1);
    return NOT_A_TERRAFORM_VALUE;
  }

  /** A const's initializer, evaluated once: later uses share the value (re-reading it at every use is exponential in a chain of consts). */
  private constValue(init: TsNode, depth: number): Val | undefined {
    const known = this.constValues.get(init);
    if (known === PENDING) return this.skip(init, 'the const refers to itself');
    if (known !== undefined || this.constValues.has(init)) return known;
    this.constValues.set(init, PENDING);
    const v = this.evaluate(init, depth);
    this.constValues.set(init, v);
    return v;
  }

  /** A value within TS_LIMITS (its size and nesting), or unknown with a note naming the limit. */
  private bounded(node: TsNode, val: Val): Val | undefined {
    const { size, height } = this.budget.measure(val);
    if (size > TS_LIMITS.valueNodes) return this.tooBig(node);
    if (height > TS_LIMITS.depth) return this.skip(node, 'nested too deeply');
    return val;
  }

  /** Charge the expansion of a value (JSON encoding, the mapping to config); false (noted) once the total budget is spent. */
  afford(val: Val, node: TsNode | SourceLocation): boolean {
    if (this.budget.charge(this.budget.measure(val).size)) return true;
    this.overBudget(node);
    return false;
  }

  private tooBig(node: TsNode): undefined {
    return this.skip(node, `it would hold more than ${TS_LIMITS.valueNodes.toLocaleString('en-US')} values (the reader's limit for one value)`);
  }

  private tooLong(node: TsNode): undefined {
    return this.skip(node, `it would be a string of more than ${TS_LIMITS.stringLength.toLocaleString('en-US')} characters (the reader's limit)`);
  }

  /** Past the total budget every further value is unknown; one note says so, where it ran out. */
  private overBudget(at: TsNode | SourceLocation): undefined {
    if (this.budgetNoted) return undefined;
    this.budgetNoted = true;
    const loc = typeof (at as TsNode).getSourceFile === 'function' ? this.loc(at as TsNode) : (at as SourceLocation);
    this.notes.push({
      message: `skipped the remaining values: reading them would pass the TypeScript reader's budget of ${TS_LIMITS.totalNodes.toLocaleString('en-US')} values for these files`,
      file: loc.file,
      line: loc.line,
      column: loc.column,
    });
    return undefined;
  }

  /** Evaluate without noting failure at this node (the caller reports it with better context). */
  evaluateQuiet(node: TsNode, depth: number): Val | undefined {
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

}

/** `${` in plain text, written `$${` in a Terraform template (hcl2json form). */
const escapeTemplate = (text: string): string => text.replace(/([$%])\{/g, '$1$1{');
const unescapeTemplate = (text: string): string => text.replace(/([$%])\1\{/g, '$1{');
