import { ShadowOptionError } from '../_internal/options.js';
import { normalPpf, normalSf } from './distributions/normal.js';
import { checkAlpha, checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { checkLabels, covariance, delongComponents } from './_internal/delongComponents.js';

/** Options for {@link delongTest}. */
export interface DelongTestOptions {
  /**
   * The interval of the difference has two-sided level 1 − α.
   * @defaultValue 0.05
   */
  alpha?: number;
}

/** Result of {@link delongTest}. */
export interface DelongTestResult {
  method: 'DeLong paired';
  /** AUC of each scorer. */
  auc: { a: number; b: number };
  /** auc.a − auc.b. */
  difference: number;
  /** DeLong standard error of the difference. */
  se: number;
  /** difference / se. */
  z: number;
  /** Two-sided p-value of H0: equal AUCs, 2·Φ̄(|z|). */
  pValue: number;
  /** difference ± z_{1−α/2}·se. */
  ci: [number, number];
  confidenceLevel: number;
  /** DeLong correlation of the two AUC estimates. */
  correlation: number;
  /** DeLong variances of each AUC and their covariance (pROC's `var(roc)` and `cov(roc1, roc2)`). */
  variance: { a: number; b: number; covariance: number };
  n: { positive: number; negative: number };
}

/**
 * DeLong, DeLong & Clarke-Pearson (1988) test for two correlated AUCs: two scorers on the same
 * labelled examples. Positives are label 1/true; AUC as in {@link aucDeLong}. With the fast
 * midrank structural components of Sun & Xu (2014), S10 and S01 are the 2×2 sample covariance
 * matrices (m − 1, n − 1) of (V10ᵃ, V10ᵇ) and (V01ᵃ, V01ᵇ); var(AUCa − AUCb) =
 * [1, −1](S10/m + S01/n)[1, −1]ᵀ; z = (AUCa − AUCb)/se; p = 2Φ̄(|z|) (pROC's `roc.test(method="delong")`).
 * For non-inferiority, the lower end of the interval at α' = 2α is the one-sided (1 − α) bound.
 * O(N log N).
 *
 * Throws for non-binary labels, length mismatches, non-finite scores, fewer than 2 examples of
 * either class, and a zero variance of the difference (e.g. identical scorers).
 *
 * @example
 * const r = delongTest(shadowScores, legacyScores, labels);
 * r.difference; // AUC_shadow − AUC_legacy
 * r.pValue; // two-sided
 */
export function delongTest(
  scoresA: NumericSample,
  scoresB: NumericSample,
  labels: ArrayLike<number | boolean>,
  options: DelongTestOptions = {},
): DelongTestResult {
  const fn = 'delongTest';
  const o = checkOptions(fn, options, ['alpha']);
  const alpha = checkAlpha(fn, o.alpha);
  const a = checkSample(fn, 'scoresA', scoresA);
  const b = checkSample(fn, 'scoresB', scoresB);
  if (a.length !== b.length) {
    throw new ShadowOptionError(`${fn}: scoresA and scoresB must score the same examples (equal lengths), got ${a.length} and ${b.length}`);
  }
  const { positive, m, n } = checkLabels(fn, labels, a.length);
  if (m < 2 || n < 2) {
    throw new ShadowOptionError(`${fn}: needs at least 2 positive and 2 negative examples, got ${m} positive and ${n} negative`);
  }
  const ca = delongComponents(a, positive);
  const cb = delongComponents(b, positive);
  const vaa = covariance(ca.v10, ca.v10) / m + covariance(ca.v01, ca.v01) / n;
  const vbb = covariance(cb.v10, cb.v10) / m + covariance(cb.v01, cb.v01) / n;
  const vab = covariance(ca.v10, cb.v10) / m + covariance(ca.v01, cb.v01) / n;
  const v = vaa + vbb - 2 * vab;
  if (!(v > 0)) {
    throw new ShadowOptionError(`${fn}: the variance of the AUC difference is 0 (the scorers rank every example pair alike), so z is undefined`);
  }
  const se = Math.sqrt(v);
  const difference = ca.auc - cb.auc;
  const z = difference / se;
  const q = normalPpf(1 - alpha / 2);
  return {
    method: 'DeLong paired',
    auc: { a: ca.auc, b: cb.auc },
    difference,
    se,
    z,
    pValue: Math.min(1, 2 * normalSf(Math.abs(z))),
    ci: [difference - q * se, difference + q * se],
    confidenceLevel: 1 - alpha,
    correlation: vab / Math.sqrt(vaa * vbb),
    variance: { a: vaa, b: vbb, covariance: vab },
    n: { positive: m, negative: n },
  };
}
