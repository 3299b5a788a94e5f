/**
 * The hypergeometric distribution: the number of successes in `draws` draws without replacement
 * from a population of `total` items of which `successes` are successes. Probability mass, CDF and
 * survival function; used by the Fisher exact test.
 *
 * The mass is computed from three binomial probabilities (Loader's algorithm, the dhyper method
 * of R): P(X = k) = b(k; K, p)·b(n − k; N − K, p) / b(n; N, p) with p = n/N, accurate without
 * factorial overflow. Tails are summed from k outward with the ratio recurrence until the terms
 * stop contributing, so small tail probabilities keep full relative precision.
 * Matches `scipy.stats.hypergeom.pmf/cdf/sf(k, M=total, n=successes, N=draws)`.
 */
import { ShadowOptionError, describeValue } from '../../_internal/options.js';
import { checkCount, checkX } from './_internal/param.js';
import { dbinomRaw } from './_internal/dbinom.js';

function checkParams(fn: string, total: number, successes: number, draws: number): void {
  checkCount(fn, 'total', total);
  checkCount(fn, 'successes', successes);
  checkCount(fn, 'draws', draws);
  if (successes > total) throw new ShadowOptionError(`${fn}: successes must be <= total (${total}), got ${describeValue(successes)}`);
  if (draws > total) throw new ShadowOptionError(`${fn}: draws must be <= total (${total}), got ${describeValue(draws)}`);
}

/** Unchecked P(X = k) for integer k. */
export function hypergeometricPmfRaw(k: number, total: number, successes: number, draws: number): number {
  const failures = total - successes;
  const lo = Math.max(0, draws - failures);
  const hi = Math.min(draws, successes);
  if (k < lo || k > hi) return 0;
  if (draws === 0 || draws === total) return 1;
  const p = draws / total;
  return (dbinomRaw(k, successes, p) * dbinomRaw(draws - k, failures, p)) / dbinomRaw(draws, total, p);
}

/** Σ P(X = j) for j from k toward the end of the support in direction `dir` (+1 upper, -1 lower). */
function sumFrom(k: number, dir: 1 | -1, total: number, successes: number, draws: number): number {
  const failures = total - successes;
  const lo = Math.max(0, draws - failures);
  const hi = Math.min(draws, successes);
  let term = hypergeometricPmfRaw(k, total, successes, draws);
  let sum = term;
  for (let j = k; dir === 1 ? j < hi : j > lo; j += dir) {
    // P(j+1)/P(j) = (K − j)(n − j) / ((j + 1)(N − K − n + j + 1))
    term *=
      dir === 1
        ? ((successes - j) * (draws - j)) / ((j + 1) * (failures - draws + j + 1))
        : (j * (failures - draws + j)) / ((successes - j + 1) * (draws - j + 1));
    sum += term;
    if (term <= sum * 1e-17 || term === 0) break;
  }
  return sum;
}

/**
 * P(X <= k) (dir -1) or P(X >= k) (dir +1). The tail away from the mode is summed outward (its
 * terms shrink, so the sum is accurate and short); the tail containing the mode is 1 minus the other.
 */
function tailFrom(k: number, dir: 1 | -1, total: number, successes: number, draws: number): number {
  const failures = total - successes;
  const lo = Math.max(0, draws - failures);
  const hi = Math.min(draws, successes);
  if (k > hi) return dir === 1 ? 0 : 1;
  if (k < lo) return dir === 1 ? 1 : 0;
  const mode = Math.floor(((draws + 1) * (successes + 1)) / (total + 2));
  let p: number;
  if (dir === -1) p = k < mode ? sumFrom(k, -1, total, successes, draws) : k >= hi ? 1 : 1 - sumFrom(k + 1, 1, total, successes, draws);
  else p = k > mode ? sumFrom(k, 1, total, successes, draws) : k <= lo ? 1 : 1 - sumFrom(k - 1, -1, total, successes, draws);
  return Math.min(1, Math.max(0, p));
}

/**
 * Hypergeometric probability mass P(X = k). Equivalent to
 * `scipy.stats.hypergeom.pmf(k, total, successes, draws)`.
 *
 * @example
 * hypergeometricPmf(1, 20, 7, 12); // => 0.0043343653250774005
 */
export function hypergeometricPmf(k: number, total: number, successes: number, draws: number): number {
  checkX('hypergeometricPmf', 'k', k);
  checkParams('hypergeometricPmf', total, successes, draws);
  return Number.isInteger(k) ? hypergeometricPmfRaw(k, total, successes, draws) : 0;
}

/**
 * Hypergeometric CDF P(X <= k) (k floored). Equivalent to `scipy.stats.hypergeom.cdf(k, total, successes, draws)`.
 *
 * @example
 * hypergeometricCdf(1, 20, 7, 12); // => 0.004437564499484005
 */
export function hypergeometricCdf(k: number, total: number, successes: number, draws: number): number {
  checkX('hypergeometricCdf', 'k', k);
  checkParams('hypergeometricCdf', total, successes, draws);
  return tailFrom(Math.floor(k), -1, total, successes, draws);
}

/**
 * Hypergeometric survival function P(X > k) (k floored), summed directly in the upper tail.
 * Equivalent to `scipy.stats.hypergeom.sf(k, total, successes, draws)`.
 *
 * @example
 * hypergeometricSf(5, 20, 7, 12); // => 0.10557275541795666
 */
export function hypergeometricSf(k: number, total: number, successes: number, draws: number): number {
  checkX('hypergeometricSf', 'k', k);
  checkParams('hypergeometricSf', total, successes, draws);
  return tailFrom(Math.floor(k) + 1, 1, total, successes, draws);
}
