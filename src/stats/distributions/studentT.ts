/**
 * Student's t distribution with `df` degrees of freedom (any real df > 0, as Welch's test needs;
 * `df = Infinity` is the standard normal): CDF, survival function, quantile, inverse survival
 * function and density.
 *
 * Built on the regularized incomplete beta function (`@stdlib/math-base-special-betainc`) and its
 * inverse, with the tail computed directly (`tSf(40, 3)` = 1.7e-5 to full precision), choosing
 * between I_x(df/2, 1/2) and its complement I_{1-x}(1/2, df/2) so neither tail nor the centre loses
 * digits. Matches `scipy.stats.t.cdf/sf/ppf/isf/pdf(x, df)`.
 */
import betainc from '@stdlib/math-base-special-betainc';
import { betaincinvPolished as betaincinv } from './_internal/betaincinvPolished.js';
import gammaln from '@stdlib/math-base-special-gammaln';
import { normalCdf, normalIsf, normalPdf, normalPpf } from './normal.js';
import { checkPositive, checkProb, checkX } from './_internal/param.js';

/** P(T <= x) for x <= 0 (the lower tail), without the argument checks. */
function lowerTail(x: number, df: number): number {
  if (x === -Infinity) return 0;
  const x2 = x * x;
  // P(|T| > |x|) = I_{df/(df+x²)}(df/2, 1/2) = 1 − I_{x²/(df+x²)}(1/2, df/2). Each form is
  // evaluated where its argument keeps its digits (x²/(df+x²) when x² < df, df/(df+x²) otherwise),
  // and the tail is always the incomplete beta itself, never 0.5 − 0.5·I: that difference cancels
  // to a multiple of 2⁻⁵³ (or 0) in the far tail at large df (t = −10, df = 1000 is 8.3e-23).
  if (x2 < df) return 0.5 * betainc(x2 / (df + x2), 0.5, df / 2, true, true);
  return 0.5 * betainc(df / (df + x2), df / 2, 0.5);
}

/** The t with P(T > t) = q for q in (0, 0.5] (t >= 0), without the argument checks. */
function upperQuantile(q: number, df: number): number {
  const twoQ = 2 * q; // P(|T| > t)
  if (twoQ < 0.5) {
    // far tail: x = df/(df+t²) is small, t² = df (1 - x) / x
    const x = betaincinv(twoQ, df / 2, 0.5);
    return Math.sqrt((df * (1 - x)) / x);
  }
  // near the centre: y = t²/(df+t²) is small, t² = df y / (1 - y)
  const y = betaincinv(1 - twoQ, 0.5, df / 2);
  return Math.sqrt((df * y) / (1 - y));
}

/**
 * Student's t cumulative distribution function P(T <= x). Equivalent to `scipy.stats.t.cdf(x, df)`.
 *
 * @example
 * tCdf(2.0, 10); // => 0.9633059826146297
 * tCdf(-40, 3); // => 0.00001719034039457926
 */
export function tCdf(x: number, df: number): number {
  checkX('tCdf', 'x', x);
  checkPositive('tCdf', 'df', df, true);
  if (df === Infinity) return normalCdf(x);
  return x <= 0 ? lowerTail(x, df) : 1 - lowerTail(-x, df);
}

/**
 * Student's t survival function P(T > x), computed directly in the upper tail (not `1 - cdf`).
 * Equivalent to `scipy.stats.t.sf(x, df)`.
 *
 * @example
 * tSf(40, 3); // => 0.00001719034039457926
 */
export function tSf(x: number, df: number): number {
  checkX('tSf', 'x', x);
  checkPositive('tSf', 'df', df, true);
  if (df === Infinity) return normalCdf(-x);
  return x >= 0 ? lowerTail(-x, df) : 1 - lowerTail(x, df);
}

/**
 * Student's t quantile (inverse CDF): the x with P(T <= x) = p. Equivalent to
 * `scipy.stats.t.ppf(p, df)`.
 *
 * @example
 * tPpf(0.975, 10); // => 2.2281388519862744
 */
export function tPpf(p: number, df: number): number {
  checkProb('tPpf', 'p', p);
  checkPositive('tPpf', 'df', df, true);
  if (df === Infinity) return normalPpf(p);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  if (p === 0.5) return 0;
  return p < 0.5 ? -upperQuantile(p, df) : upperQuantile(1 - p, df);
}

/**
 * Student's t inverse survival function: the x with P(T > x) = q, accurate for tiny q.
 * Equivalent to `scipy.stats.t.isf(q, df)`.
 *
 * @example
 * tIsf(0.025, 10); // => 2.228138851986275
 */
export function tIsf(q: number, df: number): number {
  checkProb('tIsf', 'q', q);
  checkPositive('tIsf', 'df', df, true);
  if (df === Infinity) return normalIsf(q);
  if (q === 0) return Infinity;
  if (q === 1) return -Infinity;
  if (q === 0.5) return 0;
  return q < 0.5 ? upperQuantile(q, df) : -upperQuantile(1 - q, df);
}

/**
 * Student's t probability density. Equivalent to `scipy.stats.t.pdf(x, df)`.
 *
 * @example
 * tPdf(0, 1); // => 0.3183098861837907 (1/π)
 */
export function tPdf(x: number, df: number): number {
  checkX('tPdf', 'x', x);
  checkPositive('tPdf', 'df', df, true);
  if (df === Infinity) return normalPdf(x);
  const logC = gammaln((df + 1) / 2) - gammaln(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logC - ((df + 1) / 2) * Math.log1p((x * x) / df));
}
