/**
 * What a change does to access: paths added and removed (by their key: grant type, from, to), and paths that
 * stayed but now allow more (widened) or less (narrowed), saying what: an audience, a caller, a scope, a redirect
 * URI, a chain step, a role reachable with identity context, an assigned principal, or the assignment requirement itself.
 */
import type { AccessPath } from './paths.js';

export type ChangeKind = 'audience' | 'caller' | 'scope' | 'redirect-uri' | 'chain-step' | 'role' | 'assigned-principal' | 'assignment-required';

export interface Change {
  kind: ChangeKind;
  /** Values now allowed that were not (widening), or no longer allowed (narrowing). */
  values: string[];
}

export interface ChangedPath {
  path: AccessPath;
  base: AccessPath;
  changes: Change[];
}

export interface AccessDiff {
  added: AccessPath[];
  removed: AccessPath[];
  widened: ChangedPath[];
  narrowed: ChangedPath[];
}

const minus = (a: readonly string[], b: readonly string[]): string[] => {
  const other = new Set(b);
  return a.filter((x) => !other.has(x));
};

/** Set-valued members compared as sets; `grows` lists values in `head` not in `base`. */
const SET_MEMBERS: { kind: ChangeKind; values: (p: AccessPath) => string[] }[] = [
  { kind: 'audience', values: (p) => p.audiences },
  { kind: 'caller', values: (p) => p.callers },
  { kind: 'scope', values: (p) => p.scopes },
  { kind: 'redirect-uri', values: (p) => p.redirectUris.map((r) => r.uri) },
  { kind: 'chain-step', values: (p) => p.chainSteps },
  // A role newly reachable with the token's identity context is new access (a conditional one counts too).
  { kind: 'role', values: (p) => p.roles.map((r) => r.name) },
];

function compare(base: AccessPath, head: AccessPath): { widened: Change[]; narrowed: Change[] } {
  const widened: Change[] = [];
  const narrowed: Change[] = [];
  for (const { kind, values } of SET_MEMBERS) {
    const more = minus(values(head), values(base));
    const less = minus(values(base), values(head));
    if (more.length) widened.push({ kind, values: more });
    if (less.length) narrowed.push({ kind, values: less });
  }
  if (base.users !== 'everyone' && head.users === 'everyone') widened.push({ kind: 'assignment-required', values: ['no longer required'] });
  else if (base.users === 'everyone' && head.users !== 'everyone') narrowed.push({ kind: 'assignment-required', values: ['now required'] });
  else if (base.users !== 'everyone' && head.users !== 'everyone') {
    const more = minus(head.users, base.users);
    const less = minus(base.users, head.users);
    if (more.length) widened.push({ kind: 'assigned-principal', values: more });
    if (less.length) narrowed.push({ kind: 'assigned-principal', values: less });
  }
  return { widened, narrowed };
}

export function diffPaths(base: readonly AccessPath[], head: readonly AccessPath[]): AccessDiff {
  const before = new Map(base.map((p) => [p.key, p]));
  const after = new Set(head.map((p) => p.key));
  const diff: AccessDiff = { added: [], removed: base.filter((p) => !after.has(p.key)), widened: [], narrowed: [] };
  for (const path of head) {
    const old = before.get(path.key);
    if (!old) {
      diff.added.push(path);
      continue;
    }
    const { widened, narrowed } = compare(old, path);
    if (widened.length) diff.widened.push({ path, base: old, changes: widened });
    if (narrowed.length) diff.narrowed.push({ path, base: old, changes: narrowed });
  }
  return diff;
}

/** Anything a reviewer must look at as new access: added or widened paths. */
export const hasNewAccess = (diff: AccessDiff): boolean => diff.added.length > 0 || diff.widened.length > 0;

export const describeChange = (c: Change): string =>
  c.kind === 'assignment-required' ? `assignment ${c.values[0]}` : `${c.kind.replace('-', ' ')}${c.values.length > 1 ? 's' : ''} ${c.values.join(', ')}`;
