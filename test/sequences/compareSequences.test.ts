/**
 * compareSequences against injected ground truth: each difference class is produced by a seeded
 * fault whose size the test knows, and counted back. Expected values come from the injection
 * (and the test's own straightforward assembly in test/_helpers/sequences.ts), never from the engine.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { compareEvents, compareSequences, type SequenceReport } from '../../src/index.js';
import { clone, shuffled } from '../_helpers/events.js';
import { DAY, T0, byUser, makeHistories, pickUsers, toSequenceRows, type SeqEvent } from '../_helpers/sequences.js';

const classes = (r: SequenceReport) => r.classes.map((c) => [c.class, c.entities, c.events]);
const flatten = (rows: { events: SeqEvent[] }[]) => rows.flatMap((r) => r.events);
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('a window cut (truncation to the last N)', () => {
  const users = byUser(makeHistories(200, 11, 5, 90));
  const long = [...users.keys()].filter((u) => users.get(u)!.length > 50);
  const cut = pickUsers(long, 17, 3);
  const legacy = toSequenceRows(new Map([...users].map(([u, ev]) => [u, ev.slice(-50)])));
  const shadow = toSequenceRows(new Map([...users].map(([u, ev]) => [u, ev.slice(cut.includes(u) ? -40 : -50)])));
  const r = compareSequences(legacy, shadow, { entity: 'user', assembled: true, id: 'id', orderBy: 'ts' });

  test('fails with exactly the cut users classified as cut at the head, with the lengths on each side', () => {
    expect(r.verdict).toBe('fail');
    const lost = sum(cut.map((u) => Math.min(users.get(u)!.length, 50) - 40));
    expect(classes(r)).toEqual([['cut-head', 17, lost]]);
    expect(r.counts).toMatchObject({ entities: 200, exact: 183, differing: 17, missingEntities: 0, extraEntities: 0 });
    expect(r.classes[0].examples).toEqual(cut.slice(0, 5));
    for (const ex of r.examples) {
      expect(cut).toContain(ex.entity);
      expect(ex.legacyLength).toBe(Math.min(users.get(ex.entity as string)!.length, 50));
      expect(ex.shadowLength).toBe(40);
      expect(ex.details).toEqual([`shadow lacks the first ${ex.legacyLength - 40} legacy events (legacy ${ex.legacyLength}, shadow 40)`]);
      expect(ex.firstDivergence).toBe(0);
    }
    expect(r.metrics.shadowShorter).toBe(17);
    expect(r.metrics.recall).toBeCloseTo(1 - lost / sum([...users.values()].map((ev) => Math.min(ev.length, 50))), 12);
    expect(r.metrics.precision).toBe(1);
    expect(r.firstDivergence.absolute[0]).toEqual({ label: '0', count: 17 });
  });

  test('passes when the same window (last 40) is applied to both sides', () => {
    const w = compareSequences(legacy, shadow, { entity: 'user', assembled: true, id: 'id', window: { last: 40 } });
    expect(w.verdict).toBe('pass');
    expect(w.counts.window.legacy.truncated).toBe(sum([...users.values()].map((ev) => Math.max(0, Math.min(ev.length, 50) - 40))));
    expect(w.counts.window.shadow.truncated).toBe(sum([...users].map(([u, ev]) => (cut.includes(u) ? 0 : Math.max(0, Math.min(ev.length, 50) - 40)))));
  });
});

describe('an off-by-one-day window boundary the event tier does not see', () => {
  // Both pipelines emit the same flat events; the shadow's sequence builder keeps 3 days instead of 2.
  const events = makeHistories(120, 21);
  const asOf = T0 + 4 * DAY;
  const inWindow = (days: number) => (e: SeqEvent) => e.ts > asOf - days * DAY && e.ts <= asOf;
  const users = byUser(events);
  const legacySeq = toSequenceRows(new Map([...users].map(([u, ev]) => [u, ev.filter(inWindow(2))])));
  const shadowSeq = toSequenceRows(new Map([...users].map(([u, ev]) => [u, ev.filter(inWindow(3))])));
  const r = compareSequences(legacySeq, shadowSeq, { entity: 'user', assembled: true, id: 'id', orderBy: 'ts' });

  test('the event tier passes on the flat outputs', () => {
    expect(compareEvents(events, clone(events), { key: 'id' }).verdict).toBe('pass');
  });

  test('the sequence tier fails: shadow has the extra day at the head of each affected sequence', () => {
    const expected = { cut: 0, cutEvents: 0, extraEntities: 0, exact: 0, entities: 0 };
    for (const ev of users.values()) {
      const l = ev.filter(inWindow(2)).length;
      const s = ev.filter(inWindow(3)).length;
      if (l === 0 && s === 0) continue;
      expected.entities++;
      if (l === s) expected.exact++;
      else if (l === 0) expected.extraEntities++;
      else {
        expected.cut++;
        expected.cutEvents += s - l;
      }
    }
    expect(expected.cut).toBeGreaterThan(10); // the seed gives a meaningful sample
    expect(r.verdict).toBe('fail');
    expect(r.counts).toMatchObject({ entities: expected.entities, exact: expected.exact, extraEntities: expected.extraEntities });
    const extra = expected.extraEntities ? [['extra', expected.extraEntities, expect.any(Number)]] : [];
    expect(classes(r)).toEqual([['cut-head', expected.cut, expected.cutEvents], ...extra]);
    const ex = r.examples.find((e) => e.classes[0] === 'cut-head')!;
    expect(ex.details[0]).toMatch(/^shadow has \d+ events? before legacy's first \(legacy \d+, shadow \d+\)$/);
  });

  test('the same time window on both sides removes the difference; its bounds are (asOf − within, asOf]', () => {
    const w = compareSequences(legacySeq, shadowSeq, {
      entity: 'user',
      assembled: true,
      id: 'id',
      orderBy: 'ts',
      window: { within: '2d', asOf: new Date(asOf).toISOString() },
    });
    expect(w.verdict).toBe('pass');
    expect(w.counts.window.shadow.time).toBe(shadowSeq.reduce((n, s) => n + s.events.length, 0) - legacySeq.reduce((n, s) => n + s.events.length, 0));
    // boundary: an event exactly at asOf − within is out, one exactly at asOf is in
    const edge = [
      { user: 'a', id: 'lo', ts: asOf - 2 * DAY },
      { user: 'a', id: 'in', ts: asOf - 2 * DAY + 1 },
      { user: 'a', id: 'hi', ts: asOf },
      { user: 'a', id: 'late', ts: asOf + 1 },
    ];
    const b = compareSequences(edge, edge, { entity: 'user', orderBy: 'ts', id: 'id', window: { within: 2 * DAY, asOf } });
    expect(b.counts).toMatchObject({ legacyCompared: 2, shadowCompared: 2 });
    expect(b.counts.window.legacy.time).toBe(2);
  });
});

describe('a reversed sort for some users, every event matching', () => {
  const users = byUser(makeHistories(150, 31));
  const reversed = pickUsers([...users.keys()], 23, 4);
  const legacy = toSequenceRows(users);
  const shadow = toSequenceRows(new Map([...users].map(([u, ev]) => [u, reversed.includes(u) ? [...ev].reverse() : ev])));
  const r = compareSequences(legacy, shadow, { entity: 'user', assembled: true, id: 'id', orderBy: 'ts' });

  test('the event tier passes on the same events', () => {
    expect(compareEvents(flatten(legacy), flatten(shadow), { key: 'id' }).verdict).toBe('pass');
  });

  test('the sequence tier classifies exactly the reversed users as reordered, with Kendall tau −1 each', () => {
    expect(r.verdict).toBe('fail');
    // restoring a reversed sequence of length k moves k − 1 events (the longest increasing run is 1)
    expect(classes(r)).toEqual([['reordered', 23, sum(reversed.map((u) => users.get(u)!.length - 1))]]);
    expect(r.metrics.kendallTau).toBeCloseTo((150 - 2 * 23) / 150, 12);
    expect(r.metrics.precision).toBeCloseTo(r.metrics.recall, 12);
    expect(r.examples.every((e) => e.kendallTau === -1)).toBe(true);
    expect(r.examples.map((e) => e.entity)).toEqual(reversed.slice(0, 5));
  });
});

describe('a dedup difference', () => {
  const users = byUser(makeHistories(100, 41));
  const dupUsers = pickUsers([...users.keys()], 13, 5);
  const copies = new Map(dupUsers.map((u, i) => [u, 1 + (i % 3)]));
  const shadowMap = new Map(
    [...users].map(([u, ev]) => {
      const k = copies.get(u) ?? 0;
      const out: SeqEvent[] = [];
      ev.forEach((e, i) => {
        out.push(e);
        if (i >= 1 && i <= k) out.push({ ...e }); // repeat events 1..k right after themselves
      });
      return [u, out];
    }),
  );
  const legacy = toSequenceRows(users);
  const shadow = toSequenceRows(shadowMap);

  test('fails with the duplicated class counting the repeated events per user', () => {
    const r = compareSequences(legacy, shadow, { entity: 'user', assembled: true, id: 'id' });
    expect(classes(r)).toEqual([['duplicated', 13, sum([...copies.values()])]]);
    const ex = r.examples[0];
    expect(ex.details).toEqual([`shadow repeats ${copies.get(ex.entity as string)} event${copies.get(ex.entity as string) === 1 ? '' : 's'}`]);
    expect(r.hints.some((h) => h.includes(`dedup: 'by-id'`))).toBe(true);
  });

  test.each(['by-id', 'consecutive'] as const)('passes when dedup: %s is stated for both sides', (dedup) => {
    const r = compareSequences(legacy, shadow, { entity: 'user', assembled: true, id: 'id', dedup });
    expect(r.verdict).toBe('pass');
    expect(r.counts.window.shadow.dedup).toBe(sum([...copies.values()]));
    expect(r.counts.window.legacy.dedup).toBe(0);
  });

  test('a legacy-side duplicate the shadow dropped is reported from the legacy side', () => {
    const r = compareSequences(shadow, legacy, { entity: 'user', assembled: true, id: 'id' });
    expect(classes(r)).toEqual([['duplicated', 13, sum([...copies.values()])]]);
    expect(r.examples[0].details[0]).toMatch(/^legacy repeats \d+ events? that shadow has fewer times$/);
  });
});

describe('swaps inside and outside reorderWithinMs', () => {
  const events = makeHistories(80, 51);
  const users = byUser(events);
  const names = [...users.keys()];
  const inside = pickUsers(names, 9, 6);
  const outside = pickUsers(names, 6, 7, new Set(inside));
  const legacyMap = new Map<string, SeqEvent[]>();
  const shadowMap = new Map<string, SeqEvent[]>();
  for (const [u, ev0] of users) {
    const ev = ev0.map((e) => ({ ...e }));
    const s = [...ev];
    if (inside.includes(u) || outside.includes(u)) {
      // events 2 and 3 become 300 ms (inside) or 5 s (outside) apart, then the shadow swaps them;
      // other gaps are at least a minute, so the order of everything else is unchanged.
      ev[3].ts = ev[2].ts + (inside.includes(u) ? 300 : 5000);
      [s[2], s[3]] = [s[3], s[2]];
    }
    legacyMap.set(u, ev);
    shadowMap.set(u, s);
  }
  const legacy = toSequenceRows(legacyMap);
  const shadow = toSequenceRows(shadowMap);
  const base = { entity: 'user', assembled: true, id: 'id', time: 'ts' } as const;

  test('without a tolerance every swap is a reordering', () => {
    const r = compareSequences(legacy, shadow, base);
    expect(classes(r)).toEqual([['reordered', 15, 15]]);
    expect(r.counts.toleratedSwaps).toBe(0);
    expect(r.hints).toContain('out-of-order neighbours are at most 5000ms apart; if such swaps are arrival races, set reorderWithinMs: 5000');
  });

  test('reorderWithinMs: 1000 tolerates exactly the swaps 300 ms apart', () => {
    const r = compareSequences(legacy, shadow, { ...base, reorderWithinMs: 1000 });
    expect(classes(r)).toEqual([['reordered', 6, 6]]);
    expect(r.classes[0].examples).toEqual(outside.slice(0, 5));
    expect(r.counts.toleratedSwaps).toBe(9);
    expect(r.reasons.find((x) => x.code === 'SWAPS_TOLERATED')?.received).toBe(9);
  });

  test("reorderWithinMs: '5s' tolerates both", () => {
    expect(compareSequences(legacy, shadow, { ...base, reorderWithinMs: '5s' }).verdict).toBe('pass');
  });
});

describe('missing, extra, time-shifted and changed events (flat input, assembled here)', () => {
  const events = makeHistories(120, 61, 8, 40);
  const users = byUser(events);
  const names = [...users.keys()];
  const missingU = pickUsers(names, 9, 8);
  const extraU = pickUsers(names, 7, 9, new Set(missingU));
  const shiftU = pickUsers(names, 5, 10, new Set([...missingU, ...extraU]));
  const changeU = pickUsers(names, 6, 11, new Set([...missingU, ...extraU, ...shiftU]));
  const noiseU = pickUsers(names, 4, 12, new Set([...missingU, ...extraU, ...shiftU, ...changeU]));
  const shadow: SeqEvent[] = [];
  for (const [u, ev] of users) {
    ev.forEach((e, i) => {
      if (missingU.includes(u) && i === 3) return; // a middle event lost
      const s = { ...e };
      if (shiftU.includes(u) && i === 4) s.ts += 30_000; // 30 s later, still between its neighbours
      if (changeU.includes(u) && i === 2) s.price += 1;
      if (noiseU.includes(u) && i === 2) s.price += 0.001;
      shadow.push(s);
      if (extraU.includes(u) && i === 5) shadow.push({ ...e, id: `${u}-new`, ts: e.ts + 1000 });
    });
  }
  const options = { entity: 'user', orderBy: 'ts', id: 'id', fields: { ts: { time: '1s' }, price: { abs: 0.01 } } } as const;
  const r = compareSequences(events, shadow, options);

  test('classifies each injected fault, one event per user', () => {
    expect(classes(r)).toEqual([
      ['missing', 9, 9],
      ['extra', 7, 7],
      ['time-shifted', 5, 5],
      ['changed', 6, 6],
    ]);
    expect(r.counts).toMatchObject({ entities: 120, exact: 120 - 27, legacyEvents: events.length, shadowEvents: events.length - 9 + 7 });
    expect(r.fields).toEqual([
      { field: 'price', mismatches: 6 },
      { field: 'ts', mismatches: 5 },
    ]);
  });

  test('explains the examples with the values involved', () => {
    const shifted = r.examples.find((e) => e.classes.includes('time-shifted'))!;
    const ev = users.get(shifted.entity as string)![4];
    expect(shifted.details).toEqual([`1 event at another time (e.g. "${ev.id}": legacy ${ev.ts}, shadow ${ev.ts + 30_000})`]);
    const changed = r.examples.find((e) => e.classes.includes('changed'))!;
    expect(changed.details).toEqual([`1 event with other field values (e.g. "${changed.entity}-2": price)`]);
    expect(r.hints).toContain(`if the time shifts (up to 30000ms) are benign clock skew, set fields['ts'] = { time: 30000 }`);
  });

  test('passes once the tolerances cover the differences, and the 0.001 price noise never counts', () => {
    const loose = compareSequences(events, shadow, { ...options, fields: { ts: { time: '1m' }, price: { abs: 2 } }, minExactRate: 0.8 });
    expect(classes(loose)).toEqual([
      ['missing', 9, 9],
      ['extra', 7, 7],
    ]);
    expect(loose.verdict).toBe('pass');
  });

  test('gives the same report for the same rows in any order', () => {
    const again = compareSequences(shuffled(events, 1), shuffled(shadow, 2), options);
    expect(again).toEqual(r);
  });
});

describe('ties', () => {
  const ev = (id: string, ts: number) => ({ user: 'u', id, ts });
  const legacy = [{ user: 'u', events: [ev('a', 1), ev('b', 2), ev('c', 2), ev('d', 3)] }];
  const shadow = [{ user: 'u', events: [ev('a', 1), ev('c', 2), ev('b', 2), ev('d', 3)] }];

  test("'any' (the default): a different order among tied events is not a difference", () => {
    expect(compareSequences(legacy, shadow, { entity: 'user', assembled: true, id: 'id', orderBy: 'ts' }).verdict).toBe('pass');
  });

  test("'by-id': the pipelines promise an id order for ties, so a different tie order is a reordering", () => {
    const r = compareSequences(legacy, shadow, { entity: 'user', assembled: true, id: 'id', orderBy: 'ts', ties: 'by-id' });
    expect(classes(r)).toEqual([['reordered', 1, 1]]);
  });

  test("'stable' keeps the input row order among tied flat events; 'any' does not depend on it", () => {
    const rows = legacy[0].events;
    const swapped = [rows[0], rows[2], rows[1], rows[3]];
    const stable = compareSequences(rows, swapped, { entity: 'user', orderBy: 'ts', id: 'id', ties: 'stable' });
    expect(classes(stable)).toEqual([['reordered', 1, 1]]);
    expect(compareSequences(rows, swapped, { entity: 'user', orderBy: 'ts', id: 'id' }).verdict).toBe('pass');
  });

  test('descending orderBy puts the newest first, so window.first keeps the newest', () => {
    const rows = [ev('a', 1), ev('b', 2), ev('c', 3)];
    const shadow = [{ ...rows[0], id: 'x' }, rows[1], rows[2]]; // the oldest event differs
    const desc = { entity: 'user', orderBy: { path: 'ts', direction: 'desc' }, id: 'id', window: { first: 2 } } as const;
    expect(compareSequences(rows, shadow, desc).verdict).toBe('pass');
    expect(compareSequences(rows, shadow, { ...desc, orderBy: 'ts' }).verdict).toBe('fail');
  });

  test('a composite orderBy sorts by each key in turn, with its own direction', () => {
    const rows = [
      { user: 'u', id: 'd1-s1', day: 1, seq: 1 },
      { user: 'u', id: 'd2-s1', day: 2, seq: 1 },
      { user: 'u', id: 'd1-s2', day: 1, seq: 2 },
      { user: 'u', id: 'd2-s2', day: 2, seq: 2 },
    ];
    const r = compareSequences(rows, rows.slice(1), { entity: 'user', orderBy: ['day', { path: 'seq', direction: 'desc' }], id: 'id' });
    // by hand: day ascending, then seq descending
    expect(r.examples[0].legacy).toEqual(['d1-s2', 'd1-s1', 'd2-s2', 'd2-s1']);
    expect(classes(r)).toEqual([['missing', 1, 1]]);
  });
});

describe('bad input', () => {
  const events = makeHistories(10, 71, 5, 10);

  test('rows without the entity field are counted and fail the check', () => {
    const shadow = events.map((e, i) => (i % 7 === 0 ? { ...e, user: undefined } : e));
    const r = compareSequences(events, shadow, { entity: 'user', orderBy: 'ts', id: 'id' });
    const n = events.filter((_, i) => i % 7 === 0).length;
    expect(r.counts.shadowMissingEntity).toBe(n);
    expect(r.reasons[0]).toMatchObject({ code: 'MISSING_ENTITY_FIELD', subject: 'shadow', received: n });
    expect(r.verdict).toBe('fail');
  });

  test('events without an ordering value are counted and left out of the sequences', () => {
    const shadow = events.map((e, i) => (i === 3 || i === 20 ? { ...e, ts: null } : e)) as unknown as SeqEvent[];
    const r = compareSequences(events, shadow, { entity: 'user', orderBy: 'ts', id: 'id' });
    expect(r.counts.shadowMissingOrder).toBe(2);
    expect(r.counts.shadowCompared).toBe(events.length - 2);
    expect(r.reasons.map((x) => x.code)).toContain('MISSING_ORDER_FIELD');
  });

  test('mixed types in the ordering field fail with the field named', () => {
    const shadow = events.map((e, i) => (i === 5 ? { ...e, ts: new Date(e.ts).toISOString() } : e)) as unknown as SeqEvent[];
    const r = compareSequences(events, shadow, { entity: 'user', orderBy: 'ts', id: 'id' });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.map((x) => x.code)).toEqual(['UNSORTABLE_ORDER_FIELD']);
    expect(r.reasons[0].message).toBe(
      `orderBy 'ts' cannot be sorted in shadow: it holds number in ${events.length - 1} events, string in 1 event ` +
        `(e.g. entity "${events[5].user}" has "${new Date(events[5].ts).toISOString()}")`,
    );
    expect(r.reasons[0].subject).toBe('orderBy.ts');
  });

  test('empty inputs never pass', () => {
    expect(compareSequences([], [], { entity: 'user', orderBy: 'ts' }).reasons.map((x) => x.code)).toEqual(['EMPTY_LEGACY', 'EMPTY_SHADOW']);
    const r = compareSequences(events, [], { entity: 'user', orderBy: 'ts', id: 'id' });
    expect(r.verdict).toBe('fail');
    expect(r.counts.missingEntities).toBe(10);
  });

  test('a window that leaves nothing to compare fails', () => {
    const r = compareSequences(events, events, { entity: 'user', orderBy: 'ts', window: { types: ['purchase'] } });
    expect(r.verdict).toBe('fail');
    expect(r.reasons[0]).toMatchObject({ code: 'NO_SEQUENCES' });
    expect(r.reasons[0].message).toBe(`no entity has events on either side in the window (type in ["purchase"]): nothing was compared`);
  });

  test('pre-assembled rows: no events array, a duplicated entity and a missing id are reported', () => {
    const rows = toSequenceRows(byUser(events));
    const shadow = [...rows, { user: rows[0].user, events: rows[0].events }, { user: 'zz', events: 'none' as unknown as SeqEvent[] }];
    shadow[1] = { ...shadow[1], events: shadow[1].events.map((e, i) => (i === 0 ? { ...e, id: undefined as unknown as string } : e)) };
    const r = compareSequences(rows, shadow, { entity: 'user', assembled: true, id: 'id' });
    expect(r.reasons.filter((x) => x.severity === 'fail').map((x) => [x.code, x.received])).toEqual([
      ['EVENTS_NOT_ARRAY', 1],
      ['DUPLICATE_ENTITY', 1],
      ['MISSING_ID', 1],
      ['EXACT_RATE_BELOW_MIN', 8 / 9],
    ]);
    expect(r.counts.entities).toBe(9); // the duplicated entity is left out on both sides
  });

  test('a row that is not an object throws, naming the side and index', () => {
    expect(() => compareSequences([events[0], 3 as unknown as SeqEvent], events, { entity: 'user', orderBy: 'ts' })).toThrow(
      'compareSequences: legacy[1] must be an object (one event), got 3',
    );
  });
});

describe('pre-assembled ranked lists of plain values', () => {
  test('primitive events are their own identity; RBO weighs the top of the list', () => {
    const legacy = [{ q: 'shoes', items: [101, 102, 103, 104] }];
    const shadow = [{ q: 'shoes', items: [102, 101, 103, 104] }];
    const r = compareSequences(legacy, shadow, { entity: 'q', assembled: { events: 'items' } });
    expect(classes(r)).toEqual([['reordered', 1, 1]]);
    // X1 = 0, X2 = 2, X3 = 3, X4 = 4: (0.1/0.9)(0 + 0.81 + 0.729 + 0.6561) + 0.6561, worked by hand
    expect(r.metrics.rbo).toBeCloseTo((0.1 / 0.9) * (0.81 + 0.729 + 0.6561) + 0.6561, 12);
    expect(r.examples[0].legacy).toEqual([101, 102, 103, 104]);
  });
});

describe('thresholds', () => {
  // Worked by hand (see docs/compareSequences.md): ann a1 a2 a3 vs a1 a3 a2, bob b1 b2 vs b2.
  // mean edit distance (2/3 + 1/2)/2 = 7/12; precision 3/4; recall 3/5; Kendall tau (ann only) 1/3;
  // RBO (0.955 + 0.45)/2 = 0.7025.
  const legacy = [
    { user: 'ann', id: 'a1', ts: 1000 },
    { user: 'ann', id: 'a2', ts: 2000 },
    { user: 'ann', id: 'a3', ts: 2100 },
    { user: 'bob', id: 'b1', ts: 1000 },
    { user: 'bob', id: 'b2', ts: 5000 },
  ];
  const shadow = [legacy[0], { ...legacy[1], ts: 2200 }, legacy[2], legacy[4]];
  const base = { entity: 'user', orderBy: 'ts', id: 'id', fields: { ts: { time: '500ms' } }, minExactRate: 0 } as const;
  const codes = (o: object) => compareSequences(legacy, shadow, { ...base, ...o }).reasons.filter((r) => r.severity === 'fail').map((r) => r.code);

  test('the metrics are the hand-computed values', () => {
    const m = compareSequences(legacy, shadow, base).metrics;
    expect(m.meanEditDistance).toBeCloseTo(7 / 12, 12);
    expect(m.precision).toBe(0.75);
    expect(m.recall).toBeCloseTo(0.6, 12);
    expect(m.kendallTau).toBeCloseTo(1 / 3, 12);
    expect(m.rbo).toBeCloseTo((0.955 + 0.45) / 2, 12);
  });

  test.each([
    [{ maxMeanEditDistance: 0.58 }, ['MEAN_EDIT_DISTANCE_ABOVE_MAX']],
    [{ maxMeanEditDistance: 0.59 }, []],
    [{ minPrecision: 0.76 }, ['PRECISION_BELOW_MIN']],
    [{ minPrecision: 0.75 }, []],
    [{ minRecall: 0.61 }, ['RECALL_BELOW_MIN']],
    [{ minKendallTau: 0.34 }, ['KENDALL_TAU_BELOW_MIN']],
    [{ minKendallTau: 0.33 }, []],
    [{ minRbo: 0.71 }, ['RBO_BELOW_MIN']],
    [{ minRbo: 0.7 }, []],
    [{ minExactRate: 0.01 }, ['EXACT_RATE_BELOW_MIN']],
  ])('%j fails with %j', (o, expected) => {
    expect(codes(o)).toEqual(expected);
  });

  test('a Kendall tau threshold with no entity of two common events is inconclusive, not a pass', () => {
    const one = [{ user: 'ann', id: 'a1', ts: 1 }];
    const r = compareSequences(one, one, { entity: 'user', orderBy: 'ts', id: 'id', minKendallTau: 0.9 });
    expect(r.verdict).toBe('inconclusive');
    expect(r.reasons[0]).toMatchObject({ code: 'KENDALL_TAU_UNDEFINED', severity: 'inconclusive' });
  });

  test('entities absent from one side count against the entity rates', () => {
    const r = compareSequences(legacy, shadow.slice(0, 3), { ...base, maxMissingEntityRate: 0.4 });
    expect(r.counts).toMatchObject({ missingEntities: 1, extraEntities: 0 });
    expect(r.metrics.missingEntityRate).toBe(0.5);
    expect(r.reasons.map((x) => x.code)).toContain('MISSING_ENTITY_RATE_ABOVE_MAX');
    const extra = compareSequences(shadow.slice(0, 3), legacy, { ...base, maxExtraEntityRate: 0.5 });
    expect(extra.metrics.extraEntityRate).toBe(0.5);
    expect(extra.reasons.map((x) => x.code)).not.toContain('EXTRA_ENTITY_RATE_ABOVE_MAX');
  });
});

describe('properties', () => {
  const rowsArb = fc.array(
    fc.record({ user: fc.constantFrom('a', 'b', 'c'), id: fc.integer({ min: 0, max: 30 }), ts: fc.integer({ min: 0, max: 20 }) }),
    { minLength: 1, maxLength: 40 },
  );

  test('the same events in another row order always pass (ties in any order)', () => {
    fc.assert(
      fc.property(rowsArb, fc.integer({ min: 0, max: 1000 }), (rows, seed) => {
        const r = compareSequences(rows, shuffled(rows, seed), { entity: 'user', orderBy: 'ts', id: 'id' });
        expect(r.verdict).toBe('pass');
      }),
    );
  });

  test('swapping the sides swaps precision and recall, missing and extra; edit distance and tau stay', () => {
    fc.assert(
      fc.property(rowsArb, rowsArb, (a, b) => {
        const o = { entity: 'user', orderBy: 'ts', id: 'id', minExactRate: 0, maxMissingEntityRate: 1, maxExtraEntityRate: 1 } as const;
        const x = compareSequences(a, b, o);
        const y = compareSequences(b, a, o);
        expect(y.metrics.precision).toBeCloseTo(x.metrics.recall, 12);
        expect(y.metrics.recall).toBeCloseTo(x.metrics.precision, 12);
        expect(y.metrics.meanEditDistance).toBeCloseTo(x.metrics.meanEditDistance, 12);
        expect(y.counts.missingEntities).toBe(x.counts.extraEntities);
        const count = (r: SequenceReport, c: string) => r.classes.find((k) => k.class === c)?.events ?? 0;
        expect(count(y, 'missing') + count(y, 'extra')).toBe(count(x, 'missing') + count(x, 'extra'));
        if (x.metrics.kendallTau !== null) expect(y.metrics.kendallTau).toBeCloseTo(x.metrics.kendallTau, 12);
      }),
    );
  });
});
