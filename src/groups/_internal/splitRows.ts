import { compileGetter } from '../../_internal/path.js';
import type { GroupBy } from '../types.js';
import { columnTypesOf } from '../../events/_internal/columnTypeDifferences.js';

/** The name of the group of rows whose `by` value is `undefined` or `null`. */
export const NO_GROUP = '(none)';

/** Names a group value: strings as they are, other values by JSON. */
export function groupName(value: unknown): string {
  if (value === undefined || value === null) return NO_GROUP;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return JSON.stringify(value) ?? String(value);
}

/** Compiles `by` into a function returning the group name of a row. */
export function compileGroupBy(by: GroupBy): (row: Record<string, unknown>) => string {
  if (typeof by === 'function') return (row) => groupName(by(row));
  const get = compileGetter(by);
  return (row) => groupName(get(row));
}

/**
 * Splits rows by group, keeping the input order within each group. The column types a loader
 * read the rows with (loadDataset's `columnTypes` on CSV rows, typed over the whole file) go with
 * each group's rows, so that a group's report says where a column was read as another type on
 * each side (COLUMN_TYPE_DIFFERS), as the report without groups does.
 */
export function splitRows<T extends Record<string, unknown>>(rows: readonly T[], group: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const g = group(row);
    let list = out.get(g);
    if (list === undefined) out.set(g, (list = []));
    list.push(row);
  }
  const types = columnTypesOf(rows);
  if (types !== undefined) for (const list of out.values()) Object.defineProperty(list, 'columnTypes', { value: types, enumerable: false });
  return out;
}
