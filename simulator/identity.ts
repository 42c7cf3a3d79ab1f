/**
 * The scenario's identity store: users and groups in IdentityStore shapes, user lookup by a trusted token
 * issuer's attribute mapping (JMESPath, compiled once per expression), and application assignments.
 */
import { TreeInterpreter, compile, type JSONValue } from '@jmespath-community/jmespath';
import type { ApplicationNode } from '../model/types.js';
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

export class IdentityDirectory {
  private readonly camelUsers: { user: IdentityStoreUser; view: unknown }[];

  constructor(readonly store: IdentityStore) {
    this.camelUsers = store.Users.map((user) => ({ user, view: camelCased(user) }));
  }

  /** A user by UserId or UserName. */
  findUser(ref: string): IdentityStoreUser | undefined {
    return this.store.Users.find((u) => u.UserId === ref) ?? this.store.Users.find((u) => u.UserName === ref);
  }

  userById(id: string): IdentityStoreUser | undefined {
    return this.store.Users.find((u) => u.UserId === id);
  }

  /** Users whose attribute at `attributePath` (any of its values) equals `value` exactly. */
  usersWithAttribute(attributePath: string, value: string): IdentityStoreUser[] {
    const expr = identityStoreExpression(attributePath);
    return this.camelUsers.filter(({ view }) => flatValues(searchJmespath(expr, view)).includes(value)).map(({ user }) => user);
  }

  groupsOf(user: IdentityStoreUser): IdentityStoreGroup[] {
    return this.store.Groups.filter((g) => (g.Members ?? []).some((m) => m === user.UserId || (user.UserName !== undefined && m === user.UserName)));
  }

  /**
   * Whether `user` may use `app`: always when it does not require assignments, else a USER assignment
   * naming the user (UserId or UserName) or a GROUP assignment naming one of the user's groups (GroupId or DisplayName).
   */
  assignment(app: ApplicationNode, user: IdentityStoreUser): { ok: boolean; detail: string } {
    const who = describeUser(user);
    if (!app.assignmentRequired) return { ok: true, detail: `application ${app.name} does not require assignments` };
    for (const a of app.assignments) {
      if (a.principalId === undefined) continue;
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

export const describeUser = (u: IdentityStoreUser): string => (u.UserName ? `user ${u.UserName} (${u.UserId})` : `user ${u.UserId}`);
