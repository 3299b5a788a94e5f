import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/chiSquareTest.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { chiSquareTest } from '../../src/stats/chiSquareTest.js';

const cases = loadCases(ref);
const count = fc.integer({ min: 1, max: 500 });

describe('chiSquareTest', () => {
  // Expected: scipy.stats.chi2_contingency(table, correction=…) for tables and
  // scipy.stats.chisquare(observed, f_exp=expected, ddof=…) for vectors; quoted in reference/chiSquareTest.json.
  it(`agrees with SciPy 1.17 on ${cases.length} cases (1e-9 relative; df exact)`, () => {
    expect(cases.length).toBeGreaterThan(20);
    const bad = cases.flatMap((c) => {
      const r = chiSquareTest(c.table!, c.options);
      return fieldMismatches(c, { statistic: r.statistic, pValue: r.pValue, df: r.df }, { statistic: 1e-9, pValue: 1e-9, df: 0 });
    });
    expect(bad).toEqual([]);
  });

  it('matches the documented examples: Yates on 2x2, uniform goodness of fit', () => {
    // scipy.stats.chi2_contingency([[12,5],[7,9]]).pvalue = 0.22756821457580642
    const t = chiSquareTest([[12, 5], [7, 9]]);
    expect(t).toMatchObject({ kind: 'homogeneity', df: 1, yates: true });
    expect(t.pValue).toBeCloseTo(0.22756821457580642, 12);
    // scipy.stats.chisquare([16,18,16,14,12,12]).pvalue = 0.8491450360846096
    const g = chiSquareTest([16, 18, 16, 14, 12, 12]);
    expect(g).toMatchObject({ kind: 'goodness-of-fit', df: 5, expected: [14.666666666666666, 14.666666666666666, 14.666666666666666, 14.666666666666666, 14.666666666666666, 14.666666666666666] });
    expect(g.pValue).toBeCloseTo(0.8491450360846096, 12);
  });

  test.prop([fc.array(fc.array(count, { minLength: 3, maxLength: 3 }), { minLength: 2, maxLength: 4 })])(
    'p in [0, 1]; transposing the table and permuting rows leave the result unchanged',
    (rows) => {
      const r = chiSquareTest(rows);
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
      const transposed = rows[0].map((_, j) => rows.map((row) => row[j]));
      expect(chiSquareTest(transposed).statistic).toBeCloseTo(r.statistic, 9);
      expect(chiSquareTest([...rows].reverse()).statistic).toBeCloseTo(r.statistic, 9);
    },
  );

  test.prop([fc.array(count, { minLength: 2, maxLength: 8 }), fc.integer({ min: 2, max: 10 })])(
    'goodness of fit: scaling all counts by c scales the statistic by c',
    (obs, c) => {
      const r = chiSquareTest(obs);
      expect(chiSquareTest(obs.map((v) => v * c)).statistic).toBeCloseTo(r.statistic * c, 6);
    },
  );

  it('a table with one row has df = 0, statistic 0 and p = 1, as SciPy', () => {
    expect(chiSquareTest([[20, 30]])).toMatchObject({ statistic: 0, pValue: 1, df: 0 });
  });

  it('fails with a clear error for empty rows/columns, mismatched totals, ragged tables and misplaced options', () => {
    expect(() => chiSquareTest([[0, 0], [3, 4]])).toThrow('chiSquareTest: the expected frequency at [0][0] is zero (row 0 or column 0 is empty)');
    expect(() => chiSquareTest([10, 20], { expected: [10, 10] })).toThrow('chiSquareTest: the sums of observed (30) and expected (20) frequencies must agree');
    expect(() => chiSquareTest([[1, 2], [3]])).toThrow('chiSquareTest: observed must be a rectangular table');
    expect(() => chiSquareTest([[1, 2], [3, 4]], { ddof: 1 })).toThrow('chiSquareTest: expected and ddof apply to goodness of fit');
    expect(() => chiSquareTest([1, 2], { correction: false })).toThrow('chiSquareTest: correction applies to contingency tables');
    expect(() => chiSquareTest([5])).toThrow('chiSquareTest: degrees of freedom k - 1 - ddof must be >= 1, got 0');
    expect(() => chiSquareTest([1, -2])).toThrow('chiSquareTest: observed[1] must be a finite number >= 0, got -2');
    expect(() => chiSquareTest([])).toThrow('chiSquareTest: observed must be a non-empty array');
  });
});
