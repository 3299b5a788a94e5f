import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/cramerVonMisesTwoSample.json' with { type: 'json' };
import { loadCases, relativeError } from './_reference.js';
import { cramerVonMisesTwoSample } from '../../src/stats/cramerVonMisesTwoSample.js';

const cases = loadCases(ref);
const value = fc.integer({ min: -100, max: 100 }).map((v) => v / 10);
const sample = fc.array(value, { minLength: 2, maxLength: 12 });

describe('cramerVonMisesTwoSample', () => {
  // Expected: scipy.stats.cramervonmises_2samp(x, y, method=…), quoted in reference/
  // cramerVonMisesTwoSample.json. The asymptotic p is 1 − cdf in SciPy and here, so far-tail values
  // (p ~ 1e-8) carry ~1e-15 absolute rounding from the cdf: p is compared to 1e-9 relative or
  // 1e-14 absolute, whichever is looser.
  it(`agrees with SciPy 1.17 on ${cases.length} cases`, () => {
    const bad: string[] = [];
    for (const c of cases) {
      const r = cramerVonMisesTwoSample(c.x, c.y!, c.options as never);
      if (!(relativeError(r.statistic, c.expected.statistic) <= 1e-9)) bad.push(`${c.call}: statistic ${r.statistic} vs ${c.expected.statistic}`);
      const tol = r.methodUsed === 'exact' ? 1e-6 : 1e-9;
      const okP = relativeError(r.pValue, c.expected.pValue) <= tol || Math.abs(r.pValue - c.expected.pValue) <= 1e-14;
      if (!okP) bad.push(`${c.call} ${JSON.stringify(c.options)}: pValue ${r.pValue} vs ${c.expected.pValue}`);
    }
    expect(bad).toEqual([]);
    expect(cases.length).toBeGreaterThan(15);
  });

  it('matches the documented example', () => {
    // scipy.stats.cramervonmises_2samp([1.2,3.4,0.5,2.2], [4.1,5.0,3.9,6.3,2.8])
    // → statistic 0.5870370370370368, pvalue 0.031746031746031744
    const r = cramerVonMisesTwoSample([1.2, 3.4, 0.5, 2.2], [4.1, 5.0, 3.9, 6.3, 2.8]);
    expect(r.statistic).toBeCloseTo(0.5870370370370368, 12);
    expect(r.pValue).toBeCloseTo(0.031746031746031744, 12);
    expect(r.methodUsed).toBe('exact');
  });

  test.prop([sample, sample])('p in [0, 1]; symmetric in x and y', (x, y) => {
    const r = cramerVonMisesTwoSample(x, y);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    const s = cramerVonMisesTwoSample(y, x);
    expect(s.statistic).toBeCloseTo(r.statistic, 12);
    expect(s.pValue).toBeCloseTo(r.pValue, 12);
  });

  test.prop([sample, sample, fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 20 })])(
    'invariant to a common increasing transform',
    (x, y, shift, scale) => {
      const r = cramerVonMisesTwoSample(x, y);
      const t = cramerVonMisesTwoSample(x.map((v) => v * scale + shift), y.map((v) => v * scale + shift));
      expect(t.statistic).toBe(r.statistic);
      expect(t.pValue).toBe(r.pValue);
    },
  );

  it('all ties give p = 1; identical samples give the smallest statistic', () => {
    expect(cramerVonMisesTwoSample([2, 2, 2], [2, 2]).pValue).toBe(1);
    expect(cramerVonMisesTwoSample([1, 2, 3, 4], [1, 2, 3, 4]).pValue).toBe(1);
  });

  it('fails with a clear error for n < 2, NaN and an over-large exact request', () => {
    expect(() => cramerVonMisesTwoSample([1], [1, 2])).toThrow('cramerVonMisesTwoSample requires at least two data points in each sample');
    expect(() => cramerVonMisesTwoSample([1, Number.NaN], [1, 2])).toThrow('cramerVonMisesTwoSample: x[1] must be a finite number, got NaN');
    const big = Array.from({ length: 100 }, (_, i) => i);
    expect(() => cramerVonMisesTwoSample(big, big, { method: 'exact' })).toThrow("use 'asymptotic'");
  });
});
