/** A hand-made lint report shared by the formatter tests. */
import type { LintReport } from '../../../linter/index.js';
import type { Finding } from '../../../linter/types.js';

export const findings: Finding[] = [
  {
    ruleId: 'grant-type-unknown',
    severity: 'error',
    message: "'GrantType' must be one of: \"authorization_code\", \"refresh_token\"",
    resource: 'applications/alpha/Grants/0',
    location: { file: 'conf/tipkit.yaml', line: 3, column: 20 },
  },
  {
    ruleId: 'iam-auth-method-missing',
    severity: 'warning',
    message: "application 'alpha' has no IAM authentication method",
    resource: 'applications/alpha',
    location: { file: 'conf/tipkit.yaml', line: 1, column: 5 },
    suppression: { kind: 'comment', reason: 'a public client' },
  },
  {
    ruleId: 'refresh-token-seen',
    severity: 'note',
    message: 'refresh_token grant on \'beta\'',
    resource: 'applications/beta/Grants/0',
    location: { file: 'other dir/b.yaml', line: 2, column: 3 },
  },
];

export const report: LintReport = {
  findings,
  summary: { errors: 1, warnings: 0, notes: 1, files: 2 },
  files: ['conf/tipkit.yaml', 'other dir/b.yaml'],
  sources: new Map([
    ['conf/tipkit.yaml', '  - Name: alpha\n    Grants:\n\t     - GrantType: password\n'],
    ['other dir/b.yaml', 'a:\n  b: 1\n'],
  ]),
};
