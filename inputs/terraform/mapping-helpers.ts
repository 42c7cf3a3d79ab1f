/** Small pure helpers of the Terraform mapping (mapping.ts): paths through block bodies, and the empty grant members. */
import { isObject } from '../../model/build.js';
import { GRANT_TYPES, type NodePath } from '../../model/types.js';
import { SINGLE_BLOCKS } from './resource-types.js';

type Obj = Record<string, unknown>;

/** The value at an attribute path of a block body, through nested blocks written as one object or a list of one. */
export function valueAtBlockPath(body: Obj, path: readonly string[]): { value: unknown; path: NodePath } | undefined {
  let cur: unknown = body;
  const written: (string | number)[] = [];
  for (const key of path) {
    if (Array.isArray(cur)) {
      cur = cur[0];
      written.push(0);
    }
    if (!isObject(cur)) return undefined;
    cur = cur[key];
    written.push(key);
  }
  return { value: cur, path: written };
}

export const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** refresh_token and token_exchange grants take no block; the API still wants the empty union member. */
export function defaultGrant(out: Obj): void {
  if (out.Grant !== undefined) return;
  if (out.GrantType === GRANT_TYPES.refreshToken) out.Grant = { RefreshToken: {} };
  if (out.GrantType === GRANT_TYPES.tokenExchange) out.Grant = { TokenExchange: {} };
}

/** The path of the first `dynamic` block in a body, if any. */
export function findDynamic(value: unknown, path: NodePath): NodePath | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const hit = findDynamic(value[i], [...path, i]);
      if (hit) return hit;
    }
  } else if (isObject(value)) {
    for (const [k, v] of Object.entries(value)) {
      if (k === 'dynamic') return [...path, k];
      const hit = findDynamic(v, [...path, k]);
      if (hit) return hit;
    }
  }
  return undefined;
}

/** ['grant', 0, 'jwt_bearer', 0, 'authorized_token_issuers', 1, 'authorized_audiences', 0] → grant.jwt_bearer.authorized_token_issuers[1].authorized_audiences[0] */
export function attributePath(path: NodePath): string {
  let out = '';
  path.forEach((seg, i) => {
    if (typeof seg === 'string') out += (out ? '.' : '') + seg;
    else if (!SINGLE_BLOCKS.has(String(path[i - 1]))) out += `[${seg}]`;
  });
  return out;
}

