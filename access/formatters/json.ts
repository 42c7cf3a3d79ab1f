/** `--format json`: `{ tool, command: "access", paths }`, plus added / removed / widened / narrowed with --base. */
import type { ChangedPath } from '../diff.js';
import type { AccessPath } from '../paths.js';
import type { AccessFormatter } from './types.js';

/** A path as printed: everything but the internal key; members that do not apply to its grant type left out. */
export function jsonPath(p: AccessPath): Record<string, unknown> {
  const { key: _key, issuerUrl, mapping, extends: extended, refresh, ...rest } = p;
  return { ...rest, ...(issuerUrl !== undefined ? { issuerUrl, mapping } : {}), ...(extended !== undefined ? { extends: extended, refresh } : {}) };
}

const changed = (c: ChangedPath): Record<string, unknown> => ({ ...jsonPath(c.path), changes: c.changes });

export const formatAccessJson: AccessFormatter = (report) => {
  const doc: Record<string, unknown> = { tool: 'tipkit', command: 'access', paths: report.paths.map(jsonPath) };
  if (report.diff) {
    doc.base = report.base;
    doc.added = report.diff.added.map(jsonPath);
    doc.removed = report.diff.removed.map(jsonPath);
    doc.widened = report.diff.widened.map(changed);
    doc.narrowed = report.diff.narrowed.map(changed);
  }
  return `${JSON.stringify(doc, null, 2)}\n`;
};
