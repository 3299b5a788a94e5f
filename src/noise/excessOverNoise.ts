import { ShadowOptionError, assertNumber, assertRate, describeValue } from '../_internal/options.js';
import { normalSf } from '../stats/distributions/normal.js';
import type { NoiseCalibration, NoiseJudgement } from './types.js';

/**
 * Observed mismatches of one field between legacy and shadow.
 *
 * @example
 * const o: ObservedMismatches = { field: 'score', mismatches: 420, compared: 20000 };
 */
export interface ObservedMismatches {
  field: string;
  mismatches: number;
  /** Pairs compared. */
  compared: number;
  group?: string;
}

/**
 * Options of {@link excessOverNoise}.
 *
 * @example
 * const o: ExcessOverNoiseOptions = { alpha: 0.01, maxExcess: 0.001 };
 */
export interface ExcessOverNoiseOptions {
  /** Level of each field's one-sided test. @defaultValue 0.05 */
  alpha?: number;
  /** Excess over noise tolerated before testing (absolute rate). @defaultValue 0 */
  maxExcess?: number;
}

/** Validates a calibration passed as `noise` (must be a passing calibration). */
export function checkNoise(fn: string, noise: unknown): NoiseCalibration {
  if (typeof noise !== 'object' || noise === null || (noise as { kind?: unknown }).kind !== 'noise') {
    throw new ShadowOptionError(`${fn}: noise must be a calibration from calibrateNoise(), got ${describeValue(noise)}`);
  }
  const n = noise as NoiseCalibration;
  if (typeof n.fields !== 'object' || n.fields === null) throw new ShadowOptionError(`${fn}: noise.fields is missing: pass the calibration as calibrateNoise() returned it`);
  return n;
}

/**
 * Judges observed mismatch rates against calibrated noise: for each field the calibration knows,
 * a one-sided pooled two-proportion z test of H0 "shadow's mismatch rate ≤ noise + maxExcess"
 * (z = (raw − noise − maxExcess) / √(p̄(1 − p̄)(1/n_obs + 1/n_cal)), p̄ pooled), failing the field
 * when p < alpha. Per group when both the observation and the calibration have that group.
 * Fields unknown to the calibration are left out (judged by the comparison's own rules).
 *
 * @example
 * excessOverNoise([{ field: 'score', mismatches: 500, compared: 10000 }], noise, { alpha: 0.05 });
 * // => [{ field: 'score', raw: 0.05, noise: 0.02, excess: 0.03, fails: true, ... }]
 */
export function excessOverNoise(observed: readonly ObservedMismatches[], noise: NoiseCalibration, options: ExcessOverNoiseOptions = {}): NoiseJudgement[] {
  const fn = 'excessOverNoise';
  const cal = checkNoise(fn, noise);
  const alpha = options.alpha ?? 0.05;
  assertNumber(fn, 'alpha', alpha, { min: 1e-12, max: 0.5 });
  const maxExcess = options.maxExcess ?? 0;
  assertRate(fn, 'maxExcess', maxExcess);
  const out: NoiseJudgement[] = [];
  for (const o of observed) {
    const fieldsCal = o.group !== undefined && cal.byGroup?.[o.group] ? cal.byGroup[o.group].fields : cal.fields;
    const c = fieldsCal[o.field];
    if (!c || o.compared === 0 || c.compared === 0) continue;
    const raw = o.mismatches / o.compared;
    const pooled = (o.mismatches + c.disagreements) / (o.compared + c.compared);
    const se = Math.sqrt(pooled * (1 - pooled) * (1 / o.compared + 1 / c.compared));
    const diff = raw - c.rate - maxExcess;
    const pValue = se > 0 ? normalSf(diff / se) : diff > 0 ? 0 : 1;
    const j: NoiseJudgement = { field: o.field, raw, noise: c.rate, excess: raw - c.rate, maxExcess, pValue, alpha, fails: pValue < alpha, n: { observed: o.compared, calibration: c.compared } };
    if (o.group !== undefined) j.group = o.group;
    out.push(j);
  }
  return out;
}
