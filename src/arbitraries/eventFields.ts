/**
 * The field generators shared by eventRecord, eventStream and eventSequence: constraint
 * validation and the arbitrary of an event's body (everything but its id and timestamp).
 */
import fc, { type Arbitrary } from 'fast-check';
import { assertKnownKeys, assertNumber, assertPlainObject, ShadowOptionError, describeValue } from '../_internal/options.js';

/** Event types when none are given. */
export const DEFAULT_TYPES: readonly string[] = ['click', 'save', 'search'];
/** Labels when none are given: plain ASCII, accented letters (NFC) and the empty string. */
export const DEFAULT_LABELS: readonly string[] = ['home', 'cart', 'café', 'Zürich', 'naïve', 'search results', ''];
/** 2026-03-29T00:00:00Z: the day European clocks move forward (01:00 UTC), so DST bugs show. */
export const DEFAULT_START = Date.UTC(2026, 2, 29, 0, 0, 0);

/**
 * Constraints on an event's fields, shared by every event arbitrary.
 *
 * @example
 * const c: EventFieldsConstraints = { entities: 3, types: ['open', 'close'], labels: ['a', 'b'] };
 */
export interface EventFieldsConstraints<X extends Record<string, unknown> = Record<never, never>> {
  /**
   * Number of distinct entities (`u0`, `u1`, …). Activity is heavy-tailed: entity k is drawn with
   * probability log((k + 2) / (k + 1)) / log(entities + 1), a Zipf-like law (u0 is the busiest).
   * @defaultValue 8 for eventRecord, 20 for eventStream
   */
  entities?: number;
  /**
   * Event types to draw from; shrinking moves towards the first.
   * @defaultValue `['click', 'save', 'search']`
   */
  types?: readonly string[];
  /**
   * Epoch milliseconds of the first possible timestamp.
   * @defaultValue `Date.UTC(2026, 2, 29)` (a European DST change day)
   */
  start?: number;
  /**
   * Range and precision of the numeric `value` field: drawn as an integer number of
   * 10^-decimals units in [min, max], so it shrinks towards 0.
   * @defaultValue `{ min: -1000, max: 1000, decimals: 2 }`
   */
  value?: { min?: number; max?: number; decimals?: number };
  /**
   * Labels to draw from; shrinking moves towards the first.
   * @defaultValue `['home', 'cart', 'café', 'Zürich', 'naïve', 'search results', '']`
   */
  labels?: readonly string[];
  /**
   * Extra fields: name → arbitrary of its value (e.g. `{ geo: fc.record({ city: fc.string() }) }`).
   * @defaultValue none
   */
  extra?: { [K in keyof X]: Arbitrary<X[K]> };
}

/** Option names of {@link EventFieldsConstraints}. */
export const FIELD_KEYS = ['entities', 'types', 'start', 'value', 'labels', 'extra'] as const;

const RESERVED = new Set(['id', 'entity', 'type', 'ts', 'value', 'label']);
const PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Validated field constraints. */
export interface ResolvedFields {
  entities: number;
  types: readonly string[];
  start: number;
  valueMin: number;
  valueMax: number;
  decimals: number;
  labels: readonly string[];
  extra: [string, Arbitrary<unknown>][];
}

function assertStrings(fn: string, path: string, value: unknown): asserts value is readonly string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => typeof v === 'string')) {
    throw new ShadowOptionError(`${fn}: ${path} must be a non-empty array of strings, got ${describeValue(value)}`);
  }
}

/** Validates the shared field constraints of `c` (unknown keys are checked by the caller). */
export function resolveFields(fn: string, c: EventFieldsConstraints<Record<string, unknown>>, defaultEntities: number): ResolvedFields {
  const entities = c.entities ?? defaultEntities;
  assertNumber(fn, 'entities', entities, { min: 1, max: 1_000_000, integer: true });
  const types = c.types ?? DEFAULT_TYPES;
  assertStrings(fn, 'types', types);
  const start = c.start ?? DEFAULT_START;
  assertNumber(fn, 'start', start, { min: -8.64e15, max: 8.64e15, integer: true });
  const value = c.value ?? {};
  assertPlainObject(fn, 'value', value);
  assertKnownKeys(fn, 'value', value, ['min', 'max', 'decimals']);
  const decimals = value.decimals ?? 2;
  assertNumber(fn, 'value.decimals', decimals, { min: 0, max: 6, integer: true });
  const valueMin = value.min ?? -1000;
  const valueMax = value.max ?? 1000;
  assertNumber(fn, 'value.min', valueMin, { min: -1e12, max: 1e12 });
  assertNumber(fn, 'value.max', valueMax, { min: valueMin, max: 1e12 });
  const labels = c.labels ?? DEFAULT_LABELS;
  assertStrings(fn, 'labels', labels);
  const extraObj = c.extra ?? {};
  assertPlainObject(fn, 'extra', extraObj);
  const extra: [string, Arbitrary<unknown>][] = [];
  for (const [name, arb] of Object.entries(extraObj)) {
    if (RESERVED.has(name) || PROTO_NAMES.has(name)) {
      throw new ShadowOptionError(`${fn}: extra.${name} clashes with a built-in field or Object.prototype; pick another name`);
    }
    if (!(arb instanceof fc.Arbitrary)) {
      throw new ShadowOptionError(`${fn}: extra.${name} must be a fast-check arbitrary, got ${describeValue(arb)}`);
    }
    extra.push([name, arb as Arbitrary<unknown>]);
  }
  return { entities, types, start, valueMin, valueMax, decimals, labels, extra };
}

/** An event without its id and timestamp. */
export interface EventBody {
  entity: string;
  type: string;
  value: number;
  label: string;
  extra: Record<string, unknown>;
}

const ENTITY_STEPS = 1_000_000;

/** Entity index for a uniform step u in [0, ENTITY_STEPS]: log-uniform, so heavy-tailed. */
export function entityIndex(u: number, entities: number): number {
  return Math.min(entities - 1, Math.floor((entities + 1) ** (u / ENTITY_STEPS)) - 1);
}

/** The arbitrary of an event body; every part shrinks towards the simplest value. */
export function eventBody(r: ResolvedFields, fixedEntity?: string): Arbitrary<EventBody> {
  const scale = 10 ** r.decimals;
  const lo = Math.ceil(r.valueMin * scale);
  const hi = Math.floor(r.valueMax * scale);
  const extraArb =
    r.extra.length === 0
      ? fc.constant({} as Record<string, unknown>)
      : fc.tuple(...r.extra.map(([, a]) => a)).map((vals) => {
          const out: Record<string, unknown> = {};
          r.extra.forEach(([name], i) => (out[name] = vals[i]));
          return out;
        });
  return fc
    .tuple(
      // Unbiased: fast-check's bias towards range ends would over-weight the last entity.
      fixedEntity === undefined ? fc.noBias(fc.integer({ min: 0, max: ENTITY_STEPS })) : fc.constant(0),
      fc.constantFrom(...r.types),
      fc.integer({ min: lo, max: hi }),
      fc.constantFrom(...r.labels),
      extraArb,
    )
    .map(([u, type, v, label, extra]) => ({
      entity: fixedEntity ?? `u${entityIndex(u, r.entities)}`,
      type,
      // `+ 0` turns a -0 from 0 / scale into 0; hostile -0 comes only from perturbations.
      value: v / scale + 0,
      label,
      extra,
    }));
}

/** Assembles an event with fields in a fixed order: id, entity, type, ts, value, label, extras. */
export function assemble<E>(id: string, ts: number, b: EventBody): E {
  const ev: Record<string, unknown> = { id, entity: b.entity, type: b.type, ts, value: b.value, label: b.label };
  for (const k of Object.keys(b.extra)) ev[k] = b.extra[k];
  return ev as E;
}
