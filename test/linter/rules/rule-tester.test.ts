/** The rule tester itself: it must fail on the mistakes it exists to catch. */
import { describe, expect, it } from 'vitest';
import { rule as duplicateGrant } from '../../../linter/rules/duplicate-grant.js';
import { rule as grantTypeUnknown } from '../../../linter/rules/grant-type-unknown.js';
import { assertUniqueNames, checkInvalidCase, checkValidCase, HEAD } from '../../helpers/rule-tester.js';

const twice = `${HEAD}applications:
  - Name: a
    Grants:
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
      - GrantType: refresh_token
        Grant: { RefreshToken: {} }
`;
const once = twice.split('\n').slice(0, 8).join('\n') + '\n';

describe('rule tester', () => {
  it('passes a correct valid and invalid case', () => {
    expect(checkValidCase(duplicateGrant, { name: 'v', yaml: once })).toEqual([]);
    expect(checkInvalidCase(duplicateGrant, { name: 'i', yaml: twice, errors: [{ line: 9, column: 20, messageIncludes: 'already declared' }] })).toEqual([]);
  });

  it('fails a valid case that fires the rule', () => {
    expect(checkValidCase(duplicateGrant, { name: 'v', yaml: twice })).not.toEqual([]);
  });

  it('fails an invalid case that does not fire, or fires elsewhere or otherwise', () => {
    expect(checkInvalidCase(duplicateGrant, { name: 'i', yaml: once, errors: [{ line: 9 }] })).not.toEqual([]);
    expect(checkInvalidCase(duplicateGrant, { name: 'i', yaml: twice, errors: [{ line: 8 }] })).not.toEqual([]);
    expect(checkInvalidCase(duplicateGrant, { name: 'i', yaml: twice, errors: [{ line: 9, column: 9 }] })).not.toEqual([]);
    expect(checkInvalidCase(duplicateGrant, { name: 'i', yaml: twice, errors: [{ line: 9, messageIncludes: 'nope' }] })).not.toEqual([]);
    expect(checkInvalidCase(duplicateGrant, { name: 'i', yaml: twice, errors: [{ line: 9 }, { line: 9 }] })).not.toEqual([]);
  });

  it('fails when schema-violation reports the same node as the rule', () => {
    // A grant-type-unknown that reported the GrantType value itself but claimed nothing would leave the enum
    // violation to schema-violation too: two findings for one problem.
    const badType = `${HEAD}applications:\n  - Name: a\n    Grants:\n      - GrantType: nope\n        Grant: { RefreshToken: {} }\n`;
    const withReport = {
      ...grantTypeUnknown,
      claims: undefined,
      check: ({ model, report }: Parameters<typeof grantTypeUnknown.check>[0]) => report({ node: model.applications[0]!.grants[0]!, field: ['GrantType'], message: 'x' }),
    };
    expect(checkInvalidCase(withReport, { name: 'i', yaml: badType, errors: [{ line: 7 }] }).join('\n')).toContain('schema-violation reported at the same place');
  });

  it('rejects duplicate case names and empty case lists', () => {
    expect(() => assertUniqueNames(duplicateGrant, { valid: [{ name: 'a', yaml: once }], invalid: [{ name: 'a', yaml: twice, errors: [{ line: 9 }] }] })).toThrow(/duplicate test case name 'a'/);
    expect(() => assertUniqueNames(duplicateGrant, { valid: [], invalid: [{ name: 'a', yaml: twice, errors: [{ line: 9 }] }] })).toThrow(/at least one valid/);
    expect(() => assertUniqueNames(duplicateGrant, { valid: [{ name: 'a', yaml: once }], invalid: [{ name: 'b', yaml: twice, errors: [] }] })).toThrow(/lists no errors/);
  });
});
