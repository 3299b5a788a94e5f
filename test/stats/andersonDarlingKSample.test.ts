import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import ref from './reference/andersonDarlingKSample.json' with { type: 'json' };
import { fieldMismatches, loadCases } from './_reference.js';
import { andersonDarlingKSample } from '../../src/stats/andersonDarlingKSample.js';

const cases = loadCases(ref);
const value = fc.integer({ min: -100, max: 100 }).map((v) => v / 10);
const sample = fc.array(value, { minLength: 2, maxLength: 25 });

describe('andersonDarlingKSample', () => {
  // Expected: scipy.stats.anderson_ksamp(samples, variant='midrank') (SciPy 1.17, method=None),
  // quoted in reference/andersonDarlingKSample.json: k = 2, 3, 4, ties, capped and interpolated p.
  it(`agrees with SciPy 1.17 on ${cases.length} cases (statistic and interpolated p, 1e-9)`, () => {
    const bad = cases.flatMap((c) => {
      const r = andersonDarlingKSample(c.samples!);
      return fieldMismatches(c, { statistic: r.statistic, pValue: r.pValue }, { statistic: 1e-9, pValue: 1e-9 });
    });
    expect(bad).toEqual([]);
    const ps = cases.map((c) => c.expected.pValue);
    expect(ps.some((p) => p > 0.001 && p < 0.25)).toBe(true); // some interpolated
    expect(ps.some((p) => p === 0.25 || p === 0.001)).toBe(true); // some capped
  });

  it('matches the documented example and records the cap', () => {
    // scipy.stats.anderson_ksamp([[1,3,5,7,9],[2,4,6,8,10,12,14]], variant='midrank')
    // → statistic 0.01727594473397435, pvalue 0.25 (UserWarning: p-value capped)
    const r = andersonDarlingKSample([[1, 3, 5, 7, 9], [2, 4, 6, 8, 10, 12, 14]]);
    expect(r.statistic).toBeCloseTo(0.01727594473397435, 12);
    expect(r).toMatchObject({ pValue: 0.25, pValueCapped: 'ceiling', sizes: [5, 7] });
    const far = andersonDarlingKSample([[1, 2, 3, 4, 5, 6, 7, 8], [20, 21, 22, 23, 24, 25, 26, 27]]);
    expect(far).toMatchObject({ pValue: 0.001, pValueCapped: 'floor' });
  });

  test.prop([sample, sample])('p in [0.001, 0.25]; the statistic ignores sample order', (x, y) => {
    fc.pre(new Set([...x, ...y]).size > 1);
    const r = andersonDarlingKSample([x, y]);
    expect(r.pValue).toBeGreaterThanOrEqual(0.001);
    expect(r.pValue).toBeLessThanOrEqual(0.25);
    expect(andersonDarlingKSample([y, x]).statistic).toBeCloseTo(r.statistic, 9);
  });

  test.prop([sample, sample, fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 20 })])(
    'invariant to a common increasing transform',
    (x, y, shift, scale) => {
      fc.pre(new Set([...x, ...y]).size > 1);
      const r = andersonDarlingKSample([x, y]);
      const t = andersonDarlingKSample([x.map((v) => v * scale + shift), y.map((v) => v * scale + shift)]);
      expect(t.statistic).toBeCloseTo(r.statistic, 9);
    },
  );

  it('fails with a clear error for one sample, a single distinct value, too few values and NaN', () => {
    expect(() => andersonDarlingKSample([[1, 2, 3]])).toThrow('andersonDarlingKSample: samples must be an array of at least two samples');
    expect(() => andersonDarlingKSample([[1, 1], [1, 1, 1]])).toThrow('andersonDarlingKSample needs more than one distinct observation across the samples');
    expect(() => andersonDarlingKSample([[1], [2, 3]])).toThrow('andersonDarlingKSample requires at least four observations in total');
    expect(() => andersonDarlingKSample([[1, 2], []])).toThrow('andersonDarlingKSample: samples[1] needs at least 1 value, got 0');
    expect(() => andersonDarlingKSample([[1, 2], [3, Number.NaN]])).toThrow('andersonDarlingKSample: samples[1][1] must be a finite number, got NaN');
  });
});
