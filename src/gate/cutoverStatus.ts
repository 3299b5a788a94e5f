import type { HistoryRecord } from '../history/types.js';
import { runsOf } from './_internal/runs.js';
import { evaluateCriteria } from './evaluateCriteria.js';
import { resolveCriteria } from './resolveCriteria.js';
import type { CutoverManifest, Side, Stage } from './types.js';

/** One event type's standing. @example const ready = cutoverStatus(manifest, records).eventTypes.filter((t: EventTypeStatus) => t.ready); */
export interface EventTypeStatus {
  eventType: string;
  stage: Stage;
  /** Consecutive clean runs counted back from the latest, under the criteria to leave the current stage (every record passing when none are declared). */
  streak: number;
  /** Clean runs the criteria to leave the stage ask for (undefined when none are declared or the stage is ON). */
  needed?: number;
  /** Every criterion to leave the stage holds now. */
  ready: boolean;
  runs: number;
  lastRun?: { runId: string; timestamp: string };
  /** The latest failing or erroring record. */
  lastFailure?: { runId: string; timestamp: string; tier: string; verdict: string; codes: string[] };
  consumers: { name: string; reads: Side; order: number }[];
}

/** The outcome of {@link cutoverStatus}. @example const { eventTypes, unlisted }: CutoverStatus = cutoverStatus(manifest, records); */
export interface CutoverStatus {
  eventTypes: EventTypeStatus[];
  /** Event types with history but no entry in the manifest. */
  unlisted: string[];
}

/**
 * Each event type's stage, streak of clean runs, last failure and consumers' sides. EXEC is judged on
 * reverse-shadow runs, the other stages on forward runs.
 *
 * @example
 * for (const t of cutoverStatus(manifest, records).eventTypes) console.log(t.eventType, t.stage, t.streak);
 */
export function cutoverStatus(manifest: CutoverManifest, records: readonly HistoryRecord[]): CutoverStatus {
  const eventTypes = Object.keys(manifest.eventTypes).sort().map((eventType): EventTypeStatus => {
    const entry = manifest.eventTypes[eventType];
    const own = records.filter((r) => r.eventType === eventType);
    const criteria = resolveCriteria(manifest, eventType, entry.stage);
    const direction = entry.stage === 'EXEC' ? 'reverse' : 'forward';
    const evaluation = evaluateCriteria(own, criteria ?? {}, { direction });
    const all = runsOf(own);
    const last = all[all.length - 1];
    // the latest failing record; among records of the same time, the last in a fixed (tier, test) order
    const key = (r: HistoryRecord) => [Date.parse(r.timestamp), r.tier, r.test ?? ''] as const;
    const later = (a: HistoryRecord, b: HistoryRecord) => {
      const [ta, ra, sa] = key(a);
      const [tb, rb, sb] = key(b);
      return ta !== tb ? ta > tb : ra !== rb ? ra > rb : sa > sb;
    };
    const lf = own.filter((r) => r.verdict === 'fail' || r.verdict === 'error').reduce<HistoryRecord | undefined>((m, r) => (!m || later(r, m) ? r : m), undefined);
    return {
      eventType,
      stage: entry.stage,
      streak: evaluation.streak,
      needed: criteria ? (criteria.consecutiveCleanRuns ?? 1) : undefined,
      ready: criteria !== undefined && evaluation.holds,
      runs: all.length,
      lastRun: last && { runId: last.runId, timestamp: last.timestamp },
      lastFailure: lf && { runId: lf.runId, timestamp: lf.timestamp, tier: lf.tier, verdict: lf.verdict, codes: [...new Set(lf.reasons.map((r) => r.code))] },
      consumers: [...(entry.consumers ?? [])].sort((a, b) => a.order - b.order).map(({ name, reads, order }) => ({ name, reads, order })),
    };
  });
  const unlisted = [...new Set(records.map((r) => r.eventType))].filter((t) => !(t in manifest.eventTypes)).sort();
  return { eventTypes, unlisted };
}
