import { createReadStream } from 'node:fs';
import { isAbsolute } from 'node:path';
import { open, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { ShadowDataError, ShadowOptionError, assertKnownKeys, assertNumber, assertOneOf, assertPlainObject, describeValue } from '../_internal/options.js';
import type { Row } from './toRows.js';
import { cellText, splitCsv, type CsvChunk } from './_internal/splitCsv.js';
import { isBoolAt, isNumberAt, numberAt } from './_internal/csvCellTests.js';
import { readParquetRows } from './_internal/readParquetRows.js';
import { decodedText } from './_internal/decodedText.js';

/** How a CSV column is read. */
export type ColumnType = 'string' | 'number' | 'integer' | 'boolean' | 'json';

/**
 * Options of {@link loadDataset}.
 *
 * @example
 * const opts: LoadDatasetOptions = { format: 'csv', columns: { id: 'string', price: 'number' } };
 */
export interface LoadDatasetOptions {
  /**
   * The file format.
   * @defaultValue from the extension: `.jsonl`/`.ndjson` → jsonl, `.json` → json, `.csv` → csv (before an optional `.gz`), `.parquet` → parquet
   */
  format?: 'jsonl' | 'json' | 'csv' | 'parquet';
  /**
   * Whether the file is gzip-compressed.
   * @defaultValue detected from the file's first bytes
   */
  gzip?: boolean;
  /**
   * CSV: declared column types. Undeclared columns are inferred (see `inferTypes`).
   * @defaultValue {}
   */
  columns?: Record<string, ColumnType>;
  /**
   * CSV: infer undeclared column types over the whole column: `number` when every non-empty cell
   * is a decimal number without a leading zero (so ids like `007` stay strings), `boolean` when
   * every non-empty cell is true/false, else `string`.
   * @defaultValue true
   */
  inferTypes?: boolean;
  /** CSV: the field delimiter. @defaultValue ',' */
  delimiter?: string;
  /** CSV: cell texts read as null. @defaultValue [''] */
  nullValues?: string[];
  /** CSV: headers with dots (`geo.city`) build nested objects. @defaultValue true */
  nestDottedHeaders?: boolean;
  /** Read at most this many rows. @defaultValue all */
  limit?: number;
}

const FN = 'loadDataset';
const OPTION_KEYS = ['format', 'gzip', 'columns', 'inferTypes', 'delimiter', 'nullValues', 'nestDottedHeaders', 'limit'] as const;


function formatFromPath(path: string): LoadDatasetOptions['format'] | undefined {
  const p = path.toLowerCase().replace(/\.gz$/, '');
  if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return 'jsonl';
  if (p.endsWith('.json')) return 'json';
  if (p.endsWith('.csv')) return 'csv';
  if (p.endsWith('.parquet') || p.endsWith('.pq')) return 'parquet';
  return undefined;
}

async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const buf = Buffer.alloc(2);
    const { bytesRead } = await fh.read(buf, 0, 2, 0);
    return bytesRead === 2 && buf[0] === 0x1f && buf[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

function textStream(path: string, gzip: boolean, highWaterMark?: number): Readable {
  const raw = createReadStream(path, highWaterMark ? { highWaterMark } : undefined);
  if (!gzip) return raw;
  const gunzip = createGunzip();
  raw.on('error', (e) => gunzip.destroy(e));
  // Destroying the output (on limit or error) must release the file descriptor too.
  gunzip.on('close', () => raw.destroy());
  return raw.pipe(gunzip);
}

/** Sets an own property, even for `__proto__`, without touching any prototype. */
function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, enumerable: true, writable: true, configurable: true });
  else obj[key] = value;
}

/**
 * Sets a CSV cell's value at its header's path in a row, as loadDataset nests dotted headers
 * (`geo.city` → `row.geo.city`): a segment that holds no object yet becomes one (a later header
 * `a.b` replaces an earlier value at `a`), every key an own property (`__proto__` too).
 *
 * @example
 * const row = {}; setCsvPath(row, ['geo', 'city'], 'Oslo'); // row is { geo: { city: 'Oslo' } }
 * @internal
 */
export function setCsvPath(row: Row, segs: readonly string[], value: unknown): void {
  let target = row;
  for (let s = 0; s < segs.length - 1; s++) {
    const next = Object.prototype.hasOwnProperty.call(target, segs[s]) ? target[segs[s]] : undefined;
    if (next === null || typeof next !== 'object') {
      const obj: Row = {};
      setOwn(target, segs[s], obj);
      target = obj;
    } else target = next as Row;
  }
  setOwn(target, segs[segs.length - 1], value);
}

async function loadJsonl(path: string, gzip: boolean, limit: number, keep = true, fn = FN, onRow?: (row: Row, text: string) => void): Promise<Row[]> {
  const rows: Row[] = [];
  let seen = 0;
  const input = textStream(path, gzip);
  const rl = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of rl) {
      line++;
      if (text.trim() === '') continue;
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch (e) {
        rl.close();
        throw new ShadowDataError(`${fn}: ${path}:${line}: malformed JSON: ${(e as Error).message}`);
      }
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        rl.close();
        throw new ShadowDataError(`${fn}: ${path}:${line}: each line must be a JSON object (one event), got ${describeValue(value)}`);
      }
      if (onRow) onRow(value as Row, text);
      else if (keep) rows.push(value as Row);
      if (++seen >= limit) {
        rl.close();
        break;
      }
    }
  } finally {
    // readline does not close its input: without this a limited or failed read leaks the fd.
    input.destroy();
  }
  return rows;
}

/** Throws an option error naming `path` unless it is a file that can be opened. */
export async function assertFile(fn: string, path: string): Promise<void> {
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new ShadowOptionError(`${fn}: ${path} is not a file`);
  } catch (e) {
    if (e instanceof ShadowOptionError) throw e;
    throw new ShadowOptionError(`${fn}: cannot read ${path}: ${(e as Error).message}`);
  }
}

/**
 * Reads a JSON Lines file (gzip or not) as loadDataset does, handing each row (and the line's
 * text, without its line break) to `onRow` instead of keeping it (memory O(one line)): a bad line
 * throws the ShadowDataError loadDataset throws, naming the file and line. Blank lines are skipped.
 */
export async function forEachJsonLine(fn: string, path: string, onRow: (row: Row, text: string) => void): Promise<void> {
  await loadJsonl(path, await isGzip(path), Infinity, false, fn, onRow);
}

/**
 * Reads a JSON Lines file (gzip or not) only to find its first bad line, and throws a
 * ShadowDataError naming the file and line as loadDataset does; keeps no rows. For engines whose
 * own reader reports a bad line without a trustworthy line number.
 */
export async function checkJsonLines(fn: string, path: string): Promise<void> {
  await loadJsonl(path, await isGzip(path), Infinity, false, fn);
}

/**
 * Reads the first `limit` records of a CSV file (gzip or not; all by default) only to find a bad
 * line (a record of the wrong width, bad quoting), and throws the ShadowDataError loadDataset
 * throws, naming the file and line; keeps no records. For engines whose own reader reports a bad
 * line in words of its own, or is misled by it (DuckDB's sniffer takes a ragged sample for
 * another dialect, or fails to sniff the file).
 */
export async function checkCsvLines(fn: string, path: string, delimiter: string, limit = Infinity): Promise<void> {
  await splitCsv(decodedText(textStream(path, await isGzip(path), 1 << 20)), path, fn, delimiter, limit, undefined, false);
}

/**
 * Reads a JSON file (one array of objects; gzip or not) as loadDataset does, its errors naming
 * `fn`, the file and the line or element: for engines whose own reader reports a bad file in
 * words of its own. Reads the whole file, as loadDataset does.
 */
export async function readJsonArray(fn: string, path: string): Promise<Row[]> {
  return loadJson(path, await isGzip(path), Infinity, fn);
}

async function loadJson(path: string, gzip: boolean, limit: number, fn = FN): Promise<Row[]> {
  const chunks: Buffer[] = [];
  for await (const chunk of textStream(path, gzip)) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const line = m ? text.slice(0, Number(m[1])).split('\n').length : undefined;
    throw new ShadowDataError(`${fn}: ${path}${line ? `:${line}` : ''}: malformed JSON: ${(e as Error).message}`);
  }
  if (!Array.isArray(value)) throw new ShadowDataError(`${fn}: ${path}: a .json dataset must be an array of objects, got ${describeValue(value)}`);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw new ShadowDataError(`${fn}: ${path}: element ${i} must be an object (one event), got ${describeValue(v)}`);
    }
  }
  return value.slice(0, limit) as Row[];
}

const BOOL = /^(true|false)$/i;

/** Distinct texts a CSV string column may have and still share one string per text. */
const INTERN_LIMIT = 1024;

function convert(path: string, line: number, column: string, type: ColumnType, text: string): unknown {
  switch (type) {
    case 'string':
      return text;
    case 'number':
    case 'integer': {
      const v = Number(text);
      if (text.trim() === '' || !Number.isFinite(v) || (type === 'integer' && !Number.isInteger(v))) {
        throw new ShadowDataError(`${FN}: ${path}:${line}: column '${column}' is declared ${type} but holds ${JSON.stringify(text)}`);
      }
      return v;
    }
    case 'boolean':
      if (!BOOL.test(text)) throw new ShadowDataError(`${FN}: ${path}:${line}: column '${column}' is declared boolean but holds ${JSON.stringify(text)}`);
      return text.toLowerCase() === 'true';
    case 'json':
      try {
        return JSON.parse(text);
      } catch (e) {
        throw new ShadowDataError(`${FN}: ${path}:${line}: column '${column}' is declared json but holds malformed JSON: ${(e as Error).message}`);
      }
  }
}

/**
 * Given one reader per column (header order), a function building the rows of a chunk, each as an
 * object literal (every row then has one shape, allocated at its final size); or null when the
 * headers do not form a clean tree (a name both a leaf and a parent, `__proto__`, an empty
 * segment): the general path handles those.
 */
function rowLiteral(
  header: readonly string[],
  nest: boolean,
): ((readers: ((ch: CsvChunk, r: number) => unknown)[]) => (ch: CsvChunk, rows: Row[], k: number) => number) | null {
  type Node = Map<string, Node | number>;
  const root: Node = new Map();
  for (let j = 0; j < header.length; j++) {
    const segs = nest ? header[j].split('.') : [header[j]];
    if (segs.some((s) => s === '__proto__' || s === '')) return null;
    let node = root;
    for (let s = 0; s < segs.length - 1; s++) {
      const next = node.get(segs[s]);
      if (typeof next === 'number') return null;
      if (next) node = next;
      else {
        const m: Node = new Map();
        node.set(segs[s], m);
        node = m;
      }
    }
    if (node.has(segs[segs.length - 1])) return null;
    node.set(segs[segs.length - 1], j);
  }
  const emit = (node: Node): string =>
    `{${[...node].map(([key, v]) => `${JSON.stringify(key)}: ${typeof v === 'number' ? `R${v}(ch, r)` : emit(v)}`).join(', ')}}`;
  // Keys are JSON string literals and values reader calls: no text from the file is evaluated.
  const names = header.map((_, j) => `R${j}`);
  const loop = `return function build(ch, rows, k) { for (let r = 0, n = ch.records; r < n; r++) rows[k++] = ${emit(root)}; return k; };`;
  return (readers) => new Function(...names, loop)(...readers) as (ch: CsvChunk, rows: Row[], k: number) => number;
}

async function loadCsv(path: string, gzip: boolean, o: Required<Pick<LoadDatasetOptions, 'columns' | 'inferTypes' | 'delimiter' | 'nullValues' | 'nestDottedHeaders'>>, limit: number): Promise<Row[]> {
  const cells = await splitCsv(decodedText(textStream(path, gzip, 1 << 20)), path, FN, o.delimiter, limit);
  if (!cells) return [];
  const header = cells.header;
  for (const c of Object.keys(o.columns)) {
    if (!header.includes(c)) throw new ShadowOptionError(`${FN}: columns.${c} is declared but ${path} has no such column; columns are ${header.join(', ')}`);
  }
  const W = cells.width;
  const nulls = new Set(o.nullValues);
  // Per cell length, whether some null text has it: most cells are ruled out by one array read.
  const maxNullLength = Math.max(...o.nullValues.map((v) => v.length), -1);
  const nullLength = new Uint8Array(maxNullLength + 1);
  for (const v of o.nullValues) nullLength[v.length] = 1;
  const isNull = (ch: CsvChunk, idx: number): boolean => {
    const s = ch.start[idx];
    const len = ch.end[idx] - (s >= 0 ? s : ~s);
    if (len > maxNullLength || nullLength[len] === 0) return false;
    return len === 0 || nulls.has(cellText(ch, idx));
  };
  const types: ColumnType[] = header.map((h, j) => {
    // Own keys only: a column named `__proto__`, `constructor` or `toString` must not pick up
    // Object.prototype members as its declared type.
    const declared = Object.prototype.hasOwnProperty.call(o.columns, h) ? o.columns[h] : undefined;
    if (declared) return declared;
    if (!o.inferTypes) return 'string';
    let allNum = true;
    let allBool = true;
    let any = false;
    scan: for (const ch of cells.chunks) {
      const { text, start, end } = ch;
      for (let r = 0, idx = j; r < ch.records; r++, idx += W) {
        if (isNull(ch, idx)) continue;
        any = true;
        const st = start[idx];
        // a quoted cell holding "" is neither a number nor a boolean
        if (st < 0) {
          allNum = allBool = false;
          break scan;
        }
        if (allNum && !isNumberAt(text, st, end[idx])) allNum = false;
        if (allBool && !isBoolAt(text, st, end[idx])) allBool = false;
        if (!allNum && !allBool) break scan;
      }
    }
    return !any ? 'string' : allNum ? 'number' : allBool ? 'boolean' : 'string';
  });
  const inferredNumber = header.map((h, j) => types[j] === 'number' && !Object.prototype.hasOwnProperty.call(o.columns, h));
  // Per string column, its distinct texts while there are at most INTERN_LIMIT of them.
  const interned: (Map<string, string> | null)[] = header.map(() => new Map());
  const read = (ch: CsvChunk, r: number, j: number): unknown => {
    const idx = r * W + j;
    if (isNull(ch, idx)) return null;
    const st = ch.start[idx];
    const type = types[j];
    // An inferred number column passed isNumberAt on every non-null cell already.
    if (type === 'number' && (inferredNumber[j] || (st >= 0 && isNumberAt(ch.text, st, ch.end[idx])))) return numberAt(ch.text, st, ch.end[idx]);
    if (type === 'string') {
      const t = cellText(ch, idx);
      // A column of few distinct texts (an event type, a city) shares one string per text: a
      // million rows then hold a handful of strings, not a million copies (less memory, less GC).
      const cache = interned[j];
      if (cache === null) return t;
      const hit = cache.get(t);
      if (hit !== undefined) return hit;
      if (cache.size >= INTERN_LIMIT) {
        interned[j] = null;
        return t;
      }
      cache.set(t, t);
      return t;
    }
    return convert(path, ch.line[r], header[j], type, cellText(ch, idx));
  };
  const rows: Row[] = new Array<Row>(cells.records);
  // The column types as read (declared or inferred), for compareEvents to name a column inferred
  // differently in two files. Not enumerable: the rows stay a plain array to every other reader.
  Object.defineProperty(rows, 'columnTypes', { value: Object.fromEntries(header.map((h, j) => [h, types[j]])), enumerable: false });
  let k = 0;
  const literal = rowLiteral(header, o.nestDottedHeaders);
  if (literal) {
    // One reader per column, specialised by its type, called from a row loop generated for this
    // header: every call site sees one reader, so the engine inlines them into the loop.
    const readers = header.map((_, j): ((ch: CsvChunk, r: number) => unknown) => {
      const type = types[j];
      if (type === 'string') {
        return (ch, r) => {
          const idx = r * W + j;
          if (isNull(ch, idx)) return null;
          const t = cellText(ch, idx);
          const cache = interned[j];
          if (cache === null) return t;
          const hit = cache.get(t);
          if (hit !== undefined) return hit;
          if (cache.size >= INTERN_LIMIT) interned[j] = null;
          else cache.set(t, t);
          return t;
        };
      }
      if (inferredNumber[j]) {
        return (ch, r) => {
          const idx = r * W + j;
          return isNull(ch, idx) ? null : numberAt(ch.text, ch.start[idx], ch.end[idx]);
        };
      }
      return (ch, r) => read(ch, r, j);
    });
    const build = literal(readers);
    for (const ch of cells.chunks) k = build(ch, rows, k);
    return rows;
  }
  const paths = header.map((h) => (o.nestDottedHeaders ? h.split('.') : [h]));
  for (const ch of cells.chunks) {
    for (let r = 0; r < ch.records; r++) {
      const row: Row = {};
      for (let j = 0; j < W; j++) setCsvPath(row, paths[j], read(ch, r, j));
      rows[k++] = row;
    }
  }
  return rows;
}

/**
 * Loads a dataset file as an array of rows: JSON Lines, a JSON array, CSV (declared column
 * types or inference), gzip-compressed or not, or Parquet (hyparquet; SNAPPY, GZIP, BROTLI or
 * uncompressed). JSONL and CSV are read as a stream; CSV goes through an RFC 4180 splitter that
 * keeps cell offsets rather than strings, so memory stays proportional to the data. A malformed
 * line fails with the file and line number. The rows are ready for every comparison. CSV rows
 * carry the type each column was read with (declared or inferred) as a non-enumerable
 * `columnTypes` (`Record<column, ColumnType>`), which compareEvents uses to say when a column was
 * inferred differently in the two files.
 *
 * A path naming no file but holding `*`, `?` or `[...]` is a glob: the rows of every matching file,
 * in sorted order, as the DuckDB readers read the pattern (CSV files as one table: a column typed
 * over the records of all of them); see docs/loadDataset.md.
 *
 * @param path - the file to read, or a glob of files
 * @example
 * const legacy = await loadDataset('fixtures/sample/legacy.jsonl');
 * const shadow = await loadDataset('out/shadow.csv.gz', { columns: { id: 'string' } });
 * const nightly = await loadDataset('out/events.parquet', { limit: 100_000 });
 * const parts = await loadDataset('out/shadow/part-*.parquet');
 * expect(shadow).toApproximatelyMatch(legacy, { key: 'id' });
 */
export async function loadDataset(path: string, options: LoadDatasetOptions = {}): Promise<Row[]> {
  if (typeof path !== 'string' || path === '') throw new ShadowOptionError(`${FN}: path must be a non-empty string, got ${describeValue(path)}`);
  // `as unknown`: check without narrowing, which would widen every option to `unknown`.
  assertPlainObject(FN, 'options', options as unknown);
  assertKnownKeys(FN, '', options, OPTION_KEYS);
  const format = options.format ?? formatFromPath(path);
  if (format === undefined) {
    throw new ShadowOptionError(`${FN}: cannot tell the format of ${path} from its extension; pass { format: 'jsonl' | 'json' | 'csv' | 'parquet' }`);
  }
  assertOneOf(FN, 'format', format, ['jsonl', 'json', 'csv', 'parquet'] as const);
  const limit = options.limit ?? Infinity;
  if (options.limit !== undefined) assertNumber(FN, 'limit', limit, { min: 1, integer: true });
  const columns = options.columns ?? {};
  assertPlainObject(FN, 'columns', columns as unknown);
  for (const [c, t] of Object.entries(columns)) assertOneOf(FN, `columns.${c}`, t, ['string', 'number', 'integer', 'boolean', 'json'] as const);
  const delimiter = options.delimiter ?? ',';
  if (typeof delimiter !== 'string' || delimiter.length === 0) throw new ShadowOptionError(`${FN}: delimiter must be a non-empty string, got ${describeValue(delimiter)}`);
  for (const k of ['gzip', 'inferTypes', 'nestDottedHeaders'] as const) {
    const v: unknown = options[k];
    if (v !== undefined && typeof v !== 'boolean') throw new ShadowOptionError(`${FN}: ${k} must be true or false, got ${describeValue(v)}`);
  }
  const nullValues = options.nullValues ?? [''];
  if (!Array.isArray(nullValues) || !nullValues.every((v) => typeof v === 'string')) {
    throw new ShadowOptionError(`${FN}: nullValues must be an array of strings, got ${describeValue(nullValues)}`);
  }
  const files = await datasetFiles(path);
  const csv = { columns, inferTypes: options.inferTypes ?? true, delimiter, nullValues, nestDottedHeaders: options.nestDottedHeaders ?? true };
  const one = (file: string, remaining: number, declared = columns) => loadFile(file, format, options.gzip, { ...csv, columns: declared }, remaining);
  if (files.length === 1) return one(files[0], limit);
  // A glob: its files' rows in order, read as one table (CSV columns typed over all their records).
  const parts: Row[][] = [];
  let total = 0;
  for (const file of files) {
    if (total >= limit) break;
    const rows = await one(file, limit - total);
    parts.push(rows);
    total += rows.length;
  }
  if (format !== 'csv') return concatRows(parts);
  let table = csvTableTypes(parts, columns, csv.nestDottedHeaders);
  if (table.conflicting.length > 0) {
    // A column some file types otherwise than another is text in every file, as in one file holding all their records.
    const declared = { ...columns, ...Object.fromEntries(table.conflicting.map((c) => [c, 'string' as const])) };
    for (let i = 0; i < parts.length; i++) parts[i] = await one(files[i], parts[i].length || 1, declared);
    table = csvTableTypes(parts, columns, csv.nestDottedHeaders);
  }
  const out = concatRows(parts);
  Object.defineProperty(out, 'columnTypes', { value: table.types, enumerable: false });
  return out;
}

/** One file of a dataset, read as loadDataset reads it. */
async function loadFile(path: string, format: NonNullable<LoadDatasetOptions['format']>, gzipOption: boolean | undefined, csv: Parameters<typeof loadCsv>[2], limit: number): Promise<Row[]> {
  if (format === 'parquet') return readParquetRows(path, FN, limit);
  const gzip = gzipOption ?? (await isGzip(path));
  try {
    if (format === 'jsonl') return await loadJsonl(path, gzip, limit);
    if (format === 'json') return await loadJson(path, gzip, limit);
    return await loadCsv(path, gzip, csv, limit);
  } catch (e) {
    if (e instanceof ShadowDataError || e instanceof ShadowOptionError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'Z_DATA_ERROR' || code === 'Z_BUF_ERROR') throw new ShadowDataError(`${FN}: ${path}: not valid gzip data (${(e as Error).message})`);
    throw e;
  }
}

/**
 * The files a dataset path names: the path itself when it is a file, else the files its glob
 * pattern matches (`*`, `?`, `[...]`, `**`; dotfiles included), sorted by code point: the files
 * DuckDB's readers read for the same pattern, in their order. Throws an option error naming the
 * path (and `fn`) when it names neither. Also for the DuckDB engines' own JSON Lines readers
 * (profileFile, compareOutputFiles), which parse the lines as loadDataset does.
 */
export async function datasetFiles(path: string, fn = FN): Promise<string[]> {
  try {
    if ((await stat(path)).isFile()) return [path];
  } catch {
    // Not a file: a glob, or missing (assertFile names it).
  }
  if (/[[*?]/.test(path)) {
    const { globSync } = await import('tinyglobby');
    // Characters DuckDB's glob takes as themselves but picomatch as syntax (braces, extglobs).
    const pattern = path.replace(/[{}()!+@]/g, '\\$&');
    const files = globSync(pattern, { dot: true, onlyFiles: true, expandDirectories: false, absolute: isAbsolute(path) }).sort(byCodePoint);
    if (files.length > 0) return files;
    throw new ShadowOptionError(`${fn}: cannot read ${path}: no file matches this pattern`);
  }
  await assertFile(fn, path);
  return [path];
}

const byCodePoint = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));

/** The rows of several parts as one array (no spread: a part may hold millions of rows). */
function concatRows(parts: readonly Row[][]): Row[] {
  const out: Row[] = [];
  for (const part of parts) for (let i = 0; i < part.length; i++) out.push(part[i]);
  return out;
}

/** A CSV part's column types as read, and the columns holding a value on some row (a column of empty cells tells no type). */
function csvPartTypes(rows: readonly Row[], nest: boolean): { types: Record<string, ColumnType>; valued: Set<string> } {
  const types = (rows as unknown as { columnTypes?: Record<string, ColumnType> }).columnTypes ?? {};
  const valued = new Set<string>();
  for (const col of Object.keys(types)) {
    const segs = nest ? col.split('.') : [col];
    const get = (r: Row) => segs.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Row)[k] : undefined), r);
    if (rows.some((r) => get(r) != null)) valued.add(col);
  }
  return { types, valued };
}

/**
 * The column types of CSV parts read as one table (a column's type where some part holds a value
 * in it, else the first part's), and the undeclared columns the parts typed differently.
 */
function csvTableTypes(parts: readonly Row[][], declared: Record<string, ColumnType>, nest: boolean): { types: Record<string, ColumnType>; conflicting: string[] } {
  const merged = new Map<string, ColumnType>();
  const seen = new Map<string, Set<ColumnType>>();
  for (const part of parts) {
    const { types, valued } = csvPartTypes(part, nest);
    for (const [col, t] of Object.entries(types)) {
      if (!merged.has(col) || valued.has(col)) merged.set(col, t);
      if (!valued.has(col) || Object.prototype.hasOwnProperty.call(declared, col)) continue;
      let set = seen.get(col);
      if (!set) seen.set(col, (set = new Set()));
      set.add(t);
    }
  }
  return { types: Object.fromEntries(merged), conflicting: [...seen].filter(([, set]) => set.size > 1).map(([col]) => col) };
}
