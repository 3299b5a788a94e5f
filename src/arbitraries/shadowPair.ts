import fc, { type Arbitrary } from 'fast-check';
import { assertKnownKeys, assertPlainObject, ShadowOptionError, describeValue } from '../_internal/options.js';
import { applyPerturbations, type ApplyPerturbationsOptions, type ShadowPair } from './applyPerturbations.js';
import type { ShadowEvent } from './eventRecord.js';
import { eventStream } from './eventStream.js';
import { resolvePerturbation, type Perturbation } from './perturbation.js';

/**
 * Constraints for {@link shadowPair}.
 *
 * @example
 * const c: ShadowPairConstraints = { base: eventStream({ maxLength: 100 }), perturbations: [{ kind: 'drop', magnitude: 0.1 }] };
 */
export interface ShadowPairConstraints<E extends object = ShadowEvent> extends Omit<ApplyPerturbationsOptions, 'seed'> {
  /**
   * Arbitrary of the legacy output (an array of events with unique keys).
   * @defaultValue `eventStream()`
   */
  base?: Arbitrary<E[]>;
  /**
   * Faults to inject into the shadow, in order: fixed {@link Perturbation}s, or arbitraries of
   * them (see `perturbation({ kind, magnitude: { min, max } })`) to draw the magnitude.
   */
  perturbations: readonly (Perturbation | Arbitrary<Perturbation>)[];
}

const FN = 'shadowPair';

/**
 * Arbitrary of `{ legacy, shadow, injected }`: a legacy output drawn from `base`, the shadow made
 * from it by applying `perturbations`, and `injected`, which states exactly what was changed
 * (keys missing, duplicated, moved; every field changed with legacy and shadow values and delta).
 * Shrinks the base and the magnitudes; the pick seed is drawn but not shrunk, and because picks
 * hash each event's key, a shrunk base keeps the same events perturbed.
 *
 * @example
 * import fc from 'fast-check';
 * import { shadowPair } from 'vitest-shadow/arbitraries';
 * const [pair] = fc.sample(shadowPair({ perturbations: [{ kind: 'drop', magnitude: 0.2 }] }), { seed: 1, numRuns: 1 });
 * pair.legacy.length - pair.shadow.length === pair.injected.missing.length; // => true
 */
export function shadowPair<E extends object = ShadowEvent>(constraints: ShadowPairConstraints<E>): Arbitrary<ShadowPair<E>> {
  assertPlainObject(FN, 'constraints', constraints);
  assertKnownKeys(FN, '', constraints, ['base', 'perturbations', 'key', 'entityField', 'timeField']);
  const base = (constraints.base ?? eventStream()) as Arbitrary<E[]>;
  if (!(base instanceof fc.Arbitrary)) throw new ShadowOptionError(`${FN}: base must be a fast-check arbitrary, got ${describeValue(base)}`);
  const list = constraints.perturbations;
  if (!Array.isArray(list)) {
    throw new ShadowOptionError(`${FN}: perturbations must be an array of perturbations or their arbitraries, got ${describeValue(list)}`);
  }
  const arbs = list.map((p, i) => {
    if (p instanceof fc.Arbitrary) return p as Arbitrary<Perturbation>;
    resolvePerturbation(FN, `perturbations[${i}]`, p, constraints.timeField ?? 'ts');
    return fc.constant(p as Perturbation);
  });
  const { key, entityField, timeField } = constraints;
  // Validate the remaining options once, eagerly, on an empty base.
  applyPerturbations([], [], { key, entityField, timeField });
  return fc
    .tuple(base, fc.tuple(...arbs), fc.noShrink(fc.integer({ min: 0, max: 2 ** 32 - 1 })))
    .map(([rows, ps, seed]) => applyPerturbations(rows, ps, { key, entityField, timeField, seed }));
}
