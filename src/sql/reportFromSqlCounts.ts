import { ShadowDataError, ShadowOptionError, assertKnownKeys, assertNumber, assertPlainObject, assertRate } from '../_internal/options.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import type { ComparisonSql } from './emitComparisonSql.js';

/**
 * Thresholds applied to the counts a warehouse returned, as compareEvents applies them.
 *
 * @example
 * const t: SqlCountsThresholds = { minMatchRate: 0.999, maxMissingRate: 0.001, maxExtraRate: 0.001 };
 */
export interface SqlCountsThresholds {
  /** Least share of legacy rows matched and equal on every field. @defaultValue 1 */
  minMatchRate?: number;
  /** Largest share of legacy rows missing from shadow. @defaultValue 0 */
  maxMissingRate?: number;
  /** Largest share of shadow rows not in legacy. @defaultValue 0 */
  maxExtraRate?: number;
  /** Largest number of duplicated keys per side. @defaultValue 0 */
  maxDuplicateKeys?: number;
  /** Largest number of rows without a key per side. @defaultValue 0 */
  maxMissingKeyRows?: number;
  /** A label (the event type), carried to the history. @defaultValue none */
  label?: string;
}

/**
 * The Report built from the counts row of an {@link emitComparisonSql} plan run elsewhere: counts,
 * rates (match = equal / legacy rows, missing = missing / legacy rows, extra = extra / shadow rows,
 * as compareEvents defines them) and per-field mismatches, with a verdict; `vitest-shadow record`
 * adds it to the history like any Report.
 *
 * @example
 * const r: SqlCountsReport = reportFromSqlCounts(plan, row, { minMatchRate: 0.999 });
 */
export interface SqlCountsReport extends ReportBase<'sql-counts'> {
  dialect: string;
  counts: Record<string, number>;
  rates: { match: number; missing: number; extra: number };
  fields: { field: string; rule: string; mismatches: number; mismatchRate: number }[];
  thresholds: Required<Omit<SqlCountsThresholds, 'label'>>;
}

const FN = 'reportFromSqlCounts';
const COUNT_COLUMNS = ['legacy_rows', 'shadow_rows', 'legacy_missing_key', 'shadow_missing_key', 'legacy_duplicate_keys', 'shadow_duplicate_keys', 'matched', 'missing', 'extra', 'equal'] as const;
const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

/**
 * Refuses a counts row the plan cannot have produced (another query's, or edited): a row's
 * counts are whole, and the plan's relations between them hold. A side's rows with a unique
 * key are matched, missing (extra) or neither; rows without a key and the (at least two) rows
 * of each duplicated key are apart from them; a pair that is not equal differs in some field.
 */
function assertConsistent(counts: Record<string, number>, fields: readonly { field: string; mismatches: number }[]): void {
  const fail = (what: string) => {
    throw new ShadowDataError(`${FN}: the counts row is inconsistent (${what}); pass the row of this plan's counts query as it came back`);
  };
  for (const [k, v] of [...Object.entries(counts), ...fields.map((f) => [`mismatches_${f.field}`, f.mismatches] as const)]) if (!Number.isInteger(v)) fail(`${k} = ${v} is not a whole number`);
  const c = counts;
  if (c.equal > c.matched) fail(`equal ${c.equal} > matched ${c.matched}`);
  for (const [side, rows, gone] of [['legacy', c.legacy_rows, c.missing], ['shadow', c.shadow_rows, c.extra]] as const) {
    const used = c.matched + gone + c[`${side}_missing_key`] + 2 * c[`${side}_duplicate_keys`];
    if (used > rows) fail(`matched ${c.matched} + ${side === 'legacy' ? 'missing' : 'extra'} ${gone} + ${side}_missing_key ${c[`${side}_missing_key`]} + 2 × ${side}_duplicate_keys ${c[`${side}_duplicate_keys`]} = ${used} > ${side}_rows ${rows}`);
  }
  const most = fields.reduce((m, f) => Math.max(m, f.mismatches), 0);
  const total = fields.reduce((t, f) => t + f.mismatches, 0);
  if (most > c.matched - c.equal) fail(`a field's ${most} mismatches > matched − equal = ${c.matched - c.equal}`);
  if (total < c.matched - c.equal) fail(`matched − equal = ${c.matched - c.equal} pairs differ, yet the fields' mismatches add up to ${total}`);
}

/**
 * Turns the one-row result of a comparison plan's counts query (run in Spark, Trino or DuckDB)
 * into a Report with a verdict, so a comparison run in the warehouse reaches the history and the
 * gate. The row's values may be numbers, bigints or numeric strings (as drivers return them).
 *
 * @param plan - the plan the counts came from (for the field names and rules)
 * @param row - the counts query's row
 * @example
 * const plan = emitComparisonSql({ key: 'id', fields: { price: { abs: 0.01 } } }, { dialect: 'trino' });
 * const report = reportFromSqlCounts(plan, rowFromTrino, { minMatchRate: 0.999, label: 'checkout' });
 */
export function reportFromSqlCounts(plan: ComparisonSql, row: Record<string, unknown>, thresholds: SqlCountsThresholds = {}): SqlCountsReport {
  assertPlainObject(FN, 'thresholds', thresholds as unknown);
  assertKnownKeys(FN, '', thresholds, ['minMatchRate', 'maxMissingRate', 'maxExtraRate', 'maxDuplicateKeys', 'maxMissingKeyRows', 'label'] as const);
  const th = {
    minMatchRate: thresholds.minMatchRate ?? 1,
    maxMissingRate: thresholds.maxMissingRate ?? 0,
    maxExtraRate: thresholds.maxExtraRate ?? 0,
    maxDuplicateKeys: thresholds.maxDuplicateKeys ?? 0,
    maxMissingKeyRows: thresholds.maxMissingKeyRows ?? 0,
  };
  for (const k of ['minMatchRate', 'maxMissingRate', 'maxExtraRate'] as const) assertRate(FN, k, th[k]);
  for (const k of ['maxDuplicateKeys', 'maxMissingKeyRows'] as const) assertNumber(FN, k, th[k], { min: 0, integer: true });
  if (plan === null || typeof plan !== 'object' || !Array.isArray(plan.fields)) throw new ShadowOptionError(`${FN}: plan must be the result of emitComparisonSql`);
  const num = (col: string): number => {
    const v = row[col];
    const n = typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v) : (v as number);
    if (typeof n !== 'number' || !Number.isFinite(n) || n < 0) throw new ShadowDataError(`${FN}: the counts row has no count '${col}' (got ${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}); pass the row of the plan's counts query`);
    return n;
  };
  const counts: Record<string, number> = {};
  for (const c of COUNT_COLUMNS) counts[c] = num(c);
  const L = counts.legacy_rows;
  const S = counts.shadow_rows;
  const rates = { match: L ? counts.equal / L : 0, missing: L ? counts.missing / L : 0, extra: S ? counts.extra / S : 0 };
  const fields = plan.fields.map((f) => {
    const mismatches = num(`mismatches_${f.column}`);
    return { field: f.field, rule: f.rule, mismatches, mismatchRate: counts.matched ? mismatches / counts.matched : 0 };
  });
  assertConsistent(counts, fields);
  const reasons: Reason[] = [];
  if (L === 0) reasons.push({ code: 'EMPTY_LEGACY', severity: 'fail', subject: 'legacy', expected: '> 0 events', received: 0, message: 'legacy has no events: an empty reference proves nothing' });
  if (S === 0) reasons.push({ code: 'EMPTY_SHADOW', severity: 'fail', subject: 'shadow', expected: '> 0 events', received: 0, message: 'shadow has no events' });
  for (const side of ['legacy', 'shadow'] as const) {
    const n = counts[`${side}_missing_key`];
    if (n > th.maxMissingKeyRows) reasons.push({ code: 'MISSING_KEY_FIELD', severity: 'fail', subject: side, expected: `<= ${th.maxMissingKeyRows} rows without a key`, received: n, message: `${n} ${side} row${n === 1 ? ' has' : 's have'} no key` });
  }
  for (const side of ['legacy', 'shadow'] as const) {
    const n = counts[`${side}_duplicate_keys`];
    if (n > th.maxDuplicateKeys) reasons.push({ code: 'DUPLICATE_KEYS', severity: 'fail', subject: side, expected: `<= ${th.maxDuplicateKeys} duplicated keys`, received: n, message: `${n} key${n === 1 ? ' occurs' : 's occur'} more than once in ${side}; duplicated keys are excluded from matching` });
  }
  if (L > 0 && S > 0) {
    if (rates.match < th.minMatchRate) reasons.push({ code: 'MATCH_RATE_BELOW_MIN', severity: 'fail', subject: 'minMatchRate', expected: `>= ${th.minMatchRate}`, received: rates.match, message: `${pct(rates.match)} of legacy events match within tolerance, ${pct(th.minMatchRate)} required` });
    if (rates.missing > th.maxMissingRate) reasons.push({ code: 'MISSING_RATE_ABOVE_MAX', severity: 'fail', subject: 'maxMissingRate', expected: `<= ${th.maxMissingRate}`, received: rates.missing, message: `${pct(rates.missing)} of legacy events are missing from shadow, at most ${pct(th.maxMissingRate)} allowed` });
    if (rates.extra > th.maxExtraRate) reasons.push({ code: 'EXTRA_RATE_ABOVE_MAX', severity: 'fail', subject: 'maxExtraRate', expected: `<= ${th.maxExtraRate}`, received: rates.extra, message: `${pct(rates.extra)} of shadow events are not in legacy, at most ${pct(th.maxExtraRate)} allowed` });
  }
  for (const f of fields) {
    if (f.mismatches > 0) reasons.push({ code: 'FIELD_MISMATCHES', severity: 'info', subject: `fields.${f.field}`, expected: f.rule, received: f.mismatches, message: `${f.field} differs (${f.rule}) in ${f.mismatches} of ${counts.matched} matched events` });
  }
  const sorted = sortReasons(reasons);
  const report: SqlCountsReport = { kind: 'sql-counts', version: REPORT_VERSION, verdict: verdictOf(sorted), reasons: sorted, dialect: plan.dialect, counts, rates, fields, thresholds: th };
  if (thresholds.label !== undefined) report.label = thresholds.label;
  return report;
}
