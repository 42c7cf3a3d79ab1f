/**
 * quota-exceeded: Identity Center's quotas — 10 trusted token issuers per instance (user guide, trusted token issuers;
 * tip-facts §9) and 25 access scopes per application (user guide, "IAM Identity Center quotas").
 */
import { rule } from '../../../linter/rules/quota-exceeded.js';
import { HEAD, issuersYaml, ruleTester } from '../../helpers/rule-tester.js';

const OTHER_INSTANCE = 'InstanceArn: arn:aws:sso:::instance/ssoins-1111222233334444';
const issuers = (n: number, extra?: (i: number) => string | undefined) =>
  issuersYaml(...Array.from({ length: n }, (_, i) => ({ name: `idp-${i}`, url: `https://idp-${i}.example.com`, extra: extra?.(i) })));
const scopes = (n: number, repeat = 0) =>
  `applications:
  - Name: portal
    AccessScopes:
${[...Array.from({ length: n }, (_, i) => `      - Scope: custom:scope_${i}`), ...Array.from({ length: repeat }, () => '      - Scope: custom:scope_0')].join('\n')}
`;

ruleTester.run(rule, {
  valid: [
    { name: '10 issuers in one instance', yaml: HEAD + issuers(10) },
    { name: '11 issuers, 6 and 5 in two instances', yaml: HEAD + issuers(11, (i) => (i >= 6 ? OTHER_INSTANCE : undefined)) },
    { name: '25 access scopes', yaml: HEAD + scopes(25) },
    { name: '25 access scopes, one written twice (a later Put replaces it)', yaml: HEAD + scopes(25, 1) },
  ],
  invalid: [
    { name: '11 issuers in one instance: the 11th', yaml: HEAD + issuers(11), errors: [{ line: 85, column: 11, messageIncludes: "trusted token issuer 'idp-10' is number 11 in its instance; Identity Center allows 10" }] },
    { name: '12 issuers: reported once', yaml: HEAD + issuers(12), errors: [{ line: 85, messageIncludes: "'idp-10'" }] },
    { name: '26 access scopes: the 26th', yaml: HEAD + scopes(26), errors: [{ line: 32, column: 16, messageIncludes: "application 'portal' declares 26 access scopes; Identity Center allows 25" }] },
  ],
});
