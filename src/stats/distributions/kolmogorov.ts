/**
 * Kolmogorov-Smirnov distributions:
 *
 * - `kolmogorovSf` / `kolmogorovCdf`: Kolmogorov's limiting distribution of sqrt(n)·D_n
 *   (`scipy.stats.kstwobign.sf/cdf`, `scipy.special.kolmogorov`), by the alternating series
 *   2 Σ (-1)^(k-1) exp(-2k²x²) for x >= 1 and the Jacobi-theta form
 *   sqrt(2π)/x Σ exp(-(2k-1)²π²/(8x²)) below 1, each where it converges fast.
 * - `kolmogorovNSf` / `kolmogorovNCdf`: the exact finite-n distribution of the two-sided one-sample
 *   statistic D_n (`scipy.stats.kstwo.sf/cdf`), with SciPy's Simard-L'Ecuyer algorithm selection.
 * - `smirnovSf`: the exact one-sided P(D+_n >= d) (`scipy.special.smirnov`).
 * - `ksTwoSampleExactSf` / `ksTwoSampleAsymptoticSf`: the two-sample p-values of
 *   `scipy.stats.ks_2samp` (lattice-path counts after Hodges 1958; Viehmann's numerically stable
 *   recursion for the two-sided case with n1 != n2; Smirnov's limit for large samples).
 */
import gammaln from '@stdlib/math-base-special-gammaln';
import { ShadowOptionError, describeValue } from '../../_internal/options.js';
import { checkCount, checkX } from './_internal/param.js';
import { kolmogn, smirnovRaw } from './_internal/kolmogn.js';

const EPS = Number.EPSILON;

function kolmogorovSeries(x: number, complement: boolean): number {
  if (x <= 0) return complement ? 0 : 1;
  let p = 0;
  if (x >= 1) {
    const alpha = -2 * x * x;
    let sign = 1;
    for (let r = 1; ; r++) {
      const t = Math.exp(alpha * r * r);
      p += sign * t;
      if (t === 0 || t / p <= EPS) break;
      sign = -sign;
    }
    p *= 2;
    return complement ? 1 - p : p;
  }
  const alpha = (-Math.PI * Math.PI) / (8 * x * x);
  for (let r = 1; ; r += 2) {
    const t = Math.exp(alpha * r * r);
    p += t;
    if (t === 0 || t / p < EPS) break;
  }
  if (p === 0) return complement ? 0 : 1; // x below ~0.04: the cdf underflows
  p *= Math.sqrt(2 * Math.PI) / x;
  return complement ? p : 1 - p;
}

/**
 * Survival function of Kolmogorov's limiting distribution: P(K > x) where K = lim sqrt(n)·D_n.
 * Equivalent to `scipy.stats.kstwobign.sf(x)` and `scipy.special.kolmogorov(x)`.
 *
 * @example
 * kolmogorovSf(1.3580986393225505); // => 0.05000000000000003
 */
export function kolmogorovSf(x: number): number {
  checkX('kolmogorovSf', 'x', x);
  return Math.min(1, Math.max(0, kolmogorovSeries(x, false)));
}

/**
 * CDF of Kolmogorov's limiting distribution, P(K <= x). Equivalent to `scipy.stats.kstwobign.cdf(x)`.
 *
 * @example
 * kolmogorovCdf(1); // => 0.7300003283226455
 */
export function kolmogorovCdf(x: number): number {
  checkX('kolmogorovCdf', 'x', x);
  return Math.min(1, Math.max(0, kolmogorovSeries(x, true)));
}

function checkN(fn: string, n: number): void {
  checkCount(fn, 'n', n);
  if (n < 1) throw new ShadowOptionError(`${fn}: n must be an integer >= 1, got ${describeValue(n)}`);
}

/**
 * Exact survival function P(D_n > d) of the two-sided one-sample Kolmogorov-Smirnov statistic
 * for sample size n. Equivalent to `scipy.stats.kstwo.sf(d, n)`.
 *
 * @example
 * kolmogorovNSf(0.3, 20); // => 0.04306706665851623
 */
export function kolmogorovNSf(d: number, n: number): number {
  checkX('kolmogorovNSf', 'd', d);
  checkN('kolmogorovNSf', n);
  return kolmogn(n, d, false);
}

/**
 * Exact CDF P(D_n <= d) of the two-sided one-sample Kolmogorov-Smirnov statistic.
 * Equivalent to `scipy.stats.kstwo.cdf(d, n)`.
 *
 * @example
 * kolmogorovNCdf(0.3, 20); // => 0.9569329333414838
 */
export function kolmogorovNCdf(d: number, n: number): number {
  checkX('kolmogorovNCdf', 'd', d);
  checkN('kolmogorovNCdf', n);
  return kolmogn(n, d, true);
}

/**
 * Exact one-sided Smirnov survival function P(D+_n >= d) (Birnbaum-Tingey formula).
 * Equivalent to `scipy.special.smirnov(n, d)`.
 *
 * @example
 * smirnovSf(0.3, 10); // => 0.13546355559999987
 */
export function smirnovSf(d: number, n: number): number {
  checkX('smirnovSf', 'd', d);
  checkN('smirnovSf', n);
  return smirnovRaw(n, d);
}

export type KsAlternative = 'two-sided' | 'less' | 'greater';

/** Result of an exact two-sample KS p-value attempt. */
export interface KsExactResult {
  /** False when the computation over- or underflowed; SciPy then falls back to the asymptotic p. */
  success: boolean;
  /** D rounded to the lattice: h / lcm(n1, n2). */
  d: number;
  pValue: number;
}

const gcd = (a: number, b: number): number => {
  while (b) [a, b] = [b, a % b];
  return a;
};

/** Round half to even, as NumPy's np.round (SciPy rounds d·lcm and n1·n2/(n1+n2) this way). */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** C(n, k) as a double (Infinity on overflow). */
function binom(n: number, k: number): number {
  if (k < 0 || k > n) return 0;
  if (k > n / 2) k = n - k;
  if (k < 20) {
    let num = 1;
    let den = 1;
    for (let i = 1; i <= k; i++) {
      num *= i + n - k;
      den *= i;
      if (Math.abs(num) > 1e50) {
        num /= den;
        den = 1;
      }
    }
    return num / den;
  }
  return Math.round(Math.exp(gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1)));
}

/** Pr(D_{n,n} >= h/n): two-sided, equal sizes (alternating reflection sum, Horner form). */
function probOutsideSquare(n: number, h: number): number {
  let P = 0;
  for (let k = Math.floor(n / h); k >= 0; k--) {
    let p1 = 1;
    for (let j = 0; j < h; j++) p1 = ((n - k * h - j) * p1) / (n + k * h + j + 1);
    P = p1 * (1 - P);
  }
  return 2 * P;
}

/**
 * 1 - (fraction of lattice paths from (0,0) to (m,n) staying strictly inside |x/m - y/n| < h/lcm),
 * computed directly as 1 - p by Viehmann's recursion (arXiv:2102.08037), one sliding column.
 */
function outerProbInside(m: number, n: number, g: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const mg = m / g;
  const ng = n / g;
  let minj = 0;
  let maxj = Math.min(Math.ceil(h / mg), n + 1);
  let curlen = maxj - minj;
  const lenA = Math.min(2 * maxj + 2, n + 1);
  const A = new Float64Array(lenA).fill(1);
  A.fill(0, minj, maxj);
  for (let i = 1; i <= m; i++) {
    const lastminj = minj;
    const lastlen = curlen;
    minj = Math.min(Math.max(Math.floor((ng * i - h) / mg) + 1, 0), n);
    maxj = Math.min(Math.ceil((ng * i + h) / mg), n + 1);
    if (maxj <= minj) return 1;
    let val = minj === 0 ? 0 : 1;
    for (let jj = 0; jj < maxj - minj; jj++) {
      const j = jj + minj;
      val = (A[jj + minj - lastminj] * i + val * j) / (i + j);
      A[jj] = val;
    }
    curlen = maxj - minj;
    if (lastlen > curlen) A.fill(1, maxj - minj, maxj - minj + (lastlen - curlen));
  }
  return A[maxj - minj - 1];
}

/**
 * Number of lattice paths from (0,0) to (m,n) that reach m·y <= n·x - h·g (one-sided), after
 * Hodges (1958). Float; may overflow to Infinity, which the caller treats as failure.
 */
function countPathsOutside(m: number, n: number, g: number, h: number): number {
  if (m < n) [m, n] = [n, m];
  const mg = m / g;
  const ng = n / g;
  const lxj = n + Math.floor((mg - h) / mg);
  if (lxj <= 0) return binom(m + n, n);
  const xj = new Float64Array(lxj);
  for (let j = 0; j < lxj; j++) xj[j] = Math.floor((h + mg * j + ng - 1) / ng);
  const B = new Float64Array(lxj);
  B[0] = 1;
  for (let j = 1; j < lxj; j++) {
    let Bj = binom(xj[j] + j, j);
    for (let i = 0; i < j; i++) Bj -= binom(xj[j] - xj[i] + j - i, j - i) * B[i];
    B[j] = Bj;
  }
  let total = 0;
  for (let j = 0; j < lxj; j++) total += B[j] * binom(m - xj[j] + (n - j), n - j);
  return total;
}

/**
 * Exact two-sample Kolmogorov-Smirnov p-value P(D >= d) under H0 for sample sizes n1, n2, as
 * `scipy.stats.ks_2samp(..., method='exact')` computes it (`_attempt_exact_2kssamp`): d is first
 * rounded to the lattice h/lcm(n1, n2); two-sided uses the reflection sum (n1 = n2) or Viehmann's
 * stable recursion; one-sided uses binom(2n, n-h)/binom(2n, n) as a product (n1 = n2) or the
 * Hodges path count. `success` is false when the arithmetic overflowed, as in SciPy.
 *
 * @example
 * ksTwoSampleExactSf(0.5, 10, 10, 'two-sided'); // => { success: true, d: 0.5, pValue: 0.16782134274394334 }
 */
export function ksTwoSampleExactSf(d: number, n1: number, n2: number, alternative: KsAlternative = 'two-sided'): KsExactResult {
  checkX('ksTwoSampleExactSf', 'd', d);
  checkN('ksTwoSampleExactSf', n1);
  checkN('ksTwoSampleExactSf', n2);
  const g = gcd(n1, n2);
  const lcm = (n1 / g) * n2;
  const h = roundHalfEven(d * lcm);
  const dl = h / lcm;
  if (h === 0) return { success: true, d: dl, pValue: 1 };
  let prob: number;
  if (alternative === 'two-sided') {
    prob = n1 === n2 ? probOutsideSquare(n1, h) : outerProbInside(n1, n2, g, h);
  } else if (n1 === n2) {
    prob = 1;
    for (let j = 0; j < h; j++) prob *= (n1 - j) / (n1 + j + 1);
  } else {
    const paths = countPathsOutside(n1, n2, g, h);
    const all = binom(n1 + n2, n1);
    if (!Number.isFinite(paths) || !Number.isFinite(all) || paths > all) return { success: false, d: dl, pValue: NaN };
    prob = paths / all;
  }
  if (!Number.isFinite(prob) || !(prob >= 0 && prob <= 1)) return { success: false, d: dl, pValue: prob };
  return { success: true, d: dl, pValue: prob };
}

/**
 * Asymptotic two-sample Kolmogorov-Smirnov p-value as `scipy.stats.ks_2samp(..., method='asymp')`:
 * two-sided uses the exact one-sample distribution at the effective size
 * `kstwo.sf(d, round(n1 n2 / (n1 + n2)))`; one-sided uses Hodges' approximation (eqn 5.3)
 * exp(-2z² - 2z(m + 2n)/sqrt(mn(m+n))/3) with z = d·sqrt(mn/(m+n)) and m the larger size.
 *
 * @example
 * ksTwoSampleAsymptoticSf(0.05, 1000, 1000, 'two-sided'); // => 0.15866260223815365
 */
export function ksTwoSampleAsymptoticSf(d: number, n1: number, n2: number, alternative: KsAlternative = 'two-sided'): number {
  checkX('ksTwoSampleAsymptoticSf', 'd', d);
  checkN('ksTwoSampleAsymptoticSf', n1);
  checkN('ksTwoSampleAsymptoticSf', n2);
  const m = Math.max(n1, n2);
  const n = Math.min(n1, n2);
  const en = (m * n) / (m + n);
  let prob: number;
  if (alternative === 'two-sided') {
    prob = kolmogn(roundHalfEven(en), d, false);
  } else {
    const z = Math.sqrt(en) * d;
    const expt = -2 * z * z - (2 * z * (m + 2 * n)) / Math.sqrt(m * n * (m + n)) / 3;
    prob = Math.exp(expt);
  }
  return Math.min(1, Math.max(0, prob));
}
