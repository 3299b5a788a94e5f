import { describe, expect, test } from 'vitest';
import { fc } from '@fast-check/vitest';
import { bootstrapCi } from '../../src/stats/bootstrapCi.js';
import { labelled, expectRel, ref } from '../_helpers/statsModelsReference.js';

const mean = (x: Float64Array) => {
  let s = 0;
  for (const v of x) s += v;
  return s / x.length;
};
const sd = (x: Float64Array) => {
  const m = mean(x);
  let s = 0;
  for (const v of x) s += (v - m) ** 2;
  return Math.sqrt(s / (x.length - 1));
};
const statistics: Record<string, (...s: Float64Array[]) => number> = {
  mean: (x) => mean(x),
  diffmean: (x, y) => mean(x) - mean(y),
  std: (x) => sd(x),
};

/**
 * Our resamples come from xoshiro128**, SciPy's from PCG64, so the ends agree only to Monte-Carlo
 * error. With B = 20,000 here and 200,000 in SciPy, the MC standard deviation of a 2.5% bootstrap
 * quantile is about 2.67·SE·√(1/20,000 + 1/200,000) ≈ 0.02·SE (SE = bootstrap standard error;
 * quantile sd = √(q(1−q)/B)/f with f = φ(1.96)/SE for a near-normal bootstrap law), and BCa adds
 * the MC error of z0 (sd ≈ 1.25/√B), about 0.02·SE more. The tolerance, 0.15·SE, is > 5 MC sd.
 */
const B = 20_000;
const TOL = 0.15;

describe('bootstrapCi', () => {
  test.each(labelled(ref.bootstrap))('agrees with scipy.stats.bootstrap to Monte-Carlo error: %s', (_l, c) => {
    for (const [ours, theirs] of [['percentile', 'percentile'], ['bca', 'BCa']] as const) {
      const r = bootstrapCi(c.data, statistics[c.statistic], { method: ours, nResamples: B, seed: 11, paired: c.paired });
      const se = c[theirs].standardError;
      expect(Math.abs(r.ci[0] - c[theirs].ci[0]), `${c[theirs].call} lower`).toBeLessThan(TOL * se);
      expect(Math.abs(r.ci[1] - c[theirs].ci[1]), `${c[theirs].call} upper`).toBeLessThan(TOL * se);
      expect(Math.abs(r.standardError / se - 1)).toBeLessThan(0.03);
    }
  });

  test.each(labelled(ref.bootstrap))('computes the BCa acceleration exactly as SciPy: %s', (_l, c) => {
    const r = bootstrapCi(c.data, statistics[c.statistic], { method: 'bca', nResamples: 200, seed: 1, paired: c.paired });
    expectRel(r.acceleration!, c.acceleration.value, 1e-9, c.acceleration.call);
  });

  test('records the seed and replays exactly; one-sided alternatives leave one end infinite', () => {
    const data = [ref.bootstrap[0].data[0]];
    const a = bootstrapCi(data, mean, { seed: 99, nResamples: 500 });
    expect(a.seed).toBe(99);
    expect(bootstrapCi(data, mean, { seed: 99, nResamples: 500 })).toEqual(a);
    expect(bootstrapCi(data, mean, { seed: 100, nResamples: 500 }).ci).not.toEqual(a.ci);
    const less = bootstrapCi(data, mean, { seed: 99, nResamples: 500, alternative: 'less', method: 'percentile' });
    expect(less.ci[0]).toBe(-Infinity);
    const two = bootstrapCi(data, mean, { seed: 99, nResamples: 500, confidenceLevel: 0.9, method: 'percentile' });
    expect(less.ci[1]).toBe(two.ci[1]); // the one-sided 95% bound is the upper end of the two-sided 90% interval
  });

  test('the percentile interval of the mean lies inside the data range and is ordered', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: -100, max: 100 }), { minLength: 2, maxLength: 30 }), fc.nat({ max: 1000 }), (x, seed) => {
        const r = bootstrapCi([x], mean, { method: 'percentile', nResamples: 200, seed });
        expect(r.ci[0]).toBeGreaterThanOrEqual(Math.min(...x));
        expect(r.ci[1]).toBeLessThanOrEqual(Math.max(...x));
        expect(r.ci[0]).toBeLessThanOrEqual(r.ci[1]);
      }),
    );
  });

  test('BCa on constant data is refused with a pointer to the percentile method', () => {
    expect(() => bootstrapCi([[2, 2, 2, 2]], mean, { nResamples: 50 })).toThrowErrorMatchingInlineSnapshot(
      `[ShadowOptionError: bootstrapCi: the BCa interval is undefined for these data (degenerate bootstrap or jackknife distribution, e.g. constant data); use method 'percentile']`,
    );
    expect(bootstrapCi([[2, 2, 2, 2]], mean, { nResamples: 50, method: 'percentile' }).ci).toEqual([2, 2]);
  });

  test('bad options name the option', () => {
    expect(() => bootstrapCi([[1, 2]], mean, { seed: 1.5 })).toThrow('bootstrapCi: seed must be an integer in [0, 4294967295], got 1.5');
    expect(() => bootstrapCi([1, 2] as never, mean)).toThrow('bootstrapCi: data[0] must be an array of numbers, got 1');
    expect(() => bootstrapCi([[1, 2], [1]], mean, { paired: true, method: 'percentile' })).toThrow('paired samples must have equal lengths, got 2, 1');
    expect(() => bootstrapCi([[1, 2]], mean, { nResample: 10 } as never)).toThrow("did you mean 'nResamples'?");
  });
});
