import { readFileSync, statSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { openDuckDb } from '../_internal/duckdbInstance.js';
import { ShadowDataError, ShadowOptionError, assertKnownKeys, assertMemoryLimit, assertNumber, assertPlainObject, describeValue } from '../_internal/options.js';
import { compareEvents, type EventReport } from '../events/compareEvents.js';
import type { Row } from '../dataset/toRows.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason, type ReportBase } from '../report/types.js';
import { cell } from '../report/format.js';
import type { FieldRule } from '../tolerance/compileFieldRule.js';
import { ident, plain, sourceSql } from './_internal/duckdbSource.js';
import { csvFileError, csvLinesError, fileLiteral, filesOfPattern, jsonFileError, malformedCsv, sqlString } from '../_internal/duckdbFile.js';
import { groupKeyColumns } from './_internal/groupKey.js';
import { canonicalDecimal } from '../tolerance/_internal/canonicalDecimal.js';
import { manyStatements, ordersRows } from './_internal/ordersRows.js';
import { duckdbRowConverter, keepingBomSql, varcharKeepingBom } from '../dataset/_internal/duckdbRowConverter.js';

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
   * @defaultValue the query's GROUP BY columns, else every result column whose type is neither numeric nor a list, struct or map; none for a single aggregate row
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
/** A list, fixed-size array, struct, map or union type: never a key part. */
const NESTED = /\]$|^(STRUCT|MAP|UNION)\(/;
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const ROW = '#row';

interface Result {
  rows: Row[];
  columns: string[];
  types: string[];
  /** The DuckDB values, row by row (exact DECIMALs and sub-millisecond times; see exactColumns). */
  values: () => DuckDBValue[][];
}

/**
 * Result types a JS number would round: DECIMAL, 64/128-bit integers; and times of day. (A
 * timestamp is read back as a PreciseDate, exact to the nanosecond: see exactTime.)
 */
const EXACT_NUMBER = /^(DECIMAL.*|U?BIGINT|U?HUGEINT)$/;
const EXACT_TIME = /^(TIME|TIME_NS|TIME WITH TIME ZONE)$/;

/**
 * Rewrites in place the columns whose values a JS number or Date would round, where the column's
 * rule compares exactly (no abs/rel/isclose/time rule declared): DECIMAL and 64/128-bit integer
 * columns (on either side) exactly on both sides (see exactNumber), so 12345678901234567.01 never
 * equals …02 and 1.50 equals 1.5; TIME as DuckDB writes it, so 1 µs apart is a difference
 * (timestamps need nothing: plain() writes their PreciseDate as `…00.000001Z`). A column
 * under a numeric or time rule keeps numbers and Dates: its tolerance decides.
 */
function exactColumns(l: Result, s: Result, rules: Record<string, unknown>): void {
  const toleranced = (col: string) => {
    const r = rules[col];
    return r !== null && typeof r === 'object' && ['abs', 'rel', 'isclose', 'time'].some((k) => (r as Record<string, unknown>)[k] !== undefined);
  };
  const typeOf = (res: Result, col: string) => res.types[res.columns.indexOf(col)] ?? '';
  for (const col of new Set([...l.columns, ...s.columns])) {
    if (toleranced(col)) {
      // Under a numeric rule a 64/128-bit integer past 2^53 is a number (plain() wrote it as text), so the tolerance applies.
      for (const res of [l, s]) if (EXACT_NUMBER.test(typeOf(res, col))) for (const row of res.rows) if (typeof row[col] === 'string') row[col] = Number(row[col]);
      continue;
    }
    const types = [typeOf(l, col), typeOf(s, col)];
    const mode = types.some((t) => EXACT_NUMBER.test(t)) ? 'number' : types.some((t) => EXACT_TIME.test(t)) ? 'time' : undefined;
    if (!mode) continue;
    for (const res of [l, s]) {
      const i = res.columns.indexOf(col);
      if (i < 0) continue;
      const values = res.values();
      const type = res.types[i];
      res.rows.forEach((row, r) => (row[col] = mode === 'number' ? exactNumber(values[r][i], type, row[col]) : exactTime(values[r][i], type, row[col])));
    }
  }
}

/**
 * A number column's value, exact: its canonical decimal text (a DOUBLE's shortest digits, a
 * DECIMAL's or a big integer's every digit), as a JS number when that number holds exactly this
 * value (1.50 and 7 stay numbers), else as the text (12345678901234567.01). Equal values give
 * equal results on both sides, different values different ones.
 */
function exactNumber(v: DuckDBValue, type: string, js: unknown): unknown {
  if (v === null) return null;
  const text = typeof v === 'number' || typeof v === 'bigint' ? canonicalDecimal(v) : type.startsWith('DECIMAL') ? canonicalDecimal(String(v)) : js;
  if (typeof text !== 'string') return text;
  const n = Number(text);
  return canonicalDecimal(n) === text ? n : text;
}

/**
 * A time-of-day value as DuckDB writes it. (A timestamp needs nothing here: it is read back as a
 * PreciseDate, which plain() wrote as ISO text with 3, 6 or 9 fraction digits as the value needs.)
 */
function exactTime(v: DuckDBValue, type: string, js: unknown): unknown {
  if (v === null) return null;
  return type.startsWith('TIMESTAMP') ? js : String(v);
}

/**
 * The query's string columns (top-level, or nested in lists, structs and maps) read through their UTF-8 bytes, so that a leading
 * byte-order mark survives the read-back (DuckDB's string conversion drops it: `\uFEFFx` against
 * `x` reconciled), as a projection over the query, which keeps its rows' order. Undefined when the
 * result has no string column, or DESCRIBE cannot take the statement.
 */
async function keepingBom(c: DuckDBConnection, sql: string): Promise<{ sql: string; strings: Map<string, string> } | undefined> {
  // The statement as a subquery: without its closing semicolon, its end on a line of its own (a trailing -- comment).
  const body = `${sql.trim().replace(/;+$/, '')}\n`;
  try {
    const described = (await c.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE ${body})`)).getRowObjectsJS();
    const names = described.map((d) => String(d.column_name));
    // The columns holding strings, top-level or nested (read as bytes), by their own types.
    const strings = new Map(described.filter((d) => keepingBomSql('x', String(d.column_type)) !== undefined).map((d) => [String(d.column_name), String(d.column_type)]));
    // Two result columns of one name: REPLACE could not tell them apart.
    if (strings.size === 0 || new Set(names).size !== names.length) return undefined;
    return { sql: `SELECT ${varcharKeepingBom(described)} FROM (${body}) __q`, strings };
  } catch {
    return undefined;
  }
}

async function run(c: DuckDBConnection, schema: string, sql: string): Promise<Result | Error> {
  try {
    await c.run(`SET schema = '${schema}'`);
    const bom = await keepingBom(c, sql);
    const r = await c.runAndReadAll(bom?.sql ?? sql);
    const columns = r.columnNames();
    // The columns whose strings were read as bytes have their own types (see keepingBom).
    const types = r.columnTypes().map((t, i) => bom?.strings.get(columns[i]) ?? String(t));
    // DATE columns as 'YYYY-MM-DD' (plain() writes other temporal values as ISO timestamps).
    const dates = columns.filter((_, i) => types[i] === 'DATE');
    // Timestamps with their microseconds (PreciseDate: plain() writes every digit).
    const rows = (r.convertRowObjects(duckdbRowConverter(await import('@duckdb/node-api'))) as Row[]).map((x) => {
      for (const d of dates) if (x[d] instanceof Date) x[d] = (x[d] as Date).toISOString().slice(0, 10);
      return plain(x) as Row;
    });
    let values: DuckDBValue[][] | undefined;
    return { rows, columns, types, values: () => (values ??= r.getRows()) };
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
  if (manyStatements(sql)) throw new ShadowOptionError(`${FN}: ${who} holds several statements; a consumer query is one SELECT over the table data`);
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
/** Examples in parentheses, or nothing when none are shown (maxExamples 0). */
const listed = (xs: readonly string[]) => (xs.length ? ` (${xs.join('; ')})` : '');

/** Two differing values, each cut to 20 characters unless that would show them alike (12345678901234567.01 and .02). */
function pair(a: unknown, b: unknown): string {
  let n = 20;
  while (n < 200 && cell(a, n) === cell(b, n)) n *= 2;
  return `${cell(a, n)} → ${cell(b, n)}`;
}

/** A NULL key part of a result row (a NULL group), as a key compareEvents pairs (a NULL key is no key there). */
const NULL_KEY = '\u2400NULL';

/** The row with each NULL key part as NULL_KEY (a copy, only when it has one). */
function nullGroup(row: Row, key: readonly string[]): Row {
  let out = row;
  for (const k of key) {
    if (row[k] !== null && row[k] !== undefined) continue;
    if (out === row) out = { ...row };
    out[k] = NULL_KEY;
  }
  return out;
}

/**
 * A JSON Lines or JSON input's first bad line or element (file and line, as loadDataset names it), over the files its
 * pattern reads: for a side DuckDB failed to read (it counts lines from another origin), or read
 * as one column `json` (a line holding an array or a scalar), which no query of the user's names.
 */
async function badJsonInput(c: DuckDBConnection, input: string | readonly Row[], error: Error): Promise<ShadowDataError | undefined> {
  // Only for DuckDB's JSON reader errors: another failure (a column the query names and the side
  // lacks) must not cost a read of the whole input.
  if (typeof input !== 'string' || !/json/i.test(error.message)) return undefined;
  return jsonFileError(FN, await filesOfPattern(async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[], input));
}

/**
 * A JSON file holding no records (an empty file, one of blank lines, a glob of such):
 * DuckDB's reader fails on it with "expected records, but got non-record JSON", suggesting options
 * this API does not have; named instead. A compressed file is read decompressed.
 */
async function emptyJsonInput(c: DuckDBConnection, side: string, input: unknown): Promise<ShadowDataError | undefined> {
  if (typeof input !== 'string') return undefined;
  const files = await filesOfPattern(async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[], input);
  const blank = (f: string) => {
    const size = statSync(f, { throwIfNoEntry: false })?.size;
    if (size === undefined || size > 65_536) return false;
    const bytes = readFileSync(f);
    return /^\s*$/.test((/\.gz$/i.test(f) && size > 0 ? gunzipSync(bytes) : bytes).toString('utf8'));
  };
  if (files.length === 0 || !files.every(blank)) return undefined;
  return new ShadowDataError(`${FN}: ${side} file ${input} holds no records${files.length > 1 ? ' (none of its files does)' : ''}: an empty output never reconciles`);
}

/**
 * A JSON Lines line (or a JSON array's element) holding only `null`, named by file and line as
 * loadDataset names it: DuckDB's record reader reads it as a row of NULLs, the same row as `{}`,
 * so a query such as count(DISTINCT day) reconciled a file loadDataset refuses. Only a side whose
 * table holds a row of NULLs (its columns all NULL: rare) is read again to tell which.
 */
async function nullRecord(c: DuckDBConnection, schema: string, input: string): Promise<ShadowDataError | undefined> {
  const cols = (await c.runAndReadAll(`SELECT column_name FROM (DESCRIBE ${schema}.data)`)).getRowObjectsJS().map((r) => ident(String(r.column_name)));
  const [empty] = (await c.runAndReadAll(`SELECT count(*) AS n FROM ${schema}.data WHERE ${cols.map((col) => `${col} IS NULL`).join(' AND ') || 'true'}`)).getRowObjectsJS();
  if (Number(empty.n) === 0) return undefined;
  const lines = /\.(jsonl|ndjson)(\.gz)?$/i.test(input);
  const objects = lines ? `read_ndjson_objects(${fileLiteral(input)})` : `read_json_objects(${fileLiteral(input)}, format = 'auto')`;
  const [nulls] = (await c.runAndReadAll(`SELECT count(*) AS n FROM ${objects} WHERE json_type(json) = 'NULL'`)).getRowObjectsJS();
  if (Number(nulls.n) === 0) return undefined;
  return jsonFileError(FN, await filesOfPattern(async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[], input));
}

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
  // Wide enough for a UUID or a timestamp to the nanosecond: keys listed only in one side must read apart.
  if (key.length === 1) return `${key[0]}=${shown(value, 60)}`;
  const parts = Array.isArray(value) ? value : [value];
  return key.map((k, i) => `${k}=${shown(parts[i], 40)}`).join(', ');
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
  assertMemoryLimit(FN, options.memoryLimit);
  if (options.label !== undefined && typeof options.label !== 'string') throw new ShadowOptionError(`${FN}: label must be a string (it names the report), got ${describeValue(options.label)}`);
  if (options.fields !== undefined) assertPlainObject(FN, 'fields', options.fields);
  const cleanup: (() => void)[] = [];
  try {
    const lsrc = sourceSql(FN, 'legacy', legacy, cleanup);
    const ssrc = sourceSql(FN, 'shadow', shadow, cleanup);
    // Spill files past memoryLimit go to a directory of the run (DuckDB's default is .tmp in the working directory).
    const duck = await openDuckDb(await loadDuckDb(), { memoryLimit: options.memoryLimit, threads: options.threads });
    const { c } = duck;
    try {
      // Times read in UTC whatever the machine's zone (a TIMESTAMPTZ cast to DATE, or compared
      // with a TIMESTAMP, would otherwise give a verdict that changes with TZ).
      await c.run(`SET TimeZone = 'UTC'`);
      // A JSON or CSV reader with sample_size = -1 infers its types from the whole input each time
      // a statement binds it: 2 s per bind for 1M JSON lines, and a view was bound three times per
      // query (its check, DESCRIBE, the run). Such an input is read once into a table of the run
      // instead (spilled past memoryLimit), both sides at once on two connections (the inference
      // runs on one thread); Parquet's reader binds on the footer alone and stays a view.
      const c2 = await duck.db.connect();
      try {
        await c2.run(`SET TimeZone = 'UTC'`);
        const read = async (cc: DuckDBConnection, schema: 'legacy' | 'shadow', src: string, input: typeof legacy): Promise<Error | undefined> => {
          try {
            await cc.run(`CREATE SCHEMA ${schema}`);
            if (/^read_parquet\(/.test(src)) await cc.run(`CREATE VIEW ${schema}.data AS SELECT * FROM ${src}; SELECT * FROM ${schema}.data LIMIT 0`);
            else {
              await cc.run(`CREATE TABLE ${schema}.data AS SELECT * FROM ${src}`);
              if (typeof input === 'string' && /^read_json\(/.test(src)) return await nullRecord(cc, schema, input);
            }
            return undefined;
          } catch (e) {
            const empty = /expected records/i.test((e as Error).message) ? await emptyJsonInput(cc, schema, input) : undefined;
            if (empty) return empty;
            const csvBad = typeof input === 'string' ? await csvFileError(FN, input, (e as Error).message) : undefined;
            return csvBad ?? (await badJsonInput(cc, input, e as Error)) ?? new ShadowOptionError(`${FN}: cannot read ${schema} ${typeof input === 'string' ? `file ${input}` : 'rows'}: ${(e as Error).message}`);
          }
        };
        // The legacy side's error first, as when the sides were read one after the other.
        const errors = await Promise.all([read(c, 'legacy', lsrc, legacy), read(c2, 'shadow', ssrc, shadow)]);
        const bad = errors.find((e) => e !== undefined);
        if (bad) throw bad;
      } finally {
        c2.closeSync();
      }
      const results: QueryResult[] = [];
      const reasons: Reason[] = [];
      for (const q of qs) {
        const consumer = q.consumer ?? '(unnamed consumer)';
        const who = `query '${q.name}' of consumer '${consumer}'`;
        const tree = await assertReadsData(c, who, q.sql);
        const l = await run(c, 'legacy', q.sql);
        const s = await run(c, 'shadow', q.sql);
        for (const e of [l, s]) {
          const named = e instanceof Error ? malformedCsv(FN, e.message) : undefined;
          if (named) throw named;
        }
        if (l instanceof Error && s instanceof Error) {
          // A malformed JSON Lines input on both sides is bad data, not a bad query.
          const bad = (await badJsonInput(c, legacy, l)) ?? (await badJsonInput(c, shadow, s));
          if (bad) throw bad;
          const hint = /Table with name .* does not exist/i.test(l.message) ? ' (each side\'s output is the table data: write FROM data)' : '';
          throw new ShadowOptionError(`${FN}: ${who} fails on both sides${hint}: ${l.message}`);
        }
        if (l instanceof Error || s instanceof Error) {
          const [side, e, input] = l instanceof Error ? ['legacy', l, legacy] : ['shadow', s as Error, shadow];
          // A malformed CSV file (a record DuckDB's reader stops at, or a sample its sniffer read another way): its file and line.
          const csvBad = typeof input === 'string' ? await csvLinesError(FN, input) : undefined;
          throw csvBad ?? (await badJsonInput(c, input, e)) ?? new ShadowDataError(`${FN}: ${who} fails on ${side} only: ${e.message}`);
        }
        exactColumns(l, s, { ...options.fields, ...q.fields });
        const ordered = q.ordered ?? ordersRows(q.sql);
        let key: string[];
        if (ordered) key = [ROW];
        else if (q.key !== undefined) key = typeof q.key === 'string' ? [q.key] : [...q.key];
        // By default the columns that are neither numbers nor lists, structs or maps (which no key holds).
        else key = groupKeyColumns(tree, l.columns) ?? l.columns.filter((_, i) => !NUMERIC.test(l.types[i]) && !NESTED.test(l.types[i]));
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
        const number = (rows: Row[]) => (key[0] === ROW ? rows.map((r, i) => ({ [ROW]: i, ...r })) : rows.map((r) => nullGroup(r, key)));
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
          const shown = ex.map((e) => `${keyText(key, e.key)}: ${e.values.map((v) => `${v.field} ${pair(v.legacy, v.shadow)}`).join(', ')}`);
          parts.push(`${changed} group${changed === 1 ? '' : 's'} with other values${listed(shown)}`);
        }
        if (report.counts.missing) parts.push(`${report.counts.missing} group${report.counts.missing === 1 ? '' : 's'} only in legacy${listed(report.examples.missing.slice(0, maxExamples).map((k) => keyText(key, k)))}`);
        if (report.counts.extra) parts.push(`${report.counts.extra} group${report.counts.extra === 1 ? '' : 's'} only in shadow${listed(report.examples.extra.slice(0, maxExamples).map((k) => keyText(key, k)))}`);
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
      duck.close();
    }
  } finally {
    for (const f of cleanup) f();
  }
}
