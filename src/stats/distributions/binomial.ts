/**
 * The binomial distribution Binomial(n, p): probability mass, CDF, survival function and quantile.
 *
 * - `binomialPmf` uses Loader's saddle-point algorithm (C. Loader, "Fast and Accurate Computation of
 *   Binomial Probabilities", 2000; the method of R's `dbinom`), accurate to a few ulps even for
 *   n in the millions, where `exp(lgamma(...))` differences lose digits.
 * - `binomialCdf(k) = P(X <= k)` and `binomialSf(k) = P(X > k)` are regularized incomplete beta
 *   functions (`I_p(k+1, n-k)` and its upper form) computed directly, so both tails are accurate.
 *
 * Matches `scipy.stats.binom.pmf/cdf/sf/ppf(k, n, p)`; non-integer k is floored as SciPy does.
 */
import betainc from '@stdlib/math-base-special-betainc';
import { dbinomRaw } from './_internal/dbinom.js';
import { checkCount, checkProb, checkX } from './_internal/param.js';
import { normalPpf } from './normal.js';

function checkParams(fn: string, n: number, p: number): void {
  checkCount(fn, 'n', n);
  checkProb(fn, 'p', p);
}

/**
 * Binomial probability mass P(X = k); 0 for k outside 0..n or non-integer k.
 * Equivalent to `scipy.stats.binom.pmf(k, n, p)`.
 *
 * @example
 * binomialPmf(3, 10, 0.5); // => 0.11718750000000029
 */
export function binomialPmf(k: number, n: number, p: number): number {
  checkX('binomialPmf', 'k', k);
  checkParams('binomialPmf', n, p);
  if (!Number.isInteger(k) || k < 0 || k > n) return 0;
  return dbinomRaw(k, n, p);
}

/** P(X <= k) for integer 0 <= k < n. */
function cdfRaw(k: number, n: number, p: number): number {
  if (p === 0) return 1;
  if (p === 1) return 0;
  // P(X <= k) = 1 - I_p(k+1, n-k), evaluated as the upper incomplete beta.
  return betainc(p, k + 1, n - k, true, true);
}

/** P(X > k) for integer 0 <= k < n. */
function sfRaw(k: number, n: number, p: number): number {
  if (p === 0) return 0;
  if (p === 1) return 1;
  return betainc(p, k + 1, n - k);
}

/**
 * Binomial cumulative distribution function P(X <= k) (k floored).
 * Equivalent to `scipy.stats.binom.cdf(k, n, p)`.
 *
 * @example
 * binomialCdf(3, 10, 0.5); // => 0.171875
 */
export function binomialCdf(k: number, n: number, p: number): number {
  checkX('binomialCdf', 'k', k);
  checkParams('binomialCdf', n, p);
  const j = Math.floor(k);
  if (j < 0) return 0;
  if (j >= n) return 1;
  return cdfRaw(j, n, p);
}

/**
 * Binomial survival function P(X > k) (k floored), computed directly as I_p(k+1, n-k).
 * Equivalent to `scipy.stats.binom.sf(k, n, p)`.
 *
 * @example
 * binomialSf(8, 10, 0.5); // => 0.0107421875
 */
export function binomialSf(k: number, n: number, p: number): number {
  checkX('binomialSf', 'k', k);
  checkParams('binomialSf', n, p);
  const j = Math.floor(k);
  if (j < 0) return 1;
  if (j >= n) return 0;
  return sfRaw(j, n, p);
}

/**
 * Binomial quantile: the smallest integer k with P(X <= k) >= q. As in SciPy, `binomialPpf(0, n, p)`
 * is -1 (one below the support). Equivalent to `scipy.stats.binom.ppf(q, n, p)`.
 *
 * @example
 * binomialPpf(0.5, 10, 0.5); // => 5
 */
export function binomialPpf(q: number, n: number, p: number): number {
  checkProb('binomialPpf', 'q', q);
  checkParams('binomialPpf', n, p);
  if (q === 0) return -1;
  if (q === 1) return n;
  const cdf = (k: number) => (k < 0 ? 0 : k >= n ? 1 : cdfRaw(k, n, p));
  // Normal approximation for the start, then walk to the exact answer.
  const sd = Math.sqrt(n * p * (1 - p));
  let k = Math.min(n, Math.max(0, Math.floor(n * p + sd * normalPpf(q))));
  if (cdf(k) >= q) {
    while (k > 0 && cdf(k - 1) >= q) k--;
  } else {
    while (k < n && cdf(k) < q) k++;
  }
  return k;
}
