/**
 * loadDataset's typing of a CSV cell (dataset/_internal/csvCellTests: NUMBER and BOOL) as DuckDB
 * SQL over the cell's text, for the engines that read CSV through DuckDB: DuckDB's own parser
 * reads more as numbers and booleans (`007`, ` 12`, `NaN`, `inf`, `1.`; `t`, `yes`) than
 * loadDataset does, and a file engine must type a column as loadDataset would.
 */

/** loadDataset's number: no leading zero (`007` is text), no space, no NaN or inf. */
const NUMBER = String.raw`[-+]?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?|[-+]?\.[0-9]+([eE][-+]?[0-9]+)?`;

/**
 * SQL true when the text `cell` is a number loadDataset reads as one (one RE2 match, about 65 ns).
 *
 * @example
 * csvNumberSql('"price"') // regexp_full_match("price", '…')
 */
export const csvNumberSql = (cell: string): string => `regexp_full_match(${cell}, '${NUMBER}')`;

/** SQL true when the text `cell` is a boolean loadDataset reads as one: `true` or `false` in any case. */
export const csvBooleanSql = (cell: string): string => `lower(${cell}) IN ('true', 'false')`;

/** The boolean value of a cell csvBooleanSql accepts. */
export const csvBooleanValueSql = (cell: string): string => `lower(${cell}) = 'true'`;

/** A CSV column's type as loadDataset infers it. */
export type CsvColumnType = 'number' | 'boolean' | 'string';

const ident = (s: string) => `"${s.replaceAll('"', '""')}"`;

/**
 * The types of CSV columns read as text (`relation`: DuckDB's read_csv with `all_varchar`, or a
 * table of it) as loadDataset infers them over the whole column: number when every non-empty cell
 * is one, boolean when every one is `true`/`false`, else string. One pass over the relation.
 */
export async function csvColumnTypes(c: { runAndReadAll(sql: string): Promise<{ getRowObjectsJS(): unknown[] }> }, relation: string, names: readonly string[]): Promise<Map<string, CsvColumnType>> {
  const aggs = names.map((nm, i) => `count(${ident(nm)}) AS n${i}, count(*) FILTER (WHERE ${csvNumberSql(ident(nm))}) AS d${i}, count(*) FILTER (WHERE ${csvBooleanSql(ident(nm))}) AS b${i}`);
  const [r] = (await c.runAndReadAll(`SELECT ${aggs.join(', ')} FROM ${relation}`)).getRowObjectsJS() as Record<string, unknown>[];
  return new Map(names.map((nm, i) => {
    const [n, d, b] = [`n${i}`, `d${i}`, `b${i}`].map((k) => Number(r[k]));
    return [nm, n > 0 && d === n ? 'number' : n > 0 && b === n ? 'boolean' : 'string'];
  }));
}

/** A text column's value as its loadDataset type reads it (DOUBLE, BOOLEAN or the text). */
export const csvValueSql = (column: string, type: CsvColumnType): string => (type === 'number' ? `CAST(${column} AS DOUBLE)` : type === 'boolean' ? csvBooleanValueSql(column) : column);
