/** Files and in-memory rows as a DuckDB relation, for the query tier and the Parquet checks. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ShadowOptionError, describeValue } from '../../_internal/options.js';
import { toRows } from '../../dataset/toRows.js';
import { fileLiteral } from '../../_internal/duckdbFile.js';

export const ident = (s: string): string => `"${s.replaceAll('"', '""')}"`;

/**
 * The SQL relation reading `input`: a Parquet, CSV, JSON Lines or JSON file (or glob), or rows in
 * memory (written to a temporary JSON Lines file, removed by `cleanup`).
 */
export function sourceSql(fn: string, side: string, input: unknown, cleanup: (() => void)[]): string {
  if (typeof input === 'string') {
    if (input === '') throw new ShadowOptionError(`${fn}: ${side} must be a file path or rows, got ""`);
    const p = input.toLowerCase().replace(/\.(gz|zst)$/, '');
    if (p.endsWith('.parquet')) return `read_parquet(${fileLiteral(input)})`;
    // Quoting pinned to RFC 4180's (loadDataset's), so an unclosed quote is an error naming its line, not a value running to the end of the file.
    if (p.endsWith('.csv') || p.endsWith('.tsv')) return `read_csv(${fileLiteral(input)}, sample_size = -1, quote = '"', escape = '"', strict_mode = true)`;
    // Records only: with records = 'auto', one line holding an array or a scalar made DuckDB read
    // the whole file as one column `json`, on which a query such as count(*) still ran (a file
    // loadDataset refuses reconciled); the error now names the line (see jsonFileError).
    if (p.endsWith('.jsonl') || p.endsWith('.ndjson')) return `read_json(${fileLiteral(input)}, format = 'newline_delimited', records = 'true', sample_size = -1)`;
    if (p.endsWith('.json')) return `read_json(${fileLiteral(input)}, records = 'true', sample_size = -1)`;
    throw new ShadowOptionError(`${fn}: cannot tell the format of ${side} file ${input}; use .parquet, .csv, .jsonl/.ndjson or .json (optionally .gz)`);
  }
  let rows;
  try {
    rows = toRows(input, fn, side);
  } catch {
    throw new ShadowOptionError(`${fn}: ${side} must be a file path (Parquet, CSV, JSON Lines) or an array of rows, got ${describeValue(input)}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'vitest-shadow-q-'));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  const path = join(dir, `${side}.jsonl`);
  writeFileSync(path, rows.map(jsonLine).join('\n') + '\n');
  return `read_json(${fileLiteral(path)}, format = 'newline_delimited', sample_size = -1)`;
}

/**
 * A row as a JSON line DuckDB's reader takes back with the same values: a bigint as its exact
 * digits (read as BIGINT/HUGEINT), NaN and ±Infinity as DuckDB's NaN/Infinity literals (JSON has
 * none: JSON.stringify would write null, and NaN would equal a missing value).
 */
function jsonLine(row: unknown): string {
  const mark = '\u0000vitest-shadow:';
  const text = JSON.stringify(row, (_, v: unknown) =>
    typeof v === 'bigint' ? `${mark}${v}` : typeof v === 'number' && !Number.isFinite(v) ? `${mark}${v}` : v,
  );
  return text.replace(/"\\u0000vitest-shadow:(-?[0-9]+|NaN|-?Infinity)"/g, '$1');
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);
/** DuckDB values to plain JS: INT64 within ±2^53 as numbers, timestamps as ISO strings. */
export function plain(v: unknown): unknown {
  if (typeof v === 'bigint') return v <= MAX && v >= -MAX ? Number(v) : String(v);
  if (v instanceof Date) return v.toISOString();
  if (Array.isArray(v)) return v.map(plain);
  if (v !== null && typeof v === 'object' && !(v instanceof Uint8Array)) {
    const o: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) o[k] = plain(x);
    return o;
  }
  return v;
}
