/** childPointerKey (used by the loaders' position walk) builds the same key as pointerKey of the whole path. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { childPointerKey, pointerKey } from '../../model/positions.js';

const segment = fc.oneof(fc.string(), fc.constantFrom('', '~', '/', '~1', 'a/b~c'), fc.nat(50));

describe('childPointerKey', () => {
  it('equals pointerKey of the extended path, escapes and empty segments included', () => {
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 6 }), segment, (path, next) => {
        expect(childPointerKey(pointerKey(path), path.length, next)).toBe(pointerKey([...path, next]));
      }),
    );
  });

  it('tells a root-level empty key from the root', () => {
    expect(childPointerKey('', 0, '')).toBe('');
    expect(childPointerKey('', 1, 'x')).toBe('/x');
    expect(childPointerKey('a', 1, 'b/c')).toBe('a/b~1c');
  });
});
