/**
 * Parquet DECIMAL values as the double nearest the decimal (what JSON.parse or Number() gives for
 * its text). hyparquet converts a decimal as Number(unscaled) / 10 ** scale, which rounds twice
 * once the unscaled integer passes 2^53: read that way, about a quarter of DECIMAL(38, 18) values
 * (Spark's decimal arithmetic) were one unit in the last place off, so against the same numbers
 * from JSON, CSV or a DOUBLE column they differed under the exact rule.
 */
import type { FileMetaData, SchemaElement } from 'hyparquet';

/** 10^0 … 10^22, each exact in a double (as literals: `10 ** n` need not be). */
const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** The double nearest unscaled × 10^−scale. */
export function decimalToNumber(unscaled: bigint, scale: number): number {
  // Both operands exact: one correctly rounded division.
  if (unscaled <= SAFE && unscaled >= -SAFE && scale >= 0 && scale <= 22) return Number(unscaled) / POW10[scale];
  // Otherwise through the decimal text, which Number() rounds correctly.
  return Number(`${unscaled}e${-scale}`);
}

/**
 * DuckDB SQL reading a DECIMAL column wider than 15 digits as the double nearest each value
 * (through its text: DuckDB's own cast to DOUBLE is one unit in the last place off for some), as
 * loadDataset reads it; undefined for any other type (a narrower DECIMAL casts exactly).
 */
export function wideDecimalSql(ref: string, type: string): string | undefined {
  const m = /^DECIMAL\((\d+),\s*\d+\)$/.exec(type);
  return m && Number(m[1]) > 15 ? `CAST(CAST(${ref} AS VARCHAR) AS DOUBLE)` : undefined;
}

/** A raw DECIMAL value as hyparquet gives it without the annotation: its unscaled integer. */
function unscaledOf(v: unknown): bigint | null {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  if (v instanceof Uint8Array) {
    // Big-endian two's complement, any length (FIXED_LEN_BYTE_ARRAY or BYTE_ARRAY).
    if (v.length === 0) return 0n;
    let x = 0n;
    for (const b of v) x = (x << 8n) | BigInt(b);
    return v[0] & 0x80 ? x - (1n << BigInt(v.length * 8)) : x;
  }
  return null;
}

/** A DECIMAL column read raw, to convert after the read: its path of field names and its scale. */
export interface RawDecimal {
  path: string[];
  scale: number;
}

/**
 * The metadata to read with: the DECIMAL leaves that may round twice (precision above 15, or a
 * scale past 22) outside lists and maps lose their annotation, so that hyparquet gives their raw
 * unscaled integers; `raw` says where they are, for {@link convertRawDecimals}. DECIMALs inside a
 * list or a map keep hyparquet's conversion.
 */
export function rawDecimalMetadata(metadata: FileMetaData): { metadata: FileMetaData; raw: RawDecimal[] } {
  const raw: RawDecimal[] = [];
  const schema: SchemaElement[] = metadata.schema.map((e) => ({ ...e }));
  // Depth-first over the flat schema (each group followed by its num_children subtrees).
  let i = 1;
  const walk = (path: string[], inCollection: boolean): void => {
    const e = schema[i++];
    const children = e.num_children ?? 0;
    const collection = inCollection || e.repetition_type === 'REPEATED' || e.converted_type === 'LIST' || e.converted_type === 'MAP' || e.converted_type === 'MAP_KEY_VALUE' || e.logical_type?.type === 'LIST' || e.logical_type?.type === 'MAP';
    if (children > 0) {
      for (let k = 0; k < children; k++) walk([...path, e.name], collection);
      return;
    }
    const isDecimal = e.converted_type === 'DECIMAL' || e.logical_type?.type === 'DECIMAL';
    // A BYTE_ARRAY decimal stays converted: without its annotation hyparquet would read it as text.
    if (!isDecimal || collection || e.type === 'BYTE_ARRAY') return;
    const scale = e.logical_type?.type === 'DECIMAL' ? e.logical_type.scale : (e.scale ?? 0);
    const precision = e.logical_type?.type === 'DECIMAL' ? e.logical_type.precision : (e.precision ?? 38);
    if (precision <= 15 && scale <= 22) return;
    delete e.converted_type;
    delete e.logical_type;
    raw.push({ path: [...path, e.name], scale });
  };
  const top = schema[0].num_children ?? 0;
  for (let k = 0; k < top; k++) walk([], false);
  return { metadata: raw.length ? { ...metadata, schema } : metadata, raw };
}

/** Converts, in place, the raw DECIMAL values of rows read with {@link rawDecimalMetadata}. */
export function convertRawDecimals(rows: Record<string, unknown>[], raw: readonly RawDecimal[]): void {
  for (const { path, scale } of raw) {
    const last = path.length - 1;
    for (const row of rows) {
      let o: unknown = row;
      for (let k = 0; k < last && o !== null && typeof o === 'object'; k++) o = (o as Record<string, unknown>)[path[k]];
      if (o === null || typeof o !== 'object') continue;
      const rec = o as Record<string, unknown>;
      const u = unscaledOf(rec[path[last]]);
      if (u !== null) rec[path[last]] = decimalToNumber(u, scale);
    }
  }
}
