import { createRng } from './prng.js';
import { sortedSample, type WeightedSample } from './weightedSample.js';

/**
 * Quantile of a plain array (sorted in place), NumPy's default linear interpolation (type 7).
 * Returns NaN when a probability is NaN (as the BCa limits are for a degenerate statistic).
 */
export function quantileSorted(sorted: Float64Array, q: number): number {
  if (!(q >= 0 && q <= 1)) return NaN;
  const h = (sorted.length - 1) * q;
  const lo = Math.floor(h);
  if (lo === h) return sorted[lo];
  return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
}

/** Options for {@link bootstrapTwoSampleDistribution}. */
export interface TwoSampleBootstrap {
  nResamples: number;
  seed: number;
}

/**
 * Bootstrap distribution of a two-sample statistic computed on weighted sorted samples: each
 * resample draws n_a indices of `a` then n_b indices of `b` uniformly with replacement from the
 * stream `createRng(seed)` — the same draws, in the same order, as `bootstrapCi` makes for two
 * independent samples — and turns them into multiplicities over the sorted values (O(n + m) per
 * resample, no sort). Returns the statistics sorted ascending.
 */
export function bootstrapTwoSampleDistribution(
  x: Float64Array,
  y: Float64Array,
  statistic: (a: WeightedSample, b: WeightedSample) => number,
  options: TwoSampleBootstrap,
): Float64Array {
  return bootstrapTwoSampleDistributions(x, y, [statistic], options)[0];
}

/**
 * As {@link bootstrapTwoSampleDistribution} for several statistics on the same resamples; each
 * statistic also receives the original samples (unit weights over the same sorted values), so
 * one-sample deviations d(F*_n, F_n) can be computed on the same draws.
 */
export function bootstrapTwoSampleDistributions(
  x: Float64Array,
  y: Float64Array,
  statistics: readonly ((a: WeightedSample, b: WeightedSample, originalA: WeightedSample, originalB: WeightedSample) => number)[],
  { nResamples, seed }: TwoSampleBootstrap,
): Float64Array[] {
  const sa = sortedSample(x);
  const sb = sortedSample(y);
  const rng = createRng(seed);
  const wa: WeightedSample = { values: sa.sample.values, weights: new Float64Array(x.length), total: x.length };
  const wb: WeightedSample = { values: sb.sample.values, weights: new Float64Array(y.length), total: y.length };
  const out = statistics.map(() => new Float64Array(nResamples));
  for (let r = 0; r < nResamples; r++) {
    wa.weights.fill(0);
    wb.weights.fill(0);
    for (let i = 0; i < x.length; i++) wa.weights[sa.rankOf[rng.nextInt(x.length)]]++;
    for (let i = 0; i < y.length; i++) wb.weights[sb.rankOf[rng.nextInt(y.length)]]++;
    for (let k = 0; k < statistics.length; k++) out[k][r] = statistics[k](wa, wb, sa.sample, sb.sample);
  }
  return out.map((o) => o.sort());
}
