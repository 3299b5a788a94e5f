import { ShadowOptionError } from '../_internal/options.js';
import { checkAlpha, checkOptions, checkSample, mean, variance, type NumericSample } from './checkSample.js';
import { checkEquivalenceRegion, isZeroVariance, maxAbs, tostCore, type EquivalenceBounds, type TostCore } from './tostCore.js';

/** Options for {@link tostPaired}. */
export interface TostPairedOptions {
  /** The equivalence margin δ > 0: differences inside (−δ, δ) count as equivalent. Required unless `bounds` is given. */
  margin?: number;
  /**
   * Asymmetric region instead of `margin`: the mean difference must be shown inside (low, high);
   * `{ low: -0.01, high: Infinity }` is "may be better, not worse by more than 0.01"
   * (statsmodels' `ttost_paired(x, y, low, upp)`).
   */
  bounds?: EquivalenceBounds;
  /**
   * Level of each one-sided test; the interval reported has level 1 − 2α.
   * @defaultValue 0.05
   */
  alpha?: number;
}

/** Result of {@link tostPaired}. */
export interface TostPairedResult extends TostCore {
  method: 'paired TOST';
  /** Number of pairs. */
  n: number;
  /** Standard deviation of the differences x[i] − y[i]. */
  sd: number;
}

/**
 * Paired two one-sided tests (TOST, Schuirmann 1987) for equivalence of means: are the paired
 * differences `x[i] − y[i]` shown to lie, on average, inside (−margin, margin)?
 *
 * Convention: d = x − y (pass the shadow output as `x`, the legacy output as `y`), mean d̄, sample
 * SD s (n − 1), se = s/√n, df = n − 1. Lower test H0: μ_d ≤ −δ with t = (d̄ + δ)/se and
 * p = P(T ≥ t); upper test H0: μ_d ≥ δ with t = (d̄ − δ)/se and p = P(T ≤ t); TOST p = max of
 * the two. The interval is d̄ ± t_{1−α, n−1}·se, the (1 − 2α) two-sided t interval.
 * Equivalence is declared iff that interval lies inside (−δ, δ), which is the same decision as
 * TOST p < α. Each one-sided test equals `scipy.stats.ttest_rel(x, y, alternative=…)` on the data
 * shifted by ±δ. O(n).
 *
 * With `bounds: { low, high }` the region is (low, high): t = (d̄ − low)/se and (d̄ − high)/se, and
 * equivalence iff the interval lies inside (low, high); an infinite end makes that test vacuous
 * (its p-value 0), leaving a one-sided non-inferiority test.
 *
 * Throws for fewer than 2 pairs, non-finite values, unequal lengths and constant differences
 * (se = 0, the t statistic is undefined). Constant means constant up to rounding: an SD of the
 * differences ≤ 64·ε·max|x, y| (a shift computed in floating point) counts as zero.
 *
 * @example
 * const r = tostPaired([1.02, 0.98, 1.01, 1.0, 0.99, 1.03], [1, 1, 1, 1, 1, 1], { margin: 0.05 });
 * r.ci; // => [-0.01039, 0.02039] (approximately; SciPy ttest_rel(x, y).confidence_interval(0.9))
 * r.pValue; // => 0.0010012 (approximately)
 * r.equivalent; // => true
 */
export function tostPaired(x: NumericSample, y: NumericSample, options: TostPairedOptions): TostPairedResult {
  const fn = 'tostPaired';
  const o = checkOptions(fn, options, ['margin', 'bounds', 'alpha']);
  const region = checkEquivalenceRegion(fn, o.margin, o.bounds);
  const alpha = checkAlpha(fn, o.alpha);
  const a = checkSample(fn, 'x', x);
  const b = checkSample(fn, 'y', y);
  if (a.length !== b.length) {
    throw new ShadowOptionError(`${fn}: x and y must be paired (the same length), got ${a.length} and ${b.length}`);
  }
  if (a.length < 2) throw new ShadowOptionError(`${fn}: needs at least 2 pairs, got ${a.length}`);
  const d = new Float64Array(a.length);
  for (let i = 0; i < d.length; i++) d[i] = a[i] - b[i];
  const m = mean(d);
  const v = variance(d, m);
  if (isZeroVariance(v, Math.max(maxAbs(a), maxAbs(b)))) {
    throw new ShadowOptionError(`${fn}: the differences x − y have zero variance (first difference ${d[0]}), so the t statistic is undefined`);
  }
  const sd = Math.sqrt(v);
  const n = d.length;
  return { method: 'paired TOST', n, sd, ...tostCore(m, sd / Math.sqrt(n), n - 1, region.low, region.high, alpha, region.margin) };
}
