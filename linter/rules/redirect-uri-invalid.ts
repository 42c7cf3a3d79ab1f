/** redirect-uri-invalid: a redirect URI is not absolute, has a fragment or a wildcard, or is too long. */
import type { Rule } from '../types.js';
import { valueAt } from './support/paths.js';
import { MAX_REDIRECT_URI_LENGTH, redirectUriProblems } from '../../model/redirect-uri.js';

/** The checker RegisterClient uses too (model/redirect-uri.ts). */
export { MAX_REDIRECT_URI_LENGTH, redirectUriProblems };

export const rule: Rule = {
  meta: {
    id: 'redirect-uri-invalid',
    severity: 'error',
    summary: 'a redirect URI is not absolute, has a fragment or a wildcard, or is over the length limit',
    docs: {
      why:
        'Redirect URIs are matched exactly against the `redirect_uri` of the authorization request (RFC 6749 §3.1.2 ' +
        'requires an absolute URI without a fragment). A relative URI, a fragment or a `*` pattern never matches, so ' +
        'sign-in fails with invalid_redirect_uri. tipkit also caps a redirect URI at 1024 characters: the sso-admin ' +
        'model sets no limit, and 1024 is the limit AWS documents for OAuth callback URLs in Amazon Cognito ' +
        '(CreateUserPoolClient CallbackURLs); this limit is tipkit\'s, not Identity Center\'s.',
      fix: 'Write each callback as a full URI (`https://app.example.com/oauth/callback`), one entry per exact URI.',
      bad: `applications:
  - Name: wiki
    Grants:
      - GrantType: authorization_code
        Grant: { AuthorizationCode: { RedirectUris: ["https://*.example.com/callback"] } }
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
  check({ model, report }) {
    for (const app of model.applications) {
      for (const grant of app.grants) {
        const uris = valueAt(grant.grant, ['AuthorizationCode', 'RedirectUris']);
        if (!Array.isArray(uris)) continue;
        uris.forEach((uri, k) => {
          if (typeof uri !== 'string') return;
          const problems = redirectUriProblems(uri);
          if (problems.length === 0) return;
          report({ node: grant, field: ['Grant', 'AuthorizationCode', 'RedirectUris', k], message: `redirect URI ${k + 1} of application '${app.name}' ${problems.join('; ')}` });
        });
      }
    }
  },
};
