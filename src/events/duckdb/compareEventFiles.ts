import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import * as duck from '@duckdb/node-api';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { duckdbRowConverter, keepingBomSql, varcharKeepingBom } from '../../dataset/_internal/duckdbRowConverter.js';
import { wideDecimalSql } from '../../dataset/_internal/parquetDecimals.js';
import { resolveDefaults } from '../_internal/resolveDefaults.js';
import { ShadowDataError, ShadowOptionError, assertKnownKeys, assertMemoryLimit, assertNumber, assertOneOf, assertPlainObject, assertRate, describeValue, nearest } from '../../_internal/options.js';
import type { CompareEventsOptions, EventCounts, EventReport, FieldReport, MismatchGroup, ValueType } from '../compareEvents.js';
import { caseRenames } from '../_internal/caseRenames.js';
import { dottedKeyReasons } from '../_internal/resolveFields.js';
import { ShapeAccumulator } from '../_internal/deltaShape.js';
import { eventReasons } from '../_internal/eventReasons.js';
import { evidenceHints, keyTypeHints } from '../_internal/eventHints.js';
import { compareKeys, isNoKeyValue } from '../../join/keys.js';
import { compileGetter } from '../../_internal/path.js';
import { REPORT_VERSION, sortReasons, verdictOf, type Reason } from '../../report/types.js';
import { compileFieldRule, type FieldRule, type FieldRuleObject } from '../../tolerance/compileFieldRule.js';
import { parseDuration } from '../../tolerance/parseDuration.js';
import { childNames, columnTree, containerPaths, flattenColumns, jsonStructurePaths, mapTypes, structMembers, typeClass } from '../../_internal/duckdbColumns.js';
import { agreeShortcut, agreeSql, deltaSql, derivedSql, prepareSides, unparseableSql, wideIntSql, type SqlRule } from './_internal/fieldSql.js';
import { MACROS, asJson, jsonColumn, keySql, nativeColumn, nativeKeys, taggedKeyOrderSql, untagKey, wideInt, type SideColumn } from './_internal/sideColumn.js';
import { nativeJson, rowTemplate, type NativeJson } from './_internal/jsonNative.js';
import { READER_SAMPLE, jsonLinesHead } from './_internal/jsonLinesHead.js';
import { registerCollector, registerUdfs } from './_internal/udfs.js';
import { DeltaSink } from './_internal/deltaSink.js';
import { openDuckDb } from '../../_internal/duckdbInstance.js';
import { deltaStatsOfParts } from '../_internal/summariseEvidence.js';
import { checkCsvLines, datasetFiles } from '../../dataset/loadDataset.js';
import { checkEventAdjustmentOptions, invalidCalibration, judgeNoise } from '../../noise/adjustEventEvidence.js';
import type { NoiseJudgement } from '../../noise/types.js';
import { csvDelimiter, csvFileError, fileLiteral, filesOfPattern, jsonFileError, malformedCsv } from '../../_internal/duckdbFile.js';
import { hasGroupBy } from '../../groups/compareByGroup.js';
import type { GroupOptions, GroupedReport } from '../../groups/types.js';
import { compareFilesByGroup, csvGroups, jsonPath, writeCsvGroups, type GroupFormat, type GroupSplit } from './_internal/groupFiles.js';
import { csvBooleanSql, csvBooleanValueSql, csvColumnTypes, csvNumberSql } from '../../_internal/csvCellSql.js';

/**
 * Options of {@link compareEventFiles}: those of compareEvents that a SQL engine can execute.
 * Rules with functions (`equals`, function normalisers) need the in-memory engine.
 *
 * @example
 * const options: CompareEventFilesOptions = { key: 'eventId', fields: { ts: { time: '2s' }, price: { abs: 0.01 } } };
 */
export interface CompareEventFilesOptions extends Pick<CompareEventsOptions, 'fields' | 'compare' | 'defaults' | 'duplicateKeys' | 'ignoreFieldCase' | 'rename' | 'nullEqualsMissing' | 'minMatchRate' | 'maxMissingRate' | 'maxExtraRate' | 'maxDuplicateKeys' | 'maxMissingKeyRows' | 'maxExamples' | 'label' | 'noise' | 'noiseAlpha' | 'maxNoiseExcess'> {
  /** A column path or an array of column paths (a tuple). Functions need the in-memory engine. */
  key: string | readonly string[];
  /**
   * Limit on DuckDB's memory; beyond it the join and the aggregations spill to a directory of
   * the run under the system's temporary directory (removed after). The |delta| values (8 bytes
   * per pair per numeric field, held in JS for the exact quantiles) and the sample of mismatching
   * pairs are not spilled.
   * @defaultValue DuckDB's default (80 % of RAM)
   */
  memoryLimit?: string;
  /**
   * Mismatching pairs per field read back to name the shape of its differences (the first by key).
   * @defaultValue 10000
   */
  shapeSample?: number;
  /**
   * DuckDB worker threads.
   * @defaultValue DuckDB's default (one per core)
   */
  threads?: number;
}

const FN = 'compareEventFiles';
const OPTION_KEYS = [
  'key', 'fields', 'compare', 'defaults', 'duplicateKeys', 'ignoreFieldCase', 'rename', 'nullEqualsMissing', 'minMatchRate', 'maxMissingRate', 'maxExtraRate', 'maxDuplicateKeys',
  'maxMissingKeyRows', 'maxExamples', 'label', 'memoryLimit', 'shapeSample', 'threads', 'noise', 'noiseAlpha', 'maxNoiseExcess',
] as const;

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;
const colRef = (alias: string, path: string) => `${alias}.${path.split('.').map(q).join('.')}`;


type Format = 'parquet' | 'csv' | 'jsonl' | 'json';
function formatOf(fn: string, side: string, path: string): Format {
  if (typeof path !== 'string' || !path) throw new ShadowOptionError(`${fn}: ${side} must be a file path, got ${describeValue(path)}`);
  const p = path.toLowerCase().replace(/\.(gz|zst)$/, '');
  if (p.endsWith('.parquet')) return 'parquet';
  if (p.endsWith('.csv') || p.endsWith('.tsv')) return 'csv';
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return 'jsonl';
  if (p.endsWith('.json')) return 'json';
  throw new ShadowOptionError(`${fn}: cannot tell the format of ${side} file ${path}; use .parquet, .csv, .jsonl/.ndjson or .json (optionally .gz)`);
}

/**
 * The relation a file is read as. CSV: types inferred over the whole column among BOOLEAN, DOUBLE
 * and VARCHAR (as loadDataset infers them; never DATE). JSON: one JSON document per row, each
 * value typed as JSON.parse types it.
 */
function source(format: Format, path: string): string {
  switch (format) {
    case 'parquet':
      return `read_parquet(${fileLiteral(path)})`;
    case 'csv':
      return `read_csv(${fileLiteral(path)}, auto_type_candidates = ['BOOLEAN', 'DOUBLE', 'VARCHAR'], sample_size = -1)`;
    case 'jsonl':
      return `read_ndjson_objects(${fileLiteral(path)})`;
    case 'json':
      return `read_json_objects(${fileLiteral(path)}, format = 'auto')`;
  }
}

/** One side: its file, how it is read, its paths. */
interface Side {
  name: 'legacy' | 'shadow';
  file: string;
  json: boolean;
  csv: boolean;
  src: string;
  /** Leaf path → DuckDB type ('JSON' for JSON files). */
  leaves: Map<string, string>;
  containers: Map<string, string>;
  /** JSON files: path → column alias in the side's table. */
  aliases: Map<string, string>;
  /**
   * JSON files whose paths came from the reader's schema: a BIGINT per row, -1 for a row with a
   * key (or a kind of value) the schema lacks, else the sum of 2^i over the paths read as native
   * values (the i-th of `typed`) whose presence or kind the row breaks (see NativeJson); 0 for a
   * row that breaks nothing.
   */
  keysOutside?: string;
  /** JSON files whose schema came from a sample: the paths whose json_type keysOutside reads (as __jt[i]). */
  typePaths?: string[];
  /** JSON files: the type the reader inferred per path, over every row or over its sample and then proven on every row (VARCHAR: only strings or null). */
  inferred?: Map<string, string>;
  /** JSON files: the paths read as native values (see jsonPaths), by DuckDB type. */
  typed?: Map<string, NativeJson>;
  /** JSON files: the list paths whose elements' json_type keysOutside reads (as __je{i}). */
  elemPaths?: string[];
  /**
   * JSON files: the object paths (containers) that hold `null` on some row, every one of them
   * (from the reader's sample, the proof holding on every row, else a scan of the file). In
   * memory such a path, an object on other rows, is a field of its own (see objectFields).
   */
  nullObjects?: Set<string>;
  /**
   * Typed files (Parquet): the relation as the file holds it, where `src` reads its MAP columns as
   * structs (see mapsAsStructs): rows shown whole (keylessExamples) are read from it.
   */
  raw?: string;
  /**
   * Typed files: the MAP columns read as structs of their keys (see mapsAsStructs), by path: the
   * column holding the MAP itself, and its type; no column for a map with no key on any row, which
   * stays in place, a container without members.
   */
  maps?: Map<string, { col?: string; type: string }>;
  /** Parquet files: what the footer proved of struct paths, read once per path (see footerNulls). */
  footer?: Map<string, Promise<{ never: boolean; held: boolean }>>;
  /**
   * Typed files: the MAP columns with no key on any row and the top-level STRUCT columns that are
   * NULL on every row, by path and type: leaves (memory sees only null there, no member), unless
   * the other side holds an object there (see where both sides are described).
   */
  nullObjectPaths?: Map<string, string>;
  /** Typed files: the members of those structs, by path: the column holding the MAP and the key's SQL literal (missing where the map lacks the key). */
  mapKeys?: Map<string, { col: string; key: string }>;
  /** CSV files whose column types come from a sample (a value that does not convert fails the read). */
  sampled?: boolean;
  /** CSV: the sniffed read_csv before guardedCsv typed its number and boolean columns. */
  sniffed?: string;
  /**
   * CSV: the relation's column of each path the header names otherwise (DuckDB's names are
   * case-insensitive: a header `num,NUM` reads as the columns num and NUM_1, where loadDataset
   * reads the fields num and NUM).
   */
  csvColumns?: Map<string, string>;
  /** JSON and Parquet files: the paths whose own key holds a dot (see dottedKeyReasons). */
  dotted?: string[];
}

/**
 * The message of the error a JSON row that breaks the schema or a native read (see keysOutside)
 * raises in the pass, followed by the side and the row's code: the first such row ends the pass,
 * which then reruns on the next schema, or with the paths it names read as JSON values.
 */
const JSON_BROKEN = '__shadow_json_schema_broken:';
/** The code of a JSON row holding `null` at an object path not known to (see Side.nullObjects): the side is scanned for them and the comparison reruns. */
const NULL_OBJECT_CODE = -2;

/** The object paths of a JSON file (its containers) that hold `null` on some row: one parse of every row. */
async function scanNullObjects(c: DuckDBConnection, src: string, containers: readonly string[]): Promise<Set<string>> {
  if (containers.length === 0) return new Set();
  const [r] = await rows(c, `SELECT ${containers.map((_, j) => `coalesce(bool_or(__jc[${j + 1}] = 'NULL'), false) AS z${j}`).join(', ')}
    FROM (SELECT json_type(json, [${containers.map((p) => lit(jsonPath(p))).join(', ')}]) AS __jc FROM ${src})`);
  return new Set(containers.filter((_, j) => r[`z${j}`] === true));
}
/** The message of the error a JSON row that is no object ends the pass with (see jsonPaths). */
const JSON_NOT_OBJECT = '__shadow_json_not_object';
/** The message of the error a JSON row whose object names a key twice ends the pass with. */
const JSON_KEY_TWICE = '__shadow_json_key_twice';

/**
 * What a rerun of the comparison changes: JSON paths from the whole file's schema or json_group_structure, CSV types from the whole file.
 * @internal
 */
export interface Retry {
  json?: 'full' | 'structure';
  /** false: no JSON path read as native values. */
  typedJson?: boolean;
  /** Per side, JSON paths not read as native values (a row broke what the sample showed). */
  untypedJson?: { legacy?: string[]; shadow?: string[] };
  /** Reruns so far with paths taken off the native read. */
  nativeReruns?: number;
  csvFullSniff?: boolean;
  /** Per side, CSV columns read as text: a cell that loadDataset would not read as a number or boolean. */
  csvText?: { legacy?: string[]; shadow?: string[] };
  /**
   * Per CSV side, its read with the column types already decided (a group's file under `by`, typed
   * over the whole side: see splitCsvSide), used instead of sniffing the file.
   */
  csvRead?: { legacy?: CsvRead; shadow?: CsvRead };
  /** Per JSON side, the object paths a row holds `null` at (found by a scan after a row past the sample broke the proof). */
  nullObjects?: { legacy?: string[]; shadow?: string[] };
  /**
   * The side with no rows (a group that only the other side has, under `by`): its path is not
   * read; it holds the key columns typed as the other side's, and no other field, as an empty
   * array of rows holds none in memory.
   */
  empty?: 'legacy' | 'shadow';
  /** JSON sides: a key path no row holds is no error (every row is keyless, as in memory): a group of the file under `by`. */
  absentKey?: boolean;
  /** Under `by`, the group every row of this run is in, for a noise calibration made per that group (`noise.by` = `by`). */
  noiseGroup?: string;
}

/** A CSV side's read with its column types decided (sniffedCsv's form) and the names its header gives its columns, in order. */
export interface CsvRead {
  read: string;
  header: string[];
}

/** The JSON paths of the rerun after a check of the reader's schema failed: the whole file's, then json_group_structure's. */
const nextJson = (retry: Retry): Retry => ({ ...retry, json: retry.json === undefined ? 'full' : 'structure' });

function sqlRule(path: string, rule: FieldRule | undefined): { rule: SqlRule; description: string; reportDelta: 'always' | 'mismatch' | 'never'; minMatchRate?: number; time: boolean } | 'ignore' {
  if (rule === 'ignore') {
    compileFieldRule(FN, path, rule);
    return 'ignore';
  }
  const base: SqlRule = { abs: 0, rel: 0, numeric: false, isclose: false, timeMs: undefined, unit: 1, unordered: false, steps: undefined, decimal: false };
  if (rule === undefined || rule === 'exact') return { rule: base, description: 'exact', reportDelta: 'always', time: false };
  if (rule !== null && typeof rule === 'object' && !Array.isArray(rule)) {
    const r = rule as FieldRuleObject;
    if (typeof r.equals === 'function') {
      throw new ShadowOptionError(`${FN}: fields.${path}.equals is a function, which the SQL engine cannot run; use compareEvents on rows loaded in memory`);
    }
    const steps = r.normalize === undefined ? [] : ((Array.isArray(r.normalize) ? r.normalize : [r.normalize]) as unknown[]);
    for (const [i, s] of steps.entries()) {
      if (typeof s === 'function') {
        throw new ShadowOptionError(`${FN}: fields.${path}.normalize[${i}] is a function, which the SQL engine cannot run; use compareEvents on rows loaded in memory`);
      }
    }
  }
  // The in-memory compiler validates the rule with the same messages and gives its description.
  const c = compileFieldRule(FN, path, rule);
  const r = rule as FieldRuleObject;
  const steps = r.normalize === undefined ? undefined : (Array.isArray(r.normalize) ? r.normalize : [r.normalize]).join(',');
  const unit = { s: 1000, ms: 1, us: 1e-3, ns: 1e-6 }[r.epochUnit ?? 'ms'];
  const names = r.normalize === undefined ? [] : Array.isArray(r.normalize) ? r.normalize : [r.normalize];
  const sql: SqlRule = {
    abs: r.isclose ? (r.isclose.abs ?? 0) : (r.abs ?? 0),
    rel: r.isclose ? (r.isclose.rel ?? 0) : (r.rel ?? 0),
    numeric: r.abs !== undefined || r.rel !== undefined || r.isclose !== undefined,
    isclose: r.isclose !== undefined,
    timeMs: r.time === undefined ? undefined : parseDuration(FN, `fields.${path}.time`, r.time),
    unit,
    unordered: r.unordered === true,
    steps,
    decimal: names.includes('decimal'),
  };
  return { rule: sql, description: c.description, reportDelta: c.numeric ? 'always' : 'mismatch', minMatchRate: c.minMatchRate, time: c.time };
}

/** Values as loadDataset reads the same Parquet file (timestamps to the µs, maps as objects). */
const ROW_VALUES = duckdbRowConverter(duck);

async function rows(c: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  const r = await c.runAndReadAll(sql);
  return r.convertRowObjects(ROW_VALUES) as Record<string, unknown>[];
}

/**
 * The rows each file scan of the last profiled query gave, by the file it read (DuckDB's JSON
 * profile: operator READ_*, its cardinality, extra_info "Filename(s)"), one entry per scan. A
 * scan with no filter (a view of the whole file joined by a FULL JOIN) gives every row of its
 * file. An unreadable profile gives an empty map: the caller counts instead.
 * @internal
 */
export function scanRows(profilePath: string): Map<string, number[]> {
  const found = new Map<string, number[]>();
  try {
    type Node = { operator_name?: string; operator_cardinality?: number; extra_info?: Record<string, unknown>; children?: Node[] };
    const walk = (n: Node) => {
      const file = n.extra_info?.['Filename(s)'];
      if (n.operator_name?.startsWith('READ_') && typeof file === 'string' && Number.isSafeInteger(n.operator_cardinality)) {
        found.set(file, [...(found.get(file) ?? []), n.operator_cardinality!]);
      }
      for (const child of n.children ?? []) walk(child);
    };
    walk(JSON.parse(readFileSync(profilePath, 'utf8')) as Node);
  } catch {
    found.clear();
  }
  return found;
}

/** Rows read for the examples of rows without a key (file order); among them the first by JSON text are shown, as compareEvents shows its. */
const KEYLESS_ROWS = 10_000;

/**
 * The first `max` rows of a side that have no key (a key part null, missing or NaN), by their JSON
 * text as compareEvents orders them, each with the key part it lacks: one more read of the file,
 * made only when the pass counted such rows. Rows as loadDataset reads them: a JSON line parsed, a
 * Parquet or CSV row as the engine's read gives it (64-bit integers within 2^53 as numbers).
 */
async function keylessExamples(c: DuckDBConnection, side: Side, keys: readonly string[], max: number): Promise<EventReport['examples']['missingKey']> {
  if (max === 0) return [];
  let found: Record<string, unknown>[];
  if (side.json) {
    const none = keys.map((k) => `coalesce(json_type(json, ${lit(jsonPath(k))}), 'NULL') = 'NULL'`).join(' OR ');
    found = (await rows(c, `SELECT json::VARCHAR AS j FROM ${side.src} WHERE ${none} LIMIT ${KEYLESS_ROWS}`)).map((r) => JSON.parse(r.j as string) as Record<string, unknown>);
  } else {
    const none = keys.map((k) => {
      const ref = side.csv ? `x.${q(side.csvColumns?.get(k) ?? k)}` : colRef('x', k);
      return /^(DOUBLE|FLOAT|REAL)$/i.test(side.leaves.get(k) ?? '') ? `(${ref} IS NULL OR isnan(${ref}))` : `${ref} IS NULL`;
    }).join(' OR ');
    // Top-level strings read as their bytes, so that a leading byte-order mark is kept (see varcharKeepingBom).
    const from = side.raw ?? side.src;
    const described = await rows(c, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${from})`);
    found = (await rows(c, `SELECT ${varcharKeepingBom(described)} FROM ${from} x WHERE ${none} LIMIT ${KEYLESS_ROWS}`)).map((r) => plain(r, true) as Record<string, unknown>);
    // A CSV column DuckDB renamed, under the header's name (see Side.csvColumns).
    const header = new Map([...(side.csvColumns ?? [])].map(([p, col]) => [col, p]));
    if (header.size) found = found.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [header.get(k) ?? k, v])));
  }
  const getters = keys.map((k) => compileGetter(k));
  return found
    .map((row) => ({ row, text: JSON.stringify(row, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? '' }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0))
    .slice(0, max)
    .map(({ row }) => ({ side: side.name, field: keys.find((_, i) => isNoKeyValue(getters[i](row))) ?? keys[0], row }));
}

/**
 * SQL true where the struct holding `path` on a typed side (Parquet) is NULL on the row: the
 * member is then missing, not null, as loadDataset reads it. Undefined where no struct holds it
 * (a top-level column, a CSV column, a JSON side, whose values tell the two apart themselves).
 */
function parentNullSql(side: Side, alias: string, path: string): string | undefined {
  const inMap = mapHoldsSql(side, alias, path);
  if (inMap) return `(NOT ${inMap})`;
  const dot = path.lastIndexOf('.');
  return !side.json && !side.csv && dot > 0 && side.containers.has(path.slice(0, dot)) ? `(${colRef(alias, path.slice(0, dot))} IS NULL)` : undefined;
}

/** SQL true where the map holding the key `path` (a member of a MAP read as a struct, see mapsAsStructs) holds it, else false; undefined for any other path. */
function mapHoldsSql(side: Side, alias: string, path: string): string | undefined {
  const key = side.mapKeys?.get(path);
  return key && `coalesce(map_contains(${alias}.${q(key.col)}, ${key.key}), false)`;
}

/** The column holding a MAP that mapsAsStructs reads as a struct at `path`, as `alias` names it; undefined for any other path. */
function mapRef(side: Side, alias: string, path: string): string | undefined {
  const map = side.maps?.get(path);
  return map ? (map.col ? `${alias}.${q(map.col)}` : colRef(alias, path)) : undefined;
}

async function run(c: DuckDBConnection, sql: string): Promise<void> {
  await c.run(sql);
}

const toNum = (v: unknown) => (typeof v === 'bigint' ? Number(v) : (v as number));
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);
/**
 * DuckDB values to the JS values the in-memory engine would have read: numbers (an integer column
 * compares as numbers, see wideIntSql), except with `big` an integer past 2^53, kept a BigInt as
 * loadDataset reads it (a wide integer column against a non-integer one).
 */
function plain(v: unknown, big = false): unknown {
  if (typeof v === 'bigint') return big && (v > SAFE || v < -SAFE) ? v : Number(v);
  // A timestamp stays a Date (a PreciseDate to the µs), as loadDataset reads it: shown and shaped as a time, not as text.
  if (v instanceof Date) return v;
  if (v instanceof Uint8Array) return v;
  if (Array.isArray(v)) return v.map((x) => plain(x, big));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x, big)]));
  return v;
}
/** A value read back: JSON text parsed (SQL NULL is a missing value), native values made plain. */
const readBack = (v: unknown, json: boolean, big = false) => (json ? (v === null || v === undefined ? undefined : (JSON.parse(v as string) as unknown)) : plain(v, big));

/** Maps a legacy path to its shadow path under `rename` (exact, else the longest renamed prefix). */
function renamePath(path: string, rename: Map<string, string>, reverse = false): string {
  const pairs = reverse ? [...rename].map(([a, b]) => [b, a] as const) : [...rename];
  let best: readonly [string, string] | undefined;
  for (const p of pairs) {
    if ((path === p[0] || path.startsWith(`${p[0]}.`)) && (!best || p[0].length > best[0].length)) best = p;
  }
  return best ? best[1] + path.slice(best[0].length) : path;
}

/** Both sides' results, run at once; a failure is reported for the legacy side first, as if run in turn. */
async function bothSides<A, B>(legacy: Promise<A>, shadow: Promise<B>): Promise<[A, B]> {
  const [l, s] = await Promise.allSettled([legacy, shadow]);
  if (l.status === 'rejected') throw l.reason;
  if (s.status === 'rejected') throw s.reason;
  return [l.value, s.value];
}

/**
 * False when a JSON path the reader typed `type` over every row never holds a number, in a list
 * or not (strings, booleans, objects); true for numbers, mixed values (JSON) and anything unknown.
 */
function mayHoldNumbers(type: string): boolean {
  const t = type.toUpperCase();
  const cls = typeClass(t);
  if (cls === 'string' || cls === 'bool' || cls === 'time') return false;
  if (cls === 'list') return mayHoldNumbers(t.replace(/\[\]$/, '').replace(/^LIST\((.*)\)$/, '$1'));
  return !t.startsWith('STRUCT');
}

/**
 * Throws the error loadDataset gives on the first bad line of a JSON Lines file (or element of a
 * JSON file), or of the files its glob matches (file and line); returns when all are objects.
 */
async function throwBadLine(c: DuckDBConnection, file: string): Promise<void> {
  const bad = await jsonFileError(FN, await filesOfPattern((sql) => rows(c, sql), file));
  if (bad) throw bad;
}

/**
 * read_csv with the dialect and column types DuckDB's sniffer finds, detection off: over the
 * whole file (`full`, as loadDataset infers types), or over its default sample (the first
 * 20,480 rows). Types taken from a sample hold for the file or fail the read with a conversion
 * error, after which the comparison reruns on the whole file's types: a column is DOUBLE or
 * BOOLEAN only if every value read converts. A sample without a quote character reads with '"'
 * as the quote (RFC 4180, as loadDataset reads), so a quoted value further down is still one value.
 */
async function sniffedCsv(c: DuckDBConnection, file: string, full: boolean): Promise<string> {
  const [r] = await rows(c, `SELECT Prompt AS p FROM sniff_csv(${fileLiteral(file)}, auto_type_candidates = ['BOOLEAN', 'DOUBLE', 'VARCHAR']${full ? ', sample_size = -1' : `, buffer_size = ${CSV_SAMPLE_BUFFER}`})`);
  const m = /^FROM (read_csv\(.*\));?\s*$/s.exec(String(r.p));
  // A prompt of another form (a future DuckDB) falls back to detection at every read: slower, same result.
  if (!m) return source('csv', file);
  // The sample's buffer is the sniff's only: the file is read with DuckDB's own.
  const read = m[1].replace(/, buffer_size=\d+/, '');
  return full ? read : read.replace("quote='', escape=''", `quote='"', escape='"'`);
}

/**
 * The read buffer, in bytes, of a CSV file's sample (the sniff, the sample's numbers, the header):
 * DuckDB's maximum line size, the least it takes. Its default buffer (16 times that) made the
 * sniff of a 1M-row file take 150–190 ms instead of 80 ms, and the sample's read 100 ms instead of 15.
 */
const CSV_SAMPLE_BUFFER = 2_097_152;

/** A sniffed read_csv reading with the sample's buffer (CSV_SAMPLE_BUFFER): for reads of the first rows only. */
const withSampleBuffer = (read: string) => (/^read_csv\(.*\)$/s.test(read) && !/buffer_size=/.test(read) ? `${read.slice(0, -1)}, buffer_size=${CSV_SAMPLE_BUFFER})` : read);

/** The rows DuckDB's sniffer reads by default (its sample). */
const CSV_SNIFF_ROWS = 20_480;

/** The read_csv of a sniffed read (sniffedCsv) with its file replaced by `path`, or undefined when the read names no file as expected. */
function csvReadOf(read: string, from: string, path: string): string | undefined {
  const head = `read_csv(${fileLiteral(from)}`;
  return read.startsWith(head) ? `read_csv(${fileLiteral(path)}${read.slice(head.length)}` : undefined;
}

/**
 * The read of a glob of several CSV files (`files`, in DuckDB's order) as one table: the records
 * of each file under its header, as loadDataset reads the files concatenated (one header). The
 * dialect is sniffed on the first file (its sample, or, `full`, every file whole, a column typed
 * as text where the files' types differ); every file must be non-empty and have the first's
 * header and dialect: DuckDB reads each file's columns by position, so a file whose columns are
 * in another order would compare one column's values as another's.
 */
async function csvGlobRead(c: DuckDBConnection, pattern: string, files: readonly string[], full: boolean): Promise<string> {
  for (const f of files) if (statSync(f, { throwIfNoEntry: false })?.size === 0) throw new ShadowDataError(`${FN}: ${f} (of ${pattern}) is empty: no header, no rows`);
  // A file without a quote character reads with '"' as the quote (as sniffedCsv reads a sample
  // without one), so that files differing only there are one dialect.
  const quoted = (r: string) => r.replace("quote='', escape=''", `quote='"', escape='"'`);
  const first = quoted(await sniffedCsv(c, files[0], full));
  let read = csvReadOf(first, files[0], pattern);
  if (read === undefined) throw new ShadowOptionError(`${FN}: the dialect of ${files[0]} (of ${pattern}) could not be read; compare the files one by one, or write them as Parquet or JSON Lines`);
  if (full) {
    // Every file's own types: a column any file types otherwise than the first is text.
    const types = new Map(csvColumnTypesOf(first));
    for (const f of files.slice(1)) {
      const own = quoted(await sniffedCsv(c, f, true));
      if (csvReadOf(own, f, pattern)?.replace(/columns=\{.*\}\)$/s, '') !== read.replace(/columns=\{.*\}\)$/s, '')) throw new ShadowDataError(`${FN}: ${f} (of ${pattern}) is written in another CSV dialect than ${files[0]}; the files of a glob are read as one table`);
      for (const [col, t] of csvColumnTypesOf(own)) if (types.get(col) !== t) types.set(col, 'VARCHAR');
    }
    for (const [col, t] of csvColumnTypesOf(first)) if (types.get(col) !== t) read = read.replace(`${lit(col)}: '${t}'`, `${lit(col)}: 'VARCHAR'`);
  }
  const header = await assertCsvHeader(c, files[0], first);
  for (const f of files.slice(1)) {
    const own = await assertCsvHeader(c, f, csvReadOf(read, pattern, f)!);
    if (JSON.stringify(own) !== JSON.stringify(header)) {
      throw new ShadowDataError(`${FN}: ${f}:1: the header ${(own ?? []).join(',')} differs from ${files[0]}'s ${(header ?? []).join(',')}; the files of a glob are read as one table, column by position`);
    }
  }
  return read;
}

/** The [name, type] of each column of a sniffed read. */
function csvColumnTypesOf(read: string): [string, string][] {
  const cols = /columns=\{(.*)\}\)$/s.exec(read)?.[1] ?? '';
  return [...cols.matchAll(/'((?:[^']|'')*)': '([^']*)'/g)].map((m) => [m[1].replaceAll("''", "'"), m[2]]);
}

/** A CSV column's DuckDB type as loadDataset's column type. */
const csvColumnType = (t: string): 'number' | 'boolean' | 'string' | undefined => ({ DOUBLE: 'number', BOOLEAN: 'boolean', VARCHAR: 'string' } as const)[t as 'DOUBLE'];

const CSV_TEXT = '__shadow_csv_text:';

/**
 * The CSV columns DuckDB's sniffer typed DOUBLE or BOOLEAN, as [name, type]: its parser accepts
 * cells loadDataset reads as text (`007`, ` 12`, `NaN`, `inf`, `1.`; `t`, `yes`), so such a column
 * is read as text and typed by guardedCsv.
 */
function csvTypedColumns(read: string): [string, 'DOUBLE' | 'BOOLEAN'][] {
  const cols = /columns=\{(.*)\}\)$/s.exec(read)?.[1] ?? '';
  return [...cols.matchAll(/'((?:[^']|'')*)': '(DOUBLE|BOOLEAN)'/g)].map((m) => [m[1].replaceAll("''", "'"), m[2] as 'DOUBLE' | 'BOOLEAN']);
}

/**
 * The sniffed read with its VARCHAR columns typed DOUBLE where every non-empty cell of the first
 * 20,480 rows (the sniffer's sample) is a number loadDataset reads: DuckDB's sniffer takes `+5`
 * for text, `Number('+5')` is 5. guardedCsv then types each cell, and a later cell that is not a
 * number reruns the comparison with the column as text, as for any DOUBLE the sniffer found.
 */
async function plusNumbers(c: DuckDBConnection, read: string): Promise<string> {
  const cols = /columns=\{(.*)\}\)$/s.exec(read)?.[1] ?? '';
  const text = [...cols.matchAll(/'((?:[^']|'')*)': 'VARCHAR'/g)].map((m) => m[1].replaceAll("''", "'"));
  if (text.length === 0) return read;
  const types = await csvColumnTypes(c, `(SELECT ${text.map(q).join(', ')} FROM ${withSampleBuffer(read)} LIMIT ${CSV_SNIFF_ROWS})`, text);
  let typed = read;
  for (const name of text) if (types.get(name) === 'number') typed = typed.replace(`${lit(name)}: 'VARCHAR'`, `${lit(name)}: 'DOUBLE'`);
  return typed;
}

/** The sniffed read with the `typed` columns read as text (VARCHAR). */
function asText(read: string, typed: readonly [string, string][]): string {
  let varchar = read;
  for (const [name, type] of typed) varchar = varchar.replace(`${lit(name)}: '${type}'`, `${lit(name)}: 'VARCHAR'`);
  return varchar;
}

/**
 * A sniffed read_csv whose DOUBLE and BOOLEAN columns are read as text and typed as loadDataset
 * types them: a cell is a number only if it is written as one (csvNumberSql), a boolean only if it
 * is `true` or `false` in any case. A cell that is not ends the statement (CSV_TEXT), and the
 * comparison reruns with that side's nonconforming columns read as text (`text`), as loadDataset
 * reads a column with one such cell. One regular-expression match per cell of a number column:
 * about 65 ns (1M CSV rows, two number columns: 0.13 s of CPU per side).
 */
function guardedCsv(read: string, side: 'legacy' | 'shadow', text: readonly string[]): string {
  const typed = csvTypedColumns(read);
  if (typed.length === 0) return read;
  const varchar = asText(read, typed);
  const guards = typed
    .filter(([name]) => !text.includes(name))
    .map(([name, type]) => {
      const c = q(name);
      const cast = type === 'DOUBLE' ? `${csvNumberSql(c)} THEN ${c}::DOUBLE` : `${csvBooleanSql(c)} THEN ${csvBooleanValueSql(c)}`;
      return `CASE WHEN ${c} IS NULL THEN NULL WHEN ${cast} ELSE error('${CSV_TEXT}${side}') END AS ${c}`;
    });
  return guards.length ? `(SELECT * REPLACE (${guards.join(', ')}) FROM ${varchar})` : varchar;
}

/**
 * The error for a JSON record whose object names a key twice (DuckDB's reader keeps the first
 * value, JSON.parse, and so loadDataset, the last: the two engines would compare different
 * values), naming the file, the line of a JSON Lines file and the key.
 */
async function keyTwice(c: DuckDBConnection, files: readonly string[]): Promise<ShadowDataError> {
  for (const file of files) {
    const format = formatOf(FN, 'legacy', file);
    const [r] = await rows(c, `SELECT json::VARCHAR AS j, json_keys(json) AS k FROM ${source(format, file)} WHERE len(json_keys(json)) <> len(list_distinct(json_keys(json))) LIMIT 1`);
    if (!r) continue;
    const keys = (r.k ?? []) as string[];
    const key = keys.find((x, i) => keys.indexOf(x) !== i) ?? '?';
    let where = file;
    // The line, where the file is plain and small enough to read whole on this error path.
    if (format === 'jsonl' && !/\.(gz|zst)$/i.test(file) && (statSync(file, { throwIfNoEntry: false })?.size ?? Infinity) < 256 * 2 ** 20) {
      const line = readFileSync(file, 'utf8').split('\n').findIndex((x) => x.replace(/\r$/, '') === r.j);
      if (line >= 0) where = `${file}:${line + 1}`;
    }
    return new ShadowDataError(`${FN}: ${where}: an object names the key '${key}' twice; DuckDB's reader keeps its first value, JSON.parse (loadDataset) its last: fix the writer, so that both engines read one value`);
  }
  return new ShadowDataError(`${FN}: an object of ${files.join(' or ')} names a key twice (in a nested object); fix the writer, so that both engines read one value`);
}

/**
 * Refuses a CSV header that names a column twice, as loadDataset does (DuckDB would rename the
 * second `a_1` and compare it as a column of its own). The header is read as one row of text
 * with the dialect the sniffer found.
 */
async function assertCsvHeader(c: DuckDBConnection, file: string, sniffed: string): Promise<(string | undefined)[] | undefined> {
  const m = /^(read_csv\(.*, )header=true, columns=\{(.*)\}\)$/s.exec(sniffed);
  if (!m) return undefined;
  const n = [...m[2].matchAll(/'(?:[^']|'')*': '[^']*'/g)].length;
  const columns = Array.from({ length: n }, (_, i) => `'c${i}': 'VARCHAR'`).join(', ');
  const [r] = await rows(c, `SELECT * FROM ${m[1]}header=false, columns={${columns}}, buffer_size=${CSV_SAMPLE_BUFFER}) LIMIT 1`);
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const name = r?.[`c${i}`];
    if (typeof name !== 'string') continue;
    if (seen.has(name)) throw new ShadowDataError(`${FN}: ${file}:1: duplicate column '${name}' in the header`);
    seen.add(name);
  }
  return Array.from({ length: n }, (_, i) => (typeof r?.[`c${i}`] === 'string' ? (r[`c${i}`] as string) : undefined));
}

/** The columns of a side's sniffed read that hold a cell loadDataset reads as text (see guardedCsv). */
async function csvTextColumns(c: DuckDBConnection, read: string): Promise<string[]> {
  const typed = csvTypedColumns(read);
  const varchar = asText(read, typed);
  const bad = typed.map(([name, type], i) => {
    const c = q(name);
    const ok = type === 'DOUBLE' ? csvNumberSql(c) : csvBooleanSql(c);
    return `count(*) FILTER (WHERE ${c} IS NOT NULL AND NOT ${ok}) AS b${i}`;
  });
  const [r] = await rows(c, `SELECT ${bad.join(', ')} FROM ${varchar}`);
  return typed.filter((_, i) => toNum(r[`b${i}`]) > 0).map(([name]) => name);
}

/**
 * Splits a CSV side (a file or a glob) into one CSV file per group of `by` for
 * compareFilesByGroup. A CSV column is typed over the whole side (loadDataset: a number column
 * only if every cell is a number), so files per group read on their own could type a column
 * otherwise than memory does (`1.0` a number in one group, text in the side). The side is read
 * once, as text with the dialect DuckDB's sniffer finds (as the engine reads it), into a table of
 * the run; its columns are typed over the whole side (csvColumnTypes); each group's rows are
 * written to a file of their own (every cell as read, in the side's order) and read back with
 * the whole side's types and header names (GroupPart.csv, Retry.csvRead). A group's name is
 * its `by` cell as loadDataset types the column (`1.0` and `1` one group `1` in a number column),
 * an empty cell the group `(none)`; a side without the column is one group, `(none)`. A malformed
 * record is named by file and line. A group `keep` refuses is counted, not written.
 * @internal
 */
export async function splitCsvSide(c: DuckDBConnection, path: string, by: string, paths: readonly string[], dir: string, tag: string, keep: (group: string) => boolean): Promise<GroupSplit> {
  const files = await datasetFiles(path, FN);
  for (const f of files) if (statSync(f, { throwIfNoEntry: false })?.size === 0) throw new ShadowDataError(`${FN}: ${f} is empty (no header, no rows): an empty comparison never passes`);
  const table = `__by_${tag}`;
  let header: (string | undefined)[];
  let names: string[];
  try {
    const sniffed = files.length > 1 ? await csvGlobRead(c, path, files, false) : await sniffedCsv(c, path, false);
    header = (await assertCsvHeader(c, files[0], sniffed)) ?? [];
    await c.run(`CREATE TEMP TABLE ${table} AS SELECT * FROM ${asText(sniffed, csvColumnTypesOf(sniffed))}`);
    names = (await rows(c, `SELECT column_name FROM (DESCRIBE ${table})`)).map((r) => String(r.column_name));
  } catch (e) {
    if (e instanceof ShadowOptionError || e instanceof ShadowDataError) throw e;
    for (const f of files) {
      const bad = await csvFileError(FN, f, (e as Error).message);
      if (bad) throw bad;
    }
    throw new ShadowDataError(`${FN}: cannot read ${path}: ${(e as Error).message.split(/\n+LINE \d+:/)[0].trim()}`);
  }
  // The header's names (DuckDB's where the header line was not read as this many cells).
  const heading = names.map((n, i) => (header.length === names.length ? header[i] ?? n : n));
  const types = await csvColumnTypes(c, table, names);
  const at = heading.indexOf(by);
  if (at < 0 && heading.some((h) => h.startsWith(`${by}.`))) {
    throw new ShadowOptionError(`${FN}: by '${by}' names an object of ${path} (its columns ${heading.filter((h) => h.startsWith(`${by}.`)).join(', ')}); on files by needs one column`);
  }
  const col = at < 0 ? 'NULL' : q(names[at]);
  const type = at < 0 ? 'string' : types.get(names[at])!;
  const values = await rows(c, `SELECT ${col} AS g, count(*) AS n FROM ${table} GROUP BY ALL`);
  const byName = csvGroups(values, type);
  const total = [...byName.values()].reduce((a, e) => a + e.rows, 0);
  const sqlType = { number: 'DOUBLE', boolean: 'BOOLEAN', string: 'VARCHAR' } as const;
  // DuckDB's names (it renames the second of two names differing only in case); the header's names go with the read (CsvRead.header).
  const columns = names.map((n) => `${lit(n)}: '${sqlType[types.get(n)!]}'`).join(', ');
  const parts = await writeCsvGroups(c, table, col, byName, dir, tag, keep);
  for (const part of parts.values()) {
    if (part.file) part.csv = { read: `read_csv(${fileLiteral(part.file)}, auto_detect=false, delim=',', quote='"', escape='"', new_line='\\n', skip=0, comment='', header=true, columns={${columns}})`, header: heading };
  }
  // The cells are in the group files now: the table (the side's whole text) is not kept while the groups run.
  await run(c, `DROP TABLE ${table}`);
  // A column is held by every row (an empty cell is a null, as loadDataset reads it); an object path by its columns'.
  const held = (p: string) => heading.some((h) => h === p || h.startsWith(`${p}.`));
  return { parts, rows: total, holds: (g, p) => byName.has(g) && held(p), topFields: async () => [...new Set(heading.map((h) => h.split('.')[0]))] };
}

/**
 * The leaf and object paths of a JSON file, as the in-memory engine walks its rows: objects are
 * descended into, anything else (arrays, scalars, a path that is an object in some rows and not
 * in others) is a leaf. Read off the schema DuckDB's JSON reader infers (no map or date
 * inference: 8× faster than json_group_structure, which is kept for files whose records are not
 * all objects), over its sample first (`mode` 'sample': the first 20,480 rows, read from `head`,
 * the sample as a file of its own, where there is one: see jsonLinesHead), else over every row
 * ('full').
 */
async function jsonPaths(
  c: DuckDBConnection,
  format: Format,
  file: string,
  src: string,
  mode: 'sample' | 'full' | 'structure',
  typedOk: (path: string) => boolean = () => true,
  head?: string,
  knownNull: readonly string[] = [],
): Promise<{ leaves: string[]; containers: string[]; keysOutside?: string; typePaths?: string[]; elemPaths?: string[]; inferred?: Map<string, string>; typed?: Map<string, NativeJson>; nullObjects?: Set<string>; dotted?: string[] }> {
  try {
    if (mode === 'structure') throw new Error('json_group_structure asked for');
    const described = await rows(c,
      `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM read_json(${fileLiteral(mode === 'sample' && head ? head : file)}, format = ${format === 'jsonl' ? "'newline_delimited'" : "'auto'"}, records = true,
         ${mode === 'full' ? 'sample_size = -1, ' : ''}map_inference_threshold = -1, field_appearance_threshold = 0, convert_strings_to_integers = false, dateformat = 'NONE', timestampformat = 'NONE'))`,
    );
    // In the reader's order (a container before its members).
    const typed = columnTree(described);
    // The reader types a path holding only `{}` (and null) JSON, a leaf: in memory an object path
    // without members. Such paths (found on the sample, or on the whole file) become containers.
    const jsonLeaves = typed.filter((x) => !x.container && x.type.toUpperCase() === 'JSON');
    if (mode === 'full' && jsonLeaves.length) {
      for (const p of await emptyObjectPaths(c, src, jsonLeaves.map((x) => x.path))) typed.find((x) => x.path === p)!.container = true;
    }
    let leaves = typed.filter((x) => !x.container).map((x) => x.path);
    let containers = typed.filter((x) => x.container).map((x) => x.path);
    // The reader matches keys case-insensitively (SCORE and score become one column): proven not
    // to have happened when no object of the file has a key outside the names found for it. The
    // proof runs in the pass that reads the file (keysOutside, a condition on the row's JSON):
    // the direct plan's one pass, or the load of the pair-table plan's table; if it fails, the
    // comparison reruns on the next mode's paths (sample, then full, then json_group_structure).
    // In the reader's order, the order of the keys in the rows it sampled: a row whose keys are
    // exactly these, in this order (the common case: one writer), is proven by one list equality,
    // cheaper than list_has_all; any other row takes list_has_all.
    const names = (prefix: string) => childNames(typed.map((x) => x.path), prefix);
    const plain = typed.every((x) => !x.path.split('.').some((part) => part === ''));
    const outsideOf = (containers: readonly string[]) => ['', ...containers].map((cp) => {
      const keys = `json_keys(json${cp ? `, ${lit(jsonPath(cp))}` : ''})`;
      const known = `[${names(cp).map(lit).join(', ')}]::VARCHAR[]`;
      // A row that is no object (an array, a scalar) past the sample: loadDataset refuses its line.
      const notObject = cp === '' ? ` WHEN json_type(json) <> 'OBJECT' THEN error('${JSON_NOT_OBJECT}')` : '';
      // An object naming a key twice: DuckDB's reader keeps the first value, JSON.parse the last.
      const twice = ` WHEN len(${keys}) <> len(list_distinct(${keys})) THEN error('${JSON_KEY_TWICE}')`;
      return `(CASE WHEN ${keys} = ${known} THEN false${notObject}${twice} ELSE NOT list_has_all(${known}, coalesce(${keys}, [])) END)`;
    });
    let outside = outsideOf(containers);
    if (!plain) throw new Error('a key is empty or holds a dot');
    if (mode === 'full') return { leaves, containers, keysOutside: `(CASE WHEN ${outside.join(' OR ')} THEN -1 ELSE 0 END)`, inferred: new Map(typed.map((x) => [x.path, x.type])) };
    // A sample's schema holds for the file when, besides no key outside it, no row gives a path a
    // value of a kind that would have changed what the reader infers over every row: an object
    // path (STRUCT) holding a non-object, a path typed JSON (null-only, {} or mixed) holding an
    // object, a path typed VARCHAR or BOOLEAN holding another kind (those types, verified so,
    // are the ones that spare a path its number derivation). The kinds of all checked paths come
    // from one json_type call per row (__jt, one parse).
    const checks: { path: string; bad: string }[] = [];
    // Paths read as native values (see NativeJson): those whose every sampled value is of the
    // kind the reader inferred, and present; the same is then proven on every row in the pass.
    // (`typedOk` false: a row of the file broke it in an earlier pass.)
    const native = new Map<string, NativeJson>();
    /** Native lists: the json_type kinds allowed for their elements (read as __je{j}, or inline). */
    const elemChecks: { path: string; elems: string }[] = [];
    const elemRef = (j: number, inline: boolean) => (inline ? `json_type(json, ${lit(`${jsonPath(elemChecks[j].path)}[*]`)})` : `__je${j}`);
    const cand = typed.flatMap((x) => {
      const n = x.container || !typedOk(x.path) ? undefined : nativeJson(x.type);
      return n ? [{ path: x.path, n }] : [];
    });
    // The object paths that hold null in the sample (or, known from a scan, in the file): fields
    // of their own (see objectFields). Any other that holds null on a row breaks the proof (-2).
    const nullObjects = new Set(knownNull.filter((p) => containers.includes(p)));
    if (cand.length || containers.length || jsonLeaves.length) {
      const lists = cand.filter((x) => x.n.elems);
      // The containers' nulls (z), and the kinds the paths typed JSON hold (z null, o objects, s anything else).
      const objectish = [...containers, ...jsonLeaves.map((x) => x.path)];
      const [r] = await rows(c, `SELECT ${[
        ...cand.map((x, i) => `count(*) FILTER (WHERE coalesce(__jt[${i + 1}] NOT IN ${x.n.kinds}, true)${x.n.elems ? ` OR NOT list_has_all(${x.n.elems}, __je${lists.indexOf(x)})` : ''}) AS b${i}`),
        ...objectish.map((_, j) => `count(*) FILTER (WHERE __jc[${j + 1}] = 'NULL') AS z${j}`),
        ...jsonLeaves.map((_, k) => `count(*) FILTER (WHERE __jc[${containers.length + k + 1}] = 'OBJECT') AS o${k}, count(*) FILTER (WHERE __jc[${containers.length + k + 1}] NOT IN ('OBJECT', 'NULL')) AS s${k}`),
      ].join(', ')}
        FROM (SELECT ${cand.length ? `json_type(json, [${cand.map((x) => lit(jsonPath(x.path))).join(', ')}])` : 'NULL'} AS __jt${objectish.length ? `, json_type(json, [${objectish.map((p) => lit(jsonPath(p))).join(', ')}]) AS __jc` : ''}${lists.map((x, j) => `, json_type(json, ${lit(`${jsonPath(x.path)}[*]`)}) AS __je${j}`).join('')}
              FROM (SELECT json FROM ${head ? source('jsonl', head) : src} LIMIT ${READER_SAMPLE}))`);
      // A path typed JSON holding objects and nothing but null besides in the sample: a container
      // without members, proven so on every row in the pass (an object, or null where it held one).
      const emptied = jsonLeaves.filter((_, k) => toNum(r[`o${k}`]) > 0 && toNum(r[`s${k}`]) === 0);
      for (const x of emptied) x.container = true;
      if (emptied.length) {
        leaves = typed.filter((x) => !x.container).map((x) => x.path);
        containers = typed.filter((x) => x.container).map((x) => x.path);
        outside = outsideOf(containers);
      }
      objectish.forEach((p, j) => {
        if (toNum(r[`z${j}`]) > 0 && containers.includes(p)) nullObjects.add(p);
      });
      cand.forEach((x, i) => {
        // At most 62, one bit each of what a row breaks (below).
        if (toNum(r[`b${i}`]) !== 0 || native.size === 62) return;
        native.set(x.path, x.n);
        checks.push({ path: x.path, bad: `NOT IN ${x.n.kinds}` });
        if (x.n.elems) elemChecks.push({ path: x.path, elems: x.n.elems });
      });
    }
    for (const x of typed) {
      const t = x.type.toUpperCase();
      if (native.has(x.path)) continue;
      if (x.container) checks.push({ path: x.path, bad: "NOT IN ('OBJECT', 'NULL')" });
      else if (t === 'JSON') checks.push({ path: x.path, bad: "= 'OBJECT'" });
      else if (t === 'VARCHAR') checks.push({ path: x.path, bad: "NOT IN ('VARCHAR', 'NULL')" });
      else if (t === 'BOOLEAN') checks.push({ path: x.path, bad: "NOT IN ('BOOLEAN', 'NULL')" });
    }
    const kindCheck = (k: { path: string; bad: string }, i: number) => `coalesce(__jt[${i + 1}] ${k.bad}, ${native.has(k.path)})`;
    // What a row breaks, as a code (keysOutside): -1 the schema; else the sum of 2^i over the
    // paths read as native values (the i-th of `native`) whose kind or presence it breaks (the
    // comparison then reruns with those paths read as JSON values, the schema kept); 0 nothing.
    // A path read natively whose reader type is VARCHAR or BOOLEAN breaks the schema too when it
    // holds another kind (not when it is absent): straight to the next schema, no rerun between.
    const readerType = new Map(typed.map((x) => [x.path, x.type.toUpperCase()]));
    const schemaKind = (k: { path: string }, i: number) => {
      const t = readerType.get(k.path);
      return t === 'VARCHAR' || t === 'BOOLEAN' ? [`coalesce(__jt[${i + 1}] NOT IN ('${t}', 'NULL'), false)`] : [];
    };
    const schemaBroken = [...outside, ...checks.flatMap((k, i) => (native.has(k.path) ? schemaKind(k, i) : [kindCheck(k, i)]))].join(' OR ');
    const code = (inline: boolean) => {
      const nativeBits = [...native.keys()].map((p, b) => {
        const broken = [
          ...checks.flatMap((k, i) => (k.path === p ? [kindCheck(k, i)] : [])),
          ...elemChecks.flatMap((k, j) => (k.path === p ? [`NOT list_has_all(${k.elems}, ${elemRef(j, inline)})`] : [])),
        ];
        return `CASE WHEN ${broken.join(' OR ')} THEN ${2n ** BigInt(b)} ELSE 0 END`;
      });
      const nullBroken = checks.flatMap((k, i) => (containers.includes(k.path) && !nullObjects.has(k.path) ? [`coalesce(__jt[${i + 1}] = 'NULL', false)`] : []));
      return `CASE WHEN ${schemaBroken} THEN -1${nullBroken.length ? ` WHEN ${nullBroken.join(' OR ')} THEN ${NULL_OBJECT_CODE}` : ''} ELSE ${nativeBits.length ? nativeBits.join(' + ') : '0'} END`;
    };
    const verified = new Set(checks.map((k) => k.path));
    const template = rowTemplate(typed, native, nullObjects);
    // A row of the template's text is proven by one match; any other row by the checks, their
    // json_type calls made for it alone (CASE evaluates a branch only for the rows that take it).
    const detailed = `list_transform([json_type(json, [${checks.map((k) => lit(jsonPath(k.path))).join(', ')}])], lambda __jt: ${code(true)})[1]`;
    return {
      leaves,
      containers,
      keysOutside: template ? `(CASE WHEN regexp_full_match(json::VARCHAR, ${lit(template)}) THEN 0 ELSE ${detailed} END)` : `(${code(false)})`,
      typePaths: template ? [] : checks.map((k) => k.path),
      elemPaths: template ? [] : elemChecks.map((k) => k.path),
      inferred: new Map(typed.filter((x) => verified.has(x.path) && x.type.toUpperCase() !== 'JSON').map((x) => [x.path, x.type])),
      typed: native,
      nullObjects,
    };
  } catch {
    const [r] = await rows(c, `SELECT json_group_structure(json)::VARCHAR AS s FROM ${src}`);
    const structure: unknown = r.s === null ? null : JSON.parse(r.s as string);
    const found = jsonStructurePaths(structure);
    // json_group_structure types a path holding only `{}` (and null) JSON, as the reader does.
    // (A path through a key holding a dot names nothing here: it stays a leaf.)
    const valueAt = (path: string) => path.split('.').reduce<unknown>((o, k) => (o !== null && typeof o === 'object' ? (o as Record<string, unknown>)[k] : undefined), structure);
    const emptied = await emptyObjectPaths(c, src, found.leaves.filter((p) => valueAt(p) === 'JSON'));
    return { leaves: found.leaves.filter((p) => !emptied.includes(p)), containers: [...found.containers, ...emptied], dotted: dottedPaths(structure) };
  }
}

/**
 * The paths (as memory joins keys with dots) whose own key holds a dot, in a json_group_structure
 * value or a tree of STRUCT members; arrays and lists are leaves, as in memory.
 */
function dottedPaths(structure: unknown, prefix = ''): string[] {
  if (structure === null || typeof structure !== 'object' || Array.isArray(structure)) return [];
  return Object.entries(structure as Record<string, unknown>).flatMap(([k, v]) => {
    const p = prefix ? `${prefix}.${k}` : k;
    return [...(k.includes('.') ? [p] : []), ...dottedPaths(v, p)];
  });
}

/** A described relation's columns and STRUCT members as a tree of names (for dottedPaths). */
function memberTree(described: readonly Record<string, unknown>[]): Record<string, unknown> {
  const tree = (type: string): unknown => {
    const members = structMembers(type);
    return members ? Object.fromEntries(members.map((m) => [m.name, tree(m.type)])) : null;
  };
  return Object.fromEntries(described.map((d) => [String(d.column_name), tree(String(d.column_type))]));
}

/**
 * What each of `paths` holds on the rows of a JSON file (one read of it): an object on some row,
 * and anything but an object or null on some row. Neither: null (or nothing) on every row.
 */
async function jsonPathKinds(c: DuckDBConnection, src: string, paths: readonly string[]): Promise<{ object: boolean; other: boolean }[]> {
  if (paths.length === 0) return [];
  const [r] = await rows(c, `SELECT ${paths.map((_, i) => `coalesce(bool_or(__jo[${i + 1}] = 'OBJECT'), false) AS o${i}, coalesce(bool_or(__jo[${i + 1}] NOT IN ('OBJECT', 'NULL')), false) AS s${i}`).join(', ')}
    FROM (SELECT json_type(json, [${paths.map((p) => lit(jsonPath(p))).join(', ')}]) AS __jo FROM ${src})`);
  return paths.map((_, i) => ({ object: r[`o${i}`] === true, other: r[`s${i}`] === true }));
}

/**
 * Of `paths`, leaves a JSON reader typed JSON, those holding an object on some row of the file
 * and nothing but null besides: `{}` only, since the reader would have found a member; in memory
 * object paths without members.
 */
async function emptyObjectPaths(c: DuckDBConnection, src: string, paths: readonly string[]): Promise<string[]> {
  const kinds = await jsonPathKinds(c, src, paths);
  return paths.filter((_, i) => kinds[i].object && !kinds[i].other);
}

/**
 * The paths of a JSON file that compareEventFiles reads as native values, by DuckDB type (see
 * NativeJson), as decided on DuckDB's sample of the file; the pass then proves them on every row.
 * @internal for tests
 */
export async function nativeJsonPaths(file: string): Promise<Record<string, string>> {
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const format = formatOf(FN, 'legacy', file);
    const { typed } = await jsonPaths(c, format, file, source(format, file), 'sample');
    return Object.fromEntries([...(typed ?? [])].map(([p, n]) => [p, n.type]));
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/**
 * What a Parquet file's footer proves of the struct at `path` from its members' null counts (one
 * read of the footer): `never` NULL (a member with no null in any row group: a NULL struct makes
 * every member NULL), or `held`, an object on some row (a member with fewer nulls than values in
 * some row group). Neither, where the statistics do not tell.
 */
async function footerNulls(c: DuckDBConnection, file: string, path: string, memo?: Map<string, Promise<{ never: boolean; held: boolean }>>): Promise<{ never: boolean; held: boolean }> {
  const known = memo?.get(path);
  if (known) return known;
  const read = footerNullsRead(c, file, [path]).then((m) => m.get(path)!);
  memo?.set(path, read);
  return read;
}

/** footerNulls of several structs of a file, in one read of its footer, into `memo`. */
function footerNullsAll(c: DuckDBConnection, file: string, paths: readonly string[], memo: Map<string, Promise<{ never: boolean; held: boolean }>>): void {
  const todo = paths.filter((p) => !memo.has(p));
  if (todo.length === 0) return;
  const read = footerNullsRead(c, file, todo);
  for (const p of todo) {
    const one = read.then((m) => m.get(p)!);
    // Awaited where a path is asked for; a failed read is no unhandled rejection for the others.
    one.catch(() => {});
    memo.set(p, one);
  }
}

async function footerNullsRead(c: DuckDBConnection, file: string, paths: readonly string[]): Promise<Map<string, { never: boolean; held: boolean }>> {
  const prefixes = paths.map((p, i) => `(${i}, ${lit(`${p.split('.').join(', ')}, `)})`).join(', ');
  const found = await rows(c, `SELECT i, coalesce(bool_or(n = 0 AND k = chunks), false) AS never, coalesce(bool_or(held), false) AS held FROM (
    SELECT v.i, sum(stats_null_count) AS n, count(stats_null_count) AS k, count(*) AS chunks, bool_or(stats_null_count < num_values) AS held
    FROM parquet_metadata(${fileLiteral(file)}) m, (VALUES ${prefixes}) v(i, prefix) WHERE starts_with(m.path_in_schema, v.prefix) GROUP BY v.i, m.path_in_schema) GROUP BY i`);
  const byIndex = new Map(found.map((r) => [toNum(r.i), r]));
  return new Map(paths.map((p, i) => [p, { never: byIndex.get(i)?.never === true, held: byIndex.get(i)?.held === true }]));
}

/**
 * Whether the STRUCT at `p` of a Parquet file (top-level or nested) is NULL on every row. The
 * footer answers no for nothing (the usual case, see footerNulls); otherwise one read of the column decides.
 */
async function nullOnEveryRow(c: DuckDBConnection, file: string, read: string, p: string, memo: Map<string, Promise<{ never: boolean; held: boolean }>>): Promise<boolean> {
  if ((await footerNulls(c, file, p, memo)).held) return false;
  const [r] = await rows(c, `SELECT coalesce(bool_or(${colRef('x', p)} IS NOT NULL), false) AS objects FROM ${read} x`);
  return r.objects !== true;
}

/** At most this many keys in one MAP for its keys to be fields of their own (else the map is one field). */
const MAP_KEYS_MAX = 100;
/** At most this many MAPs of one file read as structs (each costs a read of its column before the pass). */
const MAPS_MAX = 20;

/**
 * A typed file's MAP columns (Parquet's map, Spark's map<string, string> properties), top-level
 * or within structs and maps, read as structs of their keys, as memory sees them: loadDataset
 * reads a map as an object, whose keys compareEvents compares as fields of their own
 * (`props.page`), a key the map lacks missing there. Each map's keys are found by one read of its
 * column; the relation then holds, per map, the struct of its keys (NULL where the map is NULL)
 * in the map's place, and the map itself in a column of its own, from which a member's presence
 * (`map_contains`) and the map's value as memory shows it are read. A map keeps being one field
 * (the JSON object of its entries) when it lies in a list (memory compares lists whole), its keys
 * are neither strings nor integers, a key holds a dot, a double quote or nothing (memory's paths
 * cannot name it), two keys differ only in case, it has more than MAP_KEYS_MAX keys, or the file
 * has more than MAPS_MAX maps to read. A map with no key on any row stays in place, an object path
 * without members (memory sees only {} and null there), or a leaf where it is NULL on every row
 * (`nullMaps`). Undefined when no map qualifies.
 */
async function mapsAsStructs(c: DuckDBConnection, read: string, described: readonly Record<string, unknown>[]): Promise<{ src: string; hidden: Set<string>; maps: Map<string, { col?: string; type: string }>; mapKeys: Map<string, { col: string; key: string }>; nullMaps: Map<string, string> } | undefined> {
  const maps = new Map<string, { col?: string; type: string }>();
  const nullMaps = new Map<string, string>();
  const mapKeys = new Map<string, { col: string; key: string }>();
  const extra: string[] = [];
  /** `expr` (over the file's row `x`) at `path` with every qualifying map in it read as a struct; undefined where nothing changes. */
  const convert = async (expr: string, path: string, type: string): Promise<string | undefined> => {
    const members = structMembers(type);
    if (members) {
      const subs: (string | undefined)[] = [];
      for (const m of members) subs.push(await convert(`${expr}.${q(m.name)}`, `${path}.${m.name}`, m.type));
      if (subs.every((x) => x === undefined)) return undefined;
      return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${members.map((m, i) => `${q(m.name)} := ${subs[i] ?? `${expr}.${q(m.name)}`}`).join(', ')}) END`;
    }
    const mt = mapTypes(type);
    if (!mt || !/^(TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|VARCHAR)$/.test(mt.key) || maps.size >= MAPS_MAX) return undefined;
    const [r] = await rows(c, `SELECT count(*) AS n, list(k ORDER BY k) AS keys FROM (SELECT DISTINCT CAST(k AS VARCHAR) AS k FROM (SELECT unnest(map_keys(${expr})) AS k FROM ${read} x) LIMIT ${MAP_KEYS_MAX + 1})`);
    const keys = ((r.keys ?? []) as unknown[]).map(String);
    // No key on any row: memory sees only {} and null there, an object path without members
    // (only null: a leaf, which the map compared as one value is).
    if (keys.length === 0) {
      const [o] = await rows(c, `SELECT coalesce(bool_or(${expr} IS NOT NULL), false) AS objects FROM ${read} x`);
      if (o.objects === true) maps.set(path, { type });
      else nullMaps.set(path, type);
      return undefined;
    }
    if (Number(r.n) > MAP_KEYS_MAX || keys.some((k) => k === '' || /["\\.]/.test(k)) || new Set(keys.map((k) => k.toLowerCase())).size < keys.length) return undefined;
    const col = `__shadow_map${maps.size}`;
    maps.set(path, { col, type });
    extra.push(`${expr} AS ${q(col)}`);
    const parts: string[] = [];
    for (const k of keys) {
      const key = `CAST(${lit(k)} AS ${mt.key})`;
      mapKeys.set(`${path}.${k}`, { col, key });
      const value = `${expr}[${key}]`;
      parts.push(`${q(k)} := ${(await convert(value, `${path}.${k}`, mt.value)) ?? value}`);
    }
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${parts.join(', ')}) END`;
  };
  const replace: string[] = [];
  for (const d of described) {
    const name = String(d.column_name);
    const e = await convert(`x.${q(name)}`, name, String(d.column_type));
    if (e !== undefined) replace.push(`${e} AS ${q(name)}`);
  }
  if (!maps.size && !nullMaps.size) return undefined;
  const src = replace.length ? `(SELECT x.* REPLACE (${replace.join(', ')}), ${extra.join(', ')} FROM ${read} x)` : read;
  return { src, hidden: new Set([...maps.values()].flatMap((x) => (x.col ? [x.col] : []))), maps, mapKeys, nullMaps };
}

/**
 * A side without rows (see Retry.empty), described after the other side: the key columns with
 * the other side's types (JSON values for a JSON side) and nothing else, so that the pass and
 * the report see the other side's keys and fields against none.
 */
function emptySide(name: 'legacy' | 'shadow', file: string, other: Side, keys: readonly string[], otherKeys: readonly string[]): Side {
  const leaves = new Map<string, string>();
  keys.forEach((k, i) => {
    const t = other.leaves.get(otherKeys[i]);
    if (t !== undefined) leaves.set(k, t);
  });
  if (other.json) return { name, file, json: true, csv: false, src: '(SELECT NULL::JSON AS json WHERE false)', leaves, containers: new Map(), aliases: new Map(), nullObjects: new Set() };
  // Typed: one column per key (a struct for a nested key path), NULL of the key's type, no row.
  type Tree = Map<string, Tree | string>;
  const tree: Tree = new Map();
  for (const [k, t] of leaves) {
    const parts = other.csv ? [k] : k.split('.');
    let node = tree;
    for (const part of parts.slice(0, -1)) {
      if (!(node.get(part) instanceof Map)) node.set(part, new Map());
      node = node.get(part) as Tree;
    }
    node.set(parts[parts.length - 1], t);
  }
  const expr = (v: Tree | string): string => (typeof v === 'string' ? `CAST(NULL AS ${v})` : `struct_pack(${[...v].map(([n, x]) => `${q(n)} := ${expr(x)}`).join(', ')})`);
  const cols = [...tree].map(([n, v]) => `${expr(v)} AS ${q(n)}`);
  const containers = new Map<string, string>();
  return { name, file, json: false, csv: other.csv, src: `(SELECT ${cols.length ? cols.join(', ') : 'NULL AS __none'} WHERE false)`, leaves, containers, aliases: new Map(), footer: new Map() };
}

async function describeSide(c: DuckDBConnection, name: 'legacy' | 'shadow', file: string, retry: Retry, spill: string): Promise<Side> {
  const format = formatOf(FN, name, file);
  const src = source(format, file);
  const json = format === 'jsonl' || format === 'json';
  try {
    if (json) {
      const mode = retry.json ?? 'sample';
      // The reader's sample as a file of its own (see jsonLinesHead): inferred over without reading the rest of the file's first buffer.
      const head = format === 'jsonl' && mode === 'sample' ? jsonLinesHead(file, spill, `${name}-head.jsonl`) : undefined;
      const known = retry.nullObjects?.[name] ?? [];
      const { leaves, containers, keysOutside, typePaths, elemPaths, inferred, typed, nullObjects, dotted } = await jsonPaths(c, format, file, src, mode, (p) => retry.typedJson !== false && !retry.untypedJson?.[name]?.includes(p), head, known);
      // The reader's schema is found only in a file with a record; without it, the file may have no row.
      if (keysOutside === undefined) {
        const [r] = await rows(c, `SELECT count(*) AS n FROM (SELECT 1 FROM ${src} LIMIT 1)`);
        if (Number(r.n) === 0) throw new ShadowDataError(`${FN}: ${name} file ${file} has no rows: an empty comparison never passes`);
      }
      // Without the sample's proof (the whole file's schema, or json_group_structure's), the object paths holding null come from a scan.
      const nulls = nullObjects ?? (retry.nullObjects?.[name] ? new Set(known.filter((p) => containers.includes(p))) : await scanNullObjects(c, src, containers));
      return { name, file, json, csv: false, src, leaves: new Map(leaves.map((p) => [p, 'JSON'])), containers: new Map(containers.map((p) => [p, 'JSON'])), aliases: new Map(), keysOutside, typePaths, elemPaths, inferred, typed, nullObjects: nulls, ...(dotted?.length ? { dotted } : {}) };
    }
    // CSV: sniffed once, on a sample first (see sniffedCsv); the relation is then read with the
    // dialect and types found, so that no later statement sniffs the file again.
    if (format === 'csv' && statSync(file, { throwIfNoEntry: false })?.size === 0) throw new ShadowDataError(`${FN}: ${name} file ${file} is empty (no header, no rows): an empty comparison never passes`);
    // A glob of several CSV files: read as one table, the records of its files in order (see csvGlobRead).
    const csvFiles = format === 'csv' && !statSync(file, { throwIfNoEntry: false })?.isFile() ? await filesOfPattern((sql) => rows(c, sql), file) : [];
    const given = format === 'csv' ? retry.csvRead?.[name] : undefined;
    const sampled = format === 'csv' && retry.csvFullSniff !== true && given === undefined;
    const sniffed = format !== 'csv' ? src : given?.read ?? (await plusNumbers(c, csvFiles.length > 1 ? await csvGlobRead(c, file, csvFiles, !sampled) : await sniffedCsv(c, file, !sampled)));
    const header = format !== 'csv' ? undefined : given?.header ?? (await assertCsvHeader(c, csvFiles.length > 1 ? csvFiles[0] : file, sniffed));
    const read = format === 'csv' ? guardedCsv(sniffed, name, retry.csvText?.[name] ?? []) : src;
    const described = await rows(c, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${read})`);
    const mapped = format === 'csv' ? undefined : await mapsAsStructs(c, read, described);
    const columns = mapped && mapped.src !== read ? (await rows(c, `SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${mapped.src})`)).filter((d) => !mapped.hidden.has(String(d.column_name))) : described;
    // A CSV header's dots are nesting, as loadDataset reads them; Parquet names are keys (see dottedPaths).
    const dotted = format === 'parquet' ? dottedPaths(memberTree(described)) : [];
    // CSV: each column as the header names it, where DuckDB renamed it (two names differing in case).
    const csvColumns = new Map<string, string>();
    if (format === 'csv' && header?.length === columns.length) {
      const names = new Set(columns.map((d) => String(d.column_name)));
      columns.forEach((d, i) => {
        const name = header[i];
        if (name && !names.has(name)) csvColumns.set(name, String(d.column_name));
      });
    }
    const headerName = new Map([...csvColumns].map(([name, col]) => [col, name]));
    const leaves = new Map(flattenColumns(columns).map((x) => [headerName.get(x.path) ?? x.path, x.type]));
    const containers = new Map(containerPaths(columns).map((x) => [x.path, x.type]));
    // A map with no key on any row: an object path without members, as in memory.
    for (const [p, m] of mapped?.maps ?? []) {
      if (m.col || !leaves.delete(p)) continue;
      containers.set(p, m.type);
    }
    // A struct NULL on every row (its parents' NULLs included): in memory a path of nulls, without
    // members (a leaf), unless the other file holds objects there (see where both sides are described).
    const nullStructs = new Map<string, string>();
    const footer = new Map<string, Promise<{ never: boolean; held: boolean }>>();
    if (format === 'parquet') {
      const prefixes = (p: string) => p.split('.').slice(1).map((_, i) => p.split('.').slice(0, i + 1).join('.'));
      // A map, or a struct within one (read off the map's struct of keys), stays as mapsAsStructs left it.
      const structs = [...containers.keys()].filter((p) => ![p, ...prefixes(p)].some((x) => mapped?.maps.has(x)));
      footerNullsAll(c, file, structs, footer);
      for (const [p, type] of containers) {
        if (!structs.includes(p) || !(await nullOnEveryRow(c, file, read, p, footer))) continue;
        for (const k of [...leaves.keys()]) if (k.startsWith(`${p}.`)) leaves.delete(k);
        for (const k of [...containers.keys()]) if (k === p || k.startsWith(`${p}.`)) containers.delete(k);
        leaves.set(p, type);
        nullStructs.set(p, type);
      }
    }
    return {
      name, file, json, csv: format === 'csv', sampled, src: mapped?.src ?? read, sniffed: format === 'csv' ? sniffed : undefined,
      ...(csvColumns.size ? { csvColumns } : {}),
      ...(dotted.length ? { dotted } : {}),
      leaves, containers, aliases: new Map(), footer,
      ...(mapped ? { raw: read, maps: mapped.maps, mapKeys: mapped.mapKeys } : {}),
      ...(mapped?.nullMaps.size || nullStructs.size ? { nullObjectPaths: new Map([...(mapped?.nullMaps ?? []), ...nullStructs]) } : {}),
    };
  } catch (e) {
    if (e instanceof ShadowOptionError || e instanceof ShadowDataError) throw e;
    // DuckDB's message counts lines its own way; find the bad line as loadDataset does.
    if (json && /malformed json/i.test((e as Error).message)) await throwBadLine(c, file);
    if (format === 'csv') for (const f of await filesOfPattern((sql) => rows(c, sql), file)) {
      const csvBad = await csvFileError(FN, f, (e as Error).message);
      if (csvBad) throw csvBad;
    }
    // DuckDB's message, without the SQL it quotes after it (LINE 1: …): the statement is ours, not the user's.
    throw new ShadowOptionError(`${FN}: cannot read ${name} file ${file}: ${(e as Error).message.split(/\n+LINE \d+:/)[0].trim()}`);
  }
}

/**
 * compareEvents executed by embedded DuckDB on files (Parquet, CSV, JSON Lines, JSON; gzip
 * allowed), for data larger than memory or too slow to parse into JS: the join, the per-field
 * agreement and the counts run in SQL and spill to disk past `memoryLimit`; only the |delta|
 * values of numeric fields (streamed, for compareEvents' own exact statistics), the examples and
 * up to `shapeSample` mismatching pairs per field come back to JS. Without duplicated keys the
 * FULL JOIN of the files is aggregated as it streams (no pair table is kept) in one
 * aggregation, the examples by capped aggregates filtered to the mismatching, missing and extra
 * rows; a duplicated key, or `duplicateKeys: 'inOrder'`, takes the pair-table plan. Returns
 * the same EventReport (with the same renderer and matchers) as compareEvents on
 * the same rows: a differential property test holds the two engines to equal counts, per-field
 * mismatches, verdicts and reason codes on JSON Lines, Parquet and CSV.
 *
 * Values are typed as the in-memory engine sees them: JSON files value by value as `JSON.parse`
 * types them (a number never equals its string form, `null` differs from a missing key unless
 * `nullEqualsMissing`), Parquet and CSV by their column types. Named normalisers and the time
 * parser run the in-memory engine's own JavaScript (registered as DuckDB functions).
 *
 * Not computed on files: `segments`; shapes are named from the first `shapeSample` mismatches by
 * key; rules with functions are refused with a TypeError.
 *
 * With `by` (a field path, one comparison per event type; Parquet, JSON Lines, JSON and CSV files)
 * each side is split into a file per group and each group compared as above, with `overrides`:
 * the GroupedReport compareEvents gives with `by` on the same rows (a CSV group's columns typed
 * over the whole file, as loadDataset types them).
 *
 * @example
 * const report = await compareEventFiles('legacy/click.parquet', 'shadow/click.parquet', {
 *   key: 'eventId',
 *   fields: { ts: { time: '2s' }, price: { abs: 0.01 }, tags: { unordered: true } },
 *   memoryLimit: '2GB',
 * });
 * assertReport(report);
 * const perType = await compareEventFiles('legacy/events.parquet', 'shadow/events.parquet', {
 *   key: 'eventId', by: 'type', overrides: { search: { minMatchRate: 0.995 } },
 * });
 */
export async function compareEventFiles(legacyPath: string, shadowPath: string, options: CompareEventFilesOptions & GroupOptions<CompareEventFilesOptions>): Promise<GroupedReport<EventReport>>;
export async function compareEventFiles(legacyPath: string, shadowPath: string, options: CompareEventFilesOptions): Promise<EventReport>;
export async function compareEventFiles(legacyPath: string, shadowPath: string, options: CompareEventFilesOptions): Promise<EventReport | GroupedReport<EventReport>> {
  if (hasGroupBy(options)) return compareEventFilesByGroup(legacyPath, shadowPath, options as CompareEventFilesOptions & GroupOptions<CompareEventFilesOptions>, 'auto');
  return compareEventFilesWithPlan(legacyPath, shadowPath, options, 'auto');
}

/**
 * compareEventFiles with `by`: each side split into one file per group (splitJsonFiles,
 * splitParquetFiles, splitCsvSide), each group compared by the engine with compareByGroup's options for it,
 * the group reports composed by compareByGroup's own steps (groupPlan), so that the report is
 * compareEvents' GroupedReport on the same rows. A group only one side has is compared against
 * no rows (Retry.empty). A CSV side is split by splitCsvSide, its columns typed over the whole side.
 * @internal
 */
export async function compareEventFilesByGroup(
  legacyPath: string,
  shadowPath: string,
  options: CompareEventFilesOptions & GroupOptions<CompareEventFilesOptions>,
  plan: 'auto' | 'pairTable',
  suite: { only?: readonly string[]; keepRules?: boolean } = {},
): Promise<GroupedReport<EventReport>> {
  assertPlainObject(FN, 'options', options);
  const { by: _by, overrides: _overrides, ...base } = options;
  assertKnownKeys(FN, '', base, OPTION_KEYS);
  if (options.key === undefined) throw new ShadowOptionError(`${FN}: options.key is required: the column (or columns) that identify an event`);
  const formats = [formatOf(FN, 'legacy', legacyPath), formatOf(FN, 'shadow', shadowPath)];
  for (const [i, f] of formats.entries()) {
    const path = i === 0 ? legacyPath : shadowPath;
    if (f === 'json' && /\.zst$/i.test(path)) throw new ShadowOptionError(`${FN}: by on a zstd-compressed JSON array (${path}) is not supported; decompress it, or use gzip or JSON Lines`);
  }
  const renames = new Map(Object.entries(options.rename !== null && typeof options.rename === 'object' ? options.rename : {}).filter((r): r is [string, string] => typeof r[1] === 'string'));
  const shadowName = (k: string) => renamePath(k, renames);
  const keys = typeof options.key === 'string' ? [options.key] : Array.isArray(options.key) ? options.key.filter((k): k is string => typeof k === 'string') : [];
  const by = options.by as string;
  return compareFilesByGroup<EventReport>(legacyPath, shadowPath, options as unknown as Record<string, unknown>, {
    fn: FN,
    // keepRules (defineShadowSuite, which compares a type's rows as compareEvents does): no rule left out where a group lacks its field.
    adapter: { fieldRules: suite.keepRules ? [] : [['fields']], unit: 'events' },
    formats: formats as [GroupFormat, GroupFormat],
    splitCsv: splitCsvSide,
    ...(suite.only ? { only: suite.only } : {}),
    paths: { legacy: keys, shadow: keys.map(shadowName) },
    shadowName,
    // A key no row of a JSON side holds is an error naming it, as without by (a group whose rows lack it is rows without a key).
    check: async (L, S, names) => {
      for (const [side, path, format, name] of [[L, legacyPath, formats[0], 'legacy'], [S, shadowPath, formats[1], 'shadow']] as const) {
        if (format === 'parquet') continue;
        for (const k of keys.map((k) => (side === L ? k : shadowName(k)))) {
          if (names.some((g) => side.holds(g, k) !== false)) continue;
          // A ragged CSV record in the sniffer's sample makes it take another dialect: name the line, as without by.
          if (format === 'csv') for (const f of await datasetFiles(path, FN)) await checkCsvLines(FN, f, csvDelimiter(f), CSV_SNIFF_ROWS + 1);
          const guess = nearest(k, await side.topFields());
          throw new ShadowOptionError(`${FN}: key column '${k}' is not in the ${name} file ${path}${guess ? `; did you mean '${guess}'?` : ''}`);
        }
      }
    },
    compare: async (files, parts, g, opts) => {
      const noiseBy = (opts.noise as { by?: string } | undefined)?.by;
      // memory names a calibration's groups by String(value): one with the group's name unless the value is an object or a list.
      if (noiseBy === by && /^[[{]/.test(g)) throw new ShadowOptionError(`${FN}: noise is calibrated per ${by}, whose group ${g} may be an object or a list, which the calibration names otherwise; use compareEvents in memory`);
      // A group one side lacks is compared against no rows (Retry.empty).
      return compareEventFilesWithPlan(files.legacy, files.shadow, opts as unknown as CompareEventFilesOptions, plan, {
        ...(noiseBy === by ? { noiseGroup: g } : {}),
        absentKey: true,
        ...(parts.legacy?.csv || parts.shadow?.csv ? { csvRead: { legacy: parts.legacy?.csv, shadow: parts.shadow?.csv } } : {}),
        ...(parts.legacy ? {} : { empty: 'legacy' as const }),
        ...(parts.shadow ? {} : { empty: 'shadow' as const }),
      });
    },
  });
}

/**
 * compareEventFiles with its plan chosen: 'auto' (the direct plan, else the pair-table plan when
 * a key is duplicated or duplicateKeys is 'inOrder') or 'pairTable' (always). Not a public entry:
 * the tests hold the two plans to one report.
 * @internal
 */
export async function compareEventFilesWithPlan(legacyPath: string, shadowPath: string, options: CompareEventFilesOptions, plan: 'auto' | 'pairTable', retry: Retry = {}): Promise<EventReport> {
  if (options === undefined) throw new ShadowOptionError(`${FN}: options are required; pass at least { key: 'id' }`);
  assertPlainObject(FN, 'options', options);
  if (hasGroupBy(options)) return compareEventFilesByGroup(legacyPath, shadowPath, options as CompareEventFilesOptions & GroupOptions<CompareEventFilesOptions>, plan) as unknown as EventReport;
  assertKnownKeys(FN, '', options, OPTION_KEYS);
  const o = options;
  if (o.key === undefined) throw new ShadowOptionError(`${FN}: options.key is required: the column (or columns) that identify an event`);
  checkEventAdjustmentOptions(FN, o);
  if (o.noise?.by !== undefined && retry.noiseGroup === undefined) {
    throw new ShadowOptionError(`${FN}: noise is calibrated per ${o.noise.by}, which the file engine counts only per group of by: pass by: '${o.noise.by}' (or calibrate without by)`);
  }
  const keyPaths = typeof o.key === 'string' ? [o.key] : Array.isArray(o.key) ? [...(o.key as string[])] : [];
  if (keyPaths.length === 0 || !keyPaths.every((k) => typeof k === 'string' && k)) {
    throw new ShadowOptionError(`${FN}: key must be a column path or an array of column paths (functions need compareEvents in memory), got ${describeValue(o.key)}`);
  }
  const th = {
    minMatchRate: o.minMatchRate ?? 1,
    maxMissingRate: o.maxMissingRate ?? 0,
    maxExtraRate: o.maxExtraRate ?? 0,
    maxDuplicateKeys: o.maxDuplicateKeys ?? 0,
    maxMissingKeyRows: o.maxMissingKeyRows ?? 0,
  };
  assertRate(FN, 'minMatchRate', th.minMatchRate);
  assertRate(FN, 'maxMissingRate', th.maxMissingRate);
  assertRate(FN, 'maxExtraRate', th.maxExtraRate);
  assertNumber(FN, 'maxDuplicateKeys', th.maxDuplicateKeys, { min: 0, integer: true });
  assertNumber(FN, 'maxMissingKeyRows', th.maxMissingKeyRows, { min: 0, integer: true });
  const maxExamples = o.maxExamples ?? 5;
  assertNumber(FN, 'maxExamples', maxExamples, { min: 0, max: 1000, integer: true });
  const shapeSample = o.shapeSample ?? 10_000;
  assertNumber(FN, 'shapeSample', shapeSample, { min: 1, integer: true });
  if (o.threads !== undefined) assertNumber(FN, 'threads', o.threads, { min: 1, integer: true });
  assertMemoryLimit(FN, o.memoryLimit);
  const nem = o.nullEqualsMissing ?? false;
  if (typeof nem !== 'boolean') throw new ShadowOptionError(`${FN}: nullEqualsMissing must be true or false, got ${describeValue(nem)}`);
  const compare = o.compare ?? 'all';
  assertOneOf(FN, 'compare', compare, ['all', 'common', 'declared'] as const);
  const defaults = resolveDefaults(FN, o.defaults, (path, rule) => sqlRule(path, rule));
  const duplicateKeys = o.duplicateKeys ?? 'exclude';
  assertOneOf(FN, 'duplicateKeys', duplicateKeys, ['exclude', 'inOrder'] as const);
  const inOrder = duplicateKeys === 'inOrder';
  const ignoreFieldCase = o.ignoreFieldCase ?? false;
  if (typeof ignoreFieldCase !== 'boolean') throw new ShadowOptionError(`${FN}: ignoreFieldCase must be true or false, got ${describeValue(ignoreFieldCase)}`);
  if (o.fields !== undefined) assertPlainObject(FN, 'fields', o.fields);
  const declared = new Map(Object.entries(o.fields ?? {}));
  if (compare === 'declared' && declared.size === 0) {
    throw new ShadowOptionError(`${FN}: compare is 'declared' but fields is empty, so nothing would be compared; declare fields or use compare: 'all'`);
  }
  const rules = new Map([...declared].map(([p, r]) => [p, sqlRule(p, r)]));
  const rename = new Map<string, string>();
  if (o.rename !== undefined) {
    assertPlainObject(FN, 'rename', o.rename);
    for (const [from, to] of Object.entries(o.rename)) {
      if (typeof to !== 'string' || !to) throw new ShadowOptionError(`${FN}: rename.${from} must be the shadow field path (a string), got ${describeValue(to)}`);
      rename.set(from, to);
    }
  }
  const shadowName = (p: string) => renamePath(p, rename);
  const legacyName = (p: string) => renamePath(p, rename, true);
  formatOf(FN, 'legacy', legacyPath);
  formatOf(FN, 'shadow', shadowPath);

  // Spill files of joins and aggregations past memoryLimit go to a directory of this run under the
  // system's temporary directory (DuckDB's default is .tmp in the working directory), removed after.
  const own = await openDuckDb({ DuckDBInstance }, { memoryLimit: o.memoryLimit, threads: o.threads });
  const { c, spill } = own;
  // A second connection reads the shadow file while the first reads the legacy one: a CSV sniff
  // or a JSON schema inference runs on one thread, so the two sides overlap.
  const c2 = await own.db.connect();
  let csvSampled = false;
  /** Per side, the JSON paths read as native values, in the order of the bits of what a row breaks. */
  const nativePaths: { legacy?: string[]; shadow?: string[] } = {};
  const jsonFiles: string[] = [];
  /** Per JSON side, its relation and object paths as described (for the scan after a NULL_OBJECT_CODE). */
  const sides: { legacy?: { src: string; containers: string[] }; shadow?: { src: string; containers: string[] } } = {};
  /** Per CSV side, its sniffed read (before guardedCsv), to find the columns a guard stopped at. */
  const csvReads: { legacy?: string; shadow?: string } = {};
  try {
    for (const cc of [c, c2]) {
      await run(cc, `SET TimeZone = 'UTC'`);
      registerUdfs(cc);
      for (const m of MACROS) await run(cc, m);
    }
    let L: Side, S: Side;
    if (retry.empty === 'legacy') {
      S = await describeSide(c2, 'shadow', shadowPath, retry, spill);
      L = emptySide('legacy', legacyPath, S, keyPaths, keyPaths.map(shadowName));
    } else if (retry.empty === 'shadow') {
      L = await describeSide(c, 'legacy', legacyPath, retry, spill);
      S = emptySide('shadow', shadowPath, L, keyPaths.map(shadowName), keyPaths);
    } else [L, S] = await bothSides(describeSide(c, 'legacy', legacyPath, retry, spill), describeSide(c2, 'shadow', shadowPath, retry, spill));
    // A map or struct NULL on every row of one side against objects on the other: in memory an
    // object path there too (null against objects: 'object vs non-object', the other side's
    // members fields of their own), a container without members.
    for (const [side, other, toOther] of [[L, S, shadowName], [S, L, legacyName]] as const) {
      for (const [p, type] of side.nullObjectPaths ?? []) {
        if (!other.containers.has(toOther(p)) || !side.leaves.delete(p)) continue;
        side.containers.set(p, type);
        if (/^MAP\(/.test(type)) (side.maps ??= new Map()).set(p, { type });
      }
      // So is a JSON path holding null (or nothing) on every row, which the reader types JSON, a
      // leaf: one read of the side's file (only for paths the other side holds objects at) tells.
      if (!side.json) continue;
      const candidates = [...side.leaves.keys()].filter((p) => other.containers.has(toOther(p)) && !side.typed?.has(p));
      const kinds = await jsonPathKinds(c, side.src, candidates);
      candidates.forEach((p, i) => {
        if (kinds[i].object || kinds[i].other) return;
        side.leaves.delete(p);
        side.containers.set(p, 'JSON');
        (side.nullObjects ??= new Set()).add(p);
      });
    }
    csvSampled = L.sampled === true || S.sampled === true;
    for (const side of [L, S]) if (side.sniffed) csvReads[side.name] = side.sniffed;
    for (const side of [L, S]) nativePaths[side.name] = [...(side.typed?.keys() ?? [])];
    for (const side of [L, S]) if (side.json) jsonFiles.push(side.file);
    for (const side of [L, S]) if (side.json) sides[side.name] = { src: side.src, containers: [...side.containers.keys()] };
    for (const k of keyPaths) {
      // A key missing from paths read off the JSON reader's schema may be a key it merged with another
      // spelling (SCORE, score): json_group_structure's paths decide.
      if ((!L.leaves.has(k) && L.keysOutside) || (!S.leaves.has(shadowName(k)) && S.keysOutside)) return await compareEventFilesWithPlan(legacyPath, shadowPath, options, plan, nextJson(retry));
      // A line that is no object (an array, a scalar) hides the key from the schema: name the line, as loadDataset does.
      for (const side of [L, S]) {
        if (!side.json || side.leaves.has(side === L ? k : shadowName(k))) continue;
        const [r] = await rows(c, `SELECT count(*) FILTER (WHERE json_type(json) <> 'OBJECT') AS n FROM (SELECT json FROM ${side.src} LIMIT ${READER_SAMPLE})`);
        if (toNum(r.n) > 0) await throwBadLine(c, side.file);
      }
      // A ragged CSV record in the sniffer's sample makes it take another dialect (one column named `id,x`): name the line, as loadDataset does.
      for (const side of [L, S]) {
        if (!side.csv || side.leaves.has(side === L ? k : shadowName(k))) continue;
        for (const f of await filesOfPattern((sql) => rows(c, sql), side.file)) await checkCsvLines(FN, f, csvDelimiter(f), CSV_SNIFF_ROWS + 1);
      }
      if (!L.leaves.has(k) && !(retry.absentKey && L.json)) {
        const guess = nearest(k, [...L.leaves.keys()]);
        throw new ShadowOptionError(`${FN}: key column '${k}' is not in the legacy file ${legacyPath}${guess ? `; did you mean '${guess}'?` : ''}`);
      }
      if (!S.leaves.has(shadowName(k)) && !(retry.absentKey && S.json)) throw new ShadowOptionError(`${FN}: key column '${shadowName(k)}' is not in the shadow file ${shadowPath}`);
    }
    /** Compares an object path of a side as one value: its members are no fields of their own. */
    const asOneValue = (side: Side, p: string) => {
      const t = side.containers.get(p);
      if (t === undefined) return;
      for (const leaf of [...side.leaves.keys()]) if (leaf.startsWith(`${p}.`)) side.leaves.delete(leaf);
      for (const ct of [...side.containers.keys()]) if (ct.startsWith(`${p}.`)) side.containers.delete(ct);
      side.containers.delete(p);
      // A MAP read as the struct of its keys (mapsAsStructs) is the map itself again.
      side.leaves.set(p, side.maps?.get(p)?.type ?? t);
    };
    // A declared rule stops the descent into an object: the path is compared as one value.
    for (const d of declared.keys()) {
      asOneValue(L, d);
      asOneValue(S, shadowName(d));
    }
    // The paths each side holds, as memory finds them (a declared rule stops the descent there
    // too): the schema's differences are read off these, before the collapses below, which change
    // how paths are compared, not which a side holds.
    const lSeen = new Set([...L.leaves.keys(), ...L.containers.keys()]);
    const sSeenAsShadow = [...S.leaves.keys(), ...S.containers.keys()];
    // So does a path that is an object on one side and one JSON value on the other (its kinds mixed
    // there): both sides compare it as one value, where the one side's members against a value
    // the other side never splits would differ on every row.
    for (const p of [...L.containers.keys()]) if (S.leaves.has(shadowName(p))) asOneValue(L, p);
    for (const p of [...S.containers.keys()]) if (L.leaves.has(legacyName(p))) asOneValue(S, p);
    // A declared rule for a path below one a JSON side reads as one value (collapsed above, or
    // typed JSON by the reader: null only, {} or mixed kinds) still reads that path on the side:
    // the path's JSON value where the row holds an object there, else missing, as in memory.
    // Without it the declared path was missing on every row of the side (a declared field found
    // absent on both sides, or a value against missing counted equal).
    for (const d of declared.keys()) {
      for (const [side, path] of [[L, d], [S, shadowName(d)]] as const) {
        if (!side.json || side.leaves.has(path) || side.containers.has(path)) continue;
        const parts = path.split('.');
        if (parts.slice(1).some((_, i) => side.leaves.has(parts.slice(0, i + 1).join('.')))) side.leaves.set(path, 'JSON');
      }
    }
    const reasons: Reason[] = [];
    if (ignoreFieldCase) caseRenames([...L.leaves.keys(), ...L.containers.keys()], [...S.leaves.keys(), ...S.containers.keys()], rename, reasons);
    const dotted = new Set([...(L.dotted ?? []), ...(S.dotted ?? []).map(legacyName)]);
    reasons.push(...dottedKeyReasons(dotted, declared));
    const lAll = new Set([...L.leaves.keys(), ...L.containers.keys()]);
    const sAll = new Set([...S.leaves.keys(), ...S.containers.keys()].map(legacyName));
    const keyFields = new Set(keyPaths);
    const names =
      compare === 'all'
        ? new Set([...L.leaves.keys(), ...[...S.leaves.keys()].map(legacyName), ...declared.keys()])
        : compare === 'common'
          ? new Set([...[...L.leaves.keys()].filter((p) => sAll.has(p)), ...[...S.leaves.keys()].map(legacyName).filter((p) => lAll.has(p)), ...declared.keys()])
          : new Set(declared.keys());
    const ignoredFields: string[] = [];
    /** `container`: a top-level STRUCT column itself, compared on its own nullness (added after the other fields, below). */
    type Field = { name: string; shadow: string; rule: SqlRule; desc: string; reportDelta: 'always' | 'mismatch' | 'never'; time: boolean; minMatchRate?: number; lc: SideColumn; sc: SideColumn; lp: string; sp: string; container?: true; objects?: true };
    const fields: Field[] = [];
    const neededL = new Set(keyPaths);
    const neededS = new Set(keyPaths.map(shadowName));
    const pending: { name: string; r: Exclude<ReturnType<typeof sqlRule>, 'ignore'> }[] = [];
    /** Below a path declared 'ignore' (ignoring a parent ignores its subtree). */
    const underIgnored = (name: string) => [...declared].some(([d, dr]) => dr === 'ignore' && name.startsWith(`${d}.`));
    for (const name of [...names].sort()) {
      const declaredRule = declared.get(name);
      if (keyFields.has(name) && declaredRule === undefined) continue;
      if (dotted.has(name) && declaredRule === undefined) continue; // no path reaches it: a reason says so (dottedKeyReasons)
      const r = rules.get(name) ?? sqlRule(name, undefined);
      if (r === 'ignore') {
        ignoredFields.push(name);
        continue;
      }
      if (underIgnored(name)) continue;
      pending.push({ name, r });
      if (L.leaves.has(name)) neededL.add(name);
      if (S.leaves.has(shadowName(name))) neededS.add(shadowName(name));
    }

    // The two relations, each with its key parts as __k0, __k1, … (typed alike on both sides).
    const inner = (side: Side, alias: string, p: string): SideColumn => {
      if (!side.leaves.has(p)) return jsonColumn('NULL::JSON');
      if (side.json) {
        const nt = side.typed?.get(p);
        if (nt) return nativeColumn(`${alias}.${q(side.aliases.get(p)!)}`, nt.type);
        const col = jsonColumn(`${alias}.${q(side.aliases.get(p)!)}`);
        const t = side.inferred?.get(p);
        if (t !== undefined && !mayHoldNumbers(t)) col.noNumbers = true;
        return col;
      }
      const t = side.leaves.get(p)!;
      // A CSV column is one name, dots and all (a header geo.city is the path geo.city, as loadDataset nests it).
      const ref = side.csv ? `${alias}.${q(side.csvColumns?.get(p) ?? p)}` : mapRef(side, alias, p) ?? colRef(alias, p);
      // A member of a struct NULL on the row is missing (see SideColumn.missingWhen).
      const missingWhen = parentNullSql(side, alias, p);
      // A MAP (Parquet's map, Spark's map<string, string>) is an object in memory, its keys in any
      // order: compared as the JSON object of its entries (NULL a JSON null), so key order is no
      // difference. (In memory each key is a field of its own; here the map is one field.)
      if (!side.csv && /^MAP\(/.test(t)) return asJson({ ...nativeColumn(ref, t), missingWhen });
      // A DECIMAL wider than 15 digits is, in memory, the double nearest it (loadDataset): compared
      // so here too (a comparison of the decimals themselves sees digits memory cannot).
      const wide = side.csv ? undefined : wideDecimalSql(ref, t);
      // Read as loadDataset (hyparquet) reads the same column: a UUID as its text (8-4-4-4-12
      // lowercase hex, as DuckDB writes it; as a UUID it joined no string key), a TIME as its
      // microseconds since midnight (a number), a BLOB (a byte array without a string annotation)
      // as the UTF-8 text it holds (else its escaped text, so that two different blobs differ).
      const col =
        wide ? nativeColumn(wide, 'DOUBLE')
        : side.csv ? nativeColumn(ref, t)
        : t === 'UUID' ? nativeColumn(`CAST(${ref} AS VARCHAR)`, 'VARCHAR')
        : t === 'TIME' ? nativeColumn(`epoch_us(${ref})`, 'BIGINT')
        : t === 'BLOB' ? nativeColumn(`coalesce(try(decode(${ref})), CAST(${ref} AS VARCHAR))`, 'VARCHAR')
        : nativeColumn(ref, t);
      if (missingWhen) col.missingWhen = missingWhen;
      return col;
    };
    // An object path of a JSON file that holds null on some row (Side.nullObjects) is, in memory,
    // a field of its own besides its members: an object on some rows and null on others, compared
    // as 'object vs non-object' (two objects agree, their members compared apart; null against an
    // object, `{}` included, differs; null against a missing key as nullEqualsMissing says). Its
    // members alone cannot tell a null object from `{}`, from one whose members are all null
    // under nullEqualsMissing, or from a missing key: such pairs passed here and failed in memory.
    // Read as the JSON value of the path, on each side that has it.
    // So is a struct of a typed file (Parquet) NULL on some row where its parent is not, against a
    // JSON file, or nested in a struct (a top-level struct of two typed files: see below).
    /**
     * Whether a file's footer proves its struct NULL on no row: a member with a null count of 0
     * in the statistics of every row group (a NULL struct makes every member NULL). Then the
     * struct is no field and costs the pass nothing (the usual case).
     */
    const neverNull = async (side: Side, name: string): Promise<boolean> => (await footerNulls(c, side.file, name, side.footer)).never;
    /** Whether a struct of a typed file is NULL on some row where its parent struct is not (one read of its column). */
    const nullStruct = async (side: Side, p: string): Promise<boolean> => {
      if (await neverNull(side, p)) return false;
      const parentNull = parentNullSql(side, 'x', p);
      const [r] = await rows(c, `SELECT coalesce(bool_or(${colRef('x', p)} IS NULL${parentNull ? ` AND NOT ${parentNull}` : ''}), false) AS n FROM ${side.src} x`);
      return r.n === true;
    };
    /** An object path memory may compare as a field of its own: not a key, no rule of its own (which reads it as one value), not ignored. */
    const ownField = (name: string) => !keyFields.has(name) && !declared.has(name) && !underIgnored(name);
    const objectFields: { name: string; sp: string }[] = [];
    if (compare === 'all' || compare === 'common') {
      const candidates = new Set([...[...L.containers.keys()].filter((p) => L.json && L.nullObjects?.has(p)), ...[...S.containers.keys()].filter((p) => S.json && S.nullObjects?.has(p)).map(legacyName)]);
      for (const [side, other, toLegacy] of [[L, S, (p: string) => p], [S, L, legacyName]] as const) {
        if (side.json || side.csv) continue;
        for (const p of side.containers.keys()) {
          const name = toLegacy(p);
          if (candidates.has(name) || (!other.json && !p.includes('.')) || !ownField(name)) continue;
          if (await nullStruct(side, p)) candidates.add(name);
        }
      }
      for (const p of [...candidates].sort()) {
        const sp = shadowName(p);
        if (!ownField(p) || (compare === 'common' && !(lAll.has(p) && sAll.has(p)))) continue;
        objectFields.push({ name: p, sp });
        if (L.json && L.containers.has(p)) neededL.add(p);
        if (S.json && S.containers.has(sp)) neededS.add(sp);
      }
    }
    for (const [side, needed] of [[L, neededL], [S, neededS]] as const) [...needed].forEach((p, i) => side.aliases.set(p, `c${i}`));
    const keyCols = keyPaths.map((k) => {
      const lc = inner(L, 'x', k);
      const sc = inner(S, 'x', shadowName(k));
      const native = nativeKeys(lc, sc);
      return { native, l: keySql(lc, native), s: keySql(sc, native), lc, sc };
    });
    // Each side read on its own connection (tables and views of the database, seen by both).
    const readSide = async (side: Side, alias: 'l' | 's', needed: Set<string>, cc: DuckDBConnection) => {
      const keys = keyCols.map((k, i) => `${alias === 'l' ? k.l : k.s} AS __k${i}`).join(', ');
      try {
        if (side.json) {
          const paths = [...needed].filter((p) => !side.typed?.has(p));
          const typedPaths = [...needed].filter((p) => side.typed?.has(p));
          const structure: Record<string, unknown> = {};
          for (const p of typedPaths) {
            const parts = p.split('.');
            let o = structure;
            for (const part of parts.slice(0, -1)) o = (o[part] ??= {}) as Record<string, unknown>;
            o[parts[parts.length - 1]] = side.typed!.get(p)!.transform;
          }
          // Each value extracted once per row (one parse of the line for all paths). A table for
          // 'inOrder' (rowid) and for the pair-table plan (several reads), else a view read by the one pass.
          // Every row read is checked (by a filter: an unread column would be pruned); the first
          // that breaks the schema or a native read ends the statement with JSON_BROKEN.
          await run(cc,
            `CREATE ${inOrder || plan === 'pairTable' ? 'TABLE' : 'VIEW'} ${alias} AS SELECT ${keys}, x.* FROM (
               SELECT ${[...paths.map((p, i) => `__v[${i + 1}] AS ${q(side.aliases.get(p)!)}`), ...typedPaths.map((p) => `__t.${p.split('.').map(q).join('.')} AS ${q(side.aliases.get(p)!)}`)].join(', ')}
               FROM (SELECT ${paths.length ? `json_extract(json, [${paths.map((p) => lit(jsonPath(p))).join(', ')}])` : 'NULL'} AS __v, ${typedPaths.length ? `json_transform(json, ${lit(JSON.stringify(structure))})` : 'NULL'} AS __t, (${side.keysOutside ?? '0'}) AS __ko
                     FROM ${side.typePaths?.length ? `(SELECT json, json_type(json, [${side.typePaths.map((p) => lit(jsonPath(p))).join(', ')}]) AS __jt${(side.elemPaths ?? []).map((p, j) => `, json_type(json, ${lit(`${jsonPath(p)}[*]`)}) AS __je${j}`).join('')} FROM ${side.src})` : side.src})
               WHERE __ko = 0 OR error('${JSON_BROKEN}${side.name}:' || __ko::VARCHAR)) x`,
          );
        } else {
          // In order of occurrence (duplicateKeys 'inOrder') the k-th row of a key pairs with the
          // k-th: a table keeps the file's row order as rowid. Otherwise a view: the direct plan
          // reads each file once, in its one pass.
          await run(cc, `CREATE ${inOrder ? 'TABLE' : 'VIEW'} ${alias} AS SELECT ${keys}, x.* FROM ${side.src} x`);
        }
      } catch (e) {
        throw new ShadowOptionError(`${FN}: cannot read ${side.name} file ${side.file}: ${(e as Error).message}`);
      }
    };
    await bothSides(readSide(L, 'l', neededL, c), readSide(S, 's', neededS, c2));
    // JSON paths read off the reader's schema hold only if no row breaks them (see jsonPaths):
    // checked wherever a side is read (the direct plan's pass, a table's load; see readSide).
    const direct = !(inOrder || plan === 'pairTable');
    /** The relation of the extra keys where the pair-table plan made one (else: keys of s that l lacks). */
    let extraKeys: string | undefined;
    // defaults: a field without a rule takes the rule of the one type of all its non-null values on both sides.
    const typeOf = new Map<string, ValueType>();
    const undeclared = pending.filter((x) => !declared.has(x.name));
    if (defaults.size > 0 && undeclared.length > 0) {
      const bits: Record<string, number> = {};
      for (const [side, alias] of [[L, 'l'], [S, 's']] as const) {
        const exprs = undeclared.map(({ name }, i) => {
          const col = inner(side, alias, side === L ? name : shadowName(name));
          if (col.expr === 'NULL::JSON') return `0 AS t${i}`;
          if (col.json) {
            return `coalesce(bit_or(CASE WHEN ${col.expr} IS NULL THEN NULL ELSE CASE json_type(${col.expr}) WHEN 'NULL' THEN NULL WHEN 'VARCHAR' THEN 2 WHEN 'BOOLEAN' THEN 4 WHEN 'ARRAY' THEN 8 WHEN 'OBJECT' THEN 16 ELSE 1 END END), 0) AS t${i}`;
          }
          const bit = { number: 1, string: 2, bool: 4, list: 8, time: 16, other: 16 }[col.cls];
          return `CASE WHEN count(${col.expr}) > 0 THEN ${bit} ELSE 0 END AS t${i}`;
        });
        // No row when every expression is a constant and the side has none (a group one side lacks).
        const [r = {}] = await rows(c, `SELECT ${exprs.join(', ')} FROM ${alias}`);
        undeclared.forEach((_, i) => (bits[i] = (bits[i] ?? 0) | toNum(r[`t${i}`] ?? 0)));
      }
      const byBit: Record<number, ValueType> = { 1: 'number', 2: 'string', 4: 'boolean', 8: 'array' };
      undeclared.forEach(({ name }, i) => {
        const t = byBit[bits[i]];
        if (t !== undefined && defaults.has(t)) typeOf.set(name, t);
      });
    }
    for (const x of pending) {
      const t = typeOf.get(x.name);
      if (t === undefined) continue;
      const r = sqlRule(x.name, defaults.get(t));
      if (r !== 'ignore') x.r = r;
    }
    for (const { name, r } of pending) {
      const sname = shadowName(name);
      fields.push({
        name, shadow: sname, rule: r.rule, desc: r.description, reportDelta: r.reportDelta, time: r.time, minMatchRate: r.minMatchRate,
        lc: inner(L, 'l', name), sc: inner(S, 's', sname), lp: name, sp: sname,
      });
    }
    // A top-level STRUCT column that is NULL on some rows is, in memory, a field of its own: an
    // object on some rows and null on others, compared as 'object vs non-object' (null against an
    // object differs, whatever nullEqualsMissing), besides its members (missing where it is NULL).
    // Its members alone cannot tell a NULL struct from one whose members are all NULL under
    // nullEqualsMissing, where such a pair passed here and failed in memory. Each such column of
    // two Parquet files is compared on its nullness; after the pass it is reported when memory
    // would list it (some row holds an object and some a NULL there; see where the field reports are built).
    /** An object path as memory holds it, a JSON value: the object, null, or missing (SQL NULL). */
    const objectValue = (side: Side, alias: string, p: string): SideColumn => {
      if (!side.containers.has(p)) return jsonColumn('NULL::JSON');
      if (side.json) return jsonColumn(`${alias}.${q(side.aliases.get(p)!)}`);
      // A struct of a typed file: null where NULL, missing where a struct holding it is NULL.
      const map = side.maps?.get(p);
      if (map) return asJson(nativeColumn(mapRef(side, alias, p)!, map.type));
      return asJson({ ...nativeColumn(colRef(alias, p), side.containers.get(p)!), missingWhen: parentNullSql(side, alias, p) });
    };
    if (objectFields.length) {
      const exact = sqlRule('', undefined);
      if (exact === 'ignore') throw new Error(`${FN}: internal error: the default rule is 'ignore'`);
      for (const { name, sp } of objectFields) {
        fields.push({ name, shadow: sp, rule: exact.rule, desc: 'object vs non-object', reportDelta: 'never', time: false, lc: objectValue(L, 'l', name), sc: objectValue(S, 's', sp), lp: name, sp, objects: true });
      }
      fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    if (!L.json && !S.json && !L.csv && !S.csv && (compare === 'all' || compare === 'common')) {
      const exact = sqlRule('', undefined);
      if (exact === 'ignore') throw new Error(`${FN}: internal error: the default rule is 'ignore'`);
      const top = new Set([...[...L.containers.keys()], ...[...S.containers.keys()].map(legacyName)].filter((p) => !p.includes('.')));
      for (const p of [...top].sort()) {
        const sp = shadowName(p);
        const [lt, st] = [L.containers.get(p), S.containers.get(sp)];
        if (!ownField(p) || (compare === 'common' && (lt === undefined || st === undefined))) continue;
        if ((lt === undefined || (await neverNull(L, p))) && (st === undefined || (await neverNull(S, sp)))) continue;
        // On one side only: in memory a field when that side holds both an object and a NULL there
        // (its pairs then differ wherever it holds an object): asked of the file before the pass.
        if (lt === undefined || st === undefined) {
          const [alias, col] = lt !== undefined ? ['l', colRef('l', p)] : ['s', colRef('s', sp)];
          const [r] = await rows(c, `SELECT coalesce(bool_or(${col} IS NULL) AND bool_or(${col} IS NOT NULL), false) AS both FROM ${alias}`);
          if (r.both !== true) continue;
        }
        fields.push({
          name: p, shadow: sp, rule: exact.rule, desc: 'object vs non-object', reportDelta: 'never', time: false,
          // A map (mapsAsStructs) shown as the map, as memory shows it (its struct holds every key).
          lc: lt !== undefined ? nativeColumn(mapRef(L, 'l', p) ?? colRef('l', p), L.maps?.get(p)?.type ?? lt) : jsonColumn('NULL::JSON'),
          sc: st !== undefined ? nativeColumn(mapRef(S, 's', sp) ?? colRef('s', sp), S.maps?.get(sp)?.type ?? st) : jsonColumn('NULL::JSON'),
          lp: p, sp, container: true,
        });
      }
      fields.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    }
    const F = fields.length;
    /**
     * A field's value as an example shows it (`__rl{i}`, `__rs{i}`): a native string as its UTF-8
     * bytes, which the row converter decodes keeping a leading byte-order mark (DuckDB's string
     * conversion dropped it, so `\uFEFF x` showed as ` x`, as memory does not). Mismatching pairs only.
     */
    const shown = (i: number, side: 'l' | 's') => {
      const c = side === 'l' ? fields[i].lc : fields[i].sc;
      return !c.json && c.cls === 'string' && /^VARCHAR$/i.test(c.type) ? `encode(__r${side}${i})` : `__r${side}${i}`;
    };
    /**
     * Strings nested in a field's lists, structs or maps (keepingBomSql) keep the mark the same way,
     * converted in the examples once they are chosen (`keepBom` over the capped sample), not in the
     * pass: a lambda there cost 0.3–0.5 s at 10M × 10M Parquet (one VARCHAR[] column), although only
     * mismatching pairs take it. `['\uFEFFa']` had shown as `['a']`.
     */
    const nestedShown = (i: number, side: 'l' | 's', expr: string) => {
      const c = side === 'l' ? fields[i].lc : fields[i].sc;
      return c.json || /^VARCHAR$/i.test(c.type) ? undefined : keepingBomSql(expr, c.type);
    };
    const nestedFields = fields.flatMap((_, i) => (['l', 's'] as const).flatMap((side) => {
      const e = nestedShown(i, side, `__e.__${side}${i}`);
      return e === undefined ? [] : [`__${side}${i} := ${e}`];
    }));
    /** A list of sample structs (arg_min(__x, …)) with nested strings read as bytes (see nestedShown). */
    const keepBom = (list: string) => (nestedFields.length ? `list_transform(${list}, lambda __e: struct_update(__e, ${nestedFields.join(', ')}))` : list);
    const kcols = keyPaths.map((_, i) => `__k${i}`);
    const notNull = (alias: string) => kcols.map((k) => `${alias}.${k} IS NOT NULL`).join(' AND ');
    const kl = kcols.join(', ');
    const keyEq = (a: string, b: string) => kcols.map((k) => `${a}.${k} = ${b}.${k}`).join(' AND ');
    // Examples are the first keys in this order (tagged keys as memory orders them: taggedKeyOrderSql).
    const ordOf = (col: string, i: number) => (keyCols[i].native ? col : taggedKeyOrderSql(col));
    const order = kcols.map(ordOf).join(', ');

    // The per-pair SQL of every field, shared by both plans, in three layers so that every value
    // is read, normalised and typed once per pair: (1) the prepared values of each field, (2) what
    // the rule derives from them (kind, number, string, epoch, list), (3) the mismatch flag, the
    // signed delta and the unparseable count.
    const prepared: string[] = [];
    /** Per field: its derived parts, [column, expression]. */
    const parts: [string, string][][] = fields.map(() => []);
    /**
     * The direct plan's epoch ms of native time strings (CSV text), computed per side before the
     * join, as columns of a view over the side: read where the file's text still lies in order,
     * rather than out of the join's hash table after it (1M CSV: 8 % less wall time, 10 % less
     * CPU). JSON values are not: their epochs measured no faster so.
     */
    const early: Record<'l' | 's', string[]> = { l: [], s: [] };
    /**
     * A member of a struct in a typed file (Parquet, STRUCT columns) is missing where its struct is
     * NULL and null where the struct holds a NULL member; loadDataset reads them as an absent key
     * and a null, which differ unless nullEqualsMissing. Per field, the SQL of that condition on
     * each side (false where the field is no member of a struct there), or undefined when the
     * distinction cannot arise (JSON values tell them apart themselves).
     */
    // (A JSON side reads its native paths present on every row, see NativeJson: never missing.)
    const absentOf = (side: Side, alias: string, path: string) => parentNullSql(side, alias, path) ?? 'false';
    /** Per member field, its missing conditions on each side: shown as a missing value in examples and shapes. */
    const absentShown = fields.map((f) => {
      // A side without the path, or of JSON values, reads a missing value as NULL and shows it so.
      const [al, as] = [f.lc.json ? 'false' : absentOf(L, 'l', f.lp), f.sc.json ? 'false' : absentOf(S, 's', f.sp)];
      return al === 'false' && as === 'false' ? undefined : [al, as];
    });
    /**
     * The same where both sides are native and missing and null differ (not under
     * nullEqualsMissing): the agreement reads them. A pair with a JSON side compares JSON values,
     * where the struct's NULL is already a missing value (SideColumn.missingWhen).
     */
    const absent = absentShown.map((a, i) => (nem || fields[i].lc.json || fields[i].sc.json ? undefined : a));
    const cols = fields.map((f, i) => {
      // The values as read, kept where the field mismatches (examples, shapes): no second read of the files.
      prepared.push(`${f.lc.expr} AS __rl${i}`, `${f.sc.expr} AS __rs${i}`);
      // A struct itself is compared on the values as read (see agree): nothing prepared or derived.
      if (f.container) return [f.lc, f.sc];
      const [pl, ps] = prepareSides(f.rule, f.lc, f.sc);
      if (absentShown[i]) prepared.push(`${absentShown[i]![0]} AS __al${i}`, `${absentShown[i]![1]} AS __as${i}`);
      return ([[pl, `__pl${i}`, 'l'], [ps, `__ps${i}`, 's']] as const).map(([col, name, alias]) => {
        prepared.push(`${col.expr} AS ${name}`);
        // (missingWhen names the row's struct, which only the inner select sees: applied above.)
        const ref: SideColumn = { ...col, expr: name, missingWhen: undefined };
        const d: NonNullable<SideColumn['derived']> = {};
        for (const [k, expr] of Object.entries(derivedSql(f.rule, ref, nem))) {
          if (k === 'epoch' && direct && !col.json && col.cls === 'string') {
            early[alias].push(`${derivedSql(f.rule, col, nem).epoch} AS ${name}_${k}`);
            prepared.push(`${alias}.${name}_${k} AS ${name}_${k}`);
          } else parts[i].push([`${name}_${k}`, expr]);
          d[k as keyof typeof d] = `${name}_${k}`;
        }
        return { ...ref, derived: d };
      });
    });
    // The sides as the direct plan's join reads them: with their early columns, if any.
    const joined = { l: 'l', s: 's' };
    for (const alias of ['l', 's'] as const) {
      if (early[alias].length === 0) continue;
      joined[alias] = `__${alias}x`;
      await run(c, `CREATE OR REPLACE TEMP VIEW __${alias}x AS SELECT *, ${early[alias].join(', ')} FROM ${alias}`);
    }
    // An integer past 2^53 against a column that cannot hold it (a BigInt against a number in
    // memory): an exact difference from a safe integer, else a mismatch with no delta.
    const wide = fields.map((f, i) => (f.container ? undefined : wideIntSql(f.rule, [f.lc, f.sc], [cols[i][0], cols[i][1]], `__rl${i}`, `__rs${i}`)));
    // Values of a 64-bit integer column read back exact past 2^53 (BigInts, as loadDataset reads them).
    const big = fields.map((f) => wideInt(f.lc) || wideInt(f.sc));
    const deltaExprs = fields.map((f, i) => {
      if (f.container || f.objects) return 'NULL::DOUBLE';
      const d = deltaSql(f.rule, cols[i][0], cols[i][1], nem);
      const w = wide[i];
      return w && d !== 'NULL::DOUBLE' ? `(CASE WHEN ${w.past} THEN ${w.delta} ELSE ${d} END)` : d;
    });
    const bad = fields.map((f, i) => (f.container ? undefined : unparseableSql(f.rule, cols[i][0], cols[i][1])));
    // A derived part is computed once per pair where the delta or the unparseable count reads it;
    // one that only an agreement with a shortcut for equal values reads (see agreeShortcut) is
    // written into it instead, so that only the pairs that differ evaluate it.
    const refersTo = (sql: string, column: string) => new RegExp(`${column}(?![A-Za-z0-9_])`).test(sql);
    const derived: string[] = [];
    const agree = fields.map((f, i) => {
      // A struct itself: both objects, or both NULL (a top-level column is never missing).
      // Against a side without the column (missing): an object differs, a NULL only where missing and null differ.
      if (f.container) return f.lc.json ? (nem ? `(__rs${i} IS NULL)` : 'false') : f.sc.json ? (nem ? `(__rl${i} IS NULL)` : 'false') : `((__rl${i} IS NULL) = (__rs${i} IS NULL))`;
      let sql = agreeSql(f.rule, cols[i][0], cols[i][1], nem);
      const eagerSql = [deltaExprs[i], bad[i]?.count ?? '', bad[i]?.text ?? ''].join(' ');
      for (const [column, expr] of parts[i]) {
        if (agreeShortcut(f.rule, cols[i][0], cols[i][1]) && !refersTo(eagerSql, column)) sql = sql.replace(new RegExp(`${column}(?![A-Za-z0-9_])`, 'g'), () => `(${expr})`);
        else derived.push(`${expr} AS ${column}`);
      }
      const w = wide[i];
      if (w) sql = `(CASE WHEN ${w.past} THEN ${w.agree} ELSE ${sql} END)`;
      // An object path itself (objectFields): two objects agree (their members are compared apart).
      if (f.objects) sql = `(coalesce(json_type(__rl${i}) = 'OBJECT' AND json_type(__rs${i}) = 'OBJECT', false) OR ${sql})`;
      // Two NULL members agree only when both are missing (struct NULL) or both null (see absentOf).
      return absent[i] ? `(${sql} AND NOT (__rl${i} IS NULL AND __rs${i} IS NULL AND __al${i} <> __as${i}))` : sql;
    });
    const badCols = bad.flatMap((b, i) => (b ? [`${b.count} AS __u${i}`, `${b.text} AS __t${i}`] : []));
    const anyMismatch = F ? fields.map((_, i) => `__m${i}`).join(' OR ') : 'false';
    const mask = `concat(${fields.map((_, i) => `__m${i}::INTEGER`).join(', ')}, '')`;
    // A field whose values are never both numbers (strings, lists) has no deltas.
    const deltaFields = fields.map((_, i) => i).filter((i) => deltaExprs[i] !== 'NULL::DOUBLE');
    // The finite |delta| values of the query running, streamed to JS by __shadow_deltas (see DeltaSink).
    let sink = new DeltaSink(0);
    if (deltaFields.length > 0) registerCollector(c, '__shadow_deltas', deltaFields.length, (columns, n) => sink.add(columns, n));
    /**
     * Per field: mismatches and finite |delta| count (unless `direct`: the direct plan sums the
     * mismatches from its groups and takes the counts from `sink`, which holds the values, made
     * anew for each query that runs these), unparseable times.
     */
    const fieldAggs = (pair: string, direct = false) => [
      ...fields.flatMap((_, i) => [
        ...(direct ? [] : [`count(*) FILTER (WHERE __m${i}) AS mm${i}`, deltaExprs[i] === 'NULL::DOUBLE' ? `0 AS dn${i}` : `count(__d${i}) FILTER (WHERE ${pair}isfinite(__d${i})) AS dn${i}`]),
        ...(bad[i] ? [`coalesce(sum(__u${i}) FILTER (WHERE ${pair}true), 0) AS un${i}`, `min(__t${i}) FILTER (WHERE ${pair}true) AS ut${i}`] : []),
      ]),
      // NULL as NaN, so the collector reads the values without their validity. Called for the pairs
      // only: DuckDB runs a CASE branch on the rows that take it, and not at all for a chunk where
      // none does (a FULL JOIN with a list column gives each chunk's unmatched rows a chunk of their
      // own: half the calls, each a handoff to the JS thread, would carry one or two rows).
      ...(deltaFields.length > 0 ? [`count(CASE WHEN ${pair}true THEN __shadow_deltas(${deltaFields.map((i) => `coalesce(__d${i}, 'NaN'::DOUBLE)`).join(', ')}) END) AS __dc`] : []),
    ];
    /**
     * Rows holding the field: all rows for a top-level column, else those where the value returned
     * is not NULL (the parent struct, the JSON value), so that count(value) counts them.
     */
    const presenceOf = (side: Side, alias: string, p: string, objects = false): 'none' | 'all' | string => {
      // A key of a MAP read as a struct (mapsAsStructs): the rows whose map holds it.
      const holds = mapHoldsSql(side, alias, p);
      const inMap = holds && `nullif(${holds}, false)`;
      // An object path of objectFields: the rows holding an object or null there (a top-level struct of a typed file: every row).
      if (objects) {
        if (!side.containers.has(p)) return 'none';
        if (side.json) return `${alias}.${q(side.aliases.get(p)!)}`;
        if (inMap) return inMap;
        const dot = p.lastIndexOf('.');
        return dot < 0 ? 'all' : colRef(alias, p.slice(0, dot));
      }
      // A struct itself: the rows holding an object there (its rows in all are the file's).
      if (!side.json && !side.csv && !p.includes('.') && side.containers.has(p)) return colRef(alias, p);
      if (!side.leaves.has(p)) return 'none';
      if (side.typed?.has(p)) return 'all';
      if (side.json) return `${alias}.${q(side.aliases.get(p)!)}`;
      if (inMap) return inMap;
      const dot = p.lastIndexOf('.');
      return dot < 0 || side.csv ? 'all' : colRef(alias, p.slice(0, dot));
    };
    const presenceCount = (side: Side, alias: string, p: string, objects = false) => {
      const e = presenceOf(side, alias, p, objects);
      return e === 'none' ? '0' : e === 'all' ? 'count(*)' : `count(${e})`;
    };
    const keyOf = (r: Record<string, unknown>) => {
      // An integer key past 2^53 shown exact (a BigInt, as loadDataset reads it), never rounded.
      const parts = keyCols.map((k, i) => (k.native ? plain(r[`__k${i}`], true) : untagKey(r[`__k${i}`])));
      return keyPaths.length === 1 ? parts[0] : parts;
    };

    type Row = Record<string, unknown>;
    /** What either plan reads back from DuckDB; rows carry the key parts as __k0, __k1, … */
    interface Gathered {
      Lrows: number;
      Srows: number;
      /** missing, extra, ambiguous, duplicated keys (ldk, sdk) and their rows (ldr, sdr), keyless rows (lmk, smk). */
      n: Record<'missing' | 'extra' | 'ambiguous' | 'ldk' | 'ldr' | 'sdk' | 'sdr' | 'lmk' | 'smk', number>;
      /** Rows holding each field, per side. */
      presence: { legacy: number[]; shadow: number[] };
      matched: number;
      equal: number;
      /** Per field i: mm{i}, dn{i}, un{i}, ut{i} (the |delta| values are in `sink`). */
      agg: Row;
      /** Per field i: its first `shapeSample` mismatching pairs by key, with __l{i}, __s{i}, __d{i}. */
      samples: Row[][];
      /** Mismatch groups by mask ('1' where the field differs): count and first `maxExamples` pairs by key. */
      groups: { mask: string; count: number; examples: Row[] }[];
      missing: Row[];
      extra: Row[];
      duplicates: { side: 'legacy' | 'shadow'; row: Row; rows: number }[];
    }

    /**
     * The direct plan (duplicateKeys 'exclude'): the FULL JOIN of the two files, aggregated as it
     * streams in one aggregation, no pair table: counts, presence, per-field mismatches,
     * the |delta| values (to JS, see DeltaSink), and, filtered to the rare rows, the first
     * mismatches by key (arg_min(row, key, n)), the group counts and the first missing and extra
     * keys. Undefined when a key is duplicated on either side: the pair-table plan then counts and
     * excludes duplicated keys. The proof that there is none: a key with a rows in legacy and b in
     * shadow gives a·b rows of the join, so the legacy rows seen in the join exceed the file's rows
     * by Σ a·(b − 1) over matched keys and the shadow's by Σ b·(a − 1): both zero means a = b = 1
     * for every matched key; an unmatched key is duplicated iff its side has fewer distinct
     * unmatched keys than unmatched rows.
     */
    const directPlan = async (): Promise<Gathered | undefined> => {
      // Rows per file: a Parquet file's from its metadata, before the pass; a CSV or JSON file's
      // from the pass itself, as the rows its scan gave in DuckDB's profile of the pass (counting
      // them apart would parse the file once more), else counted after it (see scanRows).
      const rowsOf = (side: Side, alias: string) => `(SELECT count(${side.csv ? `${kcols[0]} IS NULL` : '*'}) FROM ${alias})`;
      const inPass = (side: Side) => side.csv || side.json;
      const countRows = async (sides: [Side, string][]) =>
        sides.length ? (await rows(c, `SELECT ${sides.map(([side, alias]) => `${rowsOf(side, alias)} AS ${alias}n`).join(', ')}`))[0] : {};
      const total: Record<string, unknown> = await countRows(([[L, 'l'], [S, 's']] as [Side, string][]).filter(([side]) => !inPass(side)));
      const lk = kcols.map((_, i) => `__lk${i}`);
      const sk = kcols.map((_, i) => `__sk${i}`);
      const struct = (names: string[], exprs: string[]) => `struct_pack(${names.map((k, i) => `${k} := ${exprs[i]}`).join(', ')})`;
      const isMissing = `__lp AND __sp IS NULL AND ${lk.map((k) => `${k} IS NOT NULL`).join(' AND ')}`;
      const isExtra = `__sp AND __lp IS NULL AND ${sk.map((k) => `${k} IS NOT NULL`).join(' AND ')}`;
      // The keys (distinct counts) and their order (the examples chosen: ordOf).
      const lKey = lk.length === 1 ? lk[0] : struct(kcols, lk);
      const sKey = sk.length === 1 ? sk[0] : struct(kcols, sk);
      const lOrd = lk.length === 1 ? ordOf(lk[0], 0) : struct(kcols, lk.map(ordOf));
      const sOrd = sk.length === 1 ? ordOf(sk[0], 0) : struct(kcols, sk.map(ordOf));
      const presL = fields.map((f) => presenceOf(L, 'l', f.lp, f.objects));
      const presS = fields.map((f) => presenceOf(S, 's', f.sp, f.objects));
      // One column per distinct presence value (the members of one struct share theirs): the value
      // goes up the join and is counted (count skips NULLs), with no flag computed and filtered per row.
      const presName = new Map<string, string>();
      for (const [pres, side] of [[presL, 'l'], [presS, 's']] as const) {
        for (const e of pres) if (e !== 'none' && e !== 'all' && !presName.has(e)) presName.set(e, `__c${side}${presName.size}`);
      }
      const presCols = [...presName];
      const sample = struct(
        [...kcols, '__g', ...fields.flatMap((_, i) => [`__l${i}`, `__s${i}`, `__d${i}`, ...(absentShown[i] ? [`__xl${i}`, `__xs${i}`] : [])])],
        [...lk, F ? mask : "''", ...fields.flatMap((_, i) => [`CASE WHEN __m${i} THEN ${shown(i, 'l')} END`, `CASE WHEN __m${i} THEN ${shown(i, 's')} END`, `CASE WHEN __m${i} THEN __d${i} END`, ...(absentShown[i] ? [`CASE WHEN __m${i} THEN __al${i} END`, `CASE WHEN __m${i} THEN __as${i} END`] : [])])],
      );
      // The join, one row per pair or unmatched row, with every per-field flag, delta and value.
      const pairsSql = `SELECT *, CASE WHEN ${anyMismatch} THEN ${F ? mask : "''"} END AS __g, CASE WHEN ${anyMismatch} THEN ${sample} END AS __x FROM (
        SELECT ${[
          '__lp', '__sp', '__pair', ...lk, ...sk, ...presCols.map(([, name]) => name),
          ...fields.map((_, i) => `__pair AND NOT ${agree[i]} AS __m${i}`),
          ...deltaExprs.map((d, i) => `${d} AS __d${i}`),
          ...badCols,
          ...fields.flatMap((_, i) => [`__rl${i}`, `__rs${i}`, ...(absentShown[i] ? [`__al${i}`, `__as${i}`] : [])]),
        ].join(', ')}
        FROM (SELECT *${derived.length ? ', ' : ''}${derived.join(', ')} FROM (
          SELECT ${[
            'l.__lp', 's.__sp', 'coalesce(l.__lp AND s.__sp, false) AS __pair',
            ...kcols.flatMap((k, i) => [`l.${k} AS __lk${i}`, `s.${k} AS __sk${i}`]),
            ...presCols.map(([e, name]) => `${e} AS ${name}`),
            ...prepared,
          ].join(', ')}
          FROM (SELECT *, true AS __lp FROM ${joined.l}) l FULL JOIN (SELECT *, true AS __sp FROM ${joined.s}) s ON ${keyEq('l', 's')})))`;
      // One aggregation of the counts, presences and |delta| values (the rest follow from them, see
      // below), and of the rare rows, each aggregate filtered to them (its state touched by those
      // rows only): the distinct missing and extra keys (duplicates among them send the comparison
      // to the pair-table plan), the first of them by key, the first `shapeSample` mismatching
      // pairs by key and the mismatch group counts. The capped lists (arg_min(x, key, n)) and
      // histogram make DuckDB aggregate through its hash aggregate with one group, where each
      // filtered count costs about 10 ms per 1M rows; a second pass over the files, which avoided
      // them, cost as much, and so did collecting the rare rows in JS (docs/engines.md).
      const aggCols = [
        'count(__lp) AS ltot', 'count(__sp) AS stot',
        // Keyless rows: of one key column, the side's rows less its non-NULL keys (count skips NULLs).
        lk.length === 1 ? `count(__lp) - count(${lk[0]}) AS lmk` : `count(*) FILTER (WHERE __lp AND NOT (${lk.map((k) => `${k} IS NOT NULL`).join(' AND ')})) AS lmk`,
        sk.length === 1 ? `count(__sp) - count(${sk[0]}) AS smk` : `count(*) FILTER (WHERE __sp AND NOT (${sk.map((k) => `${k} IS NOT NULL`).join(' AND ')})) AS smk`,
        `count(DISTINCT ${lKey}) FILTER (WHERE ${isMissing}) AS missingKeys`, `count(DISTINCT ${sKey}) FILTER (WHERE ${isExtra}) AS extraKeys`,
        ...presCols.map(([, name]) => `count(${name}) AS ${name}`),
        // Every row of the join holds a legacy row, a shadow row or both: matched = ltot + stot − rows.
        'count(*) AS __rows',
        ...fieldAggs('__pair AND ', true),
        ...(maxExamples > 0
          ? [`arg_min(${struct(kcols, lk)}, ${lOrd}, ${maxExamples}) FILTER (WHERE ${isMissing}) AS mex`, `arg_min(${struct(kcols, sk)}, ${sOrd}, ${maxExamples}) FILTER (WHERE ${isExtra}) AS xex`]
          : []),
        ...(F ? [`${keepBom(`arg_min(__x, ${lOrd}, ${shapeSample}) FILTER (WHERE __g IS NOT NULL)`)} AS ex`, `histogram(__g) FILTER (WHERE __g IS NOT NULL) AS groups`] : []),
      ];
      sink = new DeltaSink(deltaFields.length);
      const profile = join(spill, 'pass-profile.json');
      const profiled = inPass(L) || inPass(S);
      if (profiled) {
        await run(c, `SET enable_profiling = 'json'`);
        await run(c, `SET profiling_output = ${lit(profile)}`);
      }
      let agg: Row;
      try {
        [agg] = await rows(c, `SELECT ${aggCols.join(', ')} FROM (${pairsSql})`);
      } finally {
        if (profiled) await run(c, 'PRAGMA disable_profiling');
      }
      if (profiled) {
        const scanned = scanRows(profile);
        // One scan of the file, or (both sides the same file) scans that agree.
        const fromScan = (side: Side) => {
          const counts = scanned.get(side.file) ?? [];
          return new Set(counts).size === 1 && (counts.length === 1 || L.file === S.file) ? counts[0] : undefined;
        };
        for (const [side, alias] of [[L, 'l'], [S, 's']] as [Side, string][]) if (inPass(side)) total[`${alias}n`] = fromScan(side);
        Object.assign(total, await countRows(([[L, 'l'], [S, 's']] as [Side, string][]).filter(([, alias]) => total[`${alias}n`] === undefined)));
      }
      const num = (k: string) => toNum(agg[k]);
      if (num('ltot') !== toNum(total.ln) || num('stot') !== toNum(total.sn)) return undefined;
      // What the counts above imply, so that the aggregation evaluates fewer conditions per row
      // (each costs about 10 ms per 1M rows): a legacy row of the join is paired, missing or
      // keyless (a NULL key part never joins), the shadow's likewise; the mismatching pairs are
      // the groups' rows, a field's mismatches those of the groups it differs in.
      // histogram() is a MAP, read back as an object of its entries (see duckdbRowConverter).
      const histogram = Object.entries((agg.groups ?? {}) as Record<string, unknown>).map(([mask, count]) => ({ mask, count: toNum(count) }));
      agg.matched = num('ltot') + num('stot') - num('__rows');
      agg.missing = num('ltot') - num('matched') - num('lmk');
      agg.extra = num('stot') - num('matched') - num('smk');
      agg.equal = num('matched') - histogram.reduce((t, g) => t + g.count, 0);
      fields.forEach((_, i) => (agg[`mm${i}`] = histogram.reduce((t, g) => t + (g.mask[i] === '1' ? g.count : 0), 0)));
      // The finite |delta| counts are the sink's, once it is shown to have had every row of the join.
      if (deltaFields.length > 0 && sink.rows !== num('__dc')) throw new Error(`${FN}: internal error: the |delta| collector had ${sink.rows} rows of ${num('__dc')} (please report)`);
      fields.forEach((_, i) => {
        const k = deltaFields.indexOf(i);
        agg[`dn${i}`] = k < 0 ? 0 : sink.lengths[k] + sink.zeros[k];
      });
      presL.forEach((e, i) => (agg[`pl${i}`] = e === 'none' ? 0 : e === 'all' ? num('ltot') : num(presName.get(e)!)));
      presS.forEach((e, i) => (agg[`ps${i}`] = e === 'none' ? 0 : e === 'all' ? num('stot') : num(presName.get(e)!)));
      if (num('missingKeys') !== num('missing') || num('extraKeys') !== num('extra')) return undefined;
      // The sample holds the first `shapeSample` mismatching pairs by key. The pairs of a field (or
      // of a group) found in it are the first of that field (group) by key, all of them when the
      // sample holds every mismatching pair or at least as many as the field (group) needs;
      // fields and groups short of that are read in one more pass over the join (many mismatches only).
      const ex = (agg.ex ?? []) as Row[];
      const complete = num('matched') - num('equal') <= ex.length;
      const has = (r: Row, i: number) => (r.__g as string)[i] === '1';
      const samples = fields.map((_, i) => ex.filter((r) => has(r, i)));
      const shortFields = fields.map((_, i) => i).filter((i) => !complete && samples[i].length < Math.min(shapeSample, num(`mm${i}`)));
      const groups: Gathered['groups'] = histogram.map((g) => ({ ...g, examples: ex.filter((r) => r.__g === g.mask).slice(0, maxExamples) }));
      const shortGroups = groups.filter((g) => !complete && g.examples.length < Math.min(maxExamples, g.count)).map((g) => g.mask);
      if (shortFields.length > 0 || shortGroups.length > 0) {
        // Streamed top-n per short field and group (arg_min), not a window sort of every mismatching pair.
        const [more] = await rows(c, `SELECT ${[
          ...shortFields.map((i) => `${keepBom(`arg_min(__x, ${lOrd}, ${shapeSample}) FILTER (WHERE __m${i})`)} AS f${i}`),
          ...shortGroups.map((m, j) => `${keepBom(`arg_min(__x, ${lOrd}, ${maxExamples}) FILTER (WHERE __g = ${lit(m)})`)} AS g${j}`),
        ].join(', ')} FROM (${pairsSql})`);
        for (const i of shortFields) samples[i] = (more[`f${i}`] ?? []) as Row[];
        shortGroups.forEach((m, j) => (groups.find((g) => g.mask === m)!.examples = (more[`g${j}`] ?? []) as Row[]));
      }
      for (let i = 0; i < F; i++) samples[i] = samples[i].slice(0, shapeSample);
      return {
        Lrows: num('ltot'),
        Srows: num('stot'),
        n: { missing: num('missing'), extra: num('extra'), ambiguous: 0, ldk: 0, ldr: 0, sdk: 0, sdr: 0, lmk: num('lmk'), smk: num('smk') },
        presence: { legacy: fields.map((_, i) => num(`pl${i}`)), shadow: fields.map((_, i) => num(`ps${i}`)) },
        matched: num('matched'),
        equal: num('equal'),
        agg,
        samples,
        groups,
        missing: (agg.mex ?? []) as Row[],
        extra: (agg.xex ?? []) as Row[],
        duplicates: [],
      };
    };

    /**
     * The pair-table plan (duplicated keys, or duplicateKeys 'inOrder'): rows per key on each side
     * in one aggregation over both key columns (duplicated, missing, extra, ambiguous keys), then
     * the one-to-one pairs materialised (keys, flags, deltas, the values of mismatching fields) and
     * aggregated, then one read of the mismatching pairs for samples and group examples.
     */
    const pairTablePlan = async (): Promise<Gathered> => {
      await run(c,
        `CREATE TEMP TABLE ks AS SELECT ${kl}, count(*) FILTER (WHERE __side = 0) AS ln, count(*) FILTER (WHERE __side = 1) AS sn
         FROM (SELECT ${kl}, 0 AS __side FROM l WHERE ${notNull('l')} UNION ALL SELECT ${kl}, 1 AS __side FROM s WHERE ${notNull('s')}) GROUP BY ALL`,
      );
      const [kc] = await rows(c,
        `SELECT count(*) FILTER (WHERE ln > 1) AS ldk, coalesce(sum(ln) FILTER (WHERE ln > 1), 0) AS ldr,
          count(*) FILTER (WHERE sn > 1) AS sdk, coalesce(sum(sn) FILTER (WHERE sn > 1), 0) AS sdr,
          count(*) FILTER (WHERE ln = 1 AND sn = 0) AS missing, count(*) FILTER (WHERE sn = 1 AND ln = 0) AS extra,
          count(*) FILTER (WHERE ln = 1 AND sn > 1) AS ambiguous, count(*) FILTER (WHERE ln > 1 OR sn > 1) AS dups FROM ks`,
      );
      const n = Object.fromEntries(Object.entries(kc).map(([k, v]) => [k, toNum(v)])) as Record<string, number>;
      // The pairs: one hash join of the two files on the key, keys duplicated on either side left out.
      // The sides with their early columns (see `early`): the direct plan's pass may have found a
      // duplicated key and handed the comparison to this plan, with the same prepared values.
      let pairs = `FROM ${joined.l} l JOIN ${joined.s} s ON ${keyEq('l', 's')}${n.dups > 0 ? ` WHERE NOT EXISTS (SELECT 1 FROM ks WHERE (ks.ln > 1 OR ks.sn > 1) AND ${keyEq('ks', 'l')})` : ''}`;
      let pairKeys = kcols.map((k) => `l.${k} AS ${k}`);
      if (inOrder) {
        // The k-th legacy row of a key with the k-th shadow row of it; rows left over are missing or extra.
        const numbered = (alias: string, rid: string) =>
          `SELECT ${kl}, rowid AS ${rid}, row_number() OVER (PARTITION BY ${kl} ORDER BY rowid) AS __o FROM ${alias} WHERE ${notNull(alias)}`;
        await run(c, `CREATE TEMP TABLE u AS SELECT ${kl}, __lr, __sr FROM (${numbered('l', '__lr')}) a JOIN (${numbered('s', '__sr')}) b USING (${kl}, __o)`);
        await run(c, `CREATE TEMP TABLE mk AS SELECT ${kl} FROM l WHERE ${notNull('l')} AND rowid NOT IN (SELECT __lr FROM u)`);
        await run(c, `CREATE TEMP TABLE xk AS SELECT ${kl} FROM s WHERE ${notNull('s')} AND rowid NOT IN (SELECT __sr FROM u)`);
        extraKeys = 'xk';
        const [m] = await rows(c, `SELECT (SELECT count(*) FROM mk) AS missing, (SELECT count(*) FROM xk) AS extra`);
        n.missing = toNum(m.missing);
        n.extra = toNum(m.extra);
        n.ambiguous = 0;
        pairs = `FROM u JOIN ${joined.l} l ON l.rowid = u.__lr JOIN ${joined.s} s ON s.rowid = u.__sr`;
        pairKeys = [...kcols.map((k) => `u.${k} AS ${k}`), 'u.__lr', 'u.__sr'];
      } else {
        await run(c, `CREATE TEMP VIEW mk AS SELECT ${kl} FROM ks WHERE ln = 1 AND sn = 0`);
        await run(c, `CREATE TEMP VIEW xk AS SELECT ${kl} FROM ks WHERE sn = 1 AND ln = 0`);
        extraKeys = 'xk';
      }
      // One scan per side for row counts, keyless rows and per-column presence (rows holding the field).
      const [pl] = await rows(c, `SELECT count(*) AS n, count(*) FILTER (WHERE NOT (${notNull('l')})) AS mk${fields.map((f, i) => `, ${presenceCount(L, 'l', f.lp, f.objects)} AS c${i}`).join('')} FROM l`);
      const [ps] = await rows(c, `SELECT count(*) AS n, count(*) FILTER (WHERE NOT (${notNull('s')})) AS mk${fields.map((f, i) => `, ${presenceCount(S, 's', f.sp, f.objects)} AS c${i}`).join('')} FROM s`);
      const rid = inOrder ? ['__lr', '__sr'] : [];
      await run(c,
        `CREATE TEMP TABLE p AS SELECT *${F ? ` EXCLUDE (${fields.map((_, i) => `__rl${i}, __rs${i}${absentShown[i] ? `, __al${i}, __as${i}` : ''}`).join(', ')})` : ''}${fields.map((_, i) => `, CASE WHEN __m${i} THEN ${shown(i, 'l')} END AS __vl${i}, CASE WHEN __m${i} THEN ${shown(i, 's')} END AS __vs${i}${absentShown[i] ? `, CASE WHEN __m${i} THEN __al${i} END AS __xl${i}, CASE WHEN __m${i} THEN __as${i} END AS __xs${i}` : ''}`).join('')}
         FROM (SELECT ${[...kcols, ...rid, ...fields.map((_, i) => `NOT ${agree[i]} AS __m${i}`), ...deltaExprs.map((d, i) => `${d} AS __d${i}`), ...badCols, ...fields.flatMap((_, i) => [`__rl${i}`, `__rs${i}`, ...(absentShown[i] ? [`__al${i}`, `__as${i}`] : [])])].join(', ')}
         FROM (SELECT *${derived.length ? ', ' : ''}${derived.join(', ')} FROM (
           SELECT ${[...pairKeys, ...prepared].join(', ')}
           ${pairs})))`,
      );
      sink = new DeltaSink(deltaFields.length);
      const [agg] = await rows(c, `SELECT ${['count(*) AS matched', `count(*) FILTER (WHERE NOT (${anyMismatch})) AS equal`, ...fieldAggs('')].join(', ')} FROM p`);
      const matched = toNum(agg.matched);
      const equal = toNum(agg.equal);
      const pOrder = inOrder ? `${order}, __lr` : order;
      const xk = kcols.map((k) => `x.${k}`).join(', ');
      // Samples and group examples in one read: per field its first `shapeSample` mismatches by
      // key, per group (the set of fields that differ together) its first `maxExamples` events.
      const sampleRows: Row[] = [];
      const groupCounts: Row[] = [];
      if (F && matched > equal) {
        groupCounts.push(...(await rows(c, `SELECT ${mask} AS __g, count(*) AS n FROM p WHERE ${anyMismatch} GROUP BY ALL`)));
        const running = fields.map((_, i) => `sum(__m${i}::INTEGER) OVER (ORDER BY ${pOrder} ROWS UNBOUNDED PRECEDING) AS __r${i}`);
        const keep = [...fields.map((_, i) => `(x.__m${i} AND x.__r${i} <= ${shapeSample})`), `x.__rg <= ${maxExamples}`].join(' OR ');
        sampleRows.push(
          ...(await rows(
            c,
            `SELECT ${xk}, x.__g, x.__rg, ${fields.map((f, i) => `x.__m${i}, x.__r${i}, x.__d${i}, ${nestedShown(i, 'l', `x.__vl${i}`) ?? `x.__vl${i}`} AS __l${i}, ${nestedShown(i, 's', `x.__vs${i}`) ?? `x.__vs${i}`} AS __s${i}${absentShown[i] ? `, x.__xl${i}, x.__xs${i}` : ''}`).join(', ')}
             FROM (SELECT *, ${running.join(', ')}, row_number() OVER (PARTITION BY __g ORDER BY ${pOrder}) AS __rg
                   FROM (SELECT *, ${mask} AS __g FROM p WHERE ${anyMismatch})) x
             WHERE ${keep} ORDER BY ${kcols.map((k, i) => ordOf(`x.${k}`, i)).join(', ')}${inOrder ? ', x.__lr' : ''}`,
          )),
        );
      }
      const duplicates: Gathered['duplicates'] = [];
      for (const side of ['legacy', 'shadow'] as const) {
        const nc = side === 'legacy' ? 'ln' : 'sn';
        for (const r of await rows(c, `SELECT ${kl}, ${nc} AS __n FROM ks WHERE ${nc} > 1 ORDER BY ${order} LIMIT ${maxExamples}`)) {
          duplicates.push({ side, row: r, rows: toNum(r.__n) });
        }
      }
      return {
        Lrows: toNum(pl.n),
        Srows: toNum(ps.n),
        n: { missing: n.missing, extra: n.extra, ambiguous: n.ambiguous, ldk: n.ldk, ldr: n.ldr, sdk: n.sdk, sdr: n.sdr, lmk: toNum(pl.mk), smk: toNum(ps.mk) },
        presence: { legacy: fields.map((_, i) => toNum(pl[`c${i}`])), shadow: fields.map((_, i) => toNum(ps[`c${i}`])) },
        matched,
        equal,
        agg,
        samples: fields.map((_, i) => sampleRows.filter((r) => r[`__m${i}`] === true && toNum(r[`__r${i}`]) <= shapeSample)),
        groups: groupCounts.map((g) => ({ mask: g.__g as string, count: toNum(g.n), examples: sampleRows.filter((r) => r.__g === g.__g && toNum(r.__rg) <= maxExamples) })),
        missing: await rows(c, `SELECT ${kl} FROM mk ORDER BY ${order} LIMIT ${maxExamples}`),
        extra: await rows(c, `SELECT ${kl} FROM xk ORDER BY ${order} LIMIT ${maxExamples}`),
        duplicates,
      };
    };

    const g = (direct ? await directPlan() : undefined) ?? (await pairTablePlan());
    const { n, matched, equal, agg } = g;
    const Lrows = g.Lrows;
    const Srows = g.Srows;
    /** A sampled value of field i as memory holds it: missing where its struct is NULL (see absentShown). */
    const valueOf = (r: Row, i: number, side: 'l' | 's'): unknown =>
      r[`__x${side}${i}`] === true ? undefined : readBack(r[`__${side}${i}`], (side === 'l' ? fields[i].lc : fields[i].sc).json, big[i]);
    const fieldReports: FieldReport[] = [];
    for (let i = 0; i < F; i++) {
      const f = fields[i];
      const mism = toNum(agg[`mm${i}`]);
      if (f.container) {
        // Listed as memory lists it: an object on some row and a NULL on another, either side.
        // (A pair differs only where one side is NULL, so an unlisted struct never differed.)
        const [ol, os] = [g.presence.legacy[i], g.presence.shadow[i]];
        const [lHas, sHas] = [!f.lc.json, !f.sc.json];
        if (!(ol + os > 0 && ((lHas && ol < Lrows) || (sHas && os < Srows)))) {
          if (mism > 0) throw new Error(`${FN}: internal error: ${mism} pairs differ on the nullness of '${f.name}', which no row holds NULL (please report)`);
          continue;
        }
        g.presence.legacy[i] = lHas ? Lrows : 0;
        g.presence.shadow[i] = sHas ? Srows : 0;
      }
      const fr: FieldReport = {
        field: f.name,
        rule: f.desc,
        mismatches: mism,
        mismatchRate: matched ? mism / matched : 0,
        presence: { legacy: g.presence.legacy[i], shadow: g.presence.shadow[i] },
        examples: [],
      };
      if (f.shadow !== f.name) fr.shadowField = f.shadow;
      if (f.minMatchRate !== undefined) fr.minMatchRate = f.minMatchRate;
      // Two CSV files: a column read as another type on each side, as loadDataset marks it (COLUMN_TYPE_DIFFERS).
      if (L.csv && S.csv) {
        const [lt, st] = [csvColumnType(f.lc.type), csvColumnType(f.sc.type)];
        if (lt && st && lt !== st) fr.columnTypes = { legacy: lt, shadow: st };
      }
      if (bad[i] && toNum(agg[`un${i}`]) > 0) fr.unparseable = { count: toNum(agg[`un${i}`]), example: agg[`ut${i}`] as string };
      const dn = toNum(agg[`dn${i}`]);
      const k = deltaFields.indexOf(i);
      if (k >= 0 && sink.lengths[k] + sink.zeros[k] !== dn) throw new Error(`${FN}: internal error: ${sink.lengths[k] + sink.zeros[k]} |delta| values collected for ${f.name}, ${dn} counted (please report)`);
      if (dn > 0 && (f.reportDelta === 'always' || (f.reportDelta === 'mismatch' && mism > 0))) fr.delta = deltaStatsOfParts(sink.parts[k], sink.zeros[k], sink.running[k]);
      if (mism > 0) {
        const sample = g.samples[i];
        const acc = new ShapeAccumulator(f.time);
        for (const r of sample) {
          const d = r[`__d${i}`] === null ? NaN : toNum(r[`__d${i}`]);
          acc.add(valueOf(r, i, 'l'), valueOf(r, i, 's'), Number.isFinite(d) ? d : NaN);
        }
        const shape = acc.shape();
        if (shape) fr.shape = shape;
        fr.examples = sample.slice(0, maxExamples).map((r) => ({ key: keyOf(r), legacy: valueOf(r, i, 'l'), shadow: valueOf(r, i, 's') }));
      }
      fieldReports.push(fr);
    }
    fieldReports.sort((a, b) => b.mismatches - a.mismatches || (a.field < b.field ? -1 : 1));

    const groups: MismatchGroup[] = g.groups
      .map(({ mask: m, count, examples }) => {
        const idx = fields.map((_, i) => i).filter((i) => m[i] === '1');
        return {
          fields: idx.map((i) => fields[i].name),
          count,
          examples: examples.map((r) => ({
            key: keyOf(r),
            values: idx.map((i) => ({ field: fields[i].name, legacy: valueOf(r, i, 'l'), shadow: valueOf(r, i, 's') })),
          })),
        };
      })
      .sort((a, b) => b.count - a.count || (a.fields.join() < b.fields.join() ? -1 : 1));
    const missingEx = g.missing.map(keyOf);
    const extraEx = g.extra.map(keyOf);
    const dups: EventReport['examples']['duplicates'] = g.duplicates.map((d) => ({ side: d.side, key: keyOf(d.row), rows: d.rows }));

    const sSeen = new Set(sSeenAsShadow.map(legacyName)); // after caseRenames' renames
    // Paths as each side holds them (lSeen, sSeen): a path read only because a rule names it (below
    // a JSON path of one value) is no proof that any row holds it.
    const found = [...new Set([...lSeen, ...sSeen])];
    for (const d of declared.keys()) {
      const present = lSeen.has(d) || sSeen.has(d);
      const underContainer = found.some((f) => f.startsWith(`${d}.`));
      if (!present && !underContainer && Lrows > 0 && Srows > 0) {
        const guess = nearest(d, found);
        reasons.push({ code: 'DECLARED_FIELD_ABSENT', severity: 'fail', subject: `fields.${d}`, expected: 'present on at least one side', received: 'absent on both sides', message: `fields.${d} has a rule but neither file has the column${guess ? `; did you mean '${guess}'?` : ''}` });
      }
    }
    const counts: EventCounts = {
      legacy: Lrows, shadow: Srows, matched, equal, missing: n.missing, extra: n.extra,
      legacyMissingKey: n.lmk, shadowMissingKey: n.smk, legacyDuplicateKeys: n.ldk, shadowDuplicateKeys: n.sdk,
      legacyDuplicateRows: n.ldr, shadowDuplicateRows: n.sdr, ambiguous: n.ambiguous,
    };
    // compareEvents' key-type hint: the smallest missing key (the first example) whose other form
    // (its text, or the number it spells) is an extra key. Among the extra keys shown, else looked
    // up among all of them (one read of the key column of each side): the examples show the
    // first extra keys by key order, where "4" sorts after "011".
    let keyHint: string[] = [];
    if (counts.missing > 0 && counts.extra > 0 && keyPaths.length === 1 && missingEx.length > 0) {
      const k = [...missingEx].sort(compareKeys)[0];
      keyHint = keyTypeHints(k, (x) => extraEx.some((e) => Object.is(e, x)));
      const other = typeof k === 'number' ? String(k) : typeof k === 'string' ? Number(k) : undefined;
      if (keyHint.length === 0 && !keyCols[0].native && other !== undefined && !(typeof other === 'number' && !Number.isFinite(other))) {
        const x = typeof other === 'string' ? lit(`s${other}`) : `('n' || ((${String(other)})::DOUBLE + 0.0)::VARCHAR)`;
        const [r] = await rows(c, extraKeys
          ? `SELECT count(*) > 0 AS extra FROM ${extraKeys} WHERE __k0 = ${x}`
          : `SELECT (SELECT count(*) FROM s WHERE __k0 = ${x}) > 0 AND (SELECT count(*) FROM l WHERE __k0 = ${x}) = 0 AS extra`);
        if (r.extra === true) keyHint = keyTypeHints(k, (y) => Object.is(y, other));
      }
    }
    const rates = { match: Lrows ? equal / Lrows : 0, missing: Lrows ? n.missing / Lrows : 0, extra: Srows ? n.extra / Srows : 0 };
    const onlyInLegacy = [...lSeen].filter((p) => !sSeen.has(p) && !keyFields.has(p)).sort();
    const onlyInShadow = [...sSeen].filter((p) => !lSeen.has(p) && !keyFields.has(p)).map(shadowName).sort();
    const topLevel = (list: string[]) => list.filter((x) => !list.some((m) => x.startsWith(`${m}.`)));
    const keyDescription = keyPaths.length === 1 ? keyPaths[0] : `[${keyPaths.join(', ')}]`;
    // Noise, as compareEvents judges it: the same per-field counts, and an event whose every
    // differing field is absorbed counts as equal (read off the full histogram of mismatch groups).
    let noise: NoiseJudgement[] | undefined;
    const noiseReasons: Reason[] = [];
    if (o.noise !== undefined) {
      const cal = o.noise;
      if (cal.verdict !== 'pass') noiseReasons.push(invalidCalibration(cal));
      else {
        // A calibration per group (`by`), in a group's run under by (every legacy row of the group):
        // judged as that group's, as memory judges the groups of its matched rows (none without a match).
        const group = retry.noiseGroup;
        const observed = group !== undefined && matched === 0 ? [] : fields
          .map((f) => f.name)
          .filter((name) => cal.fields[name] !== undefined)
          .sort()
          .map((name) => ({ field: name, mismatches: fieldReports.find((fr) => fr.field === name)?.mismatches ?? 0, compared: matched, ...(group !== undefined ? { group } : {}) }));
        const j = judgeNoise(observed, cal, o);
        noise = j.judged;
        noiseReasons.push(...j.reasons);
        const absorbedName = (name: string) => (group !== undefined ? `${group}.${name}` : name);
        for (const gr of g.groups) if (fields.every((f, i) => gr.mask[i] !== '1' || j.absorbed.has(absorbedName(f.name)))) counts.equal += gr.count;
        rates.match = Lrows ? counts.equal / Lrows : 0;
      }
    }
    reasons.push(...eventReasons(counts, rates, th, fieldReports, keyDescription, { onlyInLegacy: topLevel(onlyInLegacy), onlyInShadow: topLevel(onlyInShadow) }, duplicateKeys));
    reasons.push(...noiseReasons);
    const sorted = sortReasons(reasons);
    const report: EventReport = {
      kind: 'events',
      version: REPORT_VERSION,
      verdict: verdictOf(sorted),
      reasons: sorted,
      key: keyDescription,
      thresholds: th,
      counts,
      rates,
      fields: fieldReports,
      ignoredFields,
      groups,
      segments: [],
      schema: { onlyInLegacy, onlyInShadow },
      examples: {
        missing: missingEx, extra: extraEx, duplicates: dups,
        missingKey: [
          ...(n.lmk > 0 ? await keylessExamples(c, L, keyPaths, maxExamples) : []),
          ...(n.smk > 0 ? await keylessExamples(c, S, keyPaths.map(shadowName), maxExamples) : []),
        ],
      },
      // As compareEvents gives them; the key-type hint read off the examples (the smallest missing key
      // shown, its other form among the extra keys shown), where memory looks at every extra key.
      hints: [...evidenceHints({ counts, schema: { onlyInLegacy, onlyInShadow }, fields: fieldReports }, keyDescription, nem), ...keyHint],
    };
    if (o.label !== undefined) report.label = o.label;
    if (inOrder) report.duplicateKeys = 'inOrder';
    if (noise) report.noise = noise;
    return report;
  } catch (e) {
    // A JSON row that broke the schema (-1), or what paths read as native values need (a bit per path).
    const broken = new RegExp(`${JSON_BROKEN}(legacy|shadow):(-?[0-9]+)`).exec((e as Error).message);
    if (broken) {
      const side = broken[1] as 'legacy' | 'shadow';
      const bits = BigInt(broken[2]);
      if (bits === BigInt(NULL_OBJECT_CODE)) {
        // An object path holding null past the sample: every such path of the side, from a scan of its file.
        const s = sides[side];
        const found = s ? [...(await scanNullObjects(c, s.src, s.containers))] : [];
        if (found.every((p) => retry.nullObjects?.[side]?.includes(p))) throw new Error(`${FN}: internal error: a row of the ${side} file holds null at an object path no scan finds (please report)`);
        return await compareEventFilesWithPlan(legacyPath, shadowPath, options, plan, { ...retry, nullObjects: { ...retry.nullObjects, [side]: found } });
      }
      if (bits < 0n) return await compareEventFilesWithPlan(legacyPath, shadowPath, options, plan, nextJson(retry));
      const off = (nativePaths[side] ?? []).filter((_, i) => (bits >> BigInt(i)) & 1n);
      const untypedJson = { ...retry.untypedJson, [side]: [...(retry.untypedJson?.[side] ?? []), ...off] };
      // Twice at most path by path (each such pass ends at the first breaking row), then every path as JSON values.
      const reruns = (retry.nativeReruns ?? 0) + 1;
      return await compareEventFilesWithPlan(legacyPath, shadowPath, options, plan, off.length > 0 && reruns <= 2 ? { ...retry, untypedJson, nativeReruns: reruns } : { ...retry, typedJson: false });
    }
    // A malformed line, or one that is no object, past the schema's sample: named by file and line as loadDataset names it.
    if (/malformed json/i.test((e as Error).message) || (e as Error).message.includes(JSON_NOT_OBJECT)) {
      for (const f of jsonFiles) await throwBadLine(c, f);
    }
    if ((e as Error).message.includes(JSON_NOT_OBJECT)) throw new ShadowDataError(`${FN}: a record of ${jsonFiles.join(' or ')} is not a JSON object (one event per record)`);
    if ((e as Error).message.includes(JSON_KEY_TWICE)) throw await keyTwice(c, jsonFiles);
    // A CSV cell loadDataset reads as text in a column DuckDB typed a number or boolean: those columns as text.
    const textSide = new RegExp(`${CSV_TEXT}(legacy|shadow)`).exec((e as Error).message)?.[1] as 'legacy' | 'shadow' | undefined;
    const sniffedRead = textSide && csvReads[textSide];
    if (textSide && sniffedRead) {
      const more = (await csvTextColumns(c, sniffedRead)).filter((col) => !retry.csvText?.[textSide]?.includes(col));
      if (more.length) return await compareEventFilesWithPlan(legacyPath, shadowPath, options, plan, { ...retry, csvText: { ...retry.csvText, [textSide]: [...(retry.csvText?.[textSide] ?? []), ...more] } });
    }
    const bad = malformedCsv(FN, (e as Error).message);
    if (bad) throw bad;
    // A CSV value past the sample that does not convert to the sampled type: the whole file's types decide.
    if (csvSampled && /conversion error/i.test((e as Error).message)) return await compareEventFilesWithPlan(legacyPath, shadowPath, options, plan, { ...retry, csvFullSniff: true });
    throw e;
  } finally {
    c2.closeSync();
    own.close();
  }
}
