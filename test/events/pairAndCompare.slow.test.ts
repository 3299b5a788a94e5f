/**
 * The longer run of pairAndCompare.test.ts (npm run test:slow): more cases and larger sides, and
 * bench-shaped data (nested object, array, noise) shuffled in place and reloaded.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clone, makeEvents, shuffled } from '../_helpers/events.js';
import { fused, options, plain, rowsOf, shadowOf } from './_fusedPath.js';

describe('pairAndCompare (long run)', () => {
  it('gives the evidence of resolveFields then comparePairs, on any shapes, options and row orders', () => {
    fc.assert(
      fc.property(
        rowsOf(300).chain((l) => fc.tuple(fc.constant(l), shadowOf(l))),
        options,
        ([l, s], o) => {
          expect(fused(l, s, o)).toEqual(plain(l, s, o));
        },
      ),
      { seed: 201, numRuns: 3000 },
    );
  });

  it('gives the plain evidence on 20,000 events shuffled in place and shuffled then reloaded', () => {
    const legacy = makeEvents(20_000, 5);
    const shadow = clone(legacy).map((e, i) => (i % 97 === 0 ? { ...e, price: e.price + 1 } : e));
    for (const s of [shuffled(shadow, 6), clone(shuffled(shadow, 7))]) {
      for (const o of [{ key: 'id' }, { key: 'id', fields: { price: { abs: 0.5 } } }, { key: ['id', 'user'] }] as const) {
        expect(fused(legacy, s, o)).toEqual(plain(legacy, s, o));
      }
    }
  });
});
