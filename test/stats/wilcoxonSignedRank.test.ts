import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/wilcoxonSignedRank.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { wilcoxonSignedRank } from '../../src/stats/wilcoxonSignedRank.js';

const cases = loadCases(ref);
const value = fc.integer({ min: -40, max: 40 }).map((v) => v / 4);
const diffs = fc.array(value, { minLength: 1, maxLength: 20 });

describe('wilcoxonSignedRank', () => {
  // Expected: scipy.stats.wilcoxon(x, y, zero_method=…, correction=…, alternative=…, method=…), calls
  // quoted in reference/wilcoxonSignedRank.json: exact, permutation (auto with ties/zeros, n <= 13),
  // asymptotic (n > 50 or ties with n > 13), all three zero methods, paired and one-sample, n = 1.
  it(`agrees with SciPy 1.17 on ${cases.length} cases (statistic exact; p 1e-9 asymptotic, 1e-6 exact)`, () => {
    expect(cases.length).toBeGreaterThan(200);
    const bad = cases.flatMap((c) => {
      const r = c.y ? wilcoxonSignedRank(c.x, c.y, c.options) : wilcoxonSignedRank(c.x, c.options);
      return fieldMismatches(c, { statistic: r.statistic, pValue: r.pValue }, { statistic: 1e-12, pValue: r.methodUsed === 'asymptotic' ? 1e-9 : 1e-6 });
    });
    expect(bad).toEqual([]);
  });

  it('matches the documented example and picks the method as SciPy', () => {
    // scipy.stats.wilcoxon([1,2,-3,4,5,6,-7]) → statistic 10.0, pvalue 0.578125
    const r = wilcoxonSignedRank([1, 2, -3, 4, 5, 6, -7]);
    expect(r).toMatchObject({ statistic: 10, pValue: 0.578125, methodUsed: 'exact', rPlus: 18, rMinus: 10 });
    // scipy.stats.wilcoxon([1,2,0,-3,4,5,6,-7]) → pvalue 0.578125 (permutation over sign flips)
    expect(wilcoxonSignedRank([1, 2, 0, -3, 4, 5, 6, -7])).toMatchObject({ pValue: 0.578125, methodUsed: 'permutation', zeros: 1 });
    expect(wilcoxonSignedRank(Array.from({ length: 51 }, (_, i) => i - 20)).methodUsed).toBe('asymptotic');
  });

  test.prop([diffs])('p in [0, 1]; negating the differences swaps R+ and R− and less/greater', (d) => {
    const r = wilcoxonSignedRank(d);
    const neg = wilcoxonSignedRank(d.map((v) => -v));
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expect(neg.rPlus).toBe(r.rMinus);
    expect(neg.pValue).toBeCloseTo(r.pValue, 12);
    expect(wilcoxonSignedRank(d, { alternative: 'less' }).pValue).toBeCloseTo(wilcoxonSignedRank(d.map((v) => -v), { alternative: 'greater' }).pValue, 12);
  });

  test.prop([diffs, fc.integer({ min: 1, max: 100 })])('invariant to scaling the differences by a positive factor', (d, s) => {
    const r = wilcoxonSignedRank(d);
    const t = wilcoxonSignedRank(d.map((v) => v * s));
    expect(t.statistic).toBe(r.statistic);
    expect(t.pValue).toBe(r.pValue);
  });

  test.prop([fc.array(fc.tuple(value, value), { minLength: 1, maxLength: 15 })])('paired form equals the one-sample form on x − y', (pairs) => {
    const x = pairs.map(([a]) => a);
    const y = pairs.map(([, b]) => b);
    expect(wilcoxonSignedRank(x, y)).toEqual(wilcoxonSignedRank(pairs.map(([a, b]) => a - b)));
  });

  it('all differences zero: statistic 0 and p = 1; n = 1 works', () => {
    expect(wilcoxonSignedRank([3, 4], [3, 4])).toMatchObject({ statistic: 0, pValue: 1, zeros: 2 });
    // scipy.stats.wilcoxon([0.5]) → statistic 0.0, pvalue 1.0
    expect(wilcoxonSignedRank([0.5])).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('fails with a clear error for unequal lengths, NaN and bad options', () => {
    expect(() => wilcoxonSignedRank([1, 2], [1])).toThrow('wilcoxonSignedRank: x and y must have the same length (one value per pair), got 2 and 1');
    expect(() => wilcoxonSignedRank([1, Number.NaN])).toThrow('wilcoxonSignedRank: x[1] must be a finite number, got NaN');
    expect(() => wilcoxonSignedRank([1, 2], { zeroMethod: 'prat' as never })).toThrow("did you mean 'pratt'?");
    expect(() => wilcoxonSignedRank([], [])).toThrow('wilcoxonSignedRank: x needs at least 1 value, got 0');
  });
});
