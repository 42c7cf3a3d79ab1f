/** `--format text`: with --base the changes first, then every path as a table (one row each, details below it). */
import { callersLabel, grantLabel, narrowedText, pathDetails, pathSentence, sourceLabel, usersLabel, widenedText } from './describe.js';
import { oneLine } from '../../model/errors.js';
import type { AccessFormatter } from './types.js';

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, c) => Math.min(60, Math.max(...rows.map((r) => r[c]!.length))));
  return rows.map((r) => r.map((cell, c) => (c === r.length - 1 ? cell : cell.padEnd(widths[c]!))).join('  ').trimEnd());
}

export const formatAccessText: AccessFormatter = (report) => {
  const out: string[] = [];
  const { diff } = report;
  if (diff) {
    out.push(oneLine(`Compared with ${report.base}: ${plural(diff.added.length, 'path')} added, ${diff.widened.length} widened, ${diff.narrowed.length} narrowed, ${diff.removed.length} removed`));
    for (const p of diff.added) out.push(oneLine(`  + ${pathSentence(p)}  [${sourceLabel(p)}]`));
    for (const c of diff.widened) out.push(oneLine(`  ↑ ${pathSentence(c.path)}: widened, ${widenedText(c)}  [${sourceLabel(c.path)}]`));
    for (const c of diff.narrowed) out.push(oneLine(`  ↓ ${pathSentence(c.path)}: narrowed, ${narrowedText(c)}  [${sourceLabel(c.path)}]`));
    for (const p of diff.removed) out.push(oneLine(`  - ${pathSentence(p)}  [was ${sourceLabel(p)}]`));
    out.push('');
  }
  if (report.paths.length === 0) {
    out.push('No trust paths: no application can be reached.');
    return `${out.join('\n')}\n`;
  }
  const rows = [['TO', 'GRANT', 'FROM', 'CALLERS', 'USERS', 'SCOPES', 'SOURCE']];
  // Names come from the files under review: control characters escaped before padding, so columns line up.
  const details: string[][] = [[]];
  for (const p of report.paths) {
    rows.push([p.to, grantLabel(p), p.via.length > 2 ? p.via.join(' → ') : p.from, callersLabel(p), usersLabel(p), p.scopes.join(' '), sourceLabel(p)].map(oneLine));
    details.push(pathDetails(p).map(oneLine));
  }
  table(rows).forEach((line, i) => {
    out.push(line);
    for (const d of details[i]!) out.push(`    ${d}`);
  });
  out.push('', `${plural(report.paths.length, 'path')} to ${plural(new Set(report.paths.map((p) => p.to)).size, 'application')}`);
  return `${out.join('\n')}\n`;
};
