import { assertNumber } from '../_internal/options.js';
import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { binProportions, referenceEdges, sortedSample } from './_internal/weightedSample.js';

/** Options for {@link binOnReference}. */
export interface BinOnReferenceOptions {
  /**
   * Number of quantile bins of the reference (10 = deciles). Tied quantiles merge bins, so fewer
   * may result.
   * @defaultValue 10
   */
  bins?: number;
}

/** Result of {@link binOnReference}. */
export interface BinnedSamples {
  /** Inner edges e1 < … < e_{k−1}; bins are (−∞, e1], (e1, e2], …, (e_{k−1}, ∞). */
  edges: number[];
  /** Share of the reference in each bin (about 1/bins each when there are no ties). */
  reference: number[];
  /** Share of the other sample in each bin. */
  other: number[];
  n: { reference: number; other: number };
}

/**
 * Bins two samples on quantile bins of the reference sample, the binning rule shared by
 * {@link psi} and the binned distances of compareDistribution: inner edges are the distinct
 * quantiles of the reference at k/bins (k = 1 … bins − 1) by NumPy's default linear
 * interpolation (`np.quantile(reference, k/bins)`, type 7); bins are right-closed, so a value
 * equal to an edge falls in the lower bin (`np.searchsorted(edges, x, side='left')`). The outer
 * bins are open-ended, so values of the other sample outside the reference's range are counted.
 * O((n + m) log(n + m)).
 *
 * @example
 * const b = binOnReference([1, 2, 3, 4], [1, 1, 4, 9], { bins: 2 });
 * b.edges; // => [2.5]
 * b.other; // => [0.5, 0.5]
 */
export function binOnReference(reference: NumericSample, other: NumericSample, options: BinOnReferenceOptions = {}): BinnedSamples {
  const fn = 'binOnReference';
  const o = checkOptions(fn, options, ['bins']);
  const bins = o.bins ?? 10;
  assertNumber(fn, 'bins', bins, { min: 2, max: 1000, integer: true });
  const r = checkSample(fn, 'reference', reference);
  const x = checkSample(fn, 'other', other);
  const rs = sortedSample(r).sample;
  const xs = sortedSample(x).sample;
  const edges = referenceEdges(rs, bins);
  return {
    edges,
    reference: Array.from(binProportions(rs, edges)),
    other: Array.from(binProportions(xs, edges)),
    n: { reference: r.length, other: x.length },
  };
}
