import fc, { type Arbitrary } from 'fast-check';
import { assertKnownKeys, assertNumber, assertOneOf, assertPlainObject, assertRate, assertSeed, ShadowOptionError, describeValue } from '../_internal/options.js';
import { compareEvents, type CompareEventsOptions } from '../events/compareEvents.js';
import type { Row } from '../dataset/toRows.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { pct, num } from './model.js';
import { eventStream } from './eventStream.js';
import type { Perturbation } from './perturbation.js';
import { probeTolerance } from './probeTolerance.js';

/**
 * The fault classes sensitivity measures, each probed with one perturbation:
 * `drop` (drop), `duplicate` (duplicate), `nullField` (nullField on the value field),
 * `timeShift` (shiftField of every event's time field), `valueDrift` (shiftField of every event's
 * value field), `reorder` (swapNeighbours).
 *
 * @example
 * const faults: FaultClass[] = ['drop', 'timeShift'];
 */
export type FaultClass = 'drop' | 'duplicate' | 'nullField' | 'timeShift' | 'valueDrift' | 'reorder';

/**
 * Every fault class, in report order.
 *
 * @example
 * FAULT_CLASSES.length // => 6
 */
export const FAULT_CLASSES: readonly FaultClass[] = ['drop', 'duplicate', 'nullField', 'timeShift', 'valueDrift', 'reorder'];

/**
 * One configured check: its compare options and the data it is probed on.
 *
 * @example
 * const check: SensitivityCheck = { compare: { key: 'eventId' }, base: fc.subarray(rows, { minLength: 100 }), entityField: 'userId' };
 */
export interface SensitivityCheck {
  /** The compareEvents options under test. */
  compare: CompareEventsOptions;
  /**
   * Legacy datasets resembling the check's real input (same fields). Real rows work well:
   * `fc.subarray(rows, { minLength: 100 })`.
   * @defaultValue the suite's `base`
   */
  base?: Arbitrary<object[]>;
  /** Key field of the data. @defaultValue the compare key when it is a path, else 'id' */
  key?: string;
  /** @defaultValue 'entity' */
  entityField?: string;
  /** Field shifted by `timeShift`. @defaultValue the first field with a `time` rule, else 'ts' */
  timeField?: string;
  /** Field shifted by `valueDrift` and nulled by `nullField`. @defaultValue the first field with an abs/rel rule, else 'value' */
  valueField?: string;
}

/**
 * Options of {@link sensitivity}.
 *
 * @example
 * const o: SensitivityOptions = { checks: { click: { compare: { key: 'id' } } }, faults: ['drop'], seed: 3 };
 */
export interface SensitivityOptions {
  /** The checks of the suite, by label (e.g. one per event type). */
  checks: Record<string, SensitivityCheck>;
  /**
   * Fault classes to measure.
   * @defaultValue all: `['drop', 'duplicate', 'nullField', 'timeShift', 'valueDrift', 'reorder']`
   */
  faults?: readonly FaultClass[];
  /**
   * A check is flagged when it detects a rate fault only above this share of events.
   * @defaultValue `{ drop: 0.1, duplicate: 0.1, nullField: 0.1 }`
   */
  flagAbove?: Partial<Record<FaultClass, number>>;
  /** Seed of datasets and picks; recorded in the report. @defaultValue 42 */
  seed?: number;
  /** Datasets per probe. @defaultValue 5 */
  numRuns?: number;
  /** Default base of every check. @defaultValue `eventStream({ minLength: 100, maxLength: 200 })` */
  base?: Arbitrary<object[]>;
}

/**
 * One check × fault class.
 *
 * @example
 * sensitivity(options).rows.filter((r) => r.neverDetected).map((r) => `${r.check}: ${r.fault}`);
 */
export interface SensitivityRow {
  check: string;
  fault: FaultClass;
  /** The probed perturbation (magnitude omitted). */
  perturbation: Omit<Perturbation, 'magnitude'>;
  /** `share` (of events or pairs), `ms` or `units` (of the value field). */
  unit: 'share' | 'ms' | 'units';
  /** Smallest magnitude detected on every dataset; null when none in range. */
  detectedFrom: number | null;
  /** Largest magnitude passing on every dataset; null when even the smallest fails. */
  toleratedUpTo: number | null;
  /** The largest magnitude probed. */
  probedUpTo: number;
  /** What the options declare about the fault, in words. */
  declared: string[];
  /** No magnitude up to probedUpTo failed any dataset. */
  neverDetected: boolean;
  /** The fault is invisible to this tier by design (row order at the event tier). */
  outOfTier: boolean;
  /** Sizes of the generated datasets: a rate fault affects round(rate × events) events. */
  events: { min: number; max: number };
}

/**
 * The result of {@link sensitivity}: plain, JSON-serialisable; render it with renderReport.
 *
 * @example
 * const r: SensitivityReport = sensitivity({ checks: { click: { compare: { key: 'id' } } } });
 * console.log(renderReport(r));
 */
export interface SensitivityReport extends ReportBase<'sensitivity'> {
  seed: number;
  numRuns: number;
  rows: SensitivityRow[];
  flagAbove: Partial<Record<FaultClass, number>>;
}

const FN = 'sensitivity';
const DEFAULT_FLAGS: Partial<Record<FaultClass, number>> = { drop: 0.1, duplicate: 0.1, nullField: 0.1 };

function firstField(options: CompareEventsOptions, test: (rule: unknown) => boolean): string | undefined {
  return Object.entries(options.fields ?? {}).find(([, r]) => test(r))?.[0];
}

/**
 * Measures what a suite of configured event checks can see: for each check and fault class, the
 * smallest magnitude detected on every generated dataset (by {@link probeTolerance}), the largest
 * tolerated, and what the options declare. Flags a check that can never fail for a fault class
 * (`FAULT_NEVER_DETECTED`), or detects a rate fault only above `flagAbove` (`FAULT_HIDDEN`, e.g. a
 * minMatchRate that hides a 40 % drop). Row order is invisible to compareEvents by design: the
 * `reorder` class is reported as out of tier (`info`), pointing to the sequence tier.
 *
 * @example
 * import { sensitivity } from 'vitest-shadow/arbitraries';
 * import { renderReport } from 'vitest-shadow';
 * const report = sensitivity({ checks: { clicks: { compare: { key: 'id', fields: { ts: { time: '2s' } } } } } });
 * console.log(renderReport(report));
 */
export function sensitivity(options: SensitivityOptions): SensitivityReport {
  assertPlainObject(FN, 'options', options as unknown);
  assertKnownKeys(FN, '', options, ['checks', 'faults', 'flagAbove', 'seed', 'numRuns', 'base']);
  assertPlainObject(FN, 'checks', options.checks as unknown);
  const labels = Object.keys(options.checks);
  if (labels.length === 0) throw new ShadowOptionError(`${FN}: checks is empty; give at least one { label: { compare } }`);
  const faults: readonly FaultClass[] = options.faults ?? FAULT_CLASSES;
  if (!Array.isArray(faults as unknown) || faults.length === 0) throw new ShadowOptionError(`${FN}: faults must be a non-empty array, got ${describeValue(faults)}`);
  faults.forEach((f, i) => assertOneOf(FN, `faults[${i}]`, f, FAULT_CLASSES));
  const flagAbove = { ...DEFAULT_FLAGS, ...(options.flagAbove ?? {}) };
  for (const [k, v] of Object.entries(flagAbove)) {
    assertOneOf(FN, 'flagAbove', k, FAULT_CLASSES);
    assertRate(FN, `flagAbove.${k}`, v);
  }
  const seed = options.seed ?? 42;
  assertSeed(FN, 'seed', seed);
  const numRuns = options.numRuns ?? 5;
  assertNumber(FN, 'numRuns', numRuns, { min: 1, max: 1000, integer: true });
  const suiteBase = options.base ?? eventStream({ minLength: 100, maxLength: 200 });

  const rows: SensitivityRow[] = [];
  const reasons: Reason[] = [];
  for (const label of labels) {
    const check = options.checks[label];
    assertPlainObject(FN, `checks.${label}`, check as unknown);
    assertKnownKeys(FN, `checks.${label}`, check, ['compare', 'base', 'key', 'entityField', 'timeField', 'valueField']);
    const compare = check.compare;
    const base = check.base ?? suiteBase;
    if (!(base instanceof fc.Arbitrary)) throw new ShadowOptionError(`${FN}: checks.${label}.base must be a fast-check arbitrary, got ${describeValue(base)}`);
    const timeField = check.timeField ?? firstField(compare, (r) => typeof r === 'object' && r !== null && 'time' in r) ?? 'ts';
    const valueField = check.valueField ?? firstField(compare, (r) => typeof r === 'object' && r !== null && ('abs' in r || 'rel' in r)) ?? 'value';
    const key = check.key ?? (typeof compare.key === 'string' ? compare.key : 'id');

    // Unperturbed data must pass, or every probe would measure the data, not the fault.
    const sample = fc.sample(base as Arbitrary<object[]>, { seed, numRuns });
    const broken = sample.map((d) => compareEvents(d as Row[], d as Row[], compare)).find((r) => r.verdict !== 'pass');
    if (broken) {
      const why = broken.reasons.find((r) => r.severity !== 'info')?.message ?? broken.verdict;
      reasons.push({
        code: 'BASE_FAILS',
        severity: 'fail',
        subject: label,
        expected: 'unperturbed data passes',
        received: why,
        message: `${label}: the check fails on unperturbed generated data (${why}); give checks.${label}.base data with the fields the options name`,
      });
      continue;
    }
    for (const fault of faults) {
      const p: Omit<Perturbation, 'magnitude'> =
        fault === 'drop'
          ? { kind: 'drop' }
          : fault === 'duplicate'
            ? { kind: 'duplicate' }
            : fault === 'nullField'
              ? { kind: 'nullField', field: valueField }
              : fault === 'timeShift'
                ? { kind: 'shiftField', field: timeField, rate: 1 }
                : fault === 'valueDrift'
                  ? { kind: 'shiftField', field: valueField, rate: 1 }
                  : { kind: 'swapNeighbours' };
      const probe = probeTolerance(compare, {
        perturbation: p,
        seed,
        numRuns,
        base: base as Arbitrary<object[]>,
        key,
        entityField: check.entityField,
        timeField,
        range: fault === 'timeShift' ? { min: 0, max: 86_400_000 } : undefined,
        relPrecision: 1e-2,
      } as Parameters<typeof probeTolerance>[1]);
      const unit: SensitivityRow['unit'] = fault === 'timeShift' ? 'ms' : fault === 'valueDrift' ? 'units' : 'share';
      const outOfTier = fault === 'reorder' && probe.neverFails;
      const row: SensitivityRow = {
        check: label,
        fault,
        perturbation: p,
        unit,
        detectedFrom: probe.failsFrom,
        toleratedUpTo: probe.passesUpTo,
        probedUpTo: probe.range.max,
        declared: probe.declared.lines,
        neverDetected: probe.neverFails,
        outOfTier,
        events: { min: Math.min(...sample.map((d) => d.length)), max: Math.max(...sample.map((d) => d.length)) },
      };
      rows.push(row);
      const fmt = (x: number) => formatMagnitude(x, unit);
      if (outOfTier) {
        reasons.push({
          code: 'FAULT_OUT_OF_TIER',
          severity: 'info',
          subject: `${label}.${fault}`,
          expected: 'detected',
          received: 'invisible to compareEvents',
          message: `${label}: reordered events are never detected: compareEvents matches by key, so order faults need the sequence tier (compareSequences)`,
        });
      } else if (probe.failsFrom === null) {
        reasons.push({
          code: 'FAULT_NEVER_DETECTED',
          severity: 'fail',
          subject: `${label}.${fault}`,
          expected: 'detected at some magnitude',
          received: `not detected up to ${fmt(probe.range.max)}`,
          message: `${label}: ${describeFault(fault, p)} is never detected reliably, even at ${fmt(probe.range.max)} (${probe.declared.lines[0]})`,
        });
      } else if (flagAbove[fault] !== undefined && probe.failsFrom > flagAbove[fault]!) {
        reasons.push({
          code: 'FAULT_HIDDEN',
          severity: 'fail',
          subject: `${label}.${fault}`,
          expected: `detected from <= ${pct(flagAbove[fault]!)}`,
          received: probe.failsFrom,
          message: `${label}: ${describeFault(fault, p)} passes unnoticed up to ${fmt(probe.passesUpTo ?? 0)} and is detected only from ${fmt(probe.failsFrom)} (flagged above ${pct(flagAbove[fault]!)}): ${probe.declared.lines.join('; ')}`,
        });
      }
    }
  }
  const sorted = sortReasons(reasons);
  return { kind: 'sensitivity', version: REPORT_VERSION, verdict: verdictOf(sorted), reasons: sorted, seed, numRuns, rows, flagAbove };
}

function describeFault(fault: FaultClass, p: Omit<Perturbation, 'magnitude'>): string {
  switch (fault) {
    case 'drop':
      return 'a drop of events';
    case 'duplicate':
      return 'duplicate delivery';
    case 'nullField':
      return `${p.field} turned null`;
    case 'timeShift':
      return `a shift of every ${p.field}`;
    case 'valueDrift':
      return `a drift of every ${p.field}`;
    case 'reorder':
      return 'reordered events';
  }
}

/** A magnitude in its unit: `1.25%`, `2,001 ms`, `0.01`. */
export function formatMagnitude(x: number, unit: SensitivityRow['unit']): string {
  if (unit === 'share') return pct(x);
  if (unit === 'ms') return `${x >= 1000 ? Math.round(x).toLocaleString('en-US') : num(x)} ms`;
  return num(x, 6);
}
