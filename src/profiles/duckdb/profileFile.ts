import { DuckDBInstance, type DuckDBConnection, type DuckDBDataChunk } from '@duckdb/node-api';
import { ShadowDataError, ShadowOptionError, describeValue } from '../../_internal/options.js';
import { ProfileAccumulatorImpl, resolveProfileOptions } from '../profileAccumulator.js';
import type { DatasetProfile, ProfileOptions } from '../types.js';
import { csvFileError, csvTextRead, fileLiteral } from '../../_internal/duckdbFile.js';
import { csvColumnTypes, csvValueSql } from '../../_internal/csvCellSql.js';
import { wideDecimalSql } from '../../dataset/_internal/parquetDecimals.js';
import { columnTree } from '../../_internal/duckdbColumns.js';
import { datasetFiles, forEachJsonLine, readJsonArray } from '../../dataset/loadDataset.js';

const FN = 'profileFile';

function ident(s: string): string {
  return `"${s.replace(/"/g, '""')}"`;
}

function sourceOf(path: string): string {
  const p = path.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (p.endsWith('.parquet')) return `read_parquet(${fileLiteral(path)})`;
  // As text, typed afterwards as loadDataset types it (csvColumnTypes); the first line is the header, as there.
  if (p.endsWith('.csv') || p.endsWith('.tsv')) return csvTextRead(path);
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson') || p.endsWith('.json')) return `read_json_auto(${fileLiteral(path)})`;
  throw new ShadowOptionError(`${FN}: cannot tell the format of ${path}; use .parquet, .csv, .jsonl/.ndjson or .json (optionally .gz)`);
}

/**
 * profileFile of a JSON Lines or JSON file (or a glob of them, its files in DuckDB's order): the
 * rows as loadDataset parses them into the accumulators of profile().
 */
async function profileJson(path: string, s: ReturnType<typeof resolveProfileOptions>): Promise<DatasetProfile> {
  const files = await datasetFiles(path, FN);
  const acc = new ProfileAccumulatorImpl(s, s.columns, s.label);
  for (const file of files) {
    if (/\.json(\.gz)?$/i.test(file)) acc.addRows(await readJsonArray(FN, file));
    else await forEachJsonLine(FN, file, (row) => acc.add(row));
  }
  const p = acc.value();
  // A column asked for that no row holds is a typo, as on the other formats.
  for (const n of s.columns ?? []) {
    if (p.columns[n]?.present === 0) throw new ShadowOptionError(`${FN}: column '${n}' is not in ${path}: no row of its ${p.rows} holds it (check the name)`);
  }
  return p;
}

/**
 * Streams a value histogram (v, w) chunk by chunk into a column accumulator, reading each
 * vector's items in place: converting a million-row histogram to JS arrays first
 * (getColumnsJS) cost more than the query.
 */
async function addHistogram(c: DuckDBConnection, sql: string, col: ReturnType<ProfileAccumulatorImpl['column']>, bom = false): Promise<void> {
  await eachChunk(c, sql, (chunk, rows) => {
    const vv = chunk.getColumnVector(0);
    const wv = chunk.getColumnVector(1);
    const bv = bom ? chunk.getColumnVector(2) : undefined;
    for (let i = 0; i < rows; i++) col.addWeighted(bv?.getItem(i) === true ? `\uFEFF${vv.getItem(i) as string}` : vv.getItem(i), wv.getItem(i) as number);
  });
}

/**
 * SQL true where a string starts with a byte-order mark (U+FEFF): DuckDB's string conversion drops
 * that one character, so it is put back (profile() keeps it, as loadDataset reads it).
 */
const startsWithBom = (v: string) => `starts_with(${v}, chr(65279))`;

/** Streams a query's result chunk by chunk (no conversion of the whole result to JS first). */
async function eachChunk(c: DuckDBConnection, sql: string, each: (chunk: DuckDBDataChunk, rows: number) => void): Promise<void> {
  const result = await c.stream(sql);
  for (;;) {
    const chunk = await result.fetchChunk();
    if (chunk === null || chunk.rowCount === 0) return;
    each(chunk, chunk.rowCount);
  }
}

/** Rows read to tell a mostly-distinct column from a repetitive one. */
const PROBE_ROWS = 10_000;

/** A DuckDB type whose values are objects or arrays in memory (a struct, a list, an array, a map, a union). */
const NESTED = /^(STRUCT|MAP|UNION)\(|\[\d*\]$/;
/** What a nested value counts as (profile() counts an object or array only, as type `object`). */
const OBJECT = Object.freeze({});

/** A nested column: its NULLs and its values, counted (one GROUP BY of its nullness). */
async function addNested(c: DuckDBConnection, sql: string, col: ReturnType<ProfileAccumulatorImpl['column']>): Promise<void> {
  await eachChunk(c, sql, (chunk, rows) => {
    const nv = chunk.getColumnVector(0);
    const wv = chunk.getColumnVector(1);
    for (let i = 0; i < rows; i++) col.addWeighted(nv.getItem(i) ? null : OBJECT, wv.getItem(i) as number);
  });
}

/** Streams a column's values (file order) into a column accumulator, as the in-memory path adds them. */
async function addValues(c: DuckDBConnection, sql: string, col: ReturnType<ProfileAccumulatorImpl['column']>, bom = false): Promise<void> {
  await eachChunk(c, sql, (chunk, rows) => {
    const vv = chunk.getColumnVector(0);
    const bv = bom ? chunk.getColumnVector(1) : undefined;
    for (let i = 0; i < rows; i++) col.add(bv?.getItem(i) === true ? `\uFEFF${vv.getItem(i) as string}` : vv.getItem(i));
  });
}

const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|REAL|DECIMAL\(\d+,\s*\d+\))$/;

/**
 * Profiles a file (Parquet, CSV, JSON Lines, JSON) in embedded DuckDB: a CSV file is read once into a
 * DuckDB table (Parquet is scanned in place, one column per query), then SQL returns each column's
 * value histogram (`GROUP BY value`), streamed chunk by chunk, which feeds the same
 * mergeable accumulators as {@link profile} with weights. The result is the profile the in-memory
 * engine gives for the same rows: counts, nulls, types, min/max, exact distinct counts and
 * category counts equal; mean and variance equal within rounding; quantiles from the same sketch.
 * Memory is O(distinct values of the largest column), not O(rows).
 *
 * JSON Lines (and JSON) files are parsed as loadDataset parses them, line by line into the same
 * accumulators (memory O(the sketches); a JSON array is read whole), so that an absent key is
 * missing and a column of mixed kinds counts each value by its kind, exactly as profile() counts
 * the same rows (DuckDB's reader has one type per column and no "missing").
 *
 * Differences from the in-memory path (Parquet, CSV): numeric columns are read as DOUBLE; dates and timestamps as epoch milliseconds (numbers, as
 * profile() counts a Date); times of day as their VARCHAR text (strings). A struct, list or map
 * counts as an object (type `object`), as in memory; a struct's members are profiled by dotted
 * path (`columns: ['geo.city']`), missing where the struct is NULL.
 *
 * @example
 * const p = await profileFile('legacy/events.parquet');
 * compareProfile(p, await profileFile('shadow/events.parquet'));
 */
export async function profileFile(path: string, options: ProfileOptions & { threads?: number } = {}): Promise<DatasetProfile> {
  if (typeof path !== 'string' || !path) throw new ShadowOptionError(`${FN}: path must be a file path, got ${describeValue(path)}`);
  const { threads, ...popts } = options;
  if (threads !== undefined && !(Number.isInteger(threads) && threads >= 1)) throw new ShadowOptionError(`${FN}: threads must be an integer >= 1, got ${describeValue(threads)}`);
  const s = resolveProfileOptions(FN, popts);
  // JSON is profiled from its rows as loadDataset parses them, as profile() counts them: a key
  // absent from a row is missing (not null), and a column of mixed kinds counts each value by its
  // kind (SQL's reader gives one type per column, JSON text for mixed ones). JSON Lines streams
  // line by line (memory O(the sketches)); a JSON array is read whole, as loadDataset reads it.
  if (/\.(jsonl|ndjson|json)(\.gz)?$/i.test(path)) return profileJson(path, s);
  const src = sourceOf(path);
  const db = await DuckDBInstance.create(':memory:');
  const c: DuckDBConnection = await db.connect();
  try {
    if (threads) await c.run(`SET threads = ${threads}`);
    let described: Record<string, unknown>[];
    try {
      described = (await c.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${src})`)).getRowObjectsJS() as Record<string, unknown>[];
    } catch (e) {
      throw (await csvFileError(FN, path, (e as Error).message)) ?? new ShadowDataError(`${FN}: ${path} cannot be read: ${(e as Error).message.split('\n')[0]}`);
    }
    const top = new Map(described.map((r) => [String(r.column_name), String(r.column_type)]));
    // A struct's members by dotted path, as profile() reads them (a top-level name with a dot, a CSV header, is itself).
    const members = new Map(columnTree(described).filter((x) => x.path.includes('.')).map((x) => [x.path, x.type]));
    const types = new Map([...members, ...top]);
    const names = s.columns ?? [...top.keys()].sort();
    for (const n of names) if (!types.has(n)) throw new ShadowOptionError(`${FN}: column '${n}' is not in ${path}; it has ${[...top.keys()].join(', ')}${members.size ? ` (and the struct members ${[...members.keys()].slice(0, 8).join(', ')}${members.size > 8 ? ', …' : ''})` : ''}`);
    /** The column's SQL reference, and where it is a struct's member the struct's (the member is missing where that is NULL). */
    const refOf = (n: string) => (top.has(n) ? ident(n) : n.split('.').map(ident).join('.'));
    const parentOf = (n: string) => (top.has(n) ? undefined : refOf(n.slice(0, n.lastIndexOf('.'))));
    const roots = [...new Set(names.map((n) => (top.has(n) ? n : n.split('.')[0])))];
    const acc = new ProfileAccumulatorImpl(s, undefined, s.label);
    // Parquet is columnar: each per-column query reads only that column, so it is scanned in
    // place. Text formats are parsed once into DuckDB's own storage (spilled to disk beyond
    // memory_limit), then scanned per column.
    let table = src;
    if (!/^read_parquet\(/.test(src)) {
      try {
        await c.run(`CREATE TEMP TABLE t AS SELECT ${roots.map(ident).join(', ')} FROM ${src}`);
      } catch (e) {
        throw (await csvFileError(FN, path, (e as Error).message)) ?? e;
      }
      table = 't';
    }
    // CSV: the text typed as loadDataset types it (DuckDB's inference reads 007, ' 12', yes as numbers or booleans).
    const csvTypes = /^read_csv\(/.test(src) ? await csvColumnTypes(c, table, names) : undefined;
    const [{ n }] = (await c.runAndReadAll(`SELECT count(*)::DOUBLE AS n FROM ${table}`)).getRowObjectsJS() as { n: number }[];
    acc.rows = n;
    const exprs = names.map((name) => {
      const t = types.get(name)!;
      const ref = refOf(name);
      if (csvTypes) return csvValueSql(ref, csvTypes.get(name)!);
      const wide = wideDecimalSql(ref, t);
      if (wide) return wide;
      if (NUMERIC.test(t)) return `CAST(${ref} AS DOUBLE)`;
      // Timestamps and dates as epoch ms (the µs a fraction), as profile() counts a Date.
      if (/^TIMESTAMP/.test(t)) return `(epoch_us(${ref}) / 1000.0)`;
      if (t === 'DATE') return `(epoch_us(CAST(${ref} AS TIMESTAMP)) / 1000.0)`;
      return t === 'BOOLEAN' || t === 'VARCHAR' ? ref : `CAST(${ref} AS VARCHAR)`;
    });
    // One small pass over every column's first rows decides how each is read: a column of mostly
    // distinct values (ids, timestamps) is streamed value by value (a GROUP BY over a million
    // groups cost several times the scan), the others as a value histogram (GROUP BY value).
    const flat = names.filter((nm) => !NESTED.test(types.get(nm)!));
    const head = (await c.runAndReadAll(`SELECT count(*)::DOUBLE${flat.map((nm) => `, count(DISTINCT ${refOf(nm)})::DOUBLE`).join('')} FROM (SELECT ${roots.map(ident).join(', ')} FROM ${table} LIMIT ${PROBE_ROWS})`)).getRows()[0].map(Number);
    for (let k = 0; k < names.length; k++) {
      const col = acc.column(names[k]);
      const parent = parentOf(names[k]);
      const where = parent ? ` WHERE ${parent} IS NOT NULL` : '';
      if (NESTED.test(types.get(names[k])!)) await addNested(c, `SELECT ${refOf(names[k])} IS NULL AS n, count(*)::DOUBLE AS w FROM ${table}${where} GROUP BY ALL`, col);
      else {
        // A string column carries whether each value starts with a byte-order mark (see startsWithBom).
        const bom = !csvTypes && types.get(names[k]) === 'VARCHAR';
        const b = bom ? `, ${startsWithBom(exprs[k])} AS b` : '';
        if (head[flat.indexOf(names[k]) + 1] > head[0] / 2) await addValues(c, `SELECT ${exprs[k]} AS v${b} FROM ${table}${where}`, col, bom);
        else await addHistogram(c, `SELECT ${exprs[k]} AS v, count(*)::DOUBLE AS w${b} FROM ${table}${where} GROUP BY ALL`, col, bom);
      }
    }
    return acc.value();
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
