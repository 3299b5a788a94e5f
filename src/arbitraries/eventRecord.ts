import fc, { type Arbitrary } from 'fast-check';
import { assertKnownKeys, assertNumber, assertPlainObject } from '../_internal/options.js';
import { assemble, eventBody, FIELD_KEYS, resolveFields, type EventFieldsConstraints } from './eventFields.js';

/**
 * An event as the arbitraries generate it: a unique `id` (the key), the `entity` it belongs to,
 * its `type`, an epoch-millisecond timestamp `ts`, a numeric `value` and a string `label`, plus
 * any extra fields requested through `extra`.
 *
 * @example
 * const e: ShadowEvent = { id: 'e0', entity: 'u0', type: 'click', ts: 1774742400000, value: 9.99, label: 'home' };
 */
export type ShadowEvent = {
  id: string;
  entity: string;
  type: string;
  ts: number;
  value: number;
  label: string;
};

/**
 * Constraints for {@link eventRecord}.
 *
 * @example
 * const c: EventRecordConstraints = { types: ['click'], spanMs: 3_600_000, value: { min: 0, max: 100 } };
 */
export interface EventRecordConstraints<X extends Record<string, unknown> = Record<never, never>> extends EventFieldsConstraints<X> {
  /**
   * Timestamps are drawn in [start, start + spanMs].
   * @defaultValue 86_400_000 (one day)
   */
  spanMs?: number;
  /**
   * Timestamp granularity in ms; a coarse grid makes equal timestamps likely.
   * @defaultValue 1000
   */
  resolutionMs?: number;
  /**
   * Largest n in the id `e<n>`.
   * @defaultValue 999_999
   */
  maxId?: number;
}

const FN = 'eventRecord';

/**
 * Arbitrary of one {@link ShadowEvent}. Every part is drawn by its own shrinkable arbitrary and
 * combined with `.map`, so a failing event shrinks towards `{ id: 'e0', entity: 'u0', type: types[0],
 * ts: start, value: 0, label: labels[0] }`.
 *
 * @example
 * import fc from 'fast-check';
 * import { eventRecord } from 'vitest-shadow/arbitraries';
 * fc.sample(eventRecord({ types: ['click'] }), { seed: 1, numRuns: 1 });
 * // => [{ id: 'e…', entity: 'u…', type: 'click', ts: 17747…, value: …, label: … }]
 */
export function eventRecord<X extends Record<string, unknown> = Record<never, never>>(
  constraints: EventRecordConstraints<X> = {},
): Arbitrary<ShadowEvent & X> {
  assertPlainObject(FN, 'constraints', constraints);
  assertKnownKeys(FN, '', constraints, [...FIELD_KEYS, 'spanMs', 'resolutionMs', 'maxId']);
  const fields = resolveFields(FN, constraints as EventFieldsConstraints<Record<string, unknown>>, 8);
  const spanMs = constraints.spanMs ?? 86_400_000;
  assertNumber(FN, 'spanMs', spanMs, { min: 0, max: 1e13, integer: true });
  const resolutionMs = constraints.resolutionMs ?? 1000;
  assertNumber(FN, 'resolutionMs', resolutionMs, { min: 1, max: 1e13, integer: true });
  const maxId = constraints.maxId ?? 999_999;
  assertNumber(FN, 'maxId', maxId, { min: 0, max: Number.MAX_SAFE_INTEGER, integer: true });
  const steps = Math.floor(spanMs / resolutionMs);
  return fc
    .tuple(fc.integer({ min: 0, max: maxId }), fc.integer({ min: 0, max: steps }), eventBody(fields))
    .map(([n, step, body]) => assemble<ShadowEvent & X>(`e${n}`, fields.start + step * resolutionMs, body));
}
