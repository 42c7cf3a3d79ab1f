/**
 * Deterministic ARNs for resources declared without one, so the same file always simulates the same way.
 * They match the sso-admin ApplicationArn / TrustedTokenIssuerArn patterns; the account is derived from the
 * instance (an instance ARN carries none), and marked as such by arnDerived in the model.
 */
import { createHash } from 'node:crypto';
import { ssoAdminShapes } from './generated/sso-admin-shapes.js';

const FALLBACK_INSTANCE = 'arn:aws:sso:::instance/ssoins-0000000000000000';

function digest(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\u0000')).digest('hex');
}

/** `ssoins-7223e2ee1a2b3c4d` from an instance ARN, or a stand-in when the ARN is missing or malformed. */
export function instanceId(instanceArn: string | undefined): string {
  const m = /:instance\/((?:sso)?ins-[a-zA-Z0-9-.]{16})$/.exec(instanceArn ?? '');
  return m ? m[1]! : /:instance\/(.+)$/.exec(FALLBACK_INSTANCE)![1]!;
}

export function partition(instanceArn: string | undefined): string {
  return /^arn:(aws(?:-[a-z]{1,5}){0,3}):/.exec(instanceArn ?? '')?.[1] ?? 'aws';
}

/** A 12-digit account derived from the instance ARN. */
export function derivedAccount(instanceArn: string | undefined): string {
  const hex = digest('account', instanceArn ?? FALLBACK_INSTANCE).slice(0, 15);
  return (BigInt('0x' + hex) % 10n ** 12n).toString().padStart(12, '0');
}

export function deriveApplicationArn(instanceArn: string | undefined, name: string): string {
  const id = digest('application', instanceArn ?? FALLBACK_INSTANCE, name).slice(0, 16);
  return `arn:${partition(instanceArn)}:sso::${derivedAccount(instanceArn)}:application/${instanceId(instanceArn)}/apl-${id}`;
}

export function deriveIssuerArn(instanceArn: string | undefined, name: string): string {
  const h = digest('trustedTokenIssuer', instanceArn ?? FALLBACK_INSTANCE, name);
  const uuid = `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
  return `arn:${partition(instanceArn)}:sso::${derivedAccount(instanceArn)}:trustedTokenIssuer/${instanceId(instanceArn)}/tti-${uuid}`;
}

/** arn:PARTITION:iam::ACCOUNT:role/PATH/NAME, the account derived from the instance as for applications. */
export function deriveRoleArn(instanceArn: string | undefined, path: string | undefined, name: string): string {
  const p = path && path.startsWith('/') && path.endsWith('/') ? path : '/';
  return `arn:${partition(instanceArn)}:iam::${derivedAccount(instanceArn)}:role${p}${name}`;
}

const applicationArnRe = new RegExp(ssoAdminShapes.ApplicationArn.jsPattern, 'u');
const issuerArnRe = new RegExp(ssoAdminShapes.TrustedTokenIssuerArn.jsPattern, 'u');
const scopeTargetRe = new RegExp(ssoAdminShapes.ScopeTarget.jsPattern, 'u');

export const isApplicationArn = (s: string): boolean => applicationArnRe.test(s);
export const isIssuerArn = (s: string): boolean => issuerArnRe.test(s);
/** An access-scope target: an application ARN or an instance ARN. */
export const isScopeTargetArn = (s: string): boolean => scopeTargetRe.test(s);

const principalIdRe = new RegExp(ssoAdminShapes.PrincipalId.jsPattern, 'u');
/** Whether an assignment's PrincipalId is an identity-store id (else a group DisplayName or a UserName). */
export const isPrincipalId = (s: string): boolean => principalIdRe.test(s);
