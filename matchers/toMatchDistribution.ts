import type { MatcherState } from 'vitest';
import { compareDistribution, type CompareDistributionOptions } from '../src/outputs/compareDistribution.js';
import type { ValuesInput } from '../src/outputs/statsInputs.js';
import { reportResult } from './reportResult.js';

/**
 * `expect(shadowScores).toMatchDistribution(legacyScores, { maxKs | maxWasserstein | maxPsi |
 * maxJensenShannon, alpha, seed })`: passes only when the (1 − α) upper confidence bound of every
 * requested distance is within its maximum (see compareDistribution; legacy is the reference).
 * `.not` is refused: a distance not shown small is no proof that it is large.
 *
 * @example
 * expect(shadowScores).toMatchDistribution(legacyScores, { maxKs: 0.05, maxPsi: 0.1, seed: 7 });
 */
export function toMatchDistribution(this: MatcherState, received: ValuesInput, legacy: ValuesInput, options: CompareDistributionOptions) {
  const report = compareDistribution(legacy, received, options);
  return reportResult(this, 'toMatchDistribution', report, {
    refuseNot: true,
    notReason: 'an upper bound above the maximum is no proof that the distributions differ; bound a distance from below with a two-sample test (e.g. ksTwoSample) instead',
  });
}
