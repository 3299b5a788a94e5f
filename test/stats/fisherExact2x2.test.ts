import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/contingency.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { fisherExact2x2 } from '../../src/stats/fisherExact2x2.js';

const cases = loadCases(ref).filter((c) => c.fn === 'fisherExact2x2');
const cell = fc.integer({ min: 0, max: 60 });
const table = fc.tuple(cell, cell, cell, cell).map(([a, b, c, d]) => [[a, b], [c, d]]);

describe('fisherExact2x2', () => {
  // Expected: scipy.stats.fisher_exact(table, alternative=…), quoted in reference/contingency.json.
  it(`agrees with SciPy 1.17 on ${cases.length} cases (odds ratio 1e-12, p 1e-9)`, () => {
    expect(cases.length).toBe(33);
    const bad = cases.flatMap((c) => {
      const r = fisherExact2x2(c.table as unknown as number[][], c.options);
      return fieldMismatches(c, { statistic: r.statistic, pValue: r.pValue }, { statistic: 1e-12, pValue: 1e-9 });
    });
    expect(bad).toEqual([]);
  });

  it('matches the documented example', () => {
    // scipy.stats.fisher_exact([[6,2],[1,4]]) → statistic 12.0, pvalue 0.10256410256410256
    const r = fisherExact2x2([[6, 2], [1, 4]]);
    expect(r.oddsRatio).toBe(12);
    expect(r.pValue).toBeCloseTo(0.10256410256410256, 14);
  });

  test.prop([table])('p in [0, 1]; swapping rows flips less/greater and keeps the two-sided p', (t) => {
    const r = fisherExact2x2(t);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    const swapped = [t[1], t[0]];
    expect(fisherExact2x2(swapped).pValue).toBeCloseTo(r.pValue, 12);
    expect(fisherExact2x2(swapped, { alternative: 'less' }).pValue).toBeCloseTo(fisherExact2x2(t, { alternative: 'greater' }).pValue, 12);
  });

  test.prop([table])('one-sided p-values sum to 1 + P(observed table)', (t) => {
    const less = fisherExact2x2(t, { alternative: 'less' }).pValue;
    const greater = fisherExact2x2(t, { alternative: 'greater' }).pValue;
    expect(less + greater).toBeGreaterThanOrEqual(1 - 1e-12);
    expect(Math.min(less, greater)).toBeLessThanOrEqual(1);
  });

  it('an empty row or column gives p = 1 and odds ratio NaN, as SciPy', () => {
    // scipy.stats.fisher_exact([[0,0],[4,5]]) → statistic nan, pvalue 1.0
    const r = fisherExact2x2([[0, 0], [4, 5]]);
    expect(r.pValue).toBe(1);
    expect(r.oddsRatio).toBeNaN();
    expect(fisherExact2x2([[3, 0], [0, 3]]).oddsRatio).toBe(Infinity);
  });

  it('fails with a clear error for a non-2x2 table or non-integer counts', () => {
    expect(() => fisherExact2x2([[1, 2, 3], [4, 5, 6]])).toThrow('fisherExact2x2: table must be a 2x2 array of non-negative integer counts');
    expect(() => fisherExact2x2([[1, 2.5], [4, 5]])).toThrow('fisherExact2x2: table[0][1] must be a non-negative integer count, got 2.5');
    expect(() => fisherExact2x2([[1, 2], [4, -5]])).toThrow('fisherExact2x2: table[1][1] must be a non-negative integer count, got -5');
  });
});
