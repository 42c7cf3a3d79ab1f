/**
 * `--format html`: one self-contained page (inline CSS, SVG and script; a Content-Security-Policy that forbids
 * every fetch), readable at 20 and at 200 applications: the graph issuers → applications → exchange targets is
 * drawn in pages of PAGE_SIZE applications, and the paths are listed per application, collapsible and filterable.
 */
import { callersLabel, grantLabel, narrowedText, pathDetails, pathSentence, sourceLabel, usersLabel, widenedText } from './describe.js';
import { shortGrantType, type AccessPath } from '../paths.js';
import type { AccessFormatter, AccessReport } from './types.js';

/** Applications per graph page. */
export const PAGE_SIZE = 25;
/** Up to this many applications the per-application lists start open. */
const OPEN_UP_TO = 20;

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const clip = (s: string, n: number): string => (s.length > n ? `${s.slice(0, n - 1)}…` : s);

const ROW = 30;
const BOX_H = 22;
const COLUMN_X = [16, 390, 764];
const BOX_W = 260;
const WIDTH = 1040;
const EDGE_COLOR: Record<string, string> = { 'jwt-bearer': '#0969da', authorization_code: '#8250df', device_code: '#9a6700', 'token-exchange': '#1a7f37' };

interface Node {
  key: string;
  label: string;
  column: number;
  kind: string;
}

/** The SVG of one page of applications: their sources on the left, their exchange targets on the right. */
function pageSvg(apps: readonly string[], byApp: Map<string, AccessPath[]>, fresh: Set<string>, index: number): string {
  const columns: Node[][] = [[], [], []];
  const nodes = new Map<string, Node>();
  const add = (column: number, key: string, label: string, kind: string): Node => {
    const k = `${column}:${key}`;
    let n = nodes.get(k);
    if (!n) {
      n = { key: k, label, column, kind };
      nodes.set(k, n);
      columns[column]!.push(n);
    }
    return n;
  };
  const edges: { from: Node; to: Node; grant: string; isNew: boolean; refresh: boolean }[] = [];
  const seen = new Map<string, (typeof edges)[number]>();
  const edge = (from: Node, to: Node, grant: string, isNew: boolean, refresh: boolean): void => {
    const k = `${from.key}>${to.key}>${grant}`;
    const e = seen.get(k);
    if (e) {
      e.isNew ||= isNew;
      e.refresh ||= refresh;
      return;
    }
    const created = { from, to, grant, isNew, refresh };
    seen.set(k, created);
    edges.push(created);
  };
  for (const app of apps) add(1, app, app, 'application');
  for (const app of apps) {
    for (const p of byApp.get(app) ?? []) {
      const isNew = fresh.has(p.key);
      const grant = shortGrantType(p.extends ?? p.grantType);
      if (p.fromKind !== 'application') edge(add(0, `${p.fromKind}:${p.from}`, p.from, p.fromKind), nodes.get(`1:${app}`)!, grant, isNew, Boolean(p.extends));
    }
  }
  // Exchange steps out of this page's applications, to targets drawn on the right.
  for (const paths of byApp.values())
    for (const p of paths) {
      if (p.fromKind !== 'application') continue;
      const prev = p.via[p.via.length - 2]!;
      if (!nodes.has(`1:${prev}`)) continue;
      edge(nodes.get(`1:${prev}`)!, add(2, p.to, p.to, 'application'), 'token-exchange', fresh.has(p.key), Boolean(p.extends));
    }
  const rows = Math.max(1, ...columns.map((c) => c.length));
  const height = rows * ROW + 40;
  const y = (n: Node): number => 30 + columns[n.column]!.indexOf(n) * ROW;
  const out: string[] = [];
  out.push(`<svg class="graph" data-page="${index}" role="img" aria-label="trust graph, page ${index + 1}" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}"${index > 0 ? ' style="display:none"' : ''}>`);
  out.push(`<text x="${COLUMN_X[0]}" y="16" class="head">issuers and clients</text><text x="${COLUMN_X[1]}" y="16" class="head">applications</text><text x="${COLUMN_X[2]}" y="16" class="head">exchange targets</text>`);
  for (const e of edges) {
    const x1 = COLUMN_X[e.from.column]! + BOX_W;
    const y1 = y(e.from) + BOX_H / 2;
    const x2 = COLUMN_X[e.to.column]!;
    const y2 = y(e.to) + BOX_H / 2;
    const mid = (x1 + x2) / 2;
    const color = e.isNew ? '#d1242f' : (EDGE_COLOR[e.grant] ?? '#57606a');
    out.push(
      `<path d="M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}" fill="none" stroke="${color}" stroke-width="${e.isNew ? 3 : 1.4}" opacity="${e.isNew ? 1 : 0.75}"><title>${esc(`${e.from.label} → ${e.to.label}: ${e.grant}${e.refresh ? ' (+ refresh)' : ''}${e.isNew ? ' — NEW' : ''}`)}</title></path>`,
    );
  }
  for (const n of nodes.values()) {
    const fill = n.kind === 'issuer' ? '#ddf4ff' : n.kind === 'application' ? '#f6f8fa' : '#fff8c5';
    out.push(
      `<g class="node" data-app="${n.kind === 'application' ? esc(n.label) : ''}"><rect x="${COLUMN_X[n.column]}" y="${y(n)}" width="${BOX_W}" height="${BOX_H}" rx="${n.kind === 'application' ? 4 : 11}" fill="${fill}" stroke="#8c959f"/><text x="${COLUMN_X[n.column]! + 8}" y="${y(n) + 15}">${esc(clip(n.label, 38))}</text><title>${esc(n.label)}</title></g>`,
    );
  }
  out.push('</svg>');
  return out.join('\n');
}

function pathRow(p: AccessPath, fresh: Set<string>): string {
  const from = p.via.length > 2 ? p.via.join(' → ') : p.from;
  const details = pathDetails(p).map(esc).join('<br>');
  const mark = fresh.has(p.key) ? '<span class="new">NEW</span> ' : '';
  return `<tr><td>${mark}${esc(grantLabel(p))}</td><td>${esc(from)}</td><td>${esc(callersLabel(p))}</td><td>${esc(usersLabel(p))}</td><td>${esc(p.scopes.join(' '))}</td><td>${details}</td><td><code>${esc(sourceLabel(p))}</code></td></tr>`;
}

function changesSection(report: AccessReport): string {
  const { diff } = report;
  if (!diff) return '';
  const items = [
    ...diff.added.map((p) => `<li class="added"><b>added</b> ${esc(pathSentence(p))} <code>${esc(sourceLabel(p))}</code></li>`),
    ...diff.widened.map((c) => `<li class="widened"><b>widened</b> ${esc(pathSentence(c.path))}: ${esc(widenedText(c))} <code>${esc(sourceLabel(c.path))}</code></li>`),
    ...diff.narrowed.map((c) => `<li><b>narrowed</b> ${esc(pathSentence(c.path))}: ${esc(narrowedText(c))}</li>`),
    ...diff.removed.map((p) => `<li><b>removed</b> ${esc(pathSentence(p))}</li>`),
  ];
  return `<section id="changes"><h2>Changes since ${esc(report.base ?? 'the base')}</h2>${items.length ? `<ul>${items.join('')}</ul>` : '<p>No change in access.</p>'}</section>`;
}

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;margin:24px;color:#1f2328;background:#fff}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:22px 0 8px}
.summary{color:#57606a}
.graph{display:block;max-width:100%;height:auto;border:1px solid #d0d7de;border-radius:6px;background:#fff}
.graph text{font:12px system-ui,sans-serif;fill:#1f2328}.graph text.head{font-weight:600;fill:#57606a}
.pager{margin:8px 0;display:flex;gap:8px;align-items:center}
button{font:inherit;padding:2px 10px;border:1px solid #d0d7de;border-radius:6px;background:#f6f8fa;cursor:pointer}
.legend span{display:inline-block;margin-right:14px}.legend i{display:inline-block;width:18px;height:3px;vertical-align:middle;margin-right:4px}
input[type=search]{font:inherit;padding:4px 8px;width:320px;border:1px solid #d0d7de;border-radius:6px}
details{border:1px solid #d0d7de;border-radius:6px;margin:6px 0;padding:4px 10px}summary{cursor:pointer;font-weight:600}
table{border-collapse:collapse;width:100%;margin:6px 0}td,th{border-top:1px solid #d8dee4;padding:4px 6px;text-align:left;vertical-align:top;font-size:13px}
code{font-size:12px}.new{background:#d1242f;color:#fff;border-radius:4px;padding:0 4px;font-size:11px}
li.added,li.widened{color:#82071e}.unreached{color:#57606a}
`;

const SCRIPT = `
(function(){
  var pages=document.querySelectorAll('svg.graph'),current=0,label=document.getElementById('page');
  function show(i){if(!pages.length)return;current=(i+pages.length)%pages.length;for(var k=0;k<pages.length;k++)pages[k].style.display=k===current?'':'none';if(label)label.textContent='page '+(current+1)+' of '+pages.length;}
  var prev=document.getElementById('prev'),next=document.getElementById('next');
  if(prev)prev.onclick=function(){show(current-1)};if(next)next.onclick=function(){show(current+1)};
  var filter=document.getElementById('filter');
  if(filter)filter.oninput=function(){var q=filter.value.toLowerCase();var apps=document.querySelectorAll('details.app');
    for(var k=0;k<apps.length;k++){var hit=!q||apps[k].textContent.toLowerCase().indexOf(q)>=0;apps[k].style.display=hit?'':'none';if(q&&hit)apps[k].open=true;}
    if(q){for(var p=0;p<pages.length;p++){if(pages[p].querySelector('[data-app="'+q.replace(/"/g,'')+'"]')){show(p);break;}}}};
  show(0);
})();
`;

export const formatAccessHtml: AccessFormatter = (report) => {
  const byApp = new Map<string, AccessPath[]>();
  for (const p of report.paths) {
    const list = byApp.get(p.to);
    if (list) list.push(p);
    else byApp.set(p.to, [p]);
  }
  const apps = [...new Set([...report.applications, ...byApp.keys()])].sort();
  const fresh = new Set([...(report.diff?.added ?? []), ...(report.diff?.widened ?? []).map((c) => c.path)].map((p) => p.key));
  const pages: string[] = [];
  for (let i = 0; i * PAGE_SIZE < apps.length; i++) pages.push(pageSvg(apps.slice(i * PAGE_SIZE, (i + 1) * PAGE_SIZE), byApp, fresh, i));
  const open = apps.length <= OPEN_UP_TO;
  const lists = apps.map((app) => {
    const paths = byApp.get(app) ?? [];
    const isNew = paths.some((p) => fresh.has(p.key));
    const body = paths.length
      ? `<table><thead><tr><th>grant</th><th>from</th><th>callers</th><th>users</th><th>scopes</th><th>details</th><th>source</th></tr></thead><tbody>${paths.map((p) => pathRow(p, fresh)).join('')}</tbody></table>`
      : '<p class="unreached">No path reaches this application.</p>';
    return `<details class="app" data-app="${esc(app)}"${open || isNew ? ' open' : ''}><summary>${isNew ? '<span class="new">NEW</span> ' : ''}${esc(app)} — ${paths.length} path${paths.length === 1 ? '' : 's'}</summary>${body}</details>`;
  });
  const legend = Object.entries(EDGE_COLOR)
    .map(([g, c]) => `<span><i style="background:${c}"></i>${esc(g)}</span>`)
    .concat(report.diff ? ['<span><i style="background:#d1242f;height:4px"></i>new</span>'] : [])
    .join('');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>tipkit access review</title><style>${STYLE}</style></head>
<body>
<h1>Access review</h1>
<p class="summary">${report.paths.length} trust path${report.paths.length === 1 ? '' : 's'} to ${byApp.size} of ${apps.length} application${apps.length === 1 ? '' : 's'}: who can obtain an IAM Identity Center token for which application, and how.</p>
${changesSection(report)}
<h2>Graph</h2>
<p class="legend">${legend}</p>
${pages.length > 1 ? `<div class="pager"><button id="prev" type="button">‹ previous</button><span id="page">page 1 of ${pages.length}</span><button id="next" type="button">next ›</button> <span class="summary">${PAGE_SIZE} applications per page</span></div>` : ''}
${pages.join('\n')}
<h2>Paths by application</h2>
<p><input id="filter" type="search" placeholder="filter: application, issuer, principal, scope…" aria-label="filter"></p>
${lists.join('\n')}
<script>${SCRIPT}</script>
</body></html>
`;
};
