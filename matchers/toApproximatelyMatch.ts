import type { MatcherState } from 'vitest';
import { compareEvents, type CompareEventsOptions } from '../src/events/compareEvents.js';
import type { DatasetInput } from '../src/dataset/toRows.js';
import { toRows } from '../src/dataset/toRows.js';
import { reportResult } from './reportResult.js';
import { trackComparison } from './pending.js';
import { compareEventSources, type CompareEventSourcesOptions } from '../src/suite/compareEventSources.js';

const isPaths = (v: unknown): v is string | readonly string[] => typeof v === 'string' || (Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === 'string'));

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
  received: DatasetInput | string | readonly string[],
  legacy: DatasetInput | string | readonly string[],
  options: CompareEventsOptions | CompareEventSourcesOptions,
) {
  // File paths (or globs) on both sides: loaded, or compared in DuckDB when large; the same Report.
  if (isPaths(received) && isPaths(legacy)) {
    const compared = compareEventSources(legacy, received, options).then(({ report }) => reportResult(this, 'toApproximatelyMatch', report));
    return trackComparison(compared, this.currentTestName, 'toApproximatelyMatch');
  }
  toRows(received, 'toApproximatelyMatch', 'the received value (shadow)');
  toRows(legacy, 'toApproximatelyMatch', 'the expected value (legacy)');
  const report = compareEvents(legacy as DatasetInput, received as DatasetInput, options as CompareEventsOptions);
  return reportResult(this, 'toApproximatelyMatch', report);
}
