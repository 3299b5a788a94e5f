/**
 * The chi-square distribution with `df` degrees of freedom (real df > 0): CDF, survival function,
 * quantile and inverse survival function, on the regularized incomplete gamma function
 * (stdlib for df <= 200, a cancellation-free series/continued fraction above; see
 * _internal/incompleteGamma.ts) and its inverse. The survival function is the upper
 * incomplete gamma Q(df/2, x/2) computed directly, so `chiSquareSf(200, 10)` keeps full precision.
 * Matches `scipy.stats.chi2.cdf/sf/ppf/isf(x, df)`.
 */
import { regGamma, regGammaInv } from './_internal/incompleteGamma.js';
import { checkPositive, checkProb, checkX } from './_internal/param.js';

/**
 * Chi-square cumulative distribution function P(X <= x) = P(df/2, x/2). Equivalent to
 * `scipy.stats.chi2.cdf(x, df)`.
 *
 * @example
 * chiSquareCdf(3.841458820694124, 1); // => 0.95
 */
export function chiSquareCdf(x: number, df: number): number {
  checkX('chiSquareCdf', 'x', x);
  checkPositive('chiSquareCdf', 'df', df);
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  return regGamma(df / 2, x / 2, false);
}

/**
 * Chi-square survival function P(X > x) = Q(df/2, x/2), the upper regularized incomplete gamma
 * computed directly. Equivalent to `scipy.stats.chi2.sf(x, df)`.
 *
 * @example
 * chiSquareSf(200, 10); // => 1.6139305336977307e-37
 */
export function chiSquareSf(x: number, df: number): number {
  checkX('chiSquareSf', 'x', x);
  checkPositive('chiSquareSf', 'df', df);
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  return regGamma(df / 2, x / 2, true);
}

/**
 * Chi-square quantile (inverse CDF). Equivalent to `scipy.stats.chi2.ppf(p, df)`.
 *
 * @example
 * chiSquarePpf(0.95, 1); // => 3.8414588206941245
 */
export function chiSquarePpf(p: number, df: number): number {
  checkProb('chiSquarePpf', 'p', p);
  checkPositive('chiSquarePpf', 'df', df);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  return p > 0.5 ? 2 * regGammaInv(1 - p, df / 2, true) : 2 * regGammaInv(p, df / 2, false);
}

/**
 * Chi-square inverse survival function: the x with P(X > x) = q, accurate for tiny q.
 * Equivalent to `scipy.stats.chi2.isf(q, df)`.
 *
 * @example
 * chiSquareIsf(0.05, 1); // => 3.8414588206941263
 */
export function chiSquareIsf(q: number, df: number): number {
  checkProb('chiSquareIsf', 'q', q);
  checkPositive('chiSquareIsf', 'df', df);
  if (q === 1) return 0;
  if (q === 0) return Infinity;
  return q > 0.5 ? 2 * regGammaInv(1 - q, df / 2, false) : 2 * regGammaInv(q, df / 2, true);
}
