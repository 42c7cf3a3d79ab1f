/**
 * role-trust-no-set-context: a role that a TIP flow assumes with identity context (declared `IdentityContext: true`,
 * or the role of an integrated service such as an S3 Access Grants location or a Transfer Family web app) whose
 * trust policy does not allow `sts:SetContext` to the principal that assumes it. Read with the one IAM policy
 * reader (model/iam-policy.ts): an unevaluable condition is not called missing.
 */
import { ASSUME_ROLE_ACTION, evaluateTrustPolicy, SET_CONTEXT_ACTION, trustedPrincipals, type TrustedPrincipal } from '../../model/iam-policy.js';
import type { Rule } from '../types.js';
import { callerOf, identityContextRequest, statementPath, trustField } from './support/roles.js';

export const rule: Rule = {
  meta: {
    id: 'role-trust-no-set-context',
    severity: 'error',
    summary: 'a role assumed with identity context has a trust policy that does not allow `sts:SetContext` to the principal that assumes it',
    docs: {
      why:
        'An identity-enhanced role session is made by STS `AssumeRole` with the identity context of a CreateTokenWithIAM ' +
        'result in `ProvidedContexts`. STS then checks two actions in the role\'s trust policy: `sts:AssumeRole` and ' +
        '`sts:SetContext`. A trust policy that allows only `sts:AssumeRole` — the usual shape, and what public ' +
        'configurations of S3 Access Grants, Transfer Family web app and Q Business roles often have — makes every ' +
        'AssumeRole with a context fail with AccessDenied ("is not authorized to perform: sts:SetContext"), so the ' +
        'application never acts for the user. tipkit knows a role is assumed this way when tipkit.yaml declares it ' +
        '(`IdentityContext: true`) or when it is the role of a service integration that uses identity context.',
      fix:
        'Add `sts:SetContext` to the Action of the trust policy statement that allows `sts:AssumeRole` to the caller (the ' +
        'application\'s role, or the service principal such as `transfer.amazonaws.com` or `access-grants.s3.amazonaws.com`).',
      bad: `roles:
  - RoleName: DataReader
    IdentityContext: true
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - { Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/PortalBackend }, Action: sts:AssumeRole }
`,
      good: `roles:
  - RoleName: DataReader
    IdentityContext: true
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - { Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/PortalBackend }, Action: [sts:AssumeRole, sts:SetContext] }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/userguide/trustedidentitypropagation-identity-enhanced-iam-role-sessions.html',
    },
  },
  check({ model, report }) {
    for (const role of model.roles) {
      if (!role.identityContext || !role.trustPolicy || role.unknownParts) continue;
      const service = role.identityContext.servicePrincipal;
      const assumers: TrustedPrincipal[] = trustedPrincipals(role.trustPolicy, ASSUME_ROLE_ACTION).filter(
        (t) => service === undefined || (t.principal.kind === 'service' && t.principal.service === service) || t.principal.kind === 'any',
      );
      for (const assumer of assumers) {
        const caller = callerOf(assumer);
        const set = evaluateTrustPolicy(role.trustPolicy, { principal: caller, action: SET_CONTEXT_ACTION, context: identityContextRequest(caller) });
        if (set.decision !== 'implicit-deny' && set.decision !== 'explicit-deny') continue;
        const field = trustField(role, ...statementPath(assumer.index), 'Action');
        const why = set.decision === 'explicit-deny' ? set.detail : `no statement allows ${SET_CONTEXT_ACTION} to it`;
        report({
          node: role,
          field: assumer.statement.Action === undefined ? trustField(role, ...statementPath(assumer.index)) : field,
          message: `role '${role.name}' is assumed with identity context (${role.identityContext.reason}), but its trust policy allows ${ASSUME_ROLE_ACTION} to '${assumer.entry}' without ${SET_CONTEXT_ACTION}: ${why}`,
        });
      }
    }
  },
};
