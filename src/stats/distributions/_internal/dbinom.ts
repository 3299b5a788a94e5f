/**
 * Loader's saddle-point algorithm for binomial probabilities (C. Loader, "Fast and Accurate
 * Computation of Binomial Probabilities", 2000; the method behind R's dbinom): accurate to a few
 * ulps for n in the millions, where differences of log-gamma values lose digits. Unchecked: the
 * callers validate arguments.
 */
import gammaln from '@stdlib/math-base-special-gammaln';

const LN_SQRT_2PI = 0.9189385332046728; // log(sqrt(2π))
const LN_2PI = 1.8378770664093453;

/** log Γ(n+1) - log(sqrt(2πn) (n/e)^n): the error of Stirling's formula (real n >= 0). */
export function stirlerr(n: number): number {
  if (n <= 15) {
    if (n === 0) return 0; // by convention (the n = 0 terms cancel in dbinom)
    return gammaln(n + 1) - (n + 0.5) * Math.log(n) + n - LN_SQRT_2PI;
  }
  const nn = n * n;
  const S0 = 1 / 12;
  const S1 = 1 / 360;
  const S2 = 1 / 1260;
  const S3 = 1 / 1680;
  const S4 = 1 / 1188;
  if (n > 500) return (S0 - S1 / nn) / n;
  if (n > 80) return (S0 - (S1 - S2 / nn) / nn) / n;
  if (n > 35) return (S0 - (S1 - (S2 - S3 / nn) / nn) / nn) / n;
  return (S0 - (S1 - (S2 - (S3 - S4 / nn) / nn) / nn) / nn) / n;
}

/** x log(x/m) + m - x, the deviance term, without cancellation when x ≈ m. */
export function bd0(x: number, m: number): number {
  if (Math.abs(x - m) < 0.1 * (x + m)) {
    let v = (x - m) / (x + m);
    let s = (x - m) * v;
    let ej = 2 * x * v;
    v *= v;
    for (let j = 1; j < 1000; j++) {
      ej *= v;
      const s1 = s + ej / (2 * j + 1);
      if (s1 === s) return s1;
      s = s1;
    }
    return s;
  }
  return x * Math.log(x / m) + m - x;
}

/** P(X = k) for X ~ Binomial(n, p), integer 0 <= k <= n (Loader's dbinom_raw). Real n is allowed. */
export function dbinomRaw(k: number, n: number, p: number): number {
  const q = 1 - p;
  if (p === 0) return k === 0 ? 1 : 0;
  if (q === 0) return k === n ? 1 : 0;
  if (k === 0) {
    if (n === 0) return 1;
    return Math.exp(p < 0.1 ? -bd0(n, n * q) - n * p : n * Math.log1p(-p));
  }
  if (k === n) {
    return Math.exp(q < 0.1 ? -bd0(n, n * p) - n * q : n * Math.log(p));
  }
  const lc = stirlerr(n) - stirlerr(k) - stirlerr(n - k) - bd0(k, n * p) - bd0(n - k, n * q);
  const lf = LN_2PI + Math.log(k) + Math.log1p(-k / n);
  return Math.exp(lc - 0.5 * lf);
}
