import { typeClass } from './columns.js';
import { JSON_NUMBER_TYPES, asJson, jsonColumn, kindSql, nativeColumn, numSql, strSql, type SideColumn } from './sideColumn.js';

/**
 * A field rule as the SQL plan executes it: the same combinations, in the same order, as
 * compileFieldRule in memory (normalise, then the time / abs-rel / exact scalar comparison;
 * `unordered` compares lists as multisets of normalised elements, and scalars exactly).
 */
export interface SqlRule {
  abs: number;
  rel: number;
  /** abs or rel given. */
  numeric: boolean;
  /** Time tolerance in ms, or undefined. */
  timeMs: number | undefined;
  /** Epoch number unit in ms. */
  unit: number;
  unordered: boolean;
  /** Named normalisers, comma-joined for __shadow_norm, or undefined. */
  steps: string | undefined;
}

const dbl = (x: number) => `(${String(x)})::DOUBLE`;
const isList = (t: string) => /\[\]$/.test(t) || /^LIST/i.test(t);
const elemType = (t: string) => t.replace(/\[\]$/, '');

function normColumn(c: SideColumn, steps: string): SideColumn {
  if (c.json) return jsonColumn(`(CASE WHEN json_type(${c.expr}) = 'VARCHAR' THEN to_json(__shadow_norm(${c.expr}->>'$', '${steps}')) ELSE ${c.expr} END)`);
  if (c.cls === 'string') return nativeColumn(`__shadow_norm(${c.expr}, '${steps}')`, 'VARCHAR');
  return c;
}

/** The default comparison (defaultEquals): deep equality, a number never equals its string form. */
export function exactSql(l: SideColumn, s: SideColumn, nullEqualsMissing: boolean): string {
  if (l.json !== s.json) return exactSql(asJson(l), asJson(s), nullEqualsMissing);
  if (!l.json) {
    let same = l.cls === s.cls && (l.cls !== 'other' || l.type === s.type);
    if (same && l.cls === 'list') {
      const ec = typeClass(elemType(l.type));
      same = l.type === s.type || (ec !== 'other' && ec === typeClass(elemType(s.type)));
    }
    return same ? `(${l.expr} IS NOT DISTINCT FROM ${s.expr})` : `(${l.expr} IS NULL AND ${s.expr} IS NULL)`;
  }
  const kl = kindSql(l, nullEqualsMissing);
  const ks = kindSql(s, nullEqualsMissing);
  return `coalesce(${kl} = ${ks} AND CASE ${kl} WHEN 'number' THEN ${numSql(l)} = ${numSql(s)} WHEN 'string' THEN ${strSql(l)} = ${strSql(s)}
    WHEN 'missing' THEN true WHEN 'null' THEN true ELSE (${l.expr})::VARCHAR = (${s.expr})::VARCHAR END, false)`;
}

function epochSql(c: SideColumn, unit: number): string {
  const e = c.expr;
  if (c.json) {
    return `(CASE WHEN json_type(${e}) IN ${JSON_NUMBER_TYPES} THEN TRY_CAST(${e} AS DOUBLE) * ${dbl(unit)} WHEN json_type(${e}) = 'VARCHAR' THEN __shadow_epoch(${e}->>'$') END)`;
  }
  switch (c.cls) {
    case 'number':
      return `((${e})::DOUBLE * ${dbl(unit)})`;
    case 'time':
      return `(epoch_us((${e})::TIMESTAMPTZ) / 1000.0)`;
    case 'string':
      return `__shadow_epoch(${e})`;
    default:
      return 'NULL::DOUBLE';
  }
}
const isTime = (x: string) => `(${x} IS NOT NULL AND NOT isnan(${x}))`;

function bothNumbers(l: SideColumn, s: SideColumn, nem: boolean): string | boolean {
  if (!l.json) return l.cls === 'number' && s.cls === 'number';
  return `(${kindSql(l, nem)} = 'number' AND ${kindSql(s, nem)} = 'number')`;
}

function scalarSql(r: SqlRule, l: SideColumn, s: SideColumn, nem: boolean): string {
  const exact = exactSql(l, s, nem);
  if (r.timeMs !== undefined) {
    const el = epochSql(l, r.unit);
    const es = epochSql(s, r.unit);
    return `(CASE WHEN ${isTime(el)} AND ${isTime(es)} THEN abs(${es} - ${el}) <= ${dbl(r.timeMs)} ELSE ${exact} END)`;
  }
  if (r.numeric) {
    const both = bothNumbers(l, s, nem);
    if (both === false) return exact;
    if (both === true) {
      return `(CASE WHEN ${l.expr} IS NULL OR ${s.expr} IS NULL THEN (${l.expr} IS NULL AND ${s.expr} IS NULL)
        ELSE (${l.expr} = ${s.expr} OR __numok(${numSql(l)}, ${numSql(s)}, ${dbl(r.abs)}, ${dbl(r.rel)})) END)`;
    }
    return `(CASE WHEN ${both} THEN __numok(${numSql(l)}, ${numSql(s)}, ${dbl(r.abs)}, ${dbl(r.rel)}) ELSE ${exact} END)`;
  }
  return exact;
}

function unorderedSql(r: SqlRule, l: SideColumn, s: SideColumn, nem: boolean): string {
  const exact = exactSql(l, s, nem);
  const numok = `__numok(__x[1]::DOUBLE, __x[2]::DOUBLE, ${dbl(r.abs)}, ${dbl(r.rel)})`;
  if (!l.json) {
    if (!isList(l.type) || !isList(s.type)) return exact;
    const lc = typeClass(elemType(l.type));
    const sc = typeClass(elemType(s.type));
    const norm = (c: SideColumn, cls: string) => (r.steps && cls === 'string' ? `list_transform(${c.expr}, lambda __x: __shadow_norm(__x, '${r.steps}'))` : c.expr);
    const multiset = lc === sc ? `(list_sort(${norm(l, lc)}) IS NOT DISTINCT FROM list_sort(${norm(s, sc)}))` : `(len(${l.expr}) = 0)`;
    let body = multiset;
    if (r.numeric && lc === 'number' && sc === 'number') {
      const hasNull = (e: string) => `coalesce(list_bool_or(list_transform(${e}, lambda __x: __x IS NULL)), false)`;
      body = `(CASE WHEN ${hasNull(l.expr)} OR ${hasNull(s.expr)} THEN ${multiset}
        ELSE coalesce(list_bool_and(list_transform(list_zip(list_sort(${l.expr}), list_sort(${s.expr})), lambda __x: ${numok})), true) END)`;
    }
    return `(CASE WHEN ${l.expr} IS NULL OR ${s.expr} IS NULL THEN ${exact} ELSE len(${l.expr}) = len(${s.expr}) AND ${body} END)`;
  }
  const arr = (c: SideColumn) => `json_transform(${c.expr}, '["JSON"]')`;
  const elem = r.steps ? `__jelem(CASE WHEN json_type(__x) = 'VARCHAR' THEN to_json(__shadow_norm(__x->>'$', '${r.steps}')) ELSE __x END)` : '__jelem(__x)';
  const keys = (c: SideColumn) => `list_sort(list_transform(${arr(c)}, lambda __x: ${elem}))`;
  const multiset = `(${keys(l)} = ${keys(s)})`;
  let body = multiset;
  if (r.numeric) {
    const allNum = (c: SideColumn) => `coalesce(list_bool_and(list_transform(${arr(c)}, lambda __x: json_type(__x) IN ${JSON_NUMBER_TYPES})), true)`;
    const nums = (c: SideColumn) => `list_sort(list_transform(${arr(c)}, lambda __x: __x::DOUBLE))`;
    body = `(CASE WHEN ${allNum(l)} AND ${allNum(s)} THEN coalesce(list_bool_and(list_transform(list_zip(${nums(l)}, ${nums(s)}), lambda __x: ${numok})), true) ELSE ${multiset} END)`;
  }
  return `(CASE WHEN ${kindSql(l, nem)} = 'list' AND ${kindSql(s, nem)} = 'list' THEN json_array_length(${l.expr}) = json_array_length(${s.expr}) AND ${body} ELSE ${exact} END)`;
}

/** SQL that is true when the legacy and shadow values agree under the rule (never NULL). */
export function agreeSql(r: SqlRule, l: SideColumn, s: SideColumn, nullEqualsMissing: boolean): string {
  if (l.json !== s.json) return agreeSql(r, asJson(l), asJson(s), nullEqualsMissing);
  if (r.unordered) return `coalesce(${unorderedSql(r, l, s, nullEqualsMissing)}, false)`;
  if (r.steps) return `coalesce(${scalarSql(r, normColumn(l, r.steps), normColumn(s, r.steps), nullEqualsMissing)}, false)`;
  return `coalesce(${scalarSql(r, l, s, nullEqualsMissing)}, false)`;
}

/** shadow − legacy as DOUBLE where the in-memory engine records a delta (both numbers; ms for times), else NULL. */
export function deltaSql(r: SqlRule, l: SideColumn, s: SideColumn, nullEqualsMissing: boolean): string {
  if (l.json !== s.json) return deltaSql(r, asJson(l), asJson(s), nullEqualsMissing);
  if (r.unordered) return 'NULL::DOUBLE';
  if (r.timeMs !== undefined) return `(${epochSql(s, r.unit)} - ${epochSql(l, r.unit)})`;
  const both = bothNumbers(l, s, nullEqualsMissing);
  if (both === false) return 'NULL::DOUBLE';
  if (both === true) return `(${numSql(s)} - ${numSql(l)})`;
  return `(CASE WHEN ${both} THEN ${numSql(s)} - ${numSql(l)} END)`;
}
