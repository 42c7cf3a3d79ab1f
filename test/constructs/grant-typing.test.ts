// The grant props are a discriminated union: the TypeScript compiler itself must reject a mismatched grant.
// Compiles fixtures/grant-typing.ts as written (every @ts-expect-error is used), then with the markers removed
// (each marked line is a real type error), so the check cannot pass by accident.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const fixture = resolve(import.meta.dirname, 'fixtures/grant-typing.ts');
const MARKER = /^\s*\/\/ @ts-expect-error\s*$/;

function diagnostics(text: string): { line: number; message: string }[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  host.readFile = (file) => (resolve(file) === fixture ? text : readFile(file));
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (file, lang, onError, create) =>
    resolve(file) === fixture ? ts.createSourceFile(file, text, lang) : getSourceFile(file, lang, onError, create);
  const program = ts.createProgram([fixture], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file && resolve(d.file.fileName) === fixture)
    .map((d) => ({ line: d.file!.getLineAndCharacterOfPosition(d.start!).line + 1, message: ts.flattenDiagnosticMessageText(d.messageText, '\n') }));
}

describe('ApplicationGrant props typing', () => {
  const text = readFileSync(fixture, 'utf8');
  const lines = text.split('\n');
  const marked = lines.flatMap((l, i) => (MARKER.test(l) ? [i + 2] : [])); // the line after each marker (1-based)

  it('compiles with every @ts-expect-error used', () => {
    expect(marked.length).toBe(5);
    expect(diagnostics(text)).toEqual([]);
  });

  it('reports a type error on each marked line once the markers are gone', () => {
    // Blank the markers rather than delete them, so line numbers stay put.
    const unmarked = lines.map((l) => (MARKER.test(l) ? '' : l)).join('\n');
    const errorLines = [...new Set(diagnostics(unmarked).map((d) => d.line))].sort((a, b) => a - b);
    expect(errorLines).toEqual(marked);
  });
});
