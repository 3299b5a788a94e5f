import { tCdf, tPpf, tSf } from './distributions/studentT.js';

/** The fields shared by {@link TostResult} of tostPaired and tostWelch. */
export interface TostCore {
  /** The observed mean difference. */
  estimate: number;
  /** Standard error of the estimate. */
  se: number;
  /** Degrees of freedom of the t reference distribution. */
  df: number;
  margin: number;
  alpha: number;
  /** 1 − 2α: the level of `ci`. */
  confidenceLevel: number;
  /** The (1 − 2α) two-sided t interval for the difference. */
  ci: [number, number];
  /** t for H0: difference ≤ −margin, `(estimate + margin) / se`. */
  tLower: number;
  /** t for H0: difference ≥ +margin, `(estimate − margin) / se`. */
  tUpper: number;
  /** P(T ≥ tLower): the p-value of the lower one-sided test. */
  pLower: number;
  /** P(T ≤ tUpper): the p-value of the upper one-sided test. */
  pUpper: number;
  /** The TOST p-value, max(pLower, pUpper). */
  pValue: number;
  /** true iff the CI lies inside (−margin, margin), equivalently pValue < alpha. */
  equivalent: boolean;
}

/** Both one-sided t tests and the (1 − 2α) interval from an estimate, its SE and df. */
export function tostCore(estimate: number, se: number, df: number, margin: number, alpha: number): TostCore {
  const tLower = (estimate + margin) / se;
  const tUpper = (estimate - margin) / se;
  const pLower = tSf(tLower, df);
  const pUpper = tCdf(tUpper, df);
  const q = tPpf(1 - alpha, df);
  const ci: [number, number] = [estimate - q * se, estimate + q * se];
  return {
    estimate,
    se,
    df,
    margin,
    alpha,
    confidenceLevel: 1 - 2 * alpha,
    ci,
    tLower,
    tUpper,
    pLower,
    pUpper,
    pValue: Math.max(pLower, pUpper),
    equivalent: ci[0] > -margin && ci[1] < margin,
  };
}
