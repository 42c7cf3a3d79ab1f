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

ruleTester.run(rule, {
  valid: [
    { name: 'the exact action', yaml: withAction('sso-oauth:CreateTokenWithIAM') },
    { name: 'a service wildcard', yaml: withAction('"sso-oauth:*"') },
    { name: 'a list that includes it, in another case', yaml: withAction('[sso-oauth:introspecttokenwithiam, SSO-OAUTH:CREATETOKENWITHIAM]') },
    { name: 'a single Statement object', yaml: withStatement('{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:role/P" }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }') },
    { name: 'NotAction that leaves it allowed', yaml: withStatement('[{ Effect: Allow, Principal: { AWS: "arn:aws:iam::111122223333:role/P" }, NotAction: sts:AssumeRole, Resource: "*" }]') },
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
