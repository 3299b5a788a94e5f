/** The time-ordered skeleton shared by eventStream and eventSequence. */
import fc, { type Arbitrary } from 'fast-check';
import { assertNumber, assertRate } from '../_internal/options.js';
import { eventBody, type EventBody, type ResolvedFields } from './eventFields.js';

/**
 * Constraints on the shape of a time-ordered stream.
 *
 * @example
 * const c: StreamShapeConstraints = { minLength: 5, tieRate: 0.5, resolutionMs: 60_000 };
 */
export interface StreamShapeConstraints {
  /**
   * Fewest events. Zero is allowed but then a comparison of the stream is vacuous.
   * @defaultValue 1
   */
  minLength?: number;
  /**
   * Most events.
   * @defaultValue 40
   */
  maxLength?: number;
  /**
   * Probability that an event has the same timestamp as the one before it; half of these ties
   * are bursts that also repeat the previous event's entity.
   * @defaultValue 0.2
   */
  tieRate?: number;
  /**
   * Largest gap between consecutive timestamps, in ms.
   * @defaultValue 60_000
   */
  maxGapMs?: number;
  /**
   * Timestamp granularity in ms (gaps are whole multiples of it).
   * @defaultValue 1000
   */
  resolutionMs?: number;
}

export const SHAPE_KEYS = ['minLength', 'maxLength', 'tieRate', 'maxGapMs', 'resolutionMs'] as const;

export interface ResolvedShape {
  minLength: number;
  maxLength: number;
  tieRate: number;
  maxGapMs: number;
  resolutionMs: number;
}

export function resolveShape(fn: string, c: StreamShapeConstraints): ResolvedShape {
  const minLength = c.minLength ?? 1;
  assertNumber(fn, 'minLength', minLength, { min: 0, max: 100_000, integer: true });
  const maxLength = c.maxLength ?? Math.max(40, minLength);
  assertNumber(fn, 'maxLength', maxLength, { min: minLength, max: 100_000, integer: true });
  const tieRate = c.tieRate ?? 0.2;
  assertRate(fn, 'tieRate', tieRate);
  const resolutionMs = c.resolutionMs ?? 1000;
  assertNumber(fn, 'resolutionMs', resolutionMs, { min: 1, max: 1e12, integer: true });
  const maxGapMs = c.maxGapMs ?? 60_000;
  assertNumber(fn, 'maxGapMs', maxGapMs, { min: resolutionMs, max: 1e12, integer: true });
  return { minLength, maxLength, tieRate, maxGapMs, resolutionMs };
}

const TIE_STEPS = 10_000;

/**
 * Arbitrary of bodies with non-decreasing timestamps. Each gap is 0 (a tie) with probability
 * tieRate (half of those ties are bursts of the previous event's entity), else a whole number of resolution steps in [1, maxGapMs / resolutionMs]; a gap
 * shrinks towards a tie, the list towards fewer events.
 */
export function timedBodies(fields: ResolvedFields, shape: ResolvedShape, fixedEntity?: string): Arbitrary<{ ts: number; body: EventBody }[]> {
  const maxSteps = Math.floor(shape.maxGapMs / shape.resolutionMs);
  const tieBelow = shape.tieRate * TIE_STEPS;
  // A gap of 0 is a tie; the lower half of the tie band is a burst, where the event also
  // belongs to the previous event's entity (one user's events sharing a timestamp).
  const gap = fc
    .tuple(fc.integer({ min: 0, max: TIE_STEPS - 1 }), fc.integer({ min: 1, max: maxSteps }))
    .map(([u, g]) => ({ gap: u < tieBelow ? 0 : g * shape.resolutionMs, burst: u < tieBelow / 2 }));
  return fc
    .array(fc.tuple(gap, eventBody(fields, fixedEntity)), {
      minLength: shape.minLength,
      maxLength: shape.maxLength,
      // Honour maxLength: fast-check's default size would cap lengths near 10.
      size: 'max',
    })
    .map((items) => {
      let ts = fields.start;
      let prev: EventBody | undefined;
      return items.map(([{ gap: g, burst }, body], i) => {
        if (i > 0) ts += g;
        const b = burst && prev ? { ...body, entity: prev.entity } : body;
        prev = b;
        return { ts, body: b };
      });
    });
}
