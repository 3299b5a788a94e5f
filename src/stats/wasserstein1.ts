import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { checkBootstrap, distanceInterval, type DistanceBootstrapOptions, type DistanceInterval } from './distanceBootstrap.js';
import { cdfDistancePower, sortedSample, weightedSorted, type WeightedSample } from './_internal/weightedSample.js';
import { ShadowOptionError } from '../_internal/options.js';

/** Options for {@link wasserstein1}. */
export interface Wasserstein1Options {
  /**
   * Add a seeded bootstrap interval, see DistanceInterval (`true` for the defaults: seed 0, α 0.05, 999 resamples).
   * @defaultValue no interval
   */
  bootstrap?: boolean | DistanceBootstrapOptions;
  /** Weights of the values of `u` (SciPy's `u_weights`); not combinable with `bootstrap`. @defaultValue equal weights */
  uWeights?: ArrayLike<number>;
  /** Weights of the values of `v` (SciPy's `v_weights`). @defaultValue equal weights */
  vWeights?: ArrayLike<number>;
}

/** Result of {@link wasserstein1}. */
export interface Wasserstein1Result {
  method: 'wasserstein-1';
  /** W1 in the units of the data. */
  statistic: number;
  n: { u: number; v: number };
  /** Present when `bootstrap` was asked for. */
  ci?: DistanceInterval;
}

/**
 * First Wasserstein (earth mover's) distance between the empirical distributions of two samples,
 * W1 = ∫ |F_u(x) − F_v(x)| dx, in the units of the data. Symmetric; equals
 * `scipy.stats.wasserstein_distance(u, v, u_weights, v_weights)` (weights optional: the ECDFs
 * are then weighted, F_u(x) = Σ_{u_i ≤ x} w_i / Σ w_i). Shifting one sample by c moves W1 by at
 * most |c| and two samples differing only by a shift c are exactly |c| apart.
 * O((n + m) log(n + m)); each bootstrap resample costs O(n + m).
 *
 * @example
 * wasserstein1([0, 1, 3], [5, 6, 8]).statistic; // => 5
 * wasserstein1([0, 1, 3], [5, 6, 8], { bootstrap: { seed: 1 } }).ci?.upper; // a (1 − α) upper bound
 */
export function wasserstein1(u: NumericSample, v: NumericSample, options: Wasserstein1Options = {}): Wasserstein1Result {
  const fn = 'wasserstein1';
  const o = checkOptions(fn, options, ['bootstrap', 'uWeights', 'vWeights']);
  const weighted = o.uWeights !== undefined || o.vWeights !== undefined;
  if (weighted && o.bootstrap !== undefined && o.bootstrap !== false) {
    throw new ShadowOptionError(`${fn}: bootstrap resamples unweighted samples; drop bootstrap or the weights`);
  }
  const a = checkSample(fn, 'u', u);
  const b = checkSample(fn, 'v', v);
  const wa = o.uWeights !== undefined ? weightedSorted(fn, 'uWeights', a, o.uWeights) : sortedSample(a).sample;
  const wb = o.vWeights !== undefined ? weightedSorted(fn, 'vWeights', b, o.vWeights) : sortedSample(b).sample;
  const statistic = cdfDistancePower(wa, wb, 1);
  const result: Wasserstein1Result = { method: 'wasserstein-1', statistic, n: { u: a.length, v: b.length } };
  if (o.bootstrap !== undefined && o.bootstrap !== false) {
    const w1 = (wa: WeightedSample, wb: WeightedSample) => cdfDistancePower(wa, wb, 1);
    result.ci = distanceInterval(a, b, statistic, { statistic: w1, deviation: w1 }, checkBootstrap(fn, o.bootstrap));
  }
  return result;
}
