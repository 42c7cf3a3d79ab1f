/** jmespath-invalid: attribute paths are JMESPath of the subset Identity Center accepts. */
import { describe, expect, it } from 'vitest';
import { jmespathError, rule } from '../../../linter/rules/jmespath-invalid.js';
import { HEAD, issuersYaml, ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'email → emails.value', yaml: HEAD + issuersYaml({ claim: 'email', attribute: 'emails.value' }) },
    { name: 'underscore claim (preferred_username) → userName', yaml: HEAD + issuersYaml({ claim: 'preferred_username', attribute: 'userName' }) },
    { name: 'three segments', yaml: HEAD + issuersYaml({ claim: 'user.profile.mail', attribute: 'emails.value' }) },
  ],
  invalid: [
    { name: 'unclosed bracket in the claim path', yaml: HEAD + issuersYaml({ claim: 'emails[0' }), errors: [{ line: 10, column: 29, messageIncludes: "ClaimAttributePath 'emails[0' is not an attribute path Identity Center accepts" }] },
    { name: 'a namespaced claim (colon)', yaml: HEAD + issuersYaml({ claim: 'cognito:username' }), errors: [{ line: 10, column: 29 }] },
    { name: 'a claim path that is not a string', yaml: HEAD + issuersYaml({}).replace('ClaimAttributePath: "email"', 'ClaimAttributePath: 42'), errors: [{ line: 10, column: 29, messageIncludes: 'must be a string' }] },
    { name: 'an index in the identity-store path', yaml: HEAD + issuersYaml({ attribute: 'emails[0].value' }), errors: [{ line: 11, column: 37 }] },
    { name: 'four segments', yaml: HEAD + issuersYaml({ attribute: 'a.b.c.d' }), errors: [{ line: 11, column: 37 }] },
    {
      // ajv reports both minLength and pattern for ''; both stay under this rule.
      name: 'empty claim path',
      yaml: HEAD + issuersYaml({ claim: '' }),
      errors: [
        { line: 10, column: 29, messageIncludes: 'at least 1 character' },
      ],
    },
    {
      name: 'letters the AWS pattern admits but JMESPath does not',
      yaml: HEAD + issuersYaml({ claim: 'émail' }),
      errors: [{ line: 10, column: 29, messageIncludes: 'is not valid JMESPath: Syntax error' }],
    },
  ],
});

describe('jmespathError', () => {
  it('uses the real parser', () => {
    expect(jmespathError('emails.value')).toBeUndefined();
    expect(jmespathError('emails[')).toMatch(/Syntax error/);
  });
});
