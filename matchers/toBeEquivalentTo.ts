import type { MatcherState } from 'vitest';
import { compareEquivalence, type CompareEquivalenceOptions } from '../src/outputs/compareEquivalence.js';
import type { ValuesInput } from '../src/outputs/statsInputs.js';
import { familyFor, memberKey, recordFamilyMember, type MatcherFamilyOption } from './family.js';
import { reportResult } from './reportResult.js';

/** Options of {@link toBeEquivalentTo}: those of compareEquivalence, with a registry-backed `family`. */
export interface ToBeEquivalentToOptions extends Omit<CompareEquivalenceOptions, 'family'> {
  /** Group this assertion with others of the test file for Holm/BH adjustment (see matchers/_internal/family.ts). */
  family?: MatcherFamilyOption;
}

/**
 * Why `.not.toBeEquivalentTo` is refused (the text of the TypeError).
 *
 * @example
 * expect(() => expect(a).not.toBeEquivalentTo(b, { margin: 0.01 })).toThrow(EQUIVALENCE_NOT_REASON);
 */
export const EQUIVALENCE_NOT_REASON =
  'failing to show equivalence is no proof of difference (a small or noisy sample shows neither); assert a difference with a test of difference instead';

/**
 * `expect(shadowScores).toBeEquivalentTo(legacyScores, { margin, alpha, paired, family })`: passes
 * only when the TOST (1 − 2α) confidence interval of the mean difference shadow − legacy lies
 * inside ±margin (see compareEquivalence). Inconclusive samples do not pass, and the message says
 * which margin the data could support. `.not` is refused: failing to show equivalence proves nothing.
 *
 * @example
 * expect(shadowScores).toBeEquivalentTo(legacyScores, { margin: 0.01, paired: true });
 */
export function toBeEquivalentTo(this: MatcherState, received: ValuesInput, legacy: ValuesInput, options: ToBeEquivalentToOptions) {
  const member = memberKey(this, options?.label);
  const family = familyFor('toBeEquivalentTo', options?.family, member);
  const report = compareEquivalence(legacy, received, { ...options, ...(family ? { family } : {}) });
  const result = reportResult(this, 'toBeEquivalentTo', report, { refuseNot: true, notReason: EQUIVALENCE_NOT_REASON });
  recordFamilyMember(options?.family, member, report.pValue);
  return result;
}
