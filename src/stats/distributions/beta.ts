/**
 * The beta distribution Beta(a, b) on [0, 1]: CDF, survival function, quantile and inverse survival
 * function, on the regularized incomplete beta function I_x(a, b) and its inverse
 * (`@stdlib/math-base-special-betainc`, `-betaincinv`), with the upper tail computed directly.
 * Matches `scipy.stats.beta.cdf/sf/ppf/isf(x, a, b)`.
 */
import betainc from '@stdlib/math-base-special-betainc';
import { betaincinvPolished as betaincinv } from './_internal/betaincinvPolished.js';
import { checkPositive, checkProb, checkX } from './_internal/param.js';

function checkShape(fn: string, a: number, b: number): void {
  checkPositive(fn, 'a', a);
  checkPositive(fn, 'b', b);
}

/**
 * Beta cumulative distribution function I_x(a, b). Equivalent to `scipy.stats.beta.cdf(x, a, b)`.
 *
 * @example
 * betaCdf(0.5, 2, 3); // => 0.6875
 */
export function betaCdf(x: number, a: number, b: number): number {
  checkX('betaCdf', 'x', x);
  checkShape('betaCdf', a, b);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return betainc(x, a, b);
}

/**
 * Beta survival function 1 - I_x(a, b), computed directly as the upper incomplete beta.
 * Equivalent to `scipy.stats.beta.sf(x, a, b)`.
 *
 * @example
 * betaSf(0.5, 2, 3); // => 0.3125
 */
export function betaSf(x: number, a: number, b: number): number {
  checkX('betaSf', 'x', x);
  checkShape('betaSf', a, b);
  if (x <= 0) return 1;
  if (x >= 1) return 0;
  return betainc(x, a, b, true, true);
}

/**
 * Beta quantile (inverse CDF). Equivalent to `scipy.stats.beta.ppf(p, a, b)`; used for the
 * Clopper-Pearson interval.
 *
 * @example
 * betaPpf(0.6875, 2, 3); // => 0.5
 */
export function betaPpf(p: number, a: number, b: number): number {
  checkProb('betaPpf', 'p', p);
  checkShape('betaPpf', a, b);
  if (p === 0) return 0;
  if (p === 1) return 1;
  return betaincinv(p, a, b);
}

/**
 * Beta inverse survival function: the x with P(X > x) = q. Equivalent to `scipy.stats.beta.isf(q, a, b)`.
 *
 * @example
 * betaIsf(0.3125, 2, 3); // => 0.5
 */
export function betaIsf(q: number, a: number, b: number): number {
  checkProb('betaIsf', 'q', q);
  checkShape('betaIsf', a, b);
  if (q === 0) return 1;
  if (q === 1) return 0;
  return betaincinv(q, a, b, true);
}
