import type { MatcherState } from 'vitest';
import { compareEvents, type CompareEventsOptions } from '../src/events/compareEvents.js';
import type { DatasetInput } from '../src/dataset/toRows.js';
import { toRows } from '../src/dataset/toRows.js';
import { reportResult } from './reportResult.js';

/**
 * `expect(shadow).toApproximatelyMatch(legacy, options)`: passes when the shadow events match the
 * legacy events by key with every compared field within its tolerance, under the thresholds of
 * {@link compareEvents}. Legacy is the reference. A wrong receiver or bad options throw a TypeError.
 *
 * @example
 * expect(shadowRows).toApproximatelyMatch(legacyRows, {
 *   key: 'eventId',
 *   fields: { price: { abs: 0.01 }, ts: { time: '2s' } },
 * });
 */
export function toApproximatelyMatch(
  this: MatcherState,
  received: DatasetInput,
  legacy: DatasetInput,
  options: CompareEventsOptions,
) {
  toRows(received, 'toApproximatelyMatch', 'the received value (shadow)');
  toRows(legacy, 'toApproximatelyMatch', 'the expected value (legacy)');
  const report = compareEvents(legacy, received, options);
  return reportResult(this, 'toApproximatelyMatch', report);
}
