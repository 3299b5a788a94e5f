import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { checkBootstrap, distanceInterval, type DistanceBootstrapOptions, type DistanceInterval } from './distanceBootstrap.js';
import { cdfDistancePower, sortedSample } from './_internal/weightedSample.js';

/** Options for {@link energyDistance}. */
export interface EnergyDistanceOptions {
  /**
   * Add a seeded bootstrap interval, see DistanceInterval (`true` for the defaults: seed 0, α 0.05, 999 resamples).
   * @defaultValue no interval
   */
  bootstrap?: boolean | DistanceBootstrapOptions;
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
 * Equals `scipy.stats.energy_distance(u, v)` (unweighted). Note the square root: some texts call
 * the squared quantity the energy distance. Symmetric; O((n + m) log(n + m)).
 *
 * @example
 * energyDistance([0], [1]).statistic; // => 1.4142135623730951
 */
export function energyDistance(u: NumericSample, v: NumericSample, options: EnergyDistanceOptions = {}): EnergyDistanceResult {
  const fn = 'energyDistance';
  const o = checkOptions(fn, options, ['bootstrap']);
  const a = checkSample(fn, 'u', u);
  const b = checkSample(fn, 'v', v);
  const stat = (wa: Parameters<typeof cdfDistancePower>[0], wb: Parameters<typeof cdfDistancePower>[1]) =>
    Math.sqrt(2 * cdfDistancePower(wa, wb, 2));
  const result: EnergyDistanceResult = {
    method: 'energy distance',
    statistic: stat(sortedSample(a).sample, sortedSample(b).sample),
    n: { u: a.length, v: b.length },
  };
  if (o.bootstrap !== undefined && o.bootstrap !== false) result.ci = distanceInterval(a, b, result.statistic, { statistic: stat, deviation: stat }, checkBootstrap(fn, o.bootstrap));
  return result;
}
