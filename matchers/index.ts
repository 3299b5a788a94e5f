/**
 * vitest-shadow/matchers: every matcher as a plain function for `expect.extend`, one file each.
 * Most users import `vitest-shadow/setup` instead, which registers all of them.
 */
import { toApproximatelyMatch } from './toApproximatelyMatch.js';

export type { ShadowMatchers } from './augment.js';
export type { RecordedReport } from './_internal/reportResult.js';

// ── Event tier ──
export { toApproximatelyMatch } from './toApproximatelyMatch.js';
// ── Sequence tier ──
// ── Statistics ──

/**
 * Every vitest-shadow matcher, ready for `expect.extend(shadowMatchers)`.
 *
 * @example
 * import { expect } from 'vitest';
 * import { shadowMatchers } from 'vitest-shadow/matchers';
 * expect.extend(shadowMatchers);
 */
export const shadowMatchers = {
  // ── Event tier ──
  toApproximatelyMatch,
  // ── Sequence tier ──
  // ── Statistics ──
};
