/**
 * Parquet rows through hyparquet (pure JS): SNAPPY and uncompressed natively, GZIP and BROTLI
 * through node:zlib; other codecs (ZSTD, LZ4) through DuckDB where the optional peer is installed. INT64 values within ±2^53 become numbers (so they compare like the same
 * values from JSON or CSV); larger ones stay BigInt.
 */
import { readFile } from 'node:fs/promises';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { parquetMetadata, parquetReadObjects, type Compressors, type ParquetParsers } from 'hyparquet';
import { ShadowDataError } from '../../_internal/options.js';
import type { Row } from '../toRows.js';
import { fileLiteral } from '../../_internal/duckdbFile.js';
import { PreciseDate } from '../preciseDate.js';
import { duckdbRowConverter, varcharKeepingBom } from './duckdbRowConverter.js';
import { convertRawDecimals, rawDecimalMetadata, schemaChildren } from './parquetDecimals.js';
import { textOrBytes } from './textOrBytes.js';

const COMPRESSORS: Compressors = {
  GZIP: (input) => new Uint8Array(gunzipSync(input)),
  BROTLI: (input) => new Uint8Array(brotliDecompressSync(input)),
};

/**
 * Timestamps in microseconds or nanoseconds as PreciseDates (a Date holds milliseconds only), as
 * the DuckDB engines read them; in milliseconds as Dates. Strings keep a leading byte-order mark
 * (hyparquet's default decoder dropped it, so `\uFEFFx` read as `x`), and bytes that are no UTF-8
 * text stay bytes, as the DuckDB read-backs give them (hyparquet's decoder turned them into
 * replacement characters, so that different bytes could read as the same string).
 */
const PARSERS: Partial<ParquetParsers> = {
  timestampFromMicroseconds: (micros: bigint) => PreciseDate.fromMicros(micros),
  timestampFromNanoseconds: (nanos: bigint) => PreciseDate.fromNanos(nanos),
  stringFromBytes: ((bytes: Uint8Array) => bytes && textOrBytes(bytes)) as ParquetParsers['stringFromBytes'],
};

/**
 * The top-level FIXED_LEN_BYTE_ARRAY columns without an annotation (no UUID, decimal or float16):
 * hyparquet gives their bytes, DuckDB a BLOB, which both engines read as textOrBytes does.
 */
function plainFixedBytes(schema: readonly { name: string; type?: string; num_children?: number; converted_type?: string; logical_type?: unknown }[]): string[] {
  return schemaChildren(schema)[0]?.map((i) => schema[i]).filter((e) => e.type === 'FIXED_LEN_BYTE_ARRAY' && !e.num_children && !e.converted_type && !e.logical_type).map((e) => e.name) ?? [];
}

const MAX = BigInt(Number.MAX_SAFE_INTEGER);

function toSafe(v: unknown): unknown {
  if (typeof v === 'bigint') return v <= MAX && v >= -MAX ? Number(v) : v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = toSafe(v[i]);
    return v;
  }
  if (v !== null && typeof v === 'object' && !(v instanceof Date) && !(v instanceof Uint8Array)) {
    const o = v as Record<string, unknown>;
    for (const k of Object.keys(o)) o[k] = toSafe(o[k]);
  }
  return v;
}

/** Rows through DuckDB (for codecs hyparquet lacks), or null when DuckDB is not installed. */
async function readWithDuckDb(path: string, rowEnd: number): Promise<Row[] | null> {
  let duck: typeof import('@duckdb/node-api');
  try {
    duck = await import('@duckdb/node-api');
  } catch {
    return null;
  }
  const db = await duck.DuckDBInstance.create(':memory:');
  const c = await db.connect();
  try {
    const src = `read_parquet(${fileLiteral(path)})`;
    const described = (await c.runAndReadAll(`SELECT column_name, column_type FROM (DESCRIBE SELECT * FROM ${src})`)).getRowObjectsJS();
    const rows = (await c.runAndReadAll(`SELECT ${varcharKeepingBom(described)} FROM ${src} LIMIT ${rowEnd}`)).convertRowObjects(duckdbRowConverter(duck)) as Row[];
    return rows.map((r) => toSafe(r) as Row);
  } finally {
    c.closeSync();
    db.closeSync();
  }
}

/** Reads at most `limit` rows of a Parquet file; a file that is not Parquet fails naming it. */
export async function readParquetRows(path: string, fn: string, limit: number): Promise<Row[]> {
  const buf = await readFile(path);
  const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
  let metadata;
  try {
    metadata = parquetMetadata(ab);
  } catch (e) {
    throw new ShadowDataError(`${fn}: ${path}: not a readable Parquet file (${(e as Error).message})`);
  }
  // The rows of the row groups: a footer's own count can be wrong (0 in parquet-testing's
  // repeated_no_annotation.parquet, whose row group holds 6 rows, as DuckDB reads them).
  const rowEnd = Math.min(Math.max(Number(metadata.num_rows), metadata.row_groups.reduce((t, g) => t + Number(g.num_rows), 0)), limit);
  if (rowEnd === 0) return [];
  let rows: Row[];
  try {
    // Wide DECIMALs read raw and converted here, to the double nearest each decimal (see parquetDecimals).
    const read = rawDecimalMetadata(metadata);
    rows = (await parquetReadObjects({ file: ab, metadata: read.metadata, rowStart: 0, rowEnd, compressors: COMPRESSORS, parsers: PARSERS })) as Row[];
    convertRawDecimals(rows, read.raw);
  } catch (e) {
    const msg = (e as Error).message;
    if (/unsupported compression/i.test(msg)) {
      // ZSTD, LZ4 (...): DuckDB reads them where the optional peer is installed.
      let viaDuckDb: Row[] | null;
      try {
        viaDuckDb = await readWithDuckDb(path, rowEnd);
      } catch (d) {
        // Damaged data, or a codec neither reads (Hadoop's LZ4 framing): named as loadDataset names a bad file.
        throw new ShadowDataError(`${fn}: ${path}: cannot read the Parquet data (${msg}; DuckDB: ${(d as Error).message.split('\n')[0]})`);
      }
      if (viaDuckDb) return viaDuckDb;
      throw new ShadowDataError(`${fn}: ${path}: cannot read the Parquet data (${msg}); install the optional peer @duckdb/node-api to read this codec, or convert the file`);
    }
    throw new ShadowDataError(`${fn}: ${path}: cannot read the Parquet data (${msg})`);
  }
  if (rows.length !== rowEnd) {
    // hyparquet gave fewer rows than the footer holds (a repeated group without a LIST annotation,
    // as old Parquet writers wrote lists, read as no rows at all): DuckDB reads them where the
    // optional peer is installed; otherwise the file is named, never read as fewer rows.
    let viaDuckDb: Row[] | null;
    try {
      viaDuckDb = await readWithDuckDb(path, rowEnd);
    } catch (d) {
      throw new ShadowDataError(`${fn}: ${path}: hyparquet read ${rows.length} of the ${rowEnd} rows the file's row groups hold, and DuckDB cannot read it (${(d as Error).message.split('\n')[0]})`);
    }
    if (viaDuckDb?.length === rowEnd) return viaDuckDb;
    throw new ShadowDataError(`${fn}: ${path}: hyparquet read ${rows.length} of the ${rowEnd} rows the file's row groups hold${viaDuckDb === null ? '; install the optional peer @duckdb/node-api to read it, or rewrite the file' : `, DuckDB ${viaDuckDb.length}`}`);
  }
  const fixed = plainFixedBytes(metadata.schema);
  for (const r of rows) {
    for (const k of fixed) if (r[k] instanceof Uint8Array) r[k] = textOrBytes(r[k]);
    for (const k in r) {
      const v = r[k];
      if (typeof v === 'bigint' || (v !== null && typeof v === 'object')) r[k] = toSafe(v);
    }
  }
  return rows;
}
