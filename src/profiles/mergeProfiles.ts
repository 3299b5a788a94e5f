import { ShadowOptionError } from '../_internal/options.js';
import { ProfileAccumulatorImpl } from './profileAccumulator.js';
import type { DatasetProfile } from './types.js';

/**
 * Merges stored profiles (of chunks, files, partitions or nights) into the profile of their
 * union: counts add, moments merge by Chan et al., sketches and HyperLogLogs merge bucket-wise
 * and register-wise, exact distinct sets unite. The result equals profiling the union of the
 * data, exactly for counts, min/max and exact distinct counts, within floating-point rounding
 * for mean and variance, and within the sketch's relative accuracy for quantiles.
 *
 * @example
 * const whole = mergeProfiles([profile(part1), profile(part2)]);
 * whole.rows; // part1.length + part2.length
 */
export function mergeProfiles(profiles: readonly DatasetProfile[]): DatasetProfile {
  if (!Array.isArray(profiles) || profiles.length === 0) throw new ShadowOptionError('mergeProfiles: profiles must be a non-empty array of profiles from profile()');
  const acc = ProfileAccumulatorImpl.fromProfile(profiles[0], 'mergeProfiles');
  for (let i = 1; i < profiles.length; i++) acc.merge(ProfileAccumulatorImpl.fromProfile(profiles[i], 'mergeProfiles'));
  return acc.value();
}
