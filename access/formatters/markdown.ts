/**
 * `--format markdown`, for `$GITHUB_STEP_SUMMARY` and pull-request comments: with --base the new and widened paths
 * first, then narrowed and removed ones; every path as a table; a Mermaid flowchart (GitHub renders it) with the
 * new edges drawn thick and red.
 */
import { callersLabel, grantLabel, narrowedText, pathDetails, pathSentence, sourceLabel, trustGraph, usersLabel, widenedText, type GraphNode } from './describe.js';
import { oneLine } from '../../model/errors.js';
import type { AccessFormatter } from './types.js';

/** Mermaid refuses very large diagrams (its default maxEdges is 500); past this only new edges are drawn. */
export const MERMAID_MAX_EDGES = 400;

/**
 * What Markdown or HTML acts on inside a line: emphasis, code, links and images (a parenthesis only after `]`), raw
 * HTML, entities, strikethrough, a table's pipes. CommonMark lets any ASCII punctuation be backslash-escaped, so these become literal text.
 */
const MARKDOWN_ACTIVE = /[\\`*_[\]<>#!|~&]/g;

/** A name (from the files under review) as Markdown text: control characters as `\uXXXX`, markup escaped. */
const markdownText = (s: string): string => oneLine(s).replace(MARKDOWN_ACTIVE, '\\$&');

/** A table cell of one or more lines (joined with <br>). */
const cell = (...lines: string[]): string => lines.map(markdownText).join('<br>') || ' ';

/** A code span (literal inside, but a pipe still ends a table cell and a line break ends the row). */
const code = (s: string): string => (s ? `\`${oneLine(s).replace(/`/g, "'").replace(/\|/g, '\\|')}\`` : '');

/** Characters a Mermaid label shows as themselves; everything else becomes an entity code (`#35;`), newlines and fences included. */
const MERMAID_PLAIN = /[A-Za-z0-9 .,:/@+=_-]/;

/** A Mermaid label in quotes. */
const mermaidText = (s: string): string => `"${[...s].map((c) => (MERMAID_PLAIN.test(c) ? c : `#${c.codePointAt(0)};`)).join('')}"`;
const SHAPE: Record<GraphNode['kind'], [string, string]> = { issuer: ['([', '])'], 'sign-in': ['{{', '}}'], 'public-client': ['{{', '}}'], application: ['[', ']'] };

export function mermaid(report: Parameters<AccessFormatter>[0]): { text: string; note?: string } {
  const graph = trustGraph(report.paths, report.diff);
  let edges = graph.edges;
  let note: string | undefined;
  if (edges.length > MERMAID_MAX_EDGES) {
    const fresh = edges.filter((e) => e.isNew).slice(0, MERMAID_MAX_EDGES);
    note = `The graph has ${edges.length} edges, more than a Mermaid diagram shows; ${report.diff ? `only the ${fresh.length} new ones are drawn` : 'it is left out'} (\`--format html\` draws all of them).`;
    edges = fresh;
  }
  if (edges.length === 0) return { text: '', note };
  const used = new Set(edges.flatMap((e) => [e.from, e.to]));
  const lines = ['```mermaid', 'flowchart LR'];
  for (const n of graph.nodes) if (used.has(n.id)) lines.push(`  ${n.id}${SHAPE[n.kind][0]}${mermaidText(n.label)}${SHAPE[n.kind][1]}`);
  const fresh: number[] = [];
  edges.forEach((e, i) => {
    lines.push(`  ${e.from} ${e.isNew ? '==>' : '-->'}|${mermaidText(e.isNew ? `NEW ${e.label}` : e.label)}| ${e.to}`);
    if (e.isNew) fresh.push(i);
  });
  if (fresh.length) lines.push(`  linkStyle ${fresh.join(',')} stroke:#d1242f,stroke-width:3px,color:#d1242f`);
  lines.push('```');
  return { text: lines.join('\n'), note };
}

export const formatAccessMarkdown: AccessFormatter = (report) => {
  const out: string[] = ['## Access review', ''];
  const { diff } = report;
  const apps = new Set(report.paths.map((p) => p.to)).size;
  if (diff) {
    const fresh = diff.added.length + diff.widened.length;
    out.push(
      fresh > 0
        ? `**${fresh} new or wider access path${fresh === 1 ? '' : 's'}** compared with ${code(report.base ?? '')} (${diff.added.length} added, ${diff.widened.length} widened; ${diff.narrowed.length} narrowed, ${diff.removed.length} removed).`
        : `No new access compared with ${code(report.base ?? '')} (${diff.narrowed.length} narrowed, ${diff.removed.length} removed).`,
      '',
    );
    if (fresh > 0) {
      out.push('### New access', '', '| | path | what is new | grant |', '|---|---|---|---|');
      for (const p of diff.added) out.push(`| 🆕 | ${cell(pathSentence(p))} | ${cell(pathDetails(p).join('; ') || 'new path')} | ${code(sourceLabel(p))} |`);
      for (const c of diff.widened) out.push(`| ⬆️ | ${cell(pathSentence(c.path))} | ${cell(widenedText(c))} | ${code(sourceLabel(c.path))} |`);
      out.push('');
    }
    if (diff.narrowed.length + diff.removed.length > 0) {
      out.push('### Less access', '', '| | path | what changed | grant |', '|---|---|---|---|');
      for (const c of diff.narrowed) out.push(`| ⬇️ | ${cell(pathSentence(c.path))} | ${cell(narrowedText(c))} | ${code(sourceLabel(c.path))} |`);
      for (const p of diff.removed) out.push(`| ➖ | ${cell(pathSentence(p))} | removed | ${code(sourceLabel(p))} |`);
      out.push('');
    }
  }
  out.push(`### Trust paths (${report.paths.length} to ${apps} application${apps === 1 ? '' : 's'})`, '');
  if (report.paths.length === 0) out.push('No application can be reached.', '');
  else {
    const graph = mermaid(report);
    if (graph.text) out.push(graph.text, '');
    if (graph.note) out.push(`_${graph.note}_`, '');
    out.push('| to | grant | from | callers | users | scopes | details | source |', '|---|---|---|---|---|---|---|---|');
    for (const p of report.paths) {
      const from = p.via.length > 2 ? p.via.join(' → ') : p.from;
      out.push(`| ${cell(p.to)} | ${cell(grantLabel(p))} | ${cell(from)} | ${cell(callersLabel(p))} | ${cell(usersLabel(p))} | ${cell(p.scopes.join(' '))} | ${cell(...pathDetails(p))} | ${code(sourceLabel(p))} |`);
    }
    out.push('');
  }
  return `${out.join('\n')}\n`;
};
