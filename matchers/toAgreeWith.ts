import type { MatcherState } from 'vitest';
import { compareAgreement, type CompareAgreementOptions, type Prediction } from '../src/outputs/compareAgreement.js';
import type { ValuesInput } from '../src/outputs/statsInputs.js';
import { reportResult } from './reportResult.js';

/**
 * `expect(shadowPredictions).toAgreeWith(legacyPredictions, { minAgreement })`: passes only when
 * the one-sided (1 − α) Wilson lower bound of the share of inputs where both models predict the
 * same class is at least `minAgreement`; McNemar's test is reported (see compareAgreement).
 * `.not` passes only when agreement is shown to be below `minAgreement`; inconclusive never
 * satisfies `.not`.
 *
 * @example
 * expect(shadowPredictions).toAgreeWith(legacyPredictions, { minAgreement: 0.98 });
 */
export function toAgreeWith(
  this: MatcherState,
  received: ValuesInput<Prediction>,
  legacy: ValuesInput<Prediction>,
  options: CompareAgreementOptions,
) {
  const report = compareAgreement(legacy, received, options);
  return reportResult(this, 'toAgreeWith', report);
}
