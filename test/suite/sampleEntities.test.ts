import { describe, expect, test } from 'vitest';
import { sampleEntities } from '../../src/suite/_internal/sampleEntities.js';
import { makeEvents } from '../_helpers/events.js';

/** 4,000 events of 400 users (10 each, by construction). */
function rows() {
  return makeEvents(4000, 9).map((e, i) => ({ ...e, user: `u${i % 400}` }));
}

describe('sampleEntities', () => {
  test('keeps whole entities, the same ones on both sides', () => {
    const legacy = rows();
    const shadow = rows().slice(0, 3990); // the last 10 rows missing in shadow
    const s = sampleEntities(legacy, shadow, { maxRows: 1000, entity: 'user', seed: 3 });
    const count = (xs: { user: string }[]) => xs.reduce((m, r) => m.set(r.user, (m.get(r.user) ?? 0) + 1), new Map<string, number>());
    const l = count(s.legacy as { user: string }[]);
    for (const n of l.values()) expect(n).toBe(10);
    const sh = count(s.shadow as { user: string }[]);
    for (const u of sh.keys()) expect(l.has(u)).toBe(true);
    expect(s.sample).toMatchObject({ seed: 3, entity: 'user', maxRows: 1000, fraction: 0.25, rows: { legacy: 4000, shadow: 3990 } });
    expect(s.sample!.sampled.legacy).toBe(s.legacy.length);
  });

  test('keeps about maxRows rows: 400 entities at fraction 1/4 stay within 4 binomial SDs', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const s = sampleEntities(rows(), rows(), { maxRows: 1000, entity: 'user', seed });
      const entities = s.legacy.length / 10;
      // Binomial(400, 0.25): mean 100, sd sqrt(75) ≈ 8.66
      expect(Math.abs(entities - 100)).toBeLessThan(4 * Math.sqrt(75));
    }
  });

  test('the same seed replays the same sample; another seed draws another', () => {
    const a = sampleEntities(rows(), rows(), { maxRows: 1000, entity: 'user', seed: 11 });
    const b = sampleEntities(rows(), rows(), { maxRows: 1000, entity: 'user', seed: 11 });
    const c = sampleEntities(rows(), rows(), { maxRows: 1000, entity: 'user', seed: 12 });
    expect(b.legacy.map((r) => r.id)).toEqual(a.legacy.map((r) => r.id));
    expect(c.legacy.map((r) => r.id)).not.toEqual(a.legacy.map((r) => r.id));
  });

  test('inputs within maxRows are returned whole, with no sample record', () => {
    const s = sampleEntities(rows(), rows(), { maxRows: 4000, entity: 'user', seed: 1 });
    expect(s.legacy).toHaveLength(4000);
    expect(s.sample).toBeUndefined();
  });
});
