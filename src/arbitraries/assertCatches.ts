import type { CompareEventsOptions } from '../events/compareEvents.js';
import { runFaultProperty, type FaultPropertyDetails } from './_internal/faultProperty.js';
import type { PerturbationSpec, PropertyParams } from './_internal/helperParams.js';

export type { FaultPropertyDetails, FaultCounterexample } from './_internal/faultProperty.js';
export type { PerturbationSpec, PropertyParams } from './_internal/helperParams.js';

/**
 * Checks, with fast-check, that compareEvents under `compareOptions` fails every generated pair
 * whose shadow carries the fault `perturbation` (pairs where the fault changed nothing are not
 * counted; a run where none carried it is vacuous and fails). Returns the details instead of
 * throwing: `failed`, the shrunk `counterexample` with the engine's report and what the declared
 * tolerance says about it, the `seed` and replay `path`, and the rendered `message`.
 *
 * A fault that passes is classified from the documented option semantics: *within the declared
 * tolerance* (the configuration is too lenient for this fault; the hints name the option to
 * tighten) or *beyond it* (the engine disagrees with its own rules: a bug).
 *
 * @example
 * import { checkCatches } from 'vitest-shadow/arbitraries';
 * const d = checkCatches({ key: 'id', minMatchRate: 0.5, maxMissingRate: 0.5 }, { kind: 'drop', magnitude: 0.4 }, { seed: 1 });
 * d.failed; // => true: a 40 % drop is within what these options allow
 */
export function checkCatches(compareOptions: CompareEventsOptions, perturbation: PerturbationSpec, params?: PropertyParams): FaultPropertyDetails {
  return runFaultProperty('assertCatches', compareOptions, perturbation, params);
}

/**
 * Asserts that compareEvents under `compareOptions` fails every generated pair carrying the fault
 * `perturbation`; throws the shrunk counterexample in fast-check style (headline, counterexample,
 * declared tolerance, `Replay: { seed, path }`, `Hint:` lines) otherwise. See {@link checkCatches}.
 *
 * @example
 * import { assertCatches } from 'vitest-shadow/arbitraries';
 * test('a 5 % drop is caught', () => {
 *   assertCatches({ key: 'id', minMatchRate: 0.99 }, { kind: 'drop', magnitude: 0.05 }, { numRuns: 50 });
 * });
 */
export function assertCatches(compareOptions: CompareEventsOptions, perturbation: PerturbationSpec, params?: PropertyParams): void {
  const d = checkCatches(compareOptions, perturbation, params);
  if (d.failed) throw new Error(d.message);
}
