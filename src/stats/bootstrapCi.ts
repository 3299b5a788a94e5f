import { ShadowOptionError, assertNumber, assertOneOf, assertSeed, describeValue } from '../_internal/options.js';
import { normalCdf, normalPpf } from './distributions/normal.js';
import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { createRng } from './_internal/prng.js';
import { quantileSorted } from './_internal/resample.js';

/** Options for {@link bootstrapCi}. */
export interface BootstrapCiOptions {
  /**
   * Seed of the resampling stream (xoshiro128**, see src/stats/_internal/prng.ts); recorded in the result.
   * @defaultValue 0
   */
  seed?: number;
  /**
   * `'percentile'` or `'bca'` (bias-corrected and accelerated), as `scipy.stats.bootstrap`'s methods.
   * @defaultValue 'bca'
   */
  method?: 'percentile' | 'bca';
  /**
   * Confidence level of the interval.
   * @defaultValue 0.95
   */
  confidenceLevel?: number;
  /**
   * Number of bootstrap resamples.
   * @defaultValue 9999
   */
  nResamples?: number;
  /**
   * `'two-sided'`, `'less'` (interval (−∞, upper]) or `'greater'` ([lower, ∞)), as SciPy.
   * @defaultValue 'two-sided'
   */
  alternative?: 'two-sided' | 'less' | 'greater';
  /**
   * Resample the samples jointly (the same indices for each; they must have equal length).
   * @defaultValue false
   */
  paired?: boolean;
}

/** Result of {@link bootstrapCi}. */
export interface BootstrapCiResult {
  method: 'percentile' | 'bca';
  /** The statistic on the original data. */
  estimate: number;
  /** The interval; an infinite end for a one-sided alternative. */
  ci: [number, number];
  confidenceLevel: number;
  alternative: 'two-sided' | 'less' | 'greater';
  /** Standard deviation (n − 1) of the bootstrap distribution. */
  standardError: number;
  nResamples: number;
  /** The seed that replays this result. */
  seed: number;
  /** BCa only: bias correction z0 and acceleration a. */
  bias?: number;
  acceleration?: number;
}

/**
 * Bootstrap confidence interval of a statistic of one or more samples, seeded and replayable.
 *
 * Convention (that of `scipy.stats.bootstrap(data, statistic, method=…)`): each resample draws
 * every sample's indices uniformly with replacement (independently per sample, or jointly when
 * `paired`), in sample order, from xoshiro128** seeded with `seed`. Percentile: the type-7
 * quantiles of the bootstrap distribution at α and 1 − α, with α = (1 − level)/2 two-sided or
 * 1 − level one-sided. BCa (Efron & Tibshirani 1993, 14.3): z0 = Φ⁻¹(percentile of the estimate
 * in the bootstrap distribution, ties counted half), acceleration from the jackknife of each
 * sample in turn, a = Σ U³ / (6 (Σ U²)^{3/2}) with U = (n − 1)(θ̄₍·₎ − θ₍ᵢ₎) and the per-sample
 * sums scaled by n³ and n² as SciPy does; quantile levels Φ(z0 + (z0 + z)/(1 − a(z0 + z))).
 * SciPy draws from another generator, so intervals agree with SciPy's to Monte-Carlo error, not
 * digit for digit. Complexity: nResamples statistic calls (plus n jackknife calls for BCa).
 *
 * Throws for a non-finite statistic on the data and for a BCa interval that is undefined (a
 * degenerate statistic, e.g. constant data); use `'percentile'` there.
 *
 * @example
 * const mean = (x: Float64Array) => x.reduce((s, v) => s + v, 0) / x.length;
 * const r = bootstrapCi([[2.1, 3.4, 1.9, 5.6, 4.4, 3.3, 2.8]], mean, { seed: 7, nResamples: 2000 });
 * r.ci; // => about [2.6, 4.4]
 * r.seed; // => 7
 */
export function bootstrapCi(
  data: readonly NumericSample[],
  statistic: (...samples: Float64Array[]) => number,
  options: BootstrapCiOptions = {},
): BootstrapCiResult {
  const fn = 'bootstrapCi';
  const o = checkOptions(fn, options, ['seed', 'method', 'confidenceLevel', 'nResamples', 'alternative', 'paired']);
  const seed = o.seed ?? 0;
  assertSeed(fn, 'seed', seed);
  const method = o.method ?? 'bca';
  assertOneOf(fn, 'method', method, ['percentile', 'bca'] as const);
  const level = o.confidenceLevel ?? 0.95;
  assertNumber(fn, 'confidenceLevel', level, { min: 0, max: 1 });
  if (level === 0 || level === 1) throw new ShadowOptionError(`${fn}: confidenceLevel must be in (0, 1), got ${level}`);
  const nResamples = o.nResamples ?? 9999;
  assertNumber(fn, 'nResamples', nResamples, { min: 1, integer: true });
  const alternative = o.alternative ?? 'two-sided';
  assertOneOf(fn, 'alternative', alternative, ['two-sided', 'less', 'greater'] as const);
  const paired = o.paired ?? false;
  if (typeof paired !== 'boolean') throw new ShadowOptionError(`${fn}: paired must be a boolean, got ${describeValue(paired)}`);
  if (typeof statistic !== 'function') throw new ShadowOptionError(`${fn}: statistic must be a function, got ${describeValue(statistic)}`);
  if (!Array.isArray(data) || data.length === 0) {
    throw new ShadowOptionError(`${fn}: data must be a non-empty array of samples, e.g. [x] or [x, y], got ${describeValue(data)}`);
  }
  const samples = data.map((s, i) => checkSample(fn, `data[${i}]`, s, method === 'bca' ? 2 : 1));
  if (paired && samples.some((s) => s.length !== samples[0].length)) {
    throw new ShadowOptionError(`${fn}: paired samples must have equal lengths, got ${samples.map((s) => s.length).join(', ')}`);
  }

  const estimate = statistic(...samples);
  if (!Number.isFinite(estimate)) throw new ShadowOptionError(`${fn}: the statistic of the data is ${estimate}, not a finite number`);

  const rng = createRng(seed);
  const boot = new Float64Array(nResamples);
  const resamples = samples.map((s) => new Float64Array(s.length));
  for (let r = 0; r < nResamples; r++) {
    if (paired) {
      const n = samples[0].length;
      for (let i = 0; i < n; i++) {
        const k = rng.nextInt(n);
        for (let j = 0; j < samples.length; j++) resamples[j][i] = samples[j][k];
      }
    } else {
      for (let j = 0; j < samples.length; j++) {
        const s = samples[j];
        const t = resamples[j];
        for (let i = 0; i < s.length; i++) t[i] = s[rng.nextInt(s.length)];
      }
    }
    boot[r] = statistic(...resamples);
  }

  let m = 0;
  for (const v of boot) m += v;
  m /= nResamples;
  let ss = 0;
  for (const v of boot) ss += (v - m) * (v - m);
  const standardError = Math.sqrt(ss / (nResamples - 1));

  const alpha = alternative === 'two-sided' ? (1 - level) / 2 : 1 - level;
  let qLow = alpha;
  let qHigh = 1 - alpha;
  let bias: number | undefined;
  let acceleration: number | undefined;
  if (method === 'bca') {
    ({ qLow, qHigh, bias, acceleration } = bcaLevels(samples, statistic, estimate, boot, alpha, paired));
    if (!(qLow >= 0 && qLow <= 1 && qHigh >= 0 && qHigh <= 1)) {
      throw new ShadowOptionError(
        `${fn}: the BCa interval is undefined for these data (degenerate bootstrap or jackknife distribution, e.g. constant data); use method 'percentile'`,
      );
    }
  }
  const sorted = boot.slice().sort();
  let lo = quantileSorted(sorted, qLow);
  let hi = quantileSorted(sorted, qHigh);
  if (alternative === 'less') lo = -Infinity;
  if (alternative === 'greater') hi = Infinity;
  const result: BootstrapCiResult = { method, estimate, ci: [lo, hi], confidenceLevel: level, alternative, standardError, nResamples, seed };
  if (method === 'bca') Object.assign(result, { bias, acceleration });
  return result;
}

/** The BCa quantile levels (SciPy's `_bca_interval`). */
function bcaLevels(
  samples: Float64Array[],
  statistic: (...samples: Float64Array[]) => number,
  estimate: number,
  boot: Float64Array,
  alpha: number,
  paired: boolean,
): { qLow: number; qHigh: number; bias: number; acceleration: number } {
  let below = 0;
  let atOrBelow = 0;
  for (const v of boot) {
    if (v < estimate) below++;
    if (v <= estimate) atOrBelow++;
  }
  const z0 = normalPpf((below + atOrBelow) / (2 * boot.length));

  // Jackknife: leave out one observation of one sample at a time (all samples at once when paired,
  // which is how SciPy handles `paired` — it bootstraps the index vector as a single sample).
  const groups = paired ? [samples[0].length] : samples.map((s) => s.length);
  let num = 0;
  let den = 0;
  for (let j = 0; j < groups.length; j++) {
    const n = groups[j];
    const theta = new Float64Array(n);
    const args = samples.slice();
    const buffers = paired ? samples.map((s) => new Float64Array(s.length - 1)) : [new Float64Array(n - 1)];
    for (let i = 0; i < n; i++) {
      if (paired) {
        for (let k = 0; k < samples.length; k++) {
          buffers[k].set(samples[k].subarray(0, i), 0);
          buffers[k].set(samples[k].subarray(i + 1), i);
          args[k] = buffers[k];
        }
      } else {
        buffers[0].set(samples[j].subarray(0, i), 0);
        buffers[0].set(samples[j].subarray(i + 1), i);
        args[j] = buffers[0];
      }
      theta[i] = statistic(...args);
    }
    let dot = 0;
    for (const t of theta) dot += t;
    dot /= n;
    let s2 = 0;
    let s3 = 0;
    for (const t of theta) {
      const u = (n - 1) * (dot - t);
      s2 += u * u;
      s3 += u * u * u;
    }
    num += s3 / n ** 3;
    den += s2 / n ** 2;
  }
  const a = num / 6 / den ** 1.5;
  if (!Number.isFinite(a) || !Number.isFinite(z0)) return { qLow: NaN, qHigh: NaN, bias: z0, acceleration: a };
  const z = normalPpf(alpha);
  const n1 = z0 + z;
  const n2 = z0 - z;
  return { qLow: normalCdf(z0 + n1 / (1 - a * n1)), qHigh: normalCdf(z0 + n2 / (1 - a * n2)), bias: z0, acceleration: a };
}
