import { ShadowOptionError, assertKnownKeys, assertNumber, assertOneOf, assertPlainObject, describeValue } from '../_internal/options.js';
import type { FieldRule } from '../tolerance/compileFieldRule.js';
import { DIALECTS, agreeSql, epochMsOf, pathOn } from './_internal/dialects.js';

/**
 * A SQL dialect the comparison plan is written in.
 *
 * @example
 * const d: SqlDialect = 'trino';
 */
export type SqlDialect = 'duckdb' | 'spark' | 'trino';

/**
 * The comparison the plan computes: compareEvents' key and field rules that SQL can express
 * (`'exact'`, `'ignore'`, `{ abs, rel }`, `{ time }` on TIMESTAMP columns).
 *
 * @example
 * const c: SqlComparison = { key: 'eventId', fields: { price: { abs: 0.01 }, ts: { time: '2s' }, type: 'exact' } };
 */
export interface SqlComparison {
  /** The key column, or columns (a tuple). */
  key: string | readonly string[];
  /** Rules per column; columns not listed are not compared (SQL needs the list). */
  fields: Record<string, FieldRule>;
}

/**
 * Options of {@link emitComparisonSql}.
 *
 * @example
 * const o: EmitSqlOptions = { dialect: 'spark', legacy: 'prod.events_legacy', shadow: 'prod.events_shadow', sample: 20 };
 */
export interface EmitSqlOptions {
  /** The dialect. */
  dialect: SqlDialect;
  /** The legacy relation: a table name, or any SQL relation text (e.g. `read_parquet('legacy.parquet')`). @defaultValue 'legacy' */
  legacy?: string;
  /** The shadow relation. @defaultValue 'shadow' */
  shadow?: string;
  /** Mismatching pairs in the example query. @defaultValue 20 */
  sample?: number;
  /**
   * How the columns of `{ time }` rules (and a sequence plan's time window) hold time: TIMESTAMP
   * columns, or epoch milliseconds as numbers (compareEvents' reading of numbers).
   * @defaultValue 'timestamp'
   */
  timeType?: 'timestamp' | 'epoch-ms';
}

/**
 * The plan: two queries, and the compared fields with their column names.
 *
 * @example
 * const plan: ComparisonSql = emitComparisonSql({ key: 'id', fields: { price: { abs: 0.01 } } }, { dialect: 'duckdb' });
 * plan.fields; // => [{ field: 'price', column: 'price', rule: 'abs 0.01' }]
 */
export interface ComparisonSql {
  dialect: SqlDialect;
  /**
   * One row: legacy_rows, shadow_rows, legacy_missing_key, shadow_missing_key,
   * legacy_duplicate_keys, shadow_duplicate_keys, matched, missing, extra, equal, then
   * mismatches_<field> per compared field (in `fields` order).
   */
  counts: string;
  /** Up to `sample` mismatching pairs, by key: the key, then legacy_<f>, shadow_<f>, agree_<f> per field. */
  examples: string;
  /** The compared fields in column order, with the column-name suffix used for each. */
  fields: { field: string; column: string; rule: string }[];
}

const FN = 'emitComparisonSql';

/**
 * Writes an event comparison as SQL for a warehouse engine: one query computing the counts
 * (rows, keys missing on a side, duplicate keys, matched, missing, extra, equal) and mismatches
 * per field, and one returning a bounded sample of mismatching pairs, in the DuckDB, Spark SQL or
 * Trino dialect. Pairing follows compareEvents: a legacy key occurring exactly once on each side
 * is matched; duplicated keys are excluded, never fanned out. Run it where the data lives and
 * read the counts back. See docs/sql.md for the semantics that carry over exactly and those that
 * do not (NaN, -0, null vs absent, collation, time zones).
 *
 * @param comparison - key and field rules, as in compareEvents
 * @param options - the dialect and the two relations
 * @example
 * const plan = emitComparisonSql({ key: 'eventId', fields: { price: { abs: 0.01 }, type: 'exact' } }, { dialect: 'trino', legacy: 'hive.web.events_v1', shadow: 'hive.web.events_v2' });
 * console.log(plan.counts);
 */
export function emitComparisonSql(comparison: SqlComparison, options: EmitSqlOptions): ComparisonSql {
  assertPlainObject(FN, 'comparison', comparison as unknown);
  assertKnownKeys(FN, 'comparison', comparison, ['key', 'fields'] as const);
  assertPlainObject(FN, 'options', options as unknown);
  assertKnownKeys(FN, '', options, ['dialect', 'legacy', 'shadow', 'sample', 'timeType'] as const);
  assertOneOf(FN, 'dialect', options.dialect, ['duckdb', 'spark', 'trino'] as const);
  if (options.timeType !== undefined) assertOneOf(FN, 'timeType', options.timeType, ['timestamp', 'epoch-ms'] as const);
  const d = DIALECTS[options.dialect];
  const keyList = typeof comparison.key === 'string' ? [comparison.key] : comparison.key;
  if (!Array.isArray(keyList) || keyList.length === 0 || !keyList.every((k) => typeof k === 'string' && k !== '')) {
    throw new ShadowOptionError(`${FN}: comparison.key must be a column or a non-empty array of columns, got ${describeValue(comparison.key)}`);
  }
  assertPlainObject(FN, 'comparison.fields', comparison.fields as unknown);
  const sample = options.sample ?? 20;
  assertNumber(FN, 'sample', sample, { min: 0, integer: true });
  for (const side of ['legacy', 'shadow'] as const) {
    const v = options[side];
    if (v !== undefined && (typeof v !== 'string' || v.trim() === '')) throw new ShadowOptionError(`${FN}: ${side} must be a table name or SQL relation, got ${describeValue(v)}`);
  }
  const legacy = options.legacy ?? 'legacy';
  const shadow = options.shadow ?? 'shadow';
  const path = (alias: string, p: string) => pathOn(d, alias, p);
  const keyAs = keyList.map((k, i) => `${path('t', k)} AS ${d.q(`__k${i}`)}`).join(', ');
  const kcols = keyList.map((_, i) => d.q(`__k${i}`));
  const keyNotNull = (a: string) => kcols.map((k) => `${a}.${k} IS NOT NULL`).join(' AND ');
  const keyEq = (a: string, b: string) => kcols.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
  const fields: ComparisonSql['fields'] = [];
  const agree: string[] = [];
  Object.entries(comparison.fields).forEach(([field, rule]) => {
    if (rule === 'ignore') return;
    const column = field;
    const a = agreeSql(FN, d, field, path('lu', field), path('su', field), rule, epochMsOf(d, options.timeType));
    fields.push({ field, column, rule: a.rule });
    agree.push(`${a.sql} AS ${d.q(`agree_${column}`)}`);
  });
  if (fields.length === 0) throw new ShadowOptionError(`${FN}: comparison.fields compares nothing; list the columns to compare, e.g. { price: { abs: 0.01 }, type: 'exact' }`);
  const ctes = [
    `l AS (SELECT t.*, ${keyAs}, COUNT(*) OVER (PARTITION BY ${keyList.map((k) => path('t', k)).join(', ')}) AS __n FROM ${legacy} t)`,
    `s AS (SELECT t.*, ${keyAs}, COUNT(*) OVER (PARTITION BY ${keyList.map((k) => path('t', k)).join(', ')}) AS __n FROM ${shadow} t)`,
    `lu AS (SELECT * FROM l WHERE __n = 1 AND ${keyNotNull('l')})`,
    `su AS (SELECT * FROM s WHERE __n = 1 AND ${keyNotNull('s')})`,
    `p AS (SELECT ${kcols.map((k) => `lu.${k}`).join(', ')}, ${fields.map((f) => `${path('lu', f.field)} AS ${d.q(`legacy_${f.column}`)}, ${path('su', f.field)} AS ${d.q(`shadow_${f.column}`)}`).join(', ')}, ${agree.join(', ')} FROM lu JOIN su ON ${keyEq('lu', 'su')})`,
  ];
  const dupKeys = (t: string) => `(SELECT COUNT(*) FROM (SELECT ${kcols.join(', ')} FROM ${t} WHERE __n > 1 AND ${keyNotNull(t)} GROUP BY ${kcols.join(', ')}) x)`;
  const missingKey = (t: string) => `(SELECT COUNT(*) FROM ${t} WHERE NOT (${keyNotNull(t)}))`;
  const allAgree = fields.map((f) => d.q(`agree_${f.column}`)).join(' AND ');
  const counts = [
    `WITH ${ctes.join(',\n  ')}`,
    'SELECT',
    [
      `(SELECT COUNT(*) FROM l) AS legacy_rows`,
      `(SELECT COUNT(*) FROM s) AS shadow_rows`,
      `${missingKey('l')} AS legacy_missing_key`,
      `${missingKey('s')} AS shadow_missing_key`,
      `${dupKeys('l')} AS legacy_duplicate_keys`,
      `${dupKeys('s')} AS shadow_duplicate_keys`,
      `(SELECT COUNT(*) FROM p) AS matched`,
      `(SELECT COUNT(*) FROM lu WHERE NOT EXISTS (SELECT 1 FROM s WHERE ${keyEq('s', 'lu')})) AS missing`,
      `(SELECT COUNT(*) FROM su WHERE NOT EXISTS (SELECT 1 FROM l WHERE ${keyEq('l', 'su')})) AS extra`,
      `(SELECT COUNT(*) FROM p WHERE ${allAgree}) AS equal`,
      ...fields.map((f) => `(SELECT COUNT(*) FROM p WHERE NOT ${d.q(`agree_${f.column}`)}) AS ${d.q(`mismatches_${f.column}`)}`),
    ].map((x) => `  ${x}`).join(',\n'),
  ].join('\n');
  const examples = [
    `WITH ${ctes.join(',\n  ')}`,
    `SELECT * FROM p WHERE NOT (${allAgree})`,
    `ORDER BY ${kcols.join(', ')}`,
    `LIMIT ${sample}`,
  ].join('\n');
  return { dialect: options.dialect, counts, examples, fields };
}
