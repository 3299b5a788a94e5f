import { ShadowOptionError, assertOneOf } from '../_internal/options.js';
import { tCdf, tSf } from './distributions/studentT.js';
import { checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { midranksWithTies } from './_internal/rank.js';
import { ALTERNATIVES, type Alternative, type TestResult } from './testResult.js';

/** Options for {@link spearman}. */
export interface SpearmanOptions {
  /**
   * 'greater': positive association; 'less': negative.
   * @defaultValue 'two-sided'
   */
  alternative?: Alternative;
}

/** Result of {@link spearman}. */
export interface SpearmanResult extends TestResult {
  /** Spearman's rho: the Pearson correlation of the midranks. */
  statistic: number;
  /** The t statistic rho·√(df / ((1 + rho)(1 − rho))). */
  t: number;
  /** n − 2. */
  df: number;
  n: number;
}

/**
 * Spearman's rank correlation rho with its test of H0: no association.
 *
 * Convention (`scipy.stats.spearmanr(x, y, alternative=…)`): rho = Pearson correlation of the
 * midranks (ties averaged); t = rho·√((n − 2)/((rho + 1)(1 − rho))) and the p-value from Student's
 * t with n − 2 degrees of freedom (not the exact permutation distribution); |rho| = 1 gives
 * t = ±∞ and p = 0.
 *
 * Throws for fewer than three pairs, unequal lengths, non-finite values or a constant x or y
 * (rho undefined; SciPy returns NaN).
 *
 * @example
 * const r = spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7]);
 * r.statistic; // => 0.8207826816681233
 * r.pValue; // => 0.08858700531354385 (SciPy: 0.08858700531354384)
 */
export function spearman(x: NumericSample, y: NumericSample, options?: SpearmanOptions): SpearmanResult {
  const fn = 'spearman';
  const o = checkOptions(fn, options, ['alternative']);
  const alternative = o.alternative ?? 'two-sided';
  assertOneOf(fn, 'alternative', alternative, ALTERNATIVES);
  const a = checkSample(fn, 'x', x);
  const b = checkSample(fn, 'y', y);
  if (a.length !== b.length) throw new ShadowOptionError(`${fn}: x and y must have the same length (one value per pair), got ${a.length} and ${b.length}`);
  const n = a.length;
  if (n < 3) throw new ShadowOptionError(`${fn} requires at least three pairs`);
  if (a.every((v) => v === a[0])) throw new ShadowOptionError(`${fn}: x is constant, so the correlation is undefined`);
  if (b.every((v) => v === b[0])) throw new ShadowOptionError(`${fn}: y is constant, so the correlation is undefined`);
  const ra = midranksWithTies(a).ranks;
  const rb = midranksWithTies(b).ranks;
  const mean = (n + 1) / 2; // midranks always average (n + 1)/2
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i] - mean;
    const db = rb[i] - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  const rho = Math.min(1, Math.max(-1, sab / Math.sqrt(saa * sbb)));
  const df = n - 2;
  const denom = (rho + 1) * (1 - rho);
  const t = denom === 0 ? (rho > 0 ? Infinity : -Infinity) : rho * Math.sqrt(Math.max(0, df / denom));
  const p = alternative === 'less' ? tCdf(t, df) : alternative === 'greater' ? tSf(t, df) : Math.min(1, 2 * tSf(Math.abs(t), df));
  return { test: fn, method: "Spearman's rank correlation (t approximation)", statistic: rho, pValue: p, alternative, t, df, n };
}
