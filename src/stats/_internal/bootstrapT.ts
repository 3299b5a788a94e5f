/**
 * Seeded bootstrap-t (studentized bootstrap) intervals for a mean and for a difference of two
 * means, and the skewness diagnostics that decide when compareEquivalence needs them.
 *
 * The t interval's one-sided error is, by the Edgeworth expansion of the studentized mean,
 * about γ·(2z² + 1)·φ(z)/6 where γ = skewness of the estimate's sampling distribution
 * (g₁/√n for a mean); at z = 1.645 that is 0.107·γ. The bootstrap-t estimates the quantiles of
 * T = (estimate − μ)/se from the data, which removes that first-order term (Hall 1992, §3.5).
 */
import type { Rng } from './prng.js';

/** Mean, n − 1 variance and third central moment (1/n) of a sample. */
export function moments(x: ArrayLike<number>): { n: number; mean: number; variance: number; m3: number } {
  const n = x.length;
  let s = 0;
  for (let i = 0; i < n; i++) s += x[i];
  const mean = s / n;
  let s2 = 0;
  let s3 = 0;
  for (let i = 0; i < n; i++) {
    const d = x[i] - mean;
    s2 += d * d;
    s3 += d * d * d;
  }
  return { n, mean, variance: s2 / (n - 1), m3: s3 / n };
}

/**
 * Skewness of the sampling distribution of mean(x) − mean(y) (or of mean(x) alone without y):
 * (m3ₓ/nₓ² − m3ᵧ/nᵧ²) / se³, se² = sₓ²/nₓ + sᵧ²/nᵧ. For one sample this is g₁/√n. 0 when se = 0.
 */
export function estimateSkewness(x: ArrayLike<number>, y?: ArrayLike<number>): number {
  const a = moments(x);
  let k3 = a.m3 / (a.n * a.n);
  let v = a.variance / a.n;
  if (y) {
    const b = moments(y);
    k3 -= b.m3 / (b.n * b.n);
    v += b.variance / b.n;
  }
  return v > 0 ? k3 / Math.pow(v, 1.5) : 0;
}

/** Share of the sample taken by its most frequent value (0.9 when 90% of paired differences are 0). */
export function modalShare(x: ArrayLike<number>): number {
  return x.length ? modalValue(x).count / x.length : 0;
}

function tStar(mean: number, original: number, se: number): number {
  if (se > 0) return (mean - original) / se;
  return mean < original ? -Infinity : mean > original ? Infinity : 0;
}

/** The (α, 1 − α) order statistics of B studentized resamples (B + 1 a multiple of 1/α keeps them exact). */
function tQuantiles(ts: Float64Array, alpha: number): [number, number] {
  ts.sort();
  const b = ts.length;
  const lo = Math.max(0, Math.floor(alpha * (b + 1)) - 1);
  const hi = Math.min(b - 1, Math.ceil((1 - alpha) * (b + 1)) - 1);
  return [ts[lo], ts[hi]];
}

/** Uniform index in [0, n) from one 32-bit output (bias below n·2⁻³², n ≤ 2³²). */
const index = (rng: Rng, n: number) => Math.floor((rng.nextUint32() / 4294967296) * n);

/**
 * Cumulative Binomial(n, p) probabilities (log-space recurrence, so no underflow of the start),
 * for drawing a resample's count of non-modal values with one uniform.
 */
function binomialCdfTable(n: number, p: number): Float64Array {
  const cdf = new Float64Array(n + 1);
  const lr = Math.log(p) - Math.log1p(-p);
  let lp = n * Math.log1p(-p);
  let acc = 0;
  for (let k = 0; k <= n; k++) {
    acc += Math.exp(lp);
    cdf[k] = acc;
    lp += Math.log((n - k) / (k + 1)) + lr;
  }
  return cdf;
}

function drawCount(cdf: Float64Array, u: number): number {
  const target = u * cdf[cdf.length - 1];
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (cdf[mid] < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Bootstrap-t (1 − 2α) interval of mean(x): B resamples of n draws with replacement from `rng`;
 * T* = (mean* − mean)/se*, a resample with se* = 0 counting as ±∞ (so a sample with few distinct
 * values gives a wide, never a narrow, interval); interval [mean − q*₁₋α·se, mean − q*α·se].
 *
 * Sparse samples (one value taking at least half of them, e.g. paired differences of 0) are
 * resampled in the same law at a fraction of the cost: the number K of draws that are not the
 * modal value is Binomial(n, share of the others) (one uniform, CDF inversion), then K draws
 * from the others.
 */
export function bootstrapTMean(x: Float64Array, alpha: number, resamples: number, rng: Rng): [number, number] {
  const n = x.length;
  const { mean, variance } = moments(x);
  const se = Math.sqrt(variance / n);
  const ts = new Float64Array(resamples);
  const mode = modalValue(x);
  const others = Float64Array.from(x.filter((v) => v !== mode.value), (v) => v - mean);
  const sparse = mode.count * 2 >= n && others.length > 0;
  const cdf = sparse ? binomialCdfTable(n, others.length / n) : undefined;
  const m0 = mode.value - mean;
  const c = x.map((v) => v - mean);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    let s2 = 0;
    if (cdf) {
      const k = drawCount(cdf, rng.nextFloat());
      for (let i = 0; i < k; i++) {
        const v = others[index(rng, others.length)];
        s += v;
        s2 += v * v;
      }
      s += (n - k) * m0;
      s2 += (n - k) * m0 * m0;
    } else {
      for (let i = 0; i < n; i++) {
        const v = c[index(rng, n)];
        s += v;
        s2 += v * v;
      }
    }
    const m = s / n;
    const vb = Math.max(0, (s2 - n * m * m) / (n - 1));
    ts[b] = tStar(m + mean, mean, vb > 1e-12 * (s2 / n) ? Math.sqrt(vb / n) : 0);
  }
  const [qlo, qhi] = tQuantiles(ts, alpha);
  return [mean - qhi * se, mean - qlo * se];
}

function modalValue(x: ArrayLike<number>): { value: number; count: number } {
  const counts = new Map<number, number>();
  let best = { value: x[0], count: 0 };
  for (let i = 0; i < x.length; i++) {
    const c = (counts.get(x[i]) ?? 0) + 1;
    counts.set(x[i], c);
    if (c > best.count) best = { value: x[i], count: c };
  }
  return best;
}

/**
 * Bootstrap-t (1 − 2α) interval of mean(x) − mean(y), each sample resampled on its own; se* is
 * Welch's (or the pooled one with `pooled`) on the resample.
 */
export function bootstrapTDifference(x: Float64Array, y: Float64Array, alpha: number, resamples: number, rng: Rng, pooled = false): [number, number] {
  const nx = x.length;
  const ny = y.length;
  const a = moments(x);
  const c = moments(y);
  const seOf = (vx: number, vy: number) =>
    pooled ? Math.sqrt((((nx - 1) * vx + (ny - 1) * vy) / (nx + ny - 2)) * (1 / nx + 1 / ny)) : Math.sqrt(vx / nx + vy / ny);
  const est = a.mean - c.mean;
  const se = seOf(a.variance, c.variance);
  const ts = new Float64Array(resamples);
  const draw = (z: Float64Array, m0: number): [number, number] => {
    const n = z.length;
    let s = 0;
    let s2 = 0;
    for (let i = 0; i < n; i++) {
      const v = z[index(rng, n)] - m0;
      s += v;
      s2 += v * v;
    }
    const m = s / n;
    return [m + m0, Math.max(0, (s2 - n * m * m) / (n - 1))];
  };
  for (let b = 0; b < resamples; b++) {
    const [mx, vx] = draw(x, a.mean);
    const [my, vy] = draw(y, c.mean);
    ts[b] = tStar(mx - my, est, seOf(vx, vy));
  }
  const [qlo, qhi] = tQuantiles(ts, alpha);
  return [est - qhi * se, est - qlo * se];
}
