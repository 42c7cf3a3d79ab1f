/**
 * The layout's rules, checked over every source file (README "Layout" says the same in words):
 * - each room imports only the rooms it may (model/ imports nothing of tipkit's; inputs/ only model/; …);
 * - an import into another room goes through that room's entry point (its index.ts), except into model/ and
 *   formats/, whose files are small shared vocabularies, and from cli/, the shell that wires everything;
 * - nothing imports cli/; only constructs/ imports cdktf; @cdktf/provider-aws only by submodule;
 * - no two files import each other, directly or round a longer circle (type-only imports count too);
 * - no file is over about 500 lines (550 here) unless its first comment says why it stays whole; generated
 *   files aside.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const repo = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Each room and the rooms it may import (model/ is the domain; cli/ is the shell over all of them). */
const MAY_IMPORT: Readonly<Record<string, readonly string[]>> = {
  model: [],
  inputs: ['model'],
  formats: ['model'],
  live: ['model', 'inputs'],
  linter: ['model', 'inputs', 'formats'],
  simulator: ['model', 'inputs'],
  access: ['model', 'inputs', 'formats', 'simulator'],
  emulator: ['model', 'inputs', 'simulator'],
  constructs: ['model', 'inputs', 'linter'],
  api: ['model', 'inputs'],
  cli: ['model', 'inputs', 'formats', 'live', 'linter', 'simulator', 'access', 'emulator', 'constructs'],
  '.': ['constructs'],
};
/** Rooms any allowed importer may reach into file by file. */
const OPEN_ROOMS = new Set(['model', 'formats']);
const MAX_LINES = 550;

function sourceFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(join(repo, dir))) {
      const rel = dir === '.' ? name : `${dir}/${name}`;
      if (statSync(join(repo, rel)).isDirectory()) walk(rel);
      else if (/\.ts$/.test(name) && !/\.d\.ts$/.test(name)) out.push(rel);
    }
  };
  for (const room of Object.keys(MAY_IMPORT)) {
    if (room === '.') out.push('index.ts');
    else walk(room);
  }
  return out.sort();
}

const roomOf = (file: string): string => (file.includes('/') ? file.split('/')[0]! : '.');

interface Import {
  from: string;
  specifier: string;
  /** The repository file a relative import names (without extension), or undefined for a package. */
  target?: string;
}

function importsOf(file: string): Import[] {
  const text = readFileSync(join(repo, file), 'utf8');
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName: specifier }) => {
    if (!specifier.startsWith('.')) return { from: file, specifier };
    const target = normalize(join(dirname(file), specifier)).split(sep).join('/').replace(/\.(js|ts)$/, '');
    return { from: file, specifier, target };
  });
}

const files = sourceFiles();
const imports = files.flatMap(importsOf);

describe('layout', () => {
  it('finds the rooms', () => {
    for (const room of ['model', 'inputs', 'linter', 'simulator', 'access', 'emulator', 'live', 'cli', 'constructs']) {
      expect(files.some((f) => roomOf(f) === room), room).toBe(true);
    }
    expect(imports.length).toBeGreaterThan(500);
  });

  it('each room imports only the rooms it may, through their entry points', () => {
    const wrong: string[] = [];
    for (const imp of imports) {
      if (!imp.target) continue;
      const from = roomOf(imp.from);
      const to = roomOf(imp.target + '.ts');
      if (from === to) continue;
      if (!MAY_IMPORT[from]!.includes(to)) wrong.push(`${imp.from} → ${imp.specifier} (${from}/ may not import ${to}/)`);
      else if (from !== 'cli' && !OPEN_ROOMS.has(to) && imp.target !== `${to}/index`) wrong.push(`${imp.from} → ${imp.specifier} (through ${to}/index.ts)`);
    }
    expect(wrong).toEqual([]);
  });

  it('only constructs/ imports cdktf, and the AWS provider only by submodule', () => {
    const wrong = imports
      .filter((imp) => (/^(cdktf|cdktn|constructs)$/.test(imp.specifier) && roomOf(imp.from) !== 'constructs') || /^@(cdktf|cdktn)\/provider-aws$/.test(imp.specifier))
      .map((imp) => `${imp.from} → ${imp.specifier}`);
    expect(wrong).toEqual([]);
  });

  it('has no import circle', () => {
    const edges = new Map<string, string[]>(files.map((f) => [f.replace(/\.ts$/, ''), []]));
    for (const imp of imports) if (imp.target && edges.has(imp.target)) edges.get(imp.from.replace(/\.ts$/, ''))!.push(imp.target);
    // Tarjan's strongly connected components: any component of two or more files is a circle.
    let index = 0;
    const order = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const onStack = new Set<string>();
    const circles: string[][] = [];
    const visit = (v: string): void => {
      order.set(v, index);
      low.set(v, index++);
      stack.push(v);
      onStack.add(v);
      for (const w of edges.get(v)!) {
        if (!order.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, order.get(w)!));
      }
      if (low.get(v) === order.get(v)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== v);
        if (component.length > 1) circles.push(component.sort());
      }
    };
    for (const v of edges.keys()) if (!order.has(v)) visit(v);
    expect(circles).toEqual([]);
  });

  it('keeps files under about 500 lines, or says why one stays whole', () => {
    const long = files
      .filter((f) => !f.includes('/generated/'))
      .map((f) => ({ f, text: readFileSync(join(repo, f), 'utf8') }))
      .filter(({ text }) => text.split('\n').length > MAX_LINES)
      .filter(({ text }) => !/^\/\*\*[\s\S]*?stays whole[\s\S]*?\*\//.test(text))
      .map(({ f, text }) => `${f}: ${text.split('\n').length} lines`);
    expect(long).toEqual([]);
  });

  it('the checker itself sees a forbidden import and a circle', () => {
    // The rules above must be able to fail: model/ importing inputs/ is refused by the table, and a pair of files
    // importing each other is a component of two.
    expect(MAY_IMPORT.model!.includes('inputs')).toBe(false);
    const pair = ts.preProcessFile("import { a } from './b.js'; export const x = import('./c.js');", true, true).importedFiles.map((f) => f.fileName);
    expect(pair).toEqual(['./b.js', './c.js']);
  });
});

export const _relativeForDebug = (f: string): string => relative(repo, f);
