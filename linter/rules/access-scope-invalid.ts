/** access-scope-invalid: an access scope breaks the sso-admin `Scope` pattern. */
import type { Rule } from '../types.js';
import { ACCESS_SCOPE, claimViolations } from './support/paths.js';

export const rule: Rule = {
  meta: {
    id: 'access-scope-invalid',
    severity: 'error',
    summary: 'an access scope is not 1–3 colon-separated segments of letters, digits and `_`',
    docs: {
      why:
        'PutApplicationAccessScope accepts scopes of one to three `:`-separated segments of `[A-Za-z0-9_]` (1–50 ' +
        'characters each), the sso-admin Scope pattern. Hyphens, dots, spaces or a fourth segment are rejected with a ' +
        'ValidationException, and OIDC-style scopes such as `aws.read` are not Identity Center scopes.',
      fix: 'Use the scope the AWS service documents, e.g. `redshift:connect`, `s3:access_grants:read_write`, `lakeformation:query`.',
      bad: `applications:
  - Name: portal
    AccessScopes:
      - Scope: s3:access-grants:read-write
`,
      good: `applications:
  - Name: portal
    AccessScopes:
      - Scope: s3:access_grants:read_write
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutApplicationAccessScope.html',
    },
  },
  claims: claimViolations({ at: [...ACCESS_SCOPE, 'Scope'], keywords: ['pattern', 'type'] }),
  // The generated Scope pattern is the whole check (claimed above), so every input kind is judged alike.
  check() {},
};
