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
import { mapTypes, structMembers } from '../../_internal/duckdbColumns.js';

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
 * A select list that reads every VARCHAR, top-level or nested in lists, structs and maps (see
 * keepingBomSql), as its UTF-8 bytes (a BLOB), which the converter above decodes keeping a
 * leading byte-order mark (U+FEFF): DuckDB's own string conversion drops it, so `\uFEFFx` read
 * back as `x` and equal to it (as hyparquet's default decoder did too).
 */
export function varcharKeepingBom(described: readonly Record<string, unknown>[], exclude: readonly string[] = []): string {
  const cols = described.flatMap((d) => {
    const c = quoteName(String(d.column_name));
    const e = keepingBomSql(c, String(d.column_type));
    return e === undefined ? [] : [`${e} AS ${c}`];
  });
  return `*${exclude.length ? ` EXCLUDE (${exclude.join(', ')})` : ''}${cols.length ? ` REPLACE (${cols.join(', ')})` : ''}`;
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * `expr`, of DuckDB type `type`, with every VARCHAR in it (itself, or at any depth in lists,
 * structs and maps) read as its UTF-8 bytes, a BLOB, which duckdbRowConverter decodes keeping a
 * leading byte-order mark; undefined where the type holds no VARCHAR (the value reads as it is).
 * A fixed-size ARRAY holding strings reads as a list (the same JS array).
 */
export function keepingBomSql(expr: string, type: string, depth = 0): string | undefined {
  const t = type.trim();
  if (/^VARCHAR$/i.test(t)) return `encode(${expr})`;
  const list = /^(.*)\[\d*\]$/s.exec(t);
  if (list) {
    const e = `__bom${depth}`;
    const inner = keepingBomSql(e, list[1], depth + 1);
    return inner === undefined ? undefined : `list_transform(${expr}, lambda ${e}: ${inner})`;
  }
  const members = structMembers(t);
  if (members) {
    const subs = members.map((m) => keepingBomSql(`${expr}.${quoteName(m.name)}`, m.type, depth + 1));
    if (subs.every((x) => x === undefined)) return undefined;
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE struct_pack(${members.map((m, i) => `${quoteName(m.name)} := ${subs[i] ?? `${expr}.${quoteName(m.name)}`}`).join(', ')}) END`;
  }
  const map = mapTypes(t);
  if (map) {
    const [k, v] = [`__bomk${depth}`, `__bomv${depth}`];
    const keys = keepingBomSql(k, map.key, depth + 1);
    const values = keepingBomSql(v, map.value, depth + 1);
    if (keys === undefined && values === undefined) return undefined;
    const side = (f: string, e: string, sql: string | undefined) => (sql === undefined ? `${f}(${expr})` : `list_transform(${f}(${expr}), lambda ${e}: ${sql})`);
    return `CASE WHEN ${expr} IS NULL THEN NULL ELSE map(${side('map_keys', k, keys)}, ${side('map_values', v, values)}) END`;
  }
  return undefined;
}
