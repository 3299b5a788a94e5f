import { badRow, type Row } from '../../dataset/toRows.js';
import { NO_KEY, type CompiledKey } from './keys.js';

export type MapKey = string | number | bigint | boolean;

/** Rows of one side indexed by key; duplicates marked, never fanned out. */
export interface RowIndex {
  /** The key of each row, NO_KEY where the key is absent. */
  keys: (MapKey | typeof NO_KEY)[];
  /** Key → row index, or -1 when the key occurs on more than one row. */
  map: Map<MapKey, number>;
  /** Key → number of rows, for duplicated keys only. */
  duplicates: Map<MapKey, number>;
  duplicateRows: number;
  /** Indices of rows without a key. */
  missingKey: number[];
}

/** Indexes rows by key in one pass. Throws (naming side and index) on a row that is not an object. */
export function indexRows(fn: string, side: string, rows: readonly Row[], key: CompiledKey): RowIndex {
  const n = rows.length;
  const keys = new Array<MapKey | typeof NO_KEY>(n);
  const map = new Map<MapKey, number>();
  const duplicates = new Map<MapKey, number>();
  const missingKey: number[] = [];
  let duplicateRows = 0;
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (row === null || typeof row !== 'object') badRow(fn, side, i, row);
    const k = key.read(row);
    keys[i] = k;
    if (k === NO_KEY) {
      missingKey.push(i);
      continue;
    }
    const prev = map.get(k);
    if (prev === undefined) {
      map.set(k, i);
    } else if (prev === -1) {
      duplicates.set(k, duplicates.get(k)! + 1);
      duplicateRows++;
    } else {
      map.set(k, -1);
      duplicates.set(k, 2);
      duplicateRows += 2;
    }
  }
  return { keys, map, duplicates, duplicateRows, missingKey };
}
