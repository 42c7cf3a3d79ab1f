/** redirect-uri-insecure: a redirect URI uses plain `http` for a host other than loopback. */
import type { Rule } from '../types.js';
import { valueAt } from './support/paths.js';
import { isLoopbackHost, parseAbsoluteUri } from '../../model/redirect-uri.js';

export const rule: Rule = {
  meta: {
    id: 'redirect-uri-insecure',
    severity: 'error',
    summary: 'a redirect URI uses `http` for a host other than loopback',
    docs: {
      why:
        'The authorization code travels in the redirect. Over plain http anyone on the path can read it and, without ' +
        'PKCE, redeem it. Only loopback redirects (127.0.0.1, [::1], localhost) of native apps may use http (RFC 8252 ' +
        '§7.3, RFC 9700 §4.1).',
      fix: 'Use `https://` for every redirect URI that leaves the machine; keep `http://` only for `127.0.0.1`, `[::1]` or `localhost`.',
      bad: `applications:
  - Name: wiki
    Grants:
      - GrantType: authorization_code
        Grant: { AuthorizationCode: { RedirectUris: [http://wiki.example.com/callback] } }
`,
      good: `applications:
  - Name: wiki
    Grants:
      - GrantType: authorization_code
        Grant: { AuthorizationCode: { RedirectUris: [https://wiki.example.com/callback, http://127.0.0.1:8080/callback] } }
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
          const url = typeof uri === 'string' ? parseAbsoluteUri(uri) : undefined;
          if (!url || url.protocol !== 'http:' || isLoopbackHost(url.hostname)) return;
          report({
            node: grant,
            field: ['Grant', 'AuthorizationCode', 'RedirectUris', k],
            message: `redirect URI ${k + 1} of application '${app.name}' sends the authorization code over plain http to '${url.hostname}'; use https (http is only for loopback)`,
          });
        });
      }
    }
  },
};
