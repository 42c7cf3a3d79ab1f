/**
 * The scenario's identity store: users and groups in IdentityStore shapes, user lookup by a trusted token
 * issuer's attribute mapping (JMESPath, compiled once per expression, indexed per path), and application assignments.
 */
import { TreeInterpreter, compile, type JSONValue } from '@jmespath-community/jmespath';
import type { ApplicationNode, AssignmentNode } from '../model/types.js';
import type { IdentityStore, IdentityStoreGroup, IdentityStoreUser } from './types.js';

type Ast = ReturnType<typeof compile>;
const compiled = new Map<string, Ast>();

/** Compile a JMESPath expression once (throws on invalid syntax). */
export function compileJmespath(expression: string): Ast {
  let ast = compiled.get(expression);
  if (!ast) {
    ast = compile(expression);
    compiled.set(expression, ast);
  }
  return ast;
}

export function searchJmespath(expression: string, data: unknown): unknown {
  return TreeInterpreter.search(compileJmespath(expression), data as JSONValue);
}

/** Multi-valued IdentityStore attributes: a path through them projects over every item (emails.value). */
const MULTI_VALUED = new Set(['emails', 'externalIds', 'addresses', 'phoneNumbers', 'photos', 'roles']);

/** `emails.value` → `emails[].value`: the IdentityStoreAttributePath as JMESPath over a camelCase user. */
export function identityStoreExpression(attributePath: string): string {
  const segments = attributePath.split('.');
  return segments.map((s, i) => (MULTI_VALUED.has(s) && i < segments.length - 1 ? `${s}[]` : s)).join('.');
}

/** IdentityStore's PascalCase members → the camelCase attribute names that IdentityStoreAttributePath uses. */
function camelCased(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelCased);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.charAt(0).toLowerCase() + k.slice(1), camelCased(v)]));
}

const flatValues = (v: unknown): string[] =>
  Array.isArray(v) ? v.flatMap(flatValues) : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? [String(v)] : [];

/** Adds `item` to the list under `key`, once. */
function addTo<K, V>(map: Map<K, V[]>, key: K, item: V): void {
  const list = map.get(key);
  if (!list) map.set(key, [item]);
  else if (!list.includes(item)) list.push(item);
}

/**
 * The identity store is fixed for a run, so lookups go through indexes built on first use: users by id and
 * name, users by attribute value (one JMESPath evaluation per user and path, not per request), groups by member.
 */
export class IdentityDirectory {
  private readonly camelUsers: { user: IdentityStoreUser; view: unknown }[];
  private readonly byId = new Map<string, IdentityStoreUser>();
  private readonly byName = new Map<string, IdentityStoreUser>();
  /** IdentityStoreAttributePath → attribute value → users holding it, in store order. */
  private readonly byAttribute = new Map<string, Map<string, IdentityStoreUser[]>>();
  /** A group member reference (UserName or UserId) → the groups naming it, in store order. */
  private groupsByMember?: Map<string, IdentityStoreGroup[]>;

  constructor(readonly store: IdentityStore) {
    this.camelUsers = store.Users.map((user) => ({ user, view: camelCased(user) }));
    for (const u of store.Users) {
      if (!this.byId.has(u.UserId)) this.byId.set(u.UserId, u);
      if (u.UserName !== undefined && !this.byName.has(u.UserName)) this.byName.set(u.UserName, u);
    }
  }

  /** A user by UserId or UserName. */
  findUser(ref: string): IdentityStoreUser | undefined {
    return this.byId.get(ref) ?? this.byName.get(ref);
  }

  userById(id: string): IdentityStoreUser | undefined {
    return this.byId.get(id);
  }

  /** Users whose attribute at `attributePath` (any of its values) equals `value` exactly. */
  usersWithAttribute(attributePath: string, value: string): IdentityStoreUser[] {
    let index = this.byAttribute.get(attributePath);
    if (!index) {
      const expr = identityStoreExpression(attributePath);
      index = new Map();
      // Throws on an expression that cannot be evaluated, before the (then incomplete) index is kept.
      for (const { user, view } of this.camelUsers) for (const v of flatValues(searchJmespath(expr, view))) addTo(index, v, user);
      this.byAttribute.set(attributePath, index);
    }
    return [...(index.get(value) ?? [])];
  }

  groupsOf(user: IdentityStoreUser): IdentityStoreGroup[] {
    if (!this.groupsByMember) {
      this.groupsByMember = new Map();
      for (const g of this.store.Groups) for (const m of g.Members ?? []) addTo(this.groupsByMember, m, g);
    }
    const byId = this.groupsByMember.get(user.UserId) ?? [];
    const byName = user.UserName !== undefined ? (this.groupsByMember.get(user.UserName) ?? []) : [];
    if (byName.length === 0) return [...byId];
    // Store order, each group once, as a scan of the groups would give.
    const hit = new Set([...byId, ...byName]);
    return this.store.Groups.filter((g) => hit.has(g));
  }

  /**
   * Whether `user` may use `app`: always when it does not require assignments, else a USER assignment
   * naming the user (UserId or UserName) or a GROUP assignment naming one of the user's groups (GroupId or DisplayName).
   */
  assignment(app: ApplicationNode, user: IdentityStoreUser): { ok: boolean; detail: string } {
    const who = describeUser(user);
    const gate = assignmentGate(app);
    if (gate === 'everyone') return { ok: true, detail: `application ${app.name} does not require assignments` };
    for (const a of gate) {
      if (a.principalType === 'USER' && (a.principalId === user.UserId || a.principalId === user.UserName))
        return { ok: true, detail: `${who} is assigned to ${app.name} directly (${a.principalId})` };
      if (a.principalType === 'GROUP') {
        const group = this.groupsOf(user).find((g) => g.GroupId === a.principalId || g.DisplayName === a.principalId);
        if (group) return { ok: true, detail: `${who} is assigned to ${app.name} through group ${group.DisplayName ?? group.GroupId}` };
      }
    }
    const assigned = app.assignments.map((a) => `${a.principalType ?? '?'} ${a.principalId ?? '?'}`).join(', ') || 'none';
    return { ok: false, detail: `${who} is not assigned to ${app.name}, which requires assignments (assigned: ${assigned})` };
  }
}

/** Who may use `app`: everyone when it does not require assignments, else the assignments that name a principal. */
export function assignmentGate(app: ApplicationNode): 'everyone' | AssignmentNode[] {
  if (!app.assignmentRequired) return 'everyone';
  return app.assignments.filter((a): a is AssignmentNode & { principalId: string } => a.principalId !== undefined);
}

export const describeUser = (u: IdentityStoreUser): string => (u.UserName ? `user ${u.UserName} (${u.UserId})` : `user ${u.UserId}`);
