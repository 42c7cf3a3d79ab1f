/** issuer-duplicate-url: one trusted token issuer per IssuerUrl and instance. */
import { rule } from '../../../linter/rules/issuer-duplicate-url.js';
import { HEAD, issuersYaml, ruleTester } from '../../helpers/rule-tester.js';

const OTHER_INSTANCE = 'InstanceArn: arn:aws:sso:::instance/ssoins-1111222233334444';

ruleTester.run(rule, {
  valid: [
    { name: 'different URLs', yaml: HEAD + issuersYaml({ name: 'a', url: 'https://a.example.com' }, { name: 'b', url: 'https://b.example.com' }) },
    {
      name: 'one URL in two instances',
      yaml: HEAD + issuersYaml({ name: 'a', url: 'https://a.example.com' }, { name: 'b', url: 'https://a.example.com', extra: OTHER_INSTANCE }),
    },
  ],
  invalid: [
    {
      name: 'two issuers, one URL',
      yaml: HEAD + issuersYaml({ name: 'a', url: 'https://a.example.com' }, { name: 'b', url: 'https://a.example.com' }),
      errors: [{ line: 17, column: 20, messageIncludes: "'a' and 'b' share IssuerUrl https://a.example.com" }],
    },
    {
      name: 'three issuers, one URL: both repeats',
      yaml:
        HEAD +
        issuersYaml({ name: 'a', url: 'https://a.example.com' }, { name: 'b', url: 'https://a.example.com' }, { name: 'c', url: 'https://a.example.com' }),
      errors: [
        { line: 17, messageIncludes: "'a' and 'b'" },
        { line: 25, messageIncludes: "'a' and 'c'" },
      ],
    },
  ],
});
