/**
 * Types of `vitest-shadow/suite`: the options of {@link defineShadowSuite} and what each of its
 * tests records on `task.meta.shadowSuite` for the reporter.
 */
import type { CompareEventsOptions } from '../events/compareEvents.js';
import type { CompareSequencesOptions } from '../sequences/compareSequences.js';
import type { CompareEquivalenceOptions } from '../outputs/compareEquivalence.js';
import type { CompareDistributionOptions } from '../outputs/compareDistribution.js';
import type { CompareAgreementOptions } from '../outputs/compareAgreement.js';
import type { GroupOverride } from '../groups/types.js';
import type { SourceSpec } from './_internal/resolveSources.js';
import type { SampleRecord } from './_internal/sampleEntities.js';
import type { PlotData } from './_internal/plotData.js';

export type { SourceSpec } from './_internal/resolveSources.js';
export type { SampleRecord } from './_internal/sampleEntities.js';
export type { PlotData, HistogramPair } from './_internal/plotData.js';

/**
 * One model-output check of a suite: which check, and its options (`value` names the field holding
 * the model output in each row, `key` pairs the rows).
 *
 * @example
 * const ctr: ModelCheck = { check: 'equivalence', key: 'id', value: 'ctr', margin: 0.01, paired: true };
 */
export type ModelCheck =
  | ({ check: 'equivalence' } & CompareEquivalenceOptions)
  | ({ check: 'distribution' } & CompareDistributionOptions)
  | ({ check: 'agreement' } & CompareAgreementOptions);

/**
 * What one event type may change: each tier's options (merged over the suite's), and its timeout.
 *
 * @example
 * const search: SuiteOverride = { events: { minMatchRate: 0.995 }, timeout: 600_000 };
 */
export interface SuiteOverride {
  events?: GroupOverride<CompareEventsOptions>;
  sequences?: GroupOverride<CompareSequencesOptions>;
  models?: Record<string, Record<string, unknown>>;
  /** Timeout of this event type's tests, in ms. */
  timeout?: number;
}

/**
 * Options of {@link defineShadowSuite}.
 *
 * @example
 * defineShadowSuite({
 *   eventTypes: ['click', 'search'],
 *   legacy: (type) => `out/legacy/${type}.jsonl`,
 *   shadow: 'out/shadow/*.jsonl.gz',
 *   events: { key: 'id', fields: { price: { abs: 0.01 } } },
 *   sequences: { entity: 'user', orderBy: 'ts', id: 'id' },
 *   overrides: { search: { events: { minMatchRate: 0.995 } } },
 * });
 */
export interface ShadowSuiteOptions {
  /** The event types, one `describe` each, in this order. */
  eventTypes: readonly string[];
  /**
   * The legacy pipeline's files: a path, a glob, a list of them (JSONL, CSV, JSON, Parquet, gzip),
   * or a function of the event type returning them. Files named without a function hold every event
   * type and are split on `typeField`; a function's files are taken as that event type's own.
   */
  legacy: SourceSpec;
  /** The shadow pipeline's files, as for `legacy`. */
  shadow: SourceSpec;
  /**
   * A second run of the legacy pipeline on the same input. When given, a `legacy replay` test
   * compares legacy with it under the event options: the noise floor of legacy itself.
   * @defaultValue none
   */
  legacyReplay?: SourceSpec;
  /** The field naming the event type in files shared by several types. @defaultValue 'type' */
  typeField?: string;
  /** The event tier's options (`label` is set to the event type); `false` or absent: no events test. */
  events?: CompareEventsOptions | false;
  /** The sequence tier's options; absent: no sequences test. */
  sequences?: CompareSequencesOptions | false;
  /** Model-output checks by name, one test each (`outputs: <name>`). @defaultValue {} */
  models?: Record<string, ModelCheck>;
  /** Per event type changes to each tier's options and to the timeout. @defaultValue {} */
  overrides?: Record<string, SuiteOverride>;
  /**
   * Sampling for very large inputs: per event type, whole entities (the same on both sides) are kept
   * so the larger side has about `maxRows` rows, chosen by a hash salted from the seeded PRNG.
   * @defaultValue no sampling
   */
  sample?: { maxRows: number; entity: string; seed?: number };
  /**
   * The events test's engine: `'auto'` uses DuckDB (vitest-shadow/duckdb) when an event type's files
   * exceed `duckdbAboveBytes` and DuckDB can take the options (see compareEventSources).
   * @defaultValue 'auto'
   */
  engine?: 'auto' | 'memory' | 'duckdb';
  /** @defaultValue 268435456 (256 MiB) */
  duckdbAboveBytes?: number;
  /**
   * Timeout of every test in ms. @defaultValue derived from the event type's file sizes:
   * 30 s + 1.5 s per MB of legacy and shadow files, at most one hour
   */
  timeout?: number;
  /** A name for the outer `describe`. @defaultValue 'shadow' */
  name?: string;
}

/**
 * What each suite test records on `task.meta.shadowSuite` for the reporter.
 *
 * @example
 * // in a custom reporter
 * onTestCaseResult(testCase) { const s = testCase.meta().shadowSuite; if (s) console.log(s.eventType, s.tier, s.rows); }
 */
export interface SuiteRecord {
  eventType: string;
  /** `events`, `sequences`, `outputs:<model>` or `replay`. */
  tier: string;
  engine: 'memory' | 'duckdb';
  files: { legacy: string[]; shadow: string[] };
  bytes: number;
  rows: { legacy: number; shadow: number };
  durations: { loadMs: number; compareMs: number };
  timeoutMs: number;
  sample?: SampleRecord;
  plots?: PlotData;
}
