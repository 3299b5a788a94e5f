import { compileGetter } from '../../_internal/path.js';
import type { GroupBy } from '../types.js';

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

/** Splits rows by group, keeping the input order within each group. */
export function splitRows<T extends Record<string, unknown>>(rows: readonly T[], group: (row: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const row of rows) {
    const g = group(row);
    let list = out.get(g);
    if (list === undefined) out.set(g, (list = []));
    list.push(row);
  }
  return out;
}
