import { ShadowOptionError, assertNumber, assertOneOf } from '../../_internal/options.js';
import { tCdf, tPpf, tSf } from '../distributions/studentT.js';
import { checkOptions } from '../checkSample.js';
import { ALTERNATIVES, type Alternative, type ConfidenceInterval, type TTestResult } from '../testResult.js';

/** Options shared by the t-tests. */
export interface TTestCommonOptions {
  /**
   * The alternative hypothesis about the mean (difference) relative to the null value.
   * @defaultValue 'two-sided'
   */
  alternative?: Alternative;
  /**
   * Coverage of the reported confidence interval (one-sided for one-sided alternatives).
   * @defaultValue 0.95
   */
  confidenceLevel?: number;
}

/** Validates the t-test options and returns them with defaults filled in. */
export function checkTTestOptions(
  fn: string,
  options: unknown,
  extra: readonly string[] = [],
): { alternative: Alternative; confidenceLevel: number; rest: Record<string, unknown> } {
  const o = checkOptions(fn, options as Record<string, unknown> | undefined, ['alternative', 'confidenceLevel', ...extra]);
  const alternative = (o.alternative ?? 'two-sided') as Alternative;
  assertOneOf(fn, 'alternative', alternative, ALTERNATIVES);
  const confidenceLevel = (o.confidenceLevel ?? 0.95) as number;
  assertNumber(fn, 'confidenceLevel', confidenceLevel, { min: 0, max: 1 });
  if (confidenceLevel === 0 || confidenceLevel === 1) {
    throw new ShadowOptionError(`${fn}: confidenceLevel must be in (0, 1), got ${confidenceLevel}`);
  }
  return { alternative, confidenceLevel, rest: o };
}

/** p-value of t under the alternative, as scipy.stats._stats_py._get_pvalue. */
export function tPValue(t: number, df: number, alternative: Alternative): number {
  if (alternative === 'less') return tCdf(t, df);
  if (alternative === 'greater') return tSf(t, df);
  return Math.min(1, 2 * tSf(Math.abs(t), df));
}

/**
 * Confidence interval estimate ± q·se as SciPy's TtestResult.confidence_interval: two-sided uses
 * the (1 ± level)/2 t quantiles; 'less' gives (−∞, estimate + t_level·se]; 'greater' gives
 * [estimate + t_{1−level}·se, ∞).
 */
export function tInterval(estimate: number, se: number, df: number, alternative: Alternative, level: number): ConfidenceInterval {
  if (alternative === 'less') return { lower: -Infinity, upper: estimate + tPpf(level, df) * se, level };
  if (alternative === 'greater') return { lower: estimate + tPpf(1 - level, df) * se, upper: Infinity, level };
  const tail = (1 - level) / 2;
  return { lower: estimate + tPpf(tail, df) * se, upper: estimate + tPpf(1 - tail, df) * se, level };
}

/** Sum and two-pass sum of squared deviations of a sample. */
export function meanAndSs(x: Float64Array): { mean: number; ss: number } {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let ss = 0;
  let c = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    ss += d * d;
    c += d;
  }
  return { mean, ss: ss - (c * c) / n };
}

/** Shared by the one-sample and paired tests. */
export function oneSampleCore(
  fn: string,
  a: Float64Array,
  mu: number,
  alternative: TTestResult['alternative'],
  confidenceLevel: number,
  method: string,
): TTestResult {
  const n = a.length;
  if (n < 2) throw new ShadowOptionError(`${fn} requires at least two data points`);
  const s = meanAndSs(a);
  if (!(s.ss > 0)) throw new ShadowOptionError(`${fn}: the ${fn === 'pairedTTest' ? 'differences are' : 'sample is'} constant (zero variance), so the t statistic is undefined`);
  const df = n - 1;
  const se = Math.sqrt(s.ss / df / n);
  const t = (s.mean - mu) / se;
  return {
    test: fn,
    method,
    statistic: t,
    pValue: tPValue(t, df, alternative),
    alternative,
    df,
    estimate: s.mean,
    standardError: se,
    confidenceInterval: tInterval(s.mean, se, df, alternative, confidenceLevel),
    n,
  };
}
