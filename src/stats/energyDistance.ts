import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { checkBootstrap, distanceInterval, type DistanceBootstrapOptions, type DistanceInterval } from './distanceBootstrap.js';
import { cdfDistancePower, sortedSample, weightedSorted } from './_internal/weightedSample.js';
import { ShadowOptionError } from '../_internal/options.js';

/** Options for {@link energyDistance}. */
export interface EnergyDistanceOptions {
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

/** Result of {@link energyDistance}. */
export interface EnergyDistanceResult {
  method: 'energy distance';
  /** The energy distance, in the units of the data. */
  statistic: number;
  n: { u: number; v: number };
  /** Present when `bootstrap` was asked for. */
  ci?: DistanceInterval;
}

/**
 * Energy distance between the empirical distributions of two samples, SciPy's convention:
 * D = √(2 ∫ (F_u(x) − F_v(x))² dx), which equals √(2E|X−Y| − E|X−X'| − E|Y−Y'|) (Székely).
 * Equals `scipy.stats.energy_distance(u, v, u_weights, v_weights)` (weights optional). Note the square root: some texts call
 * the squared quantity the energy distance. Symmetric; O((n + m) log(n + m)).
 *
 * @example
 * energyDistance([0], [1]).statistic; // => 1.4142135623730951
 */
export function energyDistance(u: NumericSample, v: NumericSample, options: EnergyDistanceOptions = {}): EnergyDistanceResult {
  const fn = 'energyDistance';
  const o = checkOptions(fn, options, ['bootstrap', 'uWeights', 'vWeights']);
  const weighted = o.uWeights !== undefined || o.vWeights !== undefined;
  if (weighted && o.bootstrap !== undefined && o.bootstrap !== false) {
    throw new ShadowOptionError(`${fn}: bootstrap resamples unweighted samples; drop bootstrap or the weights`);
  }
  const a = checkSample(fn, 'u', u);
  const b = checkSample(fn, 'v', v);
  const stat = (wa: Parameters<typeof cdfDistancePower>[0], wb: Parameters<typeof cdfDistancePower>[1]) =>
    Math.sqrt(2 * cdfDistancePower(wa, wb, 2));
  const result: EnergyDistanceResult = {
    method: 'energy distance',
    statistic: stat(
      o.uWeights !== undefined ? weightedSorted(fn, 'uWeights', a, o.uWeights) : sortedSample(a).sample,
      o.vWeights !== undefined ? weightedSorted(fn, 'vWeights', b, o.vWeights) : sortedSample(b).sample,
    ),
    n: { u: a.length, v: b.length },
  };
  if (o.bootstrap !== undefined && o.bootstrap !== false) result.ci = distanceInterval(a, b, result.statistic, { statistic: stat, deviation: stat }, checkBootstrap(fn, o.bootstrap));
  return result;
}
