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

/**
 * m-out-of-n bootstrap of two-sample statistics for large samples: each resample draws
 * k_x = ⌈f·n_x⌉ and k_y = ⌈f·n_y⌉ values with replacement (the same fraction f of each side) from
 * the sorted samples, as compact weighted samples (drawn ranks sorted as a typed array, ties
 * merged), so a resample costs O(k log k) instead of O(n). Statistics receive the compact
 * resamples and the full sorted originals. Returns each statistic's values sorted ascending.
 * For a √n-rate statistic T, √k(T*_k − T_n) approximates the law of √n(T_n − T) (Bickel,
 * Götze & van Zwet 1997), so quantiles of T*_k − T_n are scaled by √f by the caller.
 */
export function subsampleTwoSampleDistributions(
  xs: WeightedSample,
  ys: WeightedSample,
  statistics: readonly ((a: WeightedSample, b: WeightedSample, originalA: WeightedSample, originalB: WeightedSample) => number)[],
  { nResamples, seed, fraction }: TwoSampleBootstrap & { fraction: number },
): Float64Array[] {
  const rng = createRng(seed);
  const draw = (s: WeightedSample): WeightedSample => {
    const n = s.total;
    const k = Math.max(2, Math.ceil(fraction * n));
    const ranks = new Uint32Array(k);
    for (let i = 0; i < k; i++) ranks[i] = Math.floor((rng.nextUint32() / 4294967296) * n);
    ranks.sort();
    const values = new Float64Array(k);
    const weights = new Float64Array(k);
    let u = -1;
    for (let i = 0; i < k; i++) {
      const v = s.values[ranks[i]];
      if (u >= 0 && values[u] === v) weights[u]++;
      else {
        values[++u] = v;
        weights[u] = 1;
      }
    }
    return { values: values.subarray(0, u + 1), weights: weights.subarray(0, u + 1), total: k };
  };
  const out = statistics.map(() => new Float64Array(nResamples));
  for (let r = 0; r < nResamples; r++) {
    const a = draw(xs);
    const b = draw(ys);
    for (let k = 0; k < statistics.length; k++) out[k][r] = statistics[k](a, b, xs, ys);
  }
  return out.map((o) => o.sort());
}
