import { typeClass } from '../../../_internal/duckdbColumns.js';

/**
 * A value of one side as the SQL plan reads it: a native DuckDB column (Parquet, CSV: typed by
 * the file) or a JSON value (JSON Lines: typed per value exactly as `JSON.parse` types it, a
 * missing key is SQL NULL, a JSON `null` is the JSON value null).
 */
export interface SideColumn {
  /** SQL expression of the value. */
  expr: string;
  json: boolean;
  /** The comparison class of a native column ('other' for JSON values). */
  cls: ReturnType<typeof typeClass>;
  /** The DuckDB type ('JSON' for JSON values). */
  type: string;
  /**
   * Names of columns computed once per pair from this value (the kind, number, string, epoch ms
   * and list of a JSON value), so that the comparison SQL refers to them instead of repeating
   * their expressions (and the JavaScript functions inside them) at every use.
   */
  derived?: { kind?: string; num?: string; str?: string; epoch?: string; arr?: string };
  /**
   * JSON values only: true when the path never holds a number, in a list or not (the reader typed
   * it over every row as strings, booleans or objects), so that no number is derived from it and
   * a pair with it has no delta.
   */
  noNumbers?: boolean;
  /**
   * Native values only: SQL that is true where a NULL here is a missing value rather than a null
   * (a member of a STRUCT that is NULL on the row: loadDataset leaves the key out), so that made a
   * JSON value (asJson) it is missing, as in memory.
   */
  missingWhen?: string;
}

export const nativeColumn = (expr: string, type: string): SideColumn => ({ expr, json: false, cls: typeClass(type), type });

/**
 * A native integer column that can hold integers past ±(2^53 − 1): loadDataset reads those as
 * BigInt, which the in-memory engine compares exactly and never equal to a number, where SQL
 * would compare them through DOUBLE (9007199254740993 = 9007199254740992.0).
 */
export const wideInt = (c: SideColumn): boolean => !c.json && /^U?(BIG|HUGE)INT$/i.test(c.type);
/** A native integer column of any width. */
export const intColumn = (c: SideColumn): boolean => !c.json && /^U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?$/i.test(c.type);
/** SQL true when an integer value lies past ±(2^53 − 1) (a BigInt in memory). */
export const pastSafeSql = (x: string): string => `(${x} > 9007199254740991 OR ${x} < -9007199254740991)`;
export const jsonColumn = (expr: string): SideColumn => ({ expr, json: true, cls: 'other', type: 'JSON' });

/** A native column seen as a JSON value (a NULL is the JSON null), to compare it with JSON files. */
export function asJson(c: SideColumn): SideColumn {
  if (c.json) return c;
  const missing = c.missingWhen ? `WHEN ${c.missingWhen} THEN NULL::JSON ` : '';
  return jsonColumn(`(CASE ${missing}WHEN ${c.expr} IS NULL THEN 'null'::JSON ELSE to_json(${c.expr}) END)`);
}

/**
 * The json_type names of JSON numbers (DuckDB documents BIGINT, UBIGINT and DOUBLE; HUGEINT kept
 * for safety). At most four: DuckDB plans an IN list of five or more constants in a projection as
 * a hash MARK join per use, which cost more than the comparison itself.
 */
export const JSON_NUMBER_TYPES = `('BIGINT', 'UBIGINT', 'DOUBLE', 'HUGEINT')`;

/** Macros the plan uses; created once per connection. */
export const MACROS = [
  // The kind of a JSON value as the in-memory engine sees it; 'missing' for an absent key.
  `CREATE TEMP MACRO __jkind(v) AS CASE WHEN v IS NULL THEN 'missing' ELSE CASE json_type(v)
     WHEN 'NULL' THEN 'null' WHEN 'VARCHAR' THEN 'string' WHEN 'BOOLEAN' THEN 'bool' WHEN 'ARRAY' THEN 'list'
     WHEN 'OBJECT' THEN 'object' ELSE 'number' END END`,
  // The text an element of an unordered list is compared by (in memory: elementKey).
  `CREATE TEMP MACRO __jelem(x) AS CASE WHEN json_type(x) IN ${JSON_NUMBER_TYPES} THEN 'n' || (x::DOUBLE + 0.0)::VARCHAR
     WHEN json_type(x) = 'VARCHAR' THEN 's' || (x->>'$') ELSE 'o' || x::VARCHAR END`,
];

/** The kind of a JSON value ('missing', 'null', 'number', 'string', 'bool', 'list', 'object'). */
export function kindSql(c: SideColumn, nullEqualsMissing: boolean): string {
  if (!c.json) throw new Error('kindSql: JSON values only');
  if (c.derived?.kind) return c.derived.kind;
  const k = `__jkind(${c.expr})`;
  return nullEqualsMissing ? `replace(${k}, 'null', 'missing')` : k;
}
export const numSql = (c: SideColumn) => c.derived?.num ?? (c.json ? `TRY_CAST(${c.expr} AS DOUBLE)` : `(${c.expr})::DOUBLE`);
export const strSql = (c: SideColumn) => c.derived?.str ?? (c.json ? `(${c.expr}->>'$')` : `(${c.expr})::VARCHAR`);

/**
 * The key part as a join value. Native columns of the same class on both sides join on their
 * values (numbers: unless one side is a wide integer column and the other not an integer column,
 * see nativeKeys); otherwise each side becomes a tagged text ('n' + number, 'i' + an integer past
 * 2^53, 's' + string, 'b' + boolean), so a number never joins its string form ('1' and 1, '02'
 * and 2) nor a BigInt the double it rounds to. NaN and null are no key.
 */
export function keySql(c: SideColumn, native: boolean): string {
  if (native) {
    if (c.cls === 'number' && /^(DOUBLE|FLOAT|REAL)/i.test(c.type)) return `(CASE WHEN isnan(${c.expr}) THEN NULL ELSE ${c.expr} END)`;
    return c.expr;
  }
  const e = c.expr;
  if (!c.json) {
    switch (c.cls) {
      case 'number':
        // An integer past 2^53 is a BigInt key in memory, equal to no number: tagged 'i', exact.
        if (wideInt(c)) return `(CASE WHEN ${pastSafeSql(e)} THEN 'i' || (${e})::VARCHAR ELSE 'n' || ((${e})::DOUBLE + 0.0)::VARCHAR END)`;
        return `(CASE WHEN isnan((${e})::DOUBLE) THEN NULL ELSE 'n' || ((${e})::DOUBLE + 0.0)::VARCHAR END)`;
      case 'string':
        return `('s' || ${e})`;
      case 'bool':
        return `('b' || (${e})::VARCHAR)`;
      case 'time':
        return `('n' || (epoch_us((${e})::TIMESTAMP) / 1000.0 + 0.0)::VARCHAR)`;
      default:
        return `('o' || to_json(${e})::VARCHAR)`;
    }
  }
  return `(CASE __jkind(${e}) WHEN 'number' THEN 'n' || (TRY_CAST(${e} AS DOUBLE) + 0.0)::VARCHAR WHEN 'string' THEN 's' || (${e}->>'$')
    WHEN 'bool' THEN 'b' || (${e})::VARCHAR WHEN 'list' THEN 'o' || (${e})::VARCHAR WHEN 'object' THEN 'o' || (${e})::VARCHAR END)`;
}

/**
 * Whether two native key columns join on their values: of one class, and for numbers exactly (two
 * integer columns, or no column wide enough for integers past 2^53: DuckDB would join BIGINT
 * 9007199254740993 to DOUBLE 9007199254740992.0 through DOUBLE).
 */
export function nativeKeys(l: SideColumn, s: SideColumn): boolean {
  if (l.json || s.json || l.cls !== s.cls || !['number', 'string', 'bool', 'time'].includes(l.cls)) return false;
  return l.cls !== 'number' || (intColumn(l) && intColumn(s)) || (!wideInt(l) && !wideInt(s));
}

/**
 * The order of a tagged key (keySql, not native) as the in-memory engine orders keys when it
 * picks examples: by kind (a BigInt, a boolean, a number, a string: typeof's order), then by value
 * (numbers numerically, where the text would put 11 before 2), the text last (distinct texts stay
 * distinct). Only where examples are chosen: counts and joins use the text itself.
 */
export function taggedKeyOrderSql(e: string): string {
  return `struct_pack(t := CASE left(${e}, 1) WHEN 'i' THEN 0 WHEN 'b' THEN 1 WHEN 'n' THEN 2 WHEN 's' THEN 3 ELSE 4 END,
    i := CASE WHEN left(${e}, 1) = 'i' THEN TRY_CAST(substr(${e}, 2) AS HUGEINT) END, n := CASE WHEN left(${e}, 1) = 'n' THEN TRY_CAST(substr(${e}, 2) AS DOUBLE) END, s := ${e})`;
}

/** A tagged key text back to the value the in-memory engine would show. */
export function untagKey(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  const body = v.slice(1);
  switch (v[0]) {
    case 'n':
      return body === 'inf' ? Infinity : body === '-inf' ? -Infinity : Number(body);
    case 'i':
      return BigInt(body);
    case 's':
      return body;
    case 'b':
      return body === 'true';
    default:
      return JSON.parse(body) as unknown;
  }
}
