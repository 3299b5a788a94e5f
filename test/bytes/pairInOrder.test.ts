import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { pairInOrder } from '../../src/bytes/_internal/pairInOrder.js';
import { pairRows } from '../../src/join/pairRows.js';
import { compileKey } from '../../src/join/keys.js';

const key = compileKey('test', 'id');
const rowsOf = (ids: readonly (number | string)[]) => ids.map((id) => ({ id }));

describe('pairInOrder (the merge join for sides in key order)', () => {
  test('property: on sides whose keys strictly increase, the same pairing as pairRows', () => {
    const sortedIds = fc.uniqueArray(fc.integer({ min: 0, max: 60 }), { maxLength: 40 }).map((a) => a.sort((x, y) => x - y));
    fc.assert(
      fc.property(sortedIds, sortedIds, fc.boolean(), (l, s, asStrings) => {
        const enc = (a: number[]) => (asStrings ? a.map((x) => `k${String(x).padStart(3, '0')}`) : a);
        const lr = rowsOf(enc(l));
        const sr = rowsOf(enc(s));
        const fast = pairInOrder('test', lr, sr, key);
        if (l.length === 0 || s.length === 0) {
          expect(fast).toBeNull();
          return;
        }
        const exact = pairRows('test', lr, sr, key);
        expect(fast).not.toBeNull();
        expect([...fast!.pair]).toEqual([...exact.pair]);
        expect(fast!.matched).toBe(exact.matched);
        expect([...fast!.missing].sort((a, b) => a - b)).toEqual([...exact.missing].sort((a, b) => a - b));
        expect([...fast!.extra].sort((a, b) => a - b)).toEqual([...exact.extra].sort((a, b) => a - b));
        expect(exact.legacyDuplicates.size + exact.shadowDuplicates.size).toBe(0);
      }),
      { numRuns: 300, seed: 1420 },
    );
  });

  test('declines (null) keys out of order, repeated, absent or of mixed types', () => {
    expect(pairInOrder('test', rowsOf([1, 3, 2]), rowsOf([1, 2, 3]), key)).toBeNull();
    expect(pairInOrder('test', rowsOf([1, 2, 3]), rowsOf([1, 2, 2, 3]), key)).toBeNull();
    expect(pairInOrder('test', rowsOf([1, 2]), [{ id: 1 }, { id: null }], key)).toBeNull();
    expect(pairInOrder('test', rowsOf([1, 2]), rowsOf([1, '2']), key)).toBeNull();
    expect(pairInOrder('test', rowsOf([1, 2, 4]), rowsOf([1, 3, 4, 5]), key)).toMatchObject({ matched: 2, missing: [1], extra: [1, 3] });
  });
});
