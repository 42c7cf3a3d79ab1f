/** role-trust-no-set-context: a role assumed with identity context must allow sts:SetContext to its caller. */
import { rule } from '../../../linter/rules/role-trust-no-set-context.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const BACKEND = 'arn:aws:iam::111122223333:role/PortalBackend';
/** The first statement is on line 10, its Action on line 12; its Action value at column 7 + the statement's own indentation. */
const role = (statements: string, extra = '    IdentityContext: true\n') => `${HEAD}roles:
  - RoleName: DataReader
${extra}    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
${statements}`;
const stmt = (action: string, principal = `{ AWS: ${BACKEND} }`, more = '') => `        - Effect: Allow
          Principal: ${principal}
          Action: ${action}
${more}`;

ruleTester.run(rule, {
  valid: [
    { name: 'both actions for the caller', yaml: role(stmt('[sts:AssumeRole, sts:SetContext]')) },
    { name: 'sts:* covers SetContext', yaml: role(stmt('"sts:*"')) },
    { name: 'SetContext in a second statement for the same caller', yaml: role(stmt('sts:AssumeRole') + stmt('sts:SetContext')) },
    { name: 'a service principal with both actions', yaml: role(stmt('[sts:AssumeRole, sts:SetContext]', '{ Service: transfer.amazonaws.com }')) },
    { name: 'not declared as assumed with identity context', yaml: role(stmt('sts:AssumeRole'), '') },
    {
      name: 'a SetContext statement under a condition that cannot be evaluated here is not called missing',
      yaml: role(stmt('sts:AssumeRole') + stmt('sts:SetContext', `{ AWS: ${BACKEND} }`, '          Condition: { StringEquals: { aws:PrincipalTag/team: data } }\n')),
    },
    {
      name: 'a condition on the context provider that holds for Identity Center',
      yaml: role(stmt('[sts:AssumeRole, sts:SetContext]', `{ AWS: ${BACKEND} }`, '          Condition: { ForAnyValue:ArnEquals: { sts:RequestContextProviders: arn:aws:iam::aws:contextProvider/IdentityCenter } }\n')),
    },
    { name: 'the trust policy as a JSON string with both actions', yaml: `${HEAD}roles:\n  - RoleName: R\n    IdentityContext: true\n    AssumeRolePolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"${BACKEND}"},"Action":["sts:AssumeRole","sts:SetContext"]}]}'\n` },
  ],
  invalid: [
    { name: 'AssumeRole only', yaml: role(stmt('sts:AssumeRole')), errors: [{ line: 12, column: 19, messageIncludes: `allows sts:AssumeRole to '${BACKEND}' without sts:SetContext` }] },
    { name: 'a service principal with AssumeRole only', yaml: role(stmt('sts:AssumeRole', '{ Service: access-grants.s3.amazonaws.com }')), errors: [{ line: 12, messageIncludes: "'access-grants.s3.amazonaws.com'" }] },
    { name: 'SetContext only for another role', yaml: role(stmt('sts:AssumeRole') + stmt('sts:SetContext', '{ AWS: arn:aws:iam::111122223333:role/Other }')), errors: [{ line: 12 }] },
    {
      name: 'SetContext explicitly denied',
      yaml: role(stmt('"sts:*"') + `        - { Effect: Deny, Principal: "*", Action: sts:SetContext }\n`),
      errors: [{ line: 12, messageIncludes: 'explicitly denies sts:SetContext' }],
    },
    {
      name: 'a condition on the context provider that excludes Identity Center',
      yaml: role(stmt('sts:AssumeRole') + stmt('sts:SetContext', `{ AWS: ${BACKEND} }`, '          Condition: { ForAnyValue:ArnEquals: { sts:RequestContextProviders: arn:aws:iam::aws:contextProvider/Other } }\n')),
      errors: [{ line: 12 }],
    },
    {
      name: 'the trust policy as a JSON string points at the document',
      yaml: `${HEAD}roles:\n  - RoleName: R\n    IdentityContext: true\n    AssumeRolePolicyDocument: '{"Statement":[{"Effect":"Allow","Principal":{"AWS":"${BACKEND}"},"Action":"sts:AssumeRole"}]}'\n`,
      errors: [{ line: 7, column: 31 }],
    },
  ],
});
