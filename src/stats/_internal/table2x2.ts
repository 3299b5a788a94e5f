import { ShadowOptionError, describeValue } from '../../_internal/options.js';

/** Validates a 2×2 table of non-negative integer counts. */
export function checkTable2x2(fn: string, table: unknown): [[number, number], [number, number]] {
  const bad = () =>
    new ShadowOptionError(`${fn}: table must be a 2x2 array of non-negative integer counts [[a, b], [c, d]], got ${describeValue(table)}`);
  if (!Array.isArray(table) || table.length !== 2) throw bad();
  for (const [i, row] of table.entries()) {
    if (!Array.isArray(row) || row.length !== 2) throw bad();
    for (const [j, v] of row.entries()) {
      if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) {
        throw new ShadowOptionError(`${fn}: table[${i}][${j}] must be a non-negative integer count, got ${describeValue(v)}`);
      }
    }
  }
  return [
    [table[0][0], table[0][1]],
    [table[1][0], table[1][1]],
  ];
}
