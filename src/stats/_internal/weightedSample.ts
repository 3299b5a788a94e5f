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
 * Walks the merged support of two weighted samples in increasing order, calling
 * `step(x, next, Fa, Fb)` on each distinct value x with the right-continuous CDFs at x and the
 * next distinct value (Infinity after the last).
 */
function walk(a: WeightedSample, b: WeightedSample, step: (x: number, next: number, fa: number, fb: number) => void): void {
  let i = 0;
  let j = 0;
  let ca = 0;
  let cb = 0;
  const na = a.values.length;
  const nb = b.values.length;
  while (i < na || j < nb) {
    const x = j >= nb || (i < na && a.values[i] <= b.values[j]) ? a.values[i] : b.values[j];
    while (i < na && a.values[i] === x) ca += a.weights[i++];
    while (j < nb && b.values[j] === x) cb += b.weights[j++];
    const next = i < na ? (j < nb ? Math.min(a.values[i], b.values[j]) : a.values[i]) : j < nb ? b.values[j] : Infinity;
    step(x, next, ca / a.total, cb / b.total);
  }
}

/** sup_x |F_a(x) − F_b(x)|: the two-sample Kolmogorov–Smirnov statistic D. */
export function ksStatistic(a: WeightedSample, b: WeightedSample): number {
  let d = 0;
  walk(a, b, (_x, _next, fa, fb) => {
    const g = Math.abs(fa - fb);
    if (g > d) d = g;
  });
  return d;
}

/** ∫ |F_a − F_b|^p dx over the merged support (p = 1 or 2). */
export function cdfDistancePower(a: WeightedSample, b: WeightedSample, p: 1 | 2): number {
  let s = 0;
  walk(a, b, (x, next, fa, fb) => {
    if (next === Infinity) return;
    const g = Math.abs(fa - fb);
    s += (p === 1 ? g : g * g) * (next - x);
  });
  return s;
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
