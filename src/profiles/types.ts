/**
 * Types of the profile tier: a {@link DatasetProfile} is plain JSON holding, per column, both the
 * summary (counts, rates, quantiles, top categories, histogram) and the mergeable state it was
 * derived from, so a stored profile can stand in for data that is gone and can be merged with
 * profiles of other chunks, files or partitions.
 */
import type { CategoryState } from './_internal/categories.js';
import type { DistinctState } from './_internal/distinct.js';
import type { MomentsState } from './_internal/moments.js';
import type { SketchState } from './_internal/sketch.js';

/**
 * The version of the profile format.
 *
 * @example
 * profile(rows).version === PROFILE_VERSION; // => true
 */
export const PROFILE_VERSION = 1 as const;

/**
 * The value types a column's non-null values are counted under.
 *
 * @example
 * const t: ValueType = profile(rows).columns.ts.type as ValueType; // 'number' for epoch ms
 */
export type ValueType = 'number' | 'string' | 'boolean' | 'object';

/**
 * Options of `profile` (and of the accumulator, and of `compareProfile` when it profiles data).
 *
 * @example
 * const options: ProfileOptions = { columns: ['price', 'type'], relativeAccuracy: 0.01 };
 */
export interface ProfileOptions {
  /**
   * Dotted paths of the columns to profile.
   * @defaultValue every top-level field found on any row
   */
  columns?: string[];
  /**
   * Relative accuracy α of the DDSketch quantiles: a returned quantile is within a relative
   * error α of the exact one. Profiles merge and compare only at the same α.
   * @defaultValue 0.01
   */
  relativeAccuracy?: number;
  /**
   * Distinct values counted exactly up to this many, then by HyperLogLog (relative standard
   * error 0.81 %).
   * @defaultValue 10000
   */
  distinctLimit?: number;
  /**
   * Categories (string and boolean values) counted exactly while at most 2 × this many are
   * held; beyond, a Misra–Gries summary keeps the largest (each count low by at most n/(k + 1)).
   * @defaultValue 1000
   */
  maxCategories?: number;
  /**
   * Quantiles reported per numeric column.
   * @defaultValue [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99]
   */
  quantiles?: number[];
  /** Equal-width bins of the reported numeric histogram (from min to max). @defaultValue 20 */
  histogramBins?: number;
  /** A label carried into the profile. */
  label?: string;
}

/**
 * The mergeable state of one column (what merging and deserialising read).
 *
 * @example
 * profile(rows).columns.price.state.moments.n; // finite numbers seen
 */
export interface ColumnState {
  present: number;
  nulls: number;
  types: Record<ValueType, number>;
  /**
   * Numbers that are NaN or ±Infinity (counted under `number`, kept out of the moments and sketch;
   * compareProfile compares their share over rows). BigInts count under `number` and enter the
   * moments and sketch as their nearest double when they fit in one; Dates count under `number`
   * as their epoch ms (a PreciseDate's µs a fraction).
   */
  nonFinite: number;
  /**
   * The kinds of the non-finite numbers (together `nonFinite`), so that NaN on one side and
   * Infinity on the other in the same rows is told apart. Absent in a profile stored by a
   * release that did not count them, and in a merge with such a profile: compareProfile then
   * compares the total only and says so (`NON_FINITE_KINDS_UNKNOWN`).
   */
  nonFiniteKinds?: NonFiniteKinds;
  moments: MomentsState;
  sketch: SketchState | null;
  distinct: DistinctState;
  categories: CategoryState;
}

/**
 * Counts of the non-finite numbers of a column by kind.
 *
 * @example
 * profile([{ x: NaN }, { x: Infinity }]).columns.x.state.nonFiniteKinds;
 * // => { nan: 1, infinity: 1, negativeInfinity: 0 }
 */
export interface NonFiniteKinds {
  nan: number;
  infinity: number;
  negativeInfinity: number;
}

/**
 * A numeric column's summary.
 *
 * @example
 * profile(rows).columns.price.numeric?.quantiles['0.5']; // the median, within α
 */
export interface NumericSummary {
  /** Finite numbers. */
  n: number;
  min: number;
  max: number;
  mean: number;
  /** Sample variance (n − 1 denominator). */
  variance: number;
  /** Quantile → value from the DDSketch (lower quantile at rank q·(n − 1), relative error ≤ α). */
  quantiles: Record<string, number>;
  /** Equal-width bins from min to max, counts from the sketch's buckets. */
  histogram: { edges: number[]; counts: number[] };
}

/**
 * A categorical column's summary (string and boolean values; booleans as 'true'/'false').
 *
 * @example
 * profile(rows).columns.type.categories?.top[0]; // { value, count, share }
 */
export interface CategorySummary {
  /** String and boolean values counted. */
  n: number;
  /** Whether the counts are exact (else a Misra–Gries summary, each count low by at most `maxUndercount`). */
  exact: boolean;
  maxUndercount: number;
  /** The 10 largest categories. */
  top: { value: string; count: number; share: number }[];
}

/**
 * One column of a {@link DatasetProfile}.
 *
 * @example
 * const c: ColumnProfile = profile(rows).columns.country; c.nullRate;
 */
export interface ColumnProfile {
  /** Rows holding the column (any value, null included). */
  present: number;
  /** Rows without the column (absent key or undefined). */
  missing: number;
  nulls: number;
  /** nulls / rows. */
  nullRate: number;
  /** The type of most non-null values ('empty' when there are none). */
  type: ValueType | 'empty';
  types: Record<ValueType, number>;
  distinct: { estimate: number; exact: boolean; relativeError: number };
  numeric?: NumericSummary;
  categories?: CategorySummary;
  state: ColumnState;
}

/**
 * A dataset profile: plain JSON, mergeable (see `mergeProfiles`), comparable (`compareProfile`).
 *
 * @example
 * const p = profile(rows);
 * p.rows;                              // row count
 * p.columns.price.numeric?.quantiles; // { '0.5': 9.99, ... }
 * JSON.parse(JSON.stringify(p));       // still a profile: store it, merge it, compare it
 */
export interface DatasetProfile {
  kind: 'profile';
  version: typeof PROFILE_VERSION;
  rows: number;
  /** The settings the state was built with; profiles merge and compare only when these agree. */
  settings: { relativeAccuracy: number; distinctLimit: number; maxCategories: number; quantiles: number[]; histogramBins: number };
  columns: Record<string, ColumnProfile>;
  label?: string;
}
