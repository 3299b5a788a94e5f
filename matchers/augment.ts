/**
 * Type augmentation for Vitest's `expect`: importing `vitest-shadow/setup` (or this file) makes
 * every vitest-shadow matcher known to TypeScript on `expect(x)` and as an asymmetric matcher.
 */
import type { CompareEventsOptions } from '../src/events/compareEvents.js';
import type { DatasetInput } from '../src/dataset/toRows.js';
import type { CompareSequencesOptions } from '../src/sequences/compareSequences.js';
import type { CompareTiersOptions, TierInput } from '../src/tiers/compareTiers.js';
import type { CompareDistributionOptions } from '../src/outputs/compareDistribution.js';
import type { CompareAgreementOptions, Prediction } from '../src/outputs/compareAgreement.js';
import type { ValuesInput } from '../src/outputs/statsInputs.js';
import type { ToBeEquivalentToOptions } from './toBeEquivalentTo.js';
import type { ToHaveEquivalentAucOptions } from './toHaveEquivalentAuc.js';
import type { CompareEventSourcesOptions } from '../src/suite/compareEventSources.js';
import type { GroupOptions } from '../src/groups/types.js';
import type { CompareProfileOptions, ProfileInput } from '../src/profiles/compareProfile.js';
import type { CompareBytesOptions } from '../src/bytes/compareBytes.js';
import type { ToReconcileQueriesOptions } from './toReconcileQueries.js';

/**
 * The vitest-shadow matchers as they appear on `expect(received)`.
 *
 * @example
 * expect(shadowRows).toApproximatelyMatch(legacyRows, { key: 'id' });
 */
export interface ShadowMatchers<R = unknown> {
  // ── Event tier ──
  /**
   * Passes when the received (shadow) events approximately match the legacy events under
   * `options` (see compareEvents).
   * @example
   * expect(shadow).toApproximatelyMatch(legacy, { key: 'id', fields: { price: { abs: 0.01 } } });
   * // file paths or globs on both sides: loaded, or run in DuckDB when large; await it
   * await expect('out/shadow.jsonl').toApproximatelyMatch('out/legacy.jsonl', { key: 'id' });
   */
  toApproximatelyMatch(
    legacy: DatasetInput | string | readonly string[],
    options: CompareEventsOptions | CompareEventSourcesOptions | (CompareEventsOptions & GroupOptions<CompareEventsOptions>),
  ): R;

  // ── Sequence tier ──
  /**
   * Passes when the received (shadow) per-entity sequences match the legacy ones under `options`
   * (see compareSequences): assembly, window, tie rule, field tolerances and thresholds.
   * @example
   * expect(shadow).toMatchSequences(legacy, { entity: 'userId', orderBy: 'ts', id: 'eventId', window: { last: 50 } });
   */
  toMatchSequences(legacy: DatasetInput, options: CompareSequencesOptions): R;
  /**
   * Passes when shadow matches legacy on both the event tier and the sequence tier (see
   * compareTiers); a failure says where the tiers disagree, with example entities.
   * @example
   * expect(shadow).toMatchTiers(legacy, { events: { key: 'eventId' }, sequences: { entity: 'userId', orderBy: 'ts', id: 'eventId' } });
   */
  toMatchTiers(legacy: TierInput, options: CompareTiersOptions): R;

  // ── Statistics ──
  /**
   * Passes only when the TOST (1 − 2α) interval of mean(shadow − legacy) lies inside ±margin
   * (see compareEquivalence); inconclusive samples fail and say which margin they support.
   * `.not` is refused.
   * @example
   * expect(shadowScores).toBeEquivalentTo(legacyScores, { margin: 0.01, paired: true });
   */
  toBeEquivalentTo(legacy: ValuesInput, options: ToBeEquivalentToOptions): R;
  /**
   * Passes only when the (1 − α) upper bound of every requested distance (maxKs, maxWasserstein,
   * maxPsi, maxJensenShannon) is within its maximum (see compareDistribution). `.not` is refused.
   * @example
   * expect(shadowScores).toMatchDistribution(legacyScores, { maxKs: 0.05, seed: 1 });
   */
  toMatchDistribution(legacy: ValuesInput, options: CompareDistributionOptions): R;
  /**
   * Passes only when the DeLong lower bound of AUC_shadow − AUC_legacy is above −margin
   * (non-inferiority on the same labelled examples; see compareAuc). `.not` is refused.
   * @example
   * expect(shadowScores).toHaveEquivalentAuc(legacyScores, { labels, margin: 0.01 });
   */
  toHaveEquivalentAuc(legacy: ArrayLike<number> | ReadonlyMap<unknown, number>, options: ToHaveEquivalentAucOptions): R;
  /**
   * Passes only when the Wilson lower bound of the share of agreeing class predictions is at
   * least minAgreement; McNemar's test is reported (see compareAgreement).
   * @example
   * expect(shadowPredictions).toAgreeWith(legacyPredictions, { minAgreement: 0.98 });
   */
  toAgreeWith(legacy: ValuesInput<Prediction>, options: CompareAgreementOptions): R;

  // ── Dataset and byte level ──
  /**
   * Passes when every column's counts, null rate, distinct count, mean, quantiles, KS distance,
   * category and type shares are within their bounds widened by sampling noise, and no column was
   * added, removed or retyped (see compareProfile). Either side may be a stored profile.
   * @example
   * expect(shadowRows).toMatchProfile(storedLegacyProfile, { maxNullRateDelta: 0.001 });
   */
  toMatchProfile(legacy: ProfileInput, options?: CompareProfileOptions | (CompareProfileOptions & GroupOptions<CompareProfileOptions>)): R;
  /**
   * Passes when legacy records are byte-equal in shadow after the declared normalisation, at the
   * required rate (see compareBytes); with `by`, per event type, each group with its own verdict.
   * @example
   * expect(shadowRecords).toMatchBytes(legacyRecords, { key: 'id', normalize: { drop: ['ingestedAt'] } });
   */
  toMatchBytes(legacy: DatasetInput, options: CompareBytesOptions | (CompareBytesOptions & GroupOptions<CompareBytesOptions>)): R;
  // ── Consumer queries ──
  /**
   * Passes when every consumer query sees the same result on shadow as on legacy (see
   * compareQueries). Asynchronous: await it.
   * @example
   * await expect('shadow.parquet').toReconcileQueries('legacy.parquet', { queries: [{ name: 'per day', sql: 'SELECT day, count(*) AS n FROM data GROUP BY day' }] });
   */
  toReconcileQueries(legacy: string | readonly Record<string, unknown>[], options: ToReconcileQueriesOptions): Promise<R>;
}

// Vitest 4.x merges custom matchers through `Matchers<T>` (measured on 4.1.12: augmenting
// `Assertion<T>` does not reach `expect(x)`). Vitest 5 declares `Matchers<R, T>` instead; its
// users add, in a .d.ts of their own (see README, "Vitest 5"):
//   declare module 'vitest' { interface Matchers<R, T> extends ShadowMatchers<R> {} }
declare module 'vitest' {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  interface Matchers<T = any> extends ShadowMatchers<T> {}
  interface AsymmetricMatchersContaining extends ShadowMatchers {}
}
