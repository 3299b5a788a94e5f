import type { ColumnType } from '../../dataset/loadDataset.js';
import type { FieldReport } from '../compareEvents.js';
import { renamePath } from './renamePath.js';

/** The column types a loader read a dataset with (loadDataset sets them on CSV rows, not enumerable). */
export function columnTypesOf(input: unknown): Readonly<Record<string, ColumnType>> | undefined {
  if (input === null || typeof input !== 'object') return undefined;
  const t = (input as { columnTypes?: unknown }).columnTypes;
  return t !== null && typeof t === 'object' ? (t as Record<string, ColumnType>) : undefined;
}

/**
 * Part of step 5 of compareEvents: when both inputs carry the column types a loader inferred
 * (CSV), marks each compared field whose column was read with a different type on each side
 * (`columnTypes` on its FieldReport). One cell that is not a number makes a whole CSV column
 * strings, and then every row of it fails as a type change: the report should say so, and that
 * declaring `columns` fixes it.
 */
export function markColumnTypeDifferences(
  legacy: unknown,
  shadow: unknown,
  fields: FieldReport[],
  rename: ReadonlyMap<string, string>,
): void {
  const lt = columnTypesOf(legacy);
  const st = columnTypesOf(shadow);
  if (!lt || !st) return;
  const own = (o: Readonly<Record<string, ColumnType>>, k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
  for (const f of fields) {
    const l = own(lt, f.field);
    const s = own(st, f.shadowField ?? renamePath(f.field, rename));
    if (l !== undefined && s !== undefined && l !== s) f.columnTypes = { legacy: l, shadow: s };
  }
}
