import { ShadowOptionError } from '../_internal/options.js';
import { checkSample, type NumericSample } from './checkSample.js';
import { checkTTestOptions, oneSampleCore, type TTestCommonOptions } from './_internal/tTestCore.js';
import type { TTestResult } from './testResult.js';

/** Options for {@link pairedTTest}. */
export type PairedTTestOptions = TTestCommonOptions;

/**
 * Paired t-test of H0: mean(x − y) = 0, for x[i] and y[i] measured on the same unit.
 *
 * Convention (`scipy.stats.ttest_rel(x, y, alternative=…)`): the one-sample t-test on
 * d[i] = x[i] − y[i]; t = mean(d) / (s_d/√n), df = n − 1. `estimate` is mean(d) and the interval
 * is SciPy's `confidence_interval()` of it. 'less' means x tends to be smaller than y.
 *
 * Throws a TypeError for non-finite values, unequal lengths, fewer than two pairs, or constant
 * differences.
 *
 * @example
 * const r = pairedTTest([1.1, 2.3, 2.9, 4.2], [1, 2, 3, 4]);
 * r.statistic; // => 1.4638501094227996
 * r.pValue; // => 0.2394425986360027 (SciPy: 0.23944259863600298)
 */
export function pairedTTest(x: NumericSample, y: NumericSample, options?: PairedTTestOptions): TTestResult {
  const fn = 'pairedTTest';
  const { alternative, confidenceLevel } = checkTTestOptions(fn, options);
  const a = checkSample(fn, 'x', x);
  const b = checkSample(fn, 'y', y);
  if (a.length !== b.length) {
    throw new ShadowOptionError(`${fn}: x and y must have the same length (one value per pair), got ${a.length} and ${b.length}`);
  }
  const d = new Float64Array(a.length);
  for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  return oneSampleCore(fn, d, 0, alternative, confidenceLevel, 'Paired t-test');
}
