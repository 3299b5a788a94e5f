import { describe, expect, test } from 'vitest';
import { assertReport, compareSequences } from '../../src/index.js';
import { byUser, makeHistories, pickUsers, toSequenceRows } from '../_helpers/sequences.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

const users = byUser(makeHistories(40, 91, 6, 30));
const legacy = toSequenceRows(users);
const options = { entity: 'user', assembled: true, id: 'id', orderBy: 'ts' } as const;

// Faults with known entities: 3 users reversed, 2 users cut by 4 events at the head, 1 user with a repeated event.
const reversed = pickUsers([...users.keys()], 3, 1);
const cut = pickUsers([...users.keys()], 2, 2, new Set(reversed));
const dup = pickUsers([...users.keys()], 1, 3, new Set([...reversed, ...cut]));
const shadow = toSequenceRows(
  new Map(
    [...users].map(([u, ev]) => {
      if (reversed.includes(u)) return [u, [...ev].reverse()];
      if (cut.includes(u)) return [u, ev.slice(4)];
      if (dup.includes(u)) return [u, [ev[0], ev[0], ...ev.slice(1)]];
      return [u, ev];
    }),
  ),
);

describe('.toMatchSequences', () => {
  test('passes when the sequences are equal', () => {
    expect(structuredClone(legacy)).toMatchSequences(legacy, options);
  });

  test('fails with the classes, the checks, examples and hints on one screen', () => {
    const message = thrownMessage(() => expect(shadow).toMatchSequences(legacy, options));
    expect(message).toMatchInlineSnapshot(`
      "expect(shadow).toMatchSequences(legacy, options)

      Shadow sequences do not match legacy: 34 of 40 entities (85.00%) have exactly equal sequences, 100.00% required.

      What differs (entities by difference class):
        class        entities  share  events  e.g.
        cut at head         2  5.00%       8  "u012", "u039"
        reordered           3  7.50%      48  "u003", "u017", "u035"
        duplicated          1  2.50%       1  "u018"

      Checks that failed:
        check       observed    required  gap
        exact rate    85.00%  >= 100.00%  15.00 pp

      Metrics: mean edit distance 0.08424 · LCS precision 93.31%, recall 92.42% · Kendall tau 0.85 (40 entities) · RBO(p=0.9) 0.9181 · length Δ -0.175 (shadow longer 1, shorter 2)
      First divergence (position: entities) 0: 5 · 1: 1; as a share of the longer length 0–20%: 6 · 20–40%: 0 · 40–60%: 0 · 60–80%: 0 · 80–100%: 0

      Examples (event identities from the first divergence, legacy vs shadow):
        "u012" — cut at head · lengths 18/14 · edit distance 0.2222
          legacy  @0: "u012-0" "u012-1" "u012-2" "u012-3" "u012-4" "u012-5" "u012-6" "u012-7" …
          shadow  @0: "u012-4" "u012-5" "u012-6" "u012-7" "u012-8" "u012-9" "u012-10" "u012-11" …
          · shadow lacks the first 4 legacy events (legacy 18, shadow 14)
        "u003" — reordered · lengths 9/9 · edit distance 0.8889
          legacy  @0: "u003-0" "u003-1" "u003-2" "u003-3" "u003-4" "u003-5" "u003-6" "u003-7" …
          shadow  @0: "u003-8" "u003-7" "u003-6" "u003-5" "u003-4" "u003-3" "u003-2" "u003-1" …
          · 8 of 9 common events out of order (Kendall tau -1)
        "u018" — duplicated · lengths 7/8 · edit distance 0.125
          legacy  @0: "u018-0" "u018-1" "u018-2" "u018-3" "u018-4" "u018-5" "u018-6"
          shadow  @0: "u018-0" "u018-0" "u018-1" "u018-2" "u018-3" "u018-4" "u018-5" "u018-6"
          · shadow repeats 1 event
        "u039" — cut at head · lengths 30/26 · edit distance 0.1333
          legacy  @0: "u039-0" "u039-1" "u039-2" "u039-3" "u039-4" "u039-5" "u039-6" "u039-7" …
          shadow  @0: "u039-4" "u039-5" "u039-6" "u039-7" "u039-8" "u039-9" "u039-10" "u039-11" …
          · shadow lacks the first 4 legacy events (legacy 30, shadow 26)
        "u017" — reordered · lengths 24/24 · edit distance 1
          legacy  @0: "u017-0" "u017-1" "u017-2" "u017-3" "u017-4" "u017-5" "u017-6" "u017-7" …
          shadow  @0: "u017-23" "u017-22" "u017-21" "u017-20" "u017-19" "u017-18" "u017-17" "u017-16" …
          · 23 of 24 common events out of order (Kendall tau -1)

      Counts: entities 40 · exact 34 · legacy 739 events in 40 sequences · shadow 732 in 40 · missing/extra entities 0/0
      Rules: pre-assembled sequences, ties any, id id, window none, dedup none, reorderWithinMs 0
      Hint: sequences are cut differently (a window or truncation difference, usually a real fault for consumers); if the pipelines' windows differ on purpose, compare the common part: set window: { last: 14 } or a time window { within, asOf }"
    `);
    expect(message.split('\n').length).toBeLessThan(45);
  });

  test('records the report on the test for reporters', ({ task }) => {
    expect(legacy).toMatchSequences(legacy, { ...options, label: 'click' });
    expect(task.meta.shadowReports![0]).toMatchObject({ matcher: 'toMatchSequences', report: { kind: 'sequences', verdict: 'pass', label: 'click' } });
  });

  test('assertReport throws the same explanation outside Vitest', () => {
    const report = compareSequences(legacy, shadow, options);
    expect(thrownMessage(() => assertReport(report))).toBe(thrownMessage(() => expect(shadow).toMatchSequences(legacy, options)).split('\n').slice(2).join('\n'));
  });

  test('throws a TypeError for a receiver that is not a dataset, and for bad options', () => {
    expect(() => expect(42).toMatchSequences(legacy, options)).toThrow(
      'toMatchSequences: the received value (shadow) must be an array of rows or a table with objects() (e.g. from loadDataset), got 42',
    );
    expect(() => expect(legacy).toMatchSequences(legacy, { ...options, minExactRate: 2 })).toThrow(TypeError);
  });

  test('fails on an empty shadow', () => {
    expect(() => expect([]).toMatchSequences(legacy, { ...options, minExactRate: 0, maxMissingEntityRate: 1 })).toThrow(/shadow has no rows/);
  });
});

describe('.not.toMatchSequences', () => {
  test('passes when the sequences differ', () => {
    expect(shadow).not.toMatchSequences(legacy, options);
  });

  test('fails when they match, saying so', () => {
    const message = thrownMessage(() => expect(legacy).not.toMatchSequences(legacy, options));
    expect(message).toMatchInlineSnapshot(`
      "expect(shadow).not.toMatchSequences(legacy, options)

      Expected shadow NOT to match legacy, but it does.

      Shadow sequences match legacy: 40 of 40 entities (100.00%) have exactly equal sequences; 100.00% required.

      Metrics: mean edit distance 0 · LCS precision 100.00%, recall 100.00% · Kendall tau 1 (40 entities) · RBO(p=0.9) 1 · length Δ 0 (shadow longer 0, shorter 0)

      Counts: entities 40 · exact 40 · legacy 739 events in 40 sequences · shadow 739 in 40 · missing/extra entities 0/0
      Rules: pre-assembled sequences, ties any, id id, window none, dedup none, reorderWithinMs 0"
    `);
  });
});
