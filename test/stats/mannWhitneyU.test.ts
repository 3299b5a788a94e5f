import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/mannWhitneyU.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { mannWhitneyU } from '../../src/stats/mannWhitneyU.js';

const cases = loadCases(ref);
const value = fc.integer({ min: -50, max: 50 }).map((v) => v / 4); // plenty of ties
const sample = fc.array(value, { minLength: 1, maxLength: 30 });

describe('mannWhitneyU', () => {
  // Expected: scipy.stats.mannwhitneyu(x, y, use_continuity=…, alternative=…, method=…), each call
  // quoted in reference/mannWhitneyU.json: exact, asymptotic and auto; ties; all ties; n = 1; unequal n.
  it(`agrees with SciPy 1.17 on ${cases.length} cases (U exact; p 1e-9 asymptotic, 1e-6 exact)`, () => {
    expect(cases.length).toBeGreaterThan(100);
    const bad = cases.flatMap((c) => {
      const r = mannWhitneyU(c.x, c.y!, c.options);
      return fieldMismatches(c, { statistic: r.statistic, pValue: r.pValue }, { statistic: 0, pValue: r.methodUsed === 'exact' ? 1e-6 : 1e-9 });
    });
    expect(bad).toEqual([]);
  });

  it('chooses the method as SciPy: exact for min(n) <= 8 without ties, else asymptotic', () => {
    expect(mannWhitneyU([1, 4, 2, 8], [3, 5, 6, 7, 9]).methodUsed).toBe('exact');
    expect(mannWhitneyU([1, 4, 2, 8], [3, 5, 6, 7, 8]).methodUsed).toBe('asymptotic'); // a tie
    const big = Array.from({ length: 9 }, (_, i) => i);
    expect(mannWhitneyU(big, big.map((v) => v + 0.5)).methodUsed).toBe('asymptotic');
  });

  it('matches the documented example', () => {
    // scipy.stats.mannwhitneyu([1,4,2,8], [3,5,6,7,9]) → statistic 5.0, pvalue 0.2857142857142857
    const r = mannWhitneyU([1, 4, 2, 8], [3, 5, 6, 7, 9]);
    expect(r.statistic).toBe(5);
    expect(r.pValue).toBeCloseTo(0.2857142857142857, 12);
    expect(r.u2).toBe(15);
  });

  test.prop([sample, sample])('p in [0, 1]; swapping x and y swaps U1/U2 and keeps the two-sided p', (x, y) => {
    const r = mannWhitneyU(x, y);
    const s = mannWhitneyU(y, x);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expect(r.statistic + r.u2).toBe(x.length * y.length);
    expect(s.statistic).toBe(r.u2);
    expect(s.pValue).toBeCloseTo(r.pValue, 12);
    expect(mannWhitneyU(x, y, { alternative: 'less' }).pValue).toBeCloseTo(mannWhitneyU(y, x, { alternative: 'greater' }).pValue, 12);
  });

  test.prop([sample, sample, fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: 1, max: 1000 })])(
    'invariant to a common increasing transform (shift and positive scale)',
    (x, y, shift, scale) => {
      const r = mannWhitneyU(x, y);
      const t = mannWhitneyU(x.map((v) => v * scale + shift), y.map((v) => v * scale + shift));
      expect(t.statistic).toBe(r.statistic);
      expect(t.pValue).toBeCloseTo(r.pValue, 12);
    },
  );

  test.prop([fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 7 }), fc.array(fc.integer({ min: 0, max: 1000 }), { minLength: 1, maxLength: 9 })])(
    'the exact distribution sums to 1: P(U >= 0) = 1 and P(U >= 1) = 1 - 1/C(n1+n2, n1)',
    (x, y) => {
      fc.pre(new Set([...x, ...y]).size === x.length + y.length);
      // x entirely below y gives U1 = 0, the single most extreme arrangement.
      const low = x.map((_, i) => i);
      const high = y.map((_, i) => x.length + i);
      let binom = 1;
      for (let i = 1; i <= x.length; i++) binom = (binom * (y.length + i)) / i;
      expect(mannWhitneyU(low, high, { alternative: 'less', method: 'exact' }).pValue).toBeCloseTo(1 / binom, 12);
      expect(mannWhitneyU(low, high, { alternative: 'greater', method: 'exact' }).pValue).toBe(1);
    },
  );

  it('all values tied: p = 1 (no information)', () => {
    // scipy.stats.mannwhitneyu([5,5,5], [5,5]) → statistic 3.0, pvalue 1.0
    expect(mannWhitneyU([5, 5, 5], [5, 5])).toMatchObject({ statistic: 3, pValue: 1 });
    expect(mannWhitneyU([5, 5, 5], [5, 5], { continuity: false }).pValue).toBe(1);
  });

  it('fails with a clear error for empty samples, NaN, bad options and an over-large exact request', () => {
    expect(() => mannWhitneyU([], [1])).toThrow('mannWhitneyU: x needs at least 1 value, got 0');
    expect(() => mannWhitneyU([1, Number.NaN], [1])).toThrow('mannWhitneyU: x[1] must be a finite number, got NaN');
    expect(() => mannWhitneyU([1], [2], { method: 'exakt' as never })).toThrow("did you mean 'exact'?");
    expect(() => mannWhitneyU([1], [2], { continuity: 'yes' as never })).toThrow('mannWhitneyU: continuity must be true or false, got yes');
    const big = Array.from({ length: 3000 }, (_, i) => i);
    expect(() => mannWhitneyU(big, big.map((v) => v + 0.5), { method: 'exact' })).toThrow("use method 'asymptotic'");
  });
});
