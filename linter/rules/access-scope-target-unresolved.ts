/** access-scope-target-unresolved: `AuthorizedTargets` names an application that is not declared and is not an ARN. */
import type { Rule } from '../types.js';
import { ACCESS_SCOPE, claimViolations } from './support/paths.js';

export const rule: Rule = {
  meta: {
    id: 'access-scope-target-unresolved',
    severity: 'error',
    summary: '`AuthorizedTargets` names an application that is not declared and is not an ARN',
    docs: {
      why:
        'PutApplicationAccessScope takes target ARNs (an application or an instance). In tipkit.yaml a target may be ' +
        'the Name of an application in the same file; anything else (a typo, a truncated ARN) cannot be turned into ' +
        'an ARN, so the scope authorizes nothing.',
      fix: 'Use the `Name` of a declared application, or a full application ARN (`arn:aws:sso::ACCOUNT:application/ssoins-…/apl-…`) or instance ARN.',
      bad: `applications:
  - Name: portal
    AccessScopes:
      - Scope: redshift:connect
        AuthorizedTargets: [redshfit-app]
  - Name: redshift-app
`,
      good: `applications:
  - Name: portal
    AccessScopes:
      - Scope: redshift:connect
        AuthorizedTargets: [redshift-app]
  - Name: redshift-app
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutApplicationAccessScope.html',
    },
  },
  claims: claimViolations({ at: [...ACCESS_SCOPE, 'AuthorizedTargets', '*'], keywords: ['minLength'] }),
  check({ model, report }) {
    for (const app of model.applications) {
      for (const scope of app.accessScopes) {
        for (const target of scope.targets) {
          if (target.resolution !== 'unresolved' || target.ref === '') continue; // '' is the claimed minLength violation
          report({
            node: target,
            message: `access scope '${scope.scope ?? '?'}' of application '${app.name}' targets '${target.ref}', which is neither a declared application nor an application or instance ARN`,
          });
        }
      }
    }
  },
};
