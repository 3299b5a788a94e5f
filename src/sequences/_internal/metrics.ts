/**
 * Sequence metrics over integer tokens (one token per event identity). Every function works on
 * typed arrays with caller-owned scratch space, so comparing 50,000 entities allocates nothing
 * per entity in the common case.
 */

/** Reusable scratch buffers, grown on demand. */
export class Scratch {
  private bufs: Int32Array[] = [];
  /** Scratch buffer number `slot` with at least `n` elements (contents undefined). */
  get(slot: number, n: number): Int32Array {
    let b = this.bufs[slot];
    if (b === undefined || b.length < n) {
      b = new Int32Array(Math.max(n, 16, (b?.length ?? 0) * 2));
      this.bufs[slot] = b;
    }
    return b;
  }
}

/**
 * Levenshtein distance between `a[0..n)` and `b[0..m)` with unit costs for insertion, deletion
 * and substitution. Common prefix and suffix are stripped first, so equal or nearly equal
 * sequences cost O(n); the rest is the classic O(n·m) dynamic programme in one row.
 *
 * @example
 * // "kitten" → "sitting" needs 3 edits (Levenshtein 1966; the textbook example)
 */
export function editDistance(a: Int32Array, n: number, b: Int32Array, m: number, scratch: Scratch): number {
  let lo = 0;
  while (lo < n && lo < m && a[lo] === b[lo]) lo++;
  let ea = n;
  let eb = m;
  while (ea > lo && eb > lo && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  const la = ea - lo;
  const lb = eb - lo;
  if (la === 0) return lb;
  if (lb === 0) return la;
  const row = scratch.get(0, lb + 1);
  for (let j = 0; j <= lb; j++) row[j] = j;
  for (let i = 1; i <= la; i++) {
    let diag = row[0];
    row[0] = i;
    const ai = a[lo + i - 1];
    for (let j = 1; j <= lb; j++) {
      const up = row[j];
      const sub = diag + (ai === b[lo + j - 1] ? 0 : 1);
      const del = up + 1;
      const ins = row[j - 1] + 1;
      row[j] = sub < del ? (sub < ins ? sub : ins) : del < ins ? del : ins;
      diag = up;
    }
  }
  return row[lb];
}

/**
 * Length of the longest common subsequence of `a[0..n)` and `b[0..m)`, by the O(n·m) dynamic
 * programme in one row after stripping the common prefix and suffix.
 *
 * @example
 * // LCS("ABCBDAB", "BDCABA") = 4 (Cormen et al., Introduction to Algorithms, §15.4)
 */
export function lcsLength(a: Int32Array, n: number, b: Int32Array, m: number, scratch: Scratch): number {
  let lo = 0;
  while (lo < n && lo < m && a[lo] === b[lo]) lo++;
  let ea = n;
  let eb = m;
  while (ea > lo && eb > lo && a[ea - 1] === b[eb - 1]) {
    ea--;
    eb--;
  }
  const common = lo + (n - ea);
  const la = ea - lo;
  const lb = eb - lo;
  if (la === 0 || lb === 0) return common;
  const row = scratch.get(1, lb + 1);
  row.fill(0, 0, lb + 1);
  for (let i = 1; i <= la; i++) {
    let diag = 0;
    const ai = a[lo + i - 1];
    for (let j = 1; j <= lb; j++) {
      const up = row[j];
      row[j] = ai === b[lo + j - 1] ? diag + 1 : up > row[j - 1] ? up : row[j - 1];
      diag = up;
    }
  }
  return common + row[lb];
}

/**
 * Number of inversions (pairs i < j with r[i] > r[j]) in `r[0..k)`, i.e. the discordant pairs of
 * a ranking without ties. O(k²) for short inputs, merge sort (O(k log k)) otherwise. `r` is
 * not modified.
 */
export function inversions(r: Int32Array, k: number, scratch: Scratch): number {
  if (k < 2) return 0;
  if (k <= 48) {
    let inv = 0;
    for (let i = 0; i < k; i++) {
      const ri = r[i];
      for (let j = i + 1; j < k; j++) if (ri > r[j]) inv++;
    }
    return inv;
  }
  const a = scratch.get(2, k);
  const tmp = scratch.get(3, k);
  a.set(r.subarray(0, k));
  let inv = 0;
  for (let width = 1; width < k; width *= 2) {
    for (let lo = 0; lo < k; lo += 2 * width) {
      const mid = Math.min(lo + width, k);
      const hi = Math.min(lo + 2 * width, k);
      let i = lo;
      let j = mid;
      let t = lo;
      while (i < mid && j < hi) {
        if (a[i] <= a[j]) tmp[t++] = a[i++];
        else {
          inv += mid - i;
          tmp[t++] = a[j++];
        }
      }
      while (i < mid) tmp[t++] = a[i++];
      while (j < hi) tmp[t++] = a[j++];
    }
    a.set(tmp.subarray(0, k));
  }
  return inv;
}

/**
 * Kendall's tau between two rankings of the same k items without ties: r[i] is the position, in
 * the second ranking, of the item at position i of the first. tau = 1 − 4·D / (k(k − 1)) where D
 * is the number of discordant pairs (tau-a, equal to tau-b when there are no ties, as here).
 * NaN for k < 2.
 */
export function kendallTau(r: Int32Array, k: number, scratch: Scratch): number {
  if (k < 2) return NaN;
  return 1 - (4 * inversions(r, k, scratch)) / (k * (k - 1));
}

/**
 * Length of the longest strictly increasing subsequence of `r[0..k)` (patience sorting,
 * O(k log k)). k − LIS is the least number of items to move to make the order agree.
 */
export function lisLength(r: Int32Array, k: number, scratch: Scratch): number {
  const tails = scratch.get(4, k + 1);
  let len = 0;
  for (let i = 0; i < k; i++) {
    const x = r[i];
    let lo = 0;
    let hi = len;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (tails[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    tails[lo] = x;
    if (lo === len) len++;
  }
  return len;
}

/**
 * Extrapolated rank-biased overlap, RBO_ext (Webber, Moffat and Zobel 2010, "A similarity measure
 * for indefinite rankings", eq. 32, for lists of uneven length). With S the shorter list (length
 * s), L the longer (length l), X_d = |S[:d] ∩ L[:d]| the overlap at depth d (for d > s, S whole):
 *
 *   RBO_ext = (1−p)/p · ( Σ_{d=1..l} X_d/d · p^d + Σ_{d=s+1..l} X_s·(d−s)/(s·d) · p^d )
 *             + ( (X_l − X_s)/l + X_s/s ) · p^l
 *
 * Items must be distinct within each list (callers pass first occurrences). Identical lists give
 * 1, disjoint lists 0. When exactly one list is empty the result is 0; both empty is NaN.
 * `mark` must be a zeroed Uint8Array indexed by item (ids must be ≥ 0 and < mark.length); it is
 * left zeroed on return. Items < 0 never match anything.
 */
export function rboExt(
  a: Int32Array,
  na: number,
  b: Int32Array,
  nb: number,
  p: number,
  mark: Uint8Array,
): number {
  if (na === 0 && nb === 0) return NaN;
  if (na === 0 || nb === 0) return 0;
  const [S, s, L, l] = na <= nb ? [a, na, b, nb] : [b, nb, a, na];
  // mark bit 1: seen in S prefix; bit 2: seen in L prefix.
  let x = 0;
  let sum = 0;
  let pd = 1;
  let xs = 0;
  for (let d = 1; d <= l; d++) {
    pd *= p;
    const li = L[d - 1];
    if (d <= s) {
      const si = S[d - 1];
      if (si === li) {
        if (si >= 0) x++;
      } else {
        if (si >= 0) {
          if (mark[si] & 2) x++;
          mark[si] |= 1;
        }
        if (li >= 0) {
          if (mark[li] & 1) x++;
          mark[li] |= 2;
        }
      }
      if (si === li && si >= 0) mark[si] |= 3;
      sum += (x / d) * pd;
      if (d === s) xs = x;
    } else {
      if (li >= 0) {
        if (mark[li] & 1) x++;
        mark[li] |= 2;
      }
      sum += (x / d) * pd + ((xs * (d - s)) / (s * d)) * pd;
    }
  }
  const value = ((1 - p) / p) * sum + ((x - xs) / l + xs / s) * pd;
  for (let i = 0; i < s; i++) if (S[i] >= 0) mark[S[i]] = 0;
  for (let i = 0; i < l; i++) if (L[i] >= 0) mark[L[i]] = 0;
  return value;
}
