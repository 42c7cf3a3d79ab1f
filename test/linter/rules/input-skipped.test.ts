/** input-skipped: a note-level rule whose findings come from readers' notes, not from a check. */
import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../inputs/load.js';
import { runRules } from '../../../linter/engine.js';
import { allRules } from '../../../linter/rules/index.js';
import { rule } from '../../../linter/rules/input-skipped.js';
import { HEAD } from '../../helpers/rule-tester.js';

describe('input-skipped', () => {
  it('is a note', () => {
    expect(rule.meta.severity).toBe('note');
  });

  it('reports nothing from the model itself, even when a reader left notes', () => {
    const loaded = loadConfigText(`${HEAD}applications:\n  - Name: portal\n`, 'tipkit.yaml');
    loaded.notes.push({ message: 'skipped a computed name', file: 'stack.ts', line: 3, column: 7 });
    expect(runRules(loaded, allRules).filter((f) => f.ruleId === rule.meta.id)).toEqual([]);
  });

  it('claims no schema violation', () => {
    const loaded = loadConfigText(`${HEAD}unknown: 1\n`, 'tipkit.yaml');
    expect(loaded.violations.length).toBeGreaterThan(0);
    for (const v of loaded.violations) expect(rule.claims?.(v) ?? false).toBe(false);
  });
});
