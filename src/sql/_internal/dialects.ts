/** What differs between the SQL dialects the plans are written in, and the field rules as SQL conditions. */
import { ShadowOptionError, assertNumber, describeValue } from '../../_internal/options.js';
import type { FieldRule, FieldRuleObject } from '../../tolerance/compileFieldRule.js';
import { parseDuration } from '../../tolerance/parseDuration.js';
import type { SqlDialect } from '../emitComparisonSql.js';

export interface Dialect {
  q(name: string): string;
  notDistinct(a: string, b: string): string;
  isNan(x: string): string;
  /** True for a finite number; false for ±Infinity and NaN (never NULL for a non-NULL number). */
  isFinite(x: string): string;
  epochMs(x: string): string;
}

export const DIALECTS: Record<SqlDialect, Dialect> = {
  duckdb: {
    q: (n) => `"${n.replaceAll('"', '""')}"`,
    notDistinct: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
    isNan: (x) => `isnan(${x})`,
    isFinite: (x) => `isfinite(${x})`,
    epochMs: (x) => `epoch_ms(${x})`,
  },
  spark: {
    q: (n) => `\`${n.replaceAll('`', '``')}\``,
    notDistinct: (a, b) => `${a} <=> ${b}`,
    isNan: (x) => `isnan(${x})`,
    // Spark has no isfinite: NaN sorts above every number and Infinity is not below itself.
    isFinite: (x) => `(abs(${x}) < CAST('Infinity' AS DOUBLE))`,
    epochMs: (x) => `unix_millis(${x})`,
  },
  trino: {
    q: (n) => `"${n.replaceAll('"', '""')}"`,
    notDistinct: (a, b) => `${a} IS NOT DISTINCT FROM ${b}`,
    isNan: (x) => `is_nan(${x})`,
    isFinite: (x) => `is_finite(${x})`,
    epochMs: (x) => `to_unixtime(${x}) * 1000`,
  },
};

/** A number as a SQL literal (exponent forms as DOUBLE casts). */
export const num = (x: number) => (Number.isInteger(x) ? `${x}` : `${x}`.includes('e') ? `CAST('${x}' AS DOUBLE)` : `${x}`);

/** A column path (`geo.city`) on a table alias, each segment quoted. */
export const pathOn = (d: Dialect, alias: string, p: string) => `${alias}.${p.split('.').map(d.q).join('.')}`;

/**
 * How time columns are read as epoch milliseconds: TIMESTAMP columns through the dialect's
 * function, epoch-ms numbers as they are.
 */
export const epochMsOf = (d: Dialect, timeType: 'timestamp' | 'epoch-ms' | undefined) => (timeType === 'epoch-ms' ? (x: string) => x : d.epochMs);

/** The SQL condition under which a pair agrees on one field (never NULL). */
export function agreeSql(fn: string, d: Dialect, field: string, l: string, s: string, rule: FieldRule, epochMs: (x: string) => string = d.epochMs): { sql: string; rule: string } {
  const same = d.notDistinct(l, s);
  if (rule === 'exact') return { sql: same, rule: 'exact' };
  if (rule === null || typeof rule !== 'object' || Array.isArray(rule)) {
    throw new ShadowOptionError(`${fn}: fields.${field} must be 'exact', 'ignore' or a rule object { abs, rel } / { time }, got ${describeValue(rule)}`);
  }
  const r = rule as FieldRuleObject;
  const keys = Object.keys(r).filter((k) => (r as Record<string, unknown>)[k] !== undefined);
  const unsupported = keys.filter((k) => !['abs', 'rel', 'time'].includes(k));
  if (unsupported.length) {
    throw new ShadowOptionError(`${fn}: fields.${field}.${unsupported[0]} has no SQL translation here; the plan supports 'exact', 'ignore', { abs, rel } and { time } (run the in-memory engine for the rest)`);
  }
  if (r.time !== undefined) {
    const ms = parseDuration(fn, `fields.${field}.time`, r.time);
    return { sql: `COALESCE(${same} OR abs(${epochMs(l)} - ${epochMs(s)}) <= ${ms}, FALSE)`, rule: `time ±${ms}ms` };
  }
  const abs = r.abs ?? 0;
  const rel = r.rel ?? 0;
  assertNumber(fn, `fields.${field}.abs`, abs, { min: 0 });
  assertNumber(fn, `fields.${field}.rel`, rel, { min: 0 });
  const bound = rel > 0 ? `greatest(${num(abs)}, ${num(rel)} * greatest(abs(${l}), abs(${s})))` : num(abs);
  // As compareEvents: a difference that is not finite (an infinity or NaN on a side) agrees only
  // when the values are the same or both NaN; otherwise rel · max(|l|, |s|) is infinite or NaN,
  // and `<=` would accept it (Infinity <= Infinity; DuckDB and Spark order NaN above every number).
  return {
    sql: `COALESCE(${same} OR (${d.isNan(l)} AND ${d.isNan(s)}) OR (${d.isFinite(`${l} - ${s}`)} AND abs(${l} - ${s}) <= ${bound}), FALSE)`,
    rule: [abs ? `abs ${abs}` : '', rel ? `rel ${rel}` : ''].filter(Boolean).join(', ') || 'abs 0',
  };
}
