/**
 * Types of the `by` machinery: one comparison per group (e.g. per event type), each with its own
 * verdict and its own thresholds, composed into one {@link GroupedReport}.
 */
import type { ReportBase, Verdict } from '../report/types.js';

/**
 * How a row is assigned to its group: a dotted field path (`'type'`, `'meta.kind'`) or a function
 * of the row. A row whose group is `undefined` or `null` falls in the group `'(none)'`.
 *
 * @example
 * const by: GroupBy = (row) => String(row.type).toLowerCase();
 */
export type GroupBy = string | ((row: Record<string, unknown>) => unknown);

/**
 * A deep partial of a tier's options: what `overrides` may change for one group.
 *
 * @example
 * const o: GroupOverride<CompareEventsOptions> = { minMatchRate: 0.995, fields: { price: { abs: 0.1 } } };
 */
export type GroupOverride<O> = { [K in keyof O]?: O[K] extends (...a: never[]) => unknown ? O[K] : O[K] extends object ? GroupOverride<O[K]> | O[K] : O[K] };

/**
 * The options every grouped check takes on top of its own.
 *
 * @example
 * const options: CompareEventsOptions & GroupOptions<CompareEventsOptions> = {
 *   key: 'id', minMatchRate: 0.999, by: 'type',
 *   overrides: { search: { minMatchRate: 0.995 } },
 * };
 */
export interface GroupOptions<O> {
  /** The group of a row: a path or a function (see {@link GroupBy}). */
  by: GroupBy;
  /**
   * Per-group changes to the options, merged over them: plain objects merge key by key, and
   * under `fields` each field's rule is replaced whole.
   * @defaultValue {}
   */
  overrides?: Record<string, GroupOverride<O>>;
}

/**
 * One group of a {@link GroupedReport}.
 *
 * @example
 * for (const g of report.groups) console.log(g.group, g.verdict, g.rows, g.overridden);
 */
export interface GroupResult<R extends ReportBase = ReportBase> {
  /** The group's name (the value of `by`, as a string). */
  group: string;
  verdict: Verdict;
  /** Rows of the group on each side. */
  rows: { legacy: number; shadow: number };
  /** Option paths changed for this group by `overrides`, e.g. `['minMatchRate']`. */
  overridden: string[];
  /** Field rules not applied in this group because no row of the group has the field on either side. */
  skippedFieldRules: string[];
  /** The group's own report, exactly as the tier's compare function returned it. */
  report: R;
}

/**
 * Unmatched rows per group: what the tier counts as missing (legacy only) and extra (shadow only).
 *
 * @example
 * report.unmatched; // => [{ group: 'click', missing: 6, extra: 0 }, { group: 'save', missing: 0, extra: 1 }]
 */
export interface GroupUnmatched {
  group: string;
  missing: number;
  extra: number;
}

/**
 * A group concentrating all (or nearly all) of the missing or extra rows.
 *
 * @example
 * report.segments[0]?.message; // => 'all 6 missing events are of type = click'
 */
export interface GroupSegment {
  /** `missing` or `extra`. */
  of: 'missing' | 'extra';
  group: string;
  /** Rows of that kind in the group. */
  count: number;
  /** count / all rows of that kind. */
  share: number;
  message: string;
}

/**
 * The result of a check run with `by`: one sub-report per group plus the overall verdict (any
 * failing group fails; else any inconclusive group is inconclusive).
 *
 * @example
 * const r = compareEvents(legacy, shadow, { key: 'id', by: 'type' });
 * r.groups.map((g) => [g.group, g.verdict]);   // [['click', 'pass'], ['search', 'fail']]
 * r.unmatched;                                  // missing and extra per group
 */
export interface GroupedReport<R extends ReportBase = ReportBase> extends ReportBase<'grouped'> {
  /** The kind of every sub-report, e.g. `'events'`. */
  tier: string;
  /** The grouping: the path, or `'a function'`. */
  by: string;
  /** Every group seen on either side, in name order. */
  groups: GroupResult<R>[];
  counts: { legacy: number; shadow: number; groups: number; failing: number; inconclusive: number };
  /** Missing and extra rows (events, entities or keyed values, as the tier counts them) by group. */
  unmatched: GroupUnmatched[];
  /** Groups where the missing or extra rows concentrate (all of them, or at least 90 %). */
  segments: GroupSegment[];
}
