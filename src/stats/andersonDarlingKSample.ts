import { ShadowOptionError, assertNumber, assertOneOf, assertSeed, describeValue } from '../_internal/options.js';
import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { createRng } from './_internal/prng.js';
import type { TestResult } from './testResult.js';

/** Options for {@link andersonDarlingKSample}. */
export interface AndersonDarlingKSampleOptions {
  /**
   * 'midrank' — Scholz & Stephens eq. 7 (for ties); 'right' — eq. 6, the right-continuous
   * (non-midrank) statistic, SciPy's `variant='right'`.
   * @defaultValue 'midrank'
   */
  variant?: 'midrank' | 'right';
  /**
   * A seeded permutation p-value from this many random reassignments of the pooled values to the
   * samples (SciPy's `method=PermutationMethod(n_resamples)`), instead of the table interpolation.
   * @defaultValue none (SciPy's interpolated, capped p-value)
   */
  permutations?: number;
  /**
   * Seed of the permutations; recorded in the result.
   * @defaultValue 0
   */
  seed?: number;
}

/** Result of {@link andersonDarlingKSample}. */
export interface AndersonDarlingKSampleResult extends TestResult {
  /** The standardized statistic (A²akN − (k − 1)) / σ_N — SciPy's `statistic`. */
  statistic: number;
  /** The unstandardized midrank statistic A²akN (Scholz & Stephens eq. 7). */
  a2akN: number;
  /** Critical values of the standardized statistic at `significanceLevels` (Scholz & Stephens Table 2, interpolated in k − 1). */
  criticalValues: number[];
  /** 0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001. */
  significanceLevels: number[];
  /** 'floor' when p was capped at 0.001 (statistic beyond the table), 'ceiling' when capped at 0.25; absent when interpolated. */
  pValueCapped?: 'floor' | 'ceiling';
  /** Sample sizes. */
  sizes: number[];
  variant: 'midrank' | 'right';
  /** With `permutations`: their number and seed (the p-value is then (1 + #{A² ≥ observed}) / (B + 1)). */
  permutation?: { resamples: number; seed: number };
}

/** A²kN of sorted samples over the pooled sorted values Z (midrank: eq. 7 with the (N − 1)/N factor; right: eq. 6). */
function a2Statistic(sorted: Float64Array[], Z: Float64Array, variant: 'midrank' | 'right'): number {
  const N = Z.length;
  const zstar: number[] = [];
  const lj: number[] = [];
  const bj: number[] = [];
  for (let i = 0; i < N; ) {
    let j = i;
    while (j + 1 < N && Z[j + 1] === Z[i]) j++;
    zstar.push(Z[i]);
    lj.push(j - i + 1);
    // midrank: B_j = #{Z < z*_j} + l_j/2; right: B_j = #{Z <= z*_j}
    bj.push(variant === 'midrank' ? i + (j - i + 1) / 2 : j + 1);
    i = j + 1;
  }
  let a2 = 0;
  for (const x of sorted) {
    const n = x.length;
    let p = 0;
    let inner = 0;
    // the right variant sums over every distinct value but the last (SciPy: Zstar[:-1])
    const J = variant === 'midrank' ? zstar.length : zstar.length - 1;
    for (let j = 0; j < J; j++) {
      while (p < n && x[p] < zstar[j]) p++;
      const left = p;
      while (p < n && x[p] === zstar[j]) p++;
      const fij = p - left;
      const l = lj[j];
      const b = bj[j];
      if (variant === 'midrank') {
        const diff = N * (p - fij / 2) - b * n;
        inner += ((l / N) * diff * diff) / (b * (N - b) - (N * l) / 4);
      } else {
        const diff = N * p - b * n;
        inner += ((l / N) * diff * diff) / (b * (N - b));
      }
    }
    a2 += inner / n;
  }
  return variant === 'midrank' ? a2 * ((N - 1) / N) : a2;
}

const SIG = [0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001];
const B0 = [0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085];
const B1 = [-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615];
const B2 = [-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154];

/** Least-squares quadratic c2·x² + c1·x + c0 through the points (np.polyfit(x, y, 2)), via QR of the Vandermonde matrix. */
function polyfit2(x: number[], y: number[]): [number, number, number] {
  // Modified Gram-Schmidt on columns [x², x, 1] (scaled as np.polyfit scales columns by their norms).
  const m = x.length;
  const cols = [x.map((v) => v * v), x.slice(), x.map(() => 1)];
  const scale = cols.map((c) => Math.sqrt(c.reduce((s, v) => s + v * v, 0)));
  const A = cols.map((c, j) => c.map((v) => v / scale[j]));
  const R = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const Q = A.map((c) => c.slice());
  for (let j = 0; j < 3; j++) {
    for (let i = 0; i < j; i++) {
      let dot = 0;
      for (let r = 0; r < m; r++) dot += Q[i][r] * Q[j][r];
      R[i][j] = dot;
      for (let r = 0; r < m; r++) Q[j][r] -= dot * Q[i][r];
    }
    const norm = Math.sqrt(Q[j].reduce((s, v) => s + v * v, 0));
    R[j][j] = norm;
    for (let r = 0; r < m; r++) Q[j][r] /= norm;
  }
  const qty = Q.map((q) => q.reduce((s, v, r) => s + v * y[r], 0));
  const c = [0, 0, 0];
  for (let i = 2; i >= 0; i--) {
    let s = qty[i];
    for (let j = i + 1; j < 3; j++) s -= R[i][j] * c[j];
    c[i] = s / R[i][i];
  }
  return [c[0] / scale[0], c[1] / scale[1], c[2] / scale[2]];
}

/**
 * The k-sample Anderson-Darling test of H0: all samples come from the same (unspecified)
 * distribution — sensitive to differences in the tails, where KS is not.
 *
 * Convention (`scipy.stats.anderson_ksamp(samples, variant='midrank')`, SciPy 1.17, default
 * `method=None`): the midrank statistic A²akN of Scholz & Stephens (1987, eq. 7) for ties,
 * standardized as (A²akN − (k − 1))/σ_N with their exact finite-sample variance. The p-value is
 * SciPy's interpolation, not an exact or permutation p-value: a quadratic least-squares fit of
 * log(significance level) on the Table 2 critical values for m = k − 1 (`np.polyfit(critical,
 * log(sig), 2)`), evaluated at the statistic and **capped to [0.001, 0.25]** (SciPy warns "p-value
 * capped/floored"); `pValueCapped` records when that happened. With `permutations: B` the
 * p-value is instead a seeded permutation p-value, (1 + #{A²* ≥ A²})/(B + 1) over B random
 * reassignments of the pooled values (SciPy's `method=PermutationMethod(n_resamples=B)`; the
 * streams differ, so the two agree up to Monte-Carlo error). `variant: 'right'` gives the
 * non-midrank statistic of eq. 6 (`variant='right'`). Requires k >= 2 non-empty samples with at least two distinct values overall.
 *
 * @example
 * const r = andersonDarlingKSample([[1, 3, 5, 7, 9], [2, 4, 6, 8, 10, 12, 14]]);
 * r.statistic; // => 0.017275944733974372 (SciPy: 0.01727594473397435)
 * r.pValue; // => 0.25 (capped: r.pValueCapped === 'ceiling')
 */
export function andersonDarlingKSample(samples: NumericSample[], options?: AndersonDarlingKSampleOptions): AndersonDarlingKSampleResult {
  const fn = 'andersonDarlingKSample';
  const o = checkOptions(fn, options, ['variant', 'permutations', 'seed']);
  const variant = o.variant ?? 'midrank';
  assertOneOf(fn, 'variant', variant, ['midrank', 'right'] as const);
  if (o.permutations !== undefined) assertNumber(fn, 'permutations', o.permutations, { min: 99, integer: true });
  const seed = o.seed ?? 0;
  assertSeed(fn, 'seed', seed);
  if (!Array.isArray(samples) || samples.length < 2) {
    throw new ShadowOptionError(`${fn}: samples must be an array of at least two samples, got ${describeValue(samples)}`);
  }
  const k = samples.length;
  const sorted = samples.map((s, i) => checkSample(fn, `samples[${i}]`, s).sort());
  const sizes = sorted.map((s) => s.length);
  const N = sizes.reduce((s, v) => s + v, 0);
  if (N < 4) throw new ShadowOptionError(`${fn} requires at least four observations in total (the variance of the statistic needs N >= 4), got ${N}`);
  const Z = new Float64Array(N);
  let off = 0;
  for (const s of sorted) {
    Z.set(s, off);
    off += s.length;
  }
  Z.sort();
  let distinct = 1;
  for (let i = 1; i < N; i++) if (Z[i] !== Z[i - 1]) distinct++;
  if (distinct < 2) throw new ShadowOptionError(`${fn} needs more than one distinct observation across the samples`);
  const a2 = a2Statistic(sorted, Z, variant);

  const H = sizes.reduce((s, n) => s + 1 / n, 0);
  // hs_cs = cumsum(1 / arange(N - 1, 1, -1)); h = hs_cs[-1] + 1; g = sum(hs_cs / arange(2, N))
  let cum = 0;
  let g = 0;
  const hs: number[] = [];
  for (let v = N - 1; v > 1; v--) {
    cum += 1 / v;
    hs.push(cum);
  }
  const h = (hs.length ? hs[hs.length - 1] : 0) + 1;
  for (let i = 0; i < hs.length; i++) g += hs[i] / (i + 2);
  const A = (4 * g - 6) * (k - 1) + (10 - 6 * g) * H;
  const B = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * H - 8 * h + 4 * g - 6;
  const C = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * H + 4 * h;
  const D = (2 * h + 6) * k * k - 4 * h * k;
  const sigmasq = (A * N ** 3 + B * N ** 2 + C * N + D) / ((N - 1) * (N - 2) * (N - 3));
  const m = k - 1;
  const stat = (a2 - m) / Math.sqrt(sigmasq);
  if (!Number.isFinite(stat)) throw new ShadowOptionError(`${fn}: the statistic is undefined for these samples (N = ${N} is too small; need N >= 4)`);
  const critical = B0.map((b0, i) => b0 + B1[i] / Math.sqrt(m) + B2[i] / m);
  if (o.permutations !== undefined) {
    // seeded permutations: Fisher–Yates shuffles of the pooled values, split into the sample sizes;
    // the standardisation depends only on the sizes, so A² itself is compared
    const B = o.permutations;
    const rng = createRng(seed);
    const pool = Float64Array.from(Z);
    let atLeast = 0;
    const tol = 1e-12 * Math.max(1, Math.abs(a2));
    for (let r = 0; r < B; r++) {
      for (let i = N - 1; i > 0; i--) {
        const j = rng.nextInt(i + 1);
        const t = pool[i];
        pool[i] = pool[j];
        pool[j] = t;
      }
      let at = 0;
      const parts = sizes.map((n) => {
        const part = pool.slice(at, at + n).sort();
        at += n;
        return part;
      });
      if (a2Statistic(parts, Z, variant) >= a2 - tol) atLeast++;
    }
    return {
      test: fn,
      method: `k-sample Anderson-Darling test (${variant}; permutation p-value, ${B} resamples)`,
      statistic: stat,
      pValue: (1 + atLeast) / (B + 1),
      alternative: 'two-sided',
      a2akN: a2,
      criticalValues: critical,
      significanceLevels: SIG.slice(),
      sizes,
      variant,
      permutation: { resamples: B, seed },
    };
  }
  let p: number;
  let capped: 'floor' | 'ceiling' | undefined;
  if (stat < Math.min(...critical)) {
    p = 0.25;
    capped = 'ceiling';
  } else if (stat > Math.max(...critical)) {
    p = 0.001;
    capped = 'floor';
  } else {
    const [c2, c1, c0] = polyfit2(critical, SIG.map(Math.log));
    p = Math.exp((c2 * stat + c1) * stat + c0);
  }
  return {
    test: fn,
    method: `k-sample Anderson-Darling test (${variant}; SciPy's interpolated p-value${capped ? `, capped at ${p}` : ''})`,
    statistic: stat,
    pValue: p,
    alternative: 'two-sided',
    a2akN: a2,
    criticalValues: critical,
    significanceLevels: SIG.slice(),
    ...(capped ? { pValueCapped: capped } : {}),
    sizes,
    variant,
  };
}
