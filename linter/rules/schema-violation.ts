/** schema-violation: the config breaks the schema and no more specific rule covers it (the engine's fallback). */
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'schema-violation',
    severity: 'error',
    summary: 'the config breaks the schema and no more specific rule covers it',
    docs: {
      why:
        'tipkit.yaml mirrors the sso-admin request shapes, and its schema is generated from the AWS model: an unknown ' +
        'key, a wrong type, or a value outside a pattern, length or count is what the API would reject with a ' +
        'ValidationException. Unknown keys are errors rather than ignored, so a typo cannot silently drop a setting.',
      fix: 'Correct the value as the message says; the schema (model/schema/tipkit.schema.json) gives editors completion and checks as you type.',
      bad: `applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
        Scopes: [openid]
`,
      good: `applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_PutApplicationGrant.html',
    },
  },
  // The engine hands this rule every schema violation no other rule claims; it checks nothing itself.
  check() {},
};
