/** Parameters shared by the property helpers, validated once. */
import fc, { type Arbitrary } from 'fast-check';
import { assertKnownKeys, assertNumber, assertPlainObject, assertSeed, ShadowOptionError, describeValue } from '../../_internal/options.js';
import type { CompareEventsOptions } from '../../events/compareEvents.js';
import { eventStream } from '../eventStream.js';
import { perturbationIn, type Perturbation, type PerturbationConstraints } from '../perturbation.js';

/**
 * Parameters of the property helpers (fast-check's, plus the data to generate).
 *
 * @example
 * const params: PropertyParams = { seed: 7, numRuns: 50, base: eventStream({ minLength: 20 }) };
 */
export interface PropertyParams {
  /**
   * Seed of the run; recorded in the result and printed in the replay line.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Generated pairs per run.
   * @defaultValue 100
   */
  numRuns?: number;
  /** Replay path printed by a failure (`{ seed, path }` replays just the counterexample). */
  path?: string;
  /**
   * Arbitrary of legacy outputs.
   * @defaultValue `eventStream({ minLength: 5, maxLength: 50 })`
   */
  base?: Arbitrary<object[]>;
  /**
   * Field (dotted path) that identifies an event in the generated data.
   * @defaultValue the compare options' key when it is a path, else `'id'`
   */
  key?: string;
  /** Entity field of the generated data. @defaultValue 'entity' */
  entityField?: string;
  /** Time field of the generated data. @defaultValue 'ts' */
  timeField?: string;
}

export const PARAM_KEYS = ['seed', 'numRuns', 'path', 'base', 'key', 'entityField', 'timeField'] as const;

export interface ResolvedParams {
  seed: number;
  numRuns: number;
  path?: string;
  base: Arbitrary<object[]>;
  key: string;
  entityField?: string;
  timeField?: string;
}

/**
 * Perturbation specs accepted by the helpers: fixed, a magnitude range, or an arbitrary.
 *
 * @example
 * const spec: PerturbationSpec = { kind: 'jitterTime', magnitude: { min: 1, max: 2000 } };
 */
export type PerturbationSpec = Perturbation | PerturbationConstraints | Arbitrary<Perturbation>;

export function resolveParams(fn: string, compareOptions: CompareEventsOptions, params: unknown, extraKeys: readonly string[] = []): ResolvedParams {
  const p = (params ?? {}) as Record<string, unknown>;
  assertPlainObject(fn, 'params', p);
  assertKnownKeys(fn, 'params', p, [...PARAM_KEYS, ...extraKeys]);
  const seed = p.seed ?? 42;
  assertSeed(fn, 'params.seed', seed);
  const numRuns = p.numRuns ?? 100;
  assertNumber(fn, 'params.numRuns', numRuns, { min: 1, max: 1_000_000, integer: true });
  if (p.path !== undefined && (typeof p.path !== 'string' || !/^\d+(:\d+)*$/.test(p.path))) {
    throw new ShadowOptionError(`${fn}: params.path must be a replay path like "0:1:3" from a failure message, got ${describeValue(p.path)}`);
  }
  const base = p.base ?? eventStream({ minLength: 5, maxLength: 50 });
  if (!(base instanceof fc.Arbitrary)) throw new ShadowOptionError(`${fn}: params.base must be a fast-check arbitrary of event arrays, got ${describeValue(base)}`);
  assertPlainObject(fn, 'compareOptions', compareOptions);
  if (compareOptions.rename !== undefined && Object.keys(compareOptions.rename).length > 0) {
    throw new ShadowOptionError(`${fn}: compareOptions.rename is not supported: generated legacy and shadow share field names; drop rename for the property`);
  }
  const key = (p.key as string | undefined) ?? (typeof compareOptions.key === 'string' ? compareOptions.key : 'id');
  return {
    seed,
    numRuns,
    path: p.path as string | undefined,
    base: base as Arbitrary<object[]>,
    key,
    entityField: p.entityField as string | undefined,
    timeField: p.timeField as string | undefined,
  };
}

/** The arbitrary of a perturbation spec. */
export function specArbitrary(fn: string, spec: PerturbationSpec): Arbitrary<Perturbation> {
  if (spec instanceof fc.Arbitrary) return spec as Arbitrary<Perturbation>;
  if (typeof spec !== 'object' || spec === null) {
    throw new ShadowOptionError(`${fn}: perturbation must be { kind, magnitude } or an arbitrary of perturbations, got ${describeValue(spec)}`);
  }
  return perturbationIn(fn, 'perturbation', spec as PerturbationConstraints);
}
