import { ShadowDataError, ShadowOptionError, assertKnownKeys, assertPlainObject } from '../_internal/options.js';
import { sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import type { DivergenceBucket, SequenceCounts, SequenceDiffClass, SequenceReport, SequenceThresholds, WindowDrops } from '../sequences/compareSequences.js';
import { missingTimeReasons } from '../sequences/_internal/assembleSequences.js';
import { ABS_BUCKETS, CLASS_ORDER, REL_LABELS } from '../sequences/_internal/classOrder.js';
import { decide } from '../sequences/_internal/decide.js';
import { newReport } from '../sequences/_internal/newReport.js';
import { missingOrderReasons } from '../sequences/_internal/orderInputs.js';
import { inputReasons } from '../sequences/_internal/readInputs.js';
import type { NotComputedInSql, SequenceSql } from './emitSequenceSql.js';
import { SQL_CLASSES, resolveSqlSequence } from './_internal/sequenceOptions.js';

/**
 * Thresholds applied to a sequence plan's counts, as compareSequences applies them (those on
 * metrics SQL cannot compute are refused). They override the ones in the plan's comparison.
 *
 * @example
 * const t: SqlSequenceThresholds = { minExactRate: 0.99, minKendallTau: 0.95, label: 'checkout' };
 */
export type SqlSequenceThresholds = Pick<SequenceThresholds, 'minExactRate' | 'minKendallTau' | 'maxMissingEntityRate' | 'maxExtraEntityRate'> & {
  /** A label (the event type), carried to the history. @defaultValue the comparison's label */
  label?: string;
};

/**
 * The metrics of a {@link SqlSequenceReport}: compareSequences' metrics, null where SQL cannot
 * compute them (meanEditDistance, precision, recall, rbo; see `notComputed`).
 *
 * @example
 * report.metrics.exactRate; // exact / entities, as in memory
 */
export interface SqlSequenceMetrics {
  exactRate: number;
  meanEditDistance: null;
  precision: null;
  recall: null;
  kendallTau: number | null;
  kendallEntities: number;
  rbo: null;
  meanLengthDelta: number;
  shadowLonger: number;
  shadowShorter: number;
  missingEntityRate: number;
  extraEntityRate: number;
}

/**
 * The Report built from the counts row of an {@link emitSequenceSql} plan run elsewhere:
 * compareSequences' counts, the metrics SQL computes (the others null and named in
 * `notComputed`), the difference classes, the first-divergence histograms and mismatches per
 * field, with compareSequences' reason codes and verdict. `vitest-shadow record --tier sequences`
 * adds it to the history.
 *
 * @example
 * const r: SqlSequenceReport = reportFromSqlSequenceCounts(plan, row, { minExactRate: 0.99 });
 */
export interface SqlSequenceReport extends ReportBase<'sql-sequences'> {
  dialect: string;
  input: 'events';
  entity: string;
  rules: SequenceReport['rules'];
  thresholds: SequenceReport['thresholds'];
  counts: SequenceCounts;
  metrics: SqlSequenceMetrics;
  /** Classes present (fixed order); `events` is null for reordered (events to move need an LIS). */
  classes: { class: SequenceDiffClass; entities: number; events: number | null; description: string }[];
  firstDivergence: { absolute: DivergenceBucket[]; relative: DivergenceBucket[] };
  /** Compared fields in plan order, with mismatches over paired events. */
  fields: { field: string; rule: string; mismatches: number }[];
  notComputed: NotComputedInSql[];
}

const FN = 'reportFromSqlSequenceCounts';

/**
 * Refuses a counts row the plan cannot have produced (another query's, or edited): each entity
 * of the plan is in both outputs, or missing, or extra, and exact or differing; a class, a
 * first-divergence bucket and a change of length are counted only for differing entities; a
 * Kendall τ lies in [−1, 1]. (The row's counts are whole: `num` checked.)
 */
function assertConsistent(
  c: SqlSequenceReport['counts'],
  kN: number,
  kSum: number,
  r: Pick<SqlSequenceReport, 'classes' | 'firstDivergence' | 'metrics'>,
): void {
  const fail = (what: string) => {
    throw new ShadowDataError(`${FN}: the counts row is inconsistent (${what}); pass the row of this plan's counts query as it came back`);
  };
  if (c.exact + c.differing !== c.entities) fail(`exact ${c.exact} + differing ${c.differing} ≠ entities ${c.entities}`);
  if (c.legacyEntities + c.extraEntities !== c.entities) fail(`legacy_entities ${c.legacyEntities} + extra_entities ${c.extraEntities} ≠ entities ${c.entities}`);
  if (c.shadowEntities + c.missingEntities !== c.entities) fail(`shadow_entities ${c.shadowEntities} + missing_entities ${c.missingEntities} ≠ entities ${c.entities}`);
  if (c.missingEntities + c.extraEntities > c.differing) fail(`missing_entities ${c.missingEntities} + extra_entities ${c.extraEntities} > differing ${c.differing}`);
  if (c.legacyCompared < c.legacyEntities || c.shadowCompared < c.shadowEntities) fail(`fewer events compared than entities holding them (legacy ${c.legacyCompared} < ${c.legacyEntities} or shadow ${c.shadowCompared} < ${c.shadowEntities})`);
  if (kN > c.entities || Math.abs(kSum) > kN + 1e-9 * kN) fail(`kendall_entities ${kN} and kendall_sum ${kSum}: τ must lie in [−1, 1] for at most ${c.entities} entities`);
  if (r.metrics.shadowLonger + r.metrics.shadowShorter > c.differing) fail(`shadow_longer ${r.metrics.shadowLonger} + shadow_shorter ${r.metrics.shadowShorter} > differing ${c.differing}`);
  for (const k of r.classes) if (k.entities > c.differing) fail(`class ${k.class} has ${k.entities} entities > differing ${c.differing}`);
  for (const [name, buckets] of [['absolute', r.firstDivergence.absolute], ['relative', r.firstDivergence.relative]] as const) {
    const n = buckets.reduce((t, b) => t + b.count, 0);
    if (n > c.differing) fail(`the ${name} first-divergence buckets hold ${n} entities > differing ${c.differing}`);
  }
}

/**
 * Turns the one-row result of a sequence plan's counts query (run in Spark, Trino or DuckDB) into
 * a Report with compareSequences' counts, metrics, classes and verdict, so a comparison run in the
 * warehouse reaches the history and the gate. The row's values may be numbers, bigints or numeric
 * strings (as drivers return them). The metrics SQL cannot compute are null, listed in
 * `notComputed` and named by an info reason `NOT_COMPUTED_IN_SQL`.
 *
 * @param plan - the plan the counts came from
 * @param row - the counts query's row
 * @param thresholds - override the plan's comparison thresholds and label
 * @example
 * const plan = emitSequenceSql({ entity: 'user', orderBy: 'ts', id: 'id' }, { dialect: 'trino' });
 * const report = reportFromSqlSequenceCounts(plan, rowFromTrino, { minExactRate: 0.99, label: 'checkout' });
 */
export function reportFromSqlSequenceCounts(plan: SequenceSql, row: Record<string, unknown>, thresholds: SqlSequenceThresholds = {}): SqlSequenceReport {
  if (plan === null || typeof plan !== 'object' || plan.kind !== 'sequences' || !Array.isArray(plan.fields) || plan.comparison === undefined) {
    throw new ShadowOptionError(`${FN}: plan must be the result of emitSequenceSql`);
  }
  assertPlainObject(FN, 'thresholds', thresholds as unknown);
  assertKnownKeys(FN, 'thresholds', thresholds, ['minExactRate', 'minKendallTau', 'maxMissingEntityRate', 'maxExtraEntityRate', 'label'] as const);
  const defined = Object.fromEntries(Object.entries(thresholds).filter(([, v]) => v !== undefined));
  const { o } = resolveSqlSequence(FN, { ...plan.comparison, ...defined });
  if (row === null || typeof row !== 'object') throw new ShadowDataError(`${FN}: row must be the counts query's row (an object of counts), got ${JSON.stringify(row)}`);
  const num = (col: string, allowFraction = false): number => {
    const v = row[col];
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v) : (v as number);
    if (typeof n !== 'number' || !Number.isFinite(n) || (!allowFraction && (n < 0 || !Number.isInteger(n)))) {
      throw new ShadowDataError(`${FN}: the counts row has no count '${col}' (got ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}); pass the row of the plan's counts query`);
    }
    return n;
  };
  const report = newReport(o) as unknown as SqlSequenceReport & { hints?: unknown; examples?: unknown; kind: string; input: string };
  report.kind = 'sql-sequences';
  delete report.hints;
  delete report.examples;
  const c = report.counts;
  for (const [side, name] of [['legacy', 'legacy'], ['shadow', 'shadow']] as const) {
    c[`${side}Rows`] = num(`${name}_rows`);
    c[`${side}Events`] = c[`${side}Rows`];
    c[`${side}MissingEntity`] = num(`${name}_missing_entity`);
    c[`${side}MissingId`] = num(`${name}_missing_id`);
    c[`${side}MissingOrder`] = num(`${name}_missing_order`);
    const drops: WindowDrops = {
      type: num(`${name}_drop_type`),
      time: num(`${name}_drop_time`),
      noTime: num(`${name}_drop_no_time`),
      dedup: num(`${name}_drop_dedup`),
      truncated: num(`${name}_drop_truncated`),
    };
    c.window[side] = drops;
  }
  c.entities = num('entities');
  c.legacyEntities = num('legacy_entities');
  c.shadowEntities = num('shadow_entities');
  c.exact = num('exact');
  c.differing = num('differing');
  c.missingEntities = num('missing_entities');
  c.extraEntities = num('extra_entities');
  c.legacyCompared = num('legacy_compared');
  c.shadowCompared = num('shadow_compared');
  const N = c.entities;
  const kN = num('kendall_entities');
  const kSum = num('kendall_sum', true);
  report.metrics = {
    exactRate: N ? c.exact / N : 0,
    meanEditDistance: null,
    precision: null,
    recall: null,
    kendallTau: kN ? kSum / kN : null,
    kendallEntities: kN,
    rbo: null,
    meanLengthDelta: N ? num('length_delta', true) / N : 0,
    shadowLonger: num('shadow_longer'),
    shadowShorter: num('shadow_shorter'),
    missingEntityRate: c.legacyEntities ? c.missingEntities / c.legacyEntities : 0,
    extraEntityRate: c.shadowEntities ? c.extraEntities / c.shadowEntities : 0,
  };
  const description = new Map(CLASS_ORDER.map(([name, , d]) => [name, d]));
  report.classes = SQL_CLASSES.map(([name, stem]) => ({
    class: name,
    entities: num(`class_${stem}_entities`),
    events: name === 'reordered' ? null : num(`class_${stem}_events`),
    description: description.get(name)!,
  })).filter((x) => x.entities > 0);
  report.firstDivergence = {
    absolute: ABS_BUCKETS.map(([a, b], i) => ({ label: a === b ? String(a) : b === Infinity ? `${a}+` : `${a}–${b}`, count: num(`first_divergence_abs_${i}`) })),
    relative: REL_LABELS.map((label, i) => ({ label, count: num(`first_divergence_rel_${i}`) })),
  };
  report.fields = plan.fields.map((f) => ({ field: f.field, rule: f.rule, mismatches: num(`mismatches_${f.column}`) }));
  assertConsistent(c, kN, kSum, report);
  report.notComputed = plan.notComputed.map((x) => ({ ...x }));
  report.dialect = plan.dialect;

  const reasons: Reason[] = [
    ...inputReasons(c, o),
    ...missingOrderReasons(c.legacyMissingOrder, c.shadowMissingOrder, o),
    ...missingTimeReasons(c.window, o),
    ...decide(report as unknown as SequenceReport, o),
    {
      code: 'NOT_COMPUTED_IN_SQL',
      severity: 'info',
      subject: 'metrics',
      expected: null,
      received: report.notComputed.map((x) => x.metric).join(', '),
      message: `the SQL plan does not compute ${report.notComputed.map((x) => x.metric).join(', ')}; run compareSequenceFiles for them`,
    },
  ];
  report.reasons = sortReasons(reasons);
  report.verdict = verdictOf(report.reasons);
  return report;
}
