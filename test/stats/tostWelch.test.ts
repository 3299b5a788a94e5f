import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { tostWelch } from '../../src/stats/tostWelch.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

/** Values on a grid of 0.001 in [-1, 1]: no subnormal noise, ties happen. */
const small = fc.integer({ min: -1000, max: 1000 }).map((v) => v / 1000);

describe('tostWelch', () => {
  test.each(cases(ref.tostWelch))('agrees with SciPy (case %i)', (_i, c) => {
    const r = tostWelch(c.x, c.y, { margin: c.margin, alpha: c.alpha });
    expectRel(r.tLower, c.tLower, 1e-9, c.call);
    expectRel(r.tUpper, c.tUpper, 1e-9, c.call);
    expectRel(r.pLower, c.pLower, 1e-9, c.call);
    expectRel(r.pUpper, c.pUpper, 1e-9, c.call);
    expectRel(r.ci[0], c.ci[0], 1e-9, c.call);
    expectRel(r.ci[1], c.ci[1], 1e-9, c.call);
    expectRel(r.df, c.df, 1e-12, c.call);
    expect(r.equivalent).toBe(c.ci[0] > -c.margin && c.ci[1] < c.margin);
  });

  test('p-values lie in [0, 1] and the decision matches p < alpha', () => {
    fc.assert(
      fc.property(
        fc.array(small, { minLength: 2, maxLength: 20 }),
        fc.array(small, { minLength: 2, maxLength: 20 }),
        fc.integer({ min: 1, max: 200 }).map((v) => v / 100),
        (x, y, margin) => {
          fc.pre(new Set(x).size > 1 || new Set(y).size > 1);
          const r = tostWelch(x, y, { margin });
          for (const p of [r.pLower, r.pUpper, r.pValue]) expect(p >= 0 && p <= 1).toBe(true);
          if (Math.abs(r.pValue - 0.05) > 1e-9) expect(r.equivalent).toBe(r.pValue < 0.05);
        },
      ),
    );
  });

  test('is antisymmetric in x and y, and invariant to a common shift', () => {
    const c = ref.tostWelch[1];
    const a = tostWelch(c.x, c.y, { margin: 0.2 });
    const b = tostWelch(c.y, c.x, { margin: 0.2 });
    const s = tostWelch(c.x.map((v: number) => v + 100), c.y.map((v: number) => v + 100), { margin: 0.2 });
    expect(b.ci[1]).toBeCloseTo(-a.ci[0], 12);
    expect(b.pValue).toBeCloseTo(a.pValue, 12);
    expect(s.pValue).toBeCloseTo(a.pValue, 8);
  });

  test('one constant sample is allowed (Welch), two are refused', () => {
    const r = tostWelch([1, 1, 1], [0.9, 1.1, 1.0, 1.05], { margin: 0.5 });
    expect(r.df).toBeCloseTo(3, 12); // all variance comes from y: df = n_y − 1
    expect(() => tostWelch([1, 1], [2, 2], { margin: 1 })).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: tostWelch: x and y both have zero variance, so the t statistic is undefined]`,
    );
    expect(() => tostWelch([1], [2, 3], { margin: 1 })).toThrow('x needs at least 2 values, got 1');
    expect(() => tostWelch([1, Infinity], [2, 3], { margin: 1 })).toThrow('x[1] must be a finite number, got Infinity');
  });
});
