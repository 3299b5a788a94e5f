/**
 * SciPy's implicit binary search (`scipy.stats._stats_py._binary_search`, the same as
 * `_binomtest._binary_search_for_binom_tst`), ported exactly — including its `hi = mid - 1` step —
 * so the two-sided exact p-values of the Fisher and binomial tests cut the other tail at the same
 * point as SciPy. For `a` ascending on [lo, hi], returns i with a(i) <= d < a(i + 1).
 */
export function scipyBinarySearch(a: (x: number) => number, d: number, lo: number, hi: number): number {
  while (lo < hi) {
    const mid = lo + Math.floor((hi - lo) / 2);
    const midval = a(mid);
    if (midval < d) lo = mid + 1;
    else if (midval > d) hi = mid - 1;
    else return mid;
  }
  return a(lo) <= d ? lo : lo - 1;
}
