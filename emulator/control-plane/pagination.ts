/**
 * NextToken / MaxResults as the list operations model them. A token is opaque to the caller; it names the list
 * it belongs to, so a token of one list (or a made-up one) is refused instead of silently paging another.
 */
import { createHash } from 'node:crypto';
import { ValidationException } from './errors.js';

export interface PageRequest {
  NextToken?: unknown;
  MaxResults?: unknown;
}

export interface PageSize {
  /** Items per page when MaxResults is not given. */
  default: number;
  /** The most a page holds whatever MaxResults says (the output list's modelled maximum). */
  max?: number;
}

const listKey = (key: string): string => createHash('sha256').update(key).digest('base64url').slice(0, 10);

export function paginate<T>(items: readonly T[], input: PageRequest, key: string, size: PageSize): { page: T[]; nextToken?: string } {
  let offset = 0;
  if (typeof input.NextToken === 'string' && input.NextToken !== '') {
    const decoded = decodeToken(input.NextToken);
    if (!decoded || decoded.k !== listKey(key) || decoded.o > items.length) throw new ValidationException('The NextToken is not valid for this request; start again without one');
    offset = decoded.o;
  }
  const wanted = typeof input.MaxResults === 'number' ? input.MaxResults : size.default;
  const count = Math.min(wanted, size.max ?? wanted);
  const page = items.slice(offset, offset + count);
  const next = offset + page.length;
  return next < items.length ? { page, nextToken: Buffer.from(JSON.stringify({ k: listKey(key), o: next })).toString('base64url') } : { page };
}

function decodeToken(token: string): { k: string; o: number } | undefined {
  try {
    const v = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { k?: unknown; o?: unknown };
    return typeof v.k === 'string' && typeof v.o === 'number' && Number.isInteger(v.o) && v.o >= 0 ? { k: v.k, o: v.o } : undefined;
  } catch {
    return undefined;
  }
}
