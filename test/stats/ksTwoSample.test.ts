import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/ksTwoSample.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { ksTwoSample } from '../../src/stats/ksTwoSample.js';

const cases = loadCases(ref);
const value = fc.integer({ min: -200, max: 200 }).map((v) => v / 8);
const sample = fc.array(value, { minLength: 1, maxLength: 40 });

describe('ksTwoSample', () => {
  // Expected: scipy.stats.ks_2samp(x, y, alternative=…, method=…), calls quoted in
  // reference/ksTwoSample.json: exact and asymptotic, one- and two-sided, ties, n = 1, unequal n.
  it(`agrees with SciPy 1.17 on ${cases.length} cases (D and location exact; p 1e-6)`, () => {
    expect(cases.length).toBeGreaterThan(60);
    const bad = cases.flatMap((c) => {
      const r = ksTwoSample(c.x, c.y!, c.options);
      return fieldMismatches(
        c,
        { statistic: r.statistic, pValue: r.pValue, statisticLocation: r.statisticLocation, statisticSign: r.statisticSign },
        { statistic: 1e-15, pValue: 1e-6, statisticLocation: 0, statisticSign: 0 },
      );
    });
    expect(bad).toEqual([]);
  });

  it('matches the documented example', () => {
    // scipy.stats.ks_2samp([0.1,0.4,0.7,0.9], [0.5,0.8,1.1,1.5,1.7]) →
    // statistic 0.6, pvalue 0.2857142857142857, statistic_location 0.9, statistic_sign 1
    const r = ksTwoSample([0.1, 0.4, 0.7, 0.9], [0.5, 0.8, 1.1, 1.5, 1.7]);
    expect(r).toMatchObject({ statistic: 0.6, statisticLocation: 0.9, statisticSign: 1, methodUsed: 'exact' });
    expect(r.pValue).toBeCloseTo(0.2857142857142857, 12);
  });

  test.prop([sample, sample])('p in [0, 1]; D is symmetric; less/greater swap with the samples', (x, y) => {
    const r = ksTwoSample(x, y);
    expect(r.pValue).toBeGreaterThanOrEqual(0);
    expect(r.pValue).toBeLessThanOrEqual(1);
    expect(ksTwoSample(y, x).statistic).toBe(r.statistic);
    expect(ksTwoSample(x, y, { alternative: 'less' }).statistic).toBe(ksTwoSample(y, x, { alternative: 'greater' }).statistic);
  });

  test.prop([sample, sample, fc.integer({ min: -100, max: 100 }), fc.integer({ min: 1, max: 64 })])(
    'invariant to a common increasing transform',
    (x, y, shift, scale) => {
      const r = ksTwoSample(x, y);
      const t = ksTwoSample(x.map((v) => v * scale + shift), y.map((v) => v * scale + shift));
      expect(t.statistic).toBe(r.statistic);
      expect(t.pValue).toBe(r.pValue);
    },
  );

  it('identical samples and all ties give D = 0 and p = 1; disjoint samples give D = 1', () => {
    expect(ksTwoSample([2, 2, 2], [2, 2])).toMatchObject({ statistic: 0, pValue: 1 });
    expect(ksTwoSample([1, 2, 3], [4, 5, 6, 7]).statistic).toBe(1);
  });

  it('switches to asymptotic above 10000 values in auto mode and records an exact fallback', () => {
    const x = Array.from({ length: 10001 }, (_, i) => i);
    expect(ksTwoSample(x, [0.5, 1.5]).methodUsed).toBe('asymptotic');
    const big = Array.from({ length: 50000 }, (_, i) => i / 7);
    const other = Array.from({ length: 49999 }, (_, i) => i / 7 + 0.01);
    const r = ksTwoSample(big, other, { method: 'exact' });
    expect(r.methodUsed).toBe('asymptotic');
    expect(r.fallback).toMatch(/switched to asymptotic/);
  });

  it('fails with a clear error for empty samples, NaN and bad options', () => {
    expect(() => ksTwoSample([], [1])).toThrow('ksTwoSample: x needs at least 1 value, got 0');
    expect(() => ksTwoSample([1], [Infinity])).toThrow('ksTwoSample: y[0] must be a finite number, got Infinity');
    expect(() => ksTwoSample([1], [2], { method: 'asymp' as never })).toThrow("ksTwoSample: method must be one of 'auto', 'exact', 'asymptotic', got \"asymp\"");
  });
});

describe('sortFloat64 (the radix sort under ksTwoSample)', () => {
  it('orders exactly as Float64Array.prototype.sort, signed zeros, ties, tiny and huge values included', async () => {
    const { sortFloat64 } = await import('../../src/stats/_internal/sortFloat64.js');
    const { createRng } = await import('../../src/stats/_internal/prng.js');
    const rng = createRng(99);
    for (const n of [10, 5000, 70000]) {
      const a = Float64Array.from({ length: n }, (_, i) =>
        i % 97 === 0 ? -0 : i % 89 === 0 ? 0 : rng.nextFloat() < 0.2 ? Math.round(rng.nextNormal() * 3) : rng.nextNormal() * 10 ** Math.floor(rng.nextFloat() * 40 - 20),
      );
      const want = Float64Array.from(a).sort();
      const got = sortFloat64(Float64Array.from(a));
      let firstBad = -1;
      for (let i = 0; i < n && firstBad < 0; i++) if (!Object.is(got[i], want[i])) firstBad = i;
      expect(firstBad, `n = ${n}`).toBe(-1);
    }
  });
});
