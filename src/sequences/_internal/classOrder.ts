import type { SequenceDiffClass } from '../compareSequences.js';
import { CLASS } from './compareEntity.js';

/** The difference classes in report order: name, bit in {@link CLASS}, description. */
export const CLASS_ORDER: readonly [SequenceDiffClass, number, string][] = [
  ['cut-head', CLASS.cutHead, 'one side lacks events at the start of the sequence (a window or truncation difference)'],
  ['cut-tail', CLASS.cutTail, 'one side lacks events at the end of the sequence (a window or truncation difference)'],
  ['reordered', CLASS.reordered, 'the same events in another order'],
  ['duplicated', CLASS.duplicated, 'an event occurs more often on one side (a dedup difference)'],
  ['missing', CLASS.missing, 'legacy events absent from the shadow sequence'],
  ['extra', CLASS.extra, 'shadow events absent from the legacy sequence'],
  ['time-shifted', CLASS.timeShifted, 'the same event at another time, beyond the time rule'],
  ['changed', CLASS.changed, 'the same event with other fields differing beyond their rules'],
];

/** First-divergence histogram buckets (absolute position, inclusive bounds). */
export const ABS_BUCKETS: readonly [number, number][] = [
  [0, 0],
  [1, 1],
  [2, 4],
  [5, 9],
  [10, 19],
  [20, 49],
  [50, 99],
  [100, Infinity],
];
/** First-divergence histogram buckets (position relative to the longer sequence). */
export const REL_LABELS: readonly string[] = ['0–20%', '20–40%', '40–60%', '60–80%', '80–100%'];
