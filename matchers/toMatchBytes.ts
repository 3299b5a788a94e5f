import type { MatcherState } from 'vitest';
import { compareBytes, type CompareBytesOptions } from '../src/bytes/compareBytes.js';
import { toRows, type DatasetInput } from '../src/dataset/toRows.js';
import type { GroupOptions } from '../src/groups/types.js';
import { reportResult } from './reportResult.js';

/**
 * `expect(shadow).toMatchBytes(legacy, options)`: passes when at least `minMatchRate` (default all)
 * of the legacy records are byte-equal in shadow after the declared normalisation (see
 * compareBytes); the failure names the first differing byte and the field holding it. A wrong
 * receiver or bad options (including a normalisation that drops the key) throw a TypeError. With
 * `by` (e.g. `'type'`), one comparison per group, each with its own verdict; it fails when any does.
 *
 * @example
 * expect(shadowRecords).toMatchBytes(legacyRecords, { key: 'id', normalize: { drop: ['ingestedAt'] } });
 * expect(shadowRecords).toMatchBytes(legacyRecords, { key: 'id', by: 'type', overrides: { view: { minMatchRate: 0.99 } } });
 */
export function toMatchBytes(this: MatcherState, received: DatasetInput, legacy: DatasetInput, options: CompareBytesOptions | (CompareBytesOptions & GroupOptions<CompareBytesOptions>)) {
  toRows(received, 'toMatchBytes', 'the received value (shadow)');
  toRows(legacy, 'toMatchBytes', 'the expected value (legacy)');
  return reportResult(this, 'toMatchBytes', compareBytes(legacy, received, options));
}
