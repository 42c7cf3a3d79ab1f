/** identity-store-attribute-unsupported: the identity-store side of the mapping must identify one user. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MATCHABLE_ATTRIBUTE_PATHS, rule } from '../../../linter/rules/identity-store-attribute-unsupported.js';
import { HEAD, issuersYaml, ruleTester } from '../../helpers/rule-tester.js';

ruleTester.run(rule, {
  valid: [
    { name: 'emails.value', yaml: HEAD + issuersYaml({ attribute: 'emails.value' }) },
    { name: 'userName', yaml: HEAD + issuersYaml({ claim: 'preferred_username', attribute: 'userName' }) },
    { name: 'externalIds.id', yaml: HEAD + issuersYaml({ claim: 'sub', attribute: 'externalIds.id' }) },
    { name: 'a path that is not valid JMESPath is jmespath-invalid, not this', yaml: HEAD + issuersYaml({ attribute: 'emails[0].value' }) },
  ],
  invalid: [
    { name: 'a name part', yaml: HEAD + issuersYaml({ attribute: 'name.givenName' }), errors: [{ line: 11, column: 37, messageIncludes: 'use one of: userName, emails.value' }] },
    { name: 'wrong case', yaml: HEAD + issuersYaml({ attribute: 'UserName' }), errors: [{ line: 11, column: 37, messageIncludes: "did you mean 'userName'?" }] },
    { name: 'the list instead of its value', yaml: HEAD + issuersYaml({ attribute: 'emails' }), errors: [{ line: 11 }] },
    { name: 'the issuer of an external id, not the id', yaml: HEAD + issuersYaml({ attribute: 'externalIds.issuer' }), errors: [{ line: 11 }] },
  ],
});

// The identitystore model the list is derived from (see the rule's comment); it sits beside the repository.
const modelFile = resolve(dirname(fileURLToPath(import.meta.url)), '../../../../shared/aws-models/identitystore-2020-06-15.json');

describe.skipIf(!existsSync(modelFile))('MATCHABLE_ATTRIBUTE_PATHS', () => {
  // (A skipped describe still runs its body to collect the tests, hence the guard.)
  const model = JSON.parse(existsSync(modelFile) ? readFileSync(modelFile, 'utf8') : '{"shapes":{}}') as {
    shapes: Record<string, { type: string; members?: Record<string, { shape: string }>; member?: { shape: string }; required?: string[]; documentation?: string }>;
  };
  const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);

  /** Follows a camelCase path through the User shape (lists descend into their member); the final shape, or undefined. */
  function resolvePath(path: string): string | undefined {
    let shape = 'User';
    for (const segment of path.split('.')) {
      let s = model.shapes[shape]!;
      if (s.type === 'list') s = model.shapes[s.member!.shape]!;
      const next = s.members?.[pascal(segment)]?.shape;
      if (!next) return undefined;
      shape = next;
    }
    return shape;
  }

  it('names string attributes of the identitystore User shape', () => {
    for (const path of MATCHABLE_ATTRIBUTE_PATHS) {
      const shape = resolvePath(path);
      expect(shape, path).toBeDefined();
      expect(model.shapes[shape!]!.type, path).toBe('string');
    }
  });

  it('matches what the model calls unique: GetUserId unique attributes, and the required ExternalId.Id', () => {
    const doc = JSON.stringify(model.shapes.GetUserIdRequest);
    expect(doc).toContain('the only valid paths are <code> userName</code> and <code>emails.value</code>');
    expect(model.shapes.ExternalId!.required).toContain('Id');
  });
});
