/** actor-policy-no-create-token: the ActorPolicy must allow sso-oauth:CreateTokenWithIAM. */
import { describe, expect, it } from 'vitest';
import { actionMatches, rule } from '../../../linter/rules/actor-policy-no-create-token.js';
import { HEAD, iamMethodYaml, ruleTester } from '../../helpers/rule-tester.js';

/** Application on line 5; the policy's Action value on line 15, column 27. */
const withAction = (action: string) => `${HEAD}applications:\n  - Name: portal\n${iamMethodYaml(action)}`;
const withStatement = (statement: string) => `${HEAD}applications:
  - Name: portal
    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod:
          Iam:
            ActorPolicy:
              Version: "2012-10-17"
              Statement: ${statement}
`;

/** Application with a declared ApplicationArn, whose policy allows the action on `resource` only. */
const withArn = (resource: string) => `${HEAD}applications:
  - Name: portal
    ApplicationArn: arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-0123456789abcdef
    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod:
          Iam:
            ActorPolicy:
              Version: "2012-10-17"
              Statement: [{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: sso-oauth:CreateTokenWithIAM, Resource: "${resource}" }]
`;

ruleTester.run(rule, {
  valid: [
    { name: 'the exact action', yaml: withAction('sso-oauth:CreateTokenWithIAM') },
    { name: 'a service wildcard', yaml: withAction('"sso-oauth:*"') },
    { name: 'a list that includes it, in another case', yaml: withAction('[sso-oauth:introspecttokenwithiam, SSO-OAUTH:CREATETOKENWITHIAM]') },
    { name: 'a single Statement object', yaml: withStatement('{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:role/P" }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }') },
    { name: 'NotAction that leaves it allowed', yaml: withStatement('[{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:role/P" }, NotAction: sts:AssumeRole, Resource: "*" }]') },
    { name: 'everyone ("*") is a principal that matches', yaml: withStatement('[{ Effect: Allow, Principal: { AWS: "*" }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }]') },
    { name: 'an account id principal', yaml: withStatement('[{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }]') },
    {
      name: 'a Deny for one role leaves the Allow for others',
      yaml: withStatement('[{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }, { Effect: Deny, Principal: { AWS: "arn:aws:iam::111122223333:role/X" }, Action: "*", Resource: "*" }]'),
    },
    { name: 'Resource naming the declared application ARN', yaml: withArn(`arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-0123456789abcdef`) },
  ],
  invalid: [
    { name: 'the sso namespace', yaml: withAction('sso:CreateTokenWithIAM'), errors: [{ line: 15, column: 27, messageIncludes: "it allows 'sso:CreateTokenWithIAM', but the action is 'sso-oauth:CreateTokenWithIAM'" }] },
    { name: 'sts:AssumeRole', yaml: withAction('sts:AssumeRole'), errors: [{ line: 15, column: 27, messageIncludes: "'sts:AssumeRole'" }] },
    {
      name: 'only a Deny',
      yaml: withStatement('[{ Effect: Deny, Principal: "*", Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }]'),
      errors: [{ line: 11, column: 15, messageIncludes: "no Allow statement covers 'sso-oauth:CreateTokenWithIAM'" }],
    },
    {
      name: 'NotAction that excludes it',
      yaml: withStatement('[{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:role/P" }, NotAction: "sso-oauth:*", Resource: "*" }]'),
      errors: [{ line: 11, column: 15 }],
    },
    // IAM User Guide, Principal element: "You cannot use a wildcard to match part of a principal name or ARN";
    // the simulator's evaluator (model/iam-policy.ts) never matches such an entry either.
    {
      name: 'a role ARN with a wildcard: the only Allow matches no caller',
      yaml: withStatement('[{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:role/*" }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }]'),
      errors: [{ line: 12, messageIncludes: "names principal 'arn:aws:iam::111122223333:role/*', which can never match: IAM does not expand wildcards" }],
    },
    {
      name: 'one dead entry beside a good one is reported alone',
      yaml: withStatement('[{ Effect: Allow, Principal: { AWS: ["arn:aws:iam::111122223333:role/P", "arn:aws:iam::111122223333:role/Team?"] }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }]'),
      errors: [{ line: 12, messageIncludes: "'arn:aws:iam::111122223333:role/Team?'" }],
    },
    {
      name: 'an Allow, but a Deny of the action to everyone',
      yaml: withStatement('[{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }, { Sid: Off, Effect: Deny, Principal: "*", Action: "sso-oauth:*", Resource: "*" }]'),
      errors: [{ line: 12, messageIncludes: 'lets no one call CreateTokenWithIAM: statement Off denies it to everyone' }],
    },
    {
      name: 'a service principal never matches an IAM caller',
      yaml: withStatement('[{ Effect: Allow, Principal: { Service: lambda.amazonaws.com }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }]'),
      errors: [{ line: 12, messageIncludes: 'names no principal that can match a caller' }],
    },
    {
      name: 'Resource naming another application than the declared ARN',
      yaml: withArn('arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-ffffffffffffffff'),
      errors: [{ line: 13, messageIncludes: 'allows it only on' }],
    },
  ],
});

describe('actionMatches', () => {
  it('follows IAM wildcard rules', () => {
    expect(actionMatches('*', 'sso-oauth:CreateTokenWithIAM')).toBe(true);
    expect(actionMatches('sso-oauth:Create*', 'sso-oauth:CreateTokenWithIAM')).toBe(true);
    expect(actionMatches('sso-oauth:CreateToken', 'sso-oauth:CreateTokenWithIAM')).toBe(false);
    expect(actionMatches('sso-oauth:CreateTokenWithIA?', 'sso-oauth:CreateTokenWithIAM')).toBe(true);
    expect(actionMatches('sso.oauth:*', 'ssoXoauth:x')).toBe(false);
  });
});
