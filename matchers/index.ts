/**
 * vitest-shadow/matchers: every matcher as a plain function for `expect.extend`, one file each.
 * Most users import `vitest-shadow/setup` instead, which registers all of them.
 */
import { toApproximatelyMatch } from './toApproximatelyMatch.js';
import { toMatchSequences } from './toMatchSequences.js';
import { toMatchTiers } from './toMatchTiers.js';
import { toBeEquivalentTo } from './toBeEquivalentTo.js';
import { toMatchDistribution } from './toMatchDistribution.js';
import { toHaveEquivalentAuc } from './toHaveEquivalentAuc.js';
import { toAgreeWith } from './toAgreeWith.js';
import { toMatchProfile } from './toMatchProfile.js';
import { toMatchBytes } from './toMatchBytes.js';
import { toReconcileQueries } from './toReconcileQueries.js';
import { withErrorRecord } from './withErrorRecord.js';

export type { ShadowMatchers } from './augment.js';
export type { RecordedReport } from './reportResult.js';
export type { RecordedError } from './withErrorRecord.js';
export { withErrorRecord } from './withErrorRecord.js';

// ── Event tier ──
export { toApproximatelyMatch } from './toApproximatelyMatch.js';
// ── Sequence tier ──
export { toMatchSequences } from './toMatchSequences.js';
export { toMatchTiers } from './toMatchTiers.js';
// ── Statistics ──
export { toBeEquivalentTo, EQUIVALENCE_NOT_REASON } from './toBeEquivalentTo.js';
export type { ToBeEquivalentToOptions } from './toBeEquivalentTo.js';
export { toMatchDistribution } from './toMatchDistribution.js';
export { toHaveEquivalentAuc } from './toHaveEquivalentAuc.js';
export type { ToHaveEquivalentAucOptions } from './toHaveEquivalentAuc.js';
export { toAgreeWith } from './toAgreeWith.js';
// ── Dataset and byte level ──
export { toMatchProfile } from './toMatchProfile.js';
export { toMatchBytes } from './toMatchBytes.js';
// ── Consumer queries ──
export { toReconcileQueries } from './toReconcileQueries.js';
export type { ToReconcileQueriesOptions } from './toReconcileQueries.js';
export { resetShadowFamilies } from './family.js';
export type { MatcherFamilyOption } from './family.js';

/**
 * Every vitest-shadow matcher, ready for `expect.extend(shadowMatchers)`. Each is wrapped by
 * {@link withErrorRecord}, so a matcher that throws before its Report names its event type (the
 * `label` option) and tier for the reporter's `error` check.
 *
 * @example
 * import { expect } from 'vitest';
 * import { shadowMatchers } from 'vitest-shadow/matchers';
 * expect.extend(shadowMatchers);
 */
export const shadowMatchers = {
  // ── Event tier ──
  toApproximatelyMatch: withErrorRecord('toApproximatelyMatch', toApproximatelyMatch),
  // ── Sequence tier ──
  toMatchSequences: withErrorRecord('toMatchSequences', toMatchSequences),
  toMatchTiers: withErrorRecord('toMatchTiers', toMatchTiers),
  // ── Statistics ──
  toBeEquivalentTo: withErrorRecord('toBeEquivalentTo', toBeEquivalentTo),
  toMatchDistribution: withErrorRecord('toMatchDistribution', toMatchDistribution),
  toHaveEquivalentAuc: withErrorRecord('toHaveEquivalentAuc', toHaveEquivalentAuc),
  toAgreeWith: withErrorRecord('toAgreeWith', toAgreeWith),
  // ── Dataset and byte level ──
  toMatchProfile: withErrorRecord('toMatchProfile', toMatchProfile),
  toMatchBytes: withErrorRecord('toMatchBytes', toMatchBytes),
  // ── Consumer queries ──
  toReconcileQueries: withErrorRecord('toReconcileQueries', toReconcileQueries),
};
