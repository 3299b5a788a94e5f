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
        cut at head         2  5.00%       8  "u012", "u029"
        reordered           3  7.50%      65  "u000", "u021", "u025"
        duplicated          1  2.50%       1  "u028"

      Checks that failed:
        check       observed    required  gap
        exact rate    85.00%  >= 100.00%  15.00 pp

      Metrics: mean edit distance 0.0871 · LCS precision 91.92%, recall 91.14% · Kendall tau 0.85 (40 entities) · RBO(p=0.9) 0.9089 · length Δ -0.175 (shadow longer 1, shorter 2)
      First divergence (position: entities) 0: 5 · 1: 1; as a share of the longer length 0–20%: 6 · 20–40%: 0 · 40–60%: 0 · 60–80%: 0 · 80–100%: 0

      Examples (event identities from the first divergence, legacy vs shadow):
        "u012" — cut at head · lengths 13/9 · edit distance 0.3077
          legacy  @0: "u012-0" "u012-1" "u012-2" "u012-3" "u012-4" "u012-5" "u012-6" "u012-7" …
          shadow  @0: "u012-4" "u012-5" "u012-6" "u012-7" "u012-8" "u012-9" "u012-10" "u012-11" …
          · shadow lacks the first 4 legacy events (legacy 13, shadow 9)
        "u000" — reordered · lengths 22/22 · edit distance 1
          legacy  @0: "u000-0" "u000-1" "u000-2" "u000-3" "u000-4" "u000-5" "u000-6" "u000-7" …
          shadow  @0: "u000-21" "u000-20" "u000-19" "u000-18" "u000-17" "u000-16" "u000-15" "u000-14" …
          · 21 of 22 common events out of order (Kendall tau -1)
        "u028" — duplicated · lengths 29/30 · edit distance 0.03333
          legacy  @0: "u028-0" "u028-1" "u028-2" "u028-3" "u028-4" "u028-5" "u028-6" "u028-7" …
          shadow  @0: "u028-0" "u028-0" "u028-1" "u028-2" "u028-3" "u028-4" "u028-5" "u028-6" …
          · shadow repeats 1 event
        "u029" — cut at head · lengths 28/24 · edit distance 0.1429
          legacy  @0: "u029-0" "u029-1" "u029-2" "u029-3" "u029-4" "u029-5" "u029-6" "u029-7" …
          shadow  @0: "u029-4" "u029-5" "u029-6" "u029-7" "u029-8" "u029-9" "u029-10" "u029-11" …
          · shadow lacks the first 4 legacy events (legacy 28, shadow 24)
        "u021" — reordered · lengths 30/30 · edit distance 1
          legacy  @0: "u021-0" "u021-1" "u021-2" "u021-3" "u021-4" "u021-5" "u021-6" "u021-7" …
          shadow  @0: "u021-29" "u021-28" "u021-27" "u021-26" "u021-25" "u021-24" "u021-23" "u021-22" …
          · 29 of 30 common events out of order (Kendall tau -1)

      Counts: entities 40 · exact 34 · legacy 824 events in 40 sequences · shadow 817 in 40 · missing/extra entities 0/0
      Rules: pre-assembled sequences, ties any, id id, window none, dedup none, reorderWithinMs 0
      Hint: sequences are cut differently (a window or truncation difference, usually a real fault for consumers); if the pipelines' windows differ on purpose, compare the common part: set window: { last: 9 } or a time window { within, asOf }"
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

      Counts: entities 40 · exact 40 · legacy 824 events in 40 sequences · shadow 824 in 40 · missing/extra entities 0/0
      Rules: pre-assembled sequences, ties any, id id, window none, dedup none, reorderWithinMs 0"
    `);
  });
});
