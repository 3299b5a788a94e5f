import type { CompareEventsOptions } from '../events/compareEvents.js';
import { runFaultProperty, type FaultPropertyDetails } from './_internal/faultProperty.js';
import type { PerturbationSpec, PropertyParams } from './_internal/helperParams.js';

/**
 * Checks, with fast-check, that compareEvents under `compareOptions` passes every generated pair
 * whose shadow carries only the benign difference `perturbation` (noise you expect: jitter within
 * the time tolerance, -0, NaN, rounding). Returns the details instead of throwing; a run where no
 * pair carried the difference is vacuous and fails. See checkCatches for the fields.
 *
 * @example
 * import { checkTolerates } from 'vitest-shadow/arbitraries';
 * const d = checkTolerates({ key: 'id', fields: { ts: { time: '2s' } } }, { kind: 'jitterTime', magnitude: 2000 }, { seed: 1 });
 * d.failed; // => false
 */
export function checkTolerates(compareOptions: CompareEventsOptions, perturbation: PerturbationSpec, params?: PropertyParams): FaultPropertyDetails {
  return runFaultProperty('assertTolerates', compareOptions, perturbation, params);
}

/**
 * Asserts that compareEvents under `compareOptions` passes every generated pair carrying only the
 * benign difference `perturbation`; throws the shrunk counterexample in fast-check style otherwise,
 * with hints naming the tolerance that would absorb it. See {@link checkTolerates}.
 *
 * @example
 * import { assertTolerates } from 'vitest-shadow/arbitraries';
 * test('clock jitter up to 2 s is tolerated', () => {
 *   assertTolerates({ key: 'id', fields: { ts: { time: '2s' } } }, { kind: 'jitterTime', magnitude: { min: 1, max: 2000 } });
 * });
 */
export function assertTolerates(compareOptions: CompareEventsOptions, perturbation: PerturbationSpec, params?: PropertyParams): void {
  const d = checkTolerates(compareOptions, perturbation, params);
  if (d.failed) throw new Error(d.message);
}
