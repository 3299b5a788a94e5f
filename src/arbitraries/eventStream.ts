import type { Arbitrary } from 'fast-check';
import { assertKnownKeys, assertPlainObject } from '../_internal/options.js';
import { assemble, FIELD_KEYS, resolveFields, type EventFieldsConstraints } from './eventFields.js';
import { resolveShape, SHAPE_KEYS, timedBodies, type StreamShapeConstraints } from './streamShape.js';
import type { ShadowEvent } from './eventRecord.js';

/**
 * Constraints for {@link eventStream}.
 *
 * @example
 * const c: EventStreamConstraints = { minLength: 10, maxLength: 200, entities: 50, tieRate: 0.3 };
 */
export interface EventStreamConstraints<X extends Record<string, unknown> = Record<never, never>>
  extends EventFieldsConstraints<X>,
    StreamShapeConstraints {}

const FN = 'eventStream';

/**
 * Arbitrary of a time-ordered stream of {@link ShadowEvent}s from many entities: ids `e0`, `e1`, …
 * in stream order (unique, so `id` is a key), timestamps non-decreasing from `start` with ties
 * (a share `tieRate` of gaps is 0, half of them bursts of the same entity),
 * entities drawn with heavy-tailed activity (a few busy entities, a long tail of quiet ones).
 * Shrinks towards fewer events, ties, `u0`, the first type and label, and value 0.
 *
 * @example
 * import fc from 'fast-check';
 * import { eventStream } from 'vitest-shadow/arbitraries';
 * const [stream] = fc.sample(eventStream({ maxLength: 5 }), { seed: 7, numRuns: 1 });
 * stream.map((e) => e.id); // => ['e0', 'e1', …]
 */
export function eventStream<X extends Record<string, unknown> = Record<never, never>>(
  constraints: EventStreamConstraints<X> = {},
): Arbitrary<(ShadowEvent & X)[]> {
  assertPlainObject(FN, 'constraints', constraints);
  assertKnownKeys(FN, '', constraints, [...FIELD_KEYS, ...SHAPE_KEYS]);
  const fields = resolveFields(FN, constraints as EventFieldsConstraints<Record<string, unknown>>, 20);
  const shape = resolveShape(FN, constraints);
  return timedBodies(fields, shape).map((items) => items.map(({ ts, body }, i) => assemble<ShadowEvent & X>(`e${i}`, ts, body)));
}
