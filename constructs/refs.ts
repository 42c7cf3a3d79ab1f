/** Turning reference props into ARN strings (Terraform references for constructs), and camelCase props ↔ PascalCase API shapes. */
import type { ApplicationRef } from './props.js';

export const applicationArnOf = (ref: ApplicationRef): string => (typeof ref === 'string' ? ref : ref.applicationArn);

/** `{ redirectUris: [...] }` → `{ RedirectUris: [...] }`, recursively (the props mirror the API shapes in camelCase). */
export function pascalize(value: unknown, leaf: (v: unknown) => unknown = (v) => v): unknown {
  if (Array.isArray(value)) return value.map((v) => pascalize(v, leaf));
  if (!isPlainObject(value)) return leaf(value);
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [upperFirst(k), pascalize(v, leaf)]));
}

/** A construct standing where an ARN goes (TrustedTokenIssuer, IdentityCenterApplication) → its ARN; anything else as is. */
export function arnLeaf(v: unknown): unknown {
  if (v && typeof v === 'object' && 'trustedTokenIssuerArn' in v) return (v as { trustedTokenIssuerArn: unknown }).trustedTokenIssuerArn;
  if (v && typeof v === 'object' && 'applicationArn' in v) return (v as { applicationArn: unknown }).applicationArn;
  return v;
}

/** The inverse of pascalize, for building props from a tipkit.yaml document. */
export function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (!isPlainObject(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [lowerFirst(k), camelize(v)]));
}

export const upperFirst = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);
export const lowerFirst = (s: string): string => s.charAt(0).toLowerCase() + s.slice(1);

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}
