/** token-issuer-unresolved: a grant's issuer is a declared Name or a well-formed TrustedTokenIssuerArn. */
import { rule } from '../../../linter/rules/token-issuer-unresolved.js';
import { HEAD, issuersYaml, ruleTester } from '../../helpers/rule-tester.js';

const DECLARED_ARN = 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b3c4d-1111-2222-3333-444455556666';
const EXTERNAL_ARN = 'arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-00000000-aaaa-bbbb-cccc-ddddeeeeffff';

/** Issuer section on lines 4–12 (13 with the ARN line); the grant's issuer item on the returned config's last line. */
const grantFor = (issuerItem: string) => `${HEAD}${issuersYaml({ extra: `TrustedTokenIssuerArn: ${DECLARED_ARN}` })}applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant:
          JwtBearer:
            AuthorizedTokenIssuers:
              - ${issuerItem}
`;

ruleTester.run(rule, {
  valid: [
    { name: 'by declared Name', yaml: grantFor('{ TrustedTokenIssuerArn: okta-prod, AuthorizedAudiences: [a] }') },
    { name: 'by the declared issuer ARN', yaml: grantFor(`{ TrustedTokenIssuerArn: "${DECLARED_ARN}", AuthorizedAudiences: [a] }`) },
    { name: 'by the ARN of an issuer that exists outside this file', yaml: grantFor(`{ TrustedTokenIssuerArn: "${EXTERNAL_ARN}", AuthorizedAudiences: [a] }`) },
  ],
  invalid: [
    {
      name: 'a typo in the Name',
      yaml: grantFor('{ TrustedTokenIssuerArn: okta-prd, AuthorizedAudiences: [a] }'),
      errors: [{ line: 21, column: 42, messageIncludes: "'okta-prd' is not the Name of a declared trusted token issuer, nor an issuer ARN; declared issuers: okta-prod" }],
    },
    {
      name: 'a truncated ARN',
      yaml: grantFor('{ TrustedTokenIssuerArn: "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-7223e2ee1a2b3c4d/tti-1a2b", AuthorizedAudiences: [a] }'),
      errors: [{ line: 21, column: 42, messageIncludes: 'not a well-formed TrustedTokenIssuerArn' }],
    },
    {
      name: 'an application ARN where an issuer goes',
      yaml: grantFor('{ TrustedTokenIssuerArn: "arn:aws:sso::111122223333:application/ssoins-7223e2ee1a2b3c4d/apl-1a2b3c4d5e6f7a8b", AuthorizedAudiences: [a] }'),
      errors: [{ line: 21, messageIncludes: 'not a well-formed TrustedTokenIssuerArn' }],
    },
    { name: 'no TrustedTokenIssuerArn', yaml: grantFor('{ AuthorizedAudiences: [a] }'), errors: [{ line: 21, column: 17, messageIncludes: 'has no TrustedTokenIssuerArn' }] },
    { name: 'an empty TrustedTokenIssuerArn', yaml: grantFor('{ TrustedTokenIssuerArn: "", AuthorizedAudiences: [a] }'), errors: [{ line: 21, column: 42 }] },
  ],
});
