import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/tTests.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { studentTTest } from '../../src/stats/studentTTest.js';
import type { TTestResult } from '../../src/stats/testResult.js';

const flat = (r: TTestResult) => ({
  statistic: r.statistic,
  pValue: r.pValue,
  df: r.df,
  ciLower: r.confidenceInterval.lower,
  ciUpper: r.confidenceInterval.upper,
});
const cases = loadCases(ref).filter((c) => c.fn === 'studentTTest');
const value = fc.integer({ min: -100000, max: 100000 }).map((v) => v / 100);
const sample = fc.array(value, { minLength: 2, maxLength: 40 });

describe('studentTTest', () => {
  // Expected: scipy.stats.ttest_ind(x, y, equal_var=True, ...), calls quoted in reference/tTests.json.
  it(`agrees with SciPy 1.17 on ${cases.length} cases, including n = 1 (1e-9 relative)`, () => {
    expect(cases.length).toBeGreaterThanOrEqual(15);
    expect(cases.some((c) => c.x.length === 1)).toBe(true);
    const bad = cases.flatMap((c) =>
      fieldMismatches(c, flat(studentTTest(c.x, c.y!, c.options)), { statistic: 1e-9, pValue: 1e-9, df: 0, ciLower: 1e-9, ciUpper: 1e-9 }),
    );
    expect(bad).toEqual([]);
  });

  it('matches the documented example', () => {
    // scipy.stats.ttest_ind([1,2,3,4], [2,5,6]) → statistic -1.45190011270825, pvalue 0.20624551505128866, df 5.0
    const r = studentTTest([1, 2, 3, 4], [2, 5, 6]);
    expect(r.statistic).toBeCloseTo(-1.45190011270825, 12);
    expect(r.pValue).toBeCloseTo(0.20624551505128866, 12);
    expect(r.df).toBe(5);
  });

  test.prop([sample, sample])('p in [0, 1] and swapping the samples negates t', (x, y) => {
    fc.pre(new Set(x).size > 1 || new Set(y).size > 1);
    const r = studentTTest(x, y);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expect(studentTTest(y, x).statistic).toBeCloseTo(-r.statistic, 9);
  });

  test.prop([sample, sample, fc.double({ min: -100, max: 100, noNaN: true }), fc.double({ min: 0.01, max: 100, noNaN: true })])(
    't is invariant to a common shift and positive scale',
    (x, y, shift, scale) => {
      fc.pre(new Set(x).size > 1 && new Set(y).size > 1);
      const r = studentTTest(x, y);
      const t = studentTTest(x.map((v) => v * scale + shift), y.map((v) => v * scale + shift));
      expect(Math.abs(t.statistic - r.statistic)).toBeLessThanOrEqual(1e-7 * (1 + Math.abs(r.statistic)));
    },
  );

  it('fails with a clear error for too few values, constant samples and NaN', () => {
    expect(() => studentTTest([1], [2])).toThrow('studentTTest requires at least one data point in each sample and three in total');
    expect(() => studentTTest([], [2, 3])).toThrow('studentTTest: x needs at least 1 value, got 0');
    expect(() => studentTTest([3, 3], [3, 3, 3])).toThrow('studentTTest: x and y are both constant (zero variance)');
    expect(() => studentTTest([1, 2], [Number.NaN, 3])).toThrow('studentTTest: y[0] must be a finite number, got NaN');
  });
});
