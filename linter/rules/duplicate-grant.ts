/** duplicate-grant: one application declares the same grant type twice. */
import type { GrantNode } from '../../model/types.js';
import type { Rule } from '../types.js';

export const rule: Rule = {
  meta: {
    id: 'duplicate-grant',
    severity: 'error',
    summary: 'one application declares the same grant type twice',
    docs: {
      why:
        'Identity Center stores one grant per (application, grant type): Get/DeleteApplicationGrant take only ' +
        '`ApplicationArn` and `GrantType`. A second PutApplicationGrant of the same type replaces the first, so one ' +
        'of the two declarations silently does not apply.',
      fix: 'Merge the two grants into one (for jwt-bearer: one grant listing every authorized token issuer).',
      bad: `applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`,
      good: `applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_GetApplicationGrant.html',
    },
  },
  check({ model, report }) {
    for (const app of model.applications) {
      const first = new Map<string, GrantNode>();
      for (const grant of app.grants) {
        if (grant.grantType === undefined) continue;
        const earlier = first.get(grant.grantType);
        if (!earlier) {
          first.set(grant.grantType, grant);
          continue;
        }
        const at = model.positions.locate([...earlier.pointer, 'GrantType']);
        report({
          node: grant,
          field: ['GrantType'],
          message: `grant type '${grant.grantType}' is already declared for application '${app.name}' (line ${at.line}); the later PutApplicationGrant replaces the earlier one`,
        });
      }
    }
  },
};
