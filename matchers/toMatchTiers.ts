import type { MatcherState } from 'vitest';
import { compareTiers, type CompareTiersOptions, type TierInput } from '../src/tiers/compareTiers.js';
import { reportResult } from './reportResult.js';

function checkSide(value: unknown, what: string): void {
  const ok = (v: unknown) => Array.isArray(v) || (v !== null && typeof v === 'object' && typeof (v as { objects?: unknown }).objects === 'function');
  const pair = value !== null && typeof value === 'object' && ok((value as { events?: unknown }).events) && ok((value as { sequences?: unknown }).sequences);
  if (!ok(value) && !pair) {
    throw new TypeError(
      `toMatchTiers: ${what} must be an array of rows, a table with objects(), or { events, sequences } of those`,
    );
  }
}

/**
 * `expect(shadow).toMatchTiers(legacy, { events, sequences })`: passes when the shadow matches
 * legacy on both the event tier and the sequence tier (see {@link compareTiers}); a failure
 * explains where the tiers disagree, with example entities. Legacy is the reference.
 *
 * @example
 * expect(shadow).toMatchTiers(legacy, {
 *   events: { key: 'eventId', fields: { ts: { time: '1s' } } },
 *   sequences: { entity: 'userId', orderBy: 'ts', id: 'eventId' },
 * });
 */
export function toMatchTiers(this: MatcherState, received: TierInput, legacy: TierInput, options: CompareTiersOptions) {
  checkSide(received, 'the received value (shadow)');
  checkSide(legacy, 'the expected value (legacy)');
  const report = compareTiers(legacy, received, options);
  return reportResult(this, 'toMatchTiers', report);
}
