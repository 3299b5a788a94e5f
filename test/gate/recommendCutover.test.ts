import { describe, expect, test } from 'vitest';
import { cutoverStatus } from '../../src/gate/cutoverStatus.js';
import { recommendCutover } from '../../src/gate/recommendCutover.js';
import type { CutoverManifest } from '../../src/gate/types.js';
import { nights } from './_nights.js';

const m: CutoverManifest = {
  version: 1,
  defaults: { criteria: { SHADOW: { consecutiveCleanRuns: 2 }, COMPARISON: { consecutiveCleanRuns: 2 }, EXEC: { consecutiveCleanRuns: 2 } } },
  eventTypes: {
    search: { stage: 'SHADOW' },
    ads: { stage: 'EXEC', consumers: [{ name: 'dash', reads: 'shadow', order: 1 }, { name: 'bill', reads: 'legacy', order: 2 }] },
    feed: { stage: 'COMPARISON', consumers: [{ name: 'dash', reads: 'legacy', order: 1 }] },
    news: { stage: 'SHADOW' },
  },
};
const records = [
  ...nights('search', 1, 3),
  ...nights('ads', 1, 2),
  ...nights('ads', 3, 4, (n) => ({ reverse: true, ...(n === 4 ? { tiers: { events: 'fail', sequences: 'pass' } } : {}) })),
  ...nights('feed', 1, 3),
  ...nights('news', 1, 3, (n) => (n === 3 ? { tiers: { events: 'error' } } : {})),
];

describe('recommendCutover', () => {
  test('demotes a type whose latest reverse-shadow run failed, switching its consumers back, and advances the ready ones', () => {
    const r = recommendCutover(m, records);
    expect(r.recommendations.map((x) => `${x.kind} ${x.eventType} ${x.from}→${x.to}${x.consumers?.length ? ` [${x.consumers}]` : ''}: ${x.because}`)).toMatchInlineSnapshot(`
      [
        "demote ads EXEC→COMPARISON [dash]: the latest reverse-shadow run n4 (2026-11-04T02:00:00.000Z) failed: events fail [MATCH_RATE_BELOW_MIN]",
        "switch feed COMPARISON→COMPARISON [dash]: the criteria of COMPARISON hold on n2, n3; order 1 is next",
        "advance search SHADOW→COMPARISON: every criterion to leave SHADOW holds on n2, n3 (streak 3)",
      ]
    `);
    expect(r.patch).toMatchInlineSnapshot(`
      [
        {
          "op": "replace",
          "path": "/eventTypes/ads/stage",
          "value": "COMPARISON",
        },
        {
          "op": "replace",
          "path": "/eventTypes/ads/consumers/0/reads",
          "value": "legacy",
        },
        {
          "op": "replace",
          "path": "/eventTypes/feed/consumers/0/reads",
          "value": "shadow",
        },
        {
          "op": "replace",
          "path": "/eventTypes/search/stage",
          "value": "COMPARISON",
        },
      ]
    `);
  });

  test('does not demote once the latest reverse run is clean again', () => {
    const fixed = [...records, ...nights('ads', 5, 5, () => ({ reverse: true }))];
    expect(recommendCutover(m, fixed).recommendations.filter((x) => x.kind === 'demote')).toEqual([]);
  });
});

describe('cutoverStatus', () => {
  test("reports each type's stage, streak, last failure and consumers", () => {
    const s = cutoverStatus(m, [...records, ...nights('orphan', 1, 1)]);
    expect(s.unlisted).toEqual(['orphan']);
    expect(s.eventTypes.map((t) => [t.eventType, t.stage, t.streak, t.needed, t.ready, t.lastFailure?.runId ?? '-'].join(' '))).toMatchInlineSnapshot(`
      [
        "ads EXEC 0 2 false n4",
        "feed COMPARISON 3 2 true -",
        "news SHADOW 0 2 false n3",
        "search SHADOW 3 2 true -",
      ]
    `);
  });
});
