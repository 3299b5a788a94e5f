import { ShadowOptionError, assertOneOf } from '../_internal/options.js';
import { normalCdf, normalSf } from './distributions/normal.js';
import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { ALTERNATIVES, type Alternative, type TestResult } from './testResult.js';

/** Options for {@link wilcoxonSignedRank}. */
export interface WilcoxonSignedRankOptions {
  /**
   * 'greater' means the differences x − y tend to be positive.
   * @defaultValue 'two-sided'
   */
  alternative?: Alternative;
  /**
   * 'exact': the exact null distribution of R+ (exact only without ties and zeros);
   * 'asymptotic': the normal approximation with tie correction; 'auto' as SciPy: asymptotic
   * above 50 pairs, exact without ties or zeros, otherwise (<= 13 pairs) the exact permutation
   * distribution over all 2^n sign flips, else asymptotic.
   * @defaultValue 'auto'
   */
  method?: 'auto' | 'exact' | 'asymptotic';
  /**
   * Treatment of zero differences: 'wilcox' drops them; 'pratt' ranks them then drops their
   * ranks (Cureton's adjusted normal approximation); 'zsplit' splits their ranks between R+ and R−.
   * @defaultValue 'wilcox'
   */
  zeroMethod?: 'wilcox' | 'pratt' | 'zsplit';
  /**
   * Continuity correction (±0.5 toward the mean) in the normal approximation.
   * @defaultValue false
   */
  correction?: boolean;
}

/** Result of {@link wilcoxonSignedRank}. */
export interface WilcoxonSignedRankResult extends TestResult {
  /** min(R+, R−) for 'two-sided', R+ otherwise — SciPy's `statistic`. */
  statistic: number;
  /** Sum of the ranks of the positive differences. */
  rPlus: number;
  /** Sum of the ranks of the negative differences. */
  rMinus: number;
  /** Standardized statistic of the normal approximation (asymptotic only; −|z| for two-sided as SciPy). */
  z?: number;
  methodUsed: 'exact' | 'asymptotic' | 'permutation';
  /** Number of pairs (or values) given. */
  n: number;
  /** Number of zero differences. */
  zeros: number;
  hasTies: boolean;
}

/** Distribution of R+ for n untied nonzero differences: coefficients of Π (1 + q^i) / 2^n. */
function signedRankPmf(n: number): Float64Array {
  const max = (n * (n + 1)) / 2;
  let c = new Float64Array(max + 1);
  c[0] = 1;
  let top = 0;
  for (let k = 1; k <= n; k++) {
    const next = new Float64Array(max + 1);
    for (let s = 0; s <= top; s++) {
      next[s] += c[s] * 0.5;
      next[s + k] += c[s] * 0.5;
    }
    top += k;
    c = next;
  }
  return c;
}

/**
 * Wilcoxon signed-rank test of H0: the differences x − y (or the values x) are symmetric about 0.
 *
 * Convention (`scipy.stats.wilcoxon(x, y, zero_method=…, correction=…, alternative=…, method=…)`):
 * d = x − y; ranks of |d| are midranks; R+ / R− are the rank sums of positive / negative d.
 * Asymptotic: z = (R+ − μ)/σ with μ = n(n+1)/4, σ² = (n(n+1)(2n+1) − Σ(t³ − t)/2)/24 over the
 * n ranked differences (Pratt: minus the zero terms), optional ∓0.5/σ continuity correction;
 * p = Φ(z) ('less'), 1 − Φ(z) ('greater'), 2(1 − Φ(|z|)). Exact: the distribution of R+ for n
 * untied differences; a non-integral R+ (ties) is rounded up for the lower tail and down for the
 * upper tail, as SciPy does; two-sided = 2·min(P(R+ ≥ ⌊R+⌋), P(R+ ≤ ⌈R+⌉)) capped at 1.
 * Permutation ('auto' with ties or zeros and n <= 13): the exact sign-flip distribution, with
 * SciPy's relative tolerance 100·ε for ties between the observed and null values. When every
 * difference is zero there is no evidence either way: statistic 0, p = 1.
 *
 * @example
 * const r = wilcoxonSignedRank([1, 2, -3, 4, 5, 6, -7]);
 * r.statistic; // => 10
 * r.pValue; // => 0.578125 (exact)
 */
export function wilcoxonSignedRank(x: NumericSample, y?: NumericSample | WilcoxonSignedRankOptions, options?: WilcoxonSignedRankOptions): WilcoxonSignedRankResult {
  const fn = 'wilcoxonSignedRank';
  if (y !== undefined && !(Array.isArray(y) || ArrayBuffer.isView(y))) {
    options = y as WilcoxonSignedRankOptions;
    y = undefined;
  }
  const o = checkOptions(fn, options, ['alternative', 'method', 'zeroMethod', 'correction']);
  const alternative = o.alternative ?? 'two-sided';
  assertOneOf(fn, 'alternative', alternative, ALTERNATIVES);
  const method = o.method ?? 'auto';
  assertOneOf(fn, 'method', method, ['auto', 'exact', 'asymptotic'] as const);
  const zeroMethod = o.zeroMethod ?? 'wilcox';
  assertOneOf(fn, 'zeroMethod', zeroMethod, ['wilcox', 'pratt', 'zsplit'] as const);
  const correction = o.correction ?? false;
  if (typeof correction !== 'boolean') throw new ShadowOptionError(`${fn}: correction must be true or false, got ${String(correction)}`);
  const a = checkSample(fn, 'x', x);
  let d = a;
  if (y !== undefined) {
    const b = checkSample(fn, 'y', y as NumericSample);
    if (b.length !== a.length) {
      throw new ShadowOptionError(`${fn}: x and y must have the same length (one value per pair), got ${a.length} and ${b.length}`);
    }
    d = new Float64Array(a.length);
    for (let i = 0; i < a.length; i++) d[i] = a[i] - b[i];
  }
  const n = d.length;

  // Rank |d| (zeros excluded for 'wilcox'), midranks, tie groups.
  let zeros = 0;
  for (let i = 0; i < n; i++) if (d[i] === 0) zeros++;
  const keep = zeroMethod === 'wilcox' ? n - zeros : n;
  const idx = new Uint32Array(keep);
  for (let i = 0, k = 0; i < n; i++) if (zeroMethod !== 'wilcox' || d[i] !== 0) idx[k++] = i;
  const absd = (i: number) => Math.abs(d[i]);
  idx.sort((p, q) => absd(p) - absd(q));
  const rank = new Float64Array(n);
  let tieCorrect = 0;
  let hasTies = false;
  for (let s = 0; s < keep; ) {
    let e = s;
    while (e + 1 < keep && absd(idx[e + 1]) === absd(idx[s])) e++;
    const r = (s + e) / 2 + 1;
    for (let k = s; k <= e; k++) rank[idx[k]] = r;
    const t = e - s + 1;
    if (t > 1) {
      hasTies = true;
      // Pratt: the group of zeros is left out of the tie correction.
      if (!(zeroMethod === 'pratt' && absd(idx[s]) === 0)) tieCorrect += t * t * t - t;
    }
    s = e + 1;
  }
  let rPlus = 0;
  let rMinus = 0;
  let zeroRanks = 0;
  for (let i = 0; i < n; i++) {
    if (d[i] > 0) rPlus += rank[i];
    else if (d[i] < 0) rMinus += rank[i];
    else if (zeroMethod !== 'wilcox') zeroRanks += rank[i];
  }
  if (zeroMethod === 'zsplit') {
    rPlus += zeroRanks / 2;
    rMinus += zeroRanks / 2;
  }
  const count = keep;
  let mn = (count * (count + 1)) / 4;
  let se = count * (count + 1) * (2 * count + 1);
  if (zeroMethod === 'pratt') {
    mn -= (zeros * (zeros + 1)) / 4;
    se -= zeros * (zeros + 1) * (2 * zeros + 1);
  }
  se = Math.sqrt((se - tieCorrect / 2) / 24);

  let used: WilcoxonSignedRankResult['methodUsed'];
  if (method === 'auto') {
    if (n > 50) used = 'asymptotic';
    else if (!(hasTies || zeros > 0)) used = 'exact';
    else if (n <= 13) used = 'permutation';
    else used = 'asymptotic';
  } else used = method;

  const statistic = alternative === 'two-sided' ? Math.min(rPlus, rMinus) : rPlus;
  const nonzero = n - zeros;
  const base = { test: fn, alternative, rPlus, rMinus, n, zeros, hasTies } as const;
  if (nonzero === 0) {
    return { ...base, method: 'Wilcoxon signed-rank test (all differences zero)', statistic, pValue: 1, methodUsed: used };
  }
  let p: number;
  let z: number | undefined;
  if (used === 'asymptotic') {
    z = (rPlus - mn) / se;
    if (correction) {
      const sign = alternative === 'greater' ? 1 : alternative === 'less' ? -1 : Math.sign(z);
      z -= (sign * 0.5) / se;
    }
    p = alternative === 'less' ? normalCdf(z) : alternative === 'greater' ? normalSf(z) : 2 * normalSf(Math.abs(z));
    if (alternative === 'two-sided') z = -Math.abs(z);
  } else if (used === 'exact') {
    const pmf = signedRankPmf(count);
    const cdf = (k: number) => {
      let s = 0;
      for (let i = 0; i <= Math.min(k, pmf.length - 1); i++) s += pmf[i];
      return s;
    };
    const sf = (k: number) => {
      let s = 0;
      for (let i = Math.max(0, k); i < pmf.length; i++) s += pmf[i];
      return s;
    };
    if (alternative === 'less') p = cdf(Math.ceil(rPlus));
    else if (alternative === 'greater') p = sf(Math.floor(rPlus));
    else p = 2 * Math.min(sf(Math.floor(rPlus)), cdf(Math.ceil(rPlus)));
  } else {
    // Exact sign-flip distribution over the nonzero differences (flipping a zero changes nothing).
    const ranks: number[] = [];
    for (let i = 0; i < n; i++) if (d[i] !== 0) ranks.push(rank[i]);
    const offset = zeroMethod === 'zsplit' ? zeroRanks / 2 : 0;
    const total = 2 ** ranks.length;
    const gamma = Math.abs(100 * Number.EPSILON * rPlus);
    let le = 0;
    let ge = 0;
    for (let mask = 0; mask < total; mask++) {
      let s = offset;
      for (let k = 0; k < ranks.length; k++) if (mask & (1 << k)) s += ranks[k];
      if (s <= rPlus + gamma) le++;
      if (s >= rPlus - gamma) ge++;
    }
    const pLess = le / total;
    const pGreater = ge / total;
    p = alternative === 'less' ? pLess : alternative === 'greater' ? pGreater : 2 * Math.min(pLess, pGreater);
  }
  return {
    ...base,
    method: `Wilcoxon signed-rank test (${used}${used === 'asymptotic' && correction ? ', continuity corrected' : ''}; zero method ${zeroMethod})`,
    statistic,
    pValue: Math.min(1, Math.max(0, p)),
    ...(z === undefined ? {} : { z }),
    methodUsed: used,
  };
}
