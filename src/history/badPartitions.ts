import type { HistoryRecord } from './types.js';

/** A partition a failing run marked bad: downstream jobs refuse it. @example const refuse = new Set(badPartitions(records).map((b: BadPartition) => `${b.eventType}/${b.partition}`)); */
export interface BadPartition {
  eventType: string;
  partition: string;
  /** The run whose failing record marks it. */
  runId: string;
  tier: string;
}

/**
 * The partitions downstream jobs should refuse: for each (event type, partition, tier) the latest record
 * (by timestamp; on a tie the later in the array) decides, and it marks the partition bad when its verdict is
 * `fail`. A later passing re-run of the same partition and tier clears the mark; `inconclusive` and `error`
 * (the tier did not reach a verdict on the data) do not mark it. Records without a partition are ignored.
 * Sorted by event type, partition, tier.
 *
 * @example
 * badPartitions([
 *   { version: 1, runId: 'r1', timestamp: '2026-12-05T02:00:00Z', eventType: 'search', tier: 'events',
 *     verdict: 'fail', reasons: [], figures: {}, partition: '2026-12-04' },
 * ]) // => [{ eventType: 'search', partition: '2026-12-04', runId: 'r1', tier: 'events' }]
 */
export function badPartitions(records: HistoryRecord[]): BadPartition[] {
  const latest = new Map<string, { record: HistoryRecord; t: number }>();
  for (const record of records) {
    if (record.partition === undefined) continue;
    const k = JSON.stringify([record.eventType, record.partition, record.tier]);
    const t = Date.parse(record.timestamp);
    const prev = latest.get(k);
    if (!prev || t >= prev.t) latest.set(k, { record, t });
  }
  const out: BadPartition[] = [];
  for (const { record } of latest.values()) {
    if (record.verdict !== 'fail') continue;
    out.push({ eventType: record.eventType, partition: record.partition!, runId: record.runId, tier: record.tier });
  }
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return out.sort((a, b) => cmp(a.eventType, b.eventType) || cmp(a.partition, b.partition) || cmp(a.tier, b.tier));
}
