import { toRows, type DatasetInput } from '../dataset/toRows.js';
import { ProfileAccumulatorImpl, resolveProfileOptions } from './profileAccumulator.js';
import type { DatasetProfile, ProfileOptions } from './types.js';

/**
 * Profiles a dataset per column: row count, present/missing/null counts, value types, distinct
 * count (exact up to `distinctLimit`, then HyperLogLog), min/max/mean/variance (Welford, merged by
 * Chan et al.), quantiles from a DDSketch with relative accuracy α, top categories and an
 * equal-width histogram. The result is plain JSON carrying its mergeable state: store it, merge
 * it with {@link mergeProfiles}, compare it with compareProfile.
 *
 * Complexity: O(rows × columns); memory O(columns × (distinctLimit + maxCategories + sketch buckets)).
 *
 * @example
 * const p = profile([{ price: 1, type: 'a' }, { price: 3, type: null }]);
 * p.rows;                          // => 2
 * p.columns.type.nullRate;         // => 0.5
 * p.columns.price.numeric?.mean;   // => 2
 */
export function profile(dataset: DatasetInput, options: ProfileOptions = {}): DatasetProfile {
  const s = resolveProfileOptions('profile', options);
  const rows = toRows(dataset, 'profile', 'dataset');
  const acc = new ProfileAccumulatorImpl(s, s.columns, s.label);
  acc.addRows(rows);
  return acc.value();
}
