/** role-trust-too-broad: sts:AssumeRole / sts:SetContext to `*` or a whole account without a Condition. */
import { rule } from '../../../linter/rules/role-trust-too-broad.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

/** The statement is on line 9. */
const role = (statement: string) => `${HEAD}roles:
  - RoleName: DataReader
    AssumeRolePolicyDocument:
      Version: "2012-10-17"
      Statement:
        - ${statement}
`;

ruleTester.run(rule, {
  valid: [
    { name: 'a named role', yaml: role('{ Effect: Allow, Principal: { AWS: arn:aws:iam::111122223333:role/PortalBackend }, Action: [sts:AssumeRole, sts:SetContext] }') },
    { name: 'an account with a Condition on aws:PrincipalArn', yaml: role('{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: sts:AssumeRole, Condition: { ArnEquals: { aws:PrincipalArn: arn:aws:iam::111122223333:role/P } } }') },
    { name: '"*" with a Condition', yaml: role('{ Effect: Allow, Principal: "*", Action: sts:AssumeRole, Condition: { StringEquals: { aws:PrincipalOrgID: o-abc } } }') },
    { name: 'a service principal', yaml: role('{ Effect: Allow, Principal: { Service: transfer.amazonaws.com }, Action: [sts:AssumeRole, sts:SetContext] }') },
    { name: 'a broad Deny', yaml: role('{ Effect: Deny, Principal: "*", Action: sts:AssumeRole }') },
    { name: 'an account for another action', yaml: role('{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: sts:TagSession }') },
  ],
  invalid: [
    { name: 'an account id', yaml: role('{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: [sts:AssumeRole, sts:SetContext] }'), errors: [{ line: 9, column: 46, messageIncludes: 'allows sts:AssumeRole and sts:SetContext to every principal of account 111122223333 without a Condition' }] },
    { name: 'an account root in a list', yaml: role('{ Effect: Allow, Principal: { AWS: [arn:aws:iam::111122223333:role/P, "arn:aws:iam::444455556666:root"] }, Action: sts:AssumeRole }'), errors: [{ line: 9, messageIncludes: 'account 444455556666' }] },
    { name: 'Principal "*"', yaml: role('{ Effect: Allow, Principal: "*", Action: "sts:*" }'), errors: [{ line: 9, column: 39, messageIncludes: 'to everyone ("*")' }] },
    { name: 'AWS "*" with SetContext only', yaml: role('{ Effect: Allow, Principal: { AWS: "*" }, Action: sts:SetContext }'), errors: [{ line: 9, messageIncludes: 'allows sts:SetContext to everyone' }] },
    { name: 'an empty Condition narrows nothing', yaml: role('{ Effect: Allow, Principal: { AWS: "111122223333" }, Action: sts:AssumeRole, Condition: {} }'), errors: [{ line: 9 }] },
  ],
});
