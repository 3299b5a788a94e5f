import { assertNumber, assertPlainObject, assertKnownKeys, assertSeed } from '../../_internal/options.js';
import { checkAlpha } from './checkSample.js';
import { bootstrapTwoSampleDistribution, quantileSorted } from './resample.js';
import type { WeightedSample } from './weightedSample.js';

/**
 * Bootstrap options of a sample distance: resample both samples independently and report the
 * percentile interval.
 */
export interface DistanceBootstrapOptions {
  /**
   * Seed of the resampling stream; recorded in the result.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * Each end of the interval is a one-sided (1 − α) bound; the interval has level 1 − 2α.
   * @defaultValue 0.05
   */
  alpha?: number;
  /**
   * Number of resamples.
   * @defaultValue 999
   */
  nResamples?: number;
}

/** A percentile-bootstrap interval of a distance. */
export interface DistanceInterval {
  method: 'percentile bootstrap' | 'DKW bound';
  /** α quantile of the bootstrap distribution: a one-sided (1 − α) lower bound. */
  lower: number;
  /** 1 − α quantile: a one-sided (1 − α) upper bound. */
  upper: number;
  alpha: number;
  /** Level of [lower, upper]. */
  confidenceLevel: number;
  /** Resamples drawn (0 for the deterministic DKW bound). */
  nResamples: number;
  /** The seed that replays the interval (absent for the deterministic DKW bound). */
  seed?: number;
}

/** Validates bootstrap options (or `true` for the defaults). */
export function checkBootstrap(fn: string, value: unknown): Required<DistanceBootstrapOptions> {
  if (value === true) return { seed: 0, alpha: 0.05, nResamples: 999 };
  assertPlainObject(fn, 'bootstrap', value);
  assertKnownKeys(fn, 'bootstrap', value, ['seed', 'alpha', 'nResamples']);
  const seed = value.seed ?? 0;
  assertSeed(fn, 'bootstrap.seed', seed);
  const alpha = checkAlpha(fn, value.alpha, 'bootstrap.alpha');
  const nResamples = value.nResamples ?? 999;
  assertNumber(fn, 'bootstrap.nResamples', nResamples, { min: 2, integer: true });
  return { seed, alpha, nResamples };
}

/** Percentile-bootstrap interval of a two-sample statistic on weighted sorted samples. */
export function distanceInterval(
  x: Float64Array,
  y: Float64Array,
  statistic: (a: WeightedSample, b: WeightedSample) => number,
  { seed, alpha, nResamples }: Required<DistanceBootstrapOptions>,
): DistanceInterval {
  const dist = bootstrapTwoSampleDistribution(x, y, statistic, { seed, nResamples });
  return {
    method: 'percentile bootstrap',
    lower: quantileSorted(dist, alpha),
    upper: quantileSorted(dist, 1 - alpha),
    alpha,
    confidenceLevel: 1 - 2 * alpha,
    nResamples,
    seed,
  };
}
