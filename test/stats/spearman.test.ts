import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/correlation.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { spearman } from '../../src/stats/spearman.js';

const cases = loadCases(ref).filter((c) => c.fn === 'spearman');
const value = fc.integer({ min: -30, max: 30 });
const pairs = fc.array(fc.tuple(value, value), { minLength: 3, maxLength: 40 });

describe('spearman', () => {
  // Expected: scipy.stats.spearmanr(x, y, alternative=…), quoted in reference/correlation.json.
  it(`agrees with SciPy 1.17 on ${cases.length} cases (1e-9 relative)`, () => {
    expect(cases.length).toBe(27);
    const bad = cases.flatMap((c) => {
      const r = spearman(c.x, c.y!, c.options);
      return fieldMismatches(c, { statistic: r.statistic, pValue: r.pValue }, { statistic: 1e-9, pValue: 1e-9 });
    });
    expect(bad).toEqual([]);
  });

  it('matches the documented example', () => {
    // scipy.stats.spearmanr([1,2,3,4,5], [5,6,7,8,7]) → statistic 0.8207826816681233, pvalue 0.08858700531354384
    const r = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
    expect(r.statistic).toBeCloseTo(0.8207826816681233, 14);
    expect(r.pValue).toBeCloseTo(0.08858700531354384, 13);
    expect(r.df).toBe(3);
  });

  test.prop([pairs])('rho in [-1, 1], p in [0, 1]; symmetric; invariant to increasing transforms', (p) => {
    const x = p.map(([a]) => a);
    const y = p.map(([, b]) => b);
    fc.pre(new Set(x).size > 1 && new Set(y).size > 1);
    const r = spearman(x, y);
    expect(Math.abs(r.statistic)).toBeLessThanOrEqual(1);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expect(spearman(y, x).statistic).toBeCloseTo(r.statistic, 12);
    expect(spearman(x.map((v) => v ** 3 + 5), y).statistic).toBeCloseTo(r.statistic, 12);
  });

  it('perfect rank agreement gives rho = 1 and p = 0', () => {
    // scipy.stats.spearmanr([1,2,3], [1,4,9]) → statistic 1.0, pvalue 0.0
    expect(spearman([1, 2, 3], [1, 4, 9])).toMatchObject({ statistic: 1, pValue: 0 });
  });

  it('fails with a clear error for constant input, fewer than three pairs, unequal lengths', () => {
    expect(() => spearman([1, 2, 3], [4, 4, 4])).toThrow('spearman: y is constant, so the correlation is undefined');
    expect(() => spearman([1, 2], [1, 2])).toThrow('spearman requires at least three pairs');
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow('spearman: x and y must have the same length');
  });
});
