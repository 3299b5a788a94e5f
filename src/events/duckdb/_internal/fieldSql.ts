import { typeClass } from '../../../_internal/duckdbColumns.js';
import { JSON_NUMBER_TYPES, asJson, intColumn, jsonColumn, kindSql, nativeColumn, numSql, pastSafeSql, strSql, wideInt, type SideColumn } from './sideColumn.js';

/**
 * A field rule as the SQL plan executes it: the same combinations, in the same order, as
 * compileFieldRule in memory (normalise, then the time / abs-rel / exact scalar comparison;
 * `unordered` compares lists as multisets of normalised elements, and scalars exactly).
 */
export interface SqlRule {
  abs: number;
  rel: number;
  /** abs, rel or isclose given. */
  numeric: boolean;
  /** The additive isclose rule (abs + rel · |legacy|) instead of the symmetric abs/rel. */
  isclose: boolean;
  /** Time tolerance in ms, or undefined. */
  timeMs: number | undefined;
  /** Epoch number unit in ms. */
  unit: number;
  unordered: boolean;
  /** Named normalisers, comma-joined for __shadow_norm, or undefined. */
  steps: string | undefined;
  /** `decimal` is among the normalisers (it turns numbers into strings). */
  decimal: boolean;
}

const dbl = (x: number) => `(${String(x)})::DOUBLE`;
/**
 * abs/rel (or isclose) agreement of two DOUBLEs, as in memory: equal values agree (NaN = NaN and
 * -0 = 0 in DuckDB), else a NaN, an infinity or a difference beyond the double range never
 * agrees (b − a not finite), else |b − a| <= max(abs, rel · max(|a|, |b|)) (isclose:
 * abs + rel · |a|, legacy the reference). Terms of a zero tolerance are left out.
 */
function numokSql(r: SqlRule, a: string, b: string, d?: string): string {
  const rel = r.isclose ? `${dbl(r.rel)} * abs(${a})` : `${dbl(r.rel)} * greatest(abs(${a}), abs(${b}))`;
  const bound = r.rel === 0 ? dbl(r.abs) : r.abs === 0 ? rel : r.isclose ? `(${dbl(r.abs)} + ${rel})` : `greatest(${dbl(r.abs)}, ${rel})`;
  // An exact difference (two integer columns, see exactIntDelta): the doubles may be equal where the integers are not.
  if (d !== undefined) return `(abs(${d}) <= ${bound})`;
  return `(${a} = ${b} OR (isfinite(${b} - ${a}) AND abs(${b} - ${a}) <= ${bound}))`;
}

/**
 * shadow − legacy computed exactly for two native integer columns of up to 64 bits when one can
 * hold integers past 2^53 (BIGINT, UBIGINT): through DOUBLE, 2^53 + 1 and 2^53 would be equal and
 * pass any tolerance, where compareEvents on loadDataset's rows (BigInts there) sees the
 * difference of 1. Undefined for other pairs, which DOUBLE holds exactly.
 */
function exactIntDelta(l: SideColumn, s: SideColumn): string | undefined {
  const int64 = (c: SideColumn) => intColumn(c) && !/HUGEINT/i.test(c.type);
  if (!int64(l) || !int64(s) || (!wideInt(l) && !wideInt(s))) return undefined;
  return `((${s.expr})::HUGEINT - (${l.expr})::HUGEINT)::DOUBLE`;
}
const isList = (t: string) => /\[\]$/.test(t) || /^LIST/i.test(t);
const elemType = (t: string) => t.replace(/\[\]$/, '');

/**
 * The column normalised. Strings of a native column go through the JS normalisers directly; JSON
 * values (and numbers under `decimal`, which become strings) go through them as JSON, so a value
 * keeps or changes its type exactly as in memory.
 */
function normColumn(c: SideColumn, r: SqlRule): SideColumn {
  if (!c.json && c.cls === 'string') return { ...nativeColumn(`__shadow_norm(${c.expr}, '${r.steps}')`, 'VARCHAR'), missingWhen: c.missingWhen };
  if (!c.json && !(r.decimal && c.cls === 'number')) return c;
  const j = asJson(c);
  return jsonColumn(`(__shadow_normj((${j.expr})::VARCHAR, '${r.steps}', ${!c.json}))::JSON`);
}
const sameModel = (l: SideColumn, s: SideColumn): [SideColumn, SideColumn] => (l.json === s.json ? [l, s] : [asJson(l), asJson(s)]);

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
    WHEN 'missing' THEN true WHEN 'null' THEN true ELSE ((${l.expr})::VARCHAR = (${s.expr})::VARCHAR OR __shadow_jsoneq((${l.expr})::VARCHAR, (${s.expr})::VARCHAR, ${nullEqualsMissing})) END, false)`;
}

/**
 * True when the value is present but not something a time rule reads (a string that is not
 * ISO 8601, a boolean, a list, an object): in memory such a value makes its pair a mismatch and
 * is counted in `unparseable`. null, missing and NaN are absent times, compared by default.
 */
export function notTimeSql(c: SideColumn, unit: number): string {
  const e = c.expr;
  if (c.json) return `(json_type(${e}) IN ('VARCHAR', 'BOOLEAN', 'ARRAY', 'OBJECT') AND ${epochSql(c, unit)} IS NULL)`;
  switch (c.cls) {
    case 'number':
    case 'time':
      return 'false';
    case 'string':
      return `(${e} IS NOT NULL AND ${epochSql(c, unit)} IS NULL)`;
    default:
      return `(${e} IS NOT NULL)`;
  }
}

/** The text of a value that is not a time, as the in-memory example shows it. */
export function notTimeTextSql(c: SideColumn): string {
  if (c.json) return `(CASE WHEN json_type(${c.expr}) = 'VARCHAR' THEN ${c.expr}->>'$' ELSE (${c.expr})::VARCHAR END)`;
  return c.cls === 'string' ? c.expr : `to_json(${c.expr})::VARCHAR`;
}

/**
 * The strict ISO 8601 form most pipelines write (`2024-03-31T02:30:00`, a space for the `T`,
 * optionally a `.` fraction and a `Z`; years 1000-9999, hours 00-23): read natively in SQL. Every
 * other string goes to the in-memory parser (`__shadow_epoch`, JavaScript run per value).
 */
export const FAST_ISO = '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}[T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?Z?';

/**
 * Epoch ms of a string of the FAST_ISO form, computed as parseIsoTime computes it: the whole
 * seconds in ms (an exact integer; NULL for a day the month lacks, as parseIsoTime's NaN: DuckDB's
 * TIMESTAMP and JavaScript's Date are both the proleptic Gregorian calendar), then plus the
 * fraction truncated to the microsecond divided by 1000, in that order, so every IEEE operation is
 * the same as in JavaScript. DuckDB's own cast reads the form (`T` or a space, a trailing `Z`, a
 * fraction truncated to the microsecond): a tenth of the cost of cutting the string apart.
 */
export function fastIsoEpochSql(x: string): string {
  const t = `TRY_CAST(${x} AS TIMESTAMP)`;
  const whole = `date_trunc('second', ${t})`;
  return `(epoch_ms(${whole})::DOUBLE + (epoch_us(${t}) - epoch_us(${whole}))::DOUBLE / (1000)::DOUBLE)`;
}

/**
 * Epoch ms of a string under a time rule (NULL when it is not a time), natively for the common
 * form. The native reading is computed outside any CASE, on every string (the cast cannot fail,
 * and yields NULL where the string is not a time), so that DuckDB computes its one cast once
 * (it does not share subexpressions inside a CASE branch), and kept where the string has the form
 * (times 1.0, which leaves every such epoch as it is); the other strings go to the in-memory parser.
 */
function stringEpochSql(x: string): string {
  const fast = `regexp_full_match(${x}, '${FAST_ISO}')`;
  return fastOrElse(fast, x, `CASE WHEN NOT ${fast} THEN __shadow_epoch(${x}) END`);
}

/** The native epoch of `text` where `fast` holds (computed outside the CASE: see stringEpochSql), else `otherwise`. */
function fastOrElse(fast: string, text: string, otherwise: string): string {
  return `coalesce(CASE WHEN ${fast} THEN 1.0::DOUBLE END * ${fastIsoEpochSql(text)}, ${otherwise})`;
}

function epochSql(c: SideColumn, unit: number): string {
  if (c.derived?.epoch) return c.derived.epoch;
  const e = c.expr;
  if (c.json) {
    // A JSON string of the fast form is written as the form between quotes (the form holds no
    // character JSON escapes), so its text is matched and cut as it is, without unescaping it;
    // as for strings, the native reading is computed outside the CASE (one shared cast).
    const text = `(${e})::VARCHAR`;
    const fast = `regexp_full_match(${text}, '"${FAST_ISO}"')`;
    return fastOrElse(fast, `(${text})[2:-2]`,
      `CASE WHEN json_type(${e}) IN ${JSON_NUMBER_TYPES} THEN TRY_CAST(${e} AS DOUBLE) * ${dbl(unit)} WHEN json_type(${e}) = 'VARCHAR' AND NOT ${fast} THEN __shadow_epoch(${e}->>'$') END`);
  }
  switch (c.cls) {
    case 'number':
      return `((${e})::DOUBLE * ${dbl(unit)})`;
    case 'time':
      // No cast to TIMESTAMPTZ (slow: time-zone calendar): a naive TIMESTAMP is read as UTC, as in memory.
      if (/^TIMESTAMP/i.test(c.type)) return `(epoch_us(${e}) / 1000.0)`;
      if (/^DATE/i.test(c.type)) return `(epoch_us((${e})::TIMESTAMP) / 1000.0)`;
      return 'NULL::DOUBLE';
    case 'string':
      return stringEpochSql(e);
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
    const within = `(${el} = ${es} OR (isfinite(${es} - ${el}) AND abs(${es} - ${el}) <= ${dbl(r.timeMs)}))`;
    if (!l.json && !s.json && ['number', 'time'].includes(l.cls) && ['number', 'time'].includes(s.cls)) {
      // Numbers and timestamps only: a NaN is an absent time, compared exactly, which here is the same as `within`.
      return `(CASE WHEN ${el} IS NULL OR ${es} IS NULL THEN ${exact} ELSE ${within} END)`;
    }
    return `(CASE WHEN ${isTime(el)} AND ${isTime(es)} THEN (CASE WHEN isfinite(${es} - ${el}) THEN abs(${es} - ${el}) <= ${dbl(r.timeMs)} ELSE ${el} = ${es} END)
      WHEN ${notTimeSql(l, r.unit)} OR ${notTimeSql(s, r.unit)} THEN false ELSE ${exact} END)`;
  }
  if (r.numeric) {
    const both = bothNumbers(l, s, nem);
    if (both === false) return exact;
    if (both === true) {
      return `(CASE WHEN ${l.expr} IS NULL OR ${s.expr} IS NULL THEN (${l.expr} IS NULL AND ${s.expr} IS NULL)
        ELSE (${l.expr} = ${s.expr} OR ${numokSql(r, numSql(l), numSql(s), exactIntDelta(l, s))}) END)`;
    }
    return `(CASE WHEN ${both} THEN ${numokSql(r, numSql(l), numSql(s))} ELSE ${exact} END)`;
  }
  return exact;
}

function unorderedSql(r: SqlRule, l: SideColumn, s: SideColumn, nem: boolean): string {
  if (r.decimal && !l.json) return unorderedSql(r, asJson(l), asJson(s), nem);
  const exact = exactSql(l, s, nem);
  const numok = numokSql(r, '__x[1]::DOUBLE', '__x[2]::DOUBLE');
  if (!l.json) {
    if (!isList(l.type) || !isList(s.type)) return exact;
    const lc = typeClass(elemType(l.type));
    const sc = typeClass(elemType(s.type));
    const norm = (c: SideColumn, cls: string) => (r.steps && cls === 'string' ? `list_transform(${c.expr}, lambda __x: __shadow_norm(__x, '${r.steps}'))` : c.expr);
    const sorted = `(list_sort(${norm(l, lc)}) IS NOT DISTINCT FROM list_sort(${norm(s, sc)}))`;
    // Two lists of two elements (the body runs where both have one length) are the same multiset
    // when their elements pair up, in order or crossed: what the sorts compare, without sorting.
    const [a, b] = [l.expr, s.expr];
    const eq = (i: number, j: number) => `${a}[${i}] IS NOT DISTINCT FROM ${b}[${j}]`;
    const pairs = `(CASE WHEN len(${a}) = 2 THEN (${eq(1, 1)} AND ${eq(2, 2)}) OR (${eq(1, 2)} AND ${eq(2, 1)}) ELSE ${sorted} END)`;
    const multiset = lc !== sc ? `(len(${l.expr}) = 0)` : norm(l, lc) === l.expr ? pairs : sorted;
    let body = multiset;
    if (r.numeric && lc === 'number' && sc === 'number') {
      const hasNull = (e: string) => `coalesce(list_bool_or(list_transform(${e}, lambda __x: __x IS NULL)), false)`;
      body = `(CASE WHEN ${hasNull(l.expr)} OR ${hasNull(s.expr)} THEN ${multiset}
        ELSE coalesce(list_bool_and(list_transform(list_zip(list_sort(${l.expr}), list_sort(${s.expr})), lambda __x: ${numok})), true) END)`;
    }
    // Equal lists agree whatever the rule (each is a permutation of the other, element by element
    // equal), and most pairs are equal: they skip the two sorts.
    const same = l.type === s.type ? `WHEN ${l.expr} = ${s.expr} THEN true ` : '';
    return `(CASE WHEN ${l.expr} IS NULL OR ${s.expr} IS NULL THEN ${exact} ${same}ELSE len(${l.expr}) = len(${s.expr}) AND ${body} END)`;
  }
  const arr = (c: SideColumn) => c.derived?.arr ?? arrSql(r, c);
  const keys = (c: SideColumn) => `list_sort(list_transform(${arr(c)}, lambda __x: __jelem(__x)))`;
  const multiset = `(${keys(l)} = ${keys(s)})`;
  let body = multiset;
  if (r.numeric) {
    const allNum = (c: SideColumn) => `coalesce(list_bool_and(list_transform(${arr(c)}, lambda __x: json_type(__x) IN ${JSON_NUMBER_TYPES})), true)`;
    const nums = (c: SideColumn) => `list_sort(list_transform(${arr(c)}, lambda __x: __x::DOUBLE))`;
    body = `(CASE WHEN ${allNum(l)} AND ${allNum(s)} THEN coalesce(list_bool_and(list_transform(list_zip(${nums(l)}, ${nums(s)}), lambda __x: ${numok})), true) ELSE ${multiset} END)`;
  }
  // The same JSON text is the same value, which agrees with itself under every rule: most pairs
  // skip the element keys and their sorts.
  const same = s.json ? `WHEN ${l.expr}::VARCHAR = ${s.expr}::VARCHAR THEN true ` : '';
  return `(CASE ${same}WHEN ${kindSql(l, nem)} = 'list' AND ${kindSql(s, nem)} = 'list' THEN json_array_length(${l.expr}) = json_array_length(${s.expr}) AND ${body} ELSE ${exact} END)`;
}

/** SQL that is true when the legacy and shadow values agree under the rule (never NULL). */
/**
 * The two values as the rule compares them: of one model (a native column beside a JSON value
 * is read as JSON) and normalised (except under `unordered`, which normalises each element).
 */
export function prepareSides(r: SqlRule, l: SideColumn, s: SideColumn): [SideColumn, SideColumn] {
  [l, s] = sameModel(l, s);
  if (r.unordered) return r.decimal && !l.json ? [asJson(l), asJson(s)] : [l, s];
  if (r.steps) return sameModel(normColumn(l, r), normColumn(s, r));
  return [l, s];
}

function arrSql(r: SqlRule, c: SideColumn): string {
  return `json_transform(${r.steps ? `(__shadow_normeach((${c.expr})::VARCHAR, '${r.steps}'))::JSON` : c.expr}, '["JSON"]')`;
}

/** Expressions worth computing once per pair for a prepared value (see SideColumn.derived). */
export function derivedSql(r: SqlRule, c: SideColumn, nullEqualsMissing: boolean): Record<string, string> {
  const out: Record<string, string> = {};
  if (c.json) {
    out.kind = kindSql(c, nullEqualsMissing);
    // Only JSON numbers are cast: a failing TRY_CAST (a string, a list) costs 7× a json_type.
    if (!c.noNumbers) out.num = `(CASE WHEN json_type(${c.expr}) IN ${JSON_NUMBER_TYPES} THEN TRY_CAST(${c.expr} AS DOUBLE) END)`;
    out.str = strSql(c);
    if (r.unordered) out.arr = `(CASE WHEN json_type(${c.expr}) = 'ARRAY' THEN ${arrSql(r, c)} END)`;
  }
  if (r.timeMs !== undefined && !r.unordered) out.epoch = epochSql(c, r.unit);
  return out;
}

/** SQL that is true when the prepared legacy and shadow values agree under the rule (never NULL). */
export function agreeSql(r: SqlRule, l: SideColumn, s: SideColumn, nullEqualsMissing: boolean): string {
  if (r.unordered) return `coalesce(${unorderedSql(r, l, s, nullEqualsMissing)}, false)`;
  // Two JSON values of the same text agree under every rule but a time rule (where the same
  // unparseable text is a mismatch): most pairs skip the rule, and what it derives (see
  // agreeShortcut) is evaluated for the others only.
  if (agreeShortcut(r, l, s)) return `coalesce((CASE WHEN ${l.expr}::VARCHAR = ${s.expr}::VARCHAR THEN true ELSE ${scalarSql(r, l, s, nullEqualsMissing)} END), false)`;
  return `coalesce(${scalarSql(r, l, s, nullEqualsMissing)}, false)`;
}

/**
 * Whether agreeSql answers a pair of equal values before reading what the rule derives from
 * them: JSON on both sides, and not a time rule; unordered lists (equal lists agree whatever the
 * rule). Then a derived part that only the agreement reads can be inlined instead of computed for
 * every pair.
 */
export function agreeShortcut(r: SqlRule, l: SideColumn, s: SideColumn): boolean {
  return l.json === true && s.json === true && (r.unordered === true || r.timeMs === undefined);
}

/** shadow − legacy as DOUBLE where the in-memory engine records a delta (both numbers; ms for times), else NULL. */
export function deltaSql(r: SqlRule, l: SideColumn, s: SideColumn, nullEqualsMissing: boolean): string {
  // A side that never holds a number (JSON typed over the whole file) gives no pair a delta, unless times.
  if (r.timeMs === undefined && (l.noNumbers || s.noNumbers)) return 'NULL::DOUBLE';
  if (r.unordered) return r.numeric ? unorderedDeltaSql(r, l, s, nullEqualsMissing) : 'NULL::DOUBLE';
  if (r.timeMs !== undefined) return `(${epochSql(s, r.unit)} - ${epochSql(l, r.unit)})`;
  const both = bothNumbers(l, s, nullEqualsMissing);
  if (both === false) return 'NULL::DOUBLE';
  if (both === true) return `(${exactIntDelta(l, s) ?? `${numSql(s)} - ${numSql(l)}`})`;
  return `(CASE WHEN ${both} THEN ${numSql(s)} - ${numSql(l)} END)`;
}

/**
 * A wide integer column (see wideInt) against a column that is not an integer column (a DOUBLE,
 * a DECIMAL, a JSON value), for the pairs whose integer lies past ±(2^53 − 1) (`past`, on the
 * values as read, `rl` and `rs`): loadDataset reads that integer as a BigInt, which compareEvents
 * compares with a number only through their exact difference when the number is a safe integer
 * (see bigDelta in compileFieldRule), and equals no number. So: against a safe integer, the exact
 * `delta` and, under a numeric rule, its tolerance (`agree`); against anything else a mismatch
 * with no delta. Undefined when no such pair can arise: two integer columns compare exactly
 * (exactIntDelta), and time, list and normalised rules read the values their own way.
 */
export function wideIntSql(
  r: SqlRule,
  [l, s]: readonly [SideColumn, SideColumn],
  [pl, ps]: readonly [SideColumn, SideColumn],
  rl: string,
  rs: string,
): { past: string; delta: string; agree: string } | undefined {
  if (r.timeMs !== undefined || r.unordered || r.steps || (intColumn(l) && intColumn(s))) return undefined;
  if (!wideInt(l) && !wideInt(s)) return undefined;
  // The wide side as read (its integer exact), the other as prepared (a number, or NULL when it is not one).
  const [wideRaw, other] = wideInt(l) ? [rl, ps] : [rs, pl];
  const v = numSql(other);
  const safe = `(${v} = trunc(${v}) AND abs(${v}) <= 9007199254740991)`;
  const [bl, bs] = wideInt(l) ? [`(${rl})::HUGEINT`, `TRY_CAST(${v} AS HUGEINT)`] : [`TRY_CAST(${v} AS HUGEINT)`, `(${rs})::HUGEINT`];
  const d = `(${bs} - ${bl})::DOUBLE`;
  return {
    past: pastSafeSql(wideRaw),
    delta: `(CASE WHEN ${safe} THEN ${d} END)`,
    agree: r.numeric ? `coalesce(${safe} AND ${numokSql(r, numSql(pl), numSql(ps), d)}, false)` : 'false',
  };
}

/**
 * Time rules: how many values of the pair are not times (0, 1 or 2), and the text of the
 * smaller one, as the in-memory rule counts them in `unparseable`.
 */
export function unparseableSql(r: SqlRule, l: SideColumn, s: SideColumn): { count: string; text: string } | undefined {
  if (r.timeMs === undefined || r.unordered) return undefined;
  if (notTimeSql(l, r.unit) === 'false' && notTimeSql(s, r.unit) === 'false') return undefined;
  const ul = notTimeSql(l, r.unit);
  const us = notTimeSql(s, r.unit);
  return {
    count: `(${ul})::INTEGER + (${us})::INTEGER`,
    text: `least(CASE WHEN ${ul} THEN ${notTimeTextSql(l)} END, CASE WHEN ${us} THEN ${notTimeTextSql(s)} END)`,
  };
}

/**
 * unordered + abs/rel/isclose: in memory the sorted elements are compared pair by pair and the
 * delta recorded is that of the first pair that fails (none when the lists agree).
 */
function unorderedDeltaSql(r: SqlRule, l: SideColumn, s: SideColumn, nem: boolean): string {
  if (r.decimal && !l.json) return unorderedDeltaSql(r, asJson(l), asJson(s), nem);
  const firstFailing = (a: string, b: string) =>
    `(list_filter(list_transform(list_zip(${a}, ${b}), lambda __x: CASE WHEN NOT ${numokSql(r, '__x[1]::DOUBLE', '__x[2]::DOUBLE')} THEN __x[2]::DOUBLE - __x[1]::DOUBLE END), lambda __y: __y IS NOT NULL))[1]`;
  if (!l.json) {
    if (!isList(l.type) || !isList(s.type) || typeClass(elemType(l.type)) !== 'number' || typeClass(elemType(s.type)) !== 'number') return 'NULL::DOUBLE';
    const hasNull = (e: string) => `coalesce(list_bool_or(list_transform(${e}, lambda __x: __x IS NULL)), false)`;
    return `(CASE WHEN ${l.expr} IS NOT NULL AND ${s.expr} IS NOT NULL AND len(${l.expr}) = len(${s.expr}) AND NOT ${hasNull(l.expr)} AND NOT ${hasNull(s.expr)}
      THEN ${firstFailing(`list_sort(${l.expr})`, `list_sort(${s.expr})`)} END)`;
  }
  const arr = (c: SideColumn) => c.derived?.arr ?? arrSql(r, c);
  const allNum = (c: SideColumn) => `coalesce(list_bool_and(list_transform(${arr(c)}, lambda __x: json_type(__x) IN ${JSON_NUMBER_TYPES})), true)`;
  const nums = (c: SideColumn) => `list_sort(list_transform(${arr(c)}, lambda __x: __x::DOUBLE))`;
  return `(CASE WHEN ${kindSql(l, nem)} = 'list' AND ${kindSql(s, nem)} = 'list' AND json_array_length(${l.expr}) = json_array_length(${s.expr}) AND ${allNum(l)} AND ${allNum(s)}
    THEN ${firstFailing(nums(l), nums(s))} END)`;
}
