/** issuer-url-trailing-slash: IssuerUrl must equal `iss` byte for byte; a trailing slash usually does not. */
import { rule } from '../../../linter/rules/issuer-url-trailing-slash.js';
import { HEAD, issuersYaml, ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'no trailing slash', yaml: HEAD + issuersYaml({ url: 'https://dev-123.okta.com/oauth2/default' }) },
    { name: 'a slash inside the path', yaml: HEAD + issuersYaml({ url: 'https://login.microsoftonline.com/tenant/v2.0' }) },
  ],
  invalid: [
    { name: 'host with a trailing slash', yaml: HEAD + issuersYaml({ url: 'https://tenant.auth0.com/' }), errors: [{ line: 9, column: 20, messageIncludes: "ends in '/'" }] },
    {
      name: 'the second issuer',
      yaml: HEAD + issuersYaml({ name: 'a', url: 'https://a.example.com' }, { name: 'b', url: 'https://b.example.com/oauth2/' }),
      errors: [{ line: 17, column: 20, messageIncludes: "'b'" }],
    },
  ],
});
