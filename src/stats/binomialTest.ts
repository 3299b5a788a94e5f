import { ShadowOptionError, assertNumber, assertOneOf, describeValue } from '../_internal/options.js';
import { binomialCdf, binomialPmf, binomialSf } from './distributions/binomial.js';
import { checkOptions } from './checkSample.js';
import { scipyBinarySearch } from './_internal/binarySearch.js';
import { clopperPearson } from './_internal/clopperPearson.js';
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
}

/** Result of {@link binomialTest}. */
export interface BinomialTestResult extends TestResult {
  /** The observed proportion k/n — SciPy's `statistic`. */
  statistic: number;
  k: number;
  n: number;
  /** The null probability. */
  p: number;
  /** Clopper-Pearson ("exact") interval for the success probability. */
  confidenceInterval: ConfidenceInterval;
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
  const o = checkOptions(fn, options, ['p', 'alternative', 'confidenceLevel']);
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
    confidenceInterval: clopperPearson(k, n, level, alternative),
  };
}
