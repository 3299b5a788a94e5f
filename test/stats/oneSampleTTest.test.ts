import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/tTests.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { oneSampleTTest } from '../../src/stats/oneSampleTTest.js';
import type { TTestResult } from '../../src/stats/testResult.js';

const flat = (r: TTestResult) => ({
  statistic: r.statistic,
  pValue: r.pValue,
  df: r.df,
  ciLower: r.confidenceInterval.lower,
  ciUpper: r.confidenceInterval.upper,
});
const cases = loadCases(ref).filter((c) => c.fn === 'oneSampleTTest');
const value = fc.integer({ min: -100000, max: 100000 }).map((v) => v / 100);

describe('oneSampleTTest', () => {
  // Expected: scipy.stats.ttest_1samp(x, popmean=0.75, ...).confidence_interval(0.99), quoted in tTests.json.
  it(`agrees with SciPy 1.17 on ${cases.length} cases, CI of the mean as SciPy (1e-9 relative)`, () => {
    expect(cases.length).toBe(9);
    const bad = cases.flatMap((c) =>
      fieldMismatches(c, flat(oneSampleTTest(c.x, c.options)), { statistic: 1e-9, pValue: 1e-9, df: 0, ciLower: 1e-9, ciUpper: 1e-9 }),
    );
    expect(bad).toEqual([]);
  });

  it('matches the documented example', () => {
    // scipy.stats.ttest_1samp([1,2,3,4], 1) → statistic 2.32379000772445, pvalue 0.10272807885839899
    const r = oneSampleTTest([1, 2, 3, 4], { mu: 1 });
    expect(r.statistic).toBeCloseTo(2.32379000772445, 12);
    expect(r.pValue).toBeCloseTo(0.10272807885839899, 12);
    expect(r.estimate).toBe(2.5);
  });

  test.prop([fc.array(value, { minLength: 2, maxLength: 40 }), fc.double({ min: -100, max: 100, noNaN: true })])(
    'p in [0, 1]; shifting data and mu together leaves t unchanged; one-sided CI bounds the two-sided one',
    (x, shift) => {
      fc.pre(new Set(x).size > 1);
      const r = oneSampleTTest(x, { mu: 1 });
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
      const s = oneSampleTTest(x.map((v) => v + shift), { mu: 1 + shift });
      expect(Math.abs(s.statistic - r.statistic)).toBeLessThanOrEqual(1e-6 * (1 + Math.abs(r.statistic)));
      const less = oneSampleTTest(x, { alternative: 'less' }).confidenceInterval;
      expect(less.lower).toBe(-Infinity);
      expect(less.upper).toBeLessThan(oneSampleTTest(x).confidenceInterval.upper);
    },
  );

  it('fails with a clear error for n = 1, a constant sample and a bad mu', () => {
    expect(() => oneSampleTTest([1])).toThrow('oneSampleTTest requires at least two data points');
    expect(() => oneSampleTTest([2, 2, 2])).toThrow('oneSampleTTest: the sample is constant (zero variance)');
    expect(() => oneSampleTTest([1, 2], { mu: Number.NaN })).toThrow('oneSampleTTest: mu must be a finite number, got NaN');
  });
});
