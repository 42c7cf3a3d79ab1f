/** redirect-uri-invalid: absolute, no fragment, no wildcard, within tipkit's length limit. */
import { describe, expect, it } from 'vitest';
import { MAX_REDIRECT_URI_LENGTH, redirectUriProblems, rule } from '../../../linter/rules/redirect-uri-invalid.js';
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

const long = `https://wiki.example.com/${'a'.repeat(MAX_REDIRECT_URI_LENGTH)}`;

ruleTester.run(rule, {
  valid: [
    { name: 'https callback', yaml: uris('https://wiki.example.com/oauth/callback') },
    { name: 'with a query', yaml: uris('https://wiki.example.com/cb?tenant=blue') },
    { name: 'loopback http (insecure is another rule)', yaml: uris('http://127.0.0.1:8080/cb') },
    { name: 'private-use scheme of a native app (RFC 8252)', yaml: uris('com.example.app:/oauth2redirect') },
    { name: 'exactly at the length limit', yaml: uris(`https://wiki.example.com/${'a'.repeat(MAX_REDIRECT_URI_LENGTH - 'https://wiki.example.com/'.length)}`) },
  ],
  invalid: [
    {
      name: 'relative, fragment and wildcard: each URI item is reported',
      yaml: uris('https://wiki.example.com/ok', '/oauth/callback', 'https://wiki.example.com/cb#done', 'https://*.example.com/cb'),
      errors: [
        { line: 12, column: 17, messageIncludes: 'not an absolute URI' },
        { line: 13, column: 17, messageIncludes: 'fragment' },
        { line: 14, column: 17, messageIncludes: 'wildcard' },
      ],
    },
    { name: 'host without scheme', yaml: uris('wiki.example.com/cb'), errors: [{ line: 11, messageIncludes: 'not an absolute URI' }] },
    { name: 'a scheme and nothing else', yaml: uris('https://'), errors: [{ line: 11, messageIncludes: 'not an absolute URI' }] },
    { name: 'spaces inside', yaml: uris('https://wiki.example.com/o auth'), errors: [{ line: 11, messageIncludes: 'not an absolute URI' }] },
    { name: 'over the length limit', yaml: uris(long), errors: [{ line: 11, messageIncludes: `over tipkit's limit of ${MAX_REDIRECT_URI_LENGTH}` }] },
  ],
});

describe('redirectUriProblems', () => {
  it('lists every problem of one URI', () => {
    expect(redirectUriProblems('/cb#x*')).toHaveLength(3);
    expect(redirectUriProblems('https://a.example.com/cb')).toEqual([]);
  });
});
