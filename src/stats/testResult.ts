/**
 * Shared shapes of the hypothesis-test results in src/stats. Every test returns plain,
 * JSON-serialisable data extending {@link TestResult}: the statistic, the p-value, the method
 * actually used (e.g. which of exact/asymptotic `'auto'` chose), the alternative, and sizes.
 */

/**
 * The alternative hypothesis, as SciPy spells it. For two-sample tests 'less' means the first
 * sample (`x`) is stochastically smaller / has the smaller mean than `y`.
 */
export type Alternative = 'two-sided' | 'less' | 'greater';

/** The alternatives, for option validation and docs. */
export const ALTERNATIVES: readonly Alternative[] = ['two-sided', 'less', 'greater'];

/** A confidence interval; one-sided alternatives give a half-infinite interval, as SciPy does. */
export interface ConfidenceInterval {
  lower: number;
  upper: number;
  /** Coverage probability, e.g. 0.95. */
  level: number;
}

/** Fields every hypothesis-test result carries. */
export interface TestResult {
  /** The function that produced the result, e.g. 'welchTTest'. */
  test: string;
  /** Human-readable method actually used, e.g. "Mann-Whitney U test (exact)". */
  method: string;
  /** The test statistic, in the convention named in the function's documentation. */
  statistic: number;
  /** The p-value in [0, 1]. */
  pValue: number;
  alternative: Alternative;
}

/** Result of the t-tests (Student, Welch, paired, one-sample). */
export interface TTestResult extends TestResult {
  /** The t statistic. */
  statistic: number;
  /** Degrees of freedom (non-integer for Welch). */
  df: number;
  /** The estimated quantity: mean(x) − mean(y), mean of the differences, or the mean (one-sample). */
  estimate: number;
  /** Standard error of `estimate`. */
  standardError: number;
  /** Confidence interval of `estimate` at `confidenceLevel`, as SciPy's `confidence_interval()`. */
  confidenceInterval: ConfidenceInterval;
  /** Sample size (one-sample and paired tests: number of values / pairs). */
  n: number;
  /** Size of the second sample (two-sample tests only). */
  n2?: number;
}
