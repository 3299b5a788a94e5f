import { ShadowOptionError, assertKnownKeys, assertNumber, assertPlainObject, assertRate, describeValue, nearest } from '../_internal/options.js';
import { normalSf } from '../stats/distributions/normal.js';
import { fisherExact2x2 } from '../stats/fisherExact2x2.js';
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
 * The smallest expected count, in any of the four cells of the observed-vs-calibration table
 * under the pooled rate, at which the z test is used (Cochran's rule). Below it the normal
 * approximation is unreliable and the judgement is exact (Fisher) or inconclusive.
 */
export const MIN_EXPECTED_CELL = 5;

const OPTION_KEYS = ['alpha', 'maxExcess'] as const;
const OBSERVED_KEYS = ['field', 'mismatches', 'compared', 'group'] as const;

/** Validates `observed` against the calibration; throws a ShadowOptionError naming the entry and the fix. */
function checkObserved(fn: string, observed: unknown, cal: NoiseCalibration): asserts observed is ObservedMismatches[] {
  if (!Array.isArray(observed)) throw new ShadowOptionError(`${fn}: observed must be an array of { field, mismatches, compared }, got ${describeValue(observed)}`);
  const known = Object.keys(cal.fields);
  observed.forEach((o: unknown, i) => {
    const at = `observed[${i}]`;
    assertPlainObject(fn, at, o);
    assertKnownKeys(fn, at, o, OBSERVED_KEYS);
    if (typeof o.field !== 'string' || !o.field) throw new ShadowOptionError(`${fn}: ${at}.field must be a field path the calibration knows, got ${describeValue(o.field)}`);
    assertNumber(fn, `${at}.compared`, o.compared, { min: 0, integer: true });
    assertNumber(fn, `${at}.mismatches`, o.mismatches, { min: 0, integer: true });
    if (o.mismatches > o.compared) throw new ShadowOptionError(`${fn}: ${at}.mismatches must be <= compared (${o.compared}), got ${o.mismatches}: count mismatches among the compared pairs`);
    if (o.group !== undefined && typeof o.group !== 'string') throw new ShadowOptionError(`${fn}: ${at}.group must be a string, got ${describeValue(o.group)}`);
    const fieldsCal = o.group !== undefined && cal.byGroup?.[o.group] ? cal.byGroup[o.group].fields : cal.fields;
    if (fieldsCal[o.field] === undefined) {
      const guess = nearest(o.field, known);
      throw new ShadowOptionError(`${fn}: ${at}.field '${o.field}' is not in the calibration${guess ? `; did you mean '${guess}'?` : `; calibrated fields are ${known.map((k) => `'${k}'`).join(', ') || 'none'}`}`);
    }
  });
}

/**
 * Judges observed mismatch rates against calibrated noise: for each observed field, a one-sided
 * test of H0 "shadow's mismatch rate ≤ noise + maxExcess", failing the field when p < alpha.
 *
 * - When every expected cell count of the 2×2 table (observed / calibration × differ / agree,
 *   under the pooled rate p̄) is at least {@link MIN_EXPECTED_CELL}: the pooled two-proportion z
 *   test, z = (raw − noise − maxExcess) / √(p̄(1 − p̄)(1/n_obs + 1/n_cal)), p = 1 − Φ(z)
 *   (`method: 'pooled-z'`).
 * - Otherwise the normal approximation is unreliable (a small calibration, or rates near 0 or 1,
 *   including the degenerate p̄ ∈ {0, 1}): the one-sided Fisher exact test of H0 raw ≤ noise
 *   (`scipy.stats.fisher_exact([[m, n_obs − m], [d, n_cal − d]], alternative='greater')`,
 *   `method: 'fisher-exact'`). The field fails when that p < alpha and maxExcess is 0; when it does
 *   not fail and there are mismatches, the judgement is `inconclusive`: the calibration is too
 *   small to tell noise from a change, so it excuses nothing (the caller judges those mismatches
 *   by its own rules). With maxExcess > 0 an exact test of the shifted hypothesis is not
 *   available, so such a field is never failed by this test, only left inconclusive.
 *
 * Both tests keep level alpha for a false failure (exact Fisher is conservative). Per group when
 * both the observation and the calibration have that group. Every observed field must be
 * calibrated: an unknown field throws (it would otherwise be silently left out).
 *
 * @example
 * excessOverNoise([{ field: 'score', mismatches: 500, compared: 10000 }], noise, { alpha: 0.05 });
 * // => [{ field: 'score', raw: 0.05, noise: 0.02, excess: 0.03, fails: true, inconclusive: false, method: 'pooled-z', ... }]
 */
export function excessOverNoise(observed: readonly ObservedMismatches[], noise: NoiseCalibration, options: ExcessOverNoiseOptions = {}): NoiseJudgement[] {
  const fn = 'excessOverNoise';
  const cal = checkNoise(fn, noise);
  assertPlainObject(fn, 'options', options);
  assertKnownKeys(fn, '', options, OPTION_KEYS);
  const alpha = options.alpha ?? 0.05;
  assertNumber(fn, 'alpha', alpha, { min: 1e-12, max: 0.5 });
  const maxExcess = options.maxExcess ?? 0;
  assertRate(fn, 'maxExcess', maxExcess);
  checkObserved(fn, observed, cal);
  const out: NoiseJudgement[] = [];
  for (const o of observed) {
    const fieldsCal = o.group !== undefined && cal.byGroup?.[o.group] ? cal.byGroup[o.group].fields : cal.fields;
    const c = fieldsCal[o.field];
    if (o.compared === 0 || c.compared === 0) continue;
    const raw = o.mismatches / o.compared;
    const pooled = (o.mismatches + c.disagreements) / (o.compared + c.compared);
    const minCell = Math.min(o.compared, c.compared) * Math.min(pooled, 1 - pooled);
    let pValue: number;
    let fails: boolean;
    let inconclusive = false;
    let method: NoiseJudgement['method'];
    if (minCell >= MIN_EXPECTED_CELL) {
      method = 'pooled-z';
      const se = Math.sqrt(pooled * (1 - pooled) * (1 / o.compared + 1 / c.compared));
      pValue = normalSf((raw - c.rate - maxExcess) / se);
      fails = pValue < alpha;
    } else {
      method = 'fisher-exact';
      pValue = fisherExact2x2([[o.mismatches, o.compared - o.mismatches], [c.disagreements, c.compared - c.disagreements]], { alternative: 'greater' }).pValue;
      fails = maxExcess === 0 && pValue < alpha;
      inconclusive = !fails && o.mismatches > 0;
    }
    const j: NoiseJudgement = { field: o.field, raw, noise: c.rate, excess: raw - c.rate, maxExcess, pValue, alpha, fails, inconclusive, method, n: { observed: o.compared, calibration: c.compared } };
    if (o.group !== undefined) j.group = o.group;
    out.push(j);
  }
  return out;
}
