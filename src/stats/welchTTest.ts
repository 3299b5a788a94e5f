import { ShadowOptionError } from '../_internal/options.js';
import { checkSample, type NumericSample } from './checkSample.js';
import { checkTTestOptions, meanAndSs, tInterval, tPValue, type TTestCommonOptions } from './_internal/tTestCore.js';
import type { TTestResult } from './testResult.js';

/** Options for {@link welchTTest}. */
export type WelchTTestOptions = TTestCommonOptions;

/**
 * Welch's unequal-variances t-test of H0: mean(x) = mean(y).
 *
 * Convention (`scipy.stats.ttest_ind(x, y, equal_var=False, alternative=…)`): estimate
 * Δ = mean(x) − mean(y); se = √(s_x²/n_x + s_y²/n_y) with n − 1 variances (two-pass);
 * t = Δ / se; df by Welch–Satterthwaite, (s_x²/n_x + s_y²/n_y)² / ((s_x²/n_x)²/(n_x − 1) +
 * (s_y²/n_y)²/(n_y − 1)), non-integer; p from Student's t. 'less' means mean(x) < mean(y).
 * The interval is SciPy's `confidence_interval(confidence_level)` of Δ. O(n), no sort: suitable
 * for millions of values.
 *
 * Throws a TypeError for non-finite values, fewer than two values in either sample, or two
 * constant samples (SciPy returns ±inf or NaN there).
 *
 * @example
 * const r = welchTTest([1, 2, 3, 4], [2, 5, 6]);
 * r.statistic; // => -1.3438638879193572
 * r.df; // => 3.1457603363700066
 * r.pValue; // => 0.2677037218321111 (SciPy: 0.26770372183211105)
 */
export function welchTTest(x: NumericSample, y: NumericSample, options?: WelchTTestOptions): TTestResult {
  const fn = 'welchTTest';
  const { alternative, confidenceLevel } = checkTTestOptions(fn, options);
  // a Float64Array is read in place (no copy) in meanAndSs's two passes: with any non-finite value
  // the sums are non-finite, and checkSample then names the first bad index
  const stats = (v: NumericSample, name: string) => {
    if (v instanceof Float64Array && v.length >= 2) {
      const r = meanAndSs(v);
      if (Number.isFinite(r.mean) && Number.isFinite(r.ss)) return { n: v.length, ...r };
    }
    const c = checkSample(fn, name, v);
    return { n: c.length, ...(c.length >= 2 ? meanAndSs(c) : { mean: NaN, ss: NaN }) };
  };
  const sx = stats(x, 'x');
  const sy = stats(y, 'y');
  if (sx.n < 2 || sy.n < 2) throw new ShadowOptionError(`${fn} requires at least two data points in each sample`);
  const n1 = sx.n;
  const n2 = sy.n;
  const ex = sx.ss / (n1 - 1) / n1;
  const ey = sy.ss / (n2 - 1) / n2;
  const se2 = ex + ey;
  if (!(se2 > 0)) {
    throw new ShadowOptionError(`${fn}: x and y are both constant (zero variance), so the t statistic is undefined`);
  }
  const df = (se2 * se2) / ((ex * ex) / (n1 - 1) + (ey * ey) / (n2 - 1));
  const se = Math.sqrt(se2);
  const estimate = sx.mean - sy.mean;
  const t = estimate / se;
  return {
    test: fn,
    method: "Welch's t-test (unequal variances)",
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

