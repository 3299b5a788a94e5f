import { checkAlpha, checkOptions, checkSample, type NumericSample } from './checkSample.js';
import type { DistanceInterval } from './distanceBootstrap.js';
import { ksTwoSample } from './ksTwoSample.js';

/** Options for {@link ksDistance}. */
export interface KsDistanceOptions {
  /**
   * Each end of the interval is a (1 − α) confidence bound; jointly they cover with probability ≥ 1 − α.
   * @defaultValue 0.05
   */
  alpha?: number;
}

/** Result of {@link ksDistance}. */
export interface KsDistanceResult {
  method: 'Kolmogorov-Smirnov D';
  /** D = sup_x |F_x(x) − F_y(x)|, as `scipy.stats.ks_2samp(x, y).statistic`. */
  statistic: number;
  /** Two-sided p-value of H0: same distribution, from ksTwoSample (SciPy's 'auto' choice). */
  pValue: number;
  /** 'exact' or 'asymptotic', as ksTwoSample chose. */
  pValueMethod: 'exact' | 'asymptotic';
  /** Distribution-free bounds on the population distance from the Dvoretzky–Kiefer–Wolfowitz inequality. */
  ci: DistanceInterval;
  n: { x: number; y: number };
}

/**
 * The Kolmogorov–Smirnov distance between two samples, D = sup |F_x − F_y| (the largest vertical
 * gap between the empirical CDFs, ties handled as right-continuous ECDFs), with its two-sample test
 * p-value (ksTwoSample, SciPy's `ks_2samp` conventions) and a confidence interval for the
 * population distance sup |F − G|.
 *
 * Interval: the Dvoretzky–Kiefer–Wolfowitz inequality with Massart's constant,
 * P(sup |F_n − F| > ε) ≤ 2e^{−2nε²}, holds for every distribution (continuous or not). Since
 * |D_sample − D_population| ≤ sup |F_n − F| + sup |G_m − G|, spending α/2 on each sample gives
 * ε = √(ln(4/α)/(2n_x)) + √(ln(4/α)/(2n_y)) and [max(0, D − ε), min(1, D + ε)] covers the
 * population distance with probability ≥ 1 − α; each end is a (1 − α) bound. Deterministic (no
 * seed), conservative, and valid at any n. O((n + m) log(n + m)).
 *
 * @example
 * const r = ksDistance(shadowScores, legacyScores);
 * r.statistic; // D
 * r.ci.upper; // D + ε: the population distance is below this with 95% confidence
 */
export function ksDistance(x: NumericSample, y: NumericSample, options: KsDistanceOptions = {}): KsDistanceResult {
  const fn = 'ksDistance';
  const o = checkOptions(fn, options, ['alpha']);
  const alpha = checkAlpha(fn, o.alpha);
  const a = checkSample(fn, 'x', x);
  const b = checkSample(fn, 'y', y);
  const ks = ksTwoSample(a, b);
  const eps = dkwEpsilon(a.length, alpha) + dkwEpsilon(b.length, alpha);
  return {
    method: 'Kolmogorov-Smirnov D',
    statistic: ks.statistic,
    pValue: ks.pValue,
    pValueMethod: ks.methodUsed,
    ci: {
      method: 'DKW bound',
      lower: Math.max(0, ks.statistic - eps),
      upper: Math.min(1, ks.statistic + eps),
      alpha,
      confidenceLevel: 1 - alpha,
      nResamples: 0,
    },
    n: { x: a.length, y: b.length },
  };
}

/** DKW–Massart half-width for one sample at total error α (α/2 spent on this sample). */
export function dkwEpsilon(n: number, alpha: number): number {
  return Math.sqrt(Math.log(4 / alpha) / (2 * n));
}
