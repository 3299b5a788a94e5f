import fc, { type Arbitrary } from 'fast-check';
import { assertKnownKeys, assertNumber, assertOneOf, assertPlainObject, assertRate, ShadowOptionError, describeValue } from '../_internal/options.js';

/**
 * What a perturbation does. `magnitude` means, per kind:
 *
 * | kind | magnitude | picks |
 * |---|---|---|
 * | `drop` | share of events removed from the shadow | events |
 * | `duplicate` | share of events delivered twice (copy right after the original) | events |
 * | `swapNeighbours` | share of same-entity neighbour pairs whose positions are swapped | pairs |
 * | `reorderTies` | share of same-entity neighbour pairs *with equal timestamps* swapped | pairs |
 * | `truncate` | share of each entity's latest events removed | events |
 * | `nullField` | share of events whose `field` becomes `null` | events |
 * | `changeType` | share of events whose `field` changes type (number → its string form, …) | events |
 * | `hostile` | share of events given a hostile value pair in `field` (see {@link HostileKind}) | events |
 * | `jitterTime` | largest \|shift\| in ms; each picked event moves by 1…magnitude ms, one by exactly magnitude | events (`rate`) |
 * | `shiftField` | amount added to `field` | events (`rate`) |
 * | `scaleField` | relative change: `field` is multiplied by (1 + magnitude) | events (`rate`) |
 * | `clockSkew` | ms added to every timestamp of a picked entity | entities (`rate`) |
 * | `lateArrival` | delay in ms: a picked event moves behind every event up to `ts + magnitude` (its timestamp is kept) | events (`rate`) |
 *
 * @example
 * const kind: PerturbationKind = 'jitterTime';
 */
export type PerturbationKind =
  | 'drop'
  | 'duplicate'
  | 'swapNeighbours'
  | 'reorderTies'
  | 'truncate'
  | 'nullField'
  | 'changeType'
  | 'hostile'
  | 'jitterTime'
  | 'shiftField'
  | 'scaleField'
  | 'clockSkew'
  | 'lateArrival';

/**
 * Hostile value pairs (legacy → shadow) written by a `hostile` perturbation:
 * - `negativeZero`: 0 → -0 (equal under the engine's defaults)
 * - `nan`: NaN → NaN (equal under the engine's defaults)
 * - `subnormal`: a subnormal x (< 2.2e-308) → 0, as a flush-to-zero pipeline does
 * - `huge`: a value near ±1.8e308 → the next double towards zero (1 ulp, relative 1.1e-16)
 * - `dst`: a timestamp in the hour after a DST change → one hour later (wrong UTC offset)
 * - `unicode`: an accented word in NFC → the same word in NFD
 *
 * @example
 * const p: Perturbation = { kind: 'hostile', hostile: 'dst', magnitude: 0.1 };
 */
export type HostileKind = 'negativeZero' | 'nan' | 'subnormal' | 'huge' | 'dst' | 'unicode';

/**
 * A perturbation as data: apply it with {@link applyPerturbations} or inside {@link shadowPair}.
 *
 * @example
 * const faults: Perturbation[] = [{ kind: 'drop', magnitude: 0.05 }, { kind: 'shiftField', field: 'price', magnitude: 0.01, rate: 0.2 }];
 */
export interface Perturbation {
  kind: PerturbationKind;
  /** See the table on {@link PerturbationKind}. */
  magnitude: number;
  /**
   * The field (dotted path) a field or time perturbation changes.
   * @defaultValue `'value'` for shiftField, scaleField, nullField, changeType and hostile;
   * the time field (`'ts'`) for jitterTime, clockSkew, lateArrival and hostile `dst`; `'label'` for hostile `unicode`
   */
  field?: string;
  /**
   * For jitterTime, shiftField, scaleField, lateArrival: share of events changed; for clockSkew:
   * share of entities skewed. Other kinds carry their rate in `magnitude`.
   * @defaultValue 1; 0.5 for clockSkew; 0.1 for lateArrival
   */
  rate?: number;
  /**
   * Which hostile pair a `hostile` perturbation writes.
   * @defaultValue `'negativeZero'`
   */
  hostile?: HostileKind;
}

/**
 * A perturbation with every default filled in.
 *
 * @example
 * resolvePerturbation('fn', 'p', { kind: 'jitterTime', magnitude: 500 }) // => { kind: 'jitterTime', magnitude: 500, field: 'ts', rate: 1 }
 */
export interface ResolvedPerturbation {
  kind: PerturbationKind;
  magnitude: number;
  /** The field changed or read (for order kinds: the time field). */
  field: string;
  rate: number;
  hostile?: HostileKind;
}

/**
 * Every perturbation kind, in documentation order.
 *
 * @example
 * PERTURBATION_KINDS.includes('drop') // => true
 */
export const PERTURBATION_KINDS: readonly PerturbationKind[] = [
  'drop',
  'duplicate',
  'swapNeighbours',
  'reorderTies',
  'truncate',
  'nullField',
  'changeType',
  'hostile',
  'jitterTime',
  'shiftField',
  'scaleField',
  'clockSkew',
  'lateArrival',
];

/**
 * Every hostile value kind.
 *
 * @example
 * HOSTILE_KINDS.length // => 6
 */
export const HOSTILE_KINDS: readonly HostileKind[] = ['negativeZero', 'nan', 'subnormal', 'huge', 'dst', 'unicode'];

/** Kinds whose magnitude is a share in [0, 1]. */
export const RATE_KINDS: ReadonlySet<PerturbationKind> = new Set([
  'drop',
  'duplicate',
  'swapNeighbours',
  'reorderTies',
  'truncate',
  'nullField',
  'changeType',
  'hostile',
]);

const DEFAULT_RATE: Partial<Record<PerturbationKind, number>> = { clockSkew: 0.5, lateArrival: 0.1 };
const USES_RATE = new Set<PerturbationKind>(['jitterTime', 'shiftField', 'scaleField', 'clockSkew', 'lateArrival']);
const USES_FIELD = new Set<PerturbationKind>([
  'nullField',
  'changeType',
  'hostile',
  'jitterTime',
  'shiftField',
  'scaleField',
  'clockSkew',
  'lateArrival',
  'reorderTies',
]);
const PROTO_NAMES = new Set(Object.getOwnPropertyNames(Object.prototype));

/** Throws unless `path` is a dotted path whose segments are non-empty and not Object.prototype names. */
export function assertFieldPath(fn: string, where: string, path: unknown): asserts path is string {
  if (typeof path !== 'string' || path === '' || path.split('.').some((s) => s === '' || PROTO_NAMES.has(s))) {
    throw new ShadowOptionError(`${fn}: ${where} must be a dotted field path such as 'value' or 'geo.lat', got ${describeValue(path)}`);
  }
}

/**
 * Validates a perturbation and fills in its defaults.
 * @param timeField - the events' time field, the default field of time kinds
 */
export function resolvePerturbation(fn: string, where: string, p: unknown, timeField = 'ts'): ResolvedPerturbation {
  assertPlainObject(fn, where, p);
  assertKnownKeys(fn, where, p, ['kind', 'magnitude', 'field', 'rate', 'hostile']);
  assertOneOf(fn, `${where}.kind`, p.kind, PERTURBATION_KINDS);
  const kind = p.kind;
  if (RATE_KINDS.has(kind)) assertRate(fn, `${where}.magnitude`, p.magnitude);
  else if (kind === 'jitterTime' || kind === 'lateArrival') assertNumber(fn, `${where}.magnitude`, p.magnitude, { min: 0 });
  else if (kind === 'scaleField') assertNumber(fn, `${where}.magnitude`, p.magnitude, { min: -1 });
  else assertNumber(fn, `${where}.magnitude`, p.magnitude);
  if (p.rate !== undefined) {
    if (!USES_RATE.has(kind)) {
      throw new ShadowOptionError(`${fn}: ${where}.rate does not apply to '${kind}'; its magnitude is already the share of events affected`);
    }
    assertRate(fn, `${where}.rate`, p.rate);
  }
  if (p.hostile !== undefined) {
    if (kind !== 'hostile') throw new ShadowOptionError(`${fn}: ${where}.hostile applies only to kind 'hostile', not '${kind}'`);
    assertOneOf(fn, `${where}.hostile`, p.hostile, HOSTILE_KINDS);
  }
  if (p.field !== undefined) {
    if (!USES_FIELD.has(kind)) throw new ShadowOptionError(`${fn}: ${where}.field does not apply to '${kind}', which moves whole events`);
    assertFieldPath(fn, `${where}.field`, p.field);
  }
  const hostile = kind === 'hostile' ? ((p.hostile as HostileKind | undefined) ?? 'negativeZero') : undefined;
  const defaultField =
    kind === 'jitterTime' || kind === 'clockSkew' || kind === 'lateArrival' || kind === 'reorderTies' || hostile === 'dst'
      ? timeField
      : hostile === 'unicode'
        ? 'label'
        : 'value';
  const out: ResolvedPerturbation = {
    kind,
    magnitude: p.magnitude as number,
    field: (p.field as string | undefined) ?? defaultField,
    rate: (p.rate as number | undefined) ?? DEFAULT_RATE[kind] ?? 1,
  };
  if (hostile) out.hostile = hostile;
  return out;
}

/**
 * Constraints for {@link perturbation}.
 *
 * @example
 * const c: PerturbationConstraints = { kind: 'drop', magnitude: { min: 0.01, max: 0.2 } };
 */
export interface PerturbationConstraints {
  /** The kind of fault. */
  kind: PerturbationKind;
  /**
   * A fixed magnitude, or a range: drawn on a grid of 1000 steps from min to max, shrinking
   * towards min (the mildest fault).
   */
  magnitude: number | { min: number; max: number };
  /** As {@link Perturbation.field}. */
  field?: string;
  /** As {@link Perturbation.rate}. */
  rate?: number;
  /** As {@link Perturbation.hostile}. */
  hostile?: HostileKind;
}

const FN = 'perturbation';
const GRID = 1000;

/**
 * Arbitrary of a {@link Perturbation} of one kind with its magnitude drawn from a range, so a
 * property can say "any drop between 5 % and 50 %" and shrink to the mildest failing one.
 *
 * @example
 * import fc from 'fast-check';
 * import { perturbation } from 'vitest-shadow/arbitraries';
 * fc.sample(perturbation({ kind: 'drop', magnitude: { min: 0.1, max: 0.5 } }), { seed: 1, numRuns: 2 });
 * // => [{ kind: 'drop', magnitude: 0.3… }, { kind: 'drop', magnitude: 0.1… }]
 */
export function perturbation(constraints: PerturbationConstraints): Arbitrary<Perturbation> {
  return perturbationIn(FN, 'constraints', constraints);
}

/** {@link perturbation} with errors naming the calling function and option path. */
export function perturbationIn(fn: string, where: string, constraints: PerturbationConstraints): Arbitrary<Perturbation> {
  assertPlainObject(fn, where, constraints);
  assertKnownKeys(fn, where === 'constraints' ? '' : where, constraints, ['kind', 'magnitude', 'field', 'rate', 'hostile']);
  const { magnitude, ...rest } = constraints;
  if (typeof magnitude === 'number') {
    const p = { ...rest, magnitude } as Perturbation;
    resolvePerturbation(fn, where, p);
    return fc.constant(p);
  }
  assertPlainObject(fn, `${where}.magnitude`, magnitude);
  assertKnownKeys(fn, `${where}.magnitude`, magnitude, ['min', 'max']);
  assertNumber(fn, `${where}.magnitude.min`, magnitude.min);
  assertNumber(fn, `${where}.magnitude.max`, magnitude.max, { min: magnitude.min });
  // Validate both ends against the kind's own range.
  resolvePerturbation(fn, where, { ...rest, magnitude: magnitude.min });
  resolvePerturbation(fn, where, { ...rest, magnitude: magnitude.max });
  const { min, max } = magnitude;
  return fc.integer({ min: 0, max: GRID }).map((k) => {
    const m = k === GRID ? max : min + ((max - min) * k) / GRID;
    return { ...rest, magnitude: m } as Perturbation;
  });
}
