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

/** One step from a row to a raw DECIMAL value: a member by name, every element of a list, every value of a map. */
export type DecimalStep = { field: string } | 'list' | 'values';

/** A DECIMAL column read raw, to convert after the read: where its values lie in a row, and its scale. */
export interface RawDecimal {
  steps: DecimalStep[];
  scale: number;
}

const isList = (e: SchemaElement) => e.converted_type === 'LIST' || e.logical_type?.type === 'LIST';
const isMap = (e: SchemaElement) => e.converted_type === 'MAP' || e.converted_type === 'MAP_KEY_VALUE' || e.logical_type?.type === 'MAP';

/**
 * The tree of a footer's flat schema (depth first: each group followed by its num_children
 * subtrees): per element, the indexes of its children (element 0 is the root).
 */
export function schemaChildren(schema: readonly { num_children?: number }[]): number[][] {
  const children: number[][] = schema.map(() => []);
  let next = 1;
  const link = (at: number): void => {
    for (let k = 0; k < (schema[at].num_children ?? 0) && next < schema.length; k++) {
      const c = next++;
      children[at].push(c);
      link(c);
    }
  };
  if (schema.length > 0) link(0);
  return children;
}

/**
 * The metadata to read with: the DECIMAL leaves that may round twice (precision above 15, or a
 * scale past 22), top-level, in structs, lists and maps' values, lose their annotation, so that
 * hyparquet gives their raw unscaled integers; `raw` says where they lie in a row as hyparquet
 * assembles it (a list an array, a map an object), for {@link convertRawDecimals}. Before
 * December 2026 those in lists and maps kept hyparquet's conversion (one unit in the last place
 * off for about a quarter of DECIMAL(38, 18) values, where the DuckDB engines read the nearest).
 */
export function rawDecimalMetadata(metadata: FileMetaData): { metadata: FileMetaData; raw: RawDecimal[] } {
  const raw: RawDecimal[] = [];
  const schema: SchemaElement[] = metadata.schema.map((e) => ({ ...e }));
  const children = schemaChildren(schema);
  /** The element of a list group (the Parquet LIST rules: a repeated group of one field wraps it, else the repeated node is the element). */
  const listElement = (at: number): number | undefined => {
    const [rep] = children[at];
    if (rep === undefined) return undefined;
    const r = schema[rep];
    if ((r.num_children ?? 0) === 1 && r.name !== 'array' && r.name !== `${schema[at].name}_tuple`) return children[rep][0];
    return rep;
  };
  const walk = (at: number, steps: DecimalStep[]): void => {
    const e = schema[at];
    if (isList(e)) {
      const el = listElement(at);
      if (el !== undefined) walk(el, [...steps, 'list']);
      return;
    }
    if (isMap(e)) {
      const kv = children[at][0];
      const value = kv === undefined ? undefined : children[kv].find((c) => schema[c].name === 'value') ?? children[kv][1];
      if (value !== undefined) walk(value, [...steps, 'values']);
      return;
    }
    // A repeated field without annotation is a list of its values (hyparquet gives an array).
    const here: DecimalStep[] = e.repetition_type === 'REPEATED' ? [...steps, 'list'] : steps;
    if ((e.num_children ?? 0) > 0) {
      for (const c of children[at]) walk(c, [...here, { field: schema[c].name }]);
      return;
    }
    const isDecimal = e.converted_type === 'DECIMAL' || e.logical_type?.type === 'DECIMAL';
    // A BYTE_ARRAY decimal stays converted: without its annotation hyparquet would read it as text.
    if (!isDecimal || e.type === 'BYTE_ARRAY') return;
    const scale = e.logical_type?.type === 'DECIMAL' ? e.logical_type.scale : (e.scale ?? 0);
    const precision = e.logical_type?.type === 'DECIMAL' ? e.logical_type.precision : (e.precision ?? 38);
    if (precision <= 15 && scale <= 22) return;
    delete e.converted_type;
    delete e.logical_type;
    raw.push({ steps: here, scale });
  };
  for (const c of children[0]) walk(c, [{ field: schema[c].name }]);
  return { metadata: raw.length ? { ...metadata, schema } : metadata, raw };
}

/** The value at `steps[k..]` below `v` converted (in place where it lies in an object or array); the converted value. */
function convertAt(v: unknown, steps: readonly DecimalStep[], k: number, scale: number): unknown {
  if (k === steps.length) {
    const u = unscaledOf(v);
    return u === null ? v : decimalToNumber(u, scale);
  }
  if (v === null || typeof v !== 'object') return v;
  const step = steps[k];
  if (step === 'list') {
    if (Array.isArray(v)) for (let i = 0; i < v.length; i++) v[i] = convertAt(v[i], steps, k + 1, scale);
  } else if (step === 'values') {
    const o = v as Record<string, unknown>;
    for (const key of Object.keys(o)) o[key] = convertAt(o[key], steps, k + 1, scale);
  } else {
    const o = v as Record<string, unknown>;
    if (step.field in o) o[step.field] = convertAt(o[step.field], steps, k + 1, scale);
  }
  return v;
}

/** Converts, in place, the raw DECIMAL values of rows read with {@link rawDecimalMetadata}. */
export function convertRawDecimals(rows: Record<string, unknown>[], raw: readonly RawDecimal[]): void {
  for (const { steps, scale } of raw) for (const row of rows) convertAt(row, steps, 0, scale);
}
