/**
 * role-trust-too-broad: a role's trust policy allows `sts:AssumeRole` or `sts:SetContext` to everyone (`*`) or to a
 * whole account, with no Condition narrowing it.
 */
import { actionMatches, asList, ASSUME_ROLE_ACTION, awsPrincipalEntries, policyStatements, SET_CONTEXT_ACTION, statementCoversAction } from '../../model/iam-policy.js';
import type { Rule } from '../types.js';
import { statementPath, trustField } from './support/roles.js';

const isAccount = (entry: string): boolean => /^\d{12}$/.test(entry) || /^arn:[^:]+:iam::\d{12}:root$/.test(entry);
/** An Allow statement names sts:SetContext (exactly, or by an `sts:` wildcard; a bare `*` says nothing of intent). */
const namesSetContext = (policy: Record<string, unknown>): boolean =>
  policyStatements(policy).some(({ statement: s }) => s.Effect === 'Allow' && asList(s.Action).some((a) => typeof a === 'string' && a !== '*' && actionMatches(a, SET_CONTEXT_ACTION)));
const hasCondition = (c: unknown): boolean => typeof c === 'object' && c !== null && Object.keys(c).length > 0;

export const rule: Rule = {
  meta: {
    id: 'role-trust-too-broad',
    severity: 'error',
    summary: 'a role\'s trust policy allows `sts:AssumeRole` or `sts:SetContext` to `*` or to a whole account without a condition',
    docs: {
      why:
        'A role that TIP flows assume with identity context acts for users: the session carries a user\'s identity, and ' +
        'services such as S3 Access Grants, Q Business and Redshift grant it that user\'s data. A trust policy that allows ' +
        '`sts:AssumeRole` or `sts:SetContext` to `"*"` lets any AWS principal, in any account, assume it; one that names an ' +
        'account (`111122223333` or `arn:aws:iam::111122223333:root`) lets every role and user of that account assume it ' +
        'whose own identity policy allows it — far more than the one application backend that should. A Condition ' +
        '(for example `ArnEquals` on `aws:PrincipalArn`) is what narrows such a statement.',
      fix:
        'Name the role that assumes it by its ARN (`arn:aws:iam::111122223333:role/PortalBackend`), or keep the broad ' +
        'principal and add a Condition on `aws:PrincipalArn` (or `aws:SourceArn` for a service).',
      bad: `roles:
  - RoleName: DataReader
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - { Effect: Allow, Principal: { AWS: "111122223333" }, Action: [sts:AssumeRole, sts:SetContext] }
`,
      good: `roles:
  - RoleName: DataReader
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - Effect: Allow
          Principal: { AWS: "111122223333" }
          Action: [sts:AssumeRole, sts:SetContext]
          Condition: { ArnEquals: { aws:PrincipalArn: arn:aws:iam::111122223333:role/PortalBackend } }
`,
      reference: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html',
    },
  },
  check({ model, kind, report }) {
    for (const role of model.roles) {
      if (!role.trustPolicy || role.unknownParts) continue;
      // tipkit.yaml lists the roles TIP flows assume; from Terraform, CloudFormation or TypeScript, only the roles a
      // flow evidently assumes with identity context are checked (not every role of the repository).
      if (kind !== 'config' && !role.identityContext && !namesSetContext(role.trustPolicy)) continue;
      for (const { statement, index } of policyStatements(role.trustPolicy)) {
        if (statement.Effect !== 'Allow' || hasCondition(statement.Condition)) continue;
        const actions = [ASSUME_ROLE_ACTION, SET_CONTEXT_ACTION].filter((a) => statementCoversAction(statement, a).covers);
        if (actions.length === 0) continue;
        const raw = typeof statement.Principal === 'object' && statement.Principal !== null ? (statement.Principal as Record<string, unknown>).AWS : undefined;
        const entries = statement.Principal === '*' ? ['*'] : awsPrincipalEntries(statement.Principal);
        entries.forEach((entry, k) => {
          if (typeof entry !== 'string' || (entry !== '*' && !isAccount(entry))) return;
          const whom = entry === '*' ? 'everyone ("*")' : `every principal of account ${entry.replace(/^arn:[^:]+:iam::(\d{12}):root$/, '$1')}`;
          const at = statement.Principal === '*' ? ['Principal'] : ['Principal', 'AWS', ...(Array.isArray(raw) ? [k] : [])];
          report({
            node: role,
            field: trustField(role, ...statementPath(index), ...at),
            message: `the trust policy of role '${role.name}' allows ${actions.join(' and ')} to ${whom} without a Condition`,
          });
        });
      }
    }
  },
};
