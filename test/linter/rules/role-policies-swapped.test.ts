/** role-policies-swapped: a trust policy without Principal, or a permission policy with one. */
import { rule } from '../../../linter/rules/role-policies-swapped.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const TRUST = '{ Version: "2012-10-17", Statement: [{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/P }, Action: [sts:AssumeRole, sts:SetContext] }] }';
const PERMISSION = '{ Version: "2012-10-17", Statement: [{ Effect: Allow, Action: s3:GetDataAccess, Resource: "*" }] }';
/** AssumeRolePolicyDocument on line 6; the policy document on line 9. */
const role = (trust: string, permission?: string) => `${HEAD}roles:
  - RoleName: DataReader
    AssumeRolePolicyDocument: ${trust}
${permission === undefined ? '' : `    Policies:\n      - PolicyName: s3\n        PolicyDocument: ${permission}\n`}`;

ruleTester.run(rule, {
  valid: [
    { name: 'trust and permission the right way round', yaml: role(TRUST, PERMISSION) },
    { name: 'a trust policy alone', yaml: role(TRUST) },
    { name: 'a trust policy with a Principal in one of two statements', yaml: role('{ Statement: [{ Effect: Deny, Action: sts:TagSession, Principal: "*" }, { Effect: Allow, Principal: { Service: transfer.amazonaws.com }, Action: sts:AssumeRole }] }') },
    { name: 'an empty trust policy is another problem', yaml: role('{ Version: "2012-10-17", Statement: [] }') },
  ],
  invalid: [
    { name: 'a permission policy as the trust policy', yaml: role(PERMISSION), errors: [{ line: 6, column: 31, messageIncludes: 'names no Principal in any statement and has a Resource' }] },
    { name: 'both swapped', yaml: role(PERMISSION, TRUST), errors: [{ line: 6 }, { line: 9, messageIncludes: "permission policy 's3' of role 'DataReader' has a statement with a Principal" }] },
    { name: 'a permission policy given as a JSON string', yaml: role(`'{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}'`), errors: [{ line: 6, column: 31 }] },
  ],
});
