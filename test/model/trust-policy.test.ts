/** The one IAM policy reader, on role trust policies: principals, actions, NotPrincipal, conditions, unknowns. */
import { describe, expect, it } from 'vitest';
import {
  assumeRoleContext,
  evaluateTrustPolicy,
  IDENTITY_CENTER_CONTEXT_PROVIDER,
  trustedPrincipals,
  type TrustPrincipal,
} from '../../model/iam-policy.js';

const BACKEND: TrustPrincipal = { kind: 'aws', arn: 'arn:aws:iam::111122223333:role/Backend' };
const SESSION: TrustPrincipal = { kind: 'aws', arn: 'arn:aws:sts::111122223333:assumed-role/Backend/i-0abc' };
const OTHER: TrustPrincipal = { kind: 'aws', arn: 'arn:aws:iam::444455556666:role/Backend' };
const TRANSFER: TrustPrincipal = { kind: 'service', service: 'transfer.amazonaws.com' };

const policy = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const allow = (Principal: unknown, Action: unknown, extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal, Action, ...extra });

const decide = (p: Record<string, unknown>, principal: TrustPrincipal, action: string, providers: string[] | undefined = [IDENTITY_CENTER_CONTEXT_PROVIDER]) =>
  evaluateTrustPolicy(p, { principal, action, context: assumeRoleContext(principal, { providers, roleSessionName: 'alice' }) }).decision;

describe('trust policy decisions', () => {
  it.each([
    ['role ARN, both actions', policy(allow({ AWS: BACKEND.arn }, ['sts:AssumeRole', 'sts:SetContext'])), BACKEND, 'sts:SetContext', 'allow'],
    ['a session of the named role', policy(allow({ AWS: BACKEND.arn }, 'sts:AssumeRole')), SESSION, 'sts:AssumeRole', 'allow'],
    ['account id', policy(allow({ AWS: '111122223333' }, 'sts:AssumeRole')), BACKEND, 'sts:AssumeRole', 'allow'],
    ['account root, another account', policy(allow({ AWS: 'arn:aws:iam::111122223333:root' }, 'sts:AssumeRole')), OTHER, 'sts:AssumeRole', 'implicit-deny'],
    ['wildcard action sts:*', policy(allow({ AWS: BACKEND.arn }, 'sts:*')), BACKEND, 'sts:SetContext', 'allow'],
    ['action wildcard is case-insensitive', policy(allow({ AWS: BACKEND.arn }, 'STS:Set*')), BACKEND, 'sts:SetContext', 'allow'],
    ['AssumeRole only: SetContext is not allowed', policy(allow({ AWS: BACKEND.arn }, 'sts:AssumeRole')), BACKEND, 'sts:SetContext', 'implicit-deny'],
    ['NotAction covering everything but TagSession', policy(allow({ AWS: BACKEND.arn }, undefined, { NotAction: 'sts:TagSession' })), BACKEND, 'sts:SetContext', 'allow'],
    ['NotAction naming SetContext', policy(allow({ AWS: BACKEND.arn }, undefined, { NotAction: 'sts:SetContext' })), BACKEND, 'sts:SetContext', 'implicit-deny'],
    ['"*" principal', policy(allow('*', 'sts:AssumeRole')), OTHER, 'sts:AssumeRole', 'allow'],
    ['service principal', policy(allow({ Service: 'transfer.amazonaws.com' }, ['sts:AssumeRole', 'sts:SetContext'])), TRANSFER, 'sts:SetContext', 'allow'],
    ['service principal is not an IAM caller', policy(allow({ Service: 'transfer.amazonaws.com' }, 'sts:AssumeRole')), BACKEND, 'sts:AssumeRole', 'implicit-deny'],
    ['partial wildcard in a principal matches no one', policy(allow({ AWS: 'arn:aws:iam::111122223333:role/Back*' }, 'sts:AssumeRole')), BACKEND, 'sts:AssumeRole', 'implicit-deny'],
    ['explicit deny wins', policy(allow({ AWS: BACKEND.arn }, 'sts:*'), { Effect: 'Deny', Principal: '*', Action: 'sts:SetContext' }), BACKEND, 'sts:SetContext', 'explicit-deny'],
    ['NotPrincipal is refused in a trust policy', policy({ Effect: 'Allow', NotPrincipal: { AWS: OTHER.arn }, Action: 'sts:AssumeRole' }), BACKEND, 'sts:AssumeRole', 'implicit-deny'],
    ['a permission policy (no Principal)', policy({ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }), BACKEND, 'sts:AssumeRole', 'implicit-deny'],
  ] as const)('%s', (_name, p, principal, action, want) => {
    expect(decide(p as Record<string, unknown>, principal, action)).toBe(want);
  });
});

describe('trust policy conditions', () => {
  const withCondition = (Condition: unknown) => policy(allow('*', ['sts:AssumeRole', 'sts:SetContext'], { Condition }));
  it.each([
    ['ArnEquals aws:PrincipalArn holds', { ArnEquals: { 'aws:PrincipalArn': BACKEND.arn } }, BACKEND, 'allow'],
    ['ArnLike aws:PrincipalArn with a wildcard holds for a session of the role', { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::111122223333:role/Back*' } }, SESSION, 'allow'],
    ['ArnEquals aws:PrincipalArn fails for another role', { ArnEquals: { 'aws:PrincipalArn': BACKEND.arn } }, OTHER, 'implicit-deny'],
    ['StringEquals aws:PrincipalAccount (key case-insensitive)', { StringEquals: { 'AWS:principalaccount': '111122223333' } }, BACKEND, 'allow'],
    ['StringNotEquals with several values', { StringNotEquals: { 'aws:PrincipalAccount': ['444455556666', '777788889999'] } }, OTHER, 'implicit-deny'],
    ['ForAnyValue:StringEquals sts:RequestContextProviders', { 'ForAnyValue:StringEquals': { 'sts:RequestContextProviders': IDENTITY_CENTER_CONTEXT_PROVIDER } }, BACKEND, 'allow'],
    ['StringEquals aws:SourceAccount is absent for an IAM caller', { StringEquals: { 'aws:SourceAccount': '111122223333' } }, BACKEND, 'implicit-deny'],
    ['StringEqualsIfExists aws:SourceAccount holds when absent', { StringEqualsIfExists: { 'aws:SourceAccount': '111122223333' } }, BACKEND, 'allow'],
    ['Null aws:SourceArn true', { Null: { 'aws:SourceArn': 'true' } }, BACKEND, 'allow'],
    ['Bool aws:PrincipalIsAWSService', { Bool: { 'aws:PrincipalIsAWSService': false } }, BACKEND, 'allow'],
    ['aws:SourceAccount of a service caller is unknown', { StringEquals: { 'aws:SourceAccount': '111122223333' } }, TRANSFER, 'unknown'],
    ['an unevaluated key is unknown', { StringEquals: { 'aws:PrincipalTag/team': 'data' } }, BACKEND, 'unknown'],
    ['an unevaluated operator is unknown', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } }, BACKEND, 'unknown'],
    ['a policy variable is unknown', { StringEquals: { 'sts:RoleSessionName': '${aws:username}' } }, BACKEND, 'unknown'],
    ['an unknown operator does not hide a failing one', { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' }, ArnEquals: { 'aws:PrincipalArn': OTHER.arn } }, BACKEND, 'implicit-deny'],
  ] as const)('%s', (_name, condition, principal, want) => {
    expect(decide(withCondition(condition), principal, 'sts:SetContext')).toBe(want);
  });

  it('a Deny under an unevaluable condition makes an allowed request unknown, never allowed', () => {
    const p = policy(allow({ AWS: BACKEND.arn }, 'sts:*'), { Effect: 'Deny', Principal: '*', Action: 'sts:SetContext', Condition: { IpAddress: { 'aws:SourceIp': '10.0.0.0/8' } } });
    const r = evaluateTrustPolicy(p, { principal: BACKEND, action: 'sts:SetContext', context: assumeRoleContext(BACKEND) });
    expect(r.decision).toBe('unknown');
    expect(r.detail).toMatch(/may deny/);
  });

  it('gives up as unknown past its budget (a hostile policy)', () => {
    const values = Array.from({ length: 2000 }, (_, i) => `arn:aws:iam::111122223333:role/R${i}`);
    const p = policy(...Array.from({ length: 100 }, () => allow('*', 'sts:AssumeRole', { Condition: { ArnEquals: { 'aws:PrincipalArn': values } } })));
    const r = evaluateTrustPolicy(p, { principal: OTHER, action: 'sts:AssumeRole', context: assumeRoleContext(OTHER) });
    expect(r.decision).toBe('unknown');
    expect(r.detail).toMatch(/more than 100000 comparisons/);
  });
});

describe('trustedPrincipals', () => {
  it('lists the AWS and Service principals of Allow statements covering the action', () => {
    const p = policy(
      allow({ AWS: [BACKEND.arn, '111122223333', 'arn:aws:iam::1:role/x*'], Service: 'transfer.amazonaws.com' }, 'sts:AssumeRole'),
      allow('*', 'sts:TagSession'),
    );
    expect(trustedPrincipals(p, 'sts:AssumeRole').map((t) => t.entry)).toEqual([BACKEND.arn, '111122223333', 'transfer.amazonaws.com']);
    expect(trustedPrincipals(p, 'sts:AssumeRole')[1]!.principal).toEqual({ kind: 'aws', arn: 'arn:aws:iam::111122223333:root' });
  });
});
