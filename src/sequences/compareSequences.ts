import type { DatasetInput } from '../dataset/toRows.js';
import type { ReportBase } from '../report/types.js';
import type { FieldRule } from '../tolerance/compileFieldRule.js';
import type { KeySpec } from '../join/keys.js';
import { resolveSequenceOptions } from './_internal/resolveOptions.js';
import { runSequences } from './_internal/runSequences.js';
import { compareHybridSequences, type HybridOption, type HybridSummary } from './hybrid.js';
import { compareByGroup, hasGroupBy } from '../groups/compareByGroup.js';
import type { GroupOptions, GroupedReport } from '../groups/types.js';
import type { Row } from '../dataset/toRows.js';

/**
 * One orderBy key: a field path (ascending), or a path with a direction.
 *
 * @example
 * const byTimeThenSeq: OrderBySpec[] = ['ts', { path: 'seq', direction: 'desc' }];
 */
export type OrderBySpec = string | { path: string; direction?: 'asc' | 'desc' };

/**
 * How events tied on the ordering key are treated.
 *
 * - `'any'`: tied events may appear in either order; a different order among tied events is never
 *   a difference (tie runs are put in identity order on both sides before comparing).
 * - `'by-id'`: ties are ordered by identity (flat input is assembled that way) and a different
 *   order among tied events in pre-assembled sequences counts as reordering.
 * - `'stable'`: flat input keeps the input row order among tied events (the only setting under
 *   which the report depends on row order); pre-assembled sequences are compared as given.
 *
 * @example
 * const ties: TieRule = 'any';
 */
export type TieRule = 'any' | 'by-id' | 'stable';

/**
 * How duplicate events inside one sequence are removed (on both sides) before comparing.
 * `'by-id'` keeps the first occurrence of each identity; `'consecutive'` drops an event whose
 * identity equals the previous kept event's; `'none'` keeps duplicates (they are then reported as
 * the `duplicated` class).
 *
 * @example
 * const dedup: DedupRule = 'by-id';
 */
export type DedupRule = 'none' | 'by-id' | 'consecutive';

/**
 * The window applied identically to both sides before comparing, in this order: `types`, the time
 * window, `dedup`, then `last`/`first`.
 *
 * @example
 * const window: SequenceWindow = { types: ['click', 'save'], within: '7d', asOf: '2026-11-01T00:00:00Z', last: 50 };
 */
export interface SequenceWindow {
  /** Keep the last N events of each sequence (the most recent when ordered by ascending time). */
  last?: number;
  /** Keep the first N events of each sequence. */
  first?: number;
  /** The end of the time window: an epoch number (ms), a Date or an ISO string. */
  asOf?: number | string | Date;
  /** The time window's length (ms or `'7d'`); keeps events with asOf − within < time ≤ asOf. */
  within?: number | string;
  /** Keep only events whose type is in this list. */
  types?: readonly unknown[];
  /**
   * Where the event type is read.
   * @defaultValue 'type'
   */
  typePath?: string;
}

/**
 * Thresholds of {@link compareSequences}. Metrics without a default are reported but not checked.
 *
 * @example
 * const t: SequenceThresholds = { minExactRate: 0.99, maxMeanEditDistance: 0.01, minKendallTau: 0.95 };
 */
export interface SequenceThresholds {
  /**
   * Least share of compared entities whose sequences are exactly equal (same events in the same
   * order, every paired event within the field rules).
   * @defaultValue 1
   */
  minExactRate?: number;
  /** Largest mean normalised edit distance. @defaultValue not checked */
  maxMeanEditDistance?: number;
  /** Least mean Kendall tau over the common events. @defaultValue not checked */
  minKendallTau?: number;
  /** Least LCS precision (Σ LCS / Σ shadow length). @defaultValue not checked */
  minPrecision?: number;
  /** Least LCS recall (Σ LCS / Σ legacy length). @defaultValue not checked */
  minRecall?: number;
  /** Least mean rank-biased overlap (RBO_ext). @defaultValue not checked */
  minRbo?: number;
  /** Largest share of legacy entities with no events in shadow. @defaultValue 0 */
  maxMissingEntityRate?: number;
  /** Largest share of shadow entities with no events in legacy. @defaultValue 0 */
  maxExtraEntityRate?: number;
}

/**
 * Options of {@link compareSequences}.
 *
 * @example
 * const options: CompareSequencesOptions = {
 *   entity: 'userId',
 *   orderBy: 'ts',
 *   id: 'eventId',
 *   fields: { ts: { time: '1s' }, price: { abs: 0.01 } },
 *   window: { last: 50 },
 *   reorderWithinMs: 500,
 *   minExactRate: 0.99,
 * };
 */
export interface CompareSequencesOptions extends SequenceThresholds {
  /**
   * Whose sequence an event (or, for pre-assembled input, a sequence row) belongs to: a path, an
   * array of paths (a tuple) or a function of the row.
   */
  entity: KeySpec;
  /**
   * The order of a sequence: one or more keys, each ascending unless `direction: 'desc'`.
   * Required for flat events; for pre-assembled sequences it only defines ties.
   */
  orderBy?: OrderBySpec | readonly OrderBySpec[];
  /** @defaultValue 'any' */
  ties?: TieRule;
  /**
   * The input holds sequences already assembled by the pipelines: one row per entity with an
   * array of events. `true` reads the array from `events`; `{ events: 'items' }` names the field.
   * @defaultValue false (flat events, assembled here)
   */
  assembled?: boolean | { events?: string };
  /**
   * The events' time field (epoch number, Date or ISO string), used by the time window,
   * `reorderWithinMs` and the time-shifted class.
   * @defaultValue the first orderBy path
   */
  time?: string;
  /**
   * An event's identity inside a sequence: a path, paths or a function. Without it the identity is
   * the whole event (primitives by value; objects as canonical JSON without 'ignore' fields), so
   * field tolerances cannot apply.
   * @defaultValue the whole event
   */
  id?: KeySpec;
  /**
   * Field rules deciding whether two events with the same identity are the same (as in
   * compareEvents).
   * @defaultValue {} (every field compared exactly)
   */
  fields?: Record<string, FieldRule>;
  /** Which fields are compared: all found on either side, or only the declared ones. @defaultValue 'all' */
  compare?: 'all' | 'declared';
  /** Whether null and a missing value are the same. @defaultValue false */
  nullEqualsMissing?: boolean;
  /** @defaultValue no window */
  window?: SequenceWindow;
  /** @defaultValue 'none' */
  dedup?: DedupRule;
  /**
   * Adjacent shadow events out of legacy order whose times differ by at most this much (ms, or
   * `'500ms'`) are put back in legacy order before comparing: an arrival race, not a difference.
   * @defaultValue 0 (no swap tolerated)
   */
  reorderWithinMs?: number | string;
  /**
   * The persistence p of rank-biased overlap (rank 1 = the first event in sequence order): with
   * 0.9 the first 10 positions carry 85.6% of the weight (Webber et al. 2010, eq. 21).
   * @defaultValue 0.9
   */
  rboP?: number;
  /** Example entities kept per difference class. @defaultValue 5 */
  maxExamples?: number;
  /** A label carried into the report (e.g. the event type). */
  label?: string;
  /**
   * Compare the hybrid (shadow events of the migrated types, legacy events of the others) with legacy:
   * what consumers read while only some types are cut over (src/sequences/hybrid.ts).
   * @defaultValue no hybrid: shadow is compared whole
   */
  hybrid?: HybridOption;
}

/**
 * A difference class of an entity's sequences (see the docs page for the exact definitions).
 *
 * @example
 * const windowProblems = report.classes.filter((c) => c.class === 'cut-head' || c.class === 'cut-tail');
 */
export type SequenceDiffClass =
  | 'cut-head'
  | 'cut-tail'
  | 'reordered'
  | 'duplicated'
  | 'missing'
  | 'extra'
  | 'time-shifted'
  | 'changed';

/**
 * Events removed by each window step, on one side.
 *
 * @example
 * report.counts.window.shadow.truncated // events cut by window.last / window.first in shadow
 */
export interface WindowDrops {
  /** Events whose type is not in `window.types`. */
  type: number;
  /** Events outside the time window. */
  time: number;
  /** Events without a usable time while a time window is set. */
  noTime: number;
  /** Events removed by `dedup`. */
  dedup: number;
  /** Events cut by `window.last` / `window.first`. */
  truncated: number;
}

/**
 * Counts of a {@link SequenceReport}.
 *
 * @example
 * const { entities, exact, missingEntities } = report.counts;
 */
export interface SequenceCounts {
  /** Input rows (events for flat input, sequence rows for pre-assembled input). */
  legacyRows: number;
  shadowRows: number;
  /** Events read. */
  legacyEvents: number;
  shadowEvents: number;
  /** Entities with at least one event after the window. */
  legacyEntities: number;
  shadowEntities: number;
  /** Entities compared: at least one event on either side after the window. */
  entities: number;
  exact: number;
  differing: number;
  /** Legacy entities with no shadow event (after the window). */
  missingEntities: number;
  /** Shadow entities with no legacy event (after the window). */
  extraEntities: number;
  /** Events compared (in the compared sequences). */
  legacyCompared: number;
  shadowCompared: number;
  legacyMissingEntity: number;
  shadowMissingEntity: number;
  legacyMissingOrder: number;
  shadowMissingOrder: number;
  legacyMissingId: number;
  shadowMissingId: number;
  legacyDuplicateEntities: number;
  shadowDuplicateEntities: number;
  legacyNotArray: number;
  shadowNotArray: number;
  window: { legacy: WindowDrops; shadow: WindowDrops };
  /** Adjacent swaps tolerated by reorderWithinMs. */
  toleratedSwaps: number;
}

/**
 * Aggregated metrics of a {@link SequenceReport}; the docs page gives the exact formulas.
 *
 * @example
 * if (report.metrics.kendallTau !== null && report.metrics.kendallTau < 0.9) console.warn('order drifts');
 */
export interface SequenceMetrics {
  /** exact / entities. */
  exactRate: number;
  /** Mean over entities of lev(L, S) / max(|L|, |S|). */
  meanEditDistance: number;
  /** Σ LCS(L, S) / Σ |S|. */
  precision: number;
  /** Σ LCS(L, S) / Σ |L|. */
  recall: number;
  /** Mean Kendall tau over entities with ≥ 2 common events; null when none has. */
  kendallTau: number | null;
  kendallEntities: number;
  /** Mean RBO_ext over compared entities; null when none. */
  rbo: number | null;
  rboP: number;
  /** Mean of |S| − |L|. */
  meanLengthDelta: number;
  shadowLonger: number;
  shadowShorter: number;
  missingEntityRate: number;
  extraEntityRate: number;
}

/**
 * One difference class with its counts and example entities.
 *
 * @example
 * for (const c of report.classes) console.log(c.class, c.entities, c.examples);
 */
export interface SequenceClassReport {
  class: SequenceDiffClass;
  /** Entities showing the class. */
  entities: number;
  /** Events involved, summed over those entities. */
  events: number;
  /** What the class means. */
  description: string;
  /** Entities (as data), the first few in entity order. */
  examples: unknown[];
}

/**
 * A concrete differing entity, with the event identities around its first divergence.
 *
 * @example
 * for (const e of report.examples) console.log(e.entity, e.details.join('; '));
 */
export interface SequenceExample {
  entity: unknown;
  classes: SequenceDiffClass[];
  legacyLength: number;
  shadowLength: number;
  /** Normalised edit distance. */
  editDistance: number;
  kendallTau: number | null;
  firstDivergence: number;
  /** Position of the first identity in `legacy`/`shadow` below. */
  offset: number;
  /** Identities around the first divergence, in compared order. */
  legacy: unknown[];
  shadow: unknown[];
  /** One line per class. */
  details: string[];
}

/**
 * A first-divergence histogram bucket: a range of positions (`'2–4'`) or of shares of the length.
 *
 * @example
 * report.firstDivergence.absolute.find((b) => b.label === '0')?.count // entities differing at the head
 */
export interface DivergenceBucket {
  label: string;
  count: number;
}

/**
 * The result of {@link compareSequences}.
 *
 * @example
 * const r = compareSequences(legacy, shadow, { entity: 'userId', orderBy: 'ts', id: 'eventId' });
 * r.metrics.exactRate;          // share of entities with identical sequences
 * r.classes.map((c) => c.class); // e.g. ['cut-head', 'reordered']
 */
export interface SequenceReport extends ReportBase<'sequences'> {
  input: 'events' | 'sequences';
  entity: string;
  /** The declared assembly rules, stated so the report reads on its own. */
  rules: {
    orderBy: string[];
    ties: TieRule;
    time: string | null;
    id: string;
    window: string | null;
    dedup: DedupRule;
    reorderWithinMs: number;
    fields: Record<string, string>;
  };
  thresholds: {
    minExactRate: number;
    maxMeanEditDistance: number | null;
    minKendallTau: number | null;
    minPrecision: number | null;
    minRecall: number | null;
    minRbo: number | null;
    maxMissingEntityRate: number;
    maxExtraEntityRate: number;
  };
  counts: SequenceCounts;
  metrics: SequenceMetrics;
  /** Classes present, in fixed order (cut-head, cut-tail, reordered, duplicated, missing, extra, time-shifted, changed). */
  classes: SequenceClassReport[];
  /** First divergent position of differing entities: absolute positions, and share of the longer length. */
  firstDivergence: { absolute: DivergenceBucket[]; relative: DivergenceBucket[] };
  /** Fields that differ between paired events, worst first. */
  fields: { field: string; mismatches: number }[];
  examples: SequenceExample[];
  hints: string[];
  /** Set under the `hybrid` option: what the candidate was assembled from. */
  hybrid?: HybridSummary;
}

/**
 * Compares the per-entity sequences of two pipelines: a user's events, assembled per `entity`,
 * ordered by `orderBy` under a declared tie rule, windowed the same way on both sides, or the
 * sequences each pipeline assembled itself (`assembled`). Legacy is the reference.
 *
 * Events are paired by identity (`id`), the k-th occurrence of an identity in legacy with its
 * k-th occurrence in shadow; the field rules of the event tier decide whether a pair is the same
 * event. Reported per entity and aggregated: exact-equal rate, normalised edit distance, LCS
 * precision and recall, Kendall tau on the common events, RBO_ext (Webber et al. 2010), length
 * deltas and a first-divergence histogram; each differing entity is classified (cut at head or
 * tail, reordered, duplicated, missing, extra, time-shifted, changed) with example entities.
 * The same inputs in any row order give the same report (except under `ties: 'stable'`).
 *
 * Complexity: O(N) to assemble plus O(N log k) to sort; per entity O(k) when the sequences agree,
 * O(k²) on the differing part otherwise (k = sequence length).
 *
 * @example
 * const report = compareSequences(legacy, shadow, {
 *   entity: 'userId',
 *   orderBy: 'ts',
 *   id: 'eventId',
 *   window: { last: 50 },
 * });
 * if (report.verdict !== 'pass') console.log(renderReport(report));
 */
export function compareSequences(legacy: DatasetInput, shadow: DatasetInput, options: CompareSequencesOptions & GroupOptions<CompareSequencesOptions>): GroupedReport<SequenceReport>;
export function compareSequences(legacy: DatasetInput, shadow: DatasetInput, options: CompareSequencesOptions): SequenceReport;
export function compareSequences(legacy: DatasetInput, shadow: DatasetInput, options: CompareSequencesOptions): SequenceReport | GroupedReport<SequenceReport> {
  if (hasGroupBy(options)) return compareByGroup('compareSequences', compareSequences as (l: Row[], s: Row[], o: CompareSequencesOptions) => SequenceReport, legacy, shadow, options as CompareSequencesOptions & GroupOptions<CompareSequencesOptions>, { fieldRules: options.assembled ? [] : [['fields']], unit: 'entities' });
  if (options?.hybrid !== undefined) return compareHybridSequences(legacy, shadow, options as CompareSequencesOptions & { hybrid: HybridOption });
  const o = resolveSequenceOptions(options);
  return runSequences(legacy, shadow, o, 'compareSequences').report;
}
