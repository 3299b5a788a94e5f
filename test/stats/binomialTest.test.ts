import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/contingency.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { binomialTest } from '../../src/stats/binomialTest.js';

const cases = loadCases(ref).filter((c) => c.fn === 'binomialTest');

describe('binomialTest', () => {
  // Expected: scipy.stats.binomtest(k, n, p, alternative=…) and its
  // .proportion_ci(confidence_level=0.95, method='exact'), quoted in reference/contingency.json.
  // SciPy finds the Clopper-Pearson limits with brentq (xtol 2e-12 absolute); ours are beta
  // quantiles, so the limits are compared to 1e-11 absolute.
  it(`agrees with SciPy 1.17 on ${cases.length} cases`, () => {
    expect(cases.length).toBe(30);
    const bad = cases.flatMap((c) => {
      const r = binomialTest(c.k!, c.n!, c.options);
      const lines = fieldMismatches(c, { statistic: r.statistic, pValue: r.pValue }, { statistic: 1e-15, pValue: 1e-9 });
      for (const [f, v] of [['ciLower', r.confidenceInterval.lower], ['ciUpper', r.confidenceInterval.upper]] as const) {
        if (!(Math.abs(v - c.expected[f]) <= 1e-11)) lines.push(`${c.call}: ${f} SciPy ${c.expected[f]}, got ${v}`);
      }
      return lines;
    });
    expect(bad).toEqual([]);
  });

  it('matches the documented example', () => {
    // scipy.stats.binomtest(3, 15, 0.1) → pvalue 0.18406106910639106,
    // proportion_ci() → (0.04331200510583602, 0.48089113380685317)
    const r = binomialTest(3, 15, { p: 0.1 });
    expect(r.pValue).toBeCloseTo(0.18406106910639106, 13);
    expect(r.confidenceInterval.lower).toBeCloseTo(0.04331200510583602, 11);
    expect(r.confidenceInterval.upper).toBeCloseTo(0.48089113380685317, 11);
  });

  test.prop([fc.integer({ min: 1, max: 300 }).chain((n) => fc.tuple(fc.integer({ min: 0, max: n }), fc.constant(n))), fc.double({ min: 0.01, max: 0.99, noNaN: true })])(
    'p in [0, 1]; k ↔ n − k with p ↔ 1 − p mirrors the test; the CI contains k/n',
    ([k, n], p) => {
      const r = binomialTest(k, n, { p });
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
      expect(binomialTest(n - k, n, { p: 1 - p, alternative: 'greater' }).pValue).toBeCloseTo(binomialTest(k, n, { p, alternative: 'less' }).pValue, 10);
      expect(r.confidenceInterval.lower).toBeLessThanOrEqual(k / n);
      expect(r.confidenceInterval.upper).toBeGreaterThanOrEqual(k / n);
    },
  );

  it('edge cases: k = 0, k = n, n = 1', () => {
    expect(binomialTest(0, 20, { p: 0.3 }).confidenceInterval.lower).toBe(0);
    expect(binomialTest(20, 20, { p: 0.3 }).confidenceInterval.upper).toBe(1);
    // scipy.stats.binomtest(1, 1, 0.5).pvalue = 1.0
    expect(binomialTest(1, 1).pValue).toBe(1);
  });

  it('fails with a clear error for k > n, non-integers and bad p', () => {
    expect(() => binomialTest(5, 3)).toThrow('binomialTest: k must be <= n (3), got 5');
    expect(() => binomialTest(1.5, 3)).toThrow('binomialTest: k must be an integer >= 0, got 1.5');
    expect(() => binomialTest(1, 0)).toThrow('binomialTest: n must be an integer >= 1, got 0');
    expect(() => binomialTest(1, 3, { p: 1.2 })).toThrow('binomialTest: p must be a finite number in [0, 1], got 1.2');
  });
});
