/** refresh-token-without-source: a refresh_token grant needs a grant that issues refresh tokens. */
import { rule } from '../../../linter/rules/refresh-token-without-source.js';
import { HEAD, iamMethodYaml, ruleTester } from '../../helpers/rule-tester.js';

const grants = (...types: [string, string][]) => `${HEAD}applications:
  - Name: portal
    Grants:
${types.map(([t, g]) => `      - GrantType: ${t}\n        Grant: ${g}`).join('\n')}
`;
const REFRESH: [string, string] = ['refresh_token', '{ RefreshToken: {} }'];
const JWT: [string, string] = ['urn:ietf:params:oauth:grant-type:jwt-bearer', '{ JwtBearer: { AuthorizedTokenIssuers: [{ TrustedTokenIssuerArn: okta, AuthorizedAudiences: [a] }] } }'];
const EXCHANGE: [string, string] = ['urn:ietf:params:oauth:grant-type:token-exchange', '{ TokenExchange: {} }'];

ruleTester.run(rule, {
  valid: [
    { name: 'with jwt-bearer', yaml: grants(JWT, REFRESH) + iamMethodYaml() },
    { name: 'with token exchange (requestedTokenType refresh_token)', yaml: grants(EXCHANGE, REFRESH) + iamMethodYaml() },
    { name: 'a public client gets refresh tokens from CreateToken', yaml: grants(REFRESH) },
  ],
  invalid: [
    { name: 'refresh_token alone', yaml: grants(REFRESH) + iamMethodYaml(), errors: [{ line: 7, column: 20, messageIncludes: "application 'portal' has a refresh_token grant but no" }] },
  ],
});
