/** redirect-uris-required: an `authorization_code` grant has no `RedirectUris`. */
import { GRANT_TYPES } from '../../model/types.js';
import type { Rule } from '../types.js';
import { AUTHORIZATION_CODE, claimViolations, hasKey, valueAt } from './support/paths.js';

export const rule: Rule = {
  meta: {
    id: 'redirect-uris-required',
    severity: 'error',
    summary: 'an `authorization_code` grant has no `RedirectUris`',
    docs: {
      why:
        'The authorization endpoint only redirects to a URI registered on the grant. Without `RedirectUris` (or with an ' +
        'empty list; the sso-admin RedirectUris shape needs at least one) no sign-in can ever complete.',
      fix: 'List every callback URL of the application under `Grant.AuthorizationCode.RedirectUris`.',
      bad: `applications:
  - Name: wiki
    Grants:
      - GrantType: authorization_code
        Grant: { AuthorizationCode: {} }
`,
      good: `applications:
  - Name: wiki
    Grants:
      - GrantType: authorization_code
        Grant: { AuthorizationCode: { RedirectUris: [https://wiki.example.com/callback] } }
`,
      reference: 'https://docs.aws.amazon.com/singlesignon/latest/APIReference/API_AuthorizationCodeGrant.html',
    },
  },
  // An empty list (minItems) or no list at all (`RedirectUris:` with no value) is this rule's finding, not a generic one.
  claims: claimViolations({ at: [...AUTHORIZATION_CODE, 'RedirectUris'], keywords: ['minItems', 'type'] }),
  check({ model, report }) {
    for (const app of model.applications) {
      for (const grant of app.grants) {
        if (grant.grantType !== GRANT_TYPES.authorizationCode) continue;
        const member = valueAt(grant.grant, ['AuthorizationCode']);
        // A missing or mistyped member is grant-union-mismatch's / the schema's to report.
        if (typeof member !== 'object' || member === null || Array.isArray(member) || hasKey(member, 'RedirectUris')) continue;
        // Unknown, not missing: a list the reader could not read (`var.redirect_uris`) may well hold URIs.
        if (model.unknown.isUnknown([...grant.pointer, 'Grant', 'AuthorizationCode', 'RedirectUris'])) continue;
        report({
          node: grant,
          field: ['Grant', 'AuthorizationCode'],
          message: `the authorization_code grant of application '${app.name}' has no RedirectUris, so no sign-in can be redirected back`,
        });
      }
    }
  },
};
