import { describe, expect, test } from 'vitest';
import { applyPerturbations, type Perturbation } from '../../src/arbitraries/index.js';

type E = { id: string; entity: string; ts: number; value: number; label: string };
const ev = (id: string, entity: string, ts: number, value: number, label = 'x'): E => ({ id, entity, ts, value, label });
// Hand-made base: u0 has two same-entity ties (a0/a1 at 1000, a3/a4 at 5000).
const BASE: readonly E[] = Object.freeze(
  [
    ev('a0', 'u0', 1000, 1.5),
    ev('a1', 'u0', 1000, -2, 'y'),
    ev('b0', 'u1', 2000, 10),
    ev('a2', 'u0', 3000, 0.25),
    ev('b1', 'u1', 3000, 7, 'z'),
    ev('c0', 'u2', 4000, 100),
    ev('a3', 'u0', 5000, 3),
    ev('a4', 'u0', 5000, 4),
    ev('b2', 'u1', 6000, 8),
    ev('c1', 'u2', 9000, 200),
    ev('a5', 'u0', 9500, 5),
    ev('b3', 'u1', 12000, 9),
  ].map((e) => Object.freeze(e)),
);
const ids = (rows: readonly E[]) => rows.map((e) => e.id);
const apply = (ps: Perturbation[], seed = 1) => applyPerturbations(BASE as E[], ps, { seed });
const byId = new Map(BASE.map((e) => [e.id, e]));

describe('applyPerturbations', () => {
  test('drop removes round(rate × n) events and names exactly those', () => {
    const { legacy, shadow, injected } = apply([{ kind: 'drop', magnitude: 0.25 }]);
    expect(legacy).toEqual(BASE);
    expect(shadow).toHaveLength(9);
    const gone = ids(BASE as E[]).filter((id) => !ids(shadow).includes(id));
    expect(gone).toHaveLength(3);
    expect(injected.missing).toEqual(gone);
    expect(injected.applied[0].keys).toEqual(gone);
    expect(ids(shadow)).toEqual(ids(BASE as E[]).filter((id) => !gone.includes(id)));
    expect(injected).toMatchObject({ legacyCount: 12, shadowCount: 9, extra: [], duplicated: [], changed: [], orderChanged: false });
    expect(injected.applied[0]).toMatchObject({ eligible: 12, affected: 3, amount: 0.25 });
  });

  test('duplicate delivers copies right after their originals', () => {
    const { shadow, injected } = apply([{ kind: 'duplicate', magnitude: 0.25 }]);
    expect(shadow).toHaveLength(15);
    const twice = [...new Set(ids(shadow))].filter((id) => ids(shadow).filter((x) => x === id).length === 2);
    expect(twice).toHaveLength(3);
    expect(injected.duplicated).toEqual(twice);
    for (const id of twice) {
      const i = ids(shadow).indexOf(id);
      expect(shadow[i + 1]).toEqual(shadow[i]);
      expect(shadow[i + 1]).not.toBe(shadow[i]);
    }
    expect(injected.missing).toEqual([]);
  });

  test("truncate removes each entity's latest events", () => {
    // u0: 6 events → last 3; u1: 4 → last 2; u2: 2 → last 1.
    const { injected } = apply([{ kind: 'truncate', magnitude: 0.5 }]);
    expect(injected.missing).toEqual(['c1', 'a3', 'a4', 'b2', 'a5', 'b3'].sort((x, y) => ids(BASE as E[]).indexOf(x) - ids(BASE as E[]).indexOf(y)));
  });

  test('reorderTies swaps only same-entity neighbours with equal timestamps', () => {
    const { shadow, injected } = apply([{ kind: 'reorderTies', magnitude: 1 }]);
    expect(ids(shadow)).toEqual(['a1', 'a0', 'b0', 'a2', 'b1', 'c0', 'a4', 'a3', 'b2', 'c1', 'a5', 'b3']);
    expect(injected).toMatchObject({ orderChanged: true, missing: [], changed: [] });
    expect(injected.applied[0]).toMatchObject({ eligible: 2, affected: 2 });
  });

  test('swapNeighbours swaps consecutive same-entity events pairwise', () => {
    const { shadow, injected } = apply([{ kind: 'swapNeighbours', magnitude: 1 }]);
    expect(ids(shadow)).toEqual(['a1', 'a0', 'b1', 'a3', 'b0', 'c1', 'a2', 'a5', 'b3', 'c0', 'a4', 'b2']);
    expect(injected.applied[0]).toMatchObject({ eligible: 6, affected: 6 });
    expect(injected.changed).toEqual([]);
  });

  test('shiftField adds the magnitude and records each delta as computed', () => {
    const { shadow, injected } = apply([{ kind: 'shiftField', magnitude: 0.1 }]);
    shadow.forEach((e, i) => expect(e.value).toBe(BASE[i].value + 0.1));
    expect(injected.changed).toHaveLength(12);
    for (const c of injected.changed) {
      expect(c.field).toBe('value');
      expect(c.delta).toBe((c.shadow as number) - (c.legacy as number));
    }
  });

  test('scaleField multiplies by 1 + magnitude and records the relative delta', () => {
    const { shadow, injected } = apply([{ kind: 'scaleField', magnitude: 0.5 }]);
    shadow.forEach((e, i) => expect(e.value).toBe(BASE[i].value * 1.5));
    for (const c of injected.changed) expect(c.relDelta).toBeCloseTo(1 / 3, 12);
    expect(injected.applied[0].amount).toBeCloseTo(1 / 3, 12);
  });

  test('nullField and changeType change exactly round(rate × n) values', () => {
    const n = apply([{ kind: 'nullField', magnitude: 0.5 }]);
    expect(n.injected.changed).toHaveLength(6);
    for (const c of n.injected.changed) expect(c).toMatchObject({ field: 'value', legacy: byId.get(c.key)!.value, shadow: null });
    const t = apply([{ kind: 'changeType', magnitude: 1 }]);
    t.shadow.forEach((e, i) => expect(e.value).toBe(String(BASE[i].value)));
  });

  test('jitterTime moves each picked time by 1…magnitude ms, one by exactly magnitude', () => {
    const { shadow, injected } = apply([{ kind: 'jitterTime', magnitude: 300 }]);
    const deltas = shadow.map((e, i) => e.ts - BASE[i].ts);
    expect(Math.max(...deltas.map(Math.abs))).toBe(300);
    for (const d of deltas) {
      expect(Math.abs(d)).toBeGreaterThanOrEqual(1);
      expect(Number.isInteger(d)).toBe(true);
    }
    expect(injected.changed.map((c) => c.delta)).toEqual(deltas);
    expect(injected.applied[0].amount).toBe(300);
  });

  test('clockSkew shifts every event of the picked entities and nothing else', () => {
    const { shadow, injected } = apply([{ kind: 'clockSkew', magnitude: 60_000, rate: 0.34 }]);
    const [skewed] = injected.applied[0].entities;
    expect(injected.applied[0].entities).toHaveLength(1); // round(0.34 × 3 entities)
    shadow.forEach((e, i) => expect(e.ts - BASE[i].ts).toBe(e.entity === skewed ? 60_000 : 0));
  });

  test('lateArrival moves an event behind everything up to ts + delay, keeping its timestamp', () => {
    const { shadow, injected } = apply([{ kind: 'lateArrival', magnitude: 2500, rate: 0.1 }], 3);
    const [move] = injected.applied[0].moved;
    expect(injected.applied[0].moved).toHaveLength(1);
    const moved = byId.get(move.key)!;
    expect([...shadow].sort((a, b) => a.id.localeCompare(b.id))).toEqual([...BASE].sort((a, b) => a.id.localeCompare(b.id)));
    const at = ids(shadow).indexOf(moved.id);
    const origAt = ids(BASE as E[]).indexOf(moved.id);
    for (const [j, e] of BASE.entries()) {
      if (j <= origAt) continue;
      if (e.ts <= moved.ts + 2500) expect(ids(shadow).indexOf(e.id)).toBeLessThan(at);
      else expect(ids(shadow).indexOf(e.id)).toBeGreaterThan(at);
    }
    expect(injected.orderChanged).toBe(true);
  });

  test('composed perturbations are summarised exactly by the final diff', () => {
    const { injected } = apply([
      { kind: 'drop', magnitude: 0.25 },
      { kind: 'shiftField', magnitude: 1 },
    ]);
    expect(injected.missing).toHaveLength(3);
    expect(injected.applied[1].eligible).toBe(9);
    expect(injected.changedKeys).toEqual(ids(BASE as E[]).filter((id) => !injected.missing.includes(id)));
  });

  test('is deterministic under a seed and picks differently under another', () => {
    const p: Perturbation[] = [{ kind: 'drop', magnitude: 0.5 }];
    expect(apply(p, 5)).toEqual(apply(p, 5));
    expect(apply(p, 5).injected.missing).not.toEqual(apply(p, 6).injected.missing);
  });

  test('refuses bad perturbations and bases naming the problem', () => {
    expect(() => apply([{ kind: 'dorp' as never, magnitude: 0.1 }])).toThrow(
      "applyPerturbations: perturbations[0].kind must be one of 'drop', 'duplicate'",
    );
    expect(() => apply([{ kind: 'drop', magnitude: 1.5 }])).toThrow('applyPerturbations: perturbations[0].magnitude must be a finite number in [0, 1], got 1.5');
    expect(() => apply([{ kind: 'drop', magnitude: 0.1, rate: 0.5 }])).toThrow("perturbations[0].rate does not apply to 'drop'");
    expect(() => apply([{ kind: 'shiftField', magnitude: 1, field: '__proto__' }])).toThrow('perturbations[0].field must be a dotted field path');
    expect(() => applyPerturbations([{ id: 1 }, { id: 1 }], [])).toThrow("applyPerturbations: key '1' appears twice in legacy");
    expect(() => applyPerturbations([{ x: 1 }], [])).toThrow("applyPerturbations: legacy[0] has no key field 'id'");
  });
});

describe('hostile perturbations', () => {
  const hostile = (h: Perturbation['hostile']) => apply([{ kind: 'hostile', hostile: h, magnitude: 0.5 }]);
  const offset = (zone: string, t: number) =>
    new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).formatToParts(t).find((p) => p.type === 'timeZoneName')!.value;

  test('negativeZero and nan write pairs the engine treats as equal', () => {
    const z = hostile('negativeZero');
    for (const c of z.injected.applied[0].changes) expect(c).toMatchObject({ legacy: 0, equalByDefault: true });
    for (const c of z.injected.applied[0].changes) expect(Object.is(c.shadow, -0)).toBe(true);
    const n = hostile('nan');
    for (const k of n.injected.applied[0].keys) {
      expect(n.legacy.find((e) => e.id === k)!.value).toBeNaN();
      expect(n.shadow.find((e) => e.id === k)!.value).toBeNaN();
    }
    expect(n.injected.changed).toEqual([]); // NaN vs NaN is no raw change
  });

  test('subnormal values are flushed to zero and huge ones lose one ulp', () => {
    for (const c of hostile('subnormal').injected.changed) {
      expect(Math.abs(c.legacy as number)).toBeGreaterThan(0);
      expect(Math.abs(c.legacy as number)).toBeLessThan(2.2250738585072014e-308); // Number.MIN_NORMAL
      expect(c.shadow).toBe(0);
    }
    for (const c of hostile('huge').injected.changed) {
      const [a, b] = [c.legacy as number, c.shadow as number];
      expect(Math.abs(a)).toBeGreaterThanOrEqual(Number.MAX_VALUE / 2);
      expect(Math.abs(b)).toBeLessThan(Math.abs(a));
      expect(Math.abs(a - b)).toBe(2 ** (Math.floor(Math.log2(Math.abs(a))) - 52)); // one ulp at that binade
    }
  });

  test('dst timestamps sit in the hour after a real offset change and move by one hour', () => {
    const { injected } = hostile('dst');
    expect(injected.changed).toHaveLength(6);
    for (const c of injected.changed) {
      expect(c.field).toBe('ts');
      expect(c.delta).toBe(3_600_000);
      const t = c.legacy as number;
      const changes = ['Europe/Berlin', 'America/New_York'].filter((z) => offset(z, t - 3_600_001) !== offset(z, t + 1));
      expect(changes.length).toBeGreaterThan(0);
    }
  });

  test('unicode pairs differ only in normalisation', () => {
    const { injected } = hostile('unicode');
    for (const c of injected.changed) {
      expect(c.field).toBe('label');
      expect(c.legacy).not.toBe(c.shadow);
      expect((c.shadow as string).normalize('NFC')).toBe(c.legacy);
    }
  });
});
