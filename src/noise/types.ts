/** Types of noise calibration: how often two runs of the legacy pipeline disagree with each other. */
import type { ReportBase } from '../report/types.js';

/**
 * Disagreements of one field between two legacy runs.
 *
 * @example
 * calibration.fields.score; // { compared: 20000, disagreements: 400, rate: 0.02 }
 */
export interface FieldNoise {
  /** Matched record pairs where the field was compared. */
  compared: number;
  disagreements: number;
  /** disagreements / compared. */
  rate: number;
}

/**
 * A stored noise calibration: per field (and per event type when `by` was given) the rate at
 * which two runs of the legacy pipeline disagree. Plain JSON with a date; a report of its own, so
 * a replay whose keys differ from legacy fails instead of being silently calibrated.
 *
 * @example
 * const cal = calibrateNoise(legacyRun1, legacyRun2, { key: 'id', date: '2026-12-06' });
 * cal.fields.score.rate; // e.g. 0.02: the legacy pipeline disagrees with itself on 2 % of events
 */
export interface NoiseCalibration extends ReportBase<'noise'> {
  /** When the calibration was made (ISO 8601). */
  date: string;
  key: string;
  keys: { legacy: number; replay: number; matched: number; legacyOnly: number; replayOnly: number; duplicates: number };
  fields: Record<string, FieldNoise>;
  /** Per group (event type) when calibrated `by` a field. */
  byGroup?: Record<string, { matched: number; fields: Record<string, FieldNoise> }>;
  by?: string;
  /** Up to 5 keys present in one run only, per side. */
  examples: { legacyOnly: unknown[]; replayOnly: unknown[] };
}

/**
 * One field judged against its calibrated noise.
 *
 * @example
 * compareEvents(legacy, shadow, { key: 'id', noise }).noise?.find((j) => j.fails);
 */
export interface NoiseJudgement {
  field: string;
  /** The group (event type), when judged per group. */
  group?: string;
  /** The observed legacy-vs-shadow mismatch rate. */
  raw: number;
  /** The calibrated legacy-vs-legacy disagreement rate. */
  noise: number;
  /** raw − noise. */
  excess: number;
  /** The allowed excess (maxExcess). */
  maxExcess: number;
  /**
   * One-sided p-value of H0: shadow's rate ≤ noise + maxExcess (pooled two-proportion z test), or,
   * when the normal approximation is unreliable, of H0: shadow's rate ≤ noise (one-sided Fisher exact).
   */
  pValue: number;
  alpha: number;
  /** True when the excess is significant at alpha: the field fails. */
  fails: boolean;
  /**
   * True when the calibration is too small to judge the field's mismatches (the exact test neither
   * fails the field nor can the z test be trusted): the mismatches are not excused.
   */
  inconclusive: boolean;
  /** The test used: `'pooled-z'` when every expected cell count is >= 5, else `'fisher-exact'`. */
  method: 'pooled-z' | 'fisher-exact';
  n: { observed: number; calibration: number };
}
