/** actor-policy-no-create-token: an IAM authentication method's ActorPolicy never allows `sso-oauth:CreateTokenWithIAM`. */
import type { NodePath } from '../../model/types.js';
import { wildcardMatch } from '../../model/wildcard.js';
import type { Rule } from '../types.js';

export const CREATE_TOKEN_WITH_IAM = 'sso-oauth:CreateTokenWithIAM';

/** Actions people write instead of sso-oauth:CreateTokenWithIAM (tip-facts §3: seen in third-party configs). */
const LOOKALIKES = new Set(['sso:createtokenwithiam', 'sso-oidc:createtokenwithiam', 'oauth:createtokenwithiam', 'sts:assumerole', 'sso-oauth:createtoken']);

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);
const asObject = (v: unknown): Record<string, unknown> | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/** IAM action matching: case-insensitive, `*` and `?` wildcards. */
export function actionMatches(pattern: string, action: string): boolean {
  return wildcardMatch(pattern, action, true);
}

function allowsCreateToken(statement: Record<string, unknown>): boolean {
  if (statement.Effect !== 'Allow') return false;
  if (statement.Action !== undefined) return asList(statement.Action).some((a) => typeof a === 'string' && actionMatches(a, CREATE_TOKEN_WITH_IAM));
  if (statement.NotAction !== undefined) return !asList(statement.NotAction).some((a) => typeof a === 'string' && actionMatches(a, CREATE_TOKEN_WITH_IAM));
  return false;
}

export const rule: Rule = {
  meta: {
    id: 'actor-policy-no-create-token',
    severity: 'error',
    summary: 'an IAM authentication method\'s ActorPolicy never allows `sso-oauth:CreateTokenWithIAM`',
    docs: {
      why:
        'The ActorPolicy is the application\'s resource policy for IAM-authenticated token calls, and the action it ' +
        'governs is `sso-oauth:CreateTokenWithIAM` (the SSO OIDC signing namespace is sso-oauth). A policy that ' +
        'allows `sso:CreateTokenWithIAM`, `sts:AssumeRole` or anything else allows nothing, so every ' +
        'CreateTokenWithIAM call of the application is denied.',
      fix: 'Allow `Action: sso-oauth:CreateTokenWithIAM` (on `Resource: "*"`) for the IAM roles that call CreateTokenWithIAM.',
      bad: `applications:
  - Name: portal
    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod:
          Iam:
            ActorPolicy:
              Version: "2012-10-17"
              Statement:
                - { Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/Portal }, Action: sso:CreateTokenWithIAM, Resource: "*" }
`,
      good: `applications:
  - Name: portal
    AuthenticationMethods:
      - AuthenticationMethodType: IAM
        AuthenticationMethod:
          Iam:
            ActorPolicy:
              Version: "2012-10-17"
              Statement:
                - { Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/Portal }, Action: sso-oauth:CreateTokenWithIAM, Resource: "*" }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/iam-auth-access-using-resource-based-policies.html',
    },
  },
  check({ model, report }) {
    for (const app of model.applications) {
      for (const method of app.authenticationMethods) {
        if (method.type !== 'IAM' || !method.actorPolicy) continue;
        // A statement or action the reader could not read may be the one that allows it.
        if (model.unknown.hasUnknownParts([...method.pointer, 'AuthenticationMethod', 'Iam', 'ActorPolicy'])) continue;
        const policyPath: NodePath = ['AuthenticationMethod', 'Iam', 'ActorPolicy'];
        const rawStatements = method.actorPolicy.Statement;
        const statements = asList(rawStatements);
        if (statements.some((s) => asObject(s) && allowsCreateToken(asObject(s)!))) continue;
        // Point at the first Allow statement's Action, where the fix goes; else at the policy.
        const firstAllow = statements.findIndex((s) => asObject(s)?.Effect === 'Allow' && asObject(s)?.Action !== undefined);
        const field =
          firstAllow < 0 ? policyPath : [...policyPath, 'Statement', ...(Array.isArray(rawStatements) ? [firstAllow] : []), 'Action'];
        const lookalike = statements
          .flatMap((s) => asList(asObject(s)?.Action))
          .find((a): a is string => typeof a === 'string' && LOOKALIKES.has(a.toLowerCase()));
        const because = lookalike ? `it allows '${lookalike}', but the action is '${CREATE_TOKEN_WITH_IAM}'` : `no Allow statement covers '${CREATE_TOKEN_WITH_IAM}'`;
        report({ node: method, field, message: `the ActorPolicy of application '${app.name}' lets no one call CreateTokenWithIAM: ${because}` });
      }
    }
  },
};
