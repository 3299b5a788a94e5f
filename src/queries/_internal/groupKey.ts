/** The result columns a consumer query groups by, read off DuckDB's parse of it (json_serialize_sql). */

type Node = Record<string, unknown>;

/** An expression's JSON without its alias and position, so that `GROUP BY ts::DATE` matches `SELECT ts::DATE AS day`. */
const shape = (x: unknown) => JSON.stringify(x, (k, v: unknown) => (k === 'alias' || k === 'query_location' ? undefined : v));
/** Whether an expression calls a function (an aggregate, under GROUP BY ALL) or holds a subquery or window. */
const computes = (x: unknown) => /"class":"(FUNCTION|WINDOW|SUBQUERY|AGGREGATE)"/.test(JSON.stringify(x));

/**
 * The names of the result columns that identify a row of a grouped query (`columns`: the result's
 * column names, in select-list order): the columns its GROUP BY names, by expression, alias or
 * position, or under GROUP BY ALL the select-list entries that compute nothing (an entry calling
 * a function counts as an aggregate). Undefined when the query is not one grouped SELECT whose
 * groups are all in its select list (no GROUP BY, `*`, ROLLUP/CUBE/GROUPING SETS, a set
 * operation), so the caller falls back to its default key.
 *
 * @example
 * groupKeyColumns(tree('SELECT ts::DATE AS day, count(*) AS n FROM data GROUP BY 1'), ['day', 'n']) // ['day']
 */
export function groupKeyColumns(tree: unknown, columns: readonly string[]): string[] | undefined {
  const statement = ((tree as Node | null)?.statements as Node[] | undefined)?.[0];
  const node = statement?.node as Node | undefined;
  if (!node || node.type !== 'SELECT_NODE') return undefined;
  const select = node.select_list as Node[] | undefined;
  if (!Array.isArray(select) || select.length !== columns.length || select.some((x) => x.class === 'STAR')) return undefined;
  let at: number[];
  if (node.aggregate_handling === 'FORCE_AGGREGATES') {
    at = select.flatMap((x, i) => (computes(x) ? [] : [i]));
  } else {
    const groups = node.group_expressions as Node[] | undefined;
    const sets = node.group_sets as unknown[] | undefined;
    if (!Array.isArray(groups) || groups.length === 0 || !Array.isArray(sets) || sets.length !== 1) return undefined;
    at = [];
    for (const g of groups) {
      let i = -1;
      const value = (g.value as Node | undefined)?.value;
      if (g.class === 'CONSTANT' && typeof value === 'number' && Number.isInteger(value)) i = value - 1;
      else {
        const names = g.column_names as string[] | undefined;
        if (g.class === 'COLUMN_REF' && names?.length === 1) i = select.findIndex((x) => x.alias === names[0]);
        if (i < 0) i = select.findIndex((x) => shape(x) === shape(g));
      }
      if (i < 0 || i >= select.length) return undefined;
      at.push(i);
    }
  }
  return at.length ? [...new Set(at)].map((i) => columns[i]) : undefined;
}
