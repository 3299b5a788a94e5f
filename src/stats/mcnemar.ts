import { ShadowOptionError } from '../_internal/options.js';
import { binomialCdf } from './distributions/binomial.js';
import { chiSquareSf } from './distributions/chiSquare.js';
import { checkOptions } from './checkSample.js';
import { checkTable2x2 } from './_internal/table2x2.js';
import type { TestResult } from './testResult.js';

/** Options for {@link mcnemar}. */
export interface McnemarOptions {
  /**
   * true: the exact binomial test on the discordant pairs; false: the chi-square approximation.
   * @defaultValue true
   */
  exact?: boolean;
  /**
   * Continuity correction of the chi-square statistic (ignored when `exact`).
   * @defaultValue true
   */
  correction?: boolean;
}

/** Result of {@link mcnemar}. */
export interface McnemarResult extends TestResult {
  /** Exact: min(b, c); chi-square: (|b − c| − [correction])² / (b + c). */
  statistic: number;
  /** Degrees of freedom of the chi-square approximation (1); absent for the exact test. */
  df?: number;
  /** Discordant counts: b = table[0][1], c = table[1][0]. */
  b: number;
  c: number;
  /** Number of pairs, a + b + c + d. */
  n: number;
}

/**
 * McNemar's test of marginal homogeneity for paired binary outcomes, from the 2×2 table
 * [[a, b], [c, d]] of (first rater/model, second rater/model) agreement: H0 is b and c equally
 * likely (e.g. the shadow model errs where legacy is right as often as the reverse).
 *
 * Convention: statsmodels' `mcnemar(table, exact=True, correction=True)` (statsmodels 0.14,
 * `statsmodels.stats.contingency_tables.mcnemar`). Exact: statistic = min(b, c),
 * p = min(1, 2·P(X <= min(b, c))) for X ~ Binomial(b + c, 1/2) (this doubling of the smaller
 * tail equals `scipy.stats.binomtest(min(b,c), b+c, 0.5).pvalue` because the null is symmetric).
 * Chi-square: statistic = (|b − c| − 1)² / (b + c) with correction (without: (b − c)²/(b + c)),
 * p = P(χ²₁ > statistic). Always two-sided. With no discordant pairs (b = c = 0) the test has no
 * information: statistic 0 and p = 1 (statsmodels gives NaN for the chi-square version).
 *
 * @example
 * const r = mcnemar([[101, 121], [59, 33]]);
 * r.statistic; // => 59
 * r.pValue; // => 0.000004434449263755159 (SciPy-derived: 4.4344492637551645e-6)
 */
export function mcnemar(table: number[][], options?: McnemarOptions): McnemarResult {
  const fn = 'mcnemar';
  const o = checkOptions(fn, options, ['exact', 'correction']);
  const exact = o.exact ?? true;
  const correction = o.correction ?? true;
  if (typeof exact !== 'boolean') throw new ShadowOptionError(`${fn}: exact must be true or false, got ${String(exact)}`);
  if (typeof correction !== 'boolean') throw new ShadowOptionError(`${fn}: correction must be true or false, got ${String(correction)}`);
  const t = checkTable2x2(fn, table);
  const b = t[0][1];
  const c = t[1][0];
  const n = t[0][0] + b + c + t[1][1];
  if (n === 0) throw new ShadowOptionError(`${fn}: the table is empty (no pairs)`);
  const base = { test: fn, alternative: 'two-sided' as const, b, c, n };
  if (exact) {
    const stat = Math.min(b, c);
    return {
      ...base,
      method: "McNemar's test (exact binomial)",
      statistic: stat,
      pValue: Math.min(1, 2 * binomialCdf(stat, b + c, 0.5)),
    };
  }
  if (b + c === 0) {
    return { ...base, method: "McNemar's test (chi-square; no discordant pairs)", statistic: 0, df: 1, pValue: 1 };
  }
  const diff = Math.abs(b - c) - (correction ? 1 : 0);
  const stat = (diff * diff) / (b + c);
  return {
    ...base,
    method: `McNemar's test (chi-square${correction ? ', continuity corrected' : ''})`,
    statistic: stat,
    df: 1,
    pValue: chiSquareSf(stat, 1),
  };
}
