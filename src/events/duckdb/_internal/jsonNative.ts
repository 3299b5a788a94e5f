/**
 * JSON paths read as native DuckDB values instead of JSON text (see docs/engines.md, "How
 * compareEventFiles runs", steps 1 and 2): which reader types qualify, and the template of a row's
 * JSON text that proves a row's keys and kinds in one regular-expression match.
 */
import { childNames, typeClass } from '../../../_internal/duckdbColumns.js';

/**
 * A JSON path read as native DuckDB values (json_transform) instead of JSON text: numbers as
 * DOUBLE (JSON.parse's numbers), strings, booleans and lists of one of those. Only for a path
 * present in every row (a NULL is then a JSON null) whose every value is of the kind `kinds`
 * (json_type of the path) and, for a list, every element of the kinds `elems`.
 */
export interface NativeJson {
  type: string;
  /** The json_transform type: a scalar type, or a one-element list of it for a list. */
  transform: string | [string];
  kinds: string;
  elems?: string;
}

/** How a path the JSON reader typed `readerType` is read natively, or undefined when it is not. */
export function nativeJson(readerType: string): NativeJson | undefined {
  const t = readerType.toUpperCase();
  const scalar = (x: string): { type: string; transform: string; elem: string } | undefined =>
    ['DOUBLE', 'BIGINT', 'UBIGINT'].includes(x) ? { type: 'DOUBLE', transform: 'DOUBLE', elem: "'BIGINT', 'UBIGINT', 'DOUBLE'" }
      : x === 'VARCHAR' || x === 'BOOLEAN' ? { type: x, transform: x, elem: `'${x}'` } : undefined;
  const list = /^(.*)\[\]$/.exec(t);
  if (list) {
    const e = scalar(list[1]);
    return e && { type: `${e.type}[]`, transform: [e.transform], kinds: "('ARRAY', 'NULL')", elems: `[${e.elem}]` };
  }
  const e = scalar(t);
  return e && { type: e.type, transform: e.transform, kinds: `(${e.elem}, 'NULL')` };
}

// RFC 8259: whitespace, a number, a string (any escape; the parser that reads the row rejects a bad one).
const JSON_WS = '[ \\t\\n\\r]*';
const JSON_NUMBER = '-?(?:0|[1-9][0-9]*)(?:\\.[0-9]+)?(?:[eE][+-]?[0-9]+)?';
const JSON_STRING = '"[^"\\\\]*(?:\\\\.[^"\\\\]*)*"';
const reEscape = (x: string) => x.replace(/[\\^$.*+?()[\]{}|]/g, '\\$&');

/**
 * A regular expression of the JSON text of a row that holds only the reader's keys, in its order,
 * at every object level, each object present, every path read as native values present with a
 * value its NativeJson allows, and every other path, if present, a value the checks of
 * keysOutside accept: a string or null where the reader typed VARCHAR, a boolean or null where
 * BOOLEAN, any scalar where a number, null or a list of any values nested at most two levels
 * below it where a list, and a scalar or such a list where JSON (never an object). The text proves, in one match,
 * what keysOutside otherwise checks by parsing the row several times. Undefined when a path holds
 * a type not listed, or when the expression would be too long for DuckDB's regular expressions.
 * Another spelling of the same row (keys in another order, escapes) does not match and is checked
 * in full. An object path in `nullable` (one that holds null on some row, see Side.nullObjects)
 * may be null instead, unless a path read as native values lies below it (those must be present).
 */
export function rowTemplate(tree: readonly { path: string; type: string; container: boolean }[], native: ReadonlyMap<string, NativeJson>, nullable: ReadonlySet<string> = new Set()): string | undefined {
  const scalarOf = (t: string) => (t === 'DOUBLE' ? JSON_NUMBER : t === 'VARCHAR' ? JSON_STRING : 'true|false');
  const anyScalar = `null|${JSON_NUMBER}|${JSON_STRING}|true|false`;
  /** Any JSON value nested at most `depth` levels (a scalar at 0). */
  const anyValue = (depth: number): string => {
    if (depth === 0) return `(?:${anyScalar})`;
    const inner = anyValue(depth - 1);
    const member = `${JSON_STRING}${JSON_WS}:${JSON_WS}${inner}`;
    return `(?:${anyScalar}|${list(inner)}|\\{${JSON_WS}(?:${member}${JSON_WS}(?:,${JSON_WS}${member}${JSON_WS})*)?\\})`;
  };
  const list = (e: string) => `\\[${JSON_WS}(?:${e}${JSON_WS}(?:,${JSON_WS}${e}${JSON_WS})*)?\\]`;
  const value = (x: { path: string; type: string }): string | undefined => {
    const n = native.get(x.path);
    if (n) return `(?:null|${Array.isArray(n.transform) ? list(`(?:${scalarOf(n.transform[0])})`) : scalarOf(n.transform)})`;
    const t = x.type.toUpperCase();
    if (t === 'VARCHAR' || t === 'BOOLEAN') return `(?:null|${scalarOf(t)})`;
    if (typeClass(t) === 'number') return `(?:${anyScalar})`;
    // A list, or a path the reader typed JSON (mixed, null only): any JSON value nested at most
    // two levels below the list, and for JSON not an object (that would break the schema); a row
    // nested deeper is checked in full.
    if (typeClass(t) === 'list') return `(?:null|${list(anyValue(2))})`;
    if (t === 'JSON') return `(?:${anyScalar}|${list(anyValue(2))})`;
    return undefined;
  };
  const byPath = new Map(tree.map((x) => [x.path, x]));
  const object = (prefix: string): string | undefined => {
    const members: { re: string; optional: boolean }[] = [];
    for (const name of childNames(tree.map((y) => y.path), prefix)) {
      const x = byPath.get(prefix ? `${prefix}.${name}` : name)!;
      let v = x.container ? object(x.path) : value(x);
      if (v === undefined) return undefined;
      if (x.container && nullable.has(x.path) && ![...native.keys()].some((p) => p.startsWith(`${x.path}.`))) v = `(?:null|${v})`;
      members.push({ re: `${reEscape(JSON.stringify(name))}${JSON_WS}:${JSON_WS}${v}`, optional: !x.container && !native.has(x.path) });
    }
    // The members from the i-th on, each present one after a comma (P), or the first present one without (Q).
    const P = (i: number): string => (i >= members.length ? '' : members[i].optional ? `(?:${JSON_WS},${JSON_WS}${members[i].re})?${P(i + 1)}` : `${JSON_WS},${JSON_WS}${members[i].re}${P(i + 1)}`);
    const Q = (i: number): string => (i >= members.length ? '' : members[i].optional ? `(?:${members[i].re}${P(i + 1)}|${Q(i + 1)})` : `${members[i].re}${P(i + 1)}`);
    return `\\{${JSON_WS}${Q(0)}${JSON_WS}\\}`;
  };
  const row = object('');
  return row === undefined || row.length > 100_000 ? undefined : `${JSON_WS}${row}${JSON_WS}`;
}
