import { assertKnownKeys, assertPlainObject } from '../_internal/options.js';
import { toRows, type DatasetInput, type Row } from '../dataset/toRows.js';
import { compileKey, type KeySpec } from './_internal/keys.js';
import { indexRows } from './_internal/indexRows.js';

/** The result of {@link joinByKey}. Rows with duplicated or absent keys are reported, never paired. */
export interface JoinResult {
  /** Legacy and shadow rows whose key occurs exactly once on each side, in legacy order. */
  pairs: [legacy: Row, shadow: Row][];
  /** The key (as data) of each pair, aligned with `pairs`. */
  keys: unknown[];
  /** Legacy rows whose (unique) key is absent from shadow. */
  missing: Row[];
  /** Shadow rows whose (unique) key is absent from legacy. */
  extra: Row[];
  /** Keys occurring on more than one row of a side, with the row count. */
  duplicates: { side: 'legacy' | 'shadow'; key: unknown; rows: number }[];
  /** Rows without a key, per side. */
  missingKey: { legacy: number; shadow: number };
}

/**
 * Joins two datasets one-to-one on a key, the join every tier uses. A key that occurs on more
 * than one row of either side is reported in `duplicates` and excluded, never fanned out into a
 * cross product; rows without a key are counted.
 *
 * @example
 * const { pairs, missing } = joinByKey(legacy, shadow, { key: 'inputId' });
 * const diffs = pairs.map(([l, s]) => (s.score as number) - (l.score as number));
 */
export function joinByKey(legacy: DatasetInput, shadow: DatasetInput, options: { key: KeySpec }): JoinResult {
  const fn = 'joinByKey';
  assertPlainObject(fn, 'options', options);
  assertKnownKeys(fn, '', options, ['key']);
  const key = compileKey(fn, options.key);
  const lrows = toRows(legacy, fn, 'legacy');
  const srows = toRows(shadow, fn, 'shadow');
  const li = indexRows(fn, 'legacy', lrows, key);
  const si = indexRows(fn, 'shadow', srows, key);
  const result: JoinResult = {
    pairs: [],
    keys: [],
    missing: [],
    extra: [],
    duplicates: [],
    missingKey: { legacy: li.missingKey.length, shadow: si.missingKey.length },
  };
  for (const [k, i] of li.map) {
    if (i === -1) continue;
    const j = si.map.get(k);
    if (j === undefined) result.missing.push(lrows[i]);
    else if (j !== -1) {
      result.pairs.push([lrows[i], srows[j]]);
      result.keys.push(key.display(lrows[i]));
    }
  }
  for (const [k, j] of si.map) if (j !== -1 && !li.map.has(k)) result.extra.push(srows[j]);
  for (const [side, idx, rows] of [['legacy', li, lrows], ['shadow', si, srows]] as const) {
    for (const [k, n] of idx.duplicates) {
      const first = idx.keys.indexOf(k);
      result.duplicates.push({ side, key: key.display(rows[first]), rows: n });
    }
  }
  return result;
}
