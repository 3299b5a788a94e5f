/**
 * compareTiers against injected ground truth: faults only one tier can see are injected for known
 * entities, and the disagreements must name exactly those entities.
 */
import { describe, expect, test } from 'vitest';
import { compareTiers, renderReport, type CompareTiersOptions } from '../../src/index.js';
import { clone, shuffled } from '../_helpers/events.js';
import { DAY, T0, byUser, makeHistories, pickUsers, toSequenceRows, type SeqEvent } from '../_helpers/sequences.js';
import { thrownMessage } from '../_helpers/stripAnsi.js';

describe('fields pass but order differs (pre-assembled sequences, events read from them)', () => {
  const users = byUser(makeHistories(150, 31));
  const reversed = pickUsers([...users.keys()], 23, 4);
  const legacy = toSequenceRows(users);
  const shadow = toSequenceRows(new Map([...users].map(([u, ev]) => [u, reversed.includes(u) ? [...ev].reverse() : ev])));
  const options: CompareTiersOptions = {
    events: { key: 'id' },
    sequences: { entity: 'user', assembled: true, id: 'id', orderBy: 'ts' },
  };
  const r = compareTiers(legacy, shadow, options);

  test('the event tier passes, the sequence tier fails, and the disagreement names the reversed users', () => {
    expect(r.events.verdict).toBe('pass');
    expect(r.sequences.verdict).toBe('fail');
    expect(r.verdict).toBe('fail');
    expect(r.disagreements).toEqual([
      expect.objectContaining({ code: 'FIELDS_PASS_SEQUENCES_DIFFER', entities: 23, classes: [{ class: 'reordered', entities: 23 }], examples: reversed.slice(0, 5) }),
    ]);
    expect(r.entities).toEqual({ compared: 150, bothMatch: 127, bothDiffer: 0, sequencesOnly: 23, eventsOnly: 0, outsideWindow: 0 });
    expect(r.hints[0]).toMatch(/^the event tier alone would have passed/);
  });

  test('the same rows in another order give the same report', () => {
    expect(compareTiers(shuffled(legacy, 3), shuffled(shadow, 4), options)).toEqual(r);
  });
});

describe('an off-by-one-day window boundary: flat events equal, assembled sequences differ', () => {
  const events = makeHistories(120, 21);
  const asOf = T0 + 4 * DAY;
  const inWindow = (days: number) => (e: SeqEvent) => e.ts > asOf - days * DAY && e.ts <= asOf;
  const users = byUser(events);
  const legacy = { events, sequences: toSequenceRows(new Map([...users].map(([u, ev]) => [u, ev.filter(inWindow(2))]))) };
  const shadow = { events: clone(events), sequences: toSequenceRows(new Map([...users].map(([u, ev]) => [u, ev.filter(inWindow(3))]))) };
  const r = compareTiers(legacy, shadow, { events: { key: 'id' }, sequences: { entity: 'user', assembled: true, id: 'id', orderBy: 'ts' } });

  test('every entity whose windows differ is a sequences-only disagreement', () => {
    const differ = [...users].filter(([, ev]) => ev.filter(inWindow(2)).length !== ev.filter(inWindow(3)).length).map(([u]) => u);
    expect(differ.length).toBeGreaterThan(10);
    expect(r.events.verdict).toBe('pass');
    expect(r.entities.sequencesOnly).toBe(differ.length);
    expect(r.entities.eventsOnly).toBe(0);
    expect(r.disagreements[0].examples).toEqual(differ.slice(0, 5));
  });
});

describe('fields differ but sequences match', () => {
  const events = makeHistories(60, 81);
  const users = [...byUser(events).keys()];
  const changed = pickUsers(users, 7, 13);
  const dropped = pickUsers(users, 3, 14, new Set(changed));
  const shadow = clone(events)
    .map((e) => (changed.includes(e.user) && e.id.endsWith('-1') ? { ...e, price: e.price + 5 } : e))
    .filter((e) => !(dropped.includes(e.user) && e.id.endsWith('-2')));
  const r = compareTiers(events, shadow, {
    events: { key: 'id', minMatchRate: 0.9, maxMissingRate: 0.1 },
    sequences: { entity: 'user', orderBy: 'ts', id: 'id', fields: { price: 'ignore' }, minExactRate: 0.9 },
  });

  test('entities with only a price change are events-only; a dropped event makes both tiers differ', () => {
    expect(r.entities).toMatchObject({ compared: 60, eventsOnly: 7, bothDiffer: 3, sequencesOnly: 0, bothMatch: 50 });
    expect(r.disagreements).toEqual([expect.objectContaining({ code: 'FIELDS_DIFFER_SEQUENCES_MATCH', entities: 7, examples: changed.slice(0, 5) })]);
    expect(r.verdict).toBe('pass'); // both tiers within their thresholds; the disagreement is information
    expect(r.reasons.map((x) => [x.code, x.severity])).toEqual([['FIELDS_DIFFER_SEQUENCES_MATCH', 'info']]);
  });

  test('renames in the event tier are honoured when placing differences on entities', () => {
    const renamed = events.map(({ price, ...rest }) => ({ ...rest, amount: price }));
    const t = compareTiers(events, renamed, {
      events: { key: 'id', rename: { price: 'amount' } },
      sequences: { entity: 'user', orderBy: 'ts', id: 'id', fields: { price: 'ignore', amount: 'ignore' } },
    });
    expect(t.events.verdict).toBe('pass');
    expect(t.entities.eventsOnly).toBe(0);
    expect(t.verdict).toBe('pass');
  });
});

describe('compareTiers options', () => {
  const rows = [{ user: 'u', id: 'a', ts: 1 }];
  test('name the tier whose option is wrong', () => {
    expect(thrownMessage(() => compareTiers(rows, rows, { events: { kye: 'id' }, sequences: { entity: 'user', orderBy: 'ts' } } as never))).toMatchInlineSnapshot(
      `"compareTiers: options.events: unknown option 'kye'; did you mean 'key'?"`,
    );
    expect(thrownMessage(() => compareTiers(rows, rows, { events: { key: 'id' }, sequences: { entity: 'user', orderBy: 'ts', dedup: 'all' } } as never))).toMatchInlineSnapshot(
      `"compareTiers: options.sequences: dedup must be one of 'none', 'by-id', 'consecutive', got "all""`,
    );
    expect(thrownMessage(() => compareTiers(rows, rows, { events: { key: 'id' } } as never))).toMatchInlineSnapshot(
      `"compareTiers: options.sequences is required: the sequence tier's options, e.g. { entity: 'userId', orderBy: 'ts', id: 'eventId' }"`,
    );
    expect(thrownMessage(() => compareTiers(rows, rows, { events: { key: 'id' }, sequences: { entity: 'user', orderBy: 'ts' }, sequence: {} } as never))).toMatchInlineSnapshot(
      `"compareTiers: unknown option 'sequence'; did you mean 'sequences'?"`,
    );
  });

  test('refuses event options the per-entity placement cannot follow, instead of flagging entities the event tier passes', () => {
    const seq = { entity: 'user', orderBy: 'ts' } as const;
    expect(thrownMessage(() => compareTiers(rows, rows, { events: { key: 'id', compare: 'common' }, sequences: seq }))).toMatchInlineSnapshot(
      `"compareTiers: options.events.compare 'common' is not supported here; use 'all' or 'declared' (or compareEvents alone)"`,
    );
    expect(thrownMessage(() => compareTiers(rows, rows, { events: { key: 'id', ignoreFieldCase: true }, sequences: seq }))).toMatch(
      /^compareTiers: options\.events\.ignoreFieldCase is not supported here/,
    );
  });

  test('empty inputs never pass', () => {
    const r = compareTiers([], [], { events: { key: 'id' }, sequences: { entity: 'user', orderBy: 'ts' } });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.map((x) => x.code)).toEqual(['EMPTY_LEGACY', 'EMPTY_SHADOW', 'EMPTY_LEGACY', 'EMPTY_SHADOW']);
    expect(renderReport(r).split('\n')[0]).toBe('Shadow does not match legacy on both tiers: event tier fail, sequence tier fail.');
  });
});
