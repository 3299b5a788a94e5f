import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/tTests.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { pairedTTest } from '../../src/stats/pairedTTest.js';
import { oneSampleTTest } from '../../src/stats/oneSampleTTest.js';
import type { TTestResult } from '../../src/stats/testResult.js';

const flat = (r: TTestResult) => ({
  statistic: r.statistic,
  pValue: r.pValue,
  df: r.df,
  ciLower: r.confidenceInterval.lower,
  ciUpper: r.confidenceInterval.upper,
});
const cases = loadCases(ref).filter((c) => c.fn === 'pairedTTest');
const value = fc.integer({ min: -100000, max: 100000 }).map((v) => v / 100);
const pairs = fc.array(fc.tuple(value, value), { minLength: 2, maxLength: 40 });

describe('pairedTTest', () => {
  // Expected: scipy.stats.ttest_rel(x, y, ...), calls quoted in reference/tTests.json (n = 2, 8, 33).
  it(`agrees with SciPy 1.17 on ${cases.length} cases (1e-9 relative)`, () => {
    expect(cases.length).toBe(9);
    const bad = cases.flatMap((c) =>
      fieldMismatches(c, flat(pairedTTest(c.x, c.y!, c.options)), { statistic: 1e-9, pValue: 1e-9, df: 0, ciLower: 1e-9, ciUpper: 1e-9 }),
    );
    expect(bad).toEqual([]);
  });

  it('matches the documented example', () => {
    // scipy.stats.ttest_rel([1.1,2.3,2.9,4.2], [1,2,3,4]) → statistic 1.4638501094227998, pvalue 0.23944259863600298
    const r = pairedTTest([1.1, 2.3, 2.9, 4.2], [1, 2, 3, 4]);
    expect(r.statistic).toBeCloseTo(1.4638501094227998, 12);
    expect(r.pValue).toBeCloseTo(0.23944259863600298, 12);
  });

  test.prop([pairs])('equals the one-sample test on the differences; swapping negates t', (p) => {
    const x = p.map(([a]) => a);
    const y = p.map(([, b]) => b);
    const d = p.map(([a, b]) => a - b);
    fc.pre(new Set(d).size > 1);
    const r = pairedTTest(x, y);
    expect(r.statistic).toBe(oneSampleTTest(d).statistic);
    expect(pairedTTest(y, x).statistic).toBeCloseTo(-r.statistic, 9);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
  });

  it('fails with a clear error for unequal lengths, one pair and constant differences', () => {
    expect(() => pairedTTest([1, 2, 3], [1, 2])).toThrow('pairedTTest: x and y must have the same length (one value per pair), got 3 and 2');
    expect(() => pairedTTest([1], [2])).toThrow('pairedTTest requires at least two data points');
    expect(() => pairedTTest([1, 2, 3], [0, 1, 2])).toThrow('pairedTTest: the differences are constant (zero variance)');
  });
});
