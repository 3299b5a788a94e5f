import { ShadowOptionError, describeValue } from '../../_internal/options.js';
/**
 * Samples as sorted values with multiplicities: the representation every distance in src/stats
 * is computed on. A bootstrap resample of a sorted sample is just new multiplicities over the
 * same sorted values, so each resample costs O(n + m) instead of a sort.
 */

/** Sorted values with non-negative weights (counts); `total` is the sum of weights. */
export interface WeightedSample {
  values: Float64Array;
  weights: Float64Array;
  total: number;
}

/** Sorts a sample ascending and gives it unit weights; `order[k]` is the original index of values[k]. */
export function sortedSample(x: Float64Array): { sample: WeightedSample; rankOf: Uint32Array } {
  const n = x.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((a, b) => x[a] - x[b] || a - b);
  const values = new Float64Array(n);
  const rankOf = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    values[k] = x[order[k]];
    rankOf[order[k]] = k;
  }
  return { sample: { values, weights: new Float64Array(n).fill(1), total: n }, rankOf };
}

/**
 * Walks the merged support of two weighted samples in increasing order and folds a function of
 * the gap between the right-continuous CDFs over it: with `power` 0 it returns
 * sup_x |F_a(x) − F_b(x)|; with 1 or 2 it returns ∫ |F_a − F_b|^power dx (the CDFs are constant
 * between consecutive distinct values). A single loop without callbacks: it is the inner loop of
 * every bootstrap resample.
 */
function foldCdfGap(a: WeightedSample, b: WeightedSample, power: 0 | 1 | 2): number {
  if (a.values === b.values) return foldSameSupport(a, b, power);
  const av = a.values;
  const bv = b.values;
  const aw = a.weights;
  const bw = b.weights;
  const na = av.length;
  const nb = bv.length;
  const ta = a.total;
  const tb = b.total;
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  let acc = 0;
  while (i < na || j < nb) {
    const x = j >= nb || (i < na && av[i] <= bv[j]) ? av[i] : bv[j];
    while (i < na && av[i] === x) ca += aw[i++];
    while (j < nb && bv[j] === x) cb += bw[j++];
    const g = Math.abs(ca / ta - cb / tb);
    if (power === 0) {
      if (g > acc) acc = g;
    } else if (i < na || j < nb) {
      const next = i < na ? (j < nb && bv[j] < av[i] ? bv[j] : av[i]) : bv[j];
      acc += (power === 1 ? g : g * g) * (next - x);
    }
  }
  return acc;
}

/** {@link foldCdfGap} for two weightings of one sorted array (a resample against its original): no merge. */
function foldSameSupport(a: WeightedSample, b: WeightedSample, power: 0 | 1 | 2): number {
  const v = a.values;
  const aw = a.weights;
  const bw = b.weights;
  const n = v.length;
  let ca = 0;
  let cb = 0;
  let acc = 0;
  for (let i = 0; i < n; i++) {
    ca += aw[i];
    cb += bw[i];
    if (i + 1 < n && v[i + 1] === v[i]) continue;
    const g = Math.abs(ca / a.total - cb / b.total);
    if (power === 0) {
      if (g > acc) acc = g;
    } else if (i + 1 < n) {
      acc += (power === 1 ? g : g * g) * (v[i + 1] - v[i]);
    }
  }
  return acc;
}

/** sup_x |F_a(x) − F_b(x)|: the two-sample Kolmogorov–Smirnov statistic D. */
export function ksStatistic(a: WeightedSample, b: WeightedSample): number {
  return foldCdfGap(a, b, 0);
}

/** ∫ |F_a − F_b|^p dx over the merged support (p = 1 or 2). */
export function cdfDistancePower(a: WeightedSample, b: WeightedSample, p: 1 | 2): number {
  return foldCdfGap(a, b, p);
}

/**
 * Quantile of a weighted sample with integer weights, NumPy's default (`method='linear'`,
 * Hyndman–Fan type 7) applied to the multiset the weights describe.
 */
export function quantileType7(a: WeightedSample, q: number, cum?: Float64Array): number {
  const c = cum ?? cumulative(a);
  const h = (a.total - 1) * q;
  const lo = Math.floor(h);
  const xlo = orderStatistic(a, c, lo);
  if (h === lo) return xlo;
  const xhi = orderStatistic(a, c, lo + 1);
  return xlo + (h - lo) * (xhi - xlo);
}

/** Cumulative weights: cum[k] = weights[0] + … + weights[k]. */
export function cumulative(a: WeightedSample): Float64Array {
  const c = new Float64Array(a.values.length);
  let s = 0;
  for (let k = 0; k < c.length; k++) c[k] = s += a.weights[k];
  return c;
}

/** The r-th smallest element (0-based) of the multiset. */
function orderStatistic(a: WeightedSample, cum: Float64Array, r: number): number {
  let lo = 0;
  let hi = cum.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cum[mid] > r) hi = mid;
    else lo = mid + 1;
  }
  return a.values[lo];
}

/**
 * Inner bin edges from a reference sample: the distinct type-7 quantiles at k/bins,
 * k = 1 … bins − 1. Bins are right-closed: (−∞, e1], (e1, e2], …, (e_last, ∞).
 */
export function referenceEdges(ref: WeightedSample, bins: number): number[] {
  const cum = cumulative(ref);
  const edges: number[] = [];
  for (let k = 1; k < bins; k++) {
    const e = quantileType7(ref, k / bins, cum);
    if (edges.length === 0 || e > edges[edges.length - 1]) edges.push(e);
  }
  return edges;
}

/** Proportions of a weighted sample in the right-closed bins defined by `edges`. */
export function binProportions(a: WeightedSample, edges: readonly number[]): Float64Array {
  const p = new Float64Array(edges.length + 1);
  let bin = 0;
  for (let k = 0; k < a.values.length; k++) {
    const x = a.values[k];
    while (bin < edges.length && x > edges[bin]) bin++;
    p[bin] += a.weights[k];
  }
  for (let k = 0; k < p.length; k++) p[k] /= a.total;
  return p;
}

/**
 * A sample with caller-given weights (SciPy's `u_weights`/`v_weights`), sorted by value with the
 * weights carried along. Weights must be finite, ≥ 0, one per value, with a positive sum; they are
 * used as given (only their proportions matter).
 */
export function weightedSorted(fn: string, name: string, x: Float64Array, weights: unknown): WeightedSample {
  if (!(Array.isArray(weights) || ArrayBuffer.isView(weights))) {
    throw new ShadowOptionError(`${fn}: ${name} must be an array of weights, got ${describeValue(weights)}`);
  }
  const w = weights as ArrayLike<unknown>;
  if (w.length !== x.length) throw new ShadowOptionError(`${fn}: ${name} must have one weight per value (${x.length}), got ${w.length}`);
  let total = 0;
  for (let i = 0; i < w.length; i++) {
    const v = w[i];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) throw new ShadowOptionError(`${fn}: ${name}[${i}] must be a finite number >= 0, got ${describeValue(v)}`);
    total += v;
  }
  if (!(total > 0)) throw new ShadowOptionError(`${fn}: ${name} must have a positive sum, got ${total}`);
  const { sample, rankOf } = sortedSample(x);
  const ws = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) ws[rankOf[i]] = w[i] as number;
  return { values: sample.values, weights: ws, total };
}
