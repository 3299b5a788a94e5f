import { describe, expect, test } from 'vitest';
import { byUser, makeHistories, pickUsers, toSequenceRows } from '../_helpers/sequences.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

// The shadow orders 4 users' sequences backwards: every event still matches field by field.
const users = byUser(makeHistories(30, 17, 5, 12));
const reversed = pickUsers([...users.keys()], 4, 5);
const legacy = toSequenceRows(users);
const shadow = toSequenceRows(new Map([...users].map(([u, ev]) => [u, reversed.includes(u) ? [...ev].reverse() : ev])));
const options = {
  events: { key: 'id' },
  sequences: { entity: 'user', assembled: true, id: 'id', orderBy: 'ts' },
} as const;

describe('.toMatchTiers', () => {
  test('passes when both tiers pass', () => {
    expect(structuredClone(legacy)).toMatchTiers(legacy, options);
  });

  test('fails when only the sequence tier sees the fault, naming the entities where the tiers disagree', () => {
    const message = thrownMessage(() => expect(shadow).toMatchTiers(legacy, options));
    expect(message).toMatchInlineSnapshot(`
      "expect(shadow).toMatchTiers(legacy, options)

      Shadow does not match legacy on both tiers: event tier pass, sequence tier fail.

      Where the tiers disagree (entities):
        disagreement                   entities   share  sequence classes  e.g.
        fields pass, sequences differ         4  13.33%  reordered 4       "u006", "u018", "u020", …

      Tiers:
        tier       verdict  headline
        events     pass     270 of 270 legacy events (100.00%) match within tolerance
        sequences  fail     26 of 30 entities (86.67%) have exactly equal sequences
      Entities: compared 30 · both match 26 · both differ 0 · sequences only 4 · events only 0
      Hint: the event tier alone would have passed this shadow: keep the sequence tier in the gate for consumers that read sequences

      Sequence tier:
        Shadow sequences do not match legacy: 26 of 30 entities (86.67%) have exactly equal sequences, 100.00% required.

        What differs (entities by difference class):
          class      entities   share  events  e.g.
          reordered         4  13.33%      24  "u006", "u018", "u020", …

        Checks that failed:
          check       observed    required  gap
          exact rate    86.67%  >= 100.00%  13.33 pp

        Metrics: mean edit distance 0.1219 · LCS precision 91.11%, recall 91.11% · Kendall tau 0.7333 (30 entities) · RBO(p=0.9) 0.9518 · length Δ 0 (shadow longer 0, shorter 0)
        First divergence (position: entities) 0: 4; as a share of the longer length 0–20%: 4 · 20–40%: 0 · 40–60%: 0 · 60–80%: 0 · 80–100%: 0

        Examples (event identities from the first divergence, legacy vs shadow):
          "u006" — reordered · lengths 5/5 · edit distance 0.8
            legacy  @0: "u006-0" "u006-1" "u006-2" "u006-3" "u006-4"
            shadow  @0: "u006-4" "u006-3" "u006-2" "u006-1" "u006-0"
            · 4 of 5 common events out of order (Kendall tau -1)
          "u018" — reordered · lengths 8/8 · edit distance 1
            legacy  @0: "u018-0" "u018-1" "u018-2" "u018-3" "u018-4" "u018-5" "u018-6" "u018-7"
            shadow  @0: "u018-7" "u018-6" "u018-5" "u018-4" "u018-3" "u018-2" "u018-1" "u018-0"
            · 7 of 8 common events out of order (Kendall tau -1)
          "u020" — reordered · lengths 8/8 · edit distance 1
            legacy  @0: "u020-0" "u020-1" "u020-2" "u020-3" "u020-4" "u020-5" "u020-6" "u020-7"
            shadow  @0: "u020-7" "u020-6" "u020-5" "u020-4" "u020-3" "u020-2" "u020-1" "u020-0"
            · 7 of 8 common events out of order (Kendall tau -1)
          "u023" — reordered · lengths 7/7 · edit distance 0.8571
            legacy  @0: "u023-0" "u023-1" "u023-2" "u023-3" "u023-4" "u023-5" "u023-6"
            shadow  @0: "u023-6" "u023-5" "u023-4" "u023-3" "u023-2" "u023-1" "u023-0"
            · 6 of 7 common events out of order (Kendall tau -1)

        Counts: entities 30 · exact 26 · legacy 270 events in 30 sequences · shadow 270 in 30 · missing/extra entities 0/0
        Rules: pre-assembled sequences, ties any, id id, window none, dedup none, reorderWithinMs 0"
    `);
  });

  test('throws a TypeError for a receiver that is not a dataset or { events, sequences }', () => {
    expect(() => expect({ events: [] }).toMatchTiers(legacy, options)).toThrow(
      'toMatchTiers: the received value (shadow) must be an array of rows, a table with objects(), or { events, sequences } of those',
    );
  });
});

describe('.not.toMatchTiers', () => {
  test('passes when a tier fails', () => {
    expect(shadow).not.toMatchTiers(legacy, options);
  });
});
