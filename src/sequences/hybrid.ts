/**
 * Hybrid sequences: while only some event types are cut over, what consumers read mixes new events for the
 * migrated types with legacy events for the rest. Comparing that hybrid with the legacy sequences catches an
 * assembly bug that only shows once types mix (a clock offset, a tie-break, an entity key format of the new
 * pipeline) before the next type moves.
 */
import { compileGetter } from '../_internal/path.js';
import { ShadowOptionError, assertKnownKeys, assertPlainObject, describeValue } from '../_internal/options.js';
import { toRows, type DatasetInput, type Row } from '../dataset/toRows.js';
import { sortReasons, verdictOf } from '../report/types.js';
import type { CompareSequencesOptions, SequenceReport } from './compareSequences.js';
import { resolveSequenceOptions } from './_internal/resolveOptions.js';
import { runSequences } from './_internal/runSequences.js';

/**
 * The `hybrid` option of compareSequences: compare the hybrid sequences (shadow events of the migrated types,
 * legacy events of the others) with the legacy sequences.
 *
 * @example
 * const hybrid: HybridOption = { migrated: ['search'], type: 'eventType' };
 */
export interface HybridOption {
  /** The event types already cut over: their events are taken from shadow, the others' from legacy. */
  migrated: readonly string[];
  /**
   * Path of the event type in an event.
   * @defaultValue 'type'
   */
  type?: string;
}

/** What the hybrid was assembled from, recorded in the report. @example report.hybrid?.fromShadow // shadow events taken */
export interface HybridSummary {
  migrated: string[];
  type: string;
  /** Shadow events taken (migrated types). */
  fromShadow: number;
  /** Legacy events taken (the other types). */
  fromLegacy: number;
}

const FN = 'compareSequences';

/**
 * The candidate side of a hybrid comparison: the shadow rows whose type is migrated, then the legacy rows
 * whose type is not. Row order is kept within each side.
 *
 * @example
 * hybridEvents([{ type: 'click' }, { type: 'search', v: 'old' }], [{ type: 'search', v: 'new' }], { migrated: ['search'] })
 * // => [{ type: 'search', v: 'new' }, { type: 'click' }]
 */
export function hybridEvents(legacy: DatasetInput, shadow: DatasetInput, hybrid: HybridOption): Row[] {
  return assemble(toRows(legacy, FN, 'legacy'), toRows(shadow, FN, 'shadow'), validate(hybrid)).rows;
}

function validate(hybrid: unknown): Required<HybridOption> {
  assertPlainObject(FN, 'hybrid', hybrid);
  assertKnownKeys(FN, 'hybrid', hybrid, ['migrated', 'type']);
  const { migrated, type = 'type' } = hybrid as Partial<HybridOption>;
  if (!Array.isArray(migrated) || migrated.length === 0 || migrated.some((t) => typeof t !== 'string' || t === '')) {
    throw new ShadowOptionError(`${FN}: hybrid.migrated must be a non-empty array of event type names, got ${describeValue(migrated)}; with no migrated type there is no hybrid (compare legacy with shadow instead)`);
  }
  if (typeof type !== 'string' || type === '') throw new ShadowOptionError(`${FN}: hybrid.type must be a path such as 'type', got ${describeValue(type)}`);
  return { migrated, type };
}

function assemble(legacy: readonly Row[], shadow: readonly Row[], h: Required<HybridOption>) {
  const get = compileGetter(h.type);
  const migrated = new Set<unknown>(h.migrated);
  const fromShadow = shadow.filter((r) => migrated.has(get(r)));
  const fromLegacy = legacy.filter((r) => !migrated.has(get(r)));
  return { rows: [...fromShadow, ...fromLegacy], fromShadow: fromShadow.length, fromLegacy: fromLegacy.length };
}

/**
 * compareSequences with `hybrid`: the legacy sequences are the reference, the hybrid the candidate. Flat events
 * only (the hybrid is assembled here by the same rules as legacy). A hybrid with no shadow event of a migrated
 * type fails (HYBRID_NO_SHADOW_EVENTS): it would only compare legacy with itself.
 *
 * @example
 * compareSequences(legacy, shadow, { entity: 'user', orderBy: 'ts', id: 'id', hybrid: { migrated: ['search'] } });
 */
export function compareHybridSequences(
  legacy: DatasetInput,
  shadow: DatasetInput,
  options: CompareSequencesOptions & { hybrid: HybridOption },
): SequenceReport & { hybrid: HybridSummary } {
  const { hybrid, ...rest } = options;
  const h = validate(hybrid);
  if (rest.assembled) {
    throw new ShadowOptionError(`${FN}: hybrid needs flat events (assembled must be false): the hybrid is assembled from events of both pipelines`);
  }
  const lrows = toRows(legacy, FN, 'legacy');
  const parts = assemble(lrows, toRows(shadow, FN, 'shadow'), h);
  const o = resolveSequenceOptions(rest);
  const { report } = runSequences(lrows, parts.rows, o, FN);
  if (parts.fromShadow === 0) {
    report.reasons = sortReasons([
      ...report.reasons,
      {
        code: 'HYBRID_NO_SHADOW_EVENTS',
        severity: 'fail',
        subject: 'hybrid.migrated',
        expected: '> 0 shadow events of a migrated type',
        received: 0,
        message: `shadow has no event of the migrated type${h.migrated.length === 1 ? '' : 's'} ${h.migrated.join(', ')} (at '${h.type}'): the hybrid would only compare legacy with itself`,
      },
    ]);
    report.verdict = verdictOf(report.reasons);
  }
  return Object.assign(report, { hybrid: { migrated: [...h.migrated], type: h.type, fromShadow: parts.fromShadow, fromLegacy: parts.fromLegacy } });
}
