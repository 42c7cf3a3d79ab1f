/** authorized-token-issuers-required: a jwt-bearer grant lists its trusted token issuers. */
import { rule } from '../../../linter/rules/authorized-token-issuers-required.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const jwt = (member: string) => `${HEAD}applications:
  - Name: portal
    Grants:
      - GrantType: urn:ietf:params:oauth:grant-type:jwt-bearer
        Grant: { JwtBearer: ${member} }
`;

ruleTester.run(rule, {
  valid: [
    { name: 'one issuer', yaml: jwt('{ AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [a] }] }') },
    { name: 'other grant types', yaml: `${HEAD}applications:\n  - Name: portal\n    Grants:\n      - GrantType: refresh_token\n        Grant: { RefreshToken: {} }\n` },
  ],
  invalid: [
    { name: 'empty JwtBearer', yaml: jwt('{}'), errors: [{ line: 8, column: 29, messageIncludes: 'lists no AuthorizedTokenIssuers' }] },
    { name: 'empty list', yaml: jwt('{ AuthorizedTokenIssuers: [] }'), errors: [{ line: 8, column: 55, messageIncludes: 'at least 1' }] },
  ],
});
