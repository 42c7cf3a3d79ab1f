/**
 * The JSON position scan (model/json-positions.ts) locates every value and key exactly where the `yaml` parser's
 * node ranges do, and hands back to the `yaml` parser whatever it does not handle the same way.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanJsonPositions } from '../../inputs/yaml/json-positions.js';
import { parseDocumentText } from '../../inputs/yaml/parse.js';
import type { PositionIndex } from '../../model/positions.js';
import type { NodePath } from '../../model/types.js';

const repoRoot = resolve(import.meta.dirname, '../..');

/** Every path of a JSON value, the root included. */
function paths(value: unknown, path: NodePath = []): NodePath[] {
  const out: NodePath[] = [path];
  if (Array.isArray(value)) value.forEach((v, i) => out.push(...paths(v, [...path, i])));
  else if (value && typeof value === 'object') for (const [k, v] of Object.entries(value)) out.push(...paths(v, [...path, k]));
  return out;
}

/** What the `yaml` parser's walk records for the same text (parsed as YAML, named as the JSON file). */
function viaYaml(text: string): PositionIndex {
  const { positions } = parseDocumentText(text, 'doc.yaml');
  return positions;
}

function expectSameLocations(text: string): void {
  const scanned = scanJsonPositions(text, 'doc.yaml');
  expect(scanned, 'the scan handles this document').toBeDefined();
  const expected = viaYaml(text);
  expect(scanned!.size).toBe(expected.size);
  for (const p of paths(JSON.parse(text))) {
    expect(scanned!.locate(p), JSON.stringify(p)).toEqual(expected.locate(p));
    expect(scanned!.locateKey(p), JSON.stringify(p)).toEqual(expected.locateKey(p));
  }
}

const isJson = (text: string): boolean => {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
};

const jsonFiles = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && e.name.endsWith('.json') && !e.name.startsWith('sarif-schema'))
    .map((e) => join(e.parentPath, e.name));

describe('JSON position scan', () => {
  it('matches the yaml parser on the repository JSON fixtures', () => {
    const files = jsonFiles(join(repoRoot, 'test/fixtures'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      if (scanJsonPositions(text, 'doc.yaml')) expectSameLocations(text);
    }
  });

  it('matches the yaml parser on arbitrary JSON, however it is laid out', () => {
    const layout = fc.constantFrom<(v: unknown) => string>(
      (v) => JSON.stringify(v),
      (v) => JSON.stringify(v, null, 2),
      (v) => JSON.stringify(v, null, '\t'),
      (v) => `\n  ${JSON.stringify(v, null, 1).replace(/\n/g, '\r\n')}  \n`,
      (v) => JSON.stringify(v).replace(/,/g, ' ,\n ').replace(/:/g, ' : '),
    );
    const key = fc.oneof(fc.string(), fc.constantFrom('a/b', '~0', '', 'é', '\u2028', 'x"y', 'back\\slash'));
    const value = fc.letrec((tie) => ({
      node: fc.oneof({ depthSize: 'small' }, fc.jsonValue({ maxDepth: 1 }), fc.array(tie('node'), { maxLength: 4 }), fc.dictionary(key, tie('node'), { maxKeys: 4 })),
    })).node;
    fc.assert(
      fc.property(value, layout, (v, format) => {
        const text = format(v);
        // The spacing layout also spaces commas inside strings, which may not be JSON any more.
        if (text.includes('"<<"') || !isJson(text)) return;
        expectSameLocations(text);
      }),
      { numRuns: 300 },
    );
  });

  it('hands duplicate keys, merge keys, lone carriage returns and deep nesting to the yaml parser', () => {
    expect(scanJsonPositions('{"a": 1, "a": 2}', 'x.json')).toBeUndefined();
    expect(scanJsonPositions('{"a": 1, "\\u0061": 2}', 'x.json')).toBeUndefined();
    expect(scanJsonPositions('{"<<": {"a": 1}}', 'x.json')).toBeUndefined();
    expect(scanJsonPositions('{"a":\r1}', 'x.json')).toBeUndefined();
    expect(scanJsonPositions(`${'['.repeat(1500)}${']'.repeat(1500)}`, 'x.json')).toBeUndefined();
    // …which still reports them as before.
    expect(() => parseDocumentText('{"a": 1, "a": 2}', 'x.json')).toThrow(/unique/);
  });

  it('is what a .json file is read with', () => {
    const text = '{\n  "version": 1,\n  "applications": [ { "Name": "portal" } ]\n}\n';
    const { positions, value } = parseDocumentText(text, 'tipkit.json');
    expect(value).toEqual({ version: 1, applications: [{ Name: 'portal' }] });
    expect(positions.locate(['applications', 0, 'Name'])).toEqual({ file: 'tipkit.json', line: 3, column: 31, endLine: 3, endColumn: 39 });
    expect(positions.locateKey(['applications', 0, 'Name'])).toEqual({ file: 'tipkit.json', line: 3, column: 23 });
  });
});
