import type { MatcherState } from 'vitest';
import { compareAuc, type CompareAucOptions } from '../src/outputs/compareAuc.js';
import { familyFor, memberKey, recordFamilyMember, type MatcherFamilyOption } from './family.js';
import { reportResult } from './reportResult.js';

/** Options of {@link toHaveEquivalentAuc}: those of compareAuc, with a registry-backed `family`. */
export interface ToHaveEquivalentAucOptions extends Omit<CompareAucOptions, 'family'> {
  /** Group this assertion with others of the test file for Holm/BH adjustment. */
  family?: MatcherFamilyOption;
}

type Scores = ArrayLike<number> | ReadonlyMap<unknown, number>;

/**
 * `expect(shadowScores).toHaveEquivalentAuc(legacyScores, { labels, margin })`: passes only when
 * the DeLong one-sided (1 − α) lower bound of AUC_shadow − AUC_legacy on the same labelled
 * examples is above −margin (non-inferiority; see compareAuc). `.not` is refused.
 *
 * @example
 * expect(shadowScores).toHaveEquivalentAuc(legacyScores, { labels, margin: 0.01 });
 */
export function toHaveEquivalentAuc(this: MatcherState, received: Scores, legacy: Scores, options: ToHaveEquivalentAucOptions) {
  const member = memberKey(this, options?.label);
  const family = familyFor('toHaveEquivalentAuc', options?.family, member);
  const report = compareAuc(legacy, received, { ...options, ...(family ? { family } : {}) });
  const result = reportResult(this, 'toHaveEquivalentAuc', report, {
    refuseNot: true,
    notReason: 'failing to show non-inferiority is no proof of inferiority; compare the AUCs with delongTest for a test of difference',
  });
  recordFamilyMember(options?.family, member, report.pValue);
  return result;
}
