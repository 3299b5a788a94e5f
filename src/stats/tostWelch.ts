import { ShadowOptionError, describeValue } from '../_internal/options.js';
import { checkAlpha, checkOptions, checkSample, mean, variance, type NumericSample } from './checkSample.js';
import { checkEquivalenceRegion, isZeroVariance, maxAbs, tostCore, type EquivalenceBounds, type TostCore } from './tostCore.js';

/** Options for {@link tostWelch}. */
export interface TostWelchOptions {
  /** The equivalence margin δ > 0: mean differences inside (−δ, δ) count as equivalent. Required unless `bounds` is given. */
  margin?: number;
  /**
   * Asymmetric region instead of `margin`: mean(x) − mean(y) must be shown inside (low, high);
   * `{ low: -0.01, high: Infinity }` is "may be better, not worse by more than 0.01".
   */
  bounds?: EquivalenceBounds;
  /**
   * Pooled variance (Student's TOST, `scipy.stats.ttest_ind(..., equal_var=True)`) instead of Welch's.
   * @defaultValue false
   */
  equalVariance?: boolean;
  /**
   * Level of each one-sided test; the interval reported has level 1 − 2α.
   * @defaultValue 0.05
   */
  alpha?: number;
}

/** Result of {@link tostWelch}. */
export interface TostWelchResult extends TostCore {
  method: 'Welch TOST' | 'Student TOST';
  n: { x: number; y: number };
  mean: { x: number; y: number };
  sd: { x: number; y: number };
}

/**
 * Two one-sided tests (TOST) for equivalence of two independent means with unequal variances
 * (Welch): is mean(x) − mean(y) shown to lie inside (−margin, margin)?
 *
 * Convention: the difference is mean(x) − mean(y) (pass the shadow output as `x`, the legacy
 * output as `y`); se = √(s_x²/n_x + s_y²/n_y) with n − 1 variances; df by Welch–Satterthwaite,
 * df = se⁴ / ((s_x²/n_x)²/(n_x − 1) + (s_y²/n_y)²/(n_y − 1)) (non-integer). Lower test H0:
 * Δ ≤ −δ, t = (Δ̂ + δ)/se, p = P(T ≥ t); upper test H0: Δ ≥ δ, t = (Δ̂ − δ)/se, p = P(T ≤ t);
 * TOST p = max. Interval: Δ̂ ± t_{1−α, df}·se (level 1 − 2α). Equivalence iff the interval is
 * inside (−δ, δ) (same decision as p < α). Each one-sided test equals
 * `scipy.stats.ttest_ind(x ± δ, y, equal_var=False, alternative=…)`. O(n).
 *
 * `equalVariance: true` gives Student's (pooled) TOST: s_p² = ((n_x − 1)s_x² + (n_y − 1)s_y²)/(n_x + n_y − 2),
 * se = s_p·√(1/n_x + 1/n_y), df = n_x + n_y − 2 (`ttest_ind(x ± δ, y, equal_var=True)`). With
 * `bounds: { low, high }` the region is (low, high) (an infinite end leaves a one-sided test).
 *
 * Throws for fewer than 2 values per sample, non-finite values and two constant samples (constant
 * up to rounding: SD ≤ 64·ε·max|value| of that sample).
 *
 * @example
 * const r = tostWelch([0.51, 0.49, 0.5, 0.52, 0.48], [0.5, 0.47, 0.53, 0.5, 0.5], { margin: 0.05 });
 * r.equivalent; // => true
 */
export function tostWelch(x: NumericSample, y: NumericSample, options: TostWelchOptions): TostWelchResult {
  const fn = 'tostWelch';
  const o = checkOptions(fn, options, ['margin', 'bounds', 'alpha', 'equalVariance']);
  const region = checkEquivalenceRegion(fn, o.margin, o.bounds);
  const pooled = o.equalVariance ?? false;
  if (typeof pooled !== 'boolean') throw new ShadowOptionError(`${fn}: equalVariance must be a boolean, got ${describeValue(pooled)}`);
  const alpha = checkAlpha(fn, o.alpha);
  const a = checkSample(fn, 'x', x, 2);
  const b = checkSample(fn, 'y', y, 2);
  const mx = mean(a);
  const my = mean(b);
  const vx = variance(a, mx);
  const vy = variance(b, my);
  if (isZeroVariance(vx, maxAbs(a)) && isZeroVariance(vy, maxAbs(b))) {
    throw new ShadowOptionError(`${fn}: x and y both have zero variance, so the t statistic is undefined`);
  }
  const nx = a.length;
  const ny = b.length;
  let se2: number;
  let df: number;
  if (pooled) {
    df = nx + ny - 2;
    se2 = (((nx - 1) * vx + (ny - 1) * vy) / df) * (1 / nx + 1 / ny);
  } else {
    const ex = vx / nx;
    const ey = vy / ny;
    se2 = ex + ey;
    df = (se2 * se2) / ((ex * ex) / (nx - 1) + (ey * ey) / (ny - 1));
  }
  return {
    method: pooled ? 'Student TOST' : 'Welch TOST',
    n: { x: nx, y: ny },
    mean: { x: mx, y: my },
    sd: { x: Math.sqrt(vx), y: Math.sqrt(vy) },
    ...tostCore(mx - my, Math.sqrt(se2), df, region.low, region.high, alpha, region.margin),
  };
}
