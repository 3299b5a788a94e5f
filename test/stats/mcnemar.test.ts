import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/contingency.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { mcnemar } from '../../src/stats/mcnemar.js';

const cases = loadCases(ref).filter((c) => c.fn === 'mcnemar');
const cell = fc.integer({ min: 0, max: 200 });

describe('mcnemar', () => {
  // statsmodels is not installed here; reference values reproduce its conventions
  // (statsmodels.stats.contingency_tables.mcnemar) from SciPy, each formula quoted in contingency.json:
  // exact: min(1, 2 * stats.binom.cdf(min(b, c), b + c, 0.5)); chi-square: stats.chi2.sf((|b − c| − corr)² / (b + c), 1).
  it(`agrees with the SciPy-derived values on ${cases.length} cases (1e-9)`, () => {
    expect(cases.length).toBe(16);
    const bad = cases.flatMap((c) => {
      const r = mcnemar(c.table as unknown as number[][], c.options);
      return fieldMismatches(c, { statistic: r.statistic, pValue: r.pValue }, { statistic: 1e-12, pValue: 1e-9 });
    });
    expect(bad).toEqual([]);
  });

  it('matches the documented example', () => {
    // min(1, 2 * scipy.stats.binom.cdf(59, 180, 0.5)) = 4.4344492637551645e-06
    const r = mcnemar([[101, 121], [59, 33]]);
    expect(r).toMatchObject({ statistic: 59, b: 121, c: 59, n: 314 });
    expect(r.pValue / 4.4344492637551645e-6).toBeCloseTo(1, 10);
  });

  test.prop([cell, cell, cell, cell])('p in [0, 1]; swapping b and c changes nothing; concordant cells are ignored', (a, b, c, d) => {
    fc.pre(a + b + c + d > 0);
    for (const exact of [true, false]) {
      const r = mcnemar([[a, b], [c, d]], { exact });
      expect(r.pValue).toBeGreaterThanOrEqual(0);
      expect(r.pValue).toBeLessThanOrEqual(1);
      expect(mcnemar([[a, c], [b, d]], { exact }).pValue).toBe(r.pValue);
      expect(mcnemar([[a + 7, b], [c, d + 3]], { exact }).pValue).toBe(r.pValue);
    }
  });

  it('no discordant pairs: p = 1 (no information)', () => {
    expect(mcnemar([[5, 0], [0, 5]])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(mcnemar([[5, 0], [0, 5]], { exact: false })).toMatchObject({ statistic: 0, pValue: 1 });
  });

  it('fails with a clear error for an empty table and bad options', () => {
    expect(() => mcnemar([[0, 0], [0, 0]])).toThrow('mcnemar: the table is empty (no pairs)');
    expect(() => mcnemar([[1, 2], [3, 4]], { exact: 'yes' as never })).toThrow('mcnemar: exact must be true or false, got yes');
    expect(() => mcnemar([[1, 2], [3, 4]], { corection: true } as never)).toThrow("did you mean 'correction'?");
  });
});
