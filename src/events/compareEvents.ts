import { toRows, type DatasetInput, type Row } from '../dataset/toRows.js';
import { compareByGroup, hasGroupBy } from '../groups/compareByGroup.js';
import { withLedgerTotals } from '../ledger/ledgerTotals.js';
import type { GroupOptions, GroupedReport } from '../groups/types.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import type { FieldRule } from '../tolerance/compileFieldRule.js';
import type { ColumnType } from '../dataset/loadDataset.js';
import type { KeySpec } from '../join/keys.js';
import type { DeltaShape } from './_internal/deltaShape.js';
import type { Segment } from './_internal/segments.js';
import { markColumnTypeDifferences } from './_internal/columnTypeDifferences.js';
import { eventHints } from './_internal/eventHints.js';
import { eventReasons } from './_internal/eventReasons.js';
import { FN, resolveEventOptions } from './_internal/resolveEventOptions.js';
import { pairAndCompare } from './_internal/pairAndCompare.js';
import { summariseEvidence, topLevel } from './_internal/summariseEvidence.js';
import { adjustEventEvidence, checkEventAdjustmentOptions, type EventAdjustmentOptions, type EventAdjustmentReport } from '../noise/adjustEventEvidence.js';

export type { KeySpec } from '../join/keys.js';
export type { DeltaShape } from './_internal/deltaShape.js';
export type { Segment } from './_internal/segments.js';

/**
 * Options of {@link compareEvents}. Thresholds default to the strictest setting: every legacy
 * event present once in shadow with every compared field within tolerance.
 *
 * @example
 * const options: CompareEventsOptions = {
 *   key: ['userId', 'seq'],
 *   fields: { price: { abs: 0.005 }, ts: { time: '2s' }, tags: { unordered: true }, debug: 'ignore' },
 *   minMatchRate: 0.999,
 * };
 */
export interface CompareEventsOptions extends EventAdjustmentOptions {
  /** How events are matched: a path, an array of paths (a tuple), or a function of the row. */
  key: KeySpec;
  /**
   * Rules per dotted field path, named as in legacy. Fields without a rule are compared exactly
   * (see defaultEquals), or by `defaults`, unless `compare` is `'declared'`.
   * @defaultValue {}
   */
  fields?: Record<string, FieldRule>;
  /**
   * Which fields are compared: `'all'` compares every field found on either side (rules
   * override the exact default; a field on one side only mismatches wherever the other side
   * lacks it); `'common'` compares the fields found on both sides plus the declared ones, and
   * reports one-sided fields only as schema differences (datacompy's behaviour);
   * `'declared'` compares only the fields named in `fields`.
   * @defaultValue 'all'
   */
  compare?: 'all' | 'common' | 'declared';
  /**
   * Rules by value type for the fields without a rule in `fields`. A field's type is that of
   * every non-null value it holds on both sides (`number`, `string`, `boolean`, `array`); a field
   * of mixed types keeps the exact default (so a type change still shows). The report names the
   * rule each field got.
   * @defaultValue {} (every field without a rule is compared exactly)
   * @example { number: { rel: 1e-9 }, string: { normalize: 'trim' } }
   */
  defaults?: Partial<Record<ValueType, FieldRule>>;
  /**
   * What happens to a key held by several rows of a side. `'exclude'`: the rows are reported as
   * duplicates and paired with nothing. `'inOrder'`: the k-th legacy row with a key pairs with
   * the k-th shadow row with that key (order of occurrence, as datacompy); rows left over are
   * missing or extra; the report says pairing was by order (DUPLICATE_KEYS_PAIRED_IN_ORDER) and
   * then depends on row order within each duplicated key.
   * @defaultValue 'exclude'
   */
  duplicateKeys?: 'exclude' | 'inOrder';
  /**
   * Match field names across the two sides ignoring case (`userId` in legacy compares with
   * `userid` in shadow, reported as a rename). Names that collide on one side (`userId` and
   * `userid` both in legacy) are not matched this way and fail as FIELD_NAME_COLLISION.
   * Key paths are always matched exactly.
   * @defaultValue false
   */
  ignoreFieldCase?: boolean;
  /**
   * Fields whose name changed: `{ legacyPath: shadowPath }`. A renamed object renames its subtree.
   * @defaultValue {}
   */
  rename?: Record<string, string>;
  /**
   * Whether `null` and a missing value (absent key or `undefined`) are the same.
   * @defaultValue false (they differ: a consumer reading `'x' in row` sees a difference)
   */
  nullEqualsMissing?: boolean;
  /**
   * Least share of legacy events that are matched one-to-one and have every compared field within
   * tolerance. Missing, duplicated and keyless legacy events count against it.
   * @defaultValue 1
   */
  minMatchRate?: number;
  /** Largest share of legacy events absent from shadow. @defaultValue 0 */
  maxMissingRate?: number;
  /** Largest share of shadow events absent from legacy. @defaultValue 0 */
  maxExtraRate?: number;
  /** Largest number of distinct duplicated keys allowed on each side. @defaultValue 0 */
  maxDuplicateKeys?: number;
  /** Largest number of rows without a key allowed on each side. @defaultValue 0 */
  maxMissingKeyRows?: number;
  /** Examples kept per field, per group and per count. @defaultValue 5 */
  maxExamples?: number;
  /** A label carried into the report (e.g. the event type). */
  label?: string;
}

/**
 * The value type a `defaults` rule applies to.
 *
 * @example
 * const t: ValueType = 'number';
 */
export type ValueType = 'number' | 'string' | 'boolean' | 'array';

/** Counts of an {@link EventReport}; see the docs page for the exact definitions. */
export interface EventCounts {
  legacy: number;
  shadow: number;
  /** Legacy events whose key occurs exactly once on each side. */
  matched: number;
  /** Matched events with every compared field within tolerance. */
  equal: number;
  /** Legacy events whose key (unique in legacy) is absent from shadow. */
  missing: number;
  /** Shadow events whose key (unique in shadow) is absent from legacy. */
  extra: number;
  legacyMissingKey: number;
  shadowMissingKey: number;
  /** Distinct keys occurring on more than one row, per side. */
  legacyDuplicateKeys: number;
  shadowDuplicateKeys: number;
  /** Rows carrying a duplicated key, per side. */
  legacyDuplicateRows: number;
  shadowDuplicateRows: number;
  /** Legacy events unique in legacy whose key is duplicated in shadow. */
  ambiguous: number;
}

/** One compared field of an {@link EventReport}. */
export interface FieldReport {
  field: string;
  /** The shadow path when renamed. */
  shadowField?: string;
  rule: string;
  mismatches: number;
  /** mismatches / matched. */
  mismatchRate: number;
  minMatchRate?: number;
  /** Rows holding the field, per side (all rows, not only matched). */
  presence: { legacy: number; shadow: number };
  /** Statistics of |shadow − legacy| over matched pairs where both are numbers (ms for times). */
  delta?: { n: number; maxAbs: number; meanAbs: number; p50Abs: number; p99Abs: number };
  shape?: DeltaShape;
  /**
   * Time rules only, when some values are not times (see toEpochMs): how many values (both sides)
   * could not be read, each making its pair a mismatch, and the smallest of them as text.
   */
  unparseable?: { count: number; example: string };
  /**
   * When both inputs carry loader column types (CSV through loadDataset) and this field's column
   * was read with a different type on each side: the two types (see COLUMN_TYPE_DIFFERS).
   */
  columnTypes?: { legacy: ColumnType; shadow: ColumnType };
  examples: { key: unknown; legacy: unknown; shadow: unknown }[];
}

/** Mismatching events grouped by the set of fields that differ together. */
export interface MismatchGroup {
  fields: string[];
  count: number;
  examples: { key: unknown; values: { field: string; legacy: unknown; shadow: unknown }[] }[];
}

/**
 * The result of {@link compareEvents}: plain JSON-serialisable data.
 *
 * @example
 * const r = compareEvents(legacy, shadow, { key: 'id' });
 * r.verdict;            // 'pass' | 'fail'
 * r.rates.match;        // equal / legacy
 * r.groups[0]?.fields;  // the fields that most often differ together
 */
export interface EventReport extends ReportBase<'events'>, EventAdjustmentReport {
  key: string;
  thresholds: {
    minMatchRate: number;
    maxMissingRate: number;
    maxExtraRate: number;
    maxDuplicateKeys: number;
    maxMissingKeyRows: number;
  };
  counts: EventCounts;
  rates: { match: number; missing: number; extra: number };
  /** Compared fields, worst first. */
  fields: FieldReport[];
  ignoredFields: string[];
  groups: MismatchGroup[];
  /**
   * Values of low-cardinality legacy fields under which mismatching events concentrate (held by
   * at least 80 % of them and at most 60 % of matched events), strongest first, at most 3.
   */
  segments: Segment[];
  schema: { onlyInLegacy: string[]; onlyInShadow: string[] };
  examples: {
    missing: unknown[];
    extra: unknown[];
    duplicates: { side: 'legacy' | 'shadow'; key: unknown; rows: number }[];
    missingKey: { side: 'legacy' | 'shadow'; field: string; row: unknown }[];
  };
  hints: string[];
  /** Present when `duplicateKeys` is `'inOrder'`: duplicated keys were paired by order of occurrence. */
  duplicateKeys?: 'inOrder';
}

/**
 * Matches legacy and shadow events by key and compares them field by field under explicit,
 * per-field tolerances. Legacy is the reference: rates are shares of legacy events.
 *
 * Counts missing, extra and duplicate keys (duplicates are reported and excluded, never fanned
 * out into a cross product), rows without a key, per-field mismatches with delta statistics, and
 * groups mismatching events by the set of fields that differ together, naming the evident shape
 * of each field's differences (constant offset, whole-hour shift, scale, rounding, turned null,
 * type change). The same inputs in any row order give the same report.
 *
 * Complexity: O(n) hash join plus O(n) per compared field; |delta| quantiles by sorting only the
 * fields that have numeric deltas.
 *
 * @example
 * const report = compareEvents(legacy, shadow, {
 *   key: 'eventId',
 *   fields: { price: { abs: 0.01 }, ts: { time: '2s' } },
 *   minMatchRate: 0.999,
 * });
 * if (report.verdict === 'fail') console.log(renderReport(report));
 */
export function compareEvents(legacy: DatasetInput, shadow: DatasetInput, options: CompareEventsOptions & GroupOptions<CompareEventsOptions>): GroupedReport<EventReport>;
export function compareEvents(legacy: DatasetInput, shadow: DatasetInput, options: CompareEventsOptions): EventReport;
export function compareEvents(legacy: DatasetInput, shadow: DatasetInput, options: CompareEventsOptions): EventReport | GroupedReport<EventReport> {
  // A ledger entry's size bounds its coverage summed over the groups (withLedgerTotals).
  if (hasGroupBy(options)) return withLedgerTotals(compareByGroup(FN, compareEvents as (l: Row[], s: Row[], o: CompareEventsOptions) => EventReport, legacy, shadow, options as CompareEventsOptions & GroupOptions<CompareEventsOptions>, { fieldRules: [['fields']], unit: 'events' }));
  // resolve options → pair, resolve fields and compare pairs → summarise evidence → reasons → hints → report
  const o = resolveEventOptions(options);
  checkEventAdjustmentOptions(FN, options); // noise and ledger (src/noise, src/ledger)
  const lrows = toRows(legacy, FN, 'legacy');
  const srows = toRows(shadow, FN, 'shadow');
  const { pairing, rf, compared } = pairAndCompare(lrows, srows, o);
  const evidence = summariseEvidence(lrows, srows, pairing, rf, compared, o);
  markColumnTypeDifferences(legacy, shadow, evidence.fields, rf.rename);
  const adjusted = adjustEventEvidence(FN, lrows, srows, pairing, rf.fields, compared.mismatchRows, evidence, o.key, options);
  const thresholds: EventReport['thresholds'] = {
    minMatchRate: o.minMatchRate,
    maxMissingRate: o.maxMissingRate,
    maxExtraRate: o.maxExtraRate,
    maxDuplicateKeys: o.maxDuplicateKeys,
    maxMissingKeyRows: o.maxMissingKeyRows,
  };
  const reasons: Reason[] = [
    ...rf.reasons,
    ...eventReasons(evidence.counts, evidence.rates, thresholds, evidence.fields, o.key.description, {
      onlyInLegacy: topLevel(evidence.schema.onlyInLegacy),
      onlyInShadow: topLevel(evidence.schema.onlyInShadow),
    }, o.duplicateKeys),
    ...adjusted.reasons,
  ];
  const hints = eventHints(lrows, srows, pairing, evidence, o);
  const report = eventReport(o.key.description, thresholds, reasons, evidence, rf.ignoredFields, hints, o.label);
  if (o.duplicateKeys === 'inOrder') report.duplicateKeys = 'inOrder';
  if (adjusted.known) report.known = adjusted.known;
  if (adjusted.noise) report.noise = adjusted.noise;
  return report;
}

/** Step 8 of compareEvents: the report, with its reasons sorted and its verdict decided from them. */
function eventReport(
  key: string,
  thresholds: EventReport['thresholds'],
  reasons: Reason[],
  ev: ReturnType<typeof summariseEvidence>,
  ignoredFields: string[],
  hints: string[],
  label: string | undefined,
): EventReport {
  const sorted = sortReasons(reasons);
  const report: EventReport = {
    kind: 'events',
    version: REPORT_VERSION,
    verdict: verdictOf(sorted),
    reasons: sorted,
    key,
    thresholds,
    counts: ev.counts,
    rates: ev.rates,
    fields: ev.fields,
    ignoredFields,
    groups: ev.groups,
    segments: ev.segments,
    schema: ev.schema,
    examples: ev.examples,
    hints,
  };
  if (label !== undefined) report.label = label;
  return report;
}
