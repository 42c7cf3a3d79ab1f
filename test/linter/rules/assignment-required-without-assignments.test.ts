/** assignment-required-without-assignments: required assignments need someone assigned. */
import { rule } from '../../../linter/rules/assignment-required-without-assignments.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'assignments given', yaml: `${HEAD}applications:\n  - Name: portal\n    Assignments:\n      - { PrincipalType: GROUP, PrincipalId: analysts }\n` },
    { name: 'not required', yaml: `${HEAD}applications:\n  - Name: portal\n    AssignmentRequired: false\n` },
  ],
  invalid: [
    {
      name: 'required explicitly',
      yaml: `${HEAD}applications:\n  - Name: portal\n    AssignmentRequired: true\n`,
      errors: [{ line: 6, column: 25, messageIncludes: "application 'portal' requires assignments but has none" }],
    },
    {
      name: 'required by default',
      yaml: `${HEAD}applications:\n  - Name: portal\n`,
      errors: [{ line: 5, column: 11, messageIncludes: 'AssignmentRequired defaults to true' }],
    },
    { name: 'an empty list', yaml: `${HEAD}applications:\n  - Name: portal\n    Assignments: []\n`, errors: [{ line: 5 }] },
  ],
});
