/** Wording and graph edges every format shares, so a path reads the same in a table, an annotation and a graph. */
import { describeChange, type AccessDiff, type ChangedPath } from '../diff.js';
import { shortGrantType, type AccessPath } from '../paths.js';

/** `jwt-bearer`, `refresh_token (extends jwt-bearer)`. */
export const grantLabel = (p: AccessPath): string => (p.extends ? `${shortGrantType(p.grantType)} (extends ${shortGrantType(p.extends)})` : shortGrantType(p.grantType));

export const usersLabel = (p: AccessPath): string => (p.users === 'everyone' ? 'everyone (no assignment required)' : p.users.join(', '));

export const callersLabel = (p: AccessPath): string => (p.fromKind === 'public-client' ? '(public client: no IAM caller)' : p.callers.join(', '));

export const durationLabel = (seconds: number): string =>
  seconds % 86400 === 0 ? `${seconds / 86400} d` : seconds % 3600 === 0 ? `${seconds / 3600} h` : seconds % 60 === 0 ? `${seconds / 60} min` : `${seconds} s`;

export const sourceLabel = (p: AccessPath): string => `${p.source.file}:${p.source.line}`;

/** One line: who reaches what, how. */
export function pathSentence(p: AccessPath): string {
  const how = grantLabel(p);
  const chain = p.via.length > 2 ? ` via ${p.via.join(' → ')}` : '';
  const from = p.fromKind === 'application' ? `holders of a ${p.from} token` : p.fromKind === 'issuer' ? `users of issuer ${p.from}` : p.from === 'public client' ? 'public clients' : 'users signing in';
  const refresh = p.refresh ? `, refreshable for ${durationLabel(p.refresh.refreshTokenSeconds)}` : '';
  const roles = p.roles.length ? ` → ${p.roles.map((r) => `role ${r.name}${r.conditional ? ' (if a condition holds)' : ''}`).join(', ')} (identity-enhanced session)` : '';
  return `${from} can get a token for ${p.to} (${how}${chain}${refresh})${roles}`;
}

/** Details worth a second line: audiences, redirect URIs (insecure flagged), mapping. */
export function pathDetails(p: AccessPath): string[] {
  const out: string[] = [];
  if (p.refresh) out.push(`refresh: access tokens last ${durationLabel(p.refresh.accessTokenSeconds)}, renewed for up to ${durationLabel(p.refresh.refreshTokenSeconds)} (the user session; 8 h by default)`);
  if (p.audiences.length) out.push(`audiences: ${p.audiences.join(', ')}`);
  if (p.mapping) out.push(`mapping: ${p.mapping}`);
  if (p.redirectUris.length) out.push(`redirect URIs: ${p.redirectUris.map((r) => (r.insecure ? `${r.uri} (NOT https/loopback)` : r.uri)).join(', ')}`);
  if (p.chainSteps.length) out.push(`chains pass through: ${p.chainSteps.join(', ')}`);
  for (const r of p.roles)
    out.push(`identity-enhanced session: AssumeRole ${r.arn} with the token's identity context${r.conditional ? ' (only if a trust-policy condition tipkit cannot evaluate holds)' : ''}`);
  for (const n of p.notes) out.push(`note: ${n}`);
  return out;
}

export const widenedText = (c: ChangedPath): string => `${c.changes.map((x) => `new ${describeChange(x)}`).join('; ')}`;
export const narrowedText = (c: ChangedPath): string => `${c.changes.map((x) => `no more ${describeChange(x)}`).join('; ')}`;

export interface GraphNode {
  id: string;
  label: string;
  kind: 'issuer' | 'sign-in' | 'public-client' | 'application';
}
export interface GraphEdge {
  from: string;
  to: string;
  label: string;
  /** Opened or widened by the change under review. */
  isNew: boolean;
}

/**
 * Nodes and edges of the trust graph: issuers, sign-in and public clients → applications (their entry grants),
 * application → application (each exchange step once). Refresh paths extend an edge rather than adding one.
 */
export function trustGraph(paths: readonly AccessPath[], diff: AccessDiff | undefined, applications: readonly string[] = []): { nodes: GraphNode[]; edges: GraphEdge[] } {
  const newKeys = new Set([...(diff?.added ?? []), ...(diff?.widened ?? []).map((w) => w.path)].map((p) => p.key));
  const nodes = new Map<string, GraphNode>();
  const node = (kind: GraphNode['kind'], label: string): string => {
    const key = `${kind === 'application' ? 'app' : kind}:${label}`;
    if (!nodes.has(key)) nodes.set(key, { id: `n${nodes.size}`, label, kind });
    return nodes.get(key)!.id;
  };
  for (const a of applications) node('application', a);
  const edges = new Map<string, GraphEdge>();
  const edge = (from: string, to: string, label: string, isNew: boolean): void => {
    const key = `${from}>${to}>${label}`;
    const e = edges.get(key);
    if (e) e.isNew ||= isNew;
    else edges.set(key, { from, to, label, isNew });
  };
  for (const p of paths) {
    const isNew = newKeys.has(p.key);
    const to = node('application', p.to);
    if (p.extends) continue;
    if (p.fromKind === 'application') {
      const prev = p.via[p.via.length - 2]!;
      edge(node('application', prev), to, 'token-exchange', isNew);
      continue;
    }
    const fromKind = p.fromKind === 'issuer' ? 'issuer' : p.fromKind;
    edge(node(fromKind, p.from), to, shortGrantType(p.grantType), isNew);
  }
  // Refresh extends: mark the edges whose tokens can be refreshed.
  for (const p of paths) {
    if (!p.extends) continue;
    const to = nodes.get(`app:${p.to}`)!.id;
    const fromId = p.fromKind === 'application' ? nodes.get(`app:${p.via[p.via.length - 2]}`)?.id : nodes.get(`${p.fromKind}:${p.from}`)?.id;
    const e = edges.get(`${fromId}>${to}>${shortGrantType(p.extends)}`);
    if (e) e.label = `${shortGrantType(p.extends)} + refresh`;
    if (e && newKeys.has(p.key)) e.isNew = true;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()] };
}
