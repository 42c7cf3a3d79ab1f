/** assignment-required-without-assignments: an application requires assignments but has none. */
import { hasKey } from './support/paths.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'assignment-required-without-assignments',
    severity: 'warning',
    summary: 'an application requires assignments but has none, so every user is refused',
    docs: {
      why:
        'A customer-managed application requires assignments unless told otherwise (`AssignmentRequired` defaults ' +
        'to true). With no user or group assigned, every token request for a user ends in a bare ' +
        'AccessDeniedException.',
      fix: 'Assign the users or groups who use the application, or set `AssignmentRequired: false` if every user may.',
      bad: `applications:
  - Name: portal
    AssignmentRequired: true
`,
      good: `applications:
  - Name: portal
    AssignmentRequired: true
    Assignments:
      - { PrincipalType: GROUP, PrincipalId: analysts }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutApplicationAssignmentConfiguration.html',
    },
  },
  check({ model, report }) {
    for (const app of model.applications) {
      if (!app.assignmentRequired || app.assignments.length > 0) continue;
      // Unknown, not missing: an AssignmentRequired or an assignment the reader could not read.
      if (model.unknown.isUnknown([...app.pointer, 'AssignmentRequired']) || model.unknown.hasUnknownParts([...app.pointer, 'Assignments'])) continue;
      const explicit = hasKey(app.raw, 'AssignmentRequired');
      report({
        node: app,
        field: explicit ? ['AssignmentRequired'] : ['Name'],
        message: `application '${app.name}' requires assignments${explicit ? '' : ' (AssignmentRequired defaults to true)'} but has none, so every user is refused`,
      });
    }
  },
};
