import { quickselect } from 'simple-statistics';

/**
 * The p-quantile of `x[0..n)` by linear interpolation between order statistics (type 7 in
 * R/NumPy, as simple-statistics' quantileSorted), found by selection in O(n) instead of a sort.
 * `zeros`: further values equal to 0 not held in `x`, whose values must then all be positive
 * (|deltas|: the equal pairs are counted, not stored). Reorders `x` in place.
 */
export function quantileInPlace(x: Float64Array, n: number, p: number, zeros = 0): number {
  const h = (n + zeros - 1) * p;
  const lo = Math.floor(h);
  // The k-th smallest of the zeros and x: a zero below `zeros`, else the (k − zeros)-th of x.
  let a = 0;
  if (lo >= zeros) {
    quickselect(x.subarray(0, n) as unknown as number[], lo - zeros);
    a = x[lo - zeros];
  }
  if (h === lo) return a;
  let b = lo + 1 < zeros ? 0 : Infinity;
  // After the selection every value right of lo − zeros is at least x[lo − zeros]; before any, all of x.
  if (b !== 0) for (let i = Math.max(0, lo - zeros + 1); i < n; i++) if (x[i] < b) b = x[i];
  return a + (h - lo) * (b - a);
}
