import { quickselect } from 'simple-statistics';

/**
 * The p-quantile of `x[0..n)` by linear interpolation between order statistics (type 7 in
 * R/NumPy, as simple-statistics' quantileSorted), found by selection in O(n) instead of a sort.
 * Reorders `x` in place.
 */
export function quantileInPlace(x: Float64Array, n: number, p: number): number {
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const view = x.subarray(0, n) as unknown as number[];
  quickselect(view, lo);
  const a = x[lo];
  if (h === lo) return a;
  let b = Infinity;
  for (let i = lo + 1; i < n; i++) if (x[i] < b) b = x[i];
  return a + (h - lo) * (b - a);
}
