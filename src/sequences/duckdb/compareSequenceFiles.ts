import { statSync } from 'node:fs';
import { join } from 'node:path';
import * as duck from '@duckdb/node-api';
import type { DuckDBConnection } from '@duckdb/node-api';
import { duckdbRowConverter, varcharKeepingBom } from '../../dataset/_internal/duckdbRowConverter.js';
import { ShadowDataError, ShadowOptionError, assertMemoryLimit, assertNumber, describeValue } from '../../_internal/options.js';
import type { Row } from '../../dataset/toRows.js';
import type { CompareSequencesOptions, SequenceReport } from '../compareSequences.js';
import { openDuckDb } from '../../_internal/duckdbInstance.js';
import { mergePartitions } from '../_internal/mergePartitions.js';
import { resolveSequenceOptions } from '../_internal/resolveOptions.js';
import { runPartition, type SequencePartition } from '../_internal/runPartition.js';
import { csvDelimiter, csvFileError, csvTextRead, fileLiteral, filesOfPattern, jsonFileError } from '../../_internal/duckdbFile.js';
import { checkCsvLines, datasetFiles, setCsvPath } from '../../dataset/loadDataset.js';
import { csvColumnTypes, type CsvColumnType } from '../../_internal/csvCellSql.js';
import { hasGroupBy } from '../../groups/compareByGroup.js';
import type { GroupOptions, GroupedReport } from '../../groups/types.js';
import { compareFilesByGroup, csvGroups, writeCsvGroups, type GroupSplit } from '../../events/duckdb/_internal/groupFiles.js';

/**
 * Options of {@link compareSequenceFiles}: those of compareSequences (the entity as column paths,
 * which SQL partitions on) plus how the files are read.
 *
 * @example
 * const options: CompareSequenceFilesOptions = { entity: 'userId', orderBy: 'ts', id: 'eventId', partitionRows: 2_000_000 };
 */
export interface CompareSequenceFilesOptions extends Omit<CompareSequencesOptions, 'entity'> {
  /** The entity column path, or paths (a tuple). Functions need the in-memory engine. */
  entity: string | readonly string[];
  /**
   * Rows (of the larger side) read into memory at a time: the entities are hash-partitioned into
   * ceil(rows / partitionRows) partitions, each compared in memory, and the partitions merged.
   * @defaultValue 1000000
   */
  partitionRows?: number;
  /**
   * Limit on DuckDB's memory; beyond it DuckDB spills to a temporary directory on disk.
   * @defaultValue DuckDB's default (80 % of RAM)
   */
  memoryLimit?: string;
  /**
   * DuckDB worker threads.
   * @defaultValue DuckDB's default (one per core)
   */
  threads?: number;
}

const FN = 'compareSequenceFiles';
const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const NUMERIC = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL.*)$/;
const MAX = BigInt(Number.MAX_SAFE_INTEGER);

type Format = 'parquet' | 'jsonl' | 'json' | 'csv';

function formatOf(side: string, path: unknown): Format {
  if (typeof path !== 'string' || path === '') throw new ShadowOptionError(`${FN}: ${side} must be a file path (or glob), got ${describeValue(path)}`);
  const p = path.toLowerCase().replace(/\.gz$/, '');
  if (p.endsWith('.parquet')) return 'parquet';
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return 'jsonl';
  if (p.endsWith('.json')) return 'json';
  if (p.endsWith('.csv') || p.endsWith('.tsv')) return 'csv';
  throw new ShadowOptionError(`${FN}: cannot tell the format of ${side} file ${path}; use .parquet, .csv/.tsv, .jsonl/.ndjson or .json (optionally .gz)`);
}

/** One side: its file, how SQL reads it, and the expression that partitions its rows by entity. */
interface Side {
  name: 'legacy' | 'shadow';
  file: string;
  format: Format;
  src: string;
  rows: number;
  /** CSV: each column (by its header name) with its type over the whole side, as loadDataset infers it, and its name in the relation (which holds the cells as text). */
  csvTypes?: Map<string, CsvColumnType>;
  csvColumns?: Map<string, string>;
}

/** Values as loadDataset reads the same Parquet file (timestamps to the µs, maps as objects). */
const ROW_VALUES = duckdbRowConverter(duck);

async function all(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await c.runAndReadAll(sql)).convertRowObjects(ROW_VALUES) as Record<string, unknown>[];
}

/** DuckDB values as loadDataset reads the same Parquet file: INT64 within ±2^53 as numbers. */
function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v <= MAX && v >= -MAX ? Number(v) : v;
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array)) {
    const o: Row = {};
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}

/**
 * The normalised text of the entity on a row, for hashing: numbers as DOUBLE text (1 and 1.0 are
 * one entity, in any file type), strings as themselves, so both files put an entity in the same
 * partition.
 */
async function entityText(c: DuckDBConnection, s: Side, paths: readonly string[]): Promise<string> {
  const parts: string[] = [];
  if (s.csvTypes) {
    // A column of the header (dots are part of its name); numbers as DuckDB's text of the double, so that 1.0 and 1 (one value in memory) share a partition.
    for (const p of paths) {
      const type = s.csvTypes.get(p);
      if (type === undefined) {
        await csvBadLine(s);
        throw new ShadowOptionError(`${FN}: entity column '${p}' is absent from ${s.name} file ${s.file}; columns are ${[...s.csvTypes.keys()].join(', ')}`);
      }
      const col = q(s.csvColumns!.get(p)!);
      parts.push(type === 'number' ? `CAST(${col} AS DOUBLE)::VARCHAR` : type === 'boolean' ? `lower(${col})` : col);
    }
  } else if (s.format === 'parquet') {
    const described = await all(c, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${s.src})`);
    for (const p of paths) {
      const segs = p.split('.');
      if (!described.some((d) => d.column_name === segs[0])) {
        throw new ShadowOptionError(`${FN}: entity column '${p}' is absent from ${s.name} file ${s.file}; columns are ${described.map((d) => d.column_name).join(', ')}`);
      }
      const expr = segs.map(q).join('.');
      const [t] = await all(c, `SELECT typeof(${expr}) AS t FROM ${s.src} LIMIT 1`);
      parts.push(t && NUMERIC.test(String(t.t)) ? `CAST(${expr} AS DOUBLE)::VARCHAR` : `${expr}::VARCHAR`);
    }
  } else {
    for (const p of paths) {
      const jp = lit(`$.${p.split('.').map((x) => `"${x.replaceAll('"', '\\"')}"`).join('.')}`);
      const x = `json_extract(json, ${jp})`;
      const [n] = await all(c, `SELECT count(*) FILTER (WHERE ${x} IS NOT NULL) AS n FROM ${s.src}`);
      if (Number(n.n) === 0 && s.rows > 0) throw new ShadowOptionError(`${FN}: entity field '${p}' is absent from every row of ${s.name} file ${s.file}`);
      parts.push(`CASE WHEN json_type(${x}) IN ('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT') THEN CAST(${x} AS DOUBLE)::VARCHAR WHEN json_type(${x}) = 'VARCHAR' THEN json_extract_string(json, ${jp}) ELSE ${x}::VARCHAR END`);
    }
  }
  return parts.length === 1 ? parts[0] : `concat_ws(chr(31), ${parts.join(', ')})`;
}

/** Throws when a column path is absent from a Parquet file's schema or from every row of a JSON file. */
async function assertColumns(c: DuckDBConnection, s: Side, paths: readonly string[], option: string): Promise<void> {
  if (s.csvTypes) {
    const names = [...s.csvTypes.keys()];
    for (const p of paths) {
      if (names.some((n) => n === p || n.startsWith(`${p}.`))) continue;
      await csvBadLine(s);
      throw new ShadowOptionError(`${FN}: ${option} column '${p}' is absent from ${s.name} file ${s.file}; columns are ${names.join(', ')}`);
    }
    return;
  }
  if (s.format === 'parquet') {
    const described = await all(c, `SELECT column_name FROM (DESCRIBE SELECT * FROM ${s.src})`);
    for (const p of paths) {
      if (!described.some((d) => d.column_name === p.split('.')[0])) {
        throw new ShadowOptionError(`${FN}: ${option} column '${p}' is absent from ${s.name} file ${s.file}; columns are ${described.map((d) => d.column_name).join(', ')}`);
      }
    }
    return;
  }
  for (const p of paths) {
    const jp = lit(`$.${p.split('.').map((x) => `"${x.replaceAll('"', '\\"')}"`).join('.')}`);
    const [n] = await all(c, `SELECT count(*) FILTER (WHERE json_extract(json, ${jp}) IS NOT NULL) AS n FROM ${s.src}`);
    if (Number(n.n) === 0) throw new ShadowOptionError(`${FN}: ${option} field '${p}' is absent from every row of ${s.name} file ${s.file}`);
  }
}

async function readPartition(c: DuckDBConnection, s: Side, table: string | null, p: number): Promise<Row[]> {
  const from = table ? `${table} WHERE __p = ${p} ORDER BY rowid` : s.src;
  if (s.csvTypes) {
    // The cells as text (a leading byte-order mark kept, see varcharKeepingBom), typed as loadDataset types the column, dotted headers nested.
    const described = await all(c, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${s.src})`);
    const rows = await all(c, `SELECT ${varcharKeepingBom(described, table ? ['__p'] : [])} FROM ${from}`);
    return rows.map((r) => csvRow(r, s.csvTypes!, s.csvColumns!));
  }
  if (s.format === 'parquet') {
    // Top-level strings through BLOB, so that a leading byte-order mark survives (see varcharKeepingBom).
    const described = await all(c, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${s.src})`);
    const rows = await all(c, `SELECT ${varcharKeepingBom(described, table ? ['__p'] : [])} FROM ${from}`);
    return rows.map((r) => plain(r) as Row);
  }
  const rows = await all(c, `SELECT json::VARCHAR AS j FROM ${from}`);
  const out: Row[] = [];
  for (const [i, r] of rows.entries()) {
    const v = JSON.parse(r.j as string) as unknown;
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      // The file and line, as loadDataset names them (a row of a partition tells the user nothing).
      throw (await badLine(c, s)) ?? new ShadowDataError(`${FN}: ${s.file}: each row must be a JSON object (one event), got ${describeValue(v)} (partition ${p}, row ${i})`);
    }
    out.push(v as Row);
  }
  return out;
}

/**
 * Where a CSV side lacks a column asked for: a ragged record misleads DuckDB's sniffer into
 * another header or dialect (columns named by a data line), so the files are read as loadDataset
 * reads them and the first bad line is thrown, named by file and line; without one, the caller's
 * error stands.
 */
async function csvBadLine(s: Side): Promise<void> {
  for (const f of await datasetFiles(s.file, FN)) await checkCsvLines(FN, f, csvDelimiter(f));
}

/**
 * A CSV row read as text, as loadDataset reads it: a number column's cell as Number reads it, a
 * boolean column's `true`/`false` in any case, an empty cell null; a dotted header nested (a
 * column `geo.city` is `geo: { city }`).
 */
function csvRow(r: Record<string, unknown>, types: ReadonlyMap<string, CsvColumnType>, columns: ReadonlyMap<string, string>): Row {
  const row: Row = {};
  for (const [name, type] of types) {
    const t = r[columns.get(name)!] as string | null | undefined;
    setCsvPath(row, name.split('.'), t === null || t === undefined ? null : type === 'number' ? Number(t) : type === 'boolean' ? t.toLowerCase() === 'true' : t);
  }
  return row;
}

/** A JSON Lines or JSON side's first bad line or element (file and line, as loadDataset names it), over the files its pattern reads. */
async function badLine(c: DuckDBConnection, s: Pick<Side, 'format' | 'file'>): Promise<ShadowDataError | undefined> {
  return s.format === 'jsonl' || s.format === 'json' ? jsonFileError(FN, await filesOfPattern((sql) => all(c, sql), s.file)) : undefined;
}

/**
 * A CSV side (a file or a glob): read once as text into a table of the run (`csv_legacy`,
 * `csv_shadow`; DuckDB spills it past memoryLimit), its columns typed over the whole side as
 * loadDataset infers them (csvColumnTypes: a number column only if every cell is a number, so
 * `007` or one `n/a` keeps a column text). A malformed record names its file and line.
 */
async function csvSide(c: DuckDBConnection, name: 'legacy' | 'shadow', file: string, given?: CsvColumns): Promise<Side> {
  const table = `csv_${name}`;
  const files = await filesOfPattern((sql) => all(c, sql), file);
  for (const f of files) if (statSync(f, { throwIfNoEntry: false })?.size === 0) throw new ShadowDataError(`${FN}: ${name} file ${f} is empty (no header, no rows): an empty comparison never passes`);
  try {
    await c.run(`CREATE TEMP TABLE ${table} AS SELECT * FROM ${csvTextRead(file)}`);
  } catch (e) {
    for (const f of files) {
      const bad = await csvFileError(FN, f, (e as Error).message);
      if (bad) throw bad;
    }
    throw new ShadowOptionError(`${FN}: cannot read ${name} file ${file}: ${(e as Error).message}`);
  }
  const [r] = await all(c, `SELECT count(*) AS n FROM ${table}`);
  // A group's file under by: the columns as typed over the whole side (see splitCsvSide).
  if (given) return { name, file, format: 'csv', src: table, rows: Number(r.n), csvTypes: given.types, csvColumns: given.columns };
  const names = (await all(c, `SELECT column_name FROM (DESCRIBE ${table})`)).map((r) => String(r.column_name));
  // The header's own names where DuckDB renamed one (the second of two names differing only in
  // case: a and A_1), which loadDataset keeps as written: read only then (the read sniffs the file again).
  const renamed = names.some((n) => /_\d+$/.test(n) && names.some((m) => m !== n && m.toLowerCase() === n.replace(/_\d+$/, '').toLowerCase()));
  const [first] = renamed ? await all(c, `SELECT * FROM ${csvTextRead(files[0] ?? file).replace('header = true', 'header = false')} LIMIT 1`) : [];
  const header = first ? Object.values(first).map((v) => String(v ?? '')) : [];
  const heading = names.map((n, i) => (header.length === names.length ? header[i] : n));
  const types = await csvColumnTypes(c, table, names);
  return { name, file, format: 'csv', src: table, rows: Number(r.n), csvTypes: new Map(heading.map((h, i) => [h, types.get(names[i])!])), csvColumns: new Map(heading.map((h, i) => [h, names[i]])) };
}

/** A CSV side's columns: by header name, each one's type over the whole side and its name in DuckDB's relation. */
type CsvColumns = NonNullable<GroupSplit['csv']>;

/**
 * Splits a CSV side for `by` (compareFilesByGroup): the side read as csvSide reads it (text, each
 * column typed over the whole side), each group's rows written to a CSV file of their own, in the
 * side's order, and read back with the whole side's types (GroupSplit.csv), so that a column keeps
 * its type in every group, as in memory. A group's name is its `by` cell as the column is typed
 * (csvGroups); a side without the column is one group, `(none)`. Groups `keep` refuses are
 * counted, not written; a group the side lacks reads a file of its header alone (emptyFile).
 */
async function splitCsvSide(c: DuckDBConnection, path: string, by: string, _paths: readonly string[], dir: string, tag: string, keep: (group: string) => boolean): Promise<GroupSplit> {
  const side = await csvSide(c, tag === 'shadow' ? 'shadow' : 'legacy', path);
  const types = side.csvTypes!;
  const columns = side.csvColumns!;
  const heading = [...types.keys()];
  if (!types.has(by) && heading.some((h) => h.startsWith(`${by}.`))) {
    throw new ShadowOptionError(`${FN}: by '${by}' names an object of ${path} (its columns ${heading.filter((h) => h.startsWith(`${by}.`)).join(', ')}); on files by needs one column`);
  }
  const col = types.has(by) ? q(columns.get(by)!) : 'NULL';
  const values = await all(c, `SELECT ${col} AS g, count(*) AS n FROM ${side.src} GROUP BY ALL`);
  const byName = csvGroups(values, types.get(by) ?? 'string');
  const parts = await writeCsvGroups(c, side.src, col, byName, dir, tag, keep);
  // The header alone, for a group this side lacks.
  const emptyFile = join(dir, `${tag}-none.csv`);
  await c.run(`COPY (SELECT * FROM ${side.src} LIMIT 0) TO ${fileLiteral(emptyFile)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
  await c.run(`DROP TABLE ${side.src}`);
  return {
    parts,
    rows: side.rows,
    holds: (g, p) => byName.has(g) && heading.some((h) => h === p || h.startsWith(`${p}.`)),
    topFields: async () => [...new Set(heading.map((h) => h.split('.')[0]))],
    emptyFile,
    csv: { types, columns },
  };
}

/**
 * The sequence tier on files too large for memory: compareSequences' report, computed by
 * hash-partitioning the entities in DuckDB (every event of an entity lands in the same
 * partition on both sides) and running the in-memory pipeline on one partition at a time, then
 * merging the partitions (exact sums, examples chosen in entity-key order over all of them). The
 * report equals `compareSequences(await loadDataset(legacy), await loadDataset(shadow), options)`
 * (test/sequences/duckdb). Parquet, CSV, JSON Lines and JSON files, globs allowed (CSV columns
 * typed over the whole side as loadDataset types them); peak memory is
 * about one partition's rows. Legacy is the reference. With `by` (a field path) each side is
 * split into a file per group and each group compared as above: compareSequences' GroupedReport.
 *
 * @param legacy - a Parquet, CSV, JSON Lines or JSON file (or glob)
 * @param shadow - the same for the shadow output
 * @example
 * import { compareSequenceFiles } from 'vitest-shadow/duckdb';
 * const report = await compareSequenceFiles('out/legacy.parquet', 'out/shadow.parquet', {
 *   entity: 'userId', orderBy: 'ts', id: 'eventId', window: { last: 50 },
 * });
 * if (report.verdict !== 'pass') console.log(renderReport(report));
 */
export async function compareSequenceFiles(legacy: string, shadow: string, options: CompareSequenceFilesOptions & GroupOptions<CompareSequenceFilesOptions>): Promise<GroupedReport<SequenceReport>>;
export async function compareSequenceFiles(legacy: string, shadow: string, options: CompareSequenceFilesOptions): Promise<SequenceReport>;
export async function compareSequenceFiles(legacy: string, shadow: string, options: CompareSequenceFilesOptions): Promise<SequenceReport | GroupedReport<SequenceReport>> {
  const lf = formatOf('legacy', legacy);
  const sf = formatOf('shadow', shadow);
  // by (per event type): each side split into a file per group, each compared here, composed as compareSequences composes its groups.
  if (hasGroupBy(options)) {
    return compareFilesByGroup<SequenceReport>(legacy, shadow, options as unknown as Record<string, unknown>, {
      fn: FN,
      adapter: { fieldRules: options.assembled ? [] : [['fields']], unit: 'entities' },
      formats: [lf, sf],
      emptySides: true,
      splitCsv: splitCsvSide,
      compare: (files, _parts, _group, opts, splits) => compareSides(files.legacy, files.shadow, opts as unknown as CompareSequenceFilesOptions, { legacy: splits.legacy.csv, shadow: splits.shadow.csv }),
    });
  }
  return compareSides(legacy, shadow, options);
}

/** compareSequenceFiles without `by`; `csv`: per CSV side, its columns as typed over its whole side (a group's file under by). */
async function compareSides(legacy: string, shadow: string, options: CompareSequenceFilesOptions, csv: { legacy?: CsvColumns; shadow?: CsvColumns } = {}): Promise<SequenceReport> {
  const lf = formatOf('legacy', legacy);
  const sf = formatOf('shadow', shadow);
  if (options === null || typeof options !== 'object') resolveSequenceOptions(options, FN);
  const { partitionRows = 1_000_000, memoryLimit, threads, ...rest } = options as CompareSequenceFilesOptions & Record<string, unknown>;
  const o = resolveSequenceOptions(rest, FN);
  const entity = options.entity;
  if (typeof entity !== 'string' && !(Array.isArray(entity) && entity.every((p) => typeof p === 'string'))) {
    throw new ShadowOptionError(`${FN}: entity must be a column path or an array of paths (the SQL engine partitions on it), got ${describeValue(entity)}; a function needs compareSequences on loaded rows`);
  }
  assertNumber(FN, 'partitionRows', partitionRows, { min: 1, integer: true });
  assertMemoryLimit(FN, memoryLimit);
  if (threads !== undefined) assertNumber(FN, 'threads', threads, { min: 1, integer: true });
  const paths = typeof entity === 'string' ? [entity] : entity;

  // Spill files past memoryLimit go to a directory of the run (DuckDB's default is .tmp in the working directory).
  const own = await openDuckDb(duck, { memoryLimit: memoryLimit as string | undefined, threads: threads as number | undefined });
  const { c } = own;
  try {
    const sides: Side[] = [];
    for (const [name, file, format] of [['legacy', legacy, lf], ['shadow', shadow, sf]] as const) {
      if (format === 'csv') {
        sides.push(await csvSide(c, name, file, csv[name]));
        continue;
      }
      const src = format === 'parquet' ? `read_parquet(${fileLiteral(file)})` : format === 'jsonl' ? `read_ndjson_objects(${fileLiteral(file)})` : `read_json_objects(${fileLiteral(file)}, format = 'auto')`;
      let rows: number;
      try {
        const [r] = await all(c, `SELECT count(*) AS n FROM ${src}`);
        rows = Number(r.n);
      } catch (e) {
        // DuckDB names a malformed line by its own count (line 4 for the third): loadDataset's file and line instead.
        throw (/json/i.test((e as Error).message) ? await badLine(c, { format, file }) : undefined) ?? new ShadowOptionError(`${FN}: cannot read ${name} file ${file}: ${(e as Error).message}`);
      }
      sides.push({ name, file, format, src, rows });
    }
    const P = Math.max(1, Math.ceil(Math.max(sides[0].rows, sides[1].rows) / partitionRows));
    const tables: (string | null)[] = [null, null];
    if (P > 1) {
      for (const [i, s] of sides.entries()) {
        const key = await entityText(c, s, paths);
        const cols = s.format === 'jsonl' || s.format === 'json' ? 'json' : '*';
        await c.run(`CREATE TEMP TABLE side${i} AS SELECT (hash(${key}) % ${P})::INTEGER AS __p, ${cols} FROM ${s.src}`);
        tables[i] = `side${i}`;
      }
    } else {
      for (const s of sides) await entityText(c, s, paths);
    }
    // Flat events: an orderBy column absent from a whole file is an error naming it (not a report
    // of every event without an order value).
    if (o.assembled === null) for (const s of sides) if (s.rows > 0) await assertColumns(c, s, o.orderBy.map((k) => k.path), 'orderBy');
    const parts: SequencePartition[] = [];
    for (let p = 0; p < P; p++) {
      const l = await readPartition(c, sides[0], tables[0], p);
      const s = await readPartition(c, sides[1], tables[1], p);
      parts.push(runPartition(l, s, o, FN));
    }
    return mergePartitions(parts, o);
  } finally {
    own.close();
  }
}
