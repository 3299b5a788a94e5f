import fc from 'fast-check';
import { test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { decideGate } from '../../src/gate/decideGate.js';
import { STAGES, type CutoverManifest, type Stage } from '../../src/gate/types.js';
import type { HistoryRecord } from '../../src/history/types.js';

const TYPES = ['a', 'b', 'c'];
const stage = fc.constantFrom(...STAGES);
const manifestOf = (stages: Stage[]): CutoverManifest => ({
  version: 1,
  defaults: { criteria: { SHADOW: { consecutiveCleanRuns: 2 }, COMPARISON: { consecutiveCleanRuns: 2 }, EXEC: { consecutiveCleanRuns: 1 } } },
  eventTypes: Object.fromEntries(TYPES.map((t, i) => [t, { stage: stages[i] }])),
});
const history = fc
  .array(fc.record({ type: fc.constantFrom(...TYPES), night: fc.integer({ min: 1, max: 3 }), verdict: fc.constantFrom('pass', 'pass', 'fail', 'inconclusive'), reverse: fc.boolean() }), { maxLength: 40 })
  .map((rows) =>
    rows.map(
      (r, i): HistoryRecord => ({
        version: 1, runId: `${r.reverse ? 'r' : 'f'}${r.night}`, timestamp: new Date(Date.UTC(2026, 10, r.night, 2, r.reverse ? 30 : 0)).toISOString(),
        eventType: r.type, tier: `t${i % 3}`, test: `check ${i}`, verdict: r.verdict as HistoryRecord['verdict'], reasons: [], figures: {}, ...(r.reverse ? { reverse: true } : {}),
      }),
    ),
  );

test.prop([fc.array(stage, { minLength: 3, maxLength: 3 }), fc.array(stage, { minLength: 3, maxLength: 3 }), history], { numRuns: 200 })(
  'moving back is always allowed, a skip always refused, a one-stage advance allowed exactly when its evaluation holds',
  (from, to, records) => {
    const d = decideGate(manifestOf(from), manifestOf(to), records);
    for (const item of d.items) {
      const i = STAGES.indexOf(item.from as Stage);
      const j = STAGES.indexOf(item.to as Stage);
      if (j < i) expect(item.allowed).toBe(true);
      if (j > i + 1) expect(item.allowed).toBe(false);
      if (j === i + 1 && item.evaluation) expect(item.allowed).toBe(item.evaluation.holds);
    }
    // one item per type whose stage moved, none for the others
    expect(d.items.map((x) => x.eventType)).toEqual(TYPES.filter((_, k) => from[k] !== to[k]));
    expect(d.allowed).toBe(d.items.every((x) => x.allowed));
  },
);

const historyAndShuffle = history.chain((records) =>
  fc.tuple(fc.constant(records), fc.shuffledSubarray(records, { minLength: records.length, maxLength: records.length })),
);

test.prop([fc.array(stage, { minLength: 3, maxLength: 3 }), fc.array(stage, { minLength: 3, maxLength: 3 }), historyAndShuffle], { numRuns: 100 })(
  'the decision, evidence text included, does not depend on the order of the history records',
  (from, to, [records, shuffled]) => {
    expect(decideGate(manifestOf(from), manifestOf(to), shuffled)).toEqual(decideGate(manifestOf(from), manifestOf(to), records));
  },
);
