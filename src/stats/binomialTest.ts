import { ShadowOptionError, assertNumber, assertOneOf, describeValue } from '../_internal/options.js';
import { binomialCdf, binomialPmf, binomialSf } from './distributions/binomial.js';
import { checkOptions } from './checkSample.js';
import { scipyBinarySearch } from './_internal/binarySearch.js';
import { clopperPearson } from './_internal/clopperPearson.js';
import { normalPpf } from './distributions/normal.js';
import { ALTERNATIVES, type Alternative, type ConfidenceInterval, type TestResult } from './testResult.js';

/** Options for {@link binomialTest}. */
export interface BinomialTestOptions {
  /**
   * The success probability under H0.
   * @defaultValue 0.5
   */
  p?: number;
  /**
   * 'less': the true probability is below `p`; 'greater': above.
   * @defaultValue 'two-sided'
   */
  alternative?: Alternative;
  /**
   * Coverage of the Clopper-Pearson interval (one-sided for one-sided alternatives).
   * @defaultValue 0.95
   */
  confidenceLevel?: number;
  /**
   * The interval for the success probability, as SciPy's `proportion_ci(method=…)`: 'exact'
   * (Clopper-Pearson), 'wilson' (score interval) or 'wilsoncc' (score interval with continuity
   * correction, Newcombe 1998).
   * @defaultValue 'exact'
   */
  ciMethod?: 'exact' | 'wilson' | 'wilsoncc';
}

/** Result of {@link binomialTest}. */
export interface BinomialTestResult extends TestResult {
  /** The observed proportion k/n — SciPy's `statistic`. */
  statistic: number;
  k: number;
  n: number;
  /** The null probability. */
  p: number;
  /** Interval for the success probability (Clopper-Pearson unless `ciMethod` says otherwise). */
  confidenceInterval: ConfidenceInterval;
  ciMethod: 'exact' | 'wilson' | 'wilsoncc';
}

/**
 * Exact binomial test of H0: the success probability is `p`, from k successes in n trials.
 *
 * Convention (`scipy.stats.binomtest(k, n, p, alternative=…)`): 'less' = P(X <= k), 'greater' =
 * P(X >= k); 'two-sided' sums the probabilities of all outcomes no more likely than k, with
 * SciPy's relative tolerance 1 + 1e-7 and binary search for the cut on the other side of the mode.
 * The interval is `proportion_ci(method='exact')` (Clopper-Pearson), computed here from beta
 * quantiles exactly; SciPy finds the same limits by root finding (brentq, xtol 2e-12), so the
 * two agree to about 1e-11 absolute.
 *
 * @example
 * const r = binomialTest(3, 15, { p: 0.1 });
 * r.pValue; // => 0.18406106910639106
 * r.confidenceInterval; // => { lower: 0.04331200510583662, upper: 0.48089113380685305, level: 0.95 }
 */
export function binomialTest(k: number, n: number, options?: BinomialTestOptions): BinomialTestResult {
  const fn = 'binomialTest';
  const o = checkOptions(fn, options, ['p', 'alternative', 'confidenceLevel', 'ciMethod']);
  const ciMethod = o.ciMethod ?? 'exact';
  assertOneOf(fn, 'ciMethod', ciMethod, ['exact', 'wilson', 'wilsoncc'] as const);
  assertNumber(fn, 'n', n, { min: 1, integer: true });
  assertNumber(fn, 'k', k, { min: 0, integer: true });
  if (k > n) throw new ShadowOptionError(`${fn}: k must be <= n (${n}), got ${describeValue(k)}`);
  const p = o.p ?? 0.5;
  assertNumber(fn, 'p', p, { min: 0, max: 1 });
  const alternative = o.alternative ?? 'two-sided';
  assertOneOf(fn, 'alternative', alternative, ALTERNATIVES);
  const level = o.confidenceLevel ?? 0.95;
  assertNumber(fn, 'confidenceLevel', level, { min: 0, max: 1 });
  if (level === 0 || level === 1) throw new ShadowOptionError(`${fn}: confidenceLevel must be in (0, 1), got ${level}`);
  let pval: number;
  if (alternative === 'less') pval = binomialCdf(k, n, p);
  else if (alternative === 'greater') pval = binomialSf(k - 1, n, p);
  else {
    const d = binomialPmf(k, n, p);
    const rerr = 1 + 1e-7;
    if (k === p * n) pval = 1;
    else if (k < p * n) {
      const ix = scipyBinarySearch((x) => -binomialPmf(x, n, p), -d * rerr, Math.ceil(p * n), n);
      const y = n - ix + (d * rerr === binomialPmf(ix, n, p) ? 1 : 0);
      pval = binomialCdf(k, n, p) + binomialSf(n - y, n, p);
    } else {
      const ix = scipyBinarySearch((x) => binomialPmf(x, n, p), d * rerr, 0, Math.floor(p * n));
      const y = ix + 1;
      pval = binomialCdf(y - 1, n, p) + binomialSf(k - 1, n, p);
    }
    pval = Math.min(1, pval);
  }
  return {
    test: fn,
    method: 'Exact binomial test',
    statistic: k / n,
    pValue: pval,
    alternative,
    k,
    n,
    p,
    confidenceInterval: ciMethod === 'exact' ? clopperPearson(k, n, level, alternative) : wilsonInterval(k, n, level, alternative, ciMethod === 'wilsoncc'),
    ciMethod,
  };
}

/**
 * Wilson score interval, optionally with continuity correction, exactly as SciPy's
 * `_binom_wilson_conf_int` (Newcombe 1998): z = Φ⁻¹(0.5 + level/2) two-sided, Φ⁻¹(level) one-sided;
 * centre (2np + z²)/(2(n + z²)); the ends at k = 0 and k = n are 0 and 1.
 */
function wilsonInterval(k: number, n: number, level: number, alternative: Alternative, correction: boolean): ConfidenceInterval {
  const p = k / n;
  const q = 1 - p;
  const z = alternative === 'two-sided' ? normalPpf(0.5 + 0.5 * level) : normalPpf(level);
  const denom = 2 * (n + z * z);
  const center = (2 * n * p + z * z) / denom;
  let lower: number;
  let upper: number;
  if (correction) {
    lower = alternative === 'less' || k === 0 ? 0 : center - (1 + z * Math.sqrt(z * z - 2 - 1 / n + 4 * p * (n * q + 1))) / denom;
    upper = alternative === 'greater' || k === n ? 1 : center + (1 + z * Math.sqrt(z * z + 2 - 1 / n + 4 * p * (n * q - 1))) / denom;
  } else {
    const delta = (z / denom) * Math.sqrt(4 * n * p * q + z * z);
    lower = alternative === 'less' || k === 0 ? 0 : center - delta;
    upper = alternative === 'greater' || k === n ? 1 : center + delta;
  }
  return { lower, upper, level };
}
