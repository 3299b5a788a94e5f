/**
 * The cutover manifest (`cutover.json`): per event type its stage, the criteria to leave each stage,
 * and its consumers with the side each reads. JSON Schema: `schemas/cutover.schema.json`.
 */
import type { HistoryVerdict } from '../history/types.js';

/**
 * The stages an event type walks, in order:
 * - `OFF`: only legacy runs.
 * - `SHADOW`: the new pipeline runs and is compared; legacy serves.
 * - `COMPARISON`: a sustained clean window is required; consumers may start to switch.
 * - `EXEC`: the new pipeline serves; legacy still runs and is compared (reverse shadow: shadow is the reference).
 * - `ON`: legacy retired for this type.
 *
 * @example
 * const stage: Stage = 'COMPARISON';
 */
export type Stage = 'OFF' | 'SHADOW' | 'COMPARISON' | 'EXEC' | 'ON';

/** The stages in order. @example STAGES.indexOf('EXEC') // => 3 */
export const STAGES: readonly Stage[] = ['OFF', 'SHADOW', 'COMPARISON', 'EXEC', 'ON'];

/** The side a consumer reads. @example const side: Side = 'legacy'; */
export type Side = 'legacy' | 'shadow';

/**
 * The sides that exist at each stage: no shadow output at `OFF`, no legacy output at `ON`.
 * @example SIDES_AT.ON // => ['shadow']
 */
export const SIDES_AT: Readonly<Record<Stage, readonly Side[]>> = {
  OFF: ['legacy'],
  SHADOW: ['legacy', 'shadow'],
  COMPARISON: ['legacy', 'shadow'],
  EXEC: ['legacy', 'shadow'],
  ON: ['shadow'],
};

/**
 * The tiers a criterion can name. A history record's tier `outputs:<model>` (one per model) counts as `outputs`.
 * @example KNOWN_TIERS.includes('sequences') // => true
 */
export const KNOWN_TIERS = ['events', 'sequences', 'tiers', 'outputs', 'profiles', 'bytes', 'queries', 'replay', 'custom'] as const;

/** A tier name from {@link KNOWN_TIERS}. @example const tier: Tier = 'sequences'; */
export type Tier = (typeof KNOWN_TIERS)[number];

/** The pipeline metrics a regression bound can name. @example REGRESSION_METRICS[0] // => 'landingMs' */
export const REGRESSION_METRICS = ['landingMs', 'cpuSeconds', 'memoryMb', 'cost'] as const;

/**
 * A difference known and accepted: a failing record whose every reason has one of these codes (in this tier,
 * when given) counts as clean.
 * @example
 * const known: KnownDifference = { code: 'FIELD_MISMATCH', tier: 'events', note: 'DATA-412: rounding of price fixed in shadow' };
 */
export interface KnownDifference {
  code: string;
  tier?: Tier;
  note?: string;
}

/**
 * What the history must show to leave a stage. Every criterion is judged on each of the last
 * `consecutiveCleanRuns` runs; a run is clean when every criterion holds on it.
 *
 * @example
 * const criteria: StageCriteria = {
 *   consecutiveCleanRuns: 7, minRowsPerRun: 100_000,
 *   tiers: { events: 'pass', sequences: 'pass', outputs: ['pass', 'inconclusive'] },
 *   maxRegression: { landingMs: 0.1, cost: 0.2 }, customChecks: ['search > revenue totals agree'],
 * };
 */
export interface StageCriteria {
  /**
   * How many of the latest runs must be clean, consecutively.
   * @defaultValue 1
   */
  consecutiveCleanRuns?: number;
  /**
   * Least rows per run on each side (`min(rows.legacy, rows.shadow)` of every record that counts rows).
   * @defaultValue no bound
   */
  minRowsPerRun?: number;
  /**
   * The verdicts required per tier: each named tier must have a record in the run, and every record of it an
   * allowed verdict. Tiers not named are not judged.
   * @defaultValue every record of the run must pass
   */
  tiers?: Partial<Record<Tier, Extract<HistoryVerdict, 'pass' | 'inconclusive'> | Extract<HistoryVerdict, 'pass' | 'inconclusive'>[]>>;
  /**
   * Reason codes accepted as known differences.
   * @defaultValue none
   */
  knownDifferences?: KnownDifference[];
  /**
   * Bounds on the relative regression of the shadow pipeline against legacy, per metric:
   * `shadow / legacy - 1 <= bound` (0.1 allows 10% slower or costlier). A bounded metric missing from a run
   * does not hold.
   * @defaultValue no bound
   */
  maxRegression?: Partial<Record<(typeof REGRESSION_METRICS)[number], number>>;
  /**
   * Named tests that must run and pass in every judged run: a record's `test` equal to the name or ending
   * with ` > name` (the full Vitest name of a test nested in describe blocks).
   * @defaultValue none
   */
  customChecks?: string[];
}

/**
 * A consumer of an event type's output.
 * @example
 * const c: Consumer = { name: 'ranking-features', reads: 'legacy', order: 2, queries: ['daily_clicks_by_user'] };
 */
export interface Consumer {
  name: string;
  /** The side it reads now. */
  reads: Side;
  /** Switching order, low blast radius first: a consumer may switch once every lower order reads shadow. */
  order: number;
  /** The consumer's own queries, reconciled in the `queries` tier (a record whose `test` is the query name or ends with ` > name`). */
  queries?: string[];
  description?: string;
}

/**
 * One event type's entry.
 * @example
 * const entry: EventTypeEntry = { stage: 'SHADOW', criteria: { SHADOW: { consecutiveCleanRuns: 3 } }, consumers: [] };
 */
export interface EventTypeEntry {
  stage: Stage;
  /** The criteria to leave each stage (`ON` is last: nothing to leave to). Merged over `defaults.criteria`. */
  criteria?: Partial<Record<Exclude<Stage, 'ON'>, StageCriteria>>;
  consumers?: Consumer[];
  description?: string;
}

/**
 * The whole manifest.
 * @example
 * const manifest: CutoverManifest = { version: 1, eventTypes: { search: { stage: 'SHADOW' } } };
 */
export interface CutoverManifest {
  $schema?: string;
  version: 1;
  /** Criteria shared by every event type, per stage; an event type's own criteria override them key by key. */
  defaults?: { criteria?: EventTypeEntry['criteria'] };
  eventTypes: Record<string, EventTypeEntry>;
}

/**
 * A manifest's entry for an event type, or undefined when it has none: an own property only, so an
 * event type named `constructor` or `toString` is never read off Object.prototype.
 *
 * @example
 * eventTypeEntry(manifest, 'search')?.stage
 */
export function eventTypeEntry(manifest: CutoverManifest | undefined, eventType: string): CutoverManifest['eventTypes'][string] | undefined {
  return manifest && Object.hasOwn(manifest.eventTypes, eventType) ? manifest.eventTypes[eventType] : undefined;
}
