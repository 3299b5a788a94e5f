import { describe, expect, test } from 'vitest';
import { decideGate } from '../../src/gate/decideGate.js';
import { renderGateMarkdown } from '../../src/gate/renderGateMarkdown.js';
import type { Consumer, CutoverManifest, EventTypeEntry } from '../../src/gate/types.js';
import { nights } from './_nights.js';

const criteria: EventTypeEntry['criteria'] = {
  SHADOW: { consecutiveCleanRuns: 3 },
  COMPARISON: { consecutiveCleanRuns: 3, maxRegression: { landingMs: 0.1 } },
  EXEC: { consecutiveCleanRuns: 2 },
};
const manifest = (types: Record<string, Partial<EventTypeEntry>>): CutoverManifest => ({
  version: 1,
  eventTypes: Object.fromEntries(Object.entries(types).map(([t, e]) => [t, { stage: 'SHADOW', criteria, ...e } as EventTypeEntry])),
});
const summaries = (d: ReturnType<typeof decideGate>) => d.items.map((i) => `${i.allowed ? 'allowed' : 'blocked'} ${i.eventType}${i.consumer ? `/${i.consumer}` : ''}: ${i.summary}`);

const clean = nights('search', 1, 5);
const failing = nights('search', 1, 5, (n) => (n === 4 ? { tiers: { events: 'fail', sequences: 'pass' } } : {}));

describe('decideGate', () => {
  test('passes an advance whose criteria hold, naming the runs relied on', () => {
    const d = decideGate(manifest({ search: {} }), manifest({ search: { stage: 'COMPARISON' } }), clean);
    expect(d.allowed).toBe(true);
    expect(d.items[0].evaluation!.judged.map((r) => r.runId)).toEqual(['n3', 'n4', 'n5']);
  });

  test('fails an advance after a failing night inside the window', () => {
    const d = decideGate(manifest({ search: {} }), manifest({ search: { stage: 'COMPARISON' } }), failing);
    expect(summaries(d)).toMatchInlineSnapshot(`
      [
        "blocked search: blocked: SHADOW → COMPARISON needs consecutiveCleanRuns, tiers",
      ]
    `);
    expect(d.items[0].evaluation!.criteria.find((c) => c.criterion === 'consecutiveCleanRuns')!.failingRuns).toEqual(['n4']);
  });

  test('allows moving back and says so; refuses a skipped stage and a removal of a live type', () => {
    const d = decideGate(
      manifest({ search: { stage: 'EXEC' }, ads: { stage: 'SHADOW' }, feed: { stage: 'COMPARISON' } }),
      manifest({ search: { stage: 'SHADOW' }, ads: { stage: 'EXEC' } }),
      [],
    );
    expect(summaries(d)).toMatchInlineSnapshot(`
      [
        "blocked ads: refused: SHADOW → EXEC skips COMPARISON; advance one stage at a time",
        "blocked feed: removed from the manifest at COMPARISON: refused; move its stage back to OFF first so its consumers are switched back explicitly",
        "allowed search: moves back EXEC → SHADOW: moving back is always allowed",
      ]
    `);
  });

  test('refuses switching a consumer of a type still in SHADOW, or out of order; allows switching back', () => {
    const consumers = [
      { name: 'dash', reads: 'legacy' as const, order: 1 },
      { name: 'billing', reads: 'legacy' as const, order: 2 },
    ];
    const inShadow = decideGate(
      manifest({ search: { consumers } }),
      manifest({ search: { consumers: [{ ...consumers[0], reads: 'shadow' }, consumers[1]] } }),
      clean,
    );
    expect(summaries(inShadow)).toMatchInlineSnapshot(`
      [
        "blocked search/dash: refused: search is still in SHADOW; consumers switch from COMPARISON on, once a clean window is shown",
      ]
    `);
    const outOfOrder = decideGate(
      manifest({ search: { stage: 'COMPARISON', consumers } }),
      manifest({ search: { stage: 'COMPARISON', consumers: [consumers[0], { ...consumers[1], reads: 'shadow' }] } }),
      clean,
    );
    expect(summaries(outOfOrder)).toMatchInlineSnapshot(`
      [
        "blocked search/billing: refused: switching order: dash (order 1) still reads legacy; order 2 switches after them",
      ]
    `);
    const inOrder = decideGate(
      manifest({ search: { stage: 'COMPARISON', consumers } }),
      manifest({ search: { stage: 'COMPARISON', consumers: [{ ...consumers[0], reads: 'shadow' }, consumers[1]] } }),
      clean,
    );
    expect(inOrder.allowed).toBe(true);
    const back = decideGate(
      manifest({ search: { stage: 'COMPARISON', consumers: [{ ...consumers[0], reads: 'shadow' }, consumers[1]] } }),
      manifest({ search: { stage: 'COMPARISON', consumers } }),
      failing,
    );
    expect(summaries(back)).toEqual(['allowed search/dash: back to legacy: switching back is always allowed']);
  });

  test('a switch in the change that also moves its type COMPARISON → EXEC is judged on the COMPARISON record', () => {
    const consumers = [{ name: 'dash', reads: 'legacy' as const, order: 1 }];
    const d = decideGate(
      manifest({ search: { stage: 'COMPARISON', consumers } }),
      manifest({ search: { stage: 'EXEC', consumers: [{ ...consumers[0], reads: 'shadow' }] } }),
      clean,
    );
    expect(d.items.map((i) => [i.kind, i.allowed, i.criteriaOf, i.evaluation?.direction])).toEqual([
      ['advance', true, 'COMPARISON', 'forward'],
      ['switch', true, 'COMPARISON', 'forward'],
    ]);
  });

  test('a stage without declared criteria blocks (OFF → SHADOW excepted); leaving EXEC needs reverse-shadow runs', () => {
    const bare = (stage: EventTypeEntry['stage']): CutoverManifest => ({ version: 1, eventTypes: { search: { stage } } });
    expect(decideGate(bare('SHADOW'), bare('COMPARISON'), clean).allowed).toBe(false);
    expect(decideGate(undefined, bare('SHADOW'), []).allowed).toBe(true);
    expect(decideGate(manifest({ search: { stage: 'EXEC' } }), manifest({ search: { stage: 'ON' } }), clean).allowed).toBe(false);
    const reverse = [...clean, ...nights('search', 6, 7, () => ({ reverse: true }))];
    expect(decideGate(manifest({ search: { stage: 'EXEC' } }), manifest({ search: { stage: 'ON' } }), reverse).allowed).toBe(true);
  });

  test("judges a move on the base's criteria: loosening the bar and clearing it in one change is blocked, with a note", () => {
    const loosened = manifest({ search: { stage: 'COMPARISON', criteria: { ...criteria, SHADOW: { consecutiveCleanRuns: 1 } } } });
    const d = decideGate(manifest({ search: {} }), loosened, failing);
    expect(d.allowed).toBe(false);
    expect(d.items[0].notes).toEqual([
      "the criteria to leave SHADOW change in this pull request; it is judged on the base's criteria (the new ones apply once merged)",
    ]);
    // criteria first declared in the change apply (the base declared none)
    const bare: CutoverManifest = { version: 1, eventTypes: { search: { stage: 'SHADOW' } } };
    expect(decideGate(bare, loosened, failing).allowed).toBe(true);
  });

  test('renders a Markdown verdict with a table per change', () => {
    const d = decideGate(manifest({ search: {} }), manifest({ search: { stage: 'COMPARISON' } }), failing);
    expect(renderGateMarkdown(d)).toMatchInlineSnapshot(`
      "## Cutover gate: ⛔ blocked (1 of 1 change)

      | event type | change | decision |
      |---|---|---|
      | search | SHADOW → COMPARISON | ⛔ blocked: SHADOW → COMPARISON needs consecutiveCleanRuns, tiers |

      ### search: SHADOW → COMPARISON — blocked

      blocked: SHADOW → COMPARISON needs consecutiveCleanRuns, tiers

      Criteria to leave SHADOW:

      Judged on 3 of 5 shadow runs: \`n3\`, \`n4\`, \`n5\`.

      | criterion | requirement | holds | evidence |
      |---|---|---|---|
      | consecutiveCleanRuns | 3 consecutive clean shadow runs | ⛔ no | streak 1; not clean: n4 |
      | tiers | every record passes | ⛔ no | n4: events fail [MATCH_RATE_BELOW_MIN] |
      "
    `);
    expect(renderGateMarkdown(decideGate(manifest({ search: {} }), manifest({ search: {} }), []))).toContain('Nothing advances');
  });
});

describe('decideGate: evidence that must not clear the gate (each case failed before its fix)', () => {
  const advance = (records: Parameters<typeof decideGate>[2], from: EventTypeEntry['stage'] = 'SHADOW', to: EventTypeEntry['stage'] = 'COMPARISON') =>
    decideGate(manifest({ search: { stage: from } }), manifest({ search: { stage: to } }), records);

  test('a clean forward window from before a failing reverse-shadow run is stale: COMPARISON → EXEC after a demotion is blocked', () => {
    // Nights 1-3 forward and clean; nights 4-5 reverse (at EXEC) and failing; the type was moved back, and a change moves it forward again.
    const records = [...nights('search', 1, 3), ...nights('search', 4, 5, () => ({ reverse: true, tiers: { events: 'fail' } }))];
    const d = advance(records, 'COMPARISON', 'EXEC');
    expect(d.allowed).toBe(false);
    expect(d.items[0].evaluation!.criteria[0].evidence).toBe('only 0 shadow runs in the history; streak 0 (runs before the failing reverse-shadow run n5 (2026-11-05T02:00:00.000Z) do not count)');
    // Three clean forward nights after the failure clear it again.
    expect(advance([...records, ...nights('search', 6, 8)], 'COMPARISON', 'EXEC').allowed).toBe(true);
  });

  test('a reverse record under a failing forward run id does not hide the forward failure', () => {
    const n4 = nights('search', 4, 4, () => ({ tiers: { events: 'fail', sequences: 'pass' } }));
    const mixed = [...nights('search', 1, 3), ...n4, ...nights('search', 4, 4, () => ({ reverse: true, tiers: { events: 'pass' } }))];
    const d = advance(mixed);
    expect(d.allowed).toBe(false);
    expect(d.items[0].evaluation!.criteria[0].failingRuns).toEqual(['n4']);
  });

  test('records that compared no rows, and runs of inconclusive records only, are no evidence, whatever the criteria allow', () => {
    expect(advance(nights('search', 1, 3, () => ({ rows: 0 }))).items[0].evaluation!.judged[0].problems).toEqual([
      'tiers: events pass compared no rows on a side (legacy 0, shadow 0); sequences pass compared no rows on a side (legacy 0, shadow 0)',
    ]);
    expect(advance(nights('search', 1, 3, () => ({ rows: 0 }))).allowed).toBe(false);
    const lenient: CutoverManifest = { version: 1, eventTypes: { search: { stage: 'SHADOW', criteria: { SHADOW: { consecutiveCleanRuns: 3, tiers: { events: ['pass', 'inconclusive'] } } } } } };
    const inconclusive = nights('search', 1, 3, () => ({ tiers: { events: 'inconclusive' } }));
    const d = decideGate(lenient, { ...lenient, eventTypes: { search: { ...lenient.eventTypes.search, stage: 'COMPARISON' } } }, inconclusive);
    expect(d.allowed).toBe(false);
    expect(d.items[0].evaluation!.judged[2].problems).toEqual(['tiers: no record passes']);
  });

  test('reruns of one partition count once: three runs of one night are not three clean nights, and rerunning until green erases no failure', () => {
    const reruns = [1, 2, 3].flatMap((k) => nights('search', 5, 5, () => ({ prefix: `rerun${k}-` })).map((r) => ({ ...r, timestamp: `2026-11-05T02:0${k}:00.000Z` })));
    const d = advance(reruns);
    expect(d.allowed).toBe(false);
    expect(d.items[0].evaluation!.criteria[0].evidence).toBe('only 1 shadow run in the history (rerun3-5); streak 1 (2 reruns of a partition judged with them as one run)');
    // Night 4 failed, then was rerun green: still not clean while it is in the window.
    const n4 = nights('search', 4, 4, () => ({ tiers: { events: 'fail', sequences: 'pass' } }));
    const n4green = nights('search', 4, 4, () => ({ prefix: 'again' })).map((r) => ({ ...r, timestamp: '2026-11-04T09:00:00.000Z' }));
    const greenAgain = advance([...nights('search', 1, 3), ...n4, ...n4green, ...nights('search', 5, 5)]);
    expect(greenAgain.allowed).toBe(false);
    expect(greenAgain.items[0].evaluation!.criteria[0].failingRuns).toEqual(['again4']);
    expect(advance([...nights('search', 1, 3), ...n4, ...n4green, ...nights('search', 5, 7)]).allowed).toBe(true);
  });

  test('an event type named like an Object.prototype member is an event type like any other', () => {
    for (const type of ['constructor', 'toString', 'hasOwnProperty']) {
      const base: CutoverManifest = { version: 1, eventTypes: JSON.parse(`{"${type}": {"stage": "EXEC", "consumers": [{"name": "dash", "reads": "shadow", "order": 1}]}}`) };
      const d = decideGate(base, { version: 1, eventTypes: {} }, []);
      expect(d.allowed, type).toBe(false);
      expect(d.items[0].summary).toMatch(/^removed from the manifest at EXEC: refused/);
    }
  });

  test("the switching order and a consumer's queries are the base's: reordering, dropping or unlisting them in the switching change does not clear it", () => {
    const consumers: Consumer[] = [
      { name: 'dash', reads: 'legacy', order: 1 },
      { name: 'billing', reads: 'legacy', order: 2, queries: ['daily_revenue'] },
    ];
    const base = manifest({ search: { stage: 'COMPARISON', consumers } });
    const switched = (list: Consumer[]) => manifest({ search: { stage: 'COMPARISON', consumers: list } });
    const billingOn: Consumer = { ...consumers[1], reads: 'shadow' };
    const records = nights('search', 1, 3); // clean, but no queries tier
    const reordered = decideGate(base, switched([{ ...consumers[0], order: 3 }, { ...billingOn, order: 1 }]), records);
    expect(reordered.items.find((i) => i.consumer === 'billing')!.summary).toBe('refused: switching order: dash (order 1) still reads legacy; order 2 switches after them');
    const dropped = decideGate(base, switched([billingOn]), records);
    expect(dropped.items.find((i) => i.consumer === 'billing')!.summary).toBe('refused: switching order: dash (order 1, removed in this change) still reads legacy; order 2 switches after them');
    const dashFirst = manifest({ search: { stage: 'COMPARISON', consumers: [{ ...consumers[0], reads: 'shadow' }, consumers[1]] } });
    const unlisted = decideGate(dashFirst, switched([{ ...consumers[0], reads: 'shadow' }, { name: 'billing', reads: 'shadow', order: 2 }]), records);
    const billing = unlisted.items.find((i) => i.consumer === 'billing')!;
    expect(billing.summary).toBe('blocked: switching to shadow needs consecutiveCleanRuns, queries');
    expect(billing.evaluation!.criteria.find((c) => c.criterion === 'queries')!.requirement).toBe("the consumer's queries reconcile pass: daily_revenue");
  });
});
