/**
 * actor-policy-no-create-token: an IAM authentication method's ActorPolicy lets no one call
 * `sso-oauth:CreateTokenWithIAM`, or names a principal that can never match. Read with the simulator's own policy
 * reader (model/iam-policy.ts), so what lints clean is what the simulator allows.
 */
import { CREATE_TOKEN_WITH_IAM_ACTION, asList, policyReach, type DeadPrincipal } from '../../model/iam-policy.js';
import { isObject } from '../../model/build.js';
import type { NodePath } from '../../model/types.js';
import type { Rule } from '../types.js';

/** IAM action matching (the policy reader's). */
export { actionMatches } from '../../model/iam-policy.js';

/** Actions people write instead of sso-oauth:CreateTokenWithIAM (tip-facts §3: seen in third-party configs). */
const LOOKALIKES = new Set(['sso:createtokenwithiam', 'sso-oidc:createtokenwithiam', 'oauth:createtokenwithiam', 'sts:assumerole', 'sso-oauth:createtoken']);

const POLICY: NodePath = ['AuthenticationMethod', 'Iam', 'ActorPolicy'];

const statementPath = (index: number | undefined): NodePath => [...POLICY, 'Statement', ...(index === undefined ? [] : [index])];

const principalPath = (d: DeadPrincipal): NodePath => [...statementPath(d.index), 'Principal', 'AWS', ...(d.entryIndex === undefined ? [] : [d.entryIndex])];

/** `Statement/0/Condition/…` or `Statement/Condition/…` (one statement written as an object). */
const isInsideCondition = (part: NodePath): boolean => part[0] === 'Statement' && (part[1] === 'Condition' || (typeof part[1] === 'number' && part[2] === 'Condition'));

export const rule: Rule = {
  meta: {
    id: 'actor-policy-no-create-token',
    severity: 'error',
    summary: 'an IAM authentication method\'s ActorPolicy lets no one call `sso-oauth:CreateTokenWithIAM`, or names a principal that never matches',
    docs: {
      why:
        'The ActorPolicy is the application\'s resource policy for IAM-authenticated token calls, and the action it ' +
        'governs is `sso-oauth:CreateTokenWithIAM` (the SSO OIDC signing namespace is sso-oauth). A policy that ' +
        'allows `sso:CreateTokenWithIAM`, `sts:AssumeRole` or anything else allows nothing, so every ' +
        'CreateTokenWithIAM call of the application is denied. The same holds for a policy whose only Allow names a ' +
        'principal with a wildcard (`arn:aws:iam::111122223333:role/*`): IAM does not expand wildcards in a Principal, ' +
        'so that entry matches no caller (only `"*"` alone means everyone); for a policy whose Allow covers another ' +
        'Resource than the application; and for one that denies the action to `"*"`. The rule reads the policy with ' +
        'the same reader `tipkit simulate` evaluates it with. When the application ARN is derived by tipkit (not ' +
        'declared), Resource is not compared, since the real ARN is known only after apply.',
      fix:
        'Allow `Action: sso-oauth:CreateTokenWithIAM` (on `Resource: "*"`) for the IAM roles that call CreateTokenWithIAM, each ' +
        'named by its full role ARN (or its account); to allow a family of roles, use `Principal: { AWS: "*" }` with a ' +
        '`Condition` `ArnLike` on `aws:PrincipalArn`.',
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
        // A statement, action, principal or resource the reader could not read may be the one that allows it; an
        // unknown Condition does not matter here (conditions are assumed to hold, see model/iam-policy.ts).
        const unknownParts = model.unknown.unknownPartsOf([...method.pointer, ...POLICY]);
        if (unknownParts === 'all' || unknownParts.some((part) => !isInsideCondition(part))) continue;
        // A derived ARN is tipkit's stand-in; the policy's Resource is written against the real one.
        const reach = policyReach(method.actorPolicy, CREATE_TOKEN_WITH_IAM_ACTION, app.arnDerived ? undefined : app.arn);
        for (const dead of reach.deadPrincipals)
          report({ node: method, field: principalPath(dead), message: `the ActorPolicy of application '${app.name}' names principal '${dead.entry}', which can never match: ${dead.problem}` });
        if (reach.allowsSomeone) continue;
        // Said at the dead principals already when they are the cause.
        if (reach.deadPrincipals.some((d) => d.statement.Effect === 'Allow') && /names no principal/.test(reach.why)) continue;
        const statements = asList(method.actorPolicy.Statement);
        const rawStatements = method.actorPolicy.Statement;
        // Point at the first Allow statement's Action, where the fix goes; else at the policy.
        const firstAllow = statements.findIndex((s) => isObject(s) && s.Effect === 'Allow' && s.Action !== undefined);
        const field = firstAllow < 0 ? POLICY : [...statementPath(Array.isArray(rawStatements) ? firstAllow : undefined), 'Action'];
        const lookalike = statements
          .flatMap((s) => asList(isObject(s) ? s.Action : undefined))
          .find((a): a is string => typeof a === 'string' && LOOKALIKES.has(a.toLowerCase()));
        const because = lookalike && /no Allow statement covers/.test(reach.why) ? `it allows '${lookalike}', but the action is '${CREATE_TOKEN_WITH_IAM_ACTION}'` : reach.why;
        report({ node: method, field, message: `the ActorPolicy of application '${app.name}' lets no one call CreateTokenWithIAM: ${because}` });
      }
    }
  },
};
