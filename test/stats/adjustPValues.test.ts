import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { adjustPValues } from '../../src/stats/adjustPValues.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

describe('adjustPValues', () => {
  test.each(cases(ref.adjust))('agrees with SciPy / the Holm formula (case %i)', (_i, c) => {
    for (const method of ['bonferroni', 'holm', 'bh', 'by'] as const) {
      adjustPValues(c.p, method).forEach((v, k) => expectRel(v, c[method][k], 1e-12, `${method}: ${c.call}`));
    }
  });

  test('adjusted p-values are in [p, 1] and ordered: bh ≤ by, bh ≤ holm ≤ bonferroni', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 30 }), (p) => {
        const [bon, holm, bh, by] = (['bonferroni', 'holm', 'bh', 'by'] as const).map((m) => adjustPValues(p, m));
        p.forEach((v, i) => {
          for (const a of [bon, holm, bh, by]) {
            expect(a[i]).toBeGreaterThanOrEqual(v);
            expect(a[i]).toBeLessThanOrEqual(1);
          }
          expect(holm[i]).toBeLessThanOrEqual(bon[i]);
          expect(bh[i]).toBeLessThanOrEqual(holm[i] + 1e-15);
          expect(bh[i]).toBeLessThanOrEqual(by[i]);
        });
      }),
    );
  });

  test('an empty family stays empty; bad p-values and methods are refused', () => {
    expect(adjustPValues([], 'holm')).toEqual([]);
    expect(() => adjustPValues([0.1, 1.2], 'bh')).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: adjustPValues: pValues[1] must be a p-value in [0, 1], got 1.2]`,
    );
    expect(() => adjustPValues([0.1], 'fdr_bh' as never)).toThrow("method must be one of 'bonferroni', 'holm', 'bh', 'by'");
  });
});
