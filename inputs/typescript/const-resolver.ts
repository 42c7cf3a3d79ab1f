/**
 * Which declaration a name stands for: a `const` of an enclosing scope, or an exported `const` of another file of
 * the set that the file imports. Each scope's consts are indexed once (a rescan of every statement in scope for
 * each identifier made reading a stack quadratic in its constructs).
 */
import { dirname, posix } from 'node:path';
import type { Node as TsNode, SourceFile, ts } from 'ts-morph';
import { MAX_DEPTH, type TsMorph } from './values.js';

export class ConstResolver {
  private readonly SK: TsMorph['SyntaxKind'];
  private readonly Node: TsMorph['Node'];
  private readonly ts: TsMorph['ts'];
  private readonly byPath = new Map<string, SourceFile>();
  /** Work done, for tests of how it grows with the input (never timed). */
  readonly work = { statementsExamined: 0 };

  constructor(tsm: TsMorph, sources: SourceFile[]) {
    this.SK = tsm.SyntaxKind;
    this.Node = tsm.Node;
    this.ts = tsm.ts;
    for (const sf of sources) this.byPath.set(sf.getFilePath(), sf);
  }

  /**
   * The initializer a name is bound to: a `const` in an enclosing scope, or an exported `const` of another
   * file of the set that this file imports. undefined: not such a binding; null: found but already noted.
   */
  resolveIdentifier(id: TsNode, depth: number): TsNode | undefined | null {
    const name = id.getText();
    for (let scope: TsNode | undefined = id.getParent(); scope; scope = scope.getParent()) {
      const found = this.constInScope(scope, name);
      if (found) return found;
      if (this.Node.isSourceFile(scope)) return this.resolveImport(scope, name, depth);
    }
    return undefined;
  }

  /** Each scope's consts by name (the first declaration of a name wins), indexed once per scope, not rescanned per identifier. */
  private readonly scopeConsts = new Map<TsNode, Map<string, TsNode | undefined>>();

  private constInScope(scope: TsNode, name: string): TsNode | undefined {
    let consts = this.scopeConsts.get(scope);
    if (!consts) this.scopeConsts.set(scope, (consts = this.constsOf(scope)));
    return consts.get(name);
  }


  private constsOf(scope: TsNode): Map<string, TsNode | undefined> {
    const { Node } = this;
    const consts = new Map<string, TsNode | undefined>();
    if (!(Node.isSourceFile(scope) || Node.isBlock(scope) || Node.isModuleBlock(scope) || Node.isCaseClause(scope) || Node.isDefaultClause(scope))) return consts;
    this.work.statementsExamined += scope.compilerNode.statements.length;
    for (const st of scope.compilerNode.statements) {
      if (st.kind !== this.SK.VariableStatement) continue;
      const list = (st as ts.VariableStatement).declarationList;
      if (!(list.flags & this.ts.NodeFlags.Const) || list.flags & this.ts.NodeFlags.Using) continue;
      for (const d of list.declarations) {
        if (d.name.kind !== this.SK.Identifier || consts.has(d.name.text)) continue;
        consts.set(d.name.text, d.initializer && wrapped(scope, d.initializer));
      }
    }
    return consts;
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

/** ts-morph's wrapper of a compiler node of `within`'s file (the one the project's factory caches, so identities match). */
export function wrapped(within: TsNode, node: ts.Node): TsNode {
  return (within as unknown as { _getNodeFromCompilerNode(n: ts.Node): TsNode })._getNodeFromCompilerNode(node);
}
