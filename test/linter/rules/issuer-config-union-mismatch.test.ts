/** issuer-config-union-mismatch: TrustedTokenIssuerConfiguration holds exactly the member of TrustedTokenIssuerType. */
import { rule } from '../../../linter/rules/issuer-config-union-mismatch.js';
import { HEAD, issuersYaml, ruleTester } from '../../helpers/rule-tester.js';

const issuer = (type: string, configuration: string) => `${HEAD}trustedTokenIssuers:
  - Name: okta
    TrustedTokenIssuerType: ${type}
${configuration}`;

ruleTester.run(rule, {
  valid: [{ name: 'OIDC_JWT with OidcJwtConfiguration', yaml: HEAD + issuersYaml({}) }],
  invalid: [
    {
      name: 'settings written without the union member',
      yaml: issuer('OIDC_JWT', '    TrustedTokenIssuerConfiguration:\n      IssuerUrl: https://idp.example.com\n'),
      errors: [{ line: 8, column: 7, messageIncludes: "unknown key 'IssuerUrl'" }],
    },
    { name: 'empty configuration', yaml: issuer('OIDC_JWT', '    TrustedTokenIssuerConfiguration: {}\n'), errors: [{ line: 7, column: 38, messageIncludes: 'exactly one member' }] },
    { name: 'no configuration', yaml: issuer('OIDC_JWT', ''), errors: [{ line: 5, column: 5, messageIncludes: "'TrustedTokenIssuerConfiguration'" }] },
    {
      name: 'a type Identity Center does not have',
      yaml: HEAD + issuersYaml({}).replace('TrustedTokenIssuerType: OIDC_JWT', 'TrustedTokenIssuerType: SAML'),
      errors: [{ line: 6, column: 29, messageIncludes: '"OIDC_JWT"' }],
    },
    {
      name: 'configuration is a string',
      yaml: issuer('OIDC_JWT', '    TrustedTokenIssuerConfiguration: OidcJwtConfiguration\n'),
      errors: [{ line: 7, column: 38, messageIncludes: 'must be an object' }],
    },
  ],
});
