/** issuer-url-invalid: an absolute https issuer URL, no query, fragment, other port or discovery suffix. */
import { rule } from '../../../linter/rules/issuer-url-invalid.js';
import { HEAD, issuersYaml, ruleTester } from '../../helpers/rule-tester.js';

const withUrl = (url: string) => HEAD + issuersYaml({ url });

ruleTester.run(rule, {
  valid: [
    { name: 'Okta authorization server', yaml: withUrl('https://dev-123.okta.com/oauth2/default') },
    { name: 'Entra ID v2', yaml: withUrl('https://login.microsoftonline.com/72f988bf-86f1-41af-91ab-2d7cd011db47/v2.0') },
    { name: 'explicit port 443', yaml: withUrl('https://idp.example.com:443/realms/main') },
    { name: 'a trailing slash is another rule', yaml: withUrl('https://tenant.auth0.com/') },
  ],
  invalid: [
    { name: 'with a query', yaml: withUrl('https://idp.example.com/?tenant=blue'), errors: [{ line: 9, column: 20, messageIncludes: 'has a query' }] },
    { name: 'with a fragment', yaml: withUrl('https://idp.example.com/#main'), errors: [{ line: 9, column: 20, messageIncludes: 'has a fragment' }] },
    { name: 'no scheme', yaml: withUrl('idp.example.com'), errors: [{ line: 9, column: 20, messageIncludes: 'not an absolute http(s) URL' }] },
    { name: 'plain http', yaml: withUrl('http://idp.example.com'), errors: [{ line: 9, column: 20, messageIncludes: 'uses http, not https' }] },
    {
      name: 'the discovery document instead of the issuer',
      yaml: withUrl('https://dev-123.okta.com/oauth2/default/.well-known/openid-configuration'),
      errors: [{ line: 9, column: 20, messageIncludes: 'ends in /.well-known/openid-configuration' }],
    },
    { name: 'another port', yaml: withUrl('https://idp.example.com:8443'), errors: [{ line: 9, messageIncludes: 'port 8443' }] },
    { name: 'credentials in the URL', yaml: withUrl('https://user:pw@idp.example.com'), errors: [{ line: 9, messageIncludes: 'credentials' }] },
    { name: 'over the sso-admin length limit', yaml: withUrl(`https://idp.example.com/${'a'.repeat(512)}`), errors: [{ line: 9, messageIncludes: 'longer than 512' }] },
    {
      name: 'IssuerUrl missing',
      yaml: `${HEAD}trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: OIDC_JWT
    TrustedTokenIssuerConfiguration:
      OidcJwtConfiguration:
        ClaimAttributePath: email
        IdentityStoreAttributePath: emails.value
        JwksRetrievalOption: OPEN_ID_DISCOVERY
`,
      errors: [{ line: 9, column: 9, messageIncludes: "'IssuerUrl'" }],
    },
  ],
});
