import { assertOneOf } from '../_internal/options.js';
import { hypergeometricCdf, hypergeometricPmfRaw, hypergeometricSf } from './distributions/hypergeometric.js';
import { checkOptions } from './checkSample.js';
import { scipyBinarySearch } from './_internal/binarySearch.js';
import { checkTable2x2 } from './_internal/table2x2.js';
import { ALTERNATIVES, type Alternative, type TestResult } from './testResult.js';

/** Options for {@link fisherExact2x2}. */
export interface FisherExact2x2Options {
  /**
   * 'less': the odds ratio of the population is < 1; 'greater': > 1.
   * @defaultValue 'two-sided'
   */
  alternative?: Alternative;
}

/** Result of {@link fisherExact2x2}. */
export interface FisherExact2x2Result extends TestResult {
  /** The sample (unconditional) odds ratio a·d / (b·c) — SciPy's `statistic`; Infinity when b·c = 0; NaN when a row or column is empty. */
  statistic: number;
  /** Same value as `statistic`. */
  oddsRatio: number;
  /** The table as [[a, b], [c, d]]. */
  table: [[number, number], [number, number]];
}

/**
 * Fisher's exact test on a 2×2 contingency table [[a, b], [c, d]] (rows: groups, columns:
 * outcomes), conditional on the margins.
 *
 * Convention (`scipy.stats.fisher_exact(table, alternative=…)`): X = a is hypergeometric with
 * population a + b + c + d, successes a + b (first row), draws a + c (first column).
 * 'less' = P(X <= a); 'greater' = P(X >= a) (computed as SciPy does, from the second column);
 * 'two-sided' sums the probabilities of all tables no more likely than the observed one, with
 * SciPy's relative tolerance 1 + 1e-14 and its binary search for the cut on the other side of the
 * mode. The reported statistic is the sample odds ratio a·d/(b·c), not the conditional MLE. A table
 * with an empty row or column gives p = 1 and odds ratio NaN, as SciPy.
 *
 * @example
 * const r = fisherExact2x2([[6, 2], [1, 4]]);
 * r.oddsRatio; // => 12
 * r.pValue; // => 0.10256410256410267 (SciPy: 0.10256410256410256)
 */
export function fisherExact2x2(table: number[][], options?: FisherExact2x2Options): FisherExact2x2Result {
  const fn = 'fisherExact2x2';
  const o = checkOptions(fn, options, ['alternative']);
  const alternative = o.alternative ?? 'two-sided';
  assertOneOf(fn, 'alternative', alternative, ALTERNATIVES);
  const t = checkTable2x2(fn, table);
  const [[a, b], [c, d]] = t;
  const base = { test: fn, method: "Fisher's exact test (2x2, conditional)", alternative, table: t } as const;
  if (a + b === 0 || c + d === 0 || a + c === 0 || b + d === 0) {
    return { ...base, statistic: NaN, oddsRatio: NaN, pValue: 1 };
  }
  const oddsRatio = c > 0 && b > 0 ? (a * d) / (c * b) : Infinity;
  const n1 = a + b;
  const n2 = c + d;
  const n = a + c;
  const total = n1 + n2;
  const pmf = (x: number) => hypergeometricPmfRaw(x, total, n1, n);
  let p: number;
  if (alternative === 'less') p = hypergeometricCdf(a, total, n1, n);
  else if (alternative === 'greater') p = hypergeometricCdf(b, total, n1, b + d);
  else {
    const mode = Math.trunc(((n + 1) * (n1 + 1)) / (total + 2));
    const pexact = pmf(a);
    const pmode = pmf(mode);
    const eps = 1e-14;
    const gamma = 1 + eps;
    if (Math.abs(pexact - pmode) / Math.max(pexact, pmode) <= eps) p = 1;
    else if (a < mode) {
      const plower = hypergeometricCdf(a, total, n1, n);
      if (pmf(n) > pexact * gamma) p = plower;
      else {
        const guess = scipyBinarySearch((x) => -pmf(x), -pexact * gamma, mode, n);
        p = plower + hypergeometricSf(guess, total, n1, n);
      }
    } else {
      const pupper = hypergeometricSf(a - 1, total, n1, n);
      if (pmf(0) > pexact * gamma) p = pupper;
      else {
        const guess = scipyBinarySearch(pmf, pexact * gamma, 0, mode);
        p = pupper + hypergeometricCdf(guess, total, n1, n);
      }
    }
  }
  return { ...base, statistic: oddsRatio, oddsRatio, pValue: Math.min(1, p) };
}
