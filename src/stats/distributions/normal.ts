/**
 * The normal (Gaussian) distribution N(mu, sigma²): CDF, survival function, quantile (inverse
 * CDF), inverse survival function and density.
 *
 * Built on the complementary error function (`@stdlib/math-base-special-erfc`) and its inverse, so
 * both tails keep full relative precision: `normalSf(10)` is 7.62e-24, not 0 as `1 - normalCdf(10)`
 * would give. Matches `scipy.stats.norm.cdf/sf/ppf/isf/pdf(x, loc=mu, scale=sigma)`.
 */
import erfc from '@stdlib/math-base-special-erfc';
import erfcinv from '@stdlib/math-base-special-erfcinv';
import { checkFinite, checkPositive, checkProb, checkX } from './_internal/param.js';

const SQRT2 = Math.SQRT2;
const INV_SQRT_2PI = 0.3989422804014327; // 1 / sqrt(2π)

function checkParams(fn: string, mu: number, sigma: number): void {
  checkFinite(fn, 'mu', mu);
  checkPositive(fn, 'sigma', sigma);
}

/**
 * Normal cumulative distribution function P(X <= x), computed as `erfc(-z/√2)/2` so the lower tail
 * is accurate. Equivalent to `scipy.stats.norm.cdf(x, loc=mu, scale=sigma)`.
 *
 * @example
 * normalCdf(1.959963984540054); // => 0.975
 * normalCdf(-10); // => 7.619853024160593e-24
 */
export function normalCdf(x: number, mu = 0, sigma = 1): number {
  checkX('normalCdf', 'x', x);
  checkParams('normalCdf', mu, sigma);
  return 0.5 * erfc(-(x - mu) / (sigma * SQRT2));
}

/**
 * Normal survival function P(X > x), computed directly as `erfc(z/√2)/2` (not `1 - cdf`), so the
 * upper tail is accurate. Equivalent to `scipy.stats.norm.sf(x, loc=mu, scale=sigma)`.
 *
 * @example
 * normalSf(10); // => 7.619853024160593e-24 (SciPy: 7.61985302416047e-24)
 */
export function normalSf(x: number, mu = 0, sigma = 1): number {
  checkX('normalSf', 'x', x);
  checkParams('normalSf', mu, sigma);
  return 0.5 * erfc((x - mu) / (sigma * SQRT2));
}

/**
 * Normal quantile function (inverse CDF): the x with P(X <= x) = p, via the inverse complementary
 * error function. `normalPpf(0) = -Infinity`, `normalPpf(1) = Infinity`.
 * Equivalent to `scipy.stats.norm.ppf(p, loc=mu, scale=sigma)`.
 *
 * @example
 * normalPpf(0.975); // => 1.9599639845400538
 */
export function normalPpf(p: number, mu = 0, sigma = 1): number {
  checkProb('normalPpf', 'p', p);
  checkParams('normalPpf', mu, sigma);
  // p > 0.5: 1 - p is exact (Sterbenz), so the upper tail goes through the isf form.
  const z = p > 0.5 ? SQRT2 * erfcinv(2 * (1 - p)) : -SQRT2 * erfcinv(2 * p);
  return mu + sigma * z;
}

/**
 * Normal inverse survival function: the x with P(X > x) = q. Accurate for tiny q, where
 * `normalPpf(1 - q)` would lose digits. Equivalent to `scipy.stats.norm.isf(q, loc=mu, scale=sigma)`.
 *
 * @example
 * normalIsf(1e-20); // => 9.262340089798409
 */
export function normalIsf(q: number, mu = 0, sigma = 1): number {
  checkProb('normalIsf', 'q', q);
  checkParams('normalIsf', mu, sigma);
  const z = q > 0.5 ? -SQRT2 * erfcinv(2 * (1 - q)) : SQRT2 * erfcinv(2 * q);
  return mu + sigma * z;
}

/**
 * Normal probability density. Equivalent to `scipy.stats.norm.pdf(x, loc=mu, scale=sigma)`.
 *
 * @example
 * normalPdf(0); // => 0.3989422804014327
 */
export function normalPdf(x: number, mu = 0, sigma = 1): number {
  checkX('normalPdf', 'x', x);
  checkParams('normalPdf', mu, sigma);
  const z = (x - mu) / sigma;
  return (INV_SQRT_2PI / sigma) * Math.exp(-0.5 * z * z);
}
