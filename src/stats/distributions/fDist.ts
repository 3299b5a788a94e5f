/**
 * Fisher's F distribution with (d1, d2) degrees of freedom (real, > 0): CDF, survival function,
 * quantile and inverse survival function, on the regularized incomplete beta function. The survival
 * function is `I_{d2/(d2+d1 x)}(d2/2, d1/2)` computed directly (not `1 - cdf`).
 * Matches `scipy.stats.f.cdf/sf/ppf/isf(x, d1, d2)`.
 */
import betainc from '@stdlib/math-base-special-betainc';
import { betaincinvPolished as betaincinv } from './_internal/betaincinvPolished.js';
import { checkPositive, checkProb, checkX } from './_internal/param.js';

function checkDf(fn: string, d1: number, d2: number): void {
  checkPositive(fn, 'd1', d1);
  checkPositive(fn, 'd2', d2);
}

/**
 * F cumulative distribution function P(X <= x) = I_{d1 x/(d1 x + d2)}(d1/2, d2/2).
 * Equivalent to `scipy.stats.f.cdf(x, d1, d2)`.
 *
 * @example
 * fCdf(3.0, 4, 20); // => 0.9567990016657859
 */
export function fCdf(x: number, d1: number, d2: number): number {
  checkX('fCdf', 'x', x);
  checkDf('fCdf', d1, d2);
  if (x <= 0) return 0;
  if (x === Infinity) return 1;
  const a = d1 * x;
  return a > d2 ? betainc(d2 / (d2 + a), d2 / 2, d1 / 2, true, true) : betainc(a / (a + d2), d1 / 2, d2 / 2);
}

/**
 * F survival function P(X > x) = I_{d2/(d2 + d1 x)}(d2/2, d1/2), computed directly.
 * Equivalent to `scipy.stats.f.sf(x, d1, d2)`.
 *
 * @example
 * fSf(50, 3, 12); // => 4.688169759599976e-7
 */
export function fSf(x: number, d1: number, d2: number): number {
  checkX('fSf', 'x', x);
  checkDf('fSf', d1, d2);
  if (x <= 0) return 1;
  if (x === Infinity) return 0;
  const a = d1 * x;
  return a > d2 ? betainc(d2 / (d2 + a), d2 / 2, d1 / 2) : betainc(a / (a + d2), d1 / 2, d2 / 2, true, true);
}

/** x with I-quantile: from u = betaincinv lower/upper of (d1/2, d2/2) to the F value. */
function fromBeta(q: number, upper: boolean, d1: number, d2: number): number {
  // Work with whichever of x = d1F/(d1F+d2) and 1 - x is small, for precision.
  // lower p: x = I^{-1}(p; d1/2, d2/2); upper q: 1 - x = I^{-1}(q; d2/2, d1/2).
  if (!upper) {
    const x = betaincinv(q, d1 / 2, d2 / 2);
    return (d2 * x) / (d1 * (1 - x));
  }
  const y = betaincinv(q, d2 / 2, d1 / 2);
  return (d2 * (1 - y)) / (d1 * y);
}

/**
 * F quantile (inverse CDF). Equivalent to `scipy.stats.f.ppf(p, d1, d2)`.
 *
 * @example
 * fPpf(0.95, 4, 20); // => 2.8660814020156584
 */
export function fPpf(p: number, d1: number, d2: number): number {
  checkProb('fPpf', 'p', p);
  checkDf('fPpf', d1, d2);
  if (p === 0) return 0;
  if (p === 1) return Infinity;
  return p <= 0.5 ? fromBeta(p, false, d1, d2) : fromBeta(1 - p, true, d1, d2);
}

/**
 * F inverse survival function: the x with P(X > x) = q. Equivalent to `scipy.stats.f.isf(q, d1, d2)`.
 *
 * @example
 * fIsf(0.05, 4, 20); // => 2.8660814020156584
 */
export function fIsf(q: number, d1: number, d2: number): number {
  checkProb('fIsf', 'q', q);
  checkDf('fIsf', d1, d2);
  if (q === 1) return 0;
  if (q === 0) return Infinity;
  return q <= 0.5 ? fromBeta(q, true, d1, d2) : fromBeta(1 - q, false, d1, d2);
}
