import type { HistoryRecord } from '../../history/types.js';

/** The records of one nightly run of one event type. */
export interface Run {
  runId: string;
  /** The latest timestamp among its records. */
  timestamp: string;
  /** True when its records are reverse-shadow records (stage EXEC). */
  reverse: boolean;
  records: HistoryRecord[];
}

/**
 * Groups one event type's records by run and direction, oldest first: a run id's forward records and
 * its reverse records are two runs (one reverse record never hides a failing forward one).
 * `direction` keeps only forward or only reverse runs.
 */
export function runsOf(records: readonly HistoryRecord[], direction?: 'forward' | 'reverse'): Run[] {
  const byId = new Map<string, Run>();
  for (const r of records) {
    const reverse = r.reverse === true;
    const id = `${reverse ? 'r' : 'f'}\u0000${r.runId}`;
    let run = byId.get(id);
    if (!run) byId.set(id, (run = { runId: r.runId, timestamp: r.timestamp, reverse, records: [] }));
    run.records.push(r);
    if (Date.parse(r.timestamp) > Date.parse(run.timestamp)) run.timestamp = r.timestamp;
  }
  const runs = [...byId.values()].filter((r) => direction === undefined || r.reverse === (direction === 'reverse'));
  // Records in a fixed order (tier, test, time, verdict, reasons), so evidence reads the same whatever the file order.
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  for (const run of runs) {
    run.records.sort((a, b) => cmp(a.tier, b.tier) || cmp(a.test ?? '', b.test ?? '') || Date.parse(a.timestamp) - Date.parse(b.timestamp) || cmp(a.verdict, b.verdict) || cmp(JSON.stringify(a.reasons), JSON.stringify(b.reasons)));
  }
  return runs.sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp) || (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0) || Number(a.reverse) - Number(b.reverse));
}
