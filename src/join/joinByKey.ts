import { assertKnownKeys, assertPlainObject } from '../_internal/options.js';
import { toRows, type DatasetInput, type Row } from '../dataset/toRows.js';
import { compileKey, type KeySpec } from './keys.js';
import { pairRows } from './pairRows.js';

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
  const p = pairRows(fn, lrows, srows, key);
  const result: JoinResult = {
    pairs: [],
    keys: [],
    missing: p.missing.map((i) => lrows[i]),
    extra: p.extra.map((j) => srows[j]),
    duplicates: [],
    missingKey: { legacy: p.legacyMissingKey.length, shadow: p.shadowMissingKey.length },
  };
  for (let i = 0; i < lrows.length; i++) {
    const j = p.pair[i];
    if (j < 0) continue;
    result.pairs.push([lrows[i], srows[j]]);
    result.keys.push(key.display(lrows[i]));
  }
  for (const [side, dups, rows] of [['legacy', p.legacyDuplicates, lrows], ['shadow', p.shadowDuplicates, srows]] as const) {
    for (const d of dups.values()) result.duplicates.push({ side, key: key.display(rows[d.first]), rows: d.rows });
  }
  return result;
}
