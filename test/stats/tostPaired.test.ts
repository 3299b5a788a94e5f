import { describe, expect, test } from 'vitest';
import { fc, test as prop } from '@fast-check/vitest';
import { tostPaired } from '../../src/stats/tostPaired.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

/** Values on a grid of 0.001 in [-1, 1]: no subnormal noise, ties happen. */
const small = fc.integer({ min: -1000, max: 1000 }).map((v) => v / 1000);

describe('tostPaired', () => {
  test.each(cases(ref.tostPaired))('agrees with SciPy (case %i)', (_i, c) => {
    const r = tostPaired(c.x, c.y, { margin: c.margin, alpha: c.alpha });
    expectRel(r.tLower, c.tLower, 1e-9, c.call);
    expectRel(r.tUpper, c.tUpper, 1e-9, c.call);
    expectRel(r.pLower, c.pLower, 1e-9, c.call);
    expectRel(r.pUpper, c.pUpper, 1e-9, c.call);
    expectRel(r.ci[0], c.ci[0], 1e-9, c.call);
    expectRel(r.ci[1], c.ci[1], 1e-9, c.call);
    expectRel(r.estimate, c.estimate, 1e-12, c.call);
    expect(r.df).toBe(c.df);
    expect(r.pValue).toBe(Math.max(c.pLower, c.pUpper) === c.pLower ? r.pLower : r.pUpper);
    expect(r.equivalent).toBe(c.ci[0] > -c.margin && c.ci[1] < c.margin);
  });

  test('declares equivalence exactly when TOST p < alpha (interval inside ±margin)', () => {
    fc.assert(
      fc.property(
        fc.array(small, { minLength: 3, maxLength: 30 }),
        fc.integer({ min: 1, max: 100 }).map((v) => v / 100),
        (d, margin) => {
          fc.pre(new Set(d).size > 1);
          const r = tostPaired(d, d.map(() => 0), { margin });
          expect(r.pValue).toBeGreaterThanOrEqual(0);
          expect(r.pValue).toBeLessThanOrEqual(1);
          if (Math.abs(r.pValue - 0.05) > 1e-9) expect(r.equivalent).toBe(r.pValue < 0.05);
        },
      ),
    );
  });

  prop.prop([fc.array(small.map((v) => v * 5), { minLength: 3, maxLength: 20 }), small.map((v) => v * 3)])(
    'is invariant to adding the same constant to both sides',
    (x, c) => {
      fc.pre(new Set(x).size > 1);
      const y = x.map((v, i) => (i % 2 ? v * 0.5 : v * 0.9));
      fc.pre(new Set(x.map((v, i) => v - y[i])).size > 1);
      const a = tostPaired(x, y, { margin: 0.5 });
      const b = tostPaired(x.map((v) => v + c), y.map((v) => v + c), { margin: 0.5 });
      expect(b.estimate).toBeCloseTo(a.estimate, 9);
      expect(b.pValue).toBeCloseTo(a.pValue, 6);
    },
  );

  test('swapping x and y negates the interval and swaps the one-sided tests', () => {
    const c = ref.tostPaired[0];
    const a = tostPaired(c.x, c.y, { margin: c.margin });
    const b = tostPaired(c.y, c.x, { margin: c.margin });
    expect(b.ci[0]).toBeCloseTo(-a.ci[1], 12);
    expect(b.pLower).toBeCloseTo(a.pUpper, 12);
  });

  test('throws on bad input instead of returning a verdict', () => {
    expect(() => tostPaired([1, 2], [1], { margin: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: tostPaired: x and y must be paired (the same length), got 2 and 1]`,
    );
    expect(() => tostPaired([1], [1], { margin: 1 })).toThrow('needs at least 2 pairs, got 1');
    expect(() => tostPaired([1, NaN, 3], [1, 2, 3], { margin: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: tostPaired: x[1] must be a finite number, got NaN]`,
    );
    expect(() => tostPaired([1, 2, 3], [1, 2, 3], { margin: 1 })).toThrow('the differences x − y have zero variance (first difference 0)');
    expect(() => tostPaired([1, 2, 3], [1, 2, 4], { margin: 0 })).toThrow('margin must be > 0');
    expect(() => tostPaired([1, 2, 3], [1, 2, 4], {} as never)).toThrow('margin is required');
    expect(() => tostPaired([1, 2, 3], [1, 2, 4], { margin: 1, alpah: 0.1 } as never)).toThrow("did you mean 'alpha'?");
  });
});
