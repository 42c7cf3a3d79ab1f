/** The ActorPolicy evaluator: principals, actions, resources, Not* forms, explicit deny, conditions noted. */
import { describe, expect, it } from 'vitest';
import { evaluatePolicy } from '../../model/iam-policy.js';
import { wildcardMatch } from '../../model/wildcard.js';

const APP = 'arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-0123456789abcdef';
const ROLE = 'arn:aws:iam::111122223333:role/Backend';
const req = (principalArn = ROLE, action = 'sso-oauth:CreateTokenWithIAM') => ({ principalArn, action, resource: APP });
const policy = (...Statement: Record<string, unknown>[]) => ({ Version: '2012-10-17', Statement });
const allow = (extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Principal: { AWS: ROLE }, Action: 'sso-oauth:CreateTokenWithIAM', Resource: '*', ...extra });

describe('evaluatePolicy', () => {
  it('allows the named role and implicitly denies others', () => {
    expect(evaluatePolicy(policy(allow()), req()).decision).toBe('allow');
    expect(evaluatePolicy(policy(allow()), req('arn:aws:iam::111122223333:role/Other')).decision).toBe('implicit-deny');
  });

  it('matches principals by account id, account root, "*", and list', () => {
    for (const p of ['111122223333', 'arn:aws:iam::111122223333:root', '*', ['arn:aws:iam::1:role/x', ROLE]]) {
      expect(evaluatePolicy(policy(allow({ Principal: { AWS: p } })), req()).decision, JSON.stringify(p)).toBe('allow');
    }
    expect(evaluatePolicy(policy(allow({ Principal: '*' })), req()).decision).toBe('allow');
    expect(evaluatePolicy(policy(allow({ Principal: { AWS: '999988887777' } })), req()).decision).toBe('implicit-deny');
    expect(evaluatePolicy(policy(allow({ Principal: { Service: 'lambda.amazonaws.com' } })), req()).decision).toBe('implicit-deny');
  });

  it('matches an assumed-role session to its role, including a role with a path', () => {
    const session = 'arn:aws:sts::111122223333:assumed-role/Backend/session-1';
    expect(evaluatePolicy(policy(allow()), req(session)).decision).toBe('allow');
    expect(evaluatePolicy(policy(allow({ Principal: { AWS: 'arn:aws:iam::111122223333:role/team/Backend' } })), req(session)).decision).toBe('allow');
  });

  it('matches actions case-insensitively with wildcards, and resources with wildcards', () => {
    expect(evaluatePolicy(policy(allow({ Action: 'SSO-OAUTH:createtokenwithiam' })), req()).decision).toBe('allow');
    expect(evaluatePolicy(policy(allow({ Action: 'sso-oauth:*' })), req()).decision).toBe('allow');
    expect(evaluatePolicy(policy(allow({ Action: 'sso:CreateTokenWithIAM' })), req()).decision).toBe('implicit-deny');
    expect(evaluatePolicy(policy(allow({ Resource: APP })), req()).decision).toBe('allow');
    expect(evaluatePolicy(policy(allow({ Resource: 'arn:aws:sso::111122223333:application/*' })), req()).decision).toBe('allow');
    expect(evaluatePolicy(policy(allow({ Resource: 'arn:aws:sso::111122223333:application/ssoins-x/apl-other' })), req()).decision).toBe('implicit-deny');
  });

  it('evaluates NotAction, NotPrincipal and NotResource', () => {
    expect(evaluatePolicy(policy(allow({ Action: undefined, NotAction: 'sso-oauth:Revoke*' })), req()).decision).toBe('allow');
    expect(evaluatePolicy(policy(allow({ Action: undefined, NotAction: 'sso-oauth:*' })), req()).decision).toBe('implicit-deny');
    expect(evaluatePolicy(policy({ Effect: 'Deny', NotPrincipal: { AWS: ROLE }, Action: '*', Resource: '*' }, allow()), req()).decision).toBe('allow');
    expect(evaluatePolicy(policy({ Effect: 'Deny', NotPrincipal: { AWS: ROLE }, Action: '*', Resource: '*' }, allow({ Principal: '*' })), req('arn:aws:iam::111122223333:role/Other')).decision).toBe('explicit-deny');
    expect(evaluatePolicy(policy(allow({ Resource: undefined, NotResource: APP })), req()).decision).toBe('implicit-deny');
  });

  it('lets an explicit Deny win regardless of order', () => {
    const deny = { Sid: 'Stop', Effect: 'Deny', Principal: { AWS: '*' }, Action: 'sso-oauth:*', Resource: '*' };
    expect(evaluatePolicy(policy(allow(), deny), req())).toMatchObject({ decision: 'explicit-deny', detail: expect.stringMatching(/Stop/) });
    expect(evaluatePolicy(policy(deny, allow()), req()).decision).toBe('explicit-deny');
  });

  it('does not evaluate Conditions, and says so', () => {
    const r = evaluatePolicy(policy(allow({ Condition: { StringEquals: { 'aws:SourceVpc': 'vpc-1' } } })), req());
    expect(r.decision).toBe('allow');
    expect(r.notes.join()).toMatch(/Condition, which is not evaluated/);
  });

  it('wildcardMatch escapes regex characters', () => {
    expect(wildcardMatch('a.b', 'aXb')).toBe(false);
    expect(wildcardMatch('a?b*', 'a.b...')).toBe(true);
  });
});
