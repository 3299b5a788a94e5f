import { ShadowOptionError } from '../_internal/options.js';
import { normalPpf } from './distributions/normal.js';
import { checkAlpha, checkOptions, checkSample, mean, variance, type NumericSample } from './checkSample.js';

/** Options for {@link cohensD}. */
export interface CohensDOptions {
  /**
   * The interval has level 1 − α (two-sided).
   * @defaultValue 0.05
   */
  alpha?: number;
}

/** Result of {@link cohensD}. */
export interface CohensDResult {
  method: "Cohen's d (pooled SD)";
  /** d = (mean(x) − mean(y)) / pooled SD. */
  statistic: number;
  /** Pooled standard deviation √(((n_x − 1)s_x² + (n_y − 1)s_y²)/(n_x + n_y − 2)). */
  pooledSd: number;
  /** Hedges–Olkin large-sample standard error of d. */
  se: number;
  /** d ± z_{1−α/2}·se (Hedges & Olkin 1985 normal approximation). */
  ci: [number, number];
  confidenceLevel: number;
  n: { x: number; y: number };
}

/**
 * Cohen's d: the standardised difference of two independent means,
 * d = (mean(x) − mean(y)) / s_p with the pooled SD s_p = √(((n_x − 1)s_x² + (n_y − 1)s_y²)/(n_x + n_y − 2))
 * (pass the shadow output as `x`, the legacy output as `y`). No small-sample (Hedges g)
 * correction. Interval: the Hedges–Olkin normal approximation,
 * se = √((n_x + n_y)/(n_x n_y) + d²/(2(n_x + n_y))), d ± z_{1−α/2}·se — adequate for n in the
 * tens and above; the exact noncentral-t interval is narrower-tailed for tiny samples. O(n).
 *
 * Throws for fewer than 2 values per sample, non-finite values and a zero pooled SD.
 *
 * @example
 * cohensD([2, 4, 6], [1, 3, 5]).statistic; // => 0.5
 */
export function cohensD(x: NumericSample, y: NumericSample, options: CohensDOptions = {}): CohensDResult {
  const fn = 'cohensD';
  const o = checkOptions(fn, options, ['alpha']);
  const alpha = o.alpha === undefined ? 0.05 : checkAlpha(fn, o.alpha);
  const a = checkSample(fn, 'x', x, 2);
  const b = checkSample(fn, 'y', y, 2);
  const nx = a.length;
  const ny = b.length;
  const mx = mean(a);
  const my = mean(b);
  const pooledSd = Math.sqrt(((nx - 1) * variance(a, mx) + (ny - 1) * variance(b, my)) / (nx + ny - 2));
  if (!(pooledSd > 0)) throw new ShadowOptionError(`${fn}: both samples are constant, so the pooled SD is 0 and d is undefined`);
  const d = (mx - my) / pooledSd;
  const se = Math.sqrt((nx + ny) / (nx * ny) + (d * d) / (2 * (nx + ny)));
  const z = normalPpf(1 - alpha / 2);
  return {
    method: "Cohen's d (pooled SD)",
    statistic: d,
    pooledSd,
    se,
    ci: [d - z * se, d + z * se],
    confidenceLevel: 1 - alpha,
    n: { x: nx, y: ny },
  };
}
