/** redirect-uri-insecure: plain http only for loopback. */
import { rule } from '../../../linter/rules/redirect-uri-insecure.js';
import { HEAD, ruleTester } from '../../helpers/rule-tester.js';

const uris = (...list: string[]) => `${HEAD}applications:
  - Name: wiki
    Grants:
      - GrantType: authorization_code
        Grant:
          AuthorizationCode:
            RedirectUris:
${list.map((u) => `              - ${JSON.stringify(u)}`).join('\n')}
`;

ruleTester.run(rule, {
  valid: [
    { name: 'https', yaml: uris('https://wiki.example.com/cb') },
    { name: 'http on the loopback hosts', yaml: uris('http://127.0.0.1:8080/cb', 'http://localhost:3000/cb', 'http://[::1]:9000/cb', 'HTTP://LOCALHOST/cb') },
    { name: 'an invalid URI is redirect-uri-invalid, not this', yaml: uris('http//wiki.example.com/cb') },
  ],
  invalid: [
    {
      name: 'http to a public host',
      yaml: uris('https://wiki.example.com/cb', 'http://wiki.example.com/cb'),
      errors: [{ line: 12, column: 17, messageIncludes: "plain http to 'wiki.example.com'" }],
    },
    { name: 'a host that only looks like loopback', yaml: uris('http://127.0.0.1.nip.io/cb'), errors: [{ line: 11 }] },
    { name: 'http to a private address', yaml: uris('http://10.0.0.5/cb'), errors: [{ line: 11 }] },
  ],
});
