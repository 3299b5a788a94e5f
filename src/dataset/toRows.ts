import { ShadowOptionError, describeValue } from '../_internal/options.js';

/** One event or record: a plain object, possibly nested. */
export type Row = Record<string, unknown>;

/** Anything with `objects()`, such as an arquero table; no dependency on arquero. */
export interface TableLike {
  objects(): Row[];
}

/**
 * What every comparison accepts as a dataset: an array of rows (e.g. from {@link loadDataset})
 * or a table-like object with `objects()`.
 *
 * @example
 * const input: DatasetInput = [{ id: 1, price: 9.99 }];
 */
export type DatasetInput = readonly Row[] | TableLike;

/**
 * Normalises a dataset input to an array of rows, or throws a TypeError naming the function and
 * the side. Rows themselves are checked where they are read.
 *
 * @param fn - the calling function, named in the error
 * @param side - `'legacy'` or `'shadow'` (or another label), named in the error
 * @example
 * toRows([{ id: 1 }], 'compareEvents', 'legacy') // => [{ id: 1 }]
 */
export function toRows(input: unknown, fn: string, side: string): readonly Row[] {
  if (Array.isArray(input)) return input as Row[];
  if (input !== null && typeof input === 'object' && typeof (input as TableLike).objects === 'function') {
    const rows = (input as TableLike).objects();
    if (!Array.isArray(rows)) throw new ShadowOptionError(`${fn}: ${side}.objects() must return an array of rows`);
    return rows;
  }
  throw new ShadowOptionError(
    `${fn}: ${side} must be an array of rows or a table with objects() (e.g. from loadDataset), got ${describeValue(input)}`,
  );
}

/** Throws the error for a row that is not an object. */
export function badRow(fn: string, side: string, index: number, row: unknown): never {
  throw new ShadowOptionError(`${fn}: ${side}[${index}] must be an object (one event), got ${describeValue(row)}`);
}
