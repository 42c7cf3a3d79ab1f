/** authorized-audiences-required: each authorized token issuer names the audiences its tokens carry. */
import { rule } from '../../../linter/rules/authorized-audiences-required.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const issuers = (...items: string[]) => `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant:
          JwtBearer:
            AuthorizedTokenIssuers:
${items.map((i) => `              - ${i}`).join('\n')}
`;

ruleTester.run(rule, {
  valid: [
    { name: 'one audience', yaml: issuers('{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [0oa1portal] }') },
    { name: 'several audiences', yaml: issuers('{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [a, b, c] }') },
  ],
  invalid: [
    {
      name: 'AuthorizedAudiences missing on the second issuer',
      yaml: issuers('{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [a] }', '{ TrustedTokenIssuerArn: entra }'),
      errors: [{ line: 12, column: 17, messageIncludes: "trusted token issuer 'entra' of application 'portal' has no AuthorizedAudiences" }],
    },
    { name: 'empty list', yaml: issuers('{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [] }'), errors: [{ line: 11, column: 69, messageIncludes: 'at least 1' }] },
    { name: 'an empty audience', yaml: issuers('{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [a, ""] }'), errors: [{ line: 11, column: 73 }] },
    { name: 'a blank audience', yaml: issuers('{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: ["  "] }'), errors: [{ line: 11, column: 70, messageIncludes: 'is blank' }] },
  ],
});
