/**
 * compareKeys orders strings as DuckDB does: by UTF-8 bytes (Buffer.compare, the ground truth),
 * which is code point order, not JavaScript's UTF-16 code unit order.
 */
import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { compareKeys } from '../../src/join/keys.js';

const sign = (x: number) => (x < 0 ? -1 : x > 0 ? 1 : 0);
const bytes = (a: string, b: string) => sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
// Well-formed strings over the whole of Unicode, weighted toward the planes whose orders differ.
const text = fc.string({ unit: fc.oneof(fc.constantFrom('a', 'é', '\uE000', '～', '\uFFFF', '😀', '𝔸', '\u{10FFFF}'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 6 });

describe('compareKeys', () => {
  test('strings in UTF-8 byte order (Buffer.compare), 2,000 generated pairs', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        expect(sign(compareKeys(a, b))).toBe(bytes(a, b));
        expect(sign(compareKeys(b, a))).toBe(0 - bytes(a, b));
      }),
      { seed: 20261207, numRuns: 2_000 },
    );
  });

  test('where UTF-16 and code points disagree: U+FF5E before U+1F600, unlike <', () => {
    expect('😀' < '～').toBe(true);
    expect(compareKeys('～', '😀')).toBeLessThan(0);
    expect(compareKeys('a😀b', 'a\uE000')).toBeGreaterThan(0);
    expect(compareKeys('ab', 'a')).toBeGreaterThan(0);
    expect(compareKeys('x', 'x')).toBe(0);
  });

  test('numbers before strings, numbers by value', () => {
    expect([10, 'b', 2, 'a', -1].sort(compareKeys)).toEqual([-1, 2, 10, 'a', 'b']);
  });
});
