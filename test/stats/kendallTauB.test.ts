import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/correlation.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { kendallTauB } from '../../src/stats/kendallTauB.js';

const cases = loadCases(ref).filter((c) => c.fn === 'kendallTauB');
const value = fc.integer({ min: -30, max: 30 });
const pairs = fc.array(fc.tuple(value, value), { minLength: 3, maxLength: 40 });

describe('kendallTauB', () => {
  // Expected: scipy.stats.kendalltau(x, y, variant='b', method=…, alternative=…), quoted in
  // reference/correlation.json: exact (n <= 33, and the min(dis, con) <= 1 branch), asymptotic, ties.
  it(`agrees with SciPy 1.17 on ${cases.length} cases (tau 1e-12; p 1e-9 asymptotic, 1e-6 exact)`, () => {
    expect(cases.length).toBeGreaterThan(50);
    const bad = cases.flatMap((c) => {
      const r = kendallTauB(c.x, c.y!, c.options);
      return fieldMismatches(c, { statistic: r.statistic, pValue: r.pValue }, { statistic: 1e-12, pValue: r.methodUsed === 'exact' ? 1e-6 : 1e-9 });
    });
    expect(bad).toEqual([]);
  });

  it('matches the documented example', () => {
    // scipy.stats.kendalltau([12,2,1,12,2], [1,4,7,1,0]) → statistic -0.4714045207910316, pvalue 0.28274545993277467
    const r = kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]);
    expect(r.statistic).toBeCloseTo(-0.4714045207910316, 14);
    expect(r.pValue).toBeCloseTo(0.28274545993277467, 13);
  });

  test.prop([pairs])('tau in [-1, 1], p in [0, 1]; symmetric in x and y; negating y negates tau', (p) => {
    const x = p.map(([a]) => a);
    const y = p.map(([, b]) => b);
    fc.pre(new Set(x).size > 1 && new Set(y).size > 1);
    const r = kendallTauB(x, y);
    expect(Math.abs(r.statistic)).toBeLessThanOrEqual(1);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expect(kendallTauB(y, x).statistic).toBeCloseTo(r.statistic, 12);
    const neg = kendallTauB(x, y.map((v) => -v));
    expect(neg.statistic).toBeCloseTo(-r.statistic, 12);
    expect(neg.pValue).toBeCloseTo(r.pValue, 12);
  });

  test.prop([fc.integer({ min: 2, max: 300 })])('a brute-force pair count agrees with the O(n log n) count', (n) => {
    const x = Array.from({ length: n }, (_, i) => (i * 7919) % 101);
    const y = Array.from({ length: n }, (_, i) => (i * 104729) % 53);
    let s = 0;
    let tx = 0;
    let ty = 0;
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        const dx = Math.sign(x[i] - x[j]);
        const dy = Math.sign(y[i] - y[j]);
        s += dx * dy;
        if (dx === 0) tx++;
        if (dy === 0) ty++;
      }
    }
    fc.pre(tx < (n * (n - 1)) / 2 && ty < (n * (n - 1)) / 2);
    const tot = (n * (n - 1)) / 2;
    expect(kendallTauB(x, y).statistic).toBeCloseTo(s / Math.sqrt((tot - tx) * (tot - ty)), 12);
  });

  it('perfect agreement gives tau = 1; n = 2 works', () => {
    expect(kendallTauB([1, 2, 3, 4], [10, 20, 30, 40]).statistic).toBe(1);
    expect(kendallTauB([1, 2], [2, 1]).statistic).toBe(-1);
  });

  it('fails with a clear error for constant input, n < 2, ties with exact, unequal lengths', () => {
    expect(() => kendallTauB([1, 1, 1], [1, 2, 3])).toThrow('kendallTauB: x is constant, so tau is undefined');
    expect(() => kendallTauB([1], [1])).toThrow('kendallTauB requires at least two pairs');
    expect(() => kendallTauB([1, 2, 2], [1, 2, 3], { method: 'exact' })).toThrow("kendallTauB: ties found, so method 'exact' cannot be used");
    expect(() => kendallTauB([1, 2], [1, 2, 3])).toThrow('kendallTauB: x and y must have the same length');
  });
});
