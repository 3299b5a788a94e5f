import { ShadowOptionError, assertOneOf } from '../_internal/options.js';
import { normalCdf, normalSf } from './distributions/normal.js';
import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { ALTERNATIVES, type Alternative, type TestResult } from './testResult.js';

/** Options for {@link kendallTauB}. */
export interface KendallTauBOptions {
  /**
   * 'greater': positive association; 'less': negative.
   * @defaultValue 'two-sided'
   */
  alternative?: Alternative;
  /**
   * 'exact' (only without ties) uses the exact permutation distribution of the number of
   * concordant pairs; 'asymptotic' the normal approximation with tie-corrected variance; 'auto'
   * is exact iff there are no ties and (n <= 33 or min(discordant, concordant) <= 1).
   * @defaultValue 'auto'
   */
  method?: 'auto' | 'exact' | 'asymptotic';
}

/** Result of {@link kendallTauB}. */
export interface KendallTauBResult extends TestResult {
  /** Kendall's tau-b. */
  statistic: number;
  methodUsed: 'exact' | 'asymptotic';
  /** Number of pairs (x[i], y[i]). */
  n: number;
  concordant: number;
  discordant: number;
}

/** Number of inversions (pairs i < j with v[i] > v[j]) by merge sort; sorts `v` in place. */
function countInversions(v: Float64Array): number {
  const n = v.length;
  let buf: Float64Array = new Float64Array(n);
  let src: Float64Array = v;
  let inv = 0;
  for (let width = 1; width < n; width *= 2) {
    for (let lo = 0; lo < n; lo += 2 * width) {
      const mid = Math.min(lo + width, n);
      const hi = Math.min(lo + 2 * width, n);
      let i = lo;
      let j = mid;
      let k = lo;
      while (i < mid && j < hi) {
        if (src[j] < src[i]) {
          inv += mid - i;
          buf[k++] = src[j++];
        } else buf[k++] = src[i++];
      }
      while (i < mid) buf[k++] = src[i++];
      while (j < hi) buf[k++] = src[j++];
    }
    [src, buf] = [buf, src];
  }
  if (src !== v) v.set(src);
  return inv;
}

/** Σ over tie groups of sizes t in sorted `v`: [Σ t(t−1)/2, Σ t(t−1)(t−2), Σ t(t−1)(2t+5)]. */
function tieSums(sorted: ArrayLike<number>): [number, number, number] {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[i]) j++;
    const t = j - i + 1;
    if (t > 1) {
      s0 += (t * (t - 1)) / 2;
      s1 += t * (t - 1) * (t - 2);
      s2 += t * (t - 1) * (2 * t + 5);
    }
    i = j + 1;
  }
  return [s0, s1, s2];
}

/** Exact P-value from the distribution of the number of concordant pairs c among n untied pairs (SciPy's `_kendall_p_exact`). */
function kendallPExact(n: number, c: number, alternative: Alternative): number {
  const tot = (n * (n - 1)) / 2;
  const inRightTail = c >= tot - c;
  const altGreater = alternative === 'greater';
  c = Math.min(c, tot - c);
  let prob: number;
  let pMass = 0;
  let factorial = 1;
  for (let i = 2; i <= n; i++) factorial *= i;
  if (n === 1) {
    prob = 1;
    pMass = 1;
  } else if (n === 2) {
    prob = 1;
    pMass = 0.5;
  } else if (c === 0) {
    prob = n < 171 ? 2 / factorial : 0;
    pMass = prob / 2;
  } else if (c === 1) {
    prob = n < 172 ? 2 / (factorial / n) : 0;
    pMass = (n - 1) / factorial;
  } else if (4 * c === n * (n - 1) && alternative === 'two-sided') {
    prob = 1;
  } else {
    // Frequencies of the number of inversions (Mahonian numbers), truncated at c.
    let cur = new Float64Array(c + 1);
    cur[0] = 1;
    cur[1] = 1;
    for (let j = 3; j <= n; j++) {
      const next = new Float64Array(c + 1);
      let acc = 0;
      for (let i = 0; i <= c; i++) {
        acc += cur[i];
        next[i] = n < 171 ? acc : acc / j;
      }
      if (j <= c) for (let i = c; i >= j; i--) next[i] -= next[i - j];
      cur = next;
    }
    let sum = 0;
    for (let i = 0; i <= c; i++) sum += cur[i];
    if (n < 171) {
      prob = (2 * sum) / factorial;
      pMass = cur[c] / factorial;
    } else {
      prob = sum;
      pMass = cur[c] / 2;
    }
  }
  if (alternative !== 'two-sided') prob = inRightTail === altGreater ? prob / 2 : 1 - prob / 2 + pMass;
  return Math.min(1, Math.max(0, prob));
}

/**
 * Kendall's tau-b rank correlation with its test of H0: no association.
 *
 * Convention (`scipy.stats.kendalltau(x, y, variant='b', method=…, alternative=…)`):
 * tau_b = (C − D) / √((P − X)(P − Y)) with P = n(n−1)/2 pairs, X / Y the pairs tied in x / y.
 * Asymptotic: z = (C − D)/√var, var = (n(n−1)(2n+5) − Σt(t−1)(2t+5) − Σu(u−1)(2u+5))/18
 * + 2·X·Y/(n(n−1)) + Σt(t−1)(t−2)·Σu(u−1)(u−2)/(9n(n−1)(n−2)). Exact (no ties): the permutation
 * distribution of C (Kendall 1970), SciPy's `_kendall_p_exact`. 'auto' = exact iff no ties and
 * (n <= 33 or min(D, C) <= 1). O(n log n) (merge-sort inversion count).
 *
 * Throws for fewer than two pairs, unequal lengths, non-finite values, or a constant x or y
 * (tau undefined; SciPy returns NaN).
 *
 * @example
 * const r = kendallTauB([12, 2, 1, 12, 2], [1, 4, 7, 1, 0]);
 * r.statistic; // => -0.4714045207910316
 * r.pValue; // => 0.28274545993277467
 */
export function kendallTauB(x: NumericSample, y: NumericSample, options?: KendallTauBOptions): KendallTauBResult {
  const fn = 'kendallTauB';
  const o = checkOptions(fn, options, ['alternative', 'method']);
  const alternative = o.alternative ?? 'two-sided';
  assertOneOf(fn, 'alternative', alternative, ALTERNATIVES);
  const method = o.method ?? 'auto';
  assertOneOf(fn, 'method', method, ['auto', 'exact', 'asymptotic'] as const);
  const a = checkSample(fn, 'x', x);
  const b = checkSample(fn, 'y', y);
  if (a.length !== b.length) throw new ShadowOptionError(`${fn}: x and y must have the same length (one value per pair), got ${a.length} and ${b.length}`);
  const n = a.length;
  if (n < 2) throw new ShadowOptionError(`${fn} requires at least two pairs`);

  // Order by (x, y); then discordant pairs = strict inversions of y in that order.
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  order.sort((p, q) => a[p] - a[q] || b[p] - b[q]);
  const ys = new Float64Array(n);
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    xs[i] = a[order[i]];
    ys[i] = b[order[i]];
  }
  let ntie = 0;
  for (let i = 0; i < n; ) {
    let j = i;
    while (j + 1 < n && xs[j + 1] === xs[i] && ys[j + 1] === ys[i]) j++;
    const t = j - i + 1;
    ntie += (t * (t - 1)) / 2;
    i = j + 1;
  }
  const [xtie, x0, x1] = tieSums(xs);
  const dis = countInversions(ys); // ys is now sorted
  const [ytie, y0, y1] = tieSums(ys);
  const tot = (n * (n - 1)) / 2;
  if (xtie === tot) throw new ShadowOptionError(`${fn}: x is constant, so tau is undefined`);
  if (ytie === tot) throw new ShadowOptionError(`${fn}: y is constant, so tau is undefined`);
  const conMinusDis = tot - xtie - ytie + ntie - 2 * dis;
  const tau = Math.min(1, Math.max(-1, conMinusDis / Math.sqrt(tot - xtie) / Math.sqrt(tot - ytie)));
  const ties = xtie !== 0 || ytie !== 0;
  if (method === 'exact' && ties) throw new ShadowOptionError(`${fn}: ties found, so method 'exact' cannot be used; use 'asymptotic' or 'auto'`);
  const used: 'exact' | 'asymptotic' =
    method === 'auto' ? (!ties && (n <= 33 || Math.min(dis, tot - dis) <= 1) ? 'exact' : 'asymptotic') : method;
  let p: number;
  if (used === 'exact') p = kendallPExact(n, tot - dis, alternative);
  else {
    const m = n * (n - 1);
    const v = (m * (2 * n + 5) - x1 - y1) / 18 + (2 * xtie * ytie) / m + (x0 * y0) / (9 * m * (n - 2));
    const z = conMinusDis / Math.sqrt(v);
    p = alternative === 'less' ? normalCdf(z) : alternative === 'greater' ? normalSf(z) : 2 * normalSf(Math.abs(z));
  }
  return {
    test: fn,
    method: `Kendall's tau-b (${used})`,
    statistic: tau,
    pValue: p,
    alternative,
    methodUsed: used,
    n,
    concordant: tot - xtie - ytie + ntie - dis,
    discordant: dis,
  };
}
