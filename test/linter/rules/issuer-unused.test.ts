/** issuer-unused: a declared issuer that no jwt-bearer grant authorizes. */
import { rule } from '../../../linter/rules/issuer-unused.js';
import { HEAD, issuersYaml, ruleTester } from '../../helpers/rule-tester.js';

const ISSUER_ARN = 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666';
const grantNaming = (ref: string) => `applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: "${ref}", AuthorizedAudiences: [a] }] } }
`;

ruleTester.run(rule, {
  valid: [
    { name: 'authorized by Name', yaml: HEAD + issuersYaml({ name: 'okta' }) + grantNaming('okta') },
    { name: 'authorized by its ARN', yaml: HEAD + issuersYaml({ name: 'okta', extra: `TrustedTokenIssuerArn: ${ISSUER_ARN}` }) + grantNaming(ISSUER_ARN) },
  ],
  invalid: [
    { name: 'no application at all', yaml: HEAD + issuersYaml({ name: 'okta' }), errors: [{ line: 5, column: 11, messageIncludes: "trusted token issuer 'okta'" }] },
    {
      name: 'the grant names the other issuer',
      yaml: HEAD + issuersYaml({ name: 'okta', url: 'https://a.example.com' }, { name: 'entra', url: 'https://b.example.com' }) + grantNaming('okta'),
      errors: [{ line: 13, column: 11, messageIncludes: "'entra'" }],
    },
  ],
});
