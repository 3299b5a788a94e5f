import type { DuckDBConnection } from '@duckdb/node-api';
import { ShadowDataError, ShadowOptionError, assertKnownKeys, assertNumber, assertPlainObject, describeValue } from '../_internal/options.js';
import { compareEvents, type EventReport } from '../events/compareEvents.js';
import type { Row } from '../dataset/toRows.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { cell } from '../report/format.js';
import type { FieldRule } from '../tolerance/compileFieldRule.js';
import { ident, plain, sourceSql } from './_internal/duckdbSource.js';
import { sqlString } from '../_internal/duckdbFile.js';
import { groupKeyColumns } from './_internal/groupKey.js';
import { ordersRows } from './_internal/ordersRows.js';

/** DuckDB, loaded on first use so the main entry and the matchers work without the optional peer. */
async function loadDuckDb(): Promise<typeof import('@duckdb/node-api')> {
  try {
    return await import('@duckdb/node-api');
  } catch (e) {
    throw new ShadowOptionError(`${FN}: needs the optional peer @duckdb/node-api (npm install --save-dev @duckdb/node-api): ${(e as Error).message}`);
  }
}

/**
 * One consumer query: SQL over a table named `data`, run on both outputs.
 *
 * @example
 * const q: ConsumerQuery = {
 *   name: 'daily revenue', consumer: 'finance',
 *   sql: 'SELECT day, sum(price) AS revenue FROM data GROUP BY day',
 *   fields: { revenue: { rel: 1e-9 } },
 * };
 */
export interface ConsumerQuery {
  /** The query's name, unique in the list. */
  name: string;
  /** Who runs it (a team, a service), named in the report. @defaultValue '(unnamed consumer)' */
  consumer?: string;
  /** The SQL (DuckDB dialect) over the table `data`. */
  sql: string;
  /**
   * The result columns that identify a row (the grouping columns).
   * @defaultValue every result column whose type is not numeric; none for a single aggregate row
   */
  key?: string | readonly string[];
  /** Tolerances per result column, as in compareEvents (`{ abs }`, `{ rel }`, ...). @defaultValue exact */
  fields?: Record<string, FieldRule>;
  /**
   * Whether row order is part of the result: rows are then paired by position.
   * @defaultValue true when the SQL has a top-level ORDER BY
   */
  ordered?: boolean;
}

/**
 * Options of {@link compareQueries}.
 *
 * @example
 * const options: CompareQueriesOptions = { fields: { revenue: { rel: 1e-9 } }, label: 'checkout' };
 */
export interface CompareQueriesOptions {
  /** Tolerances per result column shared by every query (a query's own `fields` win). @defaultValue {} */
  fields?: Record<string, FieldRule>;
  /** Differing groups shown per query. @defaultValue 5 */
  maxExamples?: number;
  /** A label carried to reporters. @defaultValue none */
  label?: string;
  /** DuckDB's memory limit, e.g. '2GB'. @defaultValue DuckDB's (80 % of RAM) */
  memoryLimit?: string;
  /** DuckDB worker threads. @defaultValue one per core */
  threads?: number;
}

/**
 * One query's outcome in a {@link QueryReport}.
 *
 * @example
 * const bad = report.queries.filter((q: QueryResult) => q.verdict !== 'pass').map((q) => `${q.consumer}: ${q.name}`);
 */
export interface QueryResult {
  name: string;
  consumer: string;
  sql: string;
  /** The key the result rows were paired on (`#row` when paired by position). */
  key: string[];
  ordered: boolean;
  verdict: EventReport['verdict'];
  rows: { legacy: number; shadow: number };
  /** Differing groups, by key: missing (legacy only), extra (shadow only), changed (column values). */
  differing: { missing: number; extra: number; changed: number };
  /** The result sets compared by the event engine. */
  report: EventReport;
}

/**
 * The result of {@link compareQueries}: per query, the comparison of its result sets.
 *
 * @example
 * const r = await compareQueries('legacy.parquet', 'shadow.parquet', queries);
 * r.queries.filter((q) => q.verdict !== 'pass').map((q) => `${q.consumer}: ${q.name}`);
 */
export interface QueryReport extends ReportBase<'queries'> {
  queries: QueryResult[];
}

const FN = 'compareQueries';
const OPTION_KEYS = ['fields', 'maxExamples', 'label', 'memoryLimit', 'threads'] as const;
const QUERY_KEYS = ['name', 'consumer', 'sql', 'key', 'fields', 'ordered'] as const;
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const ROW = '#row';

interface Result {
  rows: Row[];
  columns: string[];
  types: string[];
}

async function run(c: DuckDBConnection, schema: string, sql: string): Promise<Result | Error> {
  try {
    await c.run(`SET schema = '${schema}'`);
    const r = await c.runAndReadAll(sql);
    const columns = r.columnNames();
    const types = r.columnTypes().map((t) => String(t));
    // DATE columns as 'YYYY-MM-DD' (plain() writes other temporal values as ISO timestamps).
    const dates = columns.filter((_, i) => types[i] === 'DATE');
    const rows = (r.getRowObjectsJS() as Row[]).map((x) => {
      for (const d of dates) if (x[d] instanceof Date) x[d] = (x[d] as Date).toISOString().slice(0, 10);
      return plain(x) as Row;
    });
    return { rows, columns, types };
  } catch (e) {
    return e as Error;
  }
}

/**
 * Refuses a query that does not read the side's own `data`, which would compare nothing and pass
 * (`SELECT 1`, a path written into the query, `legacy.data` named directly): the query must be one
 * statement, and a SELECT (as DuckDB's parser serialises it) must name the table `data` without a
 * schema and never the schemas `legacy` or `shadow`. A statement DuckDB does not serialise
 * (PIVOT, SUMMARIZE, …) is run as it is.
 */
async function assertReadsData(c: DuckDBConnection, who: string, sql: string): Promise<unknown> {
  let statements: number;
  try {
    statements = (await c.extractStatements(sql)).count;
  } catch {
    return undefined; // A parse error: running the query reports it on both sides.
  }
  if (statements !== 1) throw new ShadowOptionError(`${FN}: ${who} holds ${statements} statements; a consumer query is one SELECT over the table data`);
  const [r] = (await c.runAndReadAll(`SELECT json_serialize_sql(${sqlString(sql)}) AS j`)).getRowObjectsJS();
  const tree = JSON.parse(String(r.j)) as { error?: boolean };
  if (tree.error) return undefined;
  const tables: { schema: string; table: string }[] = [];
  const ctes = new Set<string>();
  const walk = (x: unknown): void => {
    if (x === null || typeof x !== 'object') return;
    const o = x as Record<string, unknown>;
    if (o.type === 'BASE_TABLE' && typeof o.table_name === 'string') tables.push({ schema: String(o.schema_name ?? ''), table: o.table_name.toLowerCase() });
    const map = (o.cte_map as { map?: { key?: unknown }[] } | undefined)?.map;
    if (Array.isArray(map)) for (const e of map) if (typeof e.key === 'string') ctes.add(e.key.toLowerCase());
    for (const v of Object.values(o)) walk(v);
  };
  walk(tree);
  if (ctes.has('data')) throw new ShadowOptionError(`${FN}: ${who} names a common table expression data, which hides the table data; rename it`);
  const direct = tables.find((t) => ['legacy', 'shadow'].includes(t.schema.toLowerCase()));
  if (direct) throw new ShadowOptionError(`${FN}: ${who} reads ${direct.schema}.${direct.table}; write data, which each side's run reads as its own output`);
  if (!tables.some((t) => t.schema === '' && t.table === 'data')) {
    throw new ShadowOptionError(`${FN}: ${who} does not read the table data, so it would compare nothing; write it over data (each side's output), e.g. SELECT day, count(*) AS n FROM data GROUP BY day`);
  }
  return tree;
}

function validateQueries(queries: unknown): ConsumerQuery[] {
  if (!Array.isArray(queries) || queries.length === 0) {
    throw new ShadowOptionError(`${FN}: queries must be a non-empty array of { name, sql, consumer?, key?, fields?, ordered? }, got ${describeValue(queries)}`);
  }
  const names = new Set<string>();
  queries.forEach((q, i) => {
    assertPlainObject(FN, `queries[${i}]`, q);
    assertKnownKeys(FN, `queries[${i}]`, q, QUERY_KEYS);
    const x = q as Record<string, unknown>;
    if (typeof x.name !== 'string' || x.name === '') throw new ShadowOptionError(`${FN}: queries[${i}].name must be a non-empty string, got ${describeValue(x.name)}`);
    if (names.has(x.name)) throw new ShadowOptionError(`${FN}: queries[${i}].name '${x.name}' is used twice; names identify queries in the report`);
    names.add(x.name);
    if (typeof x.sql !== 'string' || x.sql.trim() === '') throw new ShadowOptionError(`${FN}: queries[${i}].sql must be SQL over the table data, got ${describeValue(x.sql)}`);
    if (x.consumer !== undefined && typeof x.consumer !== 'string') throw new ShadowOptionError(`${FN}: queries[${i}].consumer must be a string, got ${describeValue(x.consumer)}`);
    if (x.key !== undefined && typeof x.key !== 'string' && !(Array.isArray(x.key) && x.key.every((k) => typeof k === 'string'))) {
      throw new ShadowOptionError(`${FN}: queries[${i}].key must be a result column or an array of them, got ${describeValue(x.key)}`);
    }
    if (x.ordered !== undefined && typeof x.ordered !== 'boolean') throw new ShadowOptionError(`${FN}: queries[${i}].ordered must be true or false, got ${describeValue(x.ordered)}`);
    if (x.fields !== undefined) assertPlainObject(FN, `queries[${i}].fields`, x.fields);
  });
  return queries as ConsumerQuery[];
}

/** "day=2026-01-02, region=EU" for a key value (a tuple over several columns). */
/** A NULL key part of a result row (a NULL group), as a key compareEvents pairs (a NULL key is no key there). */
const NULL_KEY = '\u2400NULL';

/** Refuses a key that does not identify one row of a side's result: rows would pair arbitrarily. */
function assertUniqueKey(who: string, side: string, key: readonly string[], rows: readonly Row[]): void {
  const seen = new Set<string>();
  for (const r of rows) {
    const k = JSON.stringify(key.map((c) => r[c] ?? null), (_, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v));
    if (seen.has(k)) {
      throw new ShadowOptionError(`${FN}: ${who}: key (${key.join(', ')}) is not unique in ${side}'s result (${keyText([...key], key.length === 1 ? r[key[0]] : key.map((c) => r[c]))} occurs twice); set key to the columns that identify a row of the result`);
    }
    seen.add(k);
  }
}

function keyText(key: string[], value: unknown): string {
  const shown = (v: unknown, n: number) => (v === NULL_KEY || v === null || v === undefined ? 'NULL' : cell(v, n));
  if (key.length === 1) return `${key[0]}=${shown(value, 30)}`;
  const parts = Array.isArray(value) ? value : [value];
  return key.map((k, i) => `${k}=${shown(parts[i], 20)}`).join(', ');
}

/**
 * Runs each consumer query (SQL over a table named `data`) on the legacy and the shadow output in
 * DuckDB and compares the result sets with the event engine: the query's grouping columns are the
 * key, tolerances apply per result column, and row order is ignored unless the query orders its
 * rows (a top-level ORDER BY), in which case rows pair by position. The report names each query,
 * its consumer and the differing groups. A query that fails on one side only throws a
 * ShadowDataError naming it, the side and DuckDB's message; one failing on both sides is a bad
 * option (ShadowOptionError). Inputs are files (Parquet, CSV, JSON Lines, JSON; globs allowed) or
 * rows in memory. Needs the optional peer `@duckdb/node-api`.
 *
 * @param legacy - the reference output: a file path or rows
 * @param shadow - the new output: a file path or rows
 * @param queries - the consumer queries
 * @example
 * const report = await compareQueries('out/legacy.parquet', 'out/shadow.parquet', [
 *   { name: 'daily revenue', consumer: 'finance', sql: 'SELECT day, sum(price) AS revenue FROM data GROUP BY day', fields: { revenue: { rel: 1e-9 } } },
 * ]);
 * report.verdict; // 'pass' when every query sees the same result
 */
export async function compareQueries(
  legacy: string | readonly Row[],
  shadow: string | readonly Row[],
  queries: readonly ConsumerQuery[],
  options: CompareQueriesOptions = {},
): Promise<QueryReport> {
  const qs = validateQueries(queries);
  assertPlainObject(FN, 'options', options as unknown);
  assertKnownKeys(FN, '', options, OPTION_KEYS);
  const maxExamples = options.maxExamples ?? 5;
  assertNumber(FN, 'maxExamples', maxExamples, { min: 0, integer: true });
  if (options.threads !== undefined) assertNumber(FN, 'threads', options.threads, { min: 1, integer: true });
  if (options.fields !== undefined) assertPlainObject(FN, 'fields', options.fields);
  const cleanup: (() => void)[] = [];
  try {
    const lsrc = sourceSql(FN, 'legacy', legacy, cleanup);
    const ssrc = sourceSql(FN, 'shadow', shadow, cleanup);
    const { DuckDBInstance } = await loadDuckDb();
    const db = await DuckDBInstance.create(':memory:', {
      ...(options.memoryLimit ? { memory_limit: options.memoryLimit } : {}),
      ...(options.threads ? { threads: String(options.threads) } : {}),
    });
    const c = await db.connect();
    try {
      // Times read in UTC whatever the machine's zone (a TIMESTAMPTZ cast to DATE, or compared
      // with a TIMESTAMP, would otherwise give a verdict that changes with TZ).
      await c.run(`SET TimeZone = 'UTC'`);
      for (const [schema, src, input] of [['legacy', lsrc, legacy], ['shadow', ssrc, shadow]] as const) {
        try {
          await c.run(`CREATE SCHEMA ${schema}; CREATE VIEW ${schema}.data AS SELECT * FROM ${src}; SELECT * FROM ${schema}.data LIMIT 0`);
        } catch (e) {
          throw new ShadowOptionError(`${FN}: cannot read ${schema} ${typeof input === 'string' ? `file ${input}` : 'rows'}: ${(e as Error).message}`);
        }
      }
      const results: QueryResult[] = [];
      const reasons: Reason[] = [];
      for (const q of qs) {
        const consumer = q.consumer ?? '(unnamed consumer)';
        const who = `query '${q.name}' of consumer '${consumer}'`;
        const tree = await assertReadsData(c, who, q.sql);
        const l = await run(c, 'legacy', q.sql);
        const s = await run(c, 'shadow', q.sql);
        if (l instanceof Error && s instanceof Error) throw new ShadowOptionError(`${FN}: ${who} fails on both sides: ${l.message}`);
        if (l instanceof Error || s instanceof Error) {
          const [side, e] = l instanceof Error ? ['legacy', l] : ['shadow', s as Error];
          throw new ShadowDataError(`${FN}: ${who} fails on ${side} only: ${e.message}`);
        }
        const ordered = q.ordered ?? ordersRows(q.sql);
        let key: string[];
        if (ordered) key = [ROW];
        else if (q.key !== undefined) key = typeof q.key === 'string' ? [q.key] : [...q.key];
        else key = groupKeyColumns(tree, l.columns) ?? l.columns.filter((_, i) => !NUMERIC.test(l.types[i]));
        for (const k of key) {
          if (k !== ROW && !l.columns.includes(k)) throw new ShadowOptionError(`${FN}: ${who}: key column '${k}' is not in its result; columns are ${l.columns.join(', ')}`);
          if (k !== ROW && !s.columns.includes(k)) throw new ShadowDataError(`${FN}: ${who}: key column '${k}' is not in shadow's result (its columns: ${s.columns.join(', ')})`);
        }
        if (key.length === 0) {
          // One aggregate row pairs by position; more rows with nothing to identify one would pair by chance.
          if (l.rows.length > 1 || s.rows.length > 1) {
            throw new ShadowOptionError(`${FN}: ${who} returns ${Math.max(l.rows.length, s.rows.length)} rows with no column that identifies one (no GROUP BY, only numbers); set key to the columns that identify a row, or ordered: true if its ORDER BY makes the order part of the result`);
          }
          key = [ROW];
        } else if (key[0] !== ROW) for (const [side, res] of [['legacy', l], ['shadow', s]] as const) assertUniqueKey(who, side, key, res.rows);
        // A NULL group is a group: its key part is NULL_KEY, never a row without a key.
        const number = (rows: Row[]) => (key[0] === ROW ? rows.map((r, i) => ({ [ROW]: i, ...r })) : rows.map((r) => (key.some((k) => r[k] === null || r[k] === undefined) ? { ...r, ...Object.fromEntries(key.filter((k) => r[k] === null || r[k] === undefined).map((k) => [k, NULL_KEY])) } : r)));
        const report = compareEvents(number(l.rows), number(s.rows), {
          key: key.length === 1 ? key[0] : key,
          fields: { ...options.fields, ...q.fields },
          minMatchRate: 1,
          maxMissingRate: 0,
          maxExtraRate: 0,
          maxExamples,
          label: q.name,
        });
        const changed = report.counts.matched - report.counts.equal;
        const result: QueryResult = {
          name: q.name,
          consumer,
          sql: q.sql,
          key,
          ordered,
          verdict: report.verdict,
          rows: { legacy: l.rows.length, shadow: s.rows.length },
          differing: { missing: report.counts.missing, extra: report.counts.extra, changed },
          report,
        };
        results.push(result);
        if (report.verdict === 'pass') continue;
        const parts: string[] = [];
        if (changed) {
          const ex = report.groups.flatMap((g) => g.examples).slice(0, maxExamples);
          const shown = ex.map((e) => `${keyText(key, e.key)}: ${e.values.map((v) => `${v.field} ${cell(v.legacy, 20)} → ${cell(v.shadow, 20)}`).join(', ')}`);
          parts.push(`${changed} group${changed === 1 ? '' : 's'} with other values (${shown.join('; ')})`);
        }
        if (report.counts.missing) parts.push(`${report.counts.missing} group${report.counts.missing === 1 ? '' : 's'} only in legacy (${report.examples.missing.slice(0, maxExamples).map((k) => keyText(key, k)).join('; ')})`);
        if (report.counts.extra) parts.push(`${report.counts.extra} group${report.counts.extra === 1 ? '' : 's'} only in shadow (${report.examples.extra.slice(0, maxExamples).map((k) => keyText(key, k)).join('; ')})`);
        if (parts.length === 0) parts.push(report.reasons.filter((r) => r.severity !== 'info').map((r) => r.message).join('; '));
        reasons.push({
          code: 'QUERY_RESULT_DIFFERS',
          severity: report.verdict === 'fail' ? 'fail' : 'inconclusive',
          subject: `${consumer}: ${q.name}`,
          expected: 'the same result set',
          received: `${changed + report.counts.missing + report.counts.extra} differing groups`,
          message: `${who} sees a different result: ${parts.join('; ')}`,
        });
      }
      const sorted = sortReasons(reasons);
      const out: QueryReport = { kind: 'queries', version: REPORT_VERSION, verdict: verdictOf(sorted), reasons: sorted, queries: results };
      if (options.label !== undefined) out.label = options.label;
      return out;
    } finally {
      c.closeSync();
      db.closeSync();
    }
  } finally {
    for (const f of cleanup) f();
  }
}
