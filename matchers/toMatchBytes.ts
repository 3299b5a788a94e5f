import type { MatcherState } from 'vitest';
import { compareBytes, type CompareBytesOptions } from '../src/bytes/compareBytes.js';
import { toRows, type DatasetInput } from '../src/dataset/toRows.js';
import { reportResult } from './reportResult.js';

/**
 * `expect(shadow).toMatchBytes(legacy, options)`: passes when at least `minMatchRate` (default all)
 * of the legacy records are byte-equal in shadow after the declared normalisation (see
 * compareBytes); the failure names the first differing byte and the field holding it. A wrong
 * receiver or bad options (including a normalisation that drops the key) throw a TypeError.
 *
 * @example
 * expect(shadowRecords).toMatchBytes(legacyRecords, { key: 'id', normalize: { drop: ['ingestedAt'] } });
 */
export function toMatchBytes(this: MatcherState, received: DatasetInput, legacy: DatasetInput, options: CompareBytesOptions) {
  toRows(received, 'toMatchBytes', 'the received value (shadow)');
  toRows(legacy, 'toMatchBytes', 'the expected value (legacy)');
  return reportResult(this, 'toMatchBytes', compareBytes(legacy, received, options));
}
