import type { RunFile } from '../../src/plugin/types.js';

/** A small run by hand: two event types, a pass, a fail, an inconclusive and an error. */
export function sampleRun(): RunFile {
  return {
    version: 1,
    runId: 'night-1',
    timestamp: '2026-12-05T03:00:00.000Z',
    partition: '2026-12-04',
    commit: '0123456789abcdef0123',
    durationMs: 4200,
    summary: { checks: 4, pass: 1, fail: 1, inconclusive: 1, error: 1 },
    entries: [
      { test: 'shadow > click > events', file: 'n.test.ts', eventType: 'click', tier: 'events', verdict: 'pass', reasons: [], figures: { matchRate: 1, missingRate: 0 }, rows: { legacy: 10, shadow: 10 }, durationMs: 120 },
      {
        test: 'shadow > search > events', file: 'n.test.ts', eventType: 'search', tier: 'events', verdict: 'fail',
        reasons: [{ code: 'MATCH_RATE_BELOW_MIN', message: '97.50% of legacy events match within tolerance, 99.00% required' }],
        figures: { matchRate: 0.975, missingRate: 0 }, rows: { legacy: 200, shadow: 200 }, durationMs: 300,
        plots: { distributions: [{ name: 'price', edges: [0, 1, 2], legacy: [3, 1], shadow: [1, 3] }] },
        report: { kind: 'events', version: 1, verdict: 'fail', reasons: [], fields: [{ field: 'price', mismatchRate: 0.025 }] } as never,
      },
      { test: 'shadow > search > outputs: ctr', file: 'n.test.ts', eventType: 'search', tier: 'outputs:ctr', verdict: 'inconclusive', reasons: [{ code: 'TOO_FEW', message: 'a <b>|c</b> & d' }], figures: { ks: 0.0123456 } },
      { test: 'shadow > refund > events', file: 'n.test.ts', eventType: 'refund', tier: 'events', verdict: 'error', reasons: [{ code: 'TEST_ERROR', message: "no rows of event type 'refund' in shadow (x.jsonl)" }], figures: {} },
    ],
  };
}
