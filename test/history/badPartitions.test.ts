import { describe, expect, test } from 'vitest';
import { badPartitions } from '../../src/history/badPartitions.js';
import type { HistoryRecord } from '../../src/history/types.js';

const rec = (runId: string, day: number, verdict: HistoryRecord['verdict'], over: Partial<HistoryRecord> = {}): HistoryRecord => ({
  version: 1,
  runId,
  timestamp: new Date(Date.UTC(2026, 11, day, 2)).toISOString(),
  eventType: 'search',
  tier: 'events',
  verdict,
  reasons: [],
  figures: {},
  partition: `2026-12-0${day - 1}`,
  ...over,
});

describe('badPartitions', () => {
  test('marks the partitions whose latest record per tier failed', () => {
    const records = [
      rec('n1', 2, 'pass'),
      rec('n2', 3, 'fail'),
      rec('n2', 3, 'pass', { tier: 'sequences' }),
      rec('n3', 4, 'inconclusive'),
      rec('n4', 5, 'error'),
      rec('n5', 6, 'fail', { eventType: 'ads', tier: 'sequences' }),
      rec('n5', 6, 'fail', { partition: undefined }),
    ];
    expect(badPartitions(records)).toEqual([
      { eventType: 'ads', partition: '2026-12-05', runId: 'n5', tier: 'sequences' },
      { eventType: 'search', partition: '2026-12-02', runId: 'n2', tier: 'events' },
    ]);
  });

  test('a later passing re-run of the same partition and tier clears the mark, whatever the array order', () => {
    const fail = rec('n2', 3, 'fail');
    const rerun = rec('n2-rerun', 3, 'pass', { timestamp: '2026-12-03T09:00:00.000Z' });
    expect(badPartitions([rerun, fail])).toEqual([]);
    expect(badPartitions([fail])).toHaveLength(1);
  });
});
