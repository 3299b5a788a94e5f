import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { ShadowDataError, ShadowOptionError, assertMemoryLimit, assertNumber } from '../../../_internal/options.js';
import { openDuckDb } from '../../../_internal/duckdbInstance.js';
import { compileGetter, isPlainObject } from '../../../_internal/path.js';
import { groupPlan, type GroupAdapter } from '../../../groups/compareByGroup.js';
import type { GroupResult, GroupedReport } from '../../../groups/types.js';
import type { ReportBase } from '../../../report/types.js';
import { fileLiteral, jsonFileError } from '../../../_internal/duckdbFile.js';
import { datasetFiles, readJsonArray } from '../../../dataset/loadDataset.js';
import { NO_GROUP, groupName } from '../../../groups/_internal/splitRows.js';
import type { Row } from '../../../dataset/toRows.js';
import type { CsvColumnType } from '../../../_internal/csvCellSql.js';

/** One group of one side, written to a file of its own. */
export interface GroupPart {
  /** The file holding the group's rows, in the order the side holds them; '' for a group not asked for (FilesByGroup.only: counted, not written). */
  file: string;
  rows: number;
  /**
   * CSV: the read of the file with the whole side's column types (sniffedCsv's form) and the
   * side's header names (see compareEventFiles' splitCsvSide), so that a column keeps its type in
   * every group, as in memory.
   */
  csv?: { read: string; header: string[] };
}

/** A side split by group (see splitJsonFiles, splitParquetFiles; CSV: the engine's splitCsv). */
export interface GroupSplit {
  /** Group name → its part; a group without rows on this side has none. */
  parts: Map<string, GroupPart>;
  /** Rows of the side. */
  rows: number;
  /** Whether a row of the group holds the path (undefined: not known; the rule is kept). */
  holds(group: string, path: string): boolean | undefined;
  /** The top-level field names of the side's rows (for suggestions). */
  topFields(): Promise<string[]>;
  /** A file of the side's format holding no rows, for a group the side lacks (else the driver writes one). */
  emptyFile?: string;
  /** CSV: the side's columns (by header name) with their types over the whole side and their names as DuckDB reads the group files. */
  csv?: { types: Map<string, CsvColumnType>; columns: Map<string, string> };
}

/** The cells of a CSV side's `by` column that make one group, and its rows. */
export interface CsvGroup {
  texts: string[];
  nulls: boolean;
  rows: number;
}

/**
 * A CSV side's groups of `by` from its distinct cells (`values`: the rows of `SELECT col AS g,
 * count(*) AS n … GROUP BY ALL`), named as compareByGroup names them on loadDataset's rows: the
 * cell typed as its column is typed over the whole side (`1.0` and `1` one group `1` in a number
 * column, two in a text column), an empty cell (null) the group `(none)`.
 */
export function csvGroups(values: readonly Record<string, unknown>[], type: CsvColumnType): Map<string, CsvGroup> {
  const byName = new Map<string, CsvGroup>();
  for (const { g, n } of values) {
    const text = g as string | null;
    const name = text === null ? NO_GROUP : groupName(type === 'number' ? Number(text) : type === 'boolean' ? text.toLowerCase() === 'true' : text);
    const e = byName.get(name) ?? { texts: [], nulls: false, rows: 0 };
    if (text === null) e.nulls = true;
    else e.texts.push(text);
    e.rows += Number(n);
    byName.set(name, e);
  }
  return byName;
}

/**
 * Writes each CSV group `keep` accepts to a CSV file of its own under `dir` (the rows of `table`
 * whose `col` cells are the group's, in the table's order, with a header line); a group `keep`
 * refuses is counted, not written (file '').
 */
export async function writeCsvGroups(c: DuckDBConnection, table: string, col: string, groups: ReadonlyMap<string, CsvGroup>, dir: string, tag: string, keep: (group: string) => boolean): Promise<Map<string, GroupPart>> {
  const parts = new Map<string, GroupPart>();
  for (const [name, e] of groups) {
    const file = keep(name) ? join(dir, `${tag}-${parts.size}.csv`) : '';
    if (file) await c.run(`COPY (SELECT * FROM ${table} WHERE ${csvGroupWhere(col, e)}) TO ${fileLiteral(file)} (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '"', ESCAPE '"')`);
    parts.set(name, { file, rows: e.rows });
  }
  return parts;
}

/** The SQL condition selecting a CSV group's rows by its cells of `col` (see csvGroups). */
const csvGroupWhere = (col: string, e: CsvGroup): string =>
  [...(e.nulls ? [`${col} IS NULL`] : []), ...(e.texts.length ? [`${col} IN (${e.texts.map(lit).join(', ')})`] : [])].join(' OR ');

const q = (name: string) => `"${name.replaceAll('"', '""')}"`;
const lit = (s: string) => `'${s.replaceAll("'", "''")}'`;

/** JSON text of a value as JSON.parse read it: JSON.stringify, but -0 stays -0 (JSON.stringify writes 0). */
function jsonText(v: unknown): string {
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(jsonText).join(',')}]`;
  if (v !== null && typeof v === 'object') return `{${Object.entries(v).map(([k, x]) => `${JSON.stringify(k)}:${jsonText(x)}`).join(',')}}`;
  return JSON.stringify(v);
}

/** A JSON path expression of a field path (`a.b` → `$."a"."b"`). */
export const jsonPath = (path: string) => `$.${path.split('.').map((p) => `"${p.replaceAll('"', '\\"')}"`).join('.')}`;

/** Bytes of text a group keeps in memory before appending it to its file. */
const FLUSH_AT = 4 << 20;

/**
 * Splits a JSON Lines or JSON side (a file or a glob of files) into one JSON Lines file per group
 * of `by`, as compareByGroup splits rows in memory, each group's lines in the side's order.
 *
 * JSON Lines (gzip or zstd) in DuckDB: one read of the side into a table of its lines as
 * written (DuckDB's `read_ndjson_objects` gives each line's text), with one `json_extract` per
 * line for the `by` value and the paths held; then one `COPY` per group writes its lines
 * unchanged (no quoting: a JSON line holds no control character). A group's name is its value's
 * as JSON.parse reads it (groupName), so `1.0` and `1` are one group, a missing key and `null`
 * the group `(none)`. A malformed line, or one that is no object, is named by file and line as
 * loadDataset names it.
 *
 * JSON arrays (at most 256 MiB, as loadDataset reads them) in JavaScript: each element as
 * loadDataset reads it, written as its JSON text.
 */
export async function splitJsonFiles(c: DuckDBConnection, fn: string, path: string, format: 'jsonl' | 'json', by: string, paths: readonly string[], dir: string, tag: string, keep: (group: string) => boolean = () => true): Promise<GroupSplit> {
  if (format === 'json') return splitJsonArrays(fn, path, by, paths, dir, tag, keep);
  const rowsOf = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  const files = await datasetFiles(path, fn);
  const table = `__by_${tag}`;
  try {
    await c.run(`CREATE TEMP TABLE ${table} AS SELECT json, json_extract(json, [${[by, ...paths].map((p) => lit(jsonPath(p))).join(', ')}]) AS v FROM read_ndjson_objects(${fileLiteral(path)})`);
  } catch (e) {
    const bad = await jsonFileError(fn, files);
    if (bad) throw bad;
    throw new ShadowDataError(`${fn}: cannot read ${path}: ${(e as Error).message.split(/\n+LINE \d+:/)[0].trim()}`);
  }
  const held = paths.map((_, i) => `bool_or(v[${i + 2}] IS NOT NULL) AS h${i}`);
  const groups = await rowsOf(`SELECT v[1]::VARCHAR AS g, count(*) AS n, count(*) FILTER (WHERE json_type(json) <> 'OBJECT') AS bad${held.map((h) => `, ${h}`).join('')} FROM ${table} GROUP BY ALL`);
  if (groups.some((r) => Number(r.bad) > 0)) {
    const bad = await jsonFileError(fn, files);
    if (bad) throw bad;
    throw new ShadowDataError(`${fn}: a line of ${path} is not a JSON object (one event per line)`);
  }
  const byName = new Map<string, { texts: string[]; nulls: boolean; rows: number; held: Set<string> }>();
  let total = 0;
  for (const r of groups) {
    const text = r.g as string | null;
    const name = text === null ? NO_GROUP : groupName(JSON.parse(text));
    const e = byName.get(name) ?? { texts: [], nulls: false, rows: 0, held: new Set<string>() };
    if (text === null) e.nulls = true;
    else e.texts.push(text);
    e.rows += Number(r.n);
    paths.forEach((p, i) => r[`h${i}`] === true && e.held.add(p));
    total += Number(r.n);
    byName.set(name, e);
  }
  const parts = new Map<string, GroupPart>();
  for (const [name, e] of byName) {
    if (!keep(name)) {
      parts.set(name, { file: '', rows: e.rows });
      continue;
    }
    const file = join(dir, `${tag}-${parts.size}.jsonl`);
    const pred = [...(e.nulls ? ['v[1] IS NULL'] : []), ...(e.texts.length ? [`v[1]::VARCHAR IN (${e.texts.map(lit).join(', ')})`] : [])].join(' OR ');
    // The lines as written: CSV of one column, without quotes or escapes (a JSON line holds neither a control character nor a raw line break).
    await c.run(`COPY (SELECT json FROM ${table} WHERE ${pred}) TO ${fileLiteral(file)} (FORMAT csv, HEADER false, QUOTE '', ESCAPE '', DELIMITER '\x01')`);
    parts.set(name, { file, rows: e.rows });
  }
  // The lines are in the group files now: the table (the side's whole text) is not kept while the groups run.
  await c.run(`DROP TABLE ${table}`);
  const written = [...parts.values()].filter((p) => p.file).map((p) => fileLiteral(p.file));
  return {
    parts,
    rows: total,
    holds: (g, p) => byName.get(g)?.held.has(p) ?? false,
    topFields: async () => (written.length ? (await rowsOf(`SELECT DISTINCT unnest(json_keys(json)) AS k FROM read_ndjson_objects([${written.join(', ')}])`)).map((r) => String(r.k)) : []),
  };
}

/** splitJsonFiles for JSON arrays: each element as loadDataset reads it, written as its JSON text. */
async function splitJsonArrays(fn: string, path: string, by: string, paths: readonly string[], dir: string, tag: string, keep: (group: string) => boolean): Promise<GroupSplit> {
  const files = await datasetFiles(path, fn);
  const groupOf = compileGetter(by);
  const getters = paths.map((p) => [p, compileGetter(p)] as const);
  const parts = new Map<string, GroupPart & { text: string[]; size: number; held: Set<string> }>();
  const top = new Set<string>();
  let total = 0;
  const flush = (p: GroupPart & { text: string[]; size: number }) => {
    appendFileSync(p.file, p.text.join(''));
    p.text = [];
    p.size = 0;
  };
  const add = (row: Row, text: string) => {
    total++;
    const g = groupName(groupOf(row));
    let p = parts.get(g);
    if (p === undefined) {
      p = { file: keep(g) ? join(dir, `${tag}-${parts.size}.jsonl`) : '', rows: 0, text: [], size: 0, held: new Set() };
      if (p.file) writeFileSync(p.file, '');
      parts.set(g, p);
    }
    p.rows++;
    if (p.file) {
      p.text.push(text, '\n');
      p.size += text.length + 1;
      if (p.size >= FLUSH_AT) flush(p);
    }
    for (const [name, get] of getters) if (!p.held.has(name) && get(row) !== undefined) p.held.add(name);
    for (const k in row) if (Object.hasOwn(row, k)) top.add(k);
  };
  for (const f of files) for (const row of await readJsonArray(fn, f)) add(row, jsonText(row));
  for (const p of parts.values()) if (p.size > 0) flush(p);
  return {
    parts: new Map([...parts].map(([g, p]) => [g, { file: p.file, rows: p.rows }])),
    rows: total,
    holds: (g, p) => parts.get(g)?.held.has(p) ?? false,
    topFields: async () => [...top],
  };
}

/** Types a Parquet `by` column may have: those whose values name their group alike in both engines. */
const GROUP_TYPES = /^(VARCHAR|BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE)$/;

/**
 * Splits a Parquet side (a file or a glob) into one Parquet file per group of `by`: the distinct
 * values of the column (a struct member for a dotted path) named as compareByGroup names them,
 * then one COPY per group of the side's rows holding its values, in the side's order (DuckDB
 * preserves insertion order), with the side's column types. A side without the column is one
 * group, `(none)`, as in memory. Which of `paths` a group holds is read off its file: a column
 * is held by every row (NULL included, as loadDataset reads it); a struct member by the rows
 * whose parent structs are not NULL.
 */
export async function splitParquetFiles(c: DuckDBConnection, fn: string, path: string, by: string, paths: readonly string[], dir: string, tag: string, keep: (group: string) => boolean = () => true): Promise<GroupSplit> {
  const rowsOf = async (sql: string) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
  const src = `read_parquet(${fileLiteral(path)})`;
  let described: Record<string, unknown>[];
  try {
    described = await rowsOf(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${src})`);
  } catch (e) {
    throw new ShadowDataError(`${fn}: cannot read ${path}: ${(e as Error).message.split(/\n+LINE \d+:/)[0].trim()}`);
  }
  const columns = new Set(described.map((d) => String(d.column_name)));
  const parts = by.split('.');
  let expr = 'NULL';
  if (columns.has(parts[0])) {
    expr = `x.${parts.map(q).join('.')}`;
    let type: string;
    try {
      [{ column_type: type }] = (await rowsOf(`SELECT column_type FROM (DESCRIBE SELECT ${expr} AS g FROM ${src} x)`)) as { column_type: string }[];
    } catch {
      throw new ShadowOptionError(`${fn}: by '${by}' is no column or struct member of ${path}`);
    }
    if (!GROUP_TYPES.test(type)) {
      throw new ShadowOptionError(`${fn}: by '${by}' is a ${type} column of ${path}; on files by needs a string, boolean or number column (or compareEvents in memory)`);
    }
  }
  const values = await rowsOf(`SELECT ${expr} AS g, count(*) AS n FROM ${src} x GROUP BY ALL`);
  const literal = (v: unknown) => (typeof v === 'string' ? lit(v) : typeof v === 'number' ? `CAST(${lit(String(v))} AS DOUBLE)` : String(v));
  const byName = new Map<string, { values: unknown[]; nulls: boolean; rows: number }>();
  let total = 0;
  for (const { g, n } of values) {
    const name = g === null ? NO_GROUP : groupName(g);
    const e = byName.get(name) ?? { values: [], nulls: false, rows: 0 };
    if (g === null) e.nulls = true;
    else e.values.push(g);
    e.rows += Number(n);
    total += Number(n);
    byName.set(name, e);
  }
  const out = new Map<string, GroupPart>();
  const held = new Map<string, Map<string, boolean | undefined>>();
  for (const [name, e] of byName) {
    if (!keep(name)) {
      out.set(name, { file: '', rows: e.rows });
      continue;
    }
    const file = join(dir, `${tag}-${out.size}.parquet`);
    const pred = [...(e.nulls ? [`${expr} IS NULL`] : []), ...(e.values.length ? [`${expr} IN (${e.values.map(literal).join(', ')})`] : [])].join(' OR ');
    await c.run(`COPY (SELECT * FROM ${src} x WHERE ${pred}) TO ${fileLiteral(file)} (FORMAT parquet)`);
    out.set(name, { file, rows: e.rows });
    const h = new Map<string, boolean | undefined>();
    for (const p of paths) {
      const ps = p.split('.');
      if (!columns.has(ps[0])) h.set(p, false);
      else if (ps.length === 1) h.set(p, true);
      else {
        try {
          // The member itself is named too (typeof), so that a path into a map or a list fails to bind here.
          const parents = ps.slice(0, -1).map((_, i) => `x.${ps.slice(0, i + 1).map(q).join('.')} IS NOT NULL`);
          const [r] = await rowsOf(`SELECT coalesce(bool_or(${parents.join(' AND ')}), false) AS h, typeof(any_value(x.${ps.map(q).join('.')})) AS t FROM read_parquet(${fileLiteral(file)}) x`);
          h.set(p, r.h === true);
        } catch {
          // Not a struct member (a map's key, a list): the rule is kept and the engine decides.
          h.set(p, undefined);
        }
      }
    }
    held.set(name, h);
  }
  return {
    parts: out,
    rows: total,
    holds: (g, p) => (held.has(g) ? held.get(g)!.get(p) : false),
    topFields: async () => [...columns],
  };
}

/** The formats a side of compareFilesByGroup may have. */
export type GroupFormat = 'parquet' | 'jsonl' | 'json' | 'csv';

/** How {@link compareFilesByGroup} runs one file engine. */
export interface FilesByGroup<R extends ReportBase> {
  fn: string;
  /** compareByGroup's adapter for the tier: its field rules and unit. */
  adapter: GroupAdapter;
  /** The format of each side. */
  formats: readonly [GroupFormat, GroupFormat];
  /** Splits a CSV side (the engine's own reading of CSV; without it, CSV is refused). */
  splitCsv?: (c: DuckDBConnection, path: string, by: string, paths: readonly string[], dir: string, tag: string, keep: (group: string) => boolean) => Promise<GroupSplit>;
  /** Paths whose presence per group to record besides the field rules' (a key), per side. */
  paths?: { legacy: readonly string[]; shadow: readonly string[] };
  /** The shadow path of a legacy field path (a rename). */
  shadowName?: (path: string) => string;
  /**
   * Whether a side without rows is compared (every group against no rows, none at all a
   * NO_GROUPS failure), as the engine compares an empty file; else it is an error, as the
   * engine's is.
   * @defaultValue false
   */
  emptySides?: boolean;
  /** Only these groups are compared (the others are counted in the rows, not written, and left out of the report). */
  only?: readonly string[];
  /** Checks after the split, before any group runs (a key no row holds). */
  check?: (legacy: GroupSplit, shadow: GroupSplit, names: readonly string[]) => Promise<void>;
  /**
   * Compares one group: `files` are its two files (a side without the group: a file of that
   * side's format without rows), `parts` says which sides have it.
   */
  compare: (files: { legacy: string; shadow: string }, parts: { legacy?: GroupPart; shadow?: GroupPart }, group: string, options: Record<string, unknown>, splits: { legacy: GroupSplit; shadow: GroupSplit }) => Promise<R>;
}

/**
 * `by` on files for a file engine: each side (a file or a glob) split into one file per group
 * (splitJsonFiles, splitParquetFiles, spec.splitCsv) under a directory of the run (removed after), each group
 * compared by the engine with compareByGroup's options for it (groupPlan: overrides, rules for
 * fields the group lacks left out, labels), and the group reports composed by compareByGroup's
 * own steps: compareByGroup's GroupedReport on the same rows. `by` must be a field path.
 * Errors of a group's run name the side's path and the group, not the group's file.
 */
export async function compareFilesByGroup<R extends ReportBase>(legacyPath: string, shadowPath: string, options: Record<string, unknown>, spec: FilesByGroup<R>): Promise<GroupedReport<R>> {
  const { fn } = spec;
  const gp = groupPlan(fn, options, spec.adapter);
  if (typeof gp.by !== 'string') throw new ShadowOptionError(`${fn}: by is a function, which the file engine cannot run; use a field path such as 'type' (or the in-memory engine)`);
  const by = gp.by;
  if (options.threads !== undefined) assertNumber(fn, 'threads', options.threads, { min: 1, integer: true });
  assertMemoryLimit(fn, options.memoryLimit as string | undefined);
  // The field paths a group's rows may hold, for compareByGroup's skipped rules: every field with a rule (and its shadow name).
  const fieldsOf = (o: unknown): string[] => (isPlainObject(o) && isPlainObject(o.fields) ? Object.keys(o.fields) : []);
  const all = [gp.base, ...Object.values(isPlainObject(options.overrides) ? options.overrides : {})];
  const renamed = all.flatMap((o) => (isPlainObject(o) && isPlainObject(o.rename) ? Object.values(o.rename).filter((t): t is string => typeof t === 'string') : []));
  const lpaths = [...new Set([...all.flatMap(fieldsOf), ...(spec.paths?.legacy ?? [])])];
  const spaths = [...new Set([...lpaths, ...renamed, ...lpaths.map(spec.shadowName ?? ((p) => p)), ...(spec.paths?.shadow ?? [])])];
  // The groups' files and the split's spill files go to one directory of the run, removed after.
  const own = await openDuckDb({ DuckDBInstance }, { memoryLimit: options.memoryLimit as string | undefined, threads: options.threads as number | undefined });
  const { c, spill: dir } = own;
  try {
    // Groups not asked for are counted, not written.
    const keep = (g: string) => spec.only === undefined || spec.only.includes(g);
    const split = (path: string, format: GroupFormat, paths: string[], tag: string) => {
      if (format !== 'csv') return format === 'parquet' ? splitParquetFiles(c, fn, path, by, paths, dir, tag, keep) : splitJsonFiles(c, fn, path, format, by, paths, dir, tag, keep);
      if (!spec.splitCsv) throw new ShadowOptionError(`${fn}: by on CSV files is not supported here; use Parquet or JSON Lines, or the in-memory engine on loadDataset's rows`);
      return spec.splitCsv(c, path, by, paths, dir, tag, keep);
    };
    const L = await split(legacyPath, spec.formats[0], lpaths, 'legacy');
    const S = await split(shadowPath, spec.formats[1], spaths, 'shadow');
    for (const [side, path, name] of [[L, legacyPath, 'legacy'], [S, shadowPath, 'shadow']] as const) {
      if (side.rows === 0 && !spec.emptySides) throw new ShadowDataError(`${fn}: ${name} file ${path} has no rows: an empty comparison never passes`);
    }
    const every = [...new Set([...L.parts.keys(), ...S.parts.keys()])].sort();
    await spec.check?.(L, S, every);
    const names = spec.only ? every.filter((g) => spec.only!.includes(g)) : every;
    // A side without a group: a file of its format without rows (Parquet with the side's columns).
    const none: { legacy?: string; shadow?: string } = {};
    const emptyOf = async (name: 'legacy' | 'shadow') => {
      if (none[name] === undefined) {
        const format = spec.formats[name === 'legacy' ? 0 : 1];
        const file = join(dir, `${name}-none.${format === 'parquet' ? 'parquet' : format === 'csv' ? 'csv' : 'jsonl'}`);
        if (format === 'parquet') await c.run(`COPY (SELECT * FROM read_parquet(${fileLiteral(name === 'legacy' ? legacyPath : shadowPath)}) WHERE false) TO ${fileLiteral(file)} (FORMAT parquet)`);
        else writeFileSync(file, '');
        none[name] = file;
      }
      return none[name]!;
    };
    const groups: GroupResult<R>[] = [];
    for (const g of names) {
      const l = L.parts.get(g);
      const s = S.parts.get(g);
      const run = gp.optionsOf(g, (field, shadowField) => L.holds(g, field) !== false || S.holds(g, shadowField) !== false);
      const files = { legacy: l?.file ?? L.emptyFile ?? (await emptyOf('legacy')), shadow: s?.file ?? S.emptyFile ?? (await emptyOf('shadow')) };
      let report: R;
      try {
        report = await spec.compare(files, { legacy: l, shadow: s }, g, run.options, { legacy: L, shadow: S });
      } catch (e) {
        if (e instanceof Error) e.message = e.message.replaceAll(files.legacy, `${legacyPath} (${by} = ${g})`).replaceAll(files.shadow, `${shadowPath} (${by} = ${g})`);
        throw gp.overrideError(e, g, run.override);
      }
      groups.push({ group: g, verdict: report.verdict, rows: { legacy: l?.rows ?? 0, shadow: s?.rows ?? 0 }, overridden: run.overridden, skippedFieldRules: run.skipped, report });
    }
    const legacyFields = gp.fieldAbsentEverywhere() ? await L.topFields() : [];
    return gp.compose(groups, { legacy: L.rows, shadow: S.rows }, () => legacyFields);
  } finally {
    own.close();
  }
}
