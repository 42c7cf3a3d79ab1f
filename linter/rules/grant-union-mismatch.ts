/** grant-union-mismatch: `Grant` must hold exactly one member, the one that matches `GrantType`. */
import { GRANT_UNION_MEMBER, type GrantType } from '../../model/types.js';
import type { Rule } from '../types.js';
import { GRANT, claimViolations } from './support/paths.js';

const UNION_MEMBERS = new Set(Object.values(GRANT_UNION_MEMBER));

export const rule: Rule = {
  meta: {
    id: 'grant-union-mismatch',
    severity: 'error',
    summary: '`Grant` does not hold exactly one member, or the member does not match `GrantType`',
    docs: {
      why:
        'The PutApplicationGrant `Grant` is a union: exactly one of `AuthorizationCode`, `JwtBearer`, `RefreshToken`, ' +
        '`TokenExchange` may be set, and it must be the one for `GrantType`. Anything else is a ValidationException ' +
        '(or, with a member of another type, a grant that does not configure what you think).',
      fix:
        'Set the single member named after the grant type: `authorization_code` → `AuthorizationCode`, ' +
        '`refresh_token` → `RefreshToken: {}`, `…:jwt-bearer` → `JwtBearer`, `…:token-exchange` → `TokenExchange: {}`.',
      bad: `applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { TokenExchange: {} }
`,
      good: `applications:
  - Name: portal
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_Grant.html',
    },
  },
  // Zero members, several members, an unknown member or a non-object are the schema's union checks.
  claims: claimViolations(
    { at: [...GRANT, 'Grant'], keywords: ['type', 'minProperties', 'maxProperties'] },
    { at: [...GRANT, 'Grant', '*'], keywords: ['additionalProperties'] },
    { at: GRANT, keywords: ['required'], missing: 'Grant' },
  ),
  check({ model, report }) {
    for (const app of model.applications) {
      for (const grant of app.grants) {
        const expected = GRANT_UNION_MEMBER[grant.grantType as GrantType] as string | undefined;
        const [member] = grant.members;
        if (!expected || grant.members.length !== 1 || !member || !UNION_MEMBERS.has(member) || member === expected) continue;
        report({
          node: grant,
          field: ['Grant', member],
          atKey: true,
          message: `GrantType '${grant.grantType}' needs Grant member '${expected}', but Grant holds '${member}'`,
        });
      }
    }
  },
};
