import type { MatcherState } from 'vitest';
import { compareSequences, type CompareSequencesOptions } from '../src/sequences/compareSequences.js';
import type { DatasetInput } from '../src/dataset/toRows.js';
import { toRows } from '../src/dataset/toRows.js';
import { reportResult } from './reportResult.js';

/**
 * `expect(shadow).toMatchSequences(legacy, options)`: passes when the per-entity sequences of the
 * shadow match the legacy ones under the rules and thresholds of {@link compareSequences}
 * (assembly, window, tie rule, field tolerances). Legacy is the reference. A wrong receiver or bad
 * options throw a TypeError.
 *
 * @example
 * expect(shadowEvents).toMatchSequences(legacyEvents, {
 *   entity: 'userId',
 *   orderBy: 'ts',
 *   id: 'eventId',
 *   window: { last: 50 },
 * });
 */
export function toMatchSequences(
  this: MatcherState,
  received: DatasetInput,
  legacy: DatasetInput,
  options: CompareSequencesOptions,
) {
  toRows(received, 'toMatchSequences', 'the received value (shadow)');
  toRows(legacy, 'toMatchSequences', 'the expected value (legacy)');
  const report = compareSequences(legacy, received, options);
  return reportResult(this, 'toMatchSequences', report);
}
