/** A file path as DuckDB's readers take it. */
import { statSync } from 'node:fs';
import { ShadowDataError } from '../errors.js';

/** A SQL string literal (quotes doubled). */
export const sqlString = (s: string): string => `'${s.replaceAll("'", "''")}'`;

/**
 * The SQL string literal of the DuckDB file pattern that reads exactly `path` when `path` names
 * an existing file, else `path` itself (a glob: `logs/*.jsonl`). DuckDB's readers take every
 * path as a glob pattern, so a file named `run[1].jsonl` would read `run1.jsonl` instead; in an
 * existing file's path each glob character `[`, `*`, `?` is written as a class of that one
 * character (`[[]`, `[*]`, `[?]`), which matches only it.
 *
 * @example
 * fileLiteral('out/run[1].jsonl') // "'out/run[[]1].jsonl'" when that file exists
 */
export function fileLiteral(path: string): string {
  let pattern = path;
  if (/[[*?]/.test(path)) {
    let file = false;
    try {
      file = statSync(path).isFile();
    } catch {
      // Not a file: a glob (or missing, which the reader reports).
    }
    if (file) pattern = path.replace(/[[*?]/g, (ch) => `[${ch}]`);
  }
  return sqlString(pattern);
}

/**
 * DuckDB's error for a malformed CSV record (`CSV Error on Line: N`, its original line, what is
 * wrong, fixes naming reader options this API does not have, the reader's settings) as the error
 * loadDataset gives, naming the file and line: `f.csv:25002: malformed CSV: Invalid Record Length:
 * expect 2, got 3`. Undefined for any other message.
 *
 * @example
 * malformedCsv('compareEventFiles', e.message) // ShadowDataError: compareEventFiles: f.csv:3: malformed CSV: …
 */
export function malformedCsv(fn: string, message: string): ShadowDataError | undefined {
  const line = /CSV Error on Line: (\d+)/.exec(message)?.[1];
  const file = /\n\s*file = (.+)/.exec(message)?.[1]?.trim();
  if (!line || !file) return undefined;
  const width = /Expected Number of Columns: (\d+) Found: (\d+)/.exec(message);
  const what = width
    ? `Invalid Record Length: expect ${width[1]}, got ${width[2]}`
    : /unterminated quote/i.test(message)
      ? 'a quoted cell is never closed'
      : (message.slice(0, message.search(/\n(Possible fixes:|\s*file = )/)).split('\n').pop() ?? '').trim() || 'DuckDB cannot read this record';
  return new ShadowDataError(`${fn}: ${file}:${line}: malformed CSV: ${what}`);
}

/** The delimiter loadDataset reads a file with: a tab for `.tsv`, else a comma. */
export const csvDelimiter = (file: string): string => (/\.tsv(\.gz)?$/i.test(file) ? '\t' : ',');

/**
 * read_csv of a CSV file as text, in loadDataset's dialect (its delimiter, `"` quoting, a header
 * line, every record as wide as the header): a ragged record or an unclosed quote is an error
 * naming its line (see csvFileError), never a dialect DuckDB's sniffer guesses around it.
 *
 * @example
 * csvTextRead('out/scores.csv') // "read_csv('out/scores.csv', all_varchar = true, …)"
 */
export const csvTextRead = (file: string): string =>
  `read_csv(${fileLiteral(file)}, all_varchar = true, header = true, sample_size = -1, delim = ${sqlString(csvDelimiter(file))}, quote = '"', escape = '"', strict_mode = true)`;

/**
 * The error to throw when DuckDB fails to read `file`: malformedCsv's where DuckDB named the
 * line; for a plain or gzipped CSV file it could not sniff or read, the error loadDataset gives
 * on it (the file and its first bad line, found by reading the records without keeping them);
 * else undefined, and the caller's own error stands.
 *
 * @example
 * catch (e) { throw (await csvFileError('profileFile', path, e.message)) ?? e; }
 */
export async function csvFileError(fn: string, file: string, message: string): Promise<ShadowDataError | undefined> {
  return malformedCsv(fn, message) ?? (/CSV|sniff/i.test(message) ? await csvLinesError(fn, file) : undefined);
}

/**
 * For a plain or gzipped CSV file, the error loadDataset gives on its first malformed record (file
 * and line), found by reading the records without keeping them; undefined when every record is
 * well formed, or the file is not CSV.
 *
 * @example
 * const bad = await csvLinesError('compareQueries', 'out/shadow.csv'); // a query failed on that side only
 */
export async function csvLinesError(fn: string, file: string): Promise<ShadowDataError | undefined> {
  if (!/\.(csv|tsv)(\.gz)?$/i.test(file)) return undefined;
  const { checkCsvLines } = await import('../dataset/loadDataset.js');
  try {
    await checkCsvLines(fn, file, csvDelimiter(file));
  } catch (e) {
    if (e instanceof ShadowDataError) return e;
  }
  return undefined;
}

/**
 * For JSON Lines and JSON files (plain or gzipped), the error loadDataset gives on the first bad
 * one (file and line: malformed JSON, a line or array element that is no object), found by
 * reading them as loadDataset does without keeping the rows (a JSON array is parsed whole, as
 * loadDataset parses it; one past 256 MiB is left to the caller's own error); undefined when all
 * are well formed, or no file is JSON. For an engine whose DuckDB reader failed on a file or read
 * it in a way of its own: DuckDB counts lines from another origin (it names line 4 for the third),
 * and its JSON reader takes a file holding an array or a scalar line as one column `json`, so
 * that the user's query or key met no columns.
 *
 * @example
 * const bad = await jsonFileError('compareQueries', ['out/shadow.jsonl']); // a query failed on that side only
 */
export async function jsonFileError(fn: string, files: readonly string[]): Promise<ShadowDataError | undefined> {
  const { checkJsonLines, readJsonArray } = await import('../dataset/loadDataset.js');
  for (const file of files) {
    const lines = /\.(jsonl|ndjson)(\.gz)?$/i.test(file);
    if (!lines && !(/\.json(\.gz)?$/i.test(file) && (statSync(file, { throwIfNoEntry: false })?.size ?? Infinity) <= 256 * 2 ** 20)) continue;
    try {
      await (lines ? checkJsonLines(fn, file) : readJsonArray(fn, file));
    } catch (e) {
      if (e instanceof ShadowDataError) return e;
    }
  }
  return undefined;
}

/**
 * The files DuckDB's readers read for `path` (a file, or a glob pattern), in its order; none when
 * nothing matches. `all` runs a query and returns its rows.
 *
 * @example
 * await filesOfPattern((sql) => c.runAndReadAll(sql).then((r) => r.getRowObjectsJS()), 'logs/*.jsonl') // ['logs/a.jsonl', 'logs/b.jsonl']
 */
export async function filesOfPattern(all: (sql: string) => Promise<Record<string, unknown>[]>, path: string): Promise<string[]> {
  try {
    return (await all(`SELECT file FROM glob(${fileLiteral(path)}) ORDER BY file`)).map((r) => String(r.file));
  } catch {
    return [];
  }
}

/**
 * The files DuckDB's glob() lists for a pattern, in its order, through an instance of its own (for
 * a caller without a connection: the suite checks that DuckDB would read the files it resolved).
 *
 * @example
 * await duckdbGlob('/data/out/part-*.jsonl') // ['/data/out/part-1.jsonl', '/data/out/part-2.jsonl']
 */
export async function duckdbGlob(pattern: string): Promise<string[]> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const db = await DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    return await filesOfPattern(async (sql) => (await c.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[], pattern);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}
