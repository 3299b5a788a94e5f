import { describe, expect, test } from 'vitest';
import { decideGate } from '../../src/gate/decideGate.js';
import { renderGateMarkdown } from '../../src/gate/renderGateMarkdown.js';
import type { CutoverManifest, EventTypeEntry } from '../../src/gate/types.js';
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
