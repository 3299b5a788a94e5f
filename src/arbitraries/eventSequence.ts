import type { Arbitrary } from 'fast-check';
import { assertKnownKeys, assertPlainObject, ShadowOptionError, describeValue } from '../_internal/options.js';
import { assemble, FIELD_KEYS, resolveFields, type EventFieldsConstraints } from './eventFields.js';
import { resolveShape, SHAPE_KEYS, timedBodies, type StreamShapeConstraints } from './streamShape.js';
import type { ShadowEvent } from './eventRecord.js';

/**
 * Constraints for {@link eventSequence}.
 *
 * @example
 * const c: EventSequenceConstraints = { entity: 'user-42', maxLength: 20 };
 */
export interface EventSequenceConstraints<X extends Record<string, unknown> = Record<never, never>>
  extends Omit<EventFieldsConstraints<X>, 'entities'>,
    StreamShapeConstraints {
  /**
   * The entity every event belongs to.
   * @defaultValue `'u0'`
   */
  entity?: string;
}

const FN = 'eventSequence';

/**
 * Arbitrary of one entity's time-ordered sequence of {@link ShadowEvent}s (ids `<entity>-0`,
 * `<entity>-1`, … in order, timestamps non-decreasing with ties): the unit the sequence tier
 * assembles and compares. Shrinks towards fewer events and ties.
 *
 * @example
 * import fc from 'fast-check';
 * import { eventSequence } from 'vitest-shadow/arbitraries';
 * const [seq] = fc.sample(eventSequence({ entity: 'u7', maxLength: 3 }), { seed: 3, numRuns: 1 });
 * seq.every((e) => e.entity === 'u7'); // => true
 */
export function eventSequence<X extends Record<string, unknown> = Record<never, never>>(
  constraints: EventSequenceConstraints<X> = {},
): Arbitrary<(ShadowEvent & X)[]> {
  assertPlainObject(FN, 'constraints', constraints);
  assertKnownKeys(FN, '', constraints, [...FIELD_KEYS.filter((k) => k !== 'entities'), ...SHAPE_KEYS, 'entity']);
  const entity = constraints.entity ?? 'u0';
  if (typeof entity !== 'string' || entity === '') {
    throw new ShadowOptionError(`${FN}: entity must be a non-empty string, got ${describeValue(entity)}`);
  }
  const fields = resolveFields(FN, constraints as EventFieldsConstraints<Record<string, unknown>>, 1);
  const shape = resolveShape(FN, constraints);
  return timedBodies(fields, shape, entity).map((items) =>
    items.map(({ ts, body }, i) => assemble<ShadowEvent & X>(`${entity}-${i}`, ts, body)),
  );
}
