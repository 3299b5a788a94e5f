import { assertNumber } from '../_internal/options.js';
import { checkSample, type NumericSample } from './checkSample.js';
import { checkTTestOptions, oneSampleCore, type TTestCommonOptions } from './_internal/tTestCore.js';
import type { TTestResult } from './testResult.js';

/** Options for {@link oneSampleTTest}. */
export interface OneSampleTTestOptions extends TTestCommonOptions {
  /**
   * The hypothesised population mean μ0.
   * @defaultValue 0
   */
  mu?: number;
}

/**
 * One-sample t-test of H0: mean = μ0.
 *
 * Convention (`scipy.stats.ttest_1samp(x, popmean=mu, alternative=…)`): t = (mean − μ0) / (s/√n)
 * with the n − 1 standard deviation; df = n − 1. As in SciPy, `estimate` and the confidence
 * interval are for the population mean itself (not mean − μ0).
 *
 * Throws a TypeError for non-finite values, fewer than two values, or a constant sample.
 *
 * @example
 * const r = oneSampleTTest([1, 2, 3, 4], { mu: 1 });
 * r.statistic; // => 2.32379000772445
 * r.pValue; // => 0.10272807885839903 (SciPy: 0.10272807885839899)
 * r.df; // => 3
 */
export function oneSampleTTest(x: NumericSample, options?: OneSampleTTestOptions): TTestResult {
  const fn = 'oneSampleTTest';
  const { alternative, confidenceLevel, rest } = checkTTestOptions(fn, options, ['mu']);
  const mu = rest.mu ?? 0;
  assertNumber(fn, 'mu', mu);
  const a = checkSample(fn, 'x', x);
  return oneSampleCore(fn, a, mu, alternative, confidenceLevel, 'One-sample t-test');
}
