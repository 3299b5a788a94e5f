import { ShadowOptionError, assertNumber, describeValue } from '../_internal/options.js';
import { chiSquareSf } from './distributions/chiSquare.js';
import { checkOptions } from './checkSample.js';
import type { TestResult } from './testResult.js';

/** Options for {@link chiSquareTest}. */
export interface ChiSquareTestOptions {
  /**
   * Goodness of fit only: expected frequencies (same length as the observed counts, same total
   * within 1e-8 relative, as SciPy requires). Default: all categories equally likely.
   * @defaultValue uniform
   */
  expected?: ArrayLike<number>;
  /**
   * Goodness of fit only: reduction of the degrees of freedom (parameters estimated from the data).
   * @defaultValue 0
   */
  ddof?: number;
  /**
   * Contingency tables only: Yates' continuity correction when the table has one degree of
   * freedom (a 2×2 table), as `scipy.stats.chi2_contingency(correction=True)`.
   * @defaultValue true
   */
  correction?: boolean;
  /**
   * The Cressie-Read power-divergence family (`scipy.stats.power_divergence(lambda_=…)`, also
   * `chi2_contingency(lambda_=…)`): a number λ or a name — 'pearson' (1), 'log-likelihood' (0, G²),
   * 'freeman-tukey' (−1/2), 'mod-log-likelihood' (−1), 'neyman' (−2), 'cressie-read' (2/3).
   * @defaultValue 1 (Pearson's X²)
   */
  lambda?: number | PowerDivergenceName;
}

/** Named members of the Cressie-Read family, as SciPy names them. */
export type PowerDivergenceName = 'pearson' | 'log-likelihood' | 'freeman-tukey' | 'mod-log-likelihood' | 'neyman' | 'cressie-read';

const LAMBDAS: Record<PowerDivergenceName, number> = {
  pearson: 1,
  'log-likelihood': 0,
  'freeman-tukey': -0.5,
  'mod-log-likelihood': -1,
  neyman: -2,
  'cressie-read': 2 / 3,
};

function checkLambda(fn: string, v: unknown): number {
  if (v === undefined) return 1;
  if (typeof v === 'string' && v in LAMBDAS) return LAMBDAS[v as PowerDivergenceName];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  throw new ShadowOptionError(`${fn}: lambda must be a finite number or one of ${Object.keys(LAMBDAS).map((k) => `'${k}'`).join(', ')}, got ${describeValue(v)}`);
}

/**
 * One cell of the power divergence, SciPy's convention: λ = 1 (O − E)²/E; λ = 0 2·O·ln(O/E)
 * (0 at O = 0); λ = −1 2·E·ln(E/O); otherwise 2/(λ(λ + 1))·O·((O/E)^λ − 1).
 */
function divergenceTerm(obs: number, e: number, lambda: number): number {
  if (lambda === 1) return ((obs - e) * (obs - e)) / e;
  if (lambda === 0) return obs === 0 ? 0 : 2 * obs * Math.log(obs / e);
  if (lambda === -1) return 2 * e * Math.log(e / obs);
  return ((2 / (lambda * (lambda + 1))) * obs * ((obs / e) ** lambda - 1));
}

/** Result of {@link chiSquareTest}. */
export interface ChiSquareTestResult extends TestResult {
  /** Pearson's X² = Σ (O − E)² / E (after Yates' adjustment of O when applied), or the power divergence with `lambda`. */
  statistic: number;
  df: number;
  /** 'homogeneity' for a contingency table (homogeneity/independence), 'goodness-of-fit' for a vector. */
  kind: 'homogeneity' | 'goodness-of-fit';
  /** The expected frequencies (a matrix for contingency tables). */
  expected: number[] | number[][];
  /** Whether Yates' correction was applied. */
  yates: boolean;
  /** Total count. */
  n: number;
}

function checkCounts(fn: string, name: string, v: unknown): number[] {
  if (!(Array.isArray(v) || ArrayBuffer.isView(v))) throw new ShadowOptionError(`${fn}: ${name} must be an array of counts, got ${describeValue(v)}`);
  const arr = Array.from(v as ArrayLike<unknown>);
  arr.forEach((x, i) => {
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) {
      throw new ShadowOptionError(`${fn}: ${name}[${i}] must be a finite number >= 0, got ${describeValue(x)}`);
    }
  });
  return arr as number[];
}

/**
 * Pearson's chi-square test, in two forms chosen by the shape of `observed`:
 *
 * - **Contingency table** (`number[][]`, r × c, rows are groups such as legacy/shadow, columns are
 *   categories): test of homogeneity/independence as `scipy.stats.chi2_contingency(observed,
 *   correction=True)`. E_ij = row_i·col_j / N; df = (r − 1)(c − 1); with df = 1 and `correction`,
 *   Yates: each O moves toward E by min(0.5, |O − E|). df = 0 (one non-trivial dimension) gives
 *   X² = 0, p = 1. A zero expected frequency (an empty row or column) is an error, as in SciPy.
 * - **Goodness of fit** (`number[]`): as `scipy.stats.chisquare(observed, f_exp=expected,
 *   ddof=ddof)`; df = k − 1 − ddof; expected defaults to uniform and must have the observed total.
 *
 * p = P(χ²_df > X²), the upper tail computed directly. With `lambda`, the statistic is the
 * Cressie-Read power divergence 2/(λ(λ + 1))·Σ O·((O/E)^λ − 1) (λ = 0: G² = 2ΣO ln(O/E); λ = −1:
 * 2ΣE ln(E/O)), referred to the same χ²_df.
 *
 * @example
 * chiSquareTest([[12, 5], [7, 9]]).pValue; // => 0.22756821457580978 (Yates; SciPy: 0.22756821457580642)
 * chiSquareTest([16, 18, 16, 14, 12, 12]).pValue; // => 0.8491450360846097 (uniform; SciPy: 0.8491450360846096)
 */
export function chiSquareTest(observed: number[][] | ArrayLike<number>, options?: ChiSquareTestOptions): ChiSquareTestResult {
  const fn = 'chiSquareTest';
  const o = checkOptions(fn, options, ['expected', 'ddof', 'correction', 'lambda']);
  const lambda = checkLambda(fn, o.lambda);
  const family = lambda === 1 ? '' : ` (power divergence, lambda = ${+lambda.toPrecision(12)})`;
  if (!(Array.isArray(observed) || ArrayBuffer.isView(observed)) || (observed as ArrayLike<unknown>).length === 0) {
    throw new ShadowOptionError(`${fn}: observed must be a non-empty array of counts or a table (array of rows), got ${describeValue(observed)}`);
  }
  const isTable = Array.isArray(observed) && observed.some((r) => Array.isArray(r) || ArrayBuffer.isView(r));
  if (isTable) {
    if (o.expected !== undefined || o.ddof !== undefined) {
      throw new ShadowOptionError(`${fn}: expected and ddof apply to goodness of fit (a 1-D observed); a contingency table computes its expected frequencies from the margins`);
    }
    const correction = o.correction ?? true;
    if (typeof correction !== 'boolean') throw new ShadowOptionError(`${fn}: correction must be true or false, got ${String(correction)}`);
    const rows = (observed as unknown[]).map((r, i) => checkCounts(fn, `observed[${i}]`, r));
    const c = rows[0].length;
    if (c === 0 || rows.some((r) => r.length !== c)) {
      throw new ShadowOptionError(`${fn}: observed must be a rectangular table (every row the same non-zero length)`);
    }
    const r = rows.length;
    const rowSum = rows.map((row) => row.reduce((s, v) => s + v, 0));
    const colSum = Array.from({ length: c }, (_, j) => rows.reduce((s, row) => s + row[j], 0));
    const n = rowSum.reduce((s, v) => s + v, 0);
    const expected = rows.map((_, i) => colSum.map((cs) => (rowSum[i] * cs) / n));
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        if (!(expected[i][j] > 0)) {
          throw new ShadowOptionError(
            `${fn}: the expected frequency at [${i}][${j}] is zero (row ${i} or column ${j} is empty); drop empty rows and columns`,
          );
        }
      }
    }
    const df = r * c - r - c + 1;
    const base = { test: fn, alternative: 'two-sided' as const, kind: 'homogeneity' as const, df, expected, n };
    if (df === 0) {
      return { ...base, method: 'Chi-square test of homogeneity (df = 0)', statistic: 0, pValue: 1, yates: false };
    }
    const yates = df === 1 && correction;
    let stat = 0;
    for (let i = 0; i < r; i++) {
      for (let j = 0; j < c; j++) {
        let obs = rows[i][j];
        const e = expected[i][j];
        if (yates) {
          const diff = e - obs;
          obs += Math.sign(diff) * Math.min(0.5, Math.abs(diff));
        }
        stat += divergenceTerm(obs, e, lambda);
      }
    }
    return {
      ...base,
      method: `Chi-square test of homogeneity${yates ? " (Yates' continuity correction)" : ''}${family}`,
      statistic: stat,
      pValue: chiSquareSf(stat, df),
      yates,
    };
  }

  if (o.correction !== undefined) {
    throw new ShadowOptionError(`${fn}: correction applies to contingency tables (Yates, 2x2); goodness of fit takes expected and ddof`);
  }
  const obs = checkCounts(fn, 'observed', observed);
  const k = obs.length;
  const n = obs.reduce((s, v) => s + v, 0);
  let expected: number[];
  if (o.expected === undefined) expected = obs.map(() => n / k);
  else {
    expected = checkCounts(fn, 'expected', o.expected);
    if (expected.length !== k) {
      throw new ShadowOptionError(`${fn}: expected must have one frequency per category (${k}), got ${expected.length}`);
    }
    const te = expected.reduce((s, v) => s + v, 0);
    if (Math.abs(te - n) > 1e-8 * Math.max(Math.abs(te), Math.abs(n))) {
      throw new ShadowOptionError(
        `${fn}: the sums of observed (${n}) and expected (${te}) frequencies must agree to a relative tolerance of 1e-8; rescale expected`,
      );
    }
    expected.forEach((e, i) => {
      if (!(e > 0)) throw new ShadowOptionError(`${fn}: expected[${i}] must be > 0, got ${e}`);
    });
  }
  const ddof = o.ddof ?? 0;
  assertNumber(fn, 'ddof', ddof, { min: 0, integer: true });
  const df = k - 1 - ddof;
  if (df < 1) throw new ShadowOptionError(`${fn}: degrees of freedom k - 1 - ddof must be >= 1, got ${df} (k = ${k}, ddof = ${ddof})`);
  let stat = 0;
  for (let i = 0; i < k; i++) stat += divergenceTerm(obs[i], expected[i], lambda);
  return {
    test: fn,
    method: `Chi-square goodness-of-fit test${family}`,
    statistic: stat,
    pValue: chiSquareSf(stat, df),
    alternative: 'two-sided',
    kind: 'goodness-of-fit',
    df,
    expected,
    yates: false,
    n,
  };
}
