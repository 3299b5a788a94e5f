import fc, { type Arbitrary } from 'fast-check';
import { assertKnownKeys, assertPlainObject, assertOneOf, ShadowOptionError, describeValue } from '../_internal/options.js';
import { hostilePair } from './_internal/hostile.js';
import { HOSTILE_KINDS, type HostileKind } from './perturbation.js';

/**
 * A hostile value pair: what legacy wrote and what the shadow wrote in its place.
 *
 * @example
 * const h: HostileValue = { kind: 'negativeZero', legacy: 0, shadow: -0, equalByDefault: true };
 */
export interface HostileValue {
  kind: HostileKind;
  legacy: unknown;
  shadow: unknown;
  /** True when the engine's documented defaults treat the two as equal (-0 = 0, NaN = NaN). */
  equalByDefault: boolean;
}

/**
 * Constraints for {@link hostileValue}.
 *
 * @example
 * const c: HostileValueConstraints = { kinds: ['unicode', 'dst'] };
 */
export interface HostileValueConstraints {
  /**
   * Which kinds to draw from; shrinking moves towards the first.
   * @defaultValue every kind: `['negativeZero', 'nan', 'subnormal', 'huge', 'dst', 'unicode']`
   */
  kinds?: readonly HostileKind[];
}

const FN = 'hostileValue';

/**
 * Arbitrary of {@link HostileValue} pairs: -0 vs 0, NaN vs NaN, a subnormal flushed to zero, a
 * huge magnitude off by one ulp, a timestamp an hour off around a DST change (epoch ms), and a
 * word in NFC vs NFD. Feed them to a comparator to check it handles each as documented.
 *
 * @example
 * import fc from 'fast-check';
 * import { hostileValue } from 'vitest-shadow/arbitraries';
 * fc.sample(hostileValue({ kinds: ['unicode'] }), { seed: 1, numRuns: 1 });
 * // => [{ kind: 'unicode', legacy: 'café', shadow: 'cafe\u0301', equalByDefault: false }] (word varies)
 */
export function hostileValue(constraints: HostileValueConstraints = {}): Arbitrary<HostileValue> {
  assertPlainObject(FN, 'constraints', constraints);
  assertKnownKeys(FN, '', constraints, ['kinds']);
  const kinds = constraints.kinds ?? HOSTILE_KINDS;
  if (!Array.isArray(kinds) || kinds.length === 0) {
    throw new ShadowOptionError(`${FN}: kinds must be a non-empty array of hostile kinds, got ${describeValue(kinds)}`);
  }
  kinds.forEach((k, i) => assertOneOf(FN, `kinds[${i}]`, k, HOSTILE_KINDS));
  return fc
    .tuple(fc.constantFrom(...kinds), fc.integer({ min: 0, max: 2 ** 32 - 1 }))
    .map(([kind, n]) => ({ kind, ...hostilePair(kind, n / 2 ** 32) }));
}
