import { ShadowOptionError } from '../_internal/options.js';
import { checkAlpha, checkMargin, checkOptions, checkSample, mean, variance, type NumericSample } from './checkSample.js';
import { tostCore, type TostCore } from './tostCore.js';

/** Options for {@link tostWelch}. */
export interface TostWelchOptions {
  /** The equivalence margin δ > 0: mean differences inside (−δ, δ) count as equivalent. Required. */
  margin: number;
  /**
   * Level of each one-sided test; the interval reported has level 1 − 2α.
   * @defaultValue 0.05
   */
  alpha?: number;
}

/** Result of {@link tostWelch}. */
export interface TostWelchResult extends TostCore {
  method: 'Welch TOST';
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
 * Throws for fewer than 2 values per sample, non-finite values and two constant samples.
 *
 * @example
 * const r = tostWelch([0.51, 0.49, 0.5, 0.52, 0.48], [0.5, 0.47, 0.53, 0.5, 0.5], { margin: 0.05 });
 * r.equivalent; // => true
 */
export function tostWelch(x: NumericSample, y: NumericSample, options: TostWelchOptions): TostWelchResult {
  const fn = 'tostWelch';
  const o = checkOptions(fn, options, ['margin', 'alpha']);
  const margin = checkMargin(fn, o.margin);
  const alpha = checkAlpha(fn, o.alpha);
  const a = checkSample(fn, 'x', x, 2);
  const b = checkSample(fn, 'y', y, 2);
  const mx = mean(a);
  const my = mean(b);
  const vx = variance(a, mx);
  const vy = variance(b, my);
  if (!(vx > 0) && !(vy > 0)) {
    throw new ShadowOptionError(`${fn}: x and y both have zero variance, so the t statistic is undefined`);
  }
  const ex = vx / a.length;
  const ey = vy / b.length;
  const se2 = ex + ey;
  const df = (se2 * se2) / ((ex * ex) / (a.length - 1) + (ey * ey) / (b.length - 1));
  return {
    method: 'Welch TOST',
    n: { x: a.length, y: b.length },
    mean: { x: mx, y: my },
    sd: { x: Math.sqrt(vx), y: Math.sqrt(vy) },
    ...tostCore(mx - my, Math.sqrt(se2), df, margin, alpha),
  };
}
