import type { MatcherState } from 'vitest';
import { compareProfile, type CompareProfileOptions, type ProfileInput } from '../src/profiles/compareProfile.js';
import { isProfile } from '../src/profiles/profileAccumulator.js';
import { toRows } from '../src/dataset/toRows.js';
import type { GroupOptions } from '../src/groups/types.js';
import { reportResult } from './reportResult.js';

/**
 * `expect(shadow).toMatchProfile(legacy, options)`: passes when every column's count, null rate,
 * distinct count, mean, quantiles, KS distance, category and type shares are within their bounds
 * widened by sampling noise, with no column added, removed or retyped (see compareProfile). Either
 * side may be a stored profile. Legacy is the reference. A wrong receiver or bad options throw a
 * TypeError. With `by` (data on both sides), one comparison per group, each with its own verdict.
 *
 * @example
 * expect(shadowRows).toMatchProfile(storedLegacyProfile, { maxNullRateDelta: 0.001, maxKs: 0.01 });
 */
export function toMatchProfile(this: MatcherState, received: ProfileInput, legacy: ProfileInput, options: CompareProfileOptions | (CompareProfileOptions & GroupOptions<CompareProfileOptions>) = {}) {
  if (!isProfile(received)) toRows(received, 'toMatchProfile', 'the received value (shadow)');
  if (!isProfile(legacy)) toRows(legacy, 'toMatchProfile', 'the expected value (legacy)');
  return reportResult(this, 'toMatchProfile', compareProfile(legacy, received, options));
}
