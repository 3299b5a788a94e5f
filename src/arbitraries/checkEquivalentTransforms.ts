import fc, { type Arbitrary } from 'fast-check';
import { assertKnownKeys, assertNumber, assertPlainObject, assertSeed, ShadowOptionError, describeValue } from '../_internal/options.js';
import { compareEvents, type CompareEventsOptions, type EventReport } from '../events/compareEvents.js';
import { toRows, type DatasetInput, type Row } from '../dataset/toRows.js';
import { renderReport } from '../report/renderReport.js';

/**
 * Parameters of {@link checkEquivalentTransforms}.
 *
 * @example
 * const params: EquivalentTransformsParams = { seed: 9, numRuns: 200 };
 */
export interface EquivalentTransformsParams {
  /** Seed of the run; recorded and printed in the replay line. @defaultValue 42 */
  seed?: number;
  /** Inputs generated. @defaultValue 100 */
  numRuns?: number;
  /** Replay path from a failure message. */
  path?: string;
}

/**
 * The smallest input on which the transforms' outputs differ beyond the compare options.
 *
 * @example
 * checkEquivalentTransforms(a, b, eventStream(), { key: 'id' }).counterexample?.input; // the smallest diverging input
 */
export interface TransformCounterexample<I> {
  input: I;
  legacy: readonly Row[];
  shadow: readonly Row[];
  report: EventReport;
}

/**
 * The result of {@link checkEquivalentTransforms}.
 *
 * @example
 * const d = checkEquivalentTransforms(a, b, eventStream(), { key: 'id' });
 * if (d.failed) console.log(d.message);
 */
export interface EquivalentTransformsDetails<I> {
  failed: boolean;
  /** True when every generated input made both transforms output nothing: nothing was compared. */
  vacuous: boolean;
  seed: number;
  numRuns: number;
  /** Inputs on which both outputs were empty (treated as agreeing). */
  numEmpty: number;
  numShrinks: number;
  path?: string;
  counterexample?: TransformCounterexample<I>;
  /** The fast-check style failure message; empty when the transforms agreed. */
  message: string;
}

const FN = 'checkEquivalentTransforms';

function run<I>(fn: string, t: (input: I) => DatasetInput, input: I, side: string): readonly Row[] {
  const out = t(input);
  if (out !== null && typeof out === 'object' && typeof (out as { then?: unknown }).then === 'function') {
    throw new ShadowOptionError(`${fn}: the ${side} transform returned a Promise; transforms must be synchronous (await the data before the property)`);
  }
  return toRows(out, fn, `the ${side} transform's output`);
}

/**
 * Differential testing of two implementations of one transform: runs both on inputs drawn from
 * `inputArbitrary`, compares the outputs with compareEvents (legacy transform = reference) and,
 * when they differ beyond `compareOptions`, shrinks to the smallest diverging input. Inputs on
 * which both output nothing count as agreeing; a run where every input did is vacuous and fails.
 * Returns the details (data first); {@link assertEquivalentTransforms} throws them.
 *
 * @example
 * import fc from 'fast-check';
 * import { checkEquivalentTransforms, eventStream } from 'vitest-shadow/arbitraries';
 * const legacy = (events) => events.filter((e) => e.value > 0);
 * const rewrite = (events) => events.filter((e) => e.value >= 0);
 * const d = checkEquivalentTransforms(legacy, rewrite, eventStream(), { key: 'id' });
 * d.failed; // => true: the rewrite keeps events with value 0
 */
export function checkEquivalentTransforms<I>(
  legacyTransform: (input: I) => DatasetInput,
  newTransform: (input: I) => DatasetInput,
  inputArbitrary: Arbitrary<I>,
  compareOptions: CompareEventsOptions,
  params: EquivalentTransformsParams = {},
): EquivalentTransformsDetails<I> {
  if (typeof legacyTransform !== 'function') throw new ShadowOptionError(`${FN}: legacyTransform must be a function, got ${describeValue(legacyTransform)}`);
  if (typeof newTransform !== 'function') throw new ShadowOptionError(`${FN}: newTransform must be a function, got ${describeValue(newTransform)}`);
  if (!(inputArbitrary instanceof fc.Arbitrary)) throw new ShadowOptionError(`${FN}: inputArbitrary must be a fast-check arbitrary, got ${describeValue(inputArbitrary)}`);
  assertPlainObject(FN, 'params', params as unknown);
  assertKnownKeys(FN, 'params', params, ['seed', 'numRuns', 'path']);
  const seed = params.seed ?? 42;
  assertSeed(FN, 'params.seed', seed);
  const numRuns = params.numRuns ?? 100;
  assertNumber(FN, 'params.numRuns', numRuns, { min: 1, max: 1_000_000, integer: true });
  assertPlainObject(FN, 'compareOptions', compareOptions as unknown);
  compareEvents([], [], compareOptions); // validates the options eagerly (the empty report is discarded)

  let empty = 0;
  let total = 0;
  const out = fc.check(
    fc.property(inputArbitrary, (input) => {
      total++;
      const lo = run(FN, legacyTransform, input, 'legacy');
      const no = run(FN, newTransform, input, 'new');
      if (lo.length === 0 && no.length === 0) {
        empty++;
        return true;
      }
      return compareEvents(lo, no, compareOptions).verdict === 'pass';
    }),
    { seed, numRuns, path: params.path, endOnFailure: false },
  );
  const d: EquivalentTransformsDetails<I> = { failed: out.failed, vacuous: false, seed, numRuns: out.numRuns, numEmpty: empty, numShrinks: out.numShrinks, message: '' };
  if (out.failed && out.counterexample) {
    const [input] = out.counterexample;
    d.path = out.counterexamplePath ?? undefined;
    // A transform that throws is a failure of the transform: rethrow it with the input in view.
    let legacy: readonly Row[];
    let shadow: readonly Row[];
    try {
      legacy = run(FN, legacyTransform, input, 'legacy');
      shadow = run(FN, newTransform, input, 'new');
    } catch (e) {
      if (e instanceof ShadowOptionError) throw e;
      throw new Error(`${FN}: a transform threw on input ${fc.stringify(input).slice(0, 300)}\nReplay: { seed: ${seed}, path: ${JSON.stringify(d.path)} }\n${(e as Error)?.message ?? String(e)}`, { cause: e });
    }
    const report = compareEvents(legacy, shadow, compareOptions);
    d.counterexample = { input, legacy, shadow, report };
    const shown = fc.stringify(input);
    d.message = [
      `${FN}: the transforms diverge (after ${d.numRuns} run${d.numRuns === 1 ? '' : 's'} and ${d.numShrinks} shrink${d.numShrinks === 1 ? '' : 's'})`,
      `Smallest diverging input: ${shown.length > 400 ? `${shown.slice(0, 399)}…` : shown}`,
      `  legacy transform → ${legacy.length} event${legacy.length === 1 ? '' : 's'}, new transform → ${shadow.length} event${shadow.length === 1 ? '' : 's'}`,
      ...renderReport(report).split('\n').map((l) => `  ${l}`),
      `Replay: { seed: ${seed}, path: ${JSON.stringify(d.path ?? '')} }`,
    ].join('\n');
  } else if (!out.failed && total > 0 && empty === total && !params.path) {
    d.failed = true;
    d.vacuous = true;
    d.message = `${FN}: both transforms output nothing on all ${total} generated inputs, so nothing was compared\nReplay: { seed: ${seed} }\nHint: generate inputs the transforms keep (check inputArbitrary against their filters)`;
  }
  return d;
}

/**
 * Asserts that two implementations of a transform agree on every generated input under
 * `compareOptions`; throws the smallest diverging input with the comparison's explanation and
 * the replay line otherwise. See {@link checkEquivalentTransforms}.
 *
 * @example
 * import { assertEquivalentTransforms, eventStream } from 'vitest-shadow/arbitraries';
 * test('the rewrite of dedupe agrees with legacy', () => {
 *   assertEquivalentTransforms(legacyDedupe, newDedupe, eventStream({ tieRate: 0.5 }), { key: 'id' }, { numRuns: 50 });
 * });
 */
export function assertEquivalentTransforms<I>(
  legacyTransform: (input: I) => DatasetInput,
  newTransform: (input: I) => DatasetInput,
  inputArbitrary: Arbitrary<I>,
  compareOptions: CompareEventsOptions,
  params?: EquivalentTransformsParams,
): void {
  const d = checkEquivalentTransforms(legacyTransform, newTransform, inputArbitrary, compareOptions, params);
  if (d.failed) throw new Error(d.message);
}
