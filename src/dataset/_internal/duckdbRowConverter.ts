/**
 * DuckDB's JS value converter (`getRowObjectsJS`), except where it reads a value otherwise than
 * loadDataset reads the same Parquet file: TIMESTAMP, TIMESTAMP_NS and TIMESTAMPTZ values become
 * PreciseDates, keeping their microseconds (nanoseconds; DuckDB's own converter truncates them to
 * a millisecond Date), a MAP becomes a plain object of its entries (DuckDB's gives an array of
 * `{ key, value }`, whose order made two equal maps differ), a DECIMAL the double nearest it, and
 * a BLOB (a Parquet BYTE_ARRAY without a string annotation) its UTF-8 text, as hyparquet reads it,
 * or where its bytes are no UTF-8 text a plain Uint8Array of them (DuckDB's gives a Node Buffer,
 * which never equals a string, nor a Uint8Array in compareEvents). Takes the module so that callers
 * import the optional peer only when they run.
 */
import type * as Duck from '@duckdb/node-api';
import { PreciseDate } from '../preciseDate.js';
import { decimalToNumber } from './parquetDecimals.js';
import { textOrBytes } from './textOrBytes.js';

type Needed = 'DuckDBTypeId' | 'DuckDBTimestampValue' | 'DuckDBTimestampNanosecondsValue' | 'DuckDBTimestampTZValue' | 'DuckDBMapValue' | 'DuckDBDecimalValue' | 'DuckDBBlobValue' | 'JSDuckDBValueConverter';

export function duckdbRowConverter(duck: Pick<typeof Duck, Needed>): Duck.DuckDBValueConverter<unknown> {
  const { DuckDBTypeId, DuckDBTimestampValue, DuckDBTimestampNanosecondsValue, DuckDBTimestampTZValue, DuckDBMapValue, DuckDBDecimalValue, DuckDBBlobValue, JSDuckDBValueConverter } = duck;
  const convert: Duck.DuckDBValueConverter<unknown> = (value, type, _converter) => {
    if (value === null || value === undefined) return null;
    switch (type.typeId) {
      case DuckDBTypeId.TIMESTAMP:
        if (value instanceof DuckDBTimestampValue) return finite(value.micros) ? PreciseDate.fromMicros(value.micros) : (JSDuckDBValueConverter(value, type, convert as never) as unknown);
        break;
      case DuckDBTypeId.TIMESTAMP_TZ:
        if (value instanceof DuckDBTimestampTZValue) return finite(value.micros) ? PreciseDate.fromMicros(value.micros) : (JSDuckDBValueConverter(value, type, convert as never) as unknown);
        break;
      case DuckDBTypeId.DECIMAL:
        // The double nearest the decimal, as loadDataset reads it (DuckDB's own cast is one unit in
        // the last place off for some wide decimals).
        if (value instanceof DuckDBDecimalValue) return decimalToNumber(value.value, value.scale);
        break;
      case DuckDBTypeId.MAP:
        if (value instanceof DuckDBMapValue) {
          // As hyparquet reads a Parquet map: an object, each key as its text.
          const entries = JSDuckDBValueConverter(value, type, convert as never) as unknown as { key: unknown; value: unknown }[];
          return Object.fromEntries(entries.map((e) => [String(e.key), e.value]));
        }
        break;
      case DuckDBTypeId.BLOB:
        if (value instanceof DuckDBBlobValue) return textOrBytes(value.bytes);
        break;
      case DuckDBTypeId.TIMESTAMP_NS:
        if (value instanceof DuckDBTimestampNanosecondsValue && finite(value.nanos / 1000n)) return PreciseDate.fromNanos(value.nanos);
        break;
    }
    return JSDuckDBValueConverter(value, type, convert as never) as unknown;
  };
  return convert;
}

/**
 * Within a Date's range (±8.64e15 ms); anything else (DuckDB's infinity timestamps among them) is
 * left to DuckDB's own converter, which rejects it naming the value.
 */
const finite = (micros: bigint) => micros >= -8_640_000_000_000_000_000n && micros <= 8_640_000_000_000_000_000n;

/**
 * A select list that reads every top-level VARCHAR column as its UTF-8 bytes (a BLOB), which the converter above
 * decodes keeping a leading byte-order mark (U+FEFF): DuckDB's own string conversion drops it, so
 * `\uFEFFx` read back as `x` and equal to it (as hyparquet's default decoder did too). Strings
 * nested in structs and lists are read as DuckDB reads them.
 */
export function varcharKeepingBom(described: readonly Record<string, unknown>[], exclude: readonly string[] = []): string {
  const cols = described.filter((d) => String(d.column_type) === 'VARCHAR').map((d) => `"${String(d.column_name).replace(/"/g, '""')}"`);
  return `*${exclude.length ? ` EXCLUDE (${exclude.join(', ')})` : ''}${cols.length ? ` REPLACE (${cols.map((c) => `encode(${c}) AS ${c}`).join(', ')})` : ''}`;
}
