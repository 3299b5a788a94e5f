import { ShadowOptionError } from '../_internal/options.js';
import { normalPpf } from './distributions/normal.js';
import { checkAlpha, checkOptions, checkSample, type NumericSample } from './checkSample.js';
import { checkLabels, covariance, delongComponents } from './_internal/delongComponents.js';

/** Options for {@link aucDeLong}. */
export interface AucDeLongOptions {
  /**
   * The interval has two-sided level 1 − α.
   * @defaultValue 0.05
   */
  alpha?: number;
}

/** Result of {@link aucDeLong}. */
export interface AucDeLongResult {
  method: 'DeLong';
  /** Area under the ROC curve: P(score⁺ > score⁻) + ½·P(tie). */
  auc: number;
  /** DeLong standard error, √(S10/m + S01/n). */
  se: number;
  /** auc ± z_{1−α/2}·se, clipped to [0, 1]. */
  ci: [number, number];
  confidenceLevel: number;
  n: { positive: number; negative: number };
}

/**
 * Area under the ROC curve of one scorer with its DeLong (1988) standard error and normal interval.
 *
 * Convention: label 1 (or true) is the positive class and higher scores mean "more positive";
 * AUC = U/(mn), the Mann–Whitney U of positives over negatives with ties counted ½ (equals
 * `sklearn.metrics.roc_auc_score(labels, scores)` and `scipy.stats.mannwhitneyu(pos, neg).statistic/(m·n)`).
 * Variance by the fast midrank algorithm of Sun & Xu (2014): V10_i = share of negatives below
 * positive i, V01_j = share of positives above negative j, var = S10/m + S01/n with sample
 * variances (m − 1, n − 1). The interval is the plain normal one on the AUC scale, clipped to
 * [0, 1]. O(N log N).
 *
 * Throws for non-binary labels, non-finite scores and fewer than 2 examples of either class.
 *
 * @example
 * const r = aucDeLong([0.9, 0.8, 0.3, 0.6, 0.2, 0.1], [1, 1, 1, 0, 0, 0]);
 * r.auc; // => 0.888888… (8 of 9 positive–negative pairs ordered correctly)
 */
export function aucDeLong(scores: NumericSample, labels: ArrayLike<number | boolean>, options: AucDeLongOptions = {}): AucDeLongResult {
  const fn = 'aucDeLong';
  const o = checkOptions(fn, options, ['alpha']);
  const alpha = checkAlpha(fn, o.alpha);
  const s = checkSample(fn, 'scores', scores);
  const { positive, m, n } = checkLabels(fn, labels, s.length);
  if (m < 2 || n < 2) {
    throw new ShadowOptionError(`${fn}: needs at least 2 positive and 2 negative examples, got ${m} positive and ${n} negative`);
  }
  const c = delongComponents(s, positive);
  const se = Math.sqrt(covariance(c.v10, c.v10) / m + covariance(c.v01, c.v01) / n);
  const z = normalPpf(1 - alpha / 2);
  return {
    method: 'DeLong',
    auc: c.auc,
    se,
    ci: [Math.max(0, c.auc - z * se), Math.min(1, c.auc + z * se)],
    confidenceLevel: 1 - alpha,
    n: { positive: m, negative: n },
  };
}
