import { ShadowOptionError, assertNumber } from '../_internal/options.js';
import { checkOptions } from './checkSample.js';
import { checkDistributions, jsDistanceNormalised } from './_internal/checkDistribution.js';

/** Options for {@link jensenShannon}. */
export interface JensenShannonOptions {
  /**
   * Base of the logarithm. With base 2 the distance lies in [0, 1]; with the natural log in
   * [0, √ln 2 ≈ 0.8326].
   * @defaultValue Math.E (natural log, SciPy's default)
   */
  base?: number;
}

/**
 * Jensen–Shannon **distance** between two discrete distributions (histograms over the same bins):
 * the square root of the Jensen–Shannon divergence,
 * JS(p, q) = √( (KL(p ‖ m) + KL(q ‖ m)) / 2 ), m = (p + q)/2, KL in log `base`.
 * Inputs are normalised to sum 1 first; 0·log 0 = 0. Same convention as
 * `scipy.spatial.distance.jensenshannon(p, q, base)` — which also returns the distance, not the
 * divergence (square the result for the divergence). Symmetric, a metric, 0 iff p = q. O(k).
 * For samples, bin them first with {@link binOnReference}.
 *
 * @example
 * jensenShannon([1, 0], [0, 1], { base: 2 }); // => 1
 * jensenShannon([0.5, 0.5], [0.5, 0.5]); // => 0
 */
export function jensenShannon(p: ArrayLike<number>, q: ArrayLike<number>, options: JensenShannonOptions = {}): number {
  const fn = 'jensenShannon';
  const o = checkOptions(fn, options, ['base']);
  const base = o.base ?? Math.E;
  assertNumber(fn, 'base', base, { min: 0 });
  if (!(base > 0) || base === 1) throw new ShadowOptionError(`${fn}: base must be > 0 and ≠ 1, got ${base}`);
  const [a, b] = checkDistributions(fn, p, q);
  return jsDistanceNormalised(a, b, Math.log(base));
}
