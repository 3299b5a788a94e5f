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
        fields pass, sequences differ         4  13.33%  reordered 4       "u000", "u006", "u017", …

      Tiers:
        tier       verdict  headline
        events     pass     259 of 259 legacy events (100.00%) match within tolerance
        sequences  fail     26 of 30 entities (86.67%) have exactly equal sequences
      Entities: compared 30 · both match 26 · both differ 0 · sequences only 4 · events only 0
      Hint: the event tier alone would have passed this shadow: keep the sequence tier in the gate for consumers that read sequences

      Sequence tier:
        Shadow sequences do not match legacy: 26 of 30 entities (86.67%) have exactly equal sequences, 100.00% required.

        What differs (entities by difference class):
          class      entities   share  events  e.g.
          reordered         4  13.33%      30  "u000", "u006", "u017", …

        Checks that failed:
          check       observed    required  gap
          exact rate    86.67%  >= 100.00%  13.33 pp

        Metrics: mean edit distance 0.1255 · LCS precision 88.42%, recall 88.42% · Kendall tau 0.7333 (30 entities) · RBO(p=0.9) 0.9436 · length Δ 0 (shadow longer 0, shorter 0)
        First divergence (position: entities) 0: 4; as a share of the longer length 0–20%: 4 · 20–40%: 0 · 40–60%: 0 · 60–80%: 0 · 80–100%: 0

        Examples (event identities from the first divergence, legacy vs shadow):
          "u000" — reordered · lengths 11/11 · edit distance 0.9091
            legacy  @0: "u000-0" "u000-1" "u000-2" "u000-3" "u000-4" "u000-5" "u000-6" "u000-7" …
            shadow  @0: "u000-10" "u000-9" "u000-8" "u000-7" "u000-6" "u000-5" "u000-4" "u000-3" …
            · 10 of 11 common events out of order (Kendall tau -1)
          "u006" — reordered · lengths 7/7 · edit distance 0.8571
            legacy  @0: "u006-0" "u006-1" "u006-2" "u006-3" "u006-4" "u006-5" "u006-6"
            shadow  @0: "u006-6" "u006-5" "u006-4" "u006-3" "u006-2" "u006-1" "u006-0"
            · 6 of 7 common events out of order (Kendall tau -1)
          "u017" — reordered · lengths 10/10 · edit distance 1
            legacy  @0: "u017-0" "u017-1" "u017-2" "u017-3" "u017-4" "u017-5" "u017-6" "u017-7" …
            shadow  @0: "u017-9" "u017-8" "u017-7" "u017-6" "u017-5" "u017-4" "u017-3" "u017-2" …
            · 9 of 10 common events out of order (Kendall tau -1)
          "u022" — reordered · lengths 6/6 · edit distance 1
            legacy  @0: "u022-0" "u022-1" "u022-2" "u022-3" "u022-4" "u022-5"
            shadow  @0: "u022-5" "u022-4" "u022-3" "u022-2" "u022-1" "u022-0"
            · 5 of 6 common events out of order (Kendall tau -1)

        Counts: entities 30 · exact 26 · legacy 259 events in 30 sequences · shadow 259 in 30 · missing/extra entities 0/0
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
