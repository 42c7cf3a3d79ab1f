/**
 * Where each prop of a tipkit construct is written in the user's `new X(scope, id, { … })`, so that TipkitChecks
 * reports a finding at the value — where `tipkit lint` of the same file reports it — rather than at the `new`.
 * Props are walked as collect converts them (camelCase keys → PascalCase, array indices kept). The source is
 * parsed with the compiler ts-morph bundles (tipkit's dependency), loaded only when the aspect runs.
 */
import { createRequire } from 'node:module';
import type { ts as Ts } from 'ts-morph';
import type { PositionIndex } from '../model/positions.js';
import type { NodePath, SourceLocation } from '../model/types.js';
import { upperFirst } from './refs.js';

export interface ConstructSite {
  /** The construct's place in the collected config. */
  pointer: NodePath;
  /** Where user code wrote its `new` (from the stack trace). */
  site: SourceLocation;
}

/** Adds a position for every prop value of every construct whose `new` is found in its (already read) source. */
export function addValuePositions(positions: PositionIndex, sites: readonly ConstructSite[]): void {
  const withSource = sites.filter((s) => positions.texts.has(s.site.file));
  if (!withSource.length) return;
  const ts = createRequire(import.meta.url)('ts-morph').ts as typeof Ts;
  const byFile = new Map<string, ConstructSite[]>();
  for (const s of withSource) byFile.set(s.site.file, [...(byFile.get(s.site.file) ?? []), s]);

  for (const [file, fileSites] of byFile) {
    const source = ts.createSourceFile(file, positions.texts.get(file)!, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    const at = (node: Ts.Node): SourceLocation => {
      const { line, character } = source.getLineAndCharacterOfPosition(node.getStart(source));
      return { file, line: line + 1, column: character + 1 };
    };
    // Every `new …(…)` by where it starts: the stack trace names the `new` keyword's line and column.
    const calls = new Map<string, Ts.NewExpression>();
    const visit = (node: Ts.Node): void => {
      if (ts.isNewExpression(node)) {
        const { line, column } = at(node);
        calls.set(`${line}:${column}`, node);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);

    for (const { pointer, site } of fileSites) {
      const props = calls.get(`${site.line}:${site.column}`)?.arguments?.[2];
      if (!props || !ts.isObjectLiteralExpression(props)) continue;
      // The construct itself at its props, as lint places it — but only on the `new` line, so that a
      // `// tipkit-ignore` above that line keeps covering the construct.
      if (at(props).line === site.line) positions.setValue(pointer, at(props));
      walk(props, pointer);
    }

    function walk(node: Ts.Expression, pointer: NodePath): void {
      if (ts.isObjectLiteralExpression(node)) {
        for (const prop of node.properties) {
          const name = prop.name && (ts.isIdentifier(prop.name) || ts.isStringLiteral(prop.name)) ? prop.name.text : undefined;
          if (name === undefined) continue;
          const path = [...pointer, upperFirst(name)];
          if (ts.isPropertyAssignment(prop)) {
            positions.setValue(path, at(prop.initializer));
            walk(prop.initializer, path);
          } else if (ts.isShorthandPropertyAssignment(prop)) {
            positions.setValue(path, at(prop.name));
          }
        }
      } else if (ts.isArrayLiteralExpression(node)) {
        node.elements.forEach((element, i) => {
          positions.setValue([...pointer, i], at(element));
          walk(element, [...pointer, i]);
        });
      } else if (ts.isAsExpression(node) || ts.isParenthesizedExpression(node) || ts.isSatisfiesExpression(node)) {
        walk(node.expression, pointer);
      }
    }
  }
}
