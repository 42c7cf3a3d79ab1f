/**
 * Issue 12.13: the worker crash. Parsing a 10,000-deep JSON document with the `yaml` parser into its stack limit a
 * few times in one process aborted it ("FATAL ERROR: RegExpCompiler Allocation failed - process out of memory",
 * with a 40 MB heap); test/hardening/input.test.ts did that in-process and took its vitest worker down. Deep JSON
 * is now refused before `yaml` sees it. Run in a child process, so a regression fails this test, not the run.
 */
import { spawnSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureDistBuilt, repoRoot } from '../helpers/cli.js';

describe('deep JSON', () => {
  beforeAll(() => ensureDistBuilt());
  it('is refused at the bracket past the limit, 20 times in one process, without aborting it', () => {
    const loader = pathToFileURL(resolve(repoRoot, 'dist/inputs/yaml/parse.js')).href;
    const script = `
      const { parseDocumentText } = await import(${JSON.stringify(loader)});
      const text = '{"version":1,"instance":' + '{"a":'.repeat(10000) + '1' + '}'.repeat(10000) + '}';
      const messages = new Set();
      for (let i = 0; i < 20; i++) {
        try { parseDocumentText(text, 'deep.json'); } catch (e) { messages.add(e.format()); }
      }
      console.log([...messages].join('\\n'));`;
    const r = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 120_000 });
    expect(r.stderr).not.toMatch(/FATAL ERROR/);
    expect(r.status).toBe(0);
    // The outer object is level 1; level 2 opens at offset 24 (after `{"version":1,"instance":`), level 1001 at 24 + 999 * 5.
    expect(r.stdout.trim()).toBe(`deep.json:1:${24 + 999 * 5 + 1}: invalid JSON: the document nests too deeply to read`);
  });
});
