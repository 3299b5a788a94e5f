import { assertNumber } from '../_internal/options.js';
import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { checkBootstrap, distanceInterval, type DistanceBootstrapOptions, type DistanceInterval } from './distanceBootstrap.js';
import { binProportions, referenceEdges, sortedSample, type WeightedSample } from './_internal/weightedSample.js';

/** Options for {@link psi}. */
export interface PsiOptions {
  /**
   * Number of quantile bins of the reference sample (10 = deciles); see binOnReference.
   * @defaultValue 10
   */
  bins?: number;
  /**
   * Share used in place of 0 for an empty bin (on either side), so ln(0) never occurs.
   * @defaultValue 1e-4
   */
  epsilon?: number;
  /**
   * Add a seeded bootstrap upper bound (see DistanceInterval; edges recomputed on every resampled reference; lower is 0, PSI not being a metric).
   * @defaultValue no interval
   */
  bootstrap?: boolean | DistanceBootstrapOptions;
}

/** Result of {@link psi}. */
export interface PsiResult {
  method: 'population stability index';
  statistic: number;
  /** Inner bin edges from the reference (see binOnReference). */
  edges: number[];
  /** Per bin: reference share r, actual share a (before the epsilon floor) and the term (a − r)·ln(a/r). */
  table: { reference: number; actual: number; contribution: number }[];
  bins: number;
  epsilon: number;
  n: { reference: number; actual: number };
  ci?: DistanceInterval;
}

/** PSI of two samples on the reference's quantile bins. */
export function psiOf(ref: WeightedSample, act: WeightedSample, bins: number, epsilon: number): { edges: number[]; r: Float64Array; a: Float64Array; value: number } {
  const edges = referenceEdges(ref, bins);
  const r = binProportions(ref, edges);
  const a = binProportions(act, edges);
  let value = 0;
  for (let k = 0; k < r.length; k++) value += psiTerm(r[k], a[k], epsilon);
  return { edges, r, a, value };
}

function psiTerm(r: number, a: number, epsilon: number): number {
  const rr = r > 0 ? r : epsilon;
  const aa = a > 0 ? a : epsilon;
  return (aa - rr) * Math.log(aa / rr);
}

/**
 * Population stability index of an actual sample against a reference (expected) sample:
 * PSI = Σ_bins (a_i − r_i) · ln(a_i / r_i), where r_i and a_i are the shares of the reference and
 * the actual sample in bin i. Binning rule: quantile bins of the **reference** (deciles by
 * default: NumPy type-7 quantiles at k/bins, distinct edges only, right-closed bins, open outer
 * bins; see binOnReference). A share of 0 is replaced by `epsilon` (no renormalisation).
 * Not symmetric: pass the legacy output as `reference`. PSI ≥ 0; the customary reading is
 * < 0.1 stable, 0.1–0.25 moderate shift, > 0.25 major shift. O((n + m) log(n + m)).
 *
 * @example
 * psi([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]).statistic; // => 0
 */
export function psi(reference: NumericSample, actual: NumericSample, options: PsiOptions = {}): PsiResult {
  const fn = 'psi';
  const o = checkOptions(fn, options, ['bins', 'epsilon', 'bootstrap']);
  const bins = o.bins ?? 10;
  assertNumber(fn, 'bins', bins, { min: 2, max: 1000, integer: true });
  const epsilon = o.epsilon ?? 1e-4;
  assertNumber(fn, 'epsilon', epsilon, { min: 1e-12, max: 0.1 });
  const r = checkSample(fn, 'reference', reference);
  const x = checkSample(fn, 'actual', actual);
  const { edges, r: rp, a: ap, value } = psiOf(sortedSample(r).sample, sortedSample(x).sample, bins, epsilon);
  const result: PsiResult = {
    method: 'population stability index',
    statistic: value,
    edges,
    table: Array.from(rp, (rk, k) => ({ reference: rk, actual: ap[k], contribution: psiTerm(rk, ap[k], epsilon) })),
    bins,
    epsilon,
    n: { reference: r.length, actual: x.length },
  };
  if (o.bootstrap !== undefined && o.bootstrap !== false) {
    result.ci = distanceInterval(r, x, value, { statistic: (wr, wx) => psiOf(wr, wx, bins, epsilon).value }, checkBootstrap(fn, o.bootstrap));
  }
  return result;
}
