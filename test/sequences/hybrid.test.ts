/**
 * Hybrid sequences (issue 13): shadow events for the migrated types, legacy for the rest, compared with the
 * legacy sequences. The injected bug: the new pipeline stamps its events 30 minutes late, within the
 * 1-hour time tolerance of the field rules. Alone, the migrated type's sequences keep their order (every
 * event shifted alike), so the per-type comparison passes; mixed with legacy events of the other types, a
 * late event overtakes its neighbours. The expected count of reordered users comes from the test's own
 * assembly (test/_helpers/sequences.ts byUser), never from the engine.
 */
import { describe, expect, test } from 'vitest';
import { compareSequences } from '../../src/index.js';
import { hybridEvents } from '../../src/sequences/hybrid.js';
import { byUser, makeHistories, type SeqEvent } from '../_helpers/sequences.js';

const SHIFT = 30 * 60_000;
const legacy = makeHistories(150, 23, 10, 40);
const shadow: SeqEvent[] = legacy.map((e) => (e.type === 'search' ? { ...e, ts: e.ts + SHIFT } : { ...e }));
const options = { entity: 'user', orderBy: 'ts', id: 'id', fields: { ts: { time: '1h' } } } as const;
const searchOnly = (rows: SeqEvent[]) => rows.filter((e) => e.type === 'search');

/** Users whose hybrid order (by the test's own assembly) differs from their legacy order. */
function reorderedUsers(): string[] {
  const legacyOrder = byUser(legacy);
  const hybridOrder = byUser([...shadow.filter((e) => e.type === 'search'), ...legacy.filter((e) => e.type !== 'search')]);
  return [...legacyOrder.keys()].filter((u) => legacyOrder.get(u)!.map((e) => e.id).join() !== hybridOrder.get(u)!.map((e) => e.id).join());
}

describe('compareSequences with hybrid', () => {
  test('passes per type: the migrated type alone keeps its order under the shift', () => {
    const alone = compareSequences(legacy.filter((e) => e.type === 'search'), shadow.filter((e) => e.type === 'search'), options);
    expect(alone.verdict).toBe('pass');
  });

  test('fails once types mix, with exactly the users whose mixed order changed', () => {
    const expected = reorderedUsers();
    expect(expected.length).toBeGreaterThan(10); // the seeded data does exercise the bug
    const r = compareSequences(legacy, shadow, { ...options, hybrid: { migrated: ['search'] } });
    expect(r.verdict).toBe('fail');
    expect(r.counts.differing).toBe(expected.length);
    expect(r.counts.exact).toBe(150 - expected.length);
    expect(r.classes.map((c) => c.class)).toContain('reordered');
    expect(r.hybrid).toEqual({ migrated: ['search'], type: 'type', fromShadow: shadow.filter((e) => e.type === 'search').length, fromLegacy: legacy.filter((e) => e.type !== 'search').length });
  });

  test('passes when the new pipeline stamps its events on time', () => {
    const fixed = legacy.map((e) => ({ ...e }));
    expect(compareSequences(legacy, fixed, { ...options, hybrid: { migrated: ['search', 'click'] } }).verdict).toBe('pass');
  });

  test('fails when shadow has no event of a migrated type (the hybrid would be legacy compared with itself)', () => {
    const r = compareSequences(legacy, shadow, { ...options, hybrid: { migrated: ['purchase'] } });
    expect(r.verdict).toBe('fail');
    expect(r.reasons.map((x) => x.message)).toMatchInlineSnapshot(`
      [
        "shadow has no event of the migrated type purchase (at 'type'): the hybrid would only compare legacy with itself",
      ]
    `);
  });

  test('refuses bad hybrid options naming the option', () => {
    expect(() => compareSequences(legacy, shadow, { ...options, hybrid: { migrated: [] } })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareSequences: hybrid.migrated must be a non-empty array of event type names, got an array of length 0; with no migrated type there is no hybrid (compare legacy with shadow instead)]`);
    expect(() => compareSequences(legacy, shadow, { ...options, hybrid: { migrated: ['search'], typ: 'kind' } as never })).toThrowErrorMatchingInlineSnapshot(`[ShadowOptionError: compareSequences: unknown option 'hybrid.typ'; did you mean 'type'?]`);
    expect(() => compareSequences([{ user: 'a', events: [] }], [{ user: 'a', events: [] }], { entity: 'user', assembled: true, hybrid: { migrated: ['search'] } })).toThrow(/hybrid needs flat events/);
  });

  test('reaches the matcher: toMatchSequences with hybrid fails on the mixed sequences', () => {
    expect(() => expect(shadow).toMatchSequences(legacy, { ...options, hybrid: { migrated: ['search'] } })).toThrow(/do not match legacy/);
    expect(searchOnly(shadow)).toMatchSequences(searchOnly(legacy), options);
  });

  test('hybridEvents takes migrated types from shadow and the rest from legacy', () => {
    expect(hybridEvents([{ type: 'click', v: 1 }, { type: 'search', v: 'old' }], [{ type: 'search', v: 'new' }, { type: 'click', v: 2 }], { migrated: ['search'] })).toEqual([
      { type: 'search', v: 'new' },
      { type: 'click', v: 1 },
    ]);
  });
});
