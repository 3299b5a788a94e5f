import { ShadowOptionError } from '../_internal/options.js';
import { checkSample, type NumericSample } from './checkSample.js';
import { checkTTestOptions, meanAndSs, tInterval, tPValue, type TTestCommonOptions } from './_internal/tTestCore.js';
import type { TTestResult } from './testResult.js';

/** Options for {@link studentTTest}. */
export type StudentTTestOptions = TTestCommonOptions;

/**
 * Student's two-sample t-test with pooled variance (equal variances assumed) of H0:
 * mean(x) = mean(y).
 *
 * Convention (`scipy.stats.ttest_ind(x, y, equal_var=True, alternative=…)`): Δ = mean(x) − mean(y);
 * pooled variance s_p² = (SS_x + SS_y) / (n_x + n_y − 2); se = s_p·√(1/n_x + 1/n_y); t = Δ / se;
 * df = n_x + n_y − 2. 'less' means mean(x) < mean(y). The interval is SciPy's
 * `confidence_interval(confidence_level)` of Δ. Prefer {@link welchTTest} unless the variances are
 * known to be equal.
 *
 * Throws a TypeError for non-finite values, an empty sample, n_x + n_y < 3, or two constant samples.
 *
 * @example
 * const r = studentTTest([1, 2, 3, 4], [2, 5, 6]);
 * r.statistic; // => -1.45190011270825
 * r.pValue; // => 0.2062455150512884 (SciPy: 0.20624551505128866)
 * r.df; // => 5
 */
export function studentTTest(x: NumericSample, y: NumericSample, options?: StudentTTestOptions): TTestResult {
  const fn = 'studentTTest';
  const { alternative, confidenceLevel } = checkTTestOptions(fn, options);
  const a = checkSample(fn, 'x', x);
  const b = checkSample(fn, 'y', y);
  const n1 = a.length;
  const n2 = b.length;
  if (n1 < 1 || n2 < 1 || n1 + n2 < 3) {
    throw new ShadowOptionError(`${fn} requires at least one data point in each sample and three in total`);
  }
  const sx = meanAndSs(a);
  const sy = meanAndSs(b);
  const df = n1 + n2 - 2;
  const sp2 = (sx.ss + sy.ss) / df;
  if (!(sp2 > 0)) {
    throw new ShadowOptionError(`${fn}: x and y are both constant (zero variance), so the t statistic is undefined`);
  }
  const se = Math.sqrt(sp2 * (1 / n1 + 1 / n2));
  const estimate = sx.mean - sy.mean;
  const t = estimate / se;
  return {
    test: fn,
    method: "Student's t-test (pooled variance)",
    statistic: t,
    pValue: tPValue(t, df, alternative),
    alternative,
    df,
    estimate,
    standardError: se,
    confidenceInterval: tInterval(estimate, se, df, alternative, confidenceLevel),
    n: n1,
    n2,
  };
}
