/** `--format dot`: the trust graph for Graphviz (`dot -Tsvg`); new edges (with --base) red and bold. */
import { trustGraph, type GraphNode } from './describe.js';
import type { AccessFormatter } from './types.js';

const quote = (s: string): string => `"${s.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
const STYLE: Record<GraphNode['kind'], string> = {
  issuer: 'shape=ellipse, style=filled, fillcolor="#ddf4ff"',
  'sign-in': 'shape=hexagon, style=filled, fillcolor="#fff8c5"',
  'public-client': 'shape=hexagon, style=filled, fillcolor="#fff8c5"',
  application: 'shape=box, style="rounded,filled", fillcolor="#f6f8fa"',
};

export const formatAccessDot: AccessFormatter = (report) => {
  const { nodes, edges } = trustGraph(report.paths, report.diff, report.applications);
  const lines = ['digraph tipkit_access {', '  rankdir=LR;', '  node [fontname="Helvetica"]; edge [fontname="Helvetica", fontsize=10];'];
  for (const n of nodes) lines.push(`  ${n.id} [label=${quote(n.label)}, ${STYLE[n.kind]}];`);
  for (const e of edges) lines.push(`  ${e.from} -> ${e.to} [label=${quote(e.isNew ? `NEW ${e.label}` : e.label)}${e.isNew ? ', color="#d1242f", fontcolor="#d1242f", penwidth=2.5' : ''}];`);
  lines.push('}');
  return `${lines.join('\n')}\n`;
};
