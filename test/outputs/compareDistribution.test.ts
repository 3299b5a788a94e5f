import { describe, expect, test } from 'vitest';
import { compareDistribution } from '../../src/outputs/compareDistribution.js';
import { renderReport } from '../../src/report/renderReport.js';
import { bootstrapCi } from '../../src/stats/bootstrapCi.js';
import { wasserstein1 } from '../../src/stats/wasserstein1.js';
import { createRng } from '../../src/stats/_internal/prng.js';
import { cases, expectRel, ref } from '../_helpers/statsModelsReference.js';

const normals = (seed: number, n: number, mu: number, sd: number) => {
  const rng = createRng(seed);
  return Array.from({ length: n }, () => mu + sd * rng.nextNormal());
};

describe('compareDistribution', () => {
  test.each(cases(ref.distances.filter((c: { u: number[]; v: number[] }) => c.u.length > 1 && c.v.length > 1)))(
    'reports the SciPy distances and the DKW bound for KS (case %i)',
    (_i, c) => {
      const r = compareDistribution(c.u, c.v, { maxKs: 1, maxWasserstein: 100, nResamples: 99 });
      const ks = r.metrics.find((m) => m.metric === 'ks')!;
      expectRel(ks.statistic, c.ks, 1e-12, 'ks_2samp(u, v).statistic');
      const eps = Math.sqrt(Math.log(4 / 0.05) / (2 * c.u.length)) + Math.sqrt(Math.log(4 / 0.05) / (2 * c.v.length));
      expect(ks.upper).toBeCloseTo(Math.min(1, c.ks + eps), 12);
      expectRel(r.metrics.find((m) => m.metric === 'wasserstein')!.statistic, c.wasserstein, 1e-9, c.call);
    },
  );

  test.each(cases(ref.psi))('reports the NumPy PSI and SciPy Jensen–Shannon on legacy deciles (case %i)', (_i, c) => {
    const r = compareDistribution(c.reference, c.actual, { maxPsi: 10, maxJensenShannon: 1, bins: c.bins, nResamples: 99 });
    expectRel(r.metrics[0].statistic, c.psi, 1e-9, c.call);
    expectRel(r.metrics[1].statistic, c.js, 1e-9, 'jensenshannon(reference shares, actual shares)');
  });

  test('the Wasserstein upper bound is the (1 − α) percentile T*_{1−α} of the resamples bootstrapCi gives for the same seed', () => {
    const legacy = normals(1, 60, 0, 1);
    const shadow = normals(2, 45, 0.2, 1.1);
    const r = compareDistribution(legacy, shadow, { maxWasserstein: 10, seed: 17, nResamples: 199 });
    const generic = bootstrapCi([legacy, shadow], (a, b) => wasserstein1(a, b).statistic, {
      method: 'percentile',
      seed: 17,
      nResamples: 199,
      confidenceLevel: 0.9,
    });
    // identical resamples: generic.ci is [T*_α, T*_{1−α}] (the quantile levels differ in the last bit).
    // W1 takes the percentile form: the half-spread T + (T*_{1−α} − T*_α)/2 passed 6.7 % ± 0.8 at the
    // boundary (α = 0.05, 1,000 replications, scripts/simulate.ts).
    expect(r.metrics[0].upper).toBeCloseTo(generic.ci[1], 12);
    expect(r.metrics[0].upper).not.toBeCloseTo(r.metrics[0].statistic + (generic.ci[1] - generic.ci[0]) / 2, 6);
    expect(r.metrics[0].method).toBe('bootstrap');
    // the lower bound is the triangle-inequality one: statistic minus bootstrapped one-sample deviations
    expect(r.metrics[0].lower).toBeGreaterThanOrEqual(0);
    expect(r.metrics[0].lower).toBeLessThan(r.metrics[0].statistic);
    expect(r.seed).toBe(17);
  });

  test('never shows two samples of one distribution apart (false-fail rate of the lower bounds ≤ α)', () => {
    // 300 pairs of independent N(0, 1) samples (n = 100) against tiny maxima: the verdict may be
    // inconclusive, but a 'fail' needs a lower bound above the maximum. The percentile lower end
    // of a distance's bootstrap law claims that almost always (resampling noise alone keeps it
    // above 0; so does the reflected 2T − upper: 57% here); the triangle-inequality bound must not.
    const rng = createRng(31);
    let fails = 0;
    const R = 300;
    for (let rep = 0; rep < R; rep++) {
      const a = Array.from({ length: 100 }, () => rng.nextNormal());
      const b = Array.from({ length: 100 }, () => rng.nextNormal());
      const r = compareDistribution(a, b, { maxWasserstein: 0.01, maxPsi: 0.01, maxJensenShannon: 0.01, seed: rep, nResamples: 99 });
      if (r.verdict === 'fail') fails++;
    }
    expect(fails / R).toBeLessThanOrEqual(0.05 + 2.58 * Math.sqrt((0.05 * 0.95) / R));
  });

  test('passes for large samples of one distribution, fails for a shift, is inconclusive when small', () => {
    const a = normals(3, 4000, 0.5, 0.1);
    const b = normals(4, 4000, 0.5, 0.1);
    expect(compareDistribution(a, b, { maxKs: 0.1, maxWasserstein: 0.02, maxPsi: 0.05, maxJensenShannon: 0.1, seed: 1 }).verdict).toBe('pass');
    expect(compareDistribution(a, b.map((v) => v + 0.05), { maxWasserstein: 0.02, seed: 1 }).verdict).toBe('fail');
    const small = compareDistribution(a.slice(0, 30), b.slice(0, 30), { maxKs: 0.1 });
    expect([small.verdict, small.reasons[0].code]).toEqual(['inconclusive', 'DISTANCE_NOT_SHOWN_WITHIN_MAX']);
  });

  test('a failure explains itself: bounds table, samples, shifted bins, replay seed, hints', () => {
    const legacy = normals(5, 500, 0.5, 0.1);
    const shadow = normals(6, 500, 0.53, 0.1);
    expect(renderReport(compareDistribution(legacy, shadow, { maxKs: 0.05, maxPsi: 0.1, seed: 3 }))).toMatchInlineSnapshot(`
      "Distribution match not shown (inconclusive): KS D 0.134, 95% upper bound 0.2664 > maximum 0.05.

      Observed vs required (legacy is the reference; bounds at 95%):
        distance  observed  bounds              required     gap  method     verdict
        KS D         0.134  [0.001606, 0.2664]    ≤ 0.05  0.2164  DKW bound  inconclusive
        PSI          0.141  [0, 0.2253]            ≤ 0.1  0.1253  bootstrap  inconclusive

      Samples:
        side      n    mean     p10  median     p90
        legacy  500  0.5008  0.3676  0.5062  0.6248
        shadow  500  0.5346  0.4114  0.5316  0.6576

      Legacy 10-quantile bins with the largest share change:
        bin               legacy  shadow  change
        (0.6248, ∞)        10.0%   17.8%  +7.8 pp
        (−∞, 0.3676]       10.0%    3.6%  -6.4 pp
        (0.3676, 0.4117]   10.0%    6.6%  -3.4 pp
        (0.4728, 0.5062]   10.0%   13.4%  +3.4 pp
        (0.4117, 0.4477]   10.0%    8.4%  -1.6 pp
      Replay: seed 3 (999 bootstrap resamples)
      Hint: more data narrows the bound; if a KS D of 0.28 is benign, raise maxKs to 0.28.
      Hint: more data narrows the bound; if a PSI of 0.24 is benign, raise maxPsi to 0.24."
    `);
  });

  test('refuses options without a bound, bad bounds and non-finite values; empty input fails', () => {
    expect(() => compareDistribution([1, 2], [1, 2], {} as never)).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareDistribution: give at least one bound: maxKs, maxWasserstein, maxPsi, maxJensenShannon or maxEnergy (e.g. { maxKs: 0.05 })]`);
    expect(() => compareDistribution([1, 2], [1, 2], { maxKs: 1.5 })).toThrow('maxKs must be a finite number in [0, 1], got 1.5');
    expect(() => compareDistribution([1, 2], [1, 2], { maxKs: 0.1, nResamples: 10 })).toThrow('nResamples must be an integer >= 99, got 10');
    expect(() => compareDistribution([1, Infinity], [1, 2], { maxKs: 0.1 })).toThrow('legacy[1] must be a finite number, got Infinity');
    expect(compareDistribution([1, 2], [], { maxKs: 0.1 }).verdict).toBe('fail');
    expect(compareDistribution([1, 2], [1], { maxKs: 0.1 }).verdict).toBe('inconclusive');
  });

  test('accepts Maps and rows with a value option', () => {
    const m = compareDistribution(new Map([['a', 1], ['b', 2]]), new Map([['x', 1], ['y', 2]]), { maxWasserstein: 1, nResamples: 99 });
    expect(m.metrics[0].statistic).toBe(0);
    const r = compareDistribution([{ s: 1 }, { s: 2 }], [{ s: 2 }, { s: 3 }], { maxWasserstein: 5, value: 's', nResamples: 99 });
    expect(r.metrics[0].statistic).toBe(1);
  });
});
