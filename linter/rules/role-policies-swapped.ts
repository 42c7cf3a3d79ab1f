/**
 * role-policies-swapped: a role's trust policy and permission policy are the wrong way round — the trust policy
 * (AssumeRolePolicyDocument) has no Principal in any statement, or a permission policy has statements with a
 * Principal.
 */
import { policyStatements } from '../../model/iam-policy.js';
import type { Rule } from '../types.js';
import { statementPath, trustField } from './support/roles.js';

export const rule: Rule = {
  meta: {
    id: 'role-policies-swapped',
    severity: 'error',
    summary: 'a role\'s trust policy has no `Principal` (a permission policy given as `AssumeRolePolicyDocument`), or a permission policy has one',
    docs: {
      why:
        'A role has two kinds of policy. The trust policy (`AssumeRolePolicyDocument`, Terraform\'s `assume_role_policy`) ' +
        'says who may assume the role: every statement names a `Principal`, and its actions are `sts:AssumeRole`, ' +
        '`sts:SetContext` and the like. A permission policy says what the session may do: statements with `Action` and ' +
        '`Resource`, and no `Principal`. Swapped, IAM refuses the trust policy (MalformedPolicyDocument: "Has prohibited ' +
        'field Resource" / missing Principal) or the permission policy, and the role cannot be created — or, when a ' +
        'module passes the documents through variables, the deploy fails far from the mistake. Public configurations of ' +
        'S3 Access Grants and Transfer Family roles have shipped with the two swapped.',
      fix:
        'Put the statement with `Principal` and `sts:AssumeRole` / `sts:SetContext` in `AssumeRolePolicyDocument`, and the ' +
        'statements with `Action` and `Resource` in `Policies` (or an attached policy).',
      bad: `roles:
  - RoleName: DataReader
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - { Effect: Allow, Action: [s3:GetDataAccess], Resource: "*" }
`,
      good: `roles:
  - RoleName: DataReader
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - { Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/PortalBackend }, Action: [sts:AssumeRole, sts:SetContext] }
    Policies:
      - PolicyName: s3
        PolicyDocument: { Version: "2012-10-17", Statement: [{ Effect: Allow, Action: [s3:GetDataAccess], Resource: "*" }] }
`,
      reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_terms-and-concepts.html',
    },
  },
  check({ model, report }) {
    for (const role of model.roles) {
      if (role.unknownParts) continue;
      const trust = policyStatements(role.trustPolicy);
      if (trust.length > 0 && trust.every(({ statement: s }) => s.Principal === undefined && s.NotPrincipal === undefined)) {
        const resource = trust.find(({ statement: s }) => s.Resource !== undefined || s.NotResource !== undefined);
        report({
          node: role,
          field: trustField(role),
          message: `the trust policy of role '${role.name}' names no Principal in any statement${resource ? ' and has a Resource' : ''}: it is a permission policy; a trust policy says who may assume the role`,
        });
      }
      for (const policy of role.permissionPolicies) {
        const withPrincipal = policyStatements(policy.document).find(({ statement: s }) => s.Principal !== undefined || s.NotPrincipal !== undefined);
        if (!withPrincipal) continue;
        const inside = typeof (role.raw.Policies as Record<string, unknown>[] | undefined)?.[Number(policy.pointer.at(-1))]?.PolicyDocument === 'object';
        report({
          node: policy,
          field: inside ? ['PolicyDocument', ...statementPath(withPrincipal.index), withPrincipal.statement.Principal !== undefined ? 'Principal' : 'NotPrincipal'] : ['PolicyDocument'],
          message: `permission policy '${policy.name ?? '?'}' of role '${role.name}' has a statement with a Principal: it is a trust policy; put it in AssumeRolePolicyDocument`,
        });
      }
    }
  },
};
