import fc, { type Arbitrary } from 'fast-check';
import { assertKnownKeys, assertNumber, assertPlainObject, assertSeed, ShadowOptionError, describeValue } from '../_internal/options.js';
import { compareEvents, type CompareEventsOptions } from '../events/compareEvents.js';
import type { Row } from '../dataset/toRows.js';
import { mix32 } from './_internal/hash.js';
import { declaredTolerance, type DeclaredTolerance } from './model.js';
import { applyPerturbations } from './applyPerturbations.js';
import { eventStream } from './eventStream.js';
import { assertFieldPath, RATE_KINDS, resolvePerturbation, type Perturbation, type PerturbationKind, type ResolvedPerturbation } from './perturbation.js';

/**
 * What to probe: a field (its rule picks the fault) or an explicit perturbation without magnitude.
 *
 * @example
 * const o: ProbeToleranceOptions = { perturbation: { kind: 'drop' }, numRuns: 5, seed: 1 };
 */
export interface ProbeToleranceOptions {
  /**
   * Probe this field's rule: a `time` rule is probed with jitterTime, a rule with only `rel` with
   * scaleField, anything else with shiftField. Give `field` or `perturbation`.
   */
  field?: string;
  /** The fault whose magnitude is searched; `magnitude` is ignored. */
  perturbation?: Omit<Perturbation, 'magnitude'> & { magnitude?: number };
  /**
   * Magnitudes searched.
   * @defaultValue [0, 1] for rate kinds; [0, 4 × the declared limit] (at least 1, or 60 000 ms for time kinds) otherwise, widened ×4 up to 8 times while everything still passes
   */
  range?: { min: number; max: number };
  /**
   * Stop when the bracket is this narrow.
   * @defaultValue 1e-4 × the upper end of the bracket (relative)
   */
  precision?: number;
  /**
   * Seed of the generated datasets and picks; recorded in the result.
   * @defaultValue 42
   */
  seed?: number;
  /**
   * Datasets generated (once) and reused at every magnitude.
   * @defaultValue 10
   */
  numRuns?: number;
  /**
   * Arbitrary of legacy datasets.
   * @defaultValue `eventStream({ minLength: 100, maxLength: 200 })`
   */
  base?: Arbitrary<object[]>;
  /** Key field of the generated data. @defaultValue the compare key when a path, else 'id' */
  key?: string;
  /** @defaultValue 'entity' */
  entityField?: string;
  /** @defaultValue 'ts' */
  timeField?: string;
}

/**
 * Where the configured comparison flips from pass to fail, beside the declared tolerance.
 *
 * @example
 * const p: ToleranceProbe = probeTolerance({ key: 'id', fields: { ts: { time: '2s' } } }, { field: 'ts' });
 * p.boundary; // ≈ 2000.5 (jitter is applied in whole ms)
 */
export interface ToleranceProbe {
  /** The probed fault (its `magnitude` is the boundary, or the range end when there is none). */
  perturbation: ResolvedPerturbation;
  seed: number;
  /** Datasets per magnitude. */
  numRuns: number;
  range: { min: number; max: number };
  /** Largest magnitude at which every dataset passed; null when even `range.min` fails one. */
  passesUpTo: number | null;
  /** Smallest magnitude at which every dataset carrying the fault failed; null when none in range. */
  failsFrom: number | null;
  /** Midpoint of passesUpTo and failsFrom when both exist. */
  boundary: number | null;
  /** What the options declare (limit in the same units, when it follows from them alone). */
  declared: DeclaredTolerance;
  /** boundary − declared.limit, when both are finite. */
  offset: number | null;
  /** True when no magnitude in range failed any dataset: the check cannot see this fault. */
  neverFails: boolean;
  /** compareEvents calls made. */
  comparisons: number;
}

const FN = 'probeTolerance';

function faultForField(options: CompareEventsOptions, field: string): PerturbationKind {
  const rule = options.fields?.[field];
  if (typeof rule === 'object' && rule.time !== undefined) return 'jitterTime';
  if (typeof rule === 'object' && rule.rel !== undefined && rule.abs === undefined) return 'scaleField';
  return 'shiftField';
}

/**
 * Finds, by bisection over the fault's magnitude on a fixed set of generated datasets, the
 * boundary where the configured compareEvents flips from pass to fail, and reports it beside the
 * tolerance the options declare. Two boundaries are searched (the comparison need not flip on
 * every dataset at once): `passesUpTo`, the largest magnitude every dataset passes, and
 * `failsFrom`, the smallest every dataset carrying the fault fails. Assumes the outcome is
 * monotone in the magnitude.
 *
 * @example
 * import { probeTolerance } from 'vitest-shadow/arbitraries';
 * const probe = probeTolerance({ key: 'id', fields: { value: { abs: 0.01 } } }, { field: 'value' });
 * probe.boundary;       // ≈ 0.01
 * probe.declared.limit; // => 0.01
 */
export function probeTolerance(compareOptions: CompareEventsOptions, options: ProbeToleranceOptions): ToleranceProbe {
  assertPlainObject(FN, 'options', options as unknown);
  assertKnownKeys(FN, 'options', options, ['relPrecision', 'field', 'perturbation', 'range', 'precision', 'seed', 'numRuns', 'base', 'key', 'entityField', 'timeField']);
  assertPlainObject(FN, 'compareOptions', compareOptions as unknown);
  const seed = options.seed ?? 42;
  assertSeed(FN, 'options.seed', seed);
  const numRuns = options.numRuns ?? 10;
  assertNumber(FN, 'options.numRuns', numRuns, { min: 1, max: 10_000, integer: true });
  const timeField = options.timeField ?? 'ts';
  if ((options.field === undefined) === (options.perturbation === undefined)) {
    throw new ShadowOptionError(`${FN}: give exactly one of options.field (probe a field's rule) or options.perturbation (probe a fault)`);
  }
  let spec: Perturbation;
  if (options.field !== undefined) {
    assertFieldPath(FN, 'options.field', options.field);
    spec = { kind: faultForField(compareOptions, options.field), magnitude: 0, field: options.field };
  } else {
    assertPlainObject(FN, 'options.perturbation', options.perturbation as unknown);
    spec = { ...options.perturbation, magnitude: 0 } as Perturbation;
  }
  const p0 = resolvePerturbation(FN, 'options.perturbation', spec, timeField);
  const declared = declaredTolerance(compareOptions, p0);
  const isRate = RATE_KINDS.has(p0.kind);
  const isTime = p0.kind === 'jitterTime' || p0.kind === 'clockSkew' || p0.kind === 'lateArrival';
  const lim = declared.limit;
  const defaultMax = isRate ? 1 : lim !== undefined && Number.isFinite(lim) && lim > 0 ? 4 * lim : isTime ? 60_000 : p0.kind === 'scaleField' ? 1 : 1;
  const range = options.range ?? { min: 0, max: defaultMax };
  assertPlainObject(FN, 'options.range', range as unknown);
  assertNumber(FN, 'options.range.min', range.min);
  assertNumber(FN, 'options.range.max', range.max, { min: range.min });
  resolvePerturbation(FN, 'options.range', { ...spec, magnitude: range.min }, timeField);
  resolvePerturbation(FN, 'options.range', { ...spec, magnitude: range.max }, timeField);
  const base = options.base ?? eventStream({ minLength: 100, maxLength: 200 });
  if (!(base instanceof fc.Arbitrary)) throw new ShadowOptionError(`${FN}: options.base must be a fast-check arbitrary, got ${describeValue(base)}`);
  const key = options.key ?? (typeof compareOptions.key === 'string' ? compareOptions.key : 'id');
  const datasets = fc.sample(base as Arbitrary<object[]>, { seed, numRuns });
  compareEvents(datasets[0] as Row[], datasets[0] as Row[], compareOptions); // validates the options eagerly

  let comparisons = 0;
  const verdicts = new Map<number, ({ failed: boolean; carried: boolean } | undefined)[]>();
  const one = (m: number, i: number) => {
    let row = verdicts.get(m);
    if (!row) verdicts.set(m, (row = new Array(datasets.length)));
    let v = row[i];
    if (!v) {
      const pair = applyPerturbations(datasets[i], [{ ...spec, magnitude: m }], { key, entityField: options.entityField, timeField, seed: mix32(seed + i) });
      comparisons++;
      v = row[i] = {
        failed: compareEvents(pair.legacy as Row[], pair.shadow as Row[], compareOptions).verdict !== 'pass',
        carried: pair.injected.applied[0].affected > 0,
      };
    }
    return v;
  };
  // Early exit: allPass stops at the first failing dataset, allFail at the first passing carrier.
  const allPass = (m: number) => datasets.every((_, i) => !one(m, i).failed);
  const allFail = (m: number) => {
    let carried = 0;
    for (let i = 0; i < datasets.length; i++) {
      const v = one(m, i);
      if (v.carried) {
        carried++;
        if (!v.failed) return false;
      }
    }
    return carried > 0;
  };
  const anyFail = (m: number) => datasets.some((_, i) => one(m, i).failed);
  const at = (m: number) => ({
    get allPass() {
      return allPass(m);
    },
    get allFail() {
      return allFail(m);
    },
    get anyFail() {
      return anyFail(m);
    },
  });

  let { min, max } = range;
  if (!options.range && !isRate) {
    for (let i = 0; i < 8 && at(max).allPass; i++) {
      const next = max * 4;
      try {
        resolvePerturbation(FN, 'options.range', { ...spec, magnitude: next }, timeField);
      } catch {
        break;
      }
      max = next;
    }
  }
  if (options.precision !== undefined) assertNumber(FN, 'options.precision', options.precision, { min: 0 });
  const relPrecision = (options as { relPrecision?: number }).relPrecision ?? 1e-4;
  const narrow = (lo: number, hi: number) => hi - lo <= (options.precision ?? Math.max(relPrecision * Math.abs(hi), 1e-12 * Math.abs(max)));

  /**
   * Smallest magnitude in [min, max] where `flipped` holds, given it holds at max: first a
   * geometric descent (so boundaries far below max, like a rel 1e-9 tolerance, are found), then
   * bisection to the precision.
   */
  const smallestFlipped = (flipped: (m: number) => boolean): number => {
    if (flipped(min)) return min;
    let hi = max;
    while (hi / 4 > min && hi / 4 > max * 1e-15 && flipped(hi / 4)) hi /= 4;
    let lo = Math.max(min, hi / 4 > max * 1e-15 ? hi / 4 : min);
    if (flipped(lo)) lo = min;
    for (let i = 0; i < 200 && !narrow(lo, hi); i++) {
      const mid = lo + (hi - lo) / 2;
      if (flipped(mid)) hi = mid;
      else lo = mid;
    }
    return hi;
  };
  // Largest magnitude where every dataset passes: just below the smallest where one fails.
  let passesUpTo: number | null = null;
  if (at(max).allPass) passesUpTo = max;
  else if (at(min).allPass) {
    const firstFail = smallestFlipped((m) => !at(m).allPass);
    // The last magnitude seen passing below firstFail.
    passesUpTo = Math.max(min, ...[...verdicts.keys()].filter((m) => m < firstFail && allPass(m)));
  }
  // Smallest magnitude where every dataset carrying the fault fails.
  const failsFrom: number | null = at(max).allFail ? smallestFlipped((m) => at(m).allFail) : null;
  const boundary = passesUpTo !== null && failsFrom !== null ? (passesUpTo + failsFrom) / 2 : null;
  const neverFails = !at(max).anyFail;
  return {
    perturbation: { ...p0, magnitude: boundary ?? max },
    seed,
    numRuns,
    range: { min, max },
    passesUpTo,
    failsFrom,
    boundary,
    declared,
    offset: boundary !== null && lim !== undefined && Number.isFinite(lim) ? boundary - lim : null,
    neverFails,
    comparisons,
  };
}
